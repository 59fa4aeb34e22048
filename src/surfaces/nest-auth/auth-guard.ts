import type { AuthOutcome, OperationCall } from '../../pipeline/surface-behaviour.js';

/**
 * The library's NestAuthAuthGuard (2.11.1 `auth.guard.js`), in its order: find the credentials (header, then the
 * `accessToken` cookie), check them, find the session's user, refuse an inactive account, then refuse a pre-MFA token
 * on a route without `@SkipMfa`. All of it runs before the ValidationPipe, so a bad body with bad credentials is a 401.
 *
 * The sandbox authenticates by looking the exact token up in the session's world (never by the JWT's claims), so a
 * forged or unknown JWT is INVALID_TOKEN, as a bad signature is for the library.
 */

/** Operations whose handler carries `@SkipMfa()`: a pre-MFA token may call them (the MFA step itself, recovery, status). */
const SKIP_MFA = new Set(['getMfaStatus', 'listMfaDevices', 'sendMfaChallenge', 'resetTotp', 'verifyMfa', 'verifyRecoveryCode']);

type Credentials = { kind: 'bearer' | 'apikey'; token: string } | undefined;

function toCookieToken(header: string | string[] | undefined): string | undefined {
  const cookies = Array.isArray(header) ? header.join('; ') : header;
  return cookies?.match(/(?:^|;\s*)accessToken=([^;]+)/)?.[1];
}

/** `extractToken`: the header is split on single spaces, so `Bearer  <token>` (two spaces) carries no token at all. */
function toCredentials(call: OperationCall): Credentials {
  const header = call.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  if (value) {
    const [type, token] = value.split(' ');
    const kind = type?.toLowerCase();
    if (token && (kind === 'bearer' || kind === 'apikey')) return { kind, token };
  }
  const cookieToken = toCookieToken(call.headers.cookie);
  return cookieToken ? { kind: 'bearer', token: cookieToken } : undefined;
}

export function authenticate(call: OperationCall): AuthOutcome {
  const credentials = toCredentials(call);
  if (!credentials) return { ok: false, result: call.respond(401, 'NO_AUTH_PROVIDED') };
  if (credentials.kind === 'apikey') {
    // The sandbox issues no API keys: every one is unknown to it, as an unknown key is to the library.
    const [publicKey, privateKey] = credentials.token.split('.');
    return { ok: false, result: call.respond(401, publicKey && privateKey ? 'INVALID_API_KEY' : 'INVALID_API_KEY_FORMAT') };
  }
  const { world } = call;
  if (!Object.hasOwn(world.tokens, credentials.token)) return { ok: false, result: call.respond(401, 'INVALID_TOKEN') };
  const principalId = world.tokens[credentials.token]!;
  const user = world.users[principalId];
  // The library keeps sessions in the user's rows: with the user gone, the guard finds no session.
  if (!user) return { ok: false, result: call.respond(401, 'SESSION_NOT_FOUND') };
  // The sandbox's admin lock plays the library's `isActive: false`.
  if (user.locked || !user.active) return { ok: false, result: call.respond(401, 'ACCOUNT_INACTIVE') };
  if (world.preMfaTokens.includes(credentials.token) && !SKIP_MFA.has(call.operationId)) return { ok: false, result: call.respond(401, 'MFA_REQUIRED') };
  return { ok: true, principalId };
}
