import { toExpiryIsoTime } from '../../engine/session-clock.js';
import { addIssuedToken, addSignedOutToken, putSignInSession } from '../../engine/world-limits.js';
import type { SignInSession, User, World } from '../../engine/world.js';
import { createSessionTokens, readSessionId, REFRESH_TOKEN_TTL_SECONDS, type SessionTokens } from './create-session-tokens.js';

/**
 * nest-auth's sessions (2.11.1 session-manager.service.js; auth.service.js login, verify2fa, refreshToken; logout.service.js):
 * a sign-in opens one, the MFA step completes it, a refresh renews it with new tokens (its refresh token before that is
 * then a replay), logout ends it, logout-all ends all of a user's. Access tokens stay in `world.tokens`, where the
 * guard looks them up; ending a session removes every one of them.
 */

/** `refreshTokenValidity`: a session lives 30 days after its sign-in or its last refresh. */
const SESSION_TTL_MS = REFRESH_TOKEN_TTL_SECONDS * 1000;

/** What a session's tokens say of its MFA step (see SignInSession). */
export type SessionMfa = Pick<SignInSession, 'preMfa' | 'mfaVerified'>;

/**
 * New tokens for a session, registered in the world: a new session, or (`sessionId`) the one a sign-in opened, which
 * the MFA step completes and a refresh renews. `preMfa` tokens are refused where a full session is needed.
 */
export function openSession(world: World, user: User, nowMs: number, mfa: SessionMfa, sessionId: string = crypto.randomUUID()): SessionTokens {
  const claims = { isMfaEnabled: user.mfaEnabled, isMfaVerified: mfa.mfaVerified };
  const tokens = createSessionTokens(user.id, nowMs, claims, { email: user.email, phone: user.phone ?? null, sessionId });
  addIssuedToken(world, mfa.preMfa ? world.preMfaTokens : world.mfaVerifiedTokens, tokens.accessToken, user.id);
  putSignInSession(world, sessionId, { userId: user.id, refreshToken: tokens.refreshToken, expiresAt: toExpiryIsoTime(nowMs + SESSION_TTL_MS), ...mfa });
  return tokens;
}

export function findSession(world: World, sessionId: string | undefined): SignInSession | undefined {
  const sessions = world.signInSessions;
  return sessionId !== undefined && sessions !== undefined && Object.hasOwn(sessions, sessionId) ? sessions[sessionId] : undefined;
}

/**
 * Refuse these access tokens from now on. A scenario's own token (one no sign-in issued) is remembered as signed out,
 * so it is refused as a sign-in's token of an ended session is, and `Prefer: explain` can say why.
 */
function forgetTokens(world: World, ended: (token: string, userId: string) => boolean): void {
  const issued = new Set([...world.preMfaTokens, ...world.mfaVerifiedTokens]);
  for (const [token, userId] of Object.entries(world.tokens)) {
    if (!ended(token, userId)) continue;
    delete world.tokens[token];
    if (!issued.has(token)) addSignedOutToken(world, token, userId);
  }
  world.preMfaTokens = world.preMfaTokens.filter((token) => Object.hasOwn(world.tokens, token));
  world.mfaVerifiedTokens = world.mfaVerifiedTokens.filter((token) => Object.hasOwn(world.tokens, token));
}

/** `revokeSession`: the session and every access token of it. */
export function endSession(world: World, sessionId: string): void {
  if (world.signInSessions) delete world.signInSessions[sessionId];
  forgetTokens(world, (token) => readSessionId(token) === sessionId);
}

/** logout: the session of this access token; a scenario's fixed token, which has no session of its own, alone. */
export function endSessionOf(world: World, token: string): void {
  const sessionId = readSessionId(token);
  if (sessionId === undefined) forgetTokens(world, (candidate) => candidate === token);
  else endSession(world, sessionId);
}

/** `revokeAllUserSessions`: every session of the user, and the scenario's fixed tokens of the user too. */
export function endUserSessions(world: World, userId: string): void {
  for (const [sessionId, session] of Object.entries(world.signInSessions ?? {})) if (session.userId === userId) delete world.signInSessions![sessionId];
  forgetTokens(world, (_token, owner) => owner === userId);
}
