import { verifyFactorCode } from '../../engine/factor-codes.js';
import { consumeCode, createNumericCode, createOpaqueToken } from '../../engine/one-time-codes.js';
import { toQrCodeDataUrl } from '../../engine/qr-code.js';
import { deliverCode, redeemSentCode } from '../../engine/sent-codes.js';
import { createTotpSecret, toOtpauthUrl, verifyTotpCode } from '../../engine/totp.js';
import { principalForToken, type Factor, type User, type World } from '../../engine/world.js';
import type { RequestProblem } from '../../openapi/schema-validators.js';
import { toBearerToken, type OperationCall, type OperationHandler, type OperationResult, type SurfaceBehaviour } from '../surface-behaviour.js';
import { createVocabulary } from '../vocabulary.js';
import { createSessionTokens } from './create-session-tokens.js';

/** @ackplus/nest-auth: `/auth/mfa/*`, errors `{statusCode,error,message,code}` (seed 001, newer docs). */

type MfaMethod = 'email' | 'sms' | 'totp';
const vocabulary = createVocabulary<MfaMethod>({ email: 'email', sms: 'sms', totp: 'totp' });

/** nest-auth defaults (auth-config.service.ts): 6-digit codes valid for 15 minutes; one step of TOTP drift. */
const OTP_LENGTH = 6;
const OTP_TTL_MS = 15 * 60_000;
const TOTP_WINDOW_STEPS = 1;
const ISSUER = 'nest-auth';

function isRequired(world: World): boolean {
  return world.policy.required || (world.org?.mfaEnforced ?? false);
}

function toDevice(factor: Factor) {
  return {
    id: factor.id,
    deviceName: factor.name,
    method: 'totp' as const,
    lastUsedAt: factor.lastUsedAt ?? null,
    verified: factor.verified,
    createdAt: factor.createdAt,
  };
}

/** Most recently used first, never-used devices after them, newest first (the library orders by lastUsedAt, createdAt). */
const byRecency = (a: Factor, b: Factor) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? '') || b.createdAt.localeCompare(a.createdAt);

function totpDevices(user: User): Factor[] {
  return user.factors.filter((factor) => factor.kind === 'totp').sort(byRecency);
}

/** Methods the user can use now: configured email/SMS, plus TOTP once a device is verified (the docs' definition). */
function verifiedMethods(world: World, user: User): MfaMethod[] {
  const configured = vocabulary.names(world.policy.methods);
  return configured.filter((method) => method !== 'totp' || totpDevices(user).some((device) => device.verified));
}

function status(world: World, user: User) {
  const { policy } = world;
  if (!policy.enabled) {
    // The library still reports its allowMethodSelection setting when app MFA is off (spec example appMfaDisabled).
    return { isEnabled: false, verifiedMethods: [], configuredMethods: [], allowUserToggle: false, allowMethodSelection: policy.allowMethodSelection, totpDevices: [], hasRecoveryCode: false, required: false, canToggle: false };
  }
  const required = isRequired(world);
  return {
    isEnabled: user.mfaEnabled || required,
    verifiedMethods: verifiedMethods(world, user),
    configuredMethods: vocabulary.names(policy.methods),
    allowUserToggle: policy.allowUserToggle,
    allowMethodSelection: policy.allowMethodSelection,
    totpDevices: totpDevices(user).map(toDevice),
    hasRecoveryCode: user.recoveryCodes.length > 0,
    required,
    canToggle: policy.allowUserToggle && !required,
  };
}

/** Handlers below run only with a user (the generic plugin answers USER_NOT_FOUND otherwise) and MFA switched on. */
function whenMfaOn(handler: (call: OperationCall, user: User) => OperationResult | Promise<OperationResult>): OperationHandler {
  return (call) => (call.world.policy.enabled ? handler(call, call.user!) : call.respond(403, 'MFA_NOT_ENABLED'));
}

function verifyLoginCode(call: OperationCall, user: User, method: MfaMethod, code: string): boolean {
  if (method === 'totp') return totpDevices(user).some((device) => device.verified && verifyFactorCode(device, code, TOTP_WINDOW_STEPS, call.nowMs));
  return redeemSentCode(call.world, user.id, vocabulary.toKind(method), code, call.nowMs);
}

