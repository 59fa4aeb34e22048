import { ConfigError } from './config-error.js';
import { MAGIC_LINK_TOKEN } from './engine/magic-links.js';

/**
 * `--magic-link-url` / MFA_SANDBOX_MAGIC_LINK_URL: an http(s) URL with `{token}` in it, where each link's token goes.
 *
 * @example
 * toMagicLinkUrl('http://localhost:5173/mfa/magic-link?token={token}') // the same text
 * toMagicLinkUrl('http://localhost:5173/mfa/magic-link') // throws ConfigError: ... with {token} where the link's token goes ...
 */
export function toMagicLinkUrl(raw: unknown): string {
  // As createSandbox() and createMfaHandlers() take it from JavaScript, where it may be anything.
  if (typeof raw !== 'string') throw new ConfigError(`must be a string such as "${EXAMPLE}", got ${JSON.stringify(raw)}`);
  const value = raw.trim();
  const sample = value.replaceAll(MAGIC_LINK_TOKEN, 'token');
  const url = URL.canParse(sample) ? new URL(sample) : undefined;
  if (!value.includes(MAGIC_LINK_TOKEN) || !url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(
      `magic link URL must be an http(s) URL with ${MAGIC_LINK_TOKEN} where the link's token goes, such as ${EXAMPLE}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

const EXAMPLE = `http://localhost:5173/mfa/magic-link?token=${MAGIC_LINK_TOKEN}`;
