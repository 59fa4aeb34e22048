import { toExpiryIsoTime } from './session-clock.js';
import { createOpaqueToken } from './random-codes.js';
import { addMagicLink, appendOutboxMessage } from './world-limits.js';
import { newId, settleMfaState, userById, type MagicLink, type User, type World } from './world.js';

/** The path of a session's magic link on the sandbox (the admin API's page that follows it). */
export function toMagicLinkPath(sessionId: string, token: string): string {
  return `${magicLinksOf(sessionId)}${token}`;
}

/** Where a magic link's token goes in the app's page (`--magic-link-url`). */
export const MAGIC_LINK_TOKEN = '{token}';
/** Where the session's id goes in the app's page, if the app wants it (a page that calls the sandbox under /s/<id>/). */
export const MAGIC_LINK_SESSION = '{session}';

/**
 * A magic link on the app's own page (`--magic-link-url`): the template with the token in place of `{token}` and the
 * session's id in place of `{session}`.
 *
 * @example
 * toAppMagicLink('http://localhost:5173/magic?token={token}', 'abc', 'qa-1'); // 'http://localhost:5173/magic?token=abc'
 * toAppMagicLink('http://192.168.1.20:4010/__admin/sessions/{session}/magic-links/{token}', 'abc', 'qa-1'); // '.../sessions/qa-1/magic-links/abc'
 */
export function toAppMagicLink(template: string, token: string, sessionId: string): string {
  return template.replaceAll(MAGIC_LINK_TOKEN, encodeURIComponent(token)).replaceAll(MAGIC_LINK_SESSION, encodeURIComponent(sessionId));
}

const magicLinksOf = (sessionId: string) => `/__admin/sessions/${encodeURIComponent(sessionId)}/magic-links/`;

/**
 * A host and port to write into a link: the request's Host when it is one (`a b` is not), else `npm start`'s address.
 *
 * @example
 * toLinkHost('127.0.0.1:4010'); // '127.0.0.1:4010'
 */
function toLinkHost(host: string | string[] | undefined): string {
  const value = Array.isArray(host) ? host[0] : host;
  return value !== undefined && isLinkHost(value) ? value : 'localhost:4010';
}

const LINK_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Whether a Host header's value can be written into a link: a name or IP address, and a port (not `a b`, not empty). */
export function isLinkHost(host: string): boolean {
  return LINK_HOST.test(host);
}

/** The first value of a header a proxy may have appended to (`X-Forwarded-Proto: https, http`), trimmed. */
function firstForwarded(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
}

/** A path prefix: segments of URL path characters (percent-escapes included), no `.` or `..` segment. */
const PATH_PREFIX = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/;

/**
 * The path a proxy serves the sandbox under, as its `X-Forwarded-Prefix` says (`/mfa`: nginx, Traefik's StripPrefix,
 * Spring's convention), without a trailing slash; `''` without one, or for a value that is no path prefix.
 *
 * @example
 * toForwardedPrefix({ 'x-forwarded-prefix': '/mfa/' }); // '/mfa'
 */
export function toForwardedPrefix(headers: Record<string, string | string[] | undefined>): string {
  const prefix = firstForwarded(headers['x-forwarded-prefix'])?.replace(/\/+$/, '');
  return prefix !== undefined && PATH_PREFIX.test(prefix) ? prefix : '';
}

/**
 * `scheme://host[:port][/prefix]`, what a path of the sandbox (`/__admin/...`) is written after in a link, as the
 * client reached the sandbox: behind a tunnel or proxy (ngrok, cloudflared, nginx, an ingress) the
 * `X-Forwarded-Proto`, `X-Forwarded-Host` (with `X-Forwarded-Port`) and `X-Forwarded-Prefix` it sets, else `http` and the request's Host (see
 * toLinkHost). A forwarded value that is not a scheme, a host or a path prefix is ignored.
 *
 * @example
 * toLinkBase({ host: '127.0.0.1:4010', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'abc.ngrok.app' }); // 'https://abc.ngrok.app'
 * toLinkBase({ host: 'qa.example.test', 'x-forwarded-prefix': '/mfa' }); // 'http://qa.example.test/mfa'
 */
