import type { OperationCall } from '../../pipeline/surface-behaviour.js';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from './create-session-tokens.js';
import { readRequestCookie } from './request-cookie.js';

/**
 * nest-auth's cookie token mode (2.11.1 `TokenResponseInterceptor`, on login, verify and verify-recovery-code): when
 * the request says `x-access-token-type: cookie` (what @ackplus/nest-auth-client sends in cookie mode), the tokens
 * leave the body and are set as cookies, in the library's default cookie options: HttpOnly, Path=/, SameSite=Lax, not
 * Secure (`session.cookieOptions.secure: false`), no Domain. The attributes are written as Express's `res.cookie`
 * writes them (checked against the real server in test/oracle/).
 */

/** The request header the client names its token mode in. */
export const TOKEN_TYPE_HEADER = 'x-access-token-type';
/** The cookie or header a client sends its trusted-device token back in (`NEST_AUTH_TRUST_DEVICE_KEY`). */
export const TRUST_DEVICE_KEY = 'nest_auth_device_trust';
const REMEMBER_COOKIE = 'nest_auth_remember';
/** `mfa.trustedDeviceDuration` (7d). */
export const TRUSTED_DEVICE_TTL_SECONDS = 7 * 24 * 3600;

export interface IssuedTokens {
  accessToken?: string;
  refreshToken?: string;
  trustToken?: string;
}

export function isCookieMode(call: Pick<OperationCall, 'headers'>): boolean {
  return call.headers[TOKEN_TYPE_HEADER] === 'cookie';
}

/** `name=value` with the attributes in the order Express's cookie serialiser writes them. */
function toSetCookie(name: string, value: string, maxAgeSeconds: number | undefined, nowMs: number): string {
  const lifetime = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
  const expires = maxAgeSeconds === undefined ? '' : `; Expires=${new Date(nowMs + maxAgeSeconds * 1000).toUTCString()}`;
  return `${name}=${encodeURIComponent(value)}${lifetime}; Path=/${expires}; HttpOnly; SameSite=Lax`;
}

/** `resolvePersistent`: the body's `rememberMe` when it is a boolean, else whether the remember cookie is not `0`. */
function isPersistent(call: Pick<OperationCall, 'headers' | 'body'>): boolean {
  const rememberMe = (call.body as { rememberMe?: unknown } | undefined)?.rememberMe;
  if (typeof rememberMe === 'boolean') return rememberMe;
  return readRequestCookie(call, REMEMBER_COOKIE) !== '0';
}

/**
 * The cookies `setTokens` sets for the tokens of an answer: access and refresh (session cookies when not
 * persistent), the trusted-device token, and the remember cookie (cleared when persistent, `0` when not).
 */
export function toTokenCookies(call: Pick<OperationCall, 'headers' | 'body' | 'nowMs'>, tokens: IssuedTokens): string[] {
  const persistent = isPersistent(call);
  const cookies: string[] = [];
  if (tokens.accessToken) cookies.push(toSetCookie('accessToken', tokens.accessToken, persistent ? ACCESS_TOKEN_TTL_SECONDS : undefined, call.nowMs));
  if (tokens.refreshToken) cookies.push(toSetCookie('refreshToken', tokens.refreshToken, persistent ? REFRESH_TOKEN_TTL_SECONDS : undefined, call.nowMs));
  if (tokens.trustToken) cookies.push(toSetCookie(TRUST_DEVICE_KEY, tokens.trustToken, TRUSTED_DEVICE_TTL_SECONDS, call.nowMs));
  cookies.push(persistent ? `${REMEMBER_COOKIE}=; Path=/; Expires=${new Date(0).toUTCString()}` : toSetCookie(REMEMBER_COOKIE, '0', undefined, call.nowMs));
  return cookies;
}

/**
 * An answer carrying tokens, in the client's token mode: as it is in header mode; in cookie mode without its tokens,
 * which go in cookies instead.
 *
 * @example
 * inTokenMode(call, { accessToken, refreshToken, isRequiresMfa: false, message: 'Login successful' })
 * // header mode: { body: <as given> }; cookie mode: { body: { isRequiresMfa: false, message }, cookies: ['accessToken=...', ...] }
 */
export function inTokenMode<Body extends IssuedTokens>(
  call: Pick<OperationCall, 'headers' | 'body' | 'nowMs'>,
  body: Body,
): { body: Omit<Body, keyof IssuedTokens> | Body; cookies?: string[] } {
  if (!isCookieMode(call)) return { body };
  const { accessToken, refreshToken, trustToken, ...rest } = body;
  return { body: rest, cookies: toTokenCookies(call, { accessToken, refreshToken, trustToken }) };
}

/** Express's `res.clearCookie(name, { path: '/' })` of both token cookies, as logout and logout-all answer. */
export function clearedTokenCookies(): string[] {
  return ['accessToken', 'refreshToken'].map((name) => `${name}=; Path=/; Expires=${new Date(0).toUTCString()}`);
}
