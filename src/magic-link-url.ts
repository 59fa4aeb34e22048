import { ConfigError } from './config-error.js';
import { MAGIC_LINK_SESSION, MAGIC_LINK_TOKEN } from './engine/magic-links.js';

/**
 * `--magic-link-url` / MFA_SANDBOX_MAGIC_LINK_URL: the app's page (http or https) or the app's own deep link
 * (`myapp://`, Expo's `exp://`, Android's `intent://`), with `{token}` in it where each link's token goes and
 * optionally `{session}` where the session's id goes.
 *
 * @example
 * toMagicLinkUrl('http://localhost:5173/mfa/magic-link?token={token}') // the same text
 * toMagicLinkUrl('myapp://mfa/magic-link?token={token}') // the same text: a phone opens the app
 * toMagicLinkUrl('http://localhost:5173/mfa/magic-link') // throws ConfigError: ... with {token} where the link's token goes ...
 */
export function toMagicLinkUrl(raw: unknown): string {
  // As createSandbox() and createMfaHandlers() take it from JavaScript, where it may be anything.
  if (typeof raw !== 'string') throw new ConfigError(`must be a string such as "${EXAMPLE}", got ${JSON.stringify(raw)}`);
  const value = raw.trim();
  const sample = value.replaceAll(MAGIC_LINK_TOKEN, 'token').replaceAll(MAGIC_LINK_SESSION, 'session');
  const url = URL.canParse(sample) ? new URL(sample) : undefined;
  // An app's link names its host part after `//` (`myapp://...`): `localhost:5173/?token=...` is an address without
  // its http://, which URL reads as a scheme `localhost:`.
  const appLink = url !== undefined && url.protocol !== 'http:' && url.protocol !== 'https:';
  if (!value.includes(MAGIC_LINK_TOKEN) || !url || NO_LINK_SCHEMES.has(url.protocol) || (appLink && !value.startsWith(`${url.protocol}//`))) {
    throw new ConfigError(
      `magic link URL must be an http(s) URL or an app's deep link (myapp://...) with ${MAGIC_LINK_TOKEN} where the link's token goes, ` +
        `such as ${EXAMPLE}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

/**
 * Schemes no e-mail's link opens an app's page with: those that run or hold content themselves (a link in the QA
 * console would run it), and those of other protocols. Any other scheme is an app's own (a mobile app's deep link).
 */
const NO_LINK_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:', 'ftp:', 'ws:', 'wss:', 'mailto:', 'tel:', 'sms:']);

const EXAMPLE = `http://localhost:5173/mfa/magic-link?token=${MAGIC_LINK_TOKEN}`;