export function toLinkBase(headers: Record<string, string | string[] | undefined>): string {
  const proto = firstForwarded(headers['x-forwarded-proto'])?.toLowerCase();
  const forwardedHost = firstForwarded(headers['x-forwarded-host']);
  const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
  // The proxy's port goes with whichever host the link names: nginx's `proxy_set_header Host $host` passes the
  // host without its port, and sets no X-Forwarded-Host.
  const host = withForwardedPort(
    forwardedHost !== undefined && isLinkHost(forwardedHost) ? forwardedHost : toLinkHost(headers.host),
    scheme,
    headers['x-forwarded-port'],
  );
  return `${scheme}://${host}${toForwardedPrefix(headers)}`;
}

/**
 * A host without a port (forwarded, or the Host a proxy passed on), with the `X-Forwarded-Port` a proxy on a port other
 * than its scheme's sets beside it (Traefik, an ingress on 8443): the link named the scheme's default port, where
 * nothing answered. A host with a port keeps it.
 */
function withForwardedPort(host: string, scheme: string, portHeader: string | string[] | undefined): string {
  const port = firstForwarded(portHeader);
  if (port === undefined || !/^\d{1,5}$/.test(port) || Number(port) > 65_535 || /:\d+$/.test(host)) return host;
  return port === (scheme === 'https' ? '443' : '80') ? host : `${host}:${port}`;
}

/**
 * Point the links a session file's outbox holds at the session it is imported into: they named the session it was
 * exported from, and following one there would change that session, not this one. With `base` (the importing
 * sandbox's `http://host:port` and prefix, see toLinkBase, when the import came over HTTP) they name that sandbox too;
 * without it, the host stays (a replica behind the same load balancer is reached the same).
 */
export function retargetMagicLinks(worlds: Record<string, World>, fromSessionId: string, toSessionId: string, base?: string): void {
  const from = magicLinksOf(fromSessionId);
  const to = magicLinksOf(toSessionId);
  const retarget = (text: string) => {
    const retargeted = text.replaceAll(from, to);
    // Scheme, host and any path before the sandbox's own (a prefix it was served under) are the exporter's.
    return base === undefined ? retargeted : rebaseUrlsBefore(retargeted, to, base);
  };
  for (const world of Object.values(worlds)) {
    for (const message of world.outbox) {
      if (message.link === undefined || !message.link.includes(from)) continue;
      message.link = retarget(message.link);
      message.text = retarget(message.text);
    }
  }
}

/**
 * `text` with the start of each URL that leads up to `marker` (its scheme, host and any path before the marker, in one
 * run of text without whitespace) replaced by `base`: the first `http://` or `https://` of that run before the marker
 * whose host is not empty. One pass, in the text's length: a regular expression for it
 * (`https?://[^/\s]+[^\s]*?(?=marker)`) took quadratic time on a message of many `http://a`, and an imported session
 * file of 130 KB held the server (every session's requests) for 19 seconds.
 *
 * @example
 * rebaseUrlsBefore('Follow http://old:4010/x/__admin/sessions/a/magic-links/t1 now', '/__admin/sessions/a/magic-links/', 'http://new:4010')
 * // 'Follow http://new:4010/__admin/sessions/a/magic-links/t1 now'
 */
export function rebaseUrlsBefore(text: string, marker: string, base: string): string {
  let rebased = '';
  let copied = 0;
  // Where a URL that reaches the next marker may start: not before a URL already rebased, nor well before a marker no
  // URL reached (one starting earlier in the same run would have reached that marker first, unless its scheme ran
  // into the marker: `http:/` then a marker that starts with `/`).
  let searchFrom = 0;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    const runStart = lastWhitespaceBetween(text, searchFrom, at) + 1;
    const urlStart = firstUrlStart(text.slice(runStart, at));
    if (urlStart !== -1) {
      rebased += text.slice(copied, runStart + urlStart) + base;
      copied = at;
    }
    searchFrom = urlStart !== -1 ? at : Math.max(searchFrom, at - 'https://'.length);
  }
  return rebased + text.slice(copied);
}