const handlers: Record<string, OperationHandler> = {
  getMfaStatus: (call) => ({ status: 200, body: status(call.world, call.user!) }),

  toggleMfa: whenMfaOn((call, user) => {
    const enabled = call.body.enabled as boolean;
    const { policy } = call.world;
    // Refused both ways when MFA is required (the spec's rule; status reports canToggle: false then).
    if (!policy.allowUserToggle || isRequired(call.world)) return call.respond(403, 'MFA_TOGGLING_NOT_ALLOWED');
    if (enabled && verifiedMethods(call.world, user).length === 0) return call.respond(403, 'MFA_CANNOT_ENABLE_WITHOUT_METHOD');
    user.mfaEnabled = enabled;
    return call.respond(200, enabled ? 'enabled' : 'disabled');
  }),

  listMfaDevices: whenMfaOn((_call, user) => ({ status: 200, body: totpDevices(user).map(toDevice) })),

  // The library deletes without looking first, so an unknown id is a 200 too (recorded in the spec).
  removeMfaDevice: whenMfaOn((call, user) => {
    user.factors = user.factors.filter((factor) => factor.id !== call.params.deviceId);
    return call.respond(200);
  }),

  sendMfaChallenge: whenMfaOn((call, user) => {
    const method = call.body.method as MfaMethod;
    const kind = vocabulary.toKind(method);
    if (!call.world.policy.methods.includes(kind)) return call.respond(400, 'MFA_METHOD_NOT_AVAILABLE');
    // TOTP codes come from the user's authenticator; only email/SMS codes are sent.
    if (kind !== 'totp') deliverCode(call.world, user, kind, createNumericCode(OTP_LENGTH), call.nowMs + OTP_TTL_MS, 'Your verification code');
    return call.respond(200);
  }),

  // The new secret is stored as an unverified device at once (listed by listMfaDevices until removed or verified).
  setupTotp: whenMfaOn(async (call, user) => {
    const secret = createTotpSecret();
    const account = call.body?.label ?? user.email;
    const otpAuthUrl = toOtpauthUrl(ISSUER, account, secret);
    user.factors.push({
      id: crypto.randomUUID(),
      kind: 'totp',
      name: call.body?.deviceName ?? `${ISSUER} : ${user.email}`,
      verified: false,
      enabled: true,
      secret,
      createdAt: new Date(call.nowMs).toISOString(),
    });
    return { status: 200, body: { secret, qrCode: await toQrCodeDataUrl(otpAuthUrl), otpAuthUrl, issuer: ISSUER, account } };
  }),

  // The client sends back the secret setupTotp gave it: it must name one of the user's devices (else 400, like a wrong
  // code); a device already verified answers 200 again without a code check, as the library does.
  verifyTotpSetup: whenMfaOn((call, user) => {
    const device = totpDevices(user).find((candidate) => candidate.secret === call.body.secret);
    if (!device) return call.respond(400, 'MFA_CODE_INVALID');
    if (device.verified) return call.respond(200);
    const check = verifyTotpCode(device.secret!, call.body.otp, { windowSteps: TOTP_WINDOW_STEPS, nowMs: call.nowMs });
    if (!check.valid) return call.respond(400, 'MFA_CODE_INVALID');
    device.verified = true;
    device.lastTimeStep = check.timeStep; // the code that confirmed the device cannot be replayed to sign in
    if (call.body.deviceName !== undefined) device.name = call.body.deviceName;
    return call.respond(200);
  }),

  // One recovery code at a time; generating a new one replaces the old (as the library does).
  generateRecoveryCode: whenMfaOn((_call, user) => {
    const code = createOpaqueToken(27);
    user.recoveryCodes = [code];
    return { status: 200, body: { code } };
  }),

  resetTotp: whenMfaOn((call, user) => {
    if (!consumeCode(user.recoveryCodes, call.body.code)) return call.respond(400, 'MFA_RECOVERY_CODE_INVALID');
    user.factors = user.factors.filter((factor) => factor.kind !== 'totp');
    // With no verified method left, MFA goes off so a TOTP-only user is not locked out (spec, resetTotp).
    if (verifiedMethods(call.world, user).length === 0) user.mfaEnabled = false;
    return call.respond(200);
  }),

  verifyMfa: whenMfaOn((call, user) => {
    if (!verifyLoginCode(call, user, call.body.method as MfaMethod, call.body.otp)) return call.respond(400, 'MFA_CODE_INVALID');
    // JWT-shaped like the library's, so real clients can read the user and expiry; still accepted only by lookup.
    const { accessToken, refreshToken } = createSessionTokens(user.id, call.nowMs);
    call.world.tokens[accessToken] = user.id;
    return { status: 200, body: { accessToken, refreshToken, message: call.example(200).message } };
  }),
};

function rejectRequest(problems: RequestProblem[], call: OperationCall): OperationResult {
  const body = call.example(400, 'VALIDATION_ERROR');
  body.message = problems.map((problem) => problem.message).join('; ');
  return { status: 400, body };
}

function toCookieToken(header: string | string[] | undefined): string | undefined {
  const cookies = Array.isArray(header) ? header.join('; ') : header;
  return cookies?.match(/(?:^|;\s*)accessToken=([^;]+)/)?.[1];
}

export const nestAuthSurface: SurfaceBehaviour = {
  id: 'nest-auth',
  handlers,
  authenticate(call) {
    // accessTokenType null in the library means: header first, then the cookie.
    const token = toBearerToken(call.headers.authorization) ?? toCookieToken(call.headers.cookie);
    if (token === undefined) return { ok: false, result: call.respond(401, 'NO_AUTH_PROVIDED') };
    const principalId = principalForToken(call.world, token);
    return principalId === undefined ? { ok: false, result: call.respond(401, 'UNAUTHORIZED') } : { ok: true, principalId };
  },
  onMissingUser: (call) => call.respond(401, 'USER_NOT_FOUND'),
  // Where the library's guard rejects an account it will not serve (inactive users: 401), with the contracts' code.
  onLockedUser: (call) => call.respond(401, 'ACCOUNT_LOCKED'),
  rejectRequest,
};
