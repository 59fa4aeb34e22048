import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64Url, toBase64Url } from '../../engine/base64url.js';

/**
 * The tokens nest-auth hands out, shaped like the library's own: HS256 JWTs whose claims the published
 * @ackplus/nest-auth-client reads (`sub` for the session's user, `exp` for its expiry, `sessionId`). They are signed
 * with a fixed sandbox key. An access token grants nothing by its claims: the guard looks the exact token up in the
 * world, so a forged or unknown JWT is still a 401; the signature only tells a sandbox token whose session ended from
 * one no sandbox made, and checks a refresh token as the library does.
 */

/** Not a secret: the sandbox's own HS256 key (tests that inspect the tokens state it themselves). */
const SANDBOX_JWT_KEY = 'mfa-sandbox-nest-auth-hs256-key';

/** The library's default access-token lifetime (`accessTokenValidity`, 1 hour): past its `exp` the guard refuses it. */
export const ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
/** `session.refreshTokenValidity` (30d). */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/** The claims the sandbox reads back from its own tokens. */
export interface SessionTokenClaims {
  sessionId?: unknown;
  type?: unknown;
  exp?: unknown;
}

function readClaims(token: string): SessionTokenClaims | undefined {
  const claims = token.split('.')[1];
  if (claims === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(claims)));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The `sessionId` claim of a token this module made; undefined for any other token (a scenario's fixed one). */
export function readSessionId(token: string): string | undefined {
  const sessionId = readClaims(token)?.sessionId;
  return typeof sessionId === 'string' ? sessionId : undefined;
}

/** When a token this module made expires, in ms (the session clock's); undefined for one without `exp` (a scenario's fixed token). */
export function readExpiresAtMs(token: string): number | undefined {
  const exp = readClaims(token)?.exp;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

const utf8 = new TextEncoder();
const sign = (unsigned: string) => toBase64Url(hmac(sha256, utf8.encode(SANDBOX_JWT_KEY), utf8.encode(unsigned)));

function toJwt(claims: Record<string, unknown>): string {
  const unsigned = `${toBase64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${toBase64Url(JSON.stringify(claims))}`;
  return `${unsigned}.${sign(unsigned)}`;
}

/**
 * The claims of a token a sandbox signed (in any session) that has not expired, as the library's `verifyToken`
 * accepts a token of its own secret; undefined for anything else. Only for telling "a session that ended" from "no
 * token of ours": what a token grants is still looked up in the world.
 */
export function verifySessionToken(token: string, nowMs: number): SessionTokenClaims | undefined {
  const [header, claims, signature] = token.split('.');
  if (header === undefined || claims === undefined || signature !== sign(`${header}.${claims}`)) return undefined;
  const verified = readClaims(token);
  return typeof verified?.exp === 'number' && verified.exp * 1000 > nowMs ? verified : undefined;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

/** What the library writes about the user into a token (`generateTokensPayload`); the sandbox's app has no tenants or roles. */
export interface TokenProfile {
  email?: string;
  phone?: string | null;
  /** The session the tokens belong to: the MFA step keeps the sign-in's. A new one when absent. */
  sessionId?: string;
}

/**
 * A fresh access/refresh pair with 2.11.1's claims in its order (`generateTokensPayload`, then jsonwebtoken's `iat`
 * and `exp`): `isMfaEnabled` is the user's own switch, `isMfaVerified` whether the session passed the MFA step (or a
 * trusted device let it skip it). As in 2.11.1, only the refresh token carries a `jti`: an access token of the same
 * session and second is the same token.
 */
export function createSessionTokens(
  userId: string,
  nowMs: number,
  mfa: { isMfaEnabled: boolean; isMfaVerified: boolean } = { isMfaEnabled: false, isMfaVerified: false },
  profile: TokenProfile = {},
): SessionTokens {
  const iat = Math.floor(nowMs / 1000);
  const sessionId = profile.sessionId ?? crypto.randomUUID();
  const payload = {
    id: userId,
    sub: userId,
    sessionId,
    email: profile.email,
    phone: profile.phone ?? null,
    emailVerifiedAt: null,
    phoneVerifiedAt: null,
    roles: [],
    tenantId: null,
    ...mfa,
  };
  return {
    accessToken: toJwt({ ...payload, type: 'access', iat, exp: iat + ACCESS_TOKEN_TTL_SECONDS }),
    refreshToken: toJwt({ ...payload, type: 'refresh', jti: crypto.randomUUID(), iat, exp: iat + REFRESH_TOKEN_TTL_SECONDS }),
  };
}
