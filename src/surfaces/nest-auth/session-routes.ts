import { userById } from '../../engine/world.js';
import type { TypedCall, TypedResult } from '../../pipeline/typed-handlers.js';
import type { operations } from '../../types/nest-auth.js';
import { checkGuard, toPresentedToken } from './auth-guard.js';
import { readSessionId, verifySessionToken } from './create-session-tokens.js';
import { readRequestCookie } from './request-cookie.js';
import { endSession, endSessionOf, endUserSessions, findSession, openSession } from './sign-in-sessions.js';
import { clearedTokenCookies, inTokenMode, isCookieMode } from './token-cookies.js';
import { isLocked } from '../../engine/code-attempts.js';

/**
 * The routes the published client drives a session's life with (2.11.1 auth.controller.js): refresh-token,
 * verify-session, me, logout and logout-all. None is in the vendor's docs; each was compared with the real server.
 */

/**
 * `POST /auth/refresh-token` (`@Public`), in the library's order: the token from the body (in cookie mode, when the
 * body has none, from the cookie), its signature and expiry, its session, the session's newest refresh token (any
 * other ends the session), the session's user; then new tokens of the same session.
 */
export function refreshToken(call: TypedCall<operations['refreshToken']>): TypedResult<operations['refreshToken']> {
  const { world } = call;
  const sent = call.body?.refreshToken || (isCookieMode(call) ? readRequestCookie(call, 'refreshToken') : undefined);
  if (!sent) return call.respond(401, 'REFRESH_TOKEN_REQUIRED');
  const claims = verifySessionToken(sent, call.nowMs);
  if (!claims) return call.respond(401, 'REFRESH_TOKEN_EXPIRED');
  const sessionId = typeof claims.sessionId === 'string' ? claims.sessionId : undefined;
  const session = findSession(world, sessionId);
  if (!session || sessionId === undefined) return call.respond(401, 'SESSION_NOT_FOUND');
  const ending = (refusal: 'REFRESH_TOKEN_REPLAYED' | 'USER_NOT_FOUND' | 'ACCOUNT_INACTIVE') => {
    endSession(world, sessionId);
    return call.respond(401, refusal);
  };
  // The session's user, also for a replayed token (the journal's `user`: whose old token came back).
  const user = userById(world, session.userId);
  call.namedUser = user;
  if (session.refreshToken !== sent) return ending('REFRESH_TOKEN_REPLAYED');
  if (!user) return ending('USER_NOT_FOUND');
  if (isLocked(user, call.nowMs) || !user.active) return ending('ACCOUNT_INACTIVE');
  const tokens = openSession(world, user, call.nowMs, { preMfa: session.preMfa, mfaVerified: session.mfaVerified }, sessionId);
  const { body, cookies } = inTokenMode(call, { ...tokens, isRequiresMfa: false as const, message: 'Token refreshed successfully' as const });
  return { ...call.reply(200, body), ...(cookies ? { cookies } : {}) };
}

/** `GET /auth/verify-session` (`@SkipMfa`): the guard let the token through, so its session is live. */
export function verifySession(call: TypedCall<operations['verifySession']>): TypedResult<operations['verifySession']> {
  const token = toPresentedToken(call);
  const session = findSession(call.world, token === undefined ? undefined : readSessionId(token));
  return call.reply(200, { valid: true, userId: call.user!.id, ...(session ? { expiresAt: session.expiresAt } : {}) });
}

/** `GET /auth/me` (`@SkipMfa`): `getSessionUserData`, for an app with no roles and no e-mail or phone verification. */
export function getSessionUserData(call: TypedCall<operations['getSessionUserData']>): TypedResult<operations['getSessionUserData']> {
  const user = call.user!;
  return call.reply(200, {
    id: user.id,
    email: user.email,
    phone: user.phone ?? null,
    emailVerifiedAt: null,
    phoneVerifiedAt: null,
    isMfaEnabled: user.mfaEnabled,
    metadata: {},
    mustChangePassword: false,
    roles: [],
    permissions: [],
  });
}

/**
 * `POST /auth/logout` (`@Auth(true)`: authentication optional): ends the session of a token the guard accepts (its
 * every token is refused from then on), and clears the token cookies whatever was sent. Always 200.
 */
export function logout(call: TypedCall<operations['logout']>): TypedResult<operations['logout']> {
  const token = toPresentedToken(call);
  const verdict = token === undefined ? undefined : checkGuard(call);
  if (token !== undefined && verdict?.ok) {
    call.namedUser = userById(call.world, verdict.principalId);
    endSessionOf(call.world, token);
  }
  return { ...call.respond(200, 'loggedOut'), cookies: clearedTokenCookies() };
}

/** `POST /auth/logout-all` (`@SkipMfa`): every session of the user, this one included. */
export function logoutAll(call: TypedCall<operations['logoutAll']>): TypedResult<operations['logoutAll']> {
  endUserSessions(call.world, call.user!.id);
  return { ...call.respond(200, 'loggedOutAll'), cookies: clearedTokenCookies() };
}
