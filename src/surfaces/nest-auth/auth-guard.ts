import { userById } from '../../engine/world.js';
import { explained, type Explanation } from '../../engine/explanation.js';
import { explainBearerRefusal } from '../../pipeline/bearer-explanation.js';
import { toLockedExplanation } from '../../pipeline/refusal-explanations.js';
import type { AuthOutcome, OperationCall } from '../../pipeline/surface-behaviour.js';
import { readExpiresAtMs, verifySessionToken } from './create-session-tokens.js';
import { readRequestCookie } from './request-cookie.js';
import { isLocked } from '../../engine/code-attempts.js';

/**
 * The library's NestAuthAuthGuard (2.11.1 `auth.guard.js`), in its order: find the credentials (header, then the
 * `accessToken` cookie), check them, find the session's user, refuse an inactive account, then refuse a pre-MFA token
 * on a route without `@SkipMfa`. All of it runs before the ValidationPipe, so a bad body with bad credentials is a 401.
 *
 * The sandbox authenticates by looking the exact token up in the session's world (never by the JWT's claims), so a
 * forged or unknown JWT is INVALID_TOKEN, as a bad signature is for the library.
 */

/** Operations whose handler carries `@SkipMfa()`: a pre-MFA token may call them (the MFA step, recovery, status, the session's routes). */
const SKIP_MFA = new Set([
  'getMfaStatus',
  'listMfaDevices',
  'sendMfaChallenge',
  'resetTotp',
  'verifyMfa',
  'verifyRecoveryCode',
  'logout',
  'logoutAll',
  'verifySession',
  'getSessionUserData',
]);

type Credentials = { kind: 'bearer' | 'apikey'; token: string } | undefined;

/** `extractToken`: the header is split on single spaces, so `Bearer  <token>` (two spaces) carries no token at all. */
function toCredentials(call: Pick<OperationCall, 'headers'>): Credentials {
  const header = call.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  if (value) {
    const [type, token] = value.split(' ');
    const kind = type?.toLowerCase();
    if (token && (kind === 'bearer' || kind === 'apikey')) return { kind, token };
  }
  const cookieToken = readRequestCookie(call, 'accessToken');
  return cookieToken ? { kind: 'bearer', token: cookieToken } : undefined;
}

/** The session token a request presents (bearer header, else the `accessToken` cookie), as the guard reads it. */
export function toPresentedToken(call: Pick<OperationCall, 'headers'>): string | undefined {
  const credentials = toCredentials(call);
  return credentials?.kind === 'bearer' ? credentials.token : undefined;
}

/** The guard's verdict: the session's user, or the 401 example it refuses with and why. */
type GuardVerdict = { ok: true; principalId: string } | { ok: false; refusal: string; why: Explanation };

const refuse = (refusal: string, why: Explanation): GuardVerdict => ({ ok: false, refusal, why });

/**
 * A scenario's token stands for the access token of a session signed in before the app started; once a logout or
 * logout-all ended it, it is refused as the library refuses any access token of an ended session.
 */
function toSignedOutExplanation(token: string, userId: string, sessionId: string): Explanation {
  return {
    rule: 'authentication',
    message: `the scenario's token ${token} (user ${userId}) was signed out in this session (logout or logout-all), so its session is gone`,
    wouldPass: `sign in again (POST /auth/login) and use the access token it answers, or reset the session (DELETE /__admin/sessions/${sessionId}) to have the scenario's tokens back`,
  };
}

/** The guard's checks, in its order, without answering (logout, whose authentication is optional, answers 200 either way). */
export function checkGuard(call: Pick<OperationCall, 'headers' | 'world' | 'operationId' | 'sessionId' | 'nowMs'>): GuardVerdict {
  const credentials = toCredentials(call);
  const { world } = call;
  if (!credentials) return refuse('NO_AUTH_PROVIDED', explainBearerRefusal(world, undefined));
  if (credentials.kind === 'apikey') {
    // The sandbox issues no API keys: every one is unknown to it, as an unknown key is to the library.
    const [publicKey, privateKey] = credentials.token.split('.');
    const why = { ...explainBearerRefusal(world, undefined), message: 'the sandbox issues no API keys: every ApiKey credential is refused' };
    return refuse(publicKey && privateKey ? 'INVALID_API_KEY' : 'INVALID_API_KEY_FORMAT', why);
  }
  if (!Object.hasOwn(world.tokens, credentials.token)) {
    // An access token a sandbox signed whose session is not here ended (logout, logout-all, a replayed refresh), or is
    // another sandbox session's: the library finds no session for it. Anything else fails verification.
    if (verifySessionToken(credentials.token, call.nowMs)?.type === 'access') {
      return refuse('SESSION_NOT_FOUND', {
        rule: 'authentication',
        message: "the token is a sandbox access token whose session ended (logout, logout-all, a replayed refresh token) or is another session's",
        wouldPass: 'sign in again (POST /auth/login) and use the access token it answers',
      });
    }
    const signedOutUser =
      world.signedOutTokens && Object.hasOwn(world.signedOutTokens, credentials.token) ? world.signedOutTokens[credentials.token] : undefined;
    if (signedOutUser !== undefined) return refuse('SESSION_NOT_FOUND', toSignedOutExplanation(credentials.token, signedOutUser, call.sessionId));
    return refuse('INVALID_TOKEN', explainBearerRefusal(world, credentials.token));
  }
  // jsonwebtoken's verify refuses a token at its `exp`; the guard answers that as any token it cannot verify.
  const expiresAtMs = readExpiresAtMs(credentials.token);
  if (expiresAtMs !== undefined && call.nowMs >= expiresAtMs) {
    return refuse('INVALID_TOKEN', {
      rule: 'authentication',
      message: `the access token expired at ${new Date(expiresAtMs).toISOString()} on the session's clock (access tokens live an hour)`,
      wouldPass: 'refresh the session (POST /auth/refresh-token with its refresh token) and use the new access token, or sign in again',
    });
  }
  const principalId = world.tokens[credentials.token]!;
  const user = userById(world, principalId);
  // The library keeps sessions in the user's rows: with the user gone, the guard finds no session.
  if (!user)
    return refuse('SESSION_NOT_FOUND', { rule: 'missing-user', message: `the token names user ${principalId}, whom this session's world does not have` });
  // The sandbox's admin lock plays the library's `isActive: false`.
  if (isLocked(user, call.nowMs)) return refuse('ACCOUNT_INACTIVE', toLockedExplanation(user, call.sessionId));
  if (!user.active) {
    return refuse('ACCOUNT_INACTIVE', {
      rule: 'locked',
      message: `user ${principalId} is inactive in the scenario`,
      wouldPass: `PUT /__admin/sessions/${call.sessionId}/users/${principalId}/lock with {"locked":false}`,
    });
  }
  if (world.preMfaTokens.includes(credentials.token) && !SKIP_MFA.has(call.operationId)) {
    return refuse('MFA_REQUIRED', {
      rule: 'authentication',
      message: `the token is a pre-MFA token (sign-in answered it before the MFA step), and ${call.operationId} is no @SkipMfa route`,
      wouldPass: 'finish the MFA step (POST /auth/mfa/verify) and use the access token it answers',
    });
  }
  return { ok: true, principalId };
}

export function authenticate(call: OperationCall): AuthOutcome {
  const verdict = checkGuard(call);
  return verdict.ok ? verdict : { ok: false, result: explained(call.respond(401, verdict.refusal), verdict.why) };
}
