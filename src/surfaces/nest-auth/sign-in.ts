import { toExpiryIsoTime } from '../../engine/session-clock.js';
import { explained, type Explanation } from '../../engine/explanation.js';
import { createOpaqueToken } from '../../engine/random-codes.js';
import { addTrustedDevice } from '../../engine/world-limits.js';
import type { User, World } from '../../engine/world.js';
import type { OperationCall } from '../../pipeline/surface-behaviour.js';
import type { TypedCall, TypedResult } from '../../pipeline/typed-handlers.js';
import type { components, operations } from '../../types/nest-auth.js';
import { toPresentedToken } from './auth-guard.js';
import { readSessionId } from './create-session-tokens.js';
import { enabledMethods, requiresMfa } from './mfa-state.js';
import { readRequestCookie } from './request-cookie.js';
import { openSession } from './sign-in-sessions.js';
import { inTokenMode, TRUST_DEVICE_KEY, TRUSTED_DEVICE_TTL_SECONDS } from './token-cookies.js';
import { isLocked } from '../../engine/code-attempts.js';

/**
 * Sessions as the library hands them out (2.11.1 `auth.service.js` login/verify2fa/verifyRecoveryCode,
 * `session-token.service.js` generateAuthResponse).
 */

/** The password of a scenario user who declares none (documented in the spec's login operation and the README). */
export const DEFAULT_PASSWORD = 'sandbox-password';

/** `checkTrustedDevice`: the cookie first, the header only when there is no cookie. */
function readTrustToken(call: Pick<OperationCall, 'headers'>): string | undefined {
  const cookie = readRequestCookie(call, TRUST_DEVICE_KEY);
  if (cookie) return cookie;
  const header = call.headers[TRUST_DEVICE_KEY];
  return typeof header === 'string' && header ? header : undefined;
}

/** `validateTrustedDevice`: a token of this user that has not expired. */
function isTrustedDevice(world: World, user: User, token: string | undefined, nowMs: number): boolean {
  const device = token === undefined || !Object.hasOwn(world.trustTokens, token) ? undefined : world.trustTokens[token];
  return device !== undefined && device.userId === user.id && Date.parse(device.expiresAt) > nowMs;
}

/** Expired trusted devices are dropped as new ones are made, so a session's list stays as long as its live ones. */
function forgetExpiredDevices(world: World, nowMs: number): void {
  for (const [token, device] of Object.entries(world.trustTokens)) if (Date.parse(device.expiresAt) <= nowMs) delete world.trustTokens[token];
}

/**
 * Why an app without `mfa.trustedDeviceSecret` (a scenario's `policy.trustedDeviceSecret: false`) answered 500: 2.11.1
 * reads the secret to make or check a trust token, and throws `Trusted device HMAC secret is not configured`, which
 * Nest answers with its 500.
 */
export const NO_TRUSTED_DEVICE_SECRET: Explanation = {
  rule: 'precondition',
  message:
    "the app sets no mfa.trustedDeviceSecret (the scenario's policy.trustedDeviceSecret is false), so nest-auth 2.11.1 cannot make or check a trust token and fails",
  wouldPass: 'no trustDevice: true on the MFA step and no nest_auth_device_trust cookie or header at sign-in (or an app, and a scenario, with the secret set)',
};

/**
 * The answer of verify and verify-recovery-code: a full session, and a trust token when asked for, in the client's
 * token mode (in the body, or in cookies). Undefined when the app cannot trust the device it is asked to
 * (NO_TRUSTED_DEVICE_SECRET): 2.11.1 fails only after the code was used and the session completed, its new tokens made
 * and never sent, so the sign-in's refresh token is a replay from then on.
 */
export function completeMfaStep(
  call: Pick<OperationCall, 'world' | 'nowMs' | 'headers'> & { body: { trustDevice?: boolean | null } },
  user: User,
  message: string,
): { status: 200; body: components['schemas']['Verify2faResponseDto']; cookies?: string[] } | undefined {
  const presented = toPresentedToken(call);
  const tokens = openSession(
    call.world,
    user,
    call.nowMs,
    { preMfa: false, mfaVerified: true },
    presented === undefined ? undefined : readSessionId(presented),
  );
  if (call.body.trustDevice === true && call.world.policy.trustedDeviceSecret === false) return undefined;
  const trustToken = call.body.trustDevice === true ? createOpaqueToken(43) : undefined;
  if (trustToken) {
    forgetExpiredDevices(call.world, call.nowMs);
    addTrustedDevice(call.world, trustToken, { userId: user.id, expiresAt: toExpiryIsoTime(call.nowMs + TRUSTED_DEVICE_TTL_SECONDS * 1000) });
  }
  const { body, cookies } = inTokenMode(call, { ...tokens, isRequiresMfa: false as const, ...(trustToken ? { trustToken } : {}), message });
  return { status: 200, body, ...(cookies ? { cookies } : {}) };
}