/** The last whitespace in [from, end), or `from - 1` if none: each character is looked at once over a whole text. */
function lastWhitespaceBetween(text: string, from: number, end: number): number {
  for (let index = end - 1; index >= from; index--) if (/\s/.test(text[index]!)) return index;
  return from - 1;
}

/** Where the first `http://` or `https://` of `run` followed by a host (a character other than `/`) starts, or -1. */
function firstUrlStart(run: string): number {
  for (let index = run.indexOf('http'); index !== -1; index = run.indexOf('http', index + 1)) {
    const afterScheme = run.startsWith('https://', index) ? index + 8 : run.startsWith('http://', index) ? index + 7 : -1;
    if (afterScheme !== -1 && afterScheme < run.length && run[afterScheme] !== '/') return index;
  }
  return -1;
}

/**
 * Issue a magic link: a single-use token with an expiry, delivered as an email to the session's outbox, worded for
 * what following it does: signing in a user who has magic links on, else turning them on.
 * `toLink` builds the URL to follow (the transport knows the host; the engine does not).
 */
export function issueMagicLink(world: World, user: User, options: { ttlMs: number; nowMs: number; toLink: (token: string) => string }): string {
  const token = createOpaqueToken();
  const expiresAt = toExpiryIsoTime(options.nowMs + options.ttlMs);
  addMagicLink(world, { token, userId: user.id, expiresAt, used: false });
  const link = options.toLink(token);
  appendOutboxMessage(world, {
    id: newId('msg', options.nowMs),
    channel: 'email',
    userId: user.id,
    to: user.email,
    subject: 'Your magic link',
    text: `${hasMagicLinkSignIn(user) ? 'Follow this link to verify your sign-in' : 'Follow this link to turn on sign-in with magic links'}: ${link} (valid until ${expiresAt}).`,
    link,
    token,
    sentAt: new Date(options.nowMs).toISOString(),
  });
  return token;
}

/** Whether the user signs in with magic links already (an enabled factor): a link of theirs is a sign-in link. */
export function hasMagicLinkSignIn(user: User): boolean {
  return user.factors.some((factor) => factor.kind === 'magic_link' && factor.enabled);
}

/**
 * The link issued with this token, if any. Own keys only: a token is text from a URL, and `constructor` or
 * `__proto__` must not reach Object.prototype through the plain object the links are kept in.
 */
export function findMagicLink(world: World, token: string): MagicLink | undefined {
  return Object.hasOwn(world.magicLinks, token) ? world.magicLinks[token] : undefined;
}

export type MagicLinkOutcome = { user: User } | 'invalid' | 'no-user';

/** Use a magic-link token once. Unknown, used and expired tokens are `invalid`; a deleted or inactive user is `no-user`. */
export function redeemMagicLink(world: World, token: string, nowMs: number): MagicLinkOutcome {
  const link = findMagicLink(world, token);
  if (!link || link.used || Date.parse(link.expiresAt) <= nowMs) return 'invalid';
  link.used = true;
  const message = world.outbox.find((sent) => sent.token === token);
  if (message) message.usedAt = new Date(nowMs).toISOString();
  const user = userById(world, link.userId);
  return user && user.active ? { user } : 'no-user';
}

/** Make a link unusable now (QA: reproduce "Invalid or expired token" without waiting). */
export function expireMagicLink(world: World, token: string, nowMs: number): boolean {
  const link = findMagicLink(world, token);
  if (!link) return false;
  link.expiresAt = new Date(nowMs - 1).toISOString();
  return true;
}

/** The user proved they own the mailbox: magic-link MFA becomes an enabled factor. */
export function enrolMagicLinkFactor(user: User, nowMs: number): void {
  user.factors = user.factors.filter((factor) => factor.kind !== 'magic_link');
  user.factors.push({
    id: newId('mfa', nowMs),
    kind: 'magic_link',
    name: 'MAGIC_LINK',
    verified: true,
    enabled: true,
    createdAt: new Date(nowMs).toISOString(),
  });
  delete user.pending.magic_link;
  settleMfaState(user);
}