/** Why a sign-in was refused: an e-mail the world lacks, or not the password of the user (their own or the default). */
function toCredentialsExplanation(sessionId: string, email: unknown, user: User | undefined): Explanation {
  if (!user) {
    const users = `GET /__admin/sessions/${encodeURIComponent(sessionId)} lists the world's users`;
    return {
      rule: 'authentication',
      message: `no user of this session's world has the e-mail ${JSON.stringify(email)}`,
      wouldPass: `an e-mail of a user the scenario has (${users})`,
    };
  }
  // Scenario passwords are test fixtures, named as tokens are (the admin API shows them too).
  const whose = user.password === undefined ? 'the default for a user the scenario gives none' : 'as the scenario gives it';
  return { rule: 'authentication', message: `wrong password for ${user.email}`, wouldPass: `the password "${user.password ?? DEFAULT_PASSWORD}" (${whose})` };
}

/**
 * `POST /auth/login` with the email provider. A user whose MFA applies gets `isRequiresMfa: true`; the session is
 * pre-MFA only if the user's own MFA is on (the library writes the user's flag into the token, so with `mfa.required`
 * alone the session is full), and a trusted-device token of the user skips the step.
 */
export function login(call: TypedCall<operations['login']>): TypedResult<operations['login']> {
  const { world } = call;
  // `assertTenantIdAllowed` runs first: the app the sandbox plays has no tenants.
  if (call.body.tenantId) return call.respond(400, 'TENANT_NOT_ENABLED');
  if (call.body.providerName !== 'email') return call.respond(401, 'INVALID_PROVIDER');
  const { email, password } = call.body.credentials;
  // The service checks the provider's fields are there (truthy), then the provider reads the e-mail (`normalizedEmail`).
  if (!email || !password) return call.respond(400, 'MISSING_REQUIRED_FIELDS');
  const address = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!address) return call.respond(400, 'EMAIL_REQUIRED');
  const user = Object.values(world.users).find((candidate) => candidate.email.toLowerCase() === address);
  call.namedUser = user;
  if (!user || password !== (user.password ?? DEFAULT_PASSWORD)) {
    return explained(call.respond(401, 'INVALID_CREDENTIALS'), toCredentialsExplanation(call.sessionId, email, user));
  }
  if (isLocked(user, call.nowMs) || !user.active) return call.respond(401, 'ACCOUNT_INACTIVE');

  // A trusted device lets the session skip the step, verified (2.11.1 writes `isMfaVerified: isTrusted`). The guard
  // refuses a session whose user has MFA on and that is not verified: so with app MFA off, such a user's session is
  // refused where a full one is needed, and nothing can complete it (2.11.1's checkMfa reads only the token's flags).
  const needsMfa = requiresMfa(world, user);
  const trustToken = needsMfa ? readTrustToken(call) : undefined;
  // Any trust token, even a made-up one, is checked with the secret the app may not have.
  if (trustToken !== undefined && world.policy.trustedDeviceSecret === false)
    return explained(call.respond(500, 'INTERNAL_SERVER_ERROR'), NO_TRUSTED_DEVICE_SECRET);
  const trusted = needsMfa && isTrustedDevice(world, user, trustToken, call.nowMs);
  const isRequiresMfa = needsMfa && !trusted;
  const tokens = openSession(world, user, call.nowMs, { preMfa: user.mfaEnabled && !trusted, mfaVerified: trusted });
  const methods = isRequiresMfa ? enabledMethods(world, user) : undefined;
  const { body, cookies } = inTokenMode(call, {
    ...tokens,
    isRequiresMfa,
    ...(methods ? { mfaMethods: methods } : {}),
    ...(methods?.[0] ? { defaultMfaMethod: methods[0] } : {}),
    message: 'Login successful',
  });
  return { ...call.reply(200, body), ...(cookies ? { cookies } : {}) };
}
