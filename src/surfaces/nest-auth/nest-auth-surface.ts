import type { CodeAttempt } from '../../engine/code-attempts.js';
import { explained } from '../../engine/explanation.js';
import { explainTotpRefusal } from '../../engine/totp-explanation.js';
import { consumeCode, createOpaqueToken } from '../../engine/random-codes.js';
import { toQrCodeDataUrl } from '../../engine/qr-code.js';
import { createTotpSecret, verifyTotpCode } from '../../engine/totp.js';
import type { User, World } from '../../engine/world.js';
import type { RequestProblem } from '../../openapi/schema-validators.js';
import type { OperationCall, OperationResult, SurfaceBehaviour } from '../../pipeline/surface-behaviour.js';
import { defineHandlers, type Answer } from '../../pipeline/typed-handlers.js';
import type { components, exampleNames, operations } from '../../types/nest-auth.js';
import { authenticate, toPresentedToken } from './auth-guard.js';
import { explainedByProblem } from '../../pipeline/refusal-explanations.js';
import { firstClassValidatorMessage, firstClassValidatorRefusal } from './class-validator-message.js';
import { explainMfaCodeRefusal, issueMfaCode, redeemMfaCode, type MfaCodeOutcome } from './mfa-code.js';
import { canToggle, explainNoToggling, offeredMethods, requiresMfa, toDevice, toStatus, totpDevices, verifiedMethods } from './mfa-state.js';
import { toOtpauthUrl } from './otpauth-url.js';
import { getSessionUserData, logout, logoutAll, refreshToken, verifySession } from './session-routes.js';
import { completeMfaStep, login, NO_TRUSTED_DEVICE_SECRET } from './sign-in.js';

/**
 * @ackplus/nest-auth as published (2.11.1): `/auth/mfa/*` plus the sign-in routes an MFA flow needs, errors
 * `{statusCode, error, message, code?}` as its AuthExceptionFilter writes them. Compared answer by answer with the
 * real server in test/oracle/.
 */

/** The library's defaults: speakeasy TOTP with one step of drift either way, 10 recovery codes of 20 random bytes. */
const TOTP_WINDOW_STEPS = 1;
const RECOVERY_CODE_COUNT = 10;
/**
 * The library's own appName (AuthConfigService.defaultOptions), played when a scenario's policy names none: the TOTP
 * issuer (unless `mfa.totp.issuer` is set: the policy's totpIssuer) and the default device name's prefix.
 */
const DEFAULT_APP_NAME = 'Nest Auth';

/** verify's 400 example for each way an e-mail/SMS code is refused. */
const CODE_REFUSALS = {
  blank: 'MISSING_REQUIRED_FIELD',
  expired: 'VERIFICATION_CODE_EXPIRED',
  invalid: 'VERIFICATION_CODE_INVALID',
  'attempts-exhausted': 'VERIFICATION_CODE_ATTEMPTS_EXHAUSTED',
} as const satisfies Record<Exclude<MfaCodeOutcome, 'ok'>, exampleNames['verifyMfa'][400]>;

/** What `whenMfaOn` needs of a call: the operation declares the 403 MFA_NOT_ENABLED answer. */
interface MfaGuardedCall {
  world: World;
  user: User | undefined;
  respond(status: 403, exampleName?: string): Answer<403, components['schemas']['ApiErrorResponseDto']>;
}

/** Handlers below run with a user (the guard answered otherwise) and, unless said, with app MFA on (else 403). */
function whenMfaOn<Call extends MfaGuardedCall, Result>(handler: (call: Call, user: User) => Result) {
  return (call: Call): Result | Answer<403, components['schemas']['ApiErrorResponseDto']> =>
    call.world.policy.enabled ? handler(call, call.user!) : call.respond(403, 'MFA_NOT_ENABLED');
}

/** speakeasy's `totp.verify` with window 1: any code of the last, current or next step, as often as it is sent. */
const acceptsCode = (secret: string | undefined, code: string, nowMs: number) =>
  secret !== undefined && verifyTotpCode(secret, code, { windowSteps: TOTP_WINDOW_STEPS, nowMs }).valid;

const handlers = defineHandlers<operations, exampleNames>()({
  login,
  logout,
  logoutAll,
  refreshToken,
  verifySession,
  getSessionUserData,

  getClientConfig: (call) => {
    const body = call.example(200, 'default');
    const { policy } = call.world;
    body.mfa = {
      enabled: policy.enabled,
      methods: offeredMethods(call.world),
      allowUserToggle: policy.allowUserToggle,
      allowMethodSelection: policy.allowMethodSelection,
    };
    return { status: 200, body };
  },

  getMfaStatus: (call) => call.reply(200, toStatus(call.world, call.user!)),

  toggleMfa: whenMfaOn((call, user) => {
    if (!canToggle(call.world)) return explained(call.respond(403, 'MFA_TOGGLING_NOT_ALLOWED'), explainNoToggling(call.world));
    const { enabled } = call.body;
    if (enabled && verifiedMethods(call.world, user).length === 0) return call.respond(403, 'MFA_CANNOT_ENABLE_WITHOUT_METHOD');
    user.mfaEnabled = enabled;
    return call.respond(200, enabled ? 'enabled' : 'disabled');
  }),

  listMfaDevices: whenMfaOn((call, user) => call.reply(200, totpDevices(user).map(toDevice))),

  removeMfaDevice: whenMfaOn((call, user) => {
    const remaining = user.factors.filter((factor) => !(factor.kind === 'totp' && factor.id === call.params.deviceId));
    if (remaining.length === user.factors.length) return call.respond(404, 'MFA_DEVICE_NOT_FOUND');
    user.factors = remaining;
    return call.respond(200);
  }),

  // No DTO on the route that answers: any method is a 200; only email/SMS send the (new) code.
  sendMfaChallenge: whenMfaOn((call, user) => {
    issueMfaCode(call.world, user, call.body?.method, call.nowMs);
    return call.respond(200);
  }),

  // The new secret is stored as an unverified device at once (listed by listMfaDevices until removed or verified).
  setupTotp: whenMfaOn(async (call, user) => {
    const secret = createTotpSecret();
    const label = typeof call.body?.label === 'string' ? call.body.label.trim() : '';
    const account = label || user.email || user.phone || user.id;
    const appName = call.world.policy.appName ?? DEFAULT_APP_NAME;
    // As the library: `mfa.totp.issuer || appName` (its last fallback, 'App', needs an empty appName, which no scenario has).
    const issuer = call.world.policy.totpIssuer ?? appName;
    const otpAuthUrl = toOtpauthUrl(issuer, account, secret);
    user.factors.push({
      id: crypto.randomUUID(),
      kind: 'totp',
      name: call.body?.deviceName || `${appName} : ${user.email || 'User'}`,
      verified: false,
      enabled: true,
      secret,
      createdAt: new Date(call.nowMs).toISOString(),
    });
    return call.reply(200, { secret, qrCode: await toQrCodeDataUrl(otpAuthUrl), otpAuthUrl, issuer, account });
  }),

  // A device already verified answers 200 again without a code check, as the library does.
  verifyTotpSetup: whenMfaOn((call, user) => {
    const device = totpDevices(user).find((candidate) => candidate.secret === call.body.secret);
    if (device?.verified) return call.respond(200);
    if (!device) {
      const why = {
        rule: 'precondition',
        message: 'no TOTP device of the user has this secret',
        wouldPass: 'the secret POST /auth/mfa/setup/totp answered',
      } as const;
      return explained(call.respond(401, 'MFA_CODE_INVALID'), why);
    }
    if (!acceptsCode(device.secret, call.body.otp, call.nowMs))
      return explained(call.respond(401, 'MFA_CODE_INVALID'), explainTotpRefusal(device, call.body.otp, TOTP_WINDOW_STEPS, call.nowMs));
    device.verified = true;
    return call.respond(200);
  }),

  // A new batch replaces every unused code.
  generateRecoveryCode: whenMfaOn((call, user) => {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => createOpaqueToken(27));
    user.recoveryCodes = [...codes];
    // RECOVERY_CODE_COUNT (10) codes: the first is always there.
    return call.reply(200, { codes, code: codes[0]! });
  }),

  // `@Body('code')` without a DTO: whatever arrives is compared (a non-string code matches nothing).
  resetTotp: whenMfaOn((call, user) => {
    const code = call.body?.code;
    if (typeof code !== 'string' || !consumeCode(user.recoveryCodes, code)) return call.respond(401, 'MFA_RECOVERY_CODE_INVALID');
    user.factors = user.factors.filter((factor) => factor.kind !== 'totp');
    // With no verified method left, MFA goes off so a TOTP-only user is not locked out.
    if (verifiedMethods(call.world, user).length === 0) user.mfaEnabled = false;
    return call.respond(200);
  }),

  verifyMfa: whenMfaOn((call, user) => {
    const { method, otp } = call.body;
    if (method === 'totp') {
      const verified = totpDevices(user).filter((candidate) => candidate.verified);
      const device = verified.find((candidate) => acceptsCode(candidate.secret, otp, call.nowMs));
      // With several devices, the explanation names the first one's code (any verified device's code would pass).
      if (!device) return explained(call.respond(401, 'MFA_CODE_INVALID'), explainTotpRefusal(verified[0], otp, TOTP_WINDOW_STEPS, call.nowMs));
      device.lastUsedAt = new Date(call.nowMs).toISOString();
    } else {
      const outcome = redeemMfaCode(call.world, user.id, otp, call.nowMs);
      if (outcome !== 'ok') return explained(call.respond(400, CODE_REFUSALS[outcome]), explainMfaCodeRefusal(outcome, otp, call.sessionId));
    }
    return completeMfaStep(call, user, '2FA verification successful') ?? explained(call.respond(500, 'INTERNAL_SERVER_ERROR'), NO_TRUSTED_DEVICE_SECRET);
  }),

  // Not behind whenMfaOn: the library asks isRequiresMfa, which is false with app MFA off, and answers 401 for both.
  verifyRecoveryCode: (call) => {
    const user = call.user!;
    if (!requiresMfa(call.world, user)) return call.respond(401, 'MFA_NOT_ENABLED');
    if (!consumeCode(user.recoveryCodes, call.body.code)) return call.respond(401, 'MFA_RECOVERY_CODE_INVALID');
    return (
      completeMfaStep(call, user, 'Recovery code verification successful') ?? explained(call.respond(500, 'INTERNAL_SERVER_ERROR'), NO_TRUSTED_DEVICE_SECRET)
    );
  },
});

/**
 * An example of each status of body-parser's own refusals (UNDECODABLE_BODY, the spec's BodyTooLarge and
 * BodyUnsupportedCharset); the message is the parser's.
 */
const PARSER_REFUSALS: Record<number, string> = { 400: 'UNDECODABLE_BODY', 413: 'TOO_MANY_PARAMETERS', 415: 'UNSUPPORTED_CHARSET' };

/** Body-parser errors carry JSON.parse's own words (Express answers them before the guard); the rest class-validator's. */
function rejectRequest(problems: RequestProblem[], call: OperationCall): OperationResult {
  // Express's body parser refused it before reading it: its status and words, with no `error` field.
  const refused = problems.find((problem) => problem.kind === 'refused' && problem.status !== undefined && problem.status in PARSER_REFUSALS);
  if (refused) {
    const status = refused.status!;
    return { status, body: { ...call.example(status, PARSER_REFUSALS[status]), message: refused.message } };
  }
  const malformed = problems.find((problem) => problem.kind === 'malformed');
  // Routes that validate nothing still sit behind the body parser: their only 400 is the parser's (MALFORMED_JSON).
  const body = call.example(400, call.declares(400, 'VALIDATION_ERROR') ? 'VALIDATION_ERROR' : 'MALFORMED_JSON');
  const parserWords = malformed?.message.match(/^malformed JSON body \((.*)\)$/)?.[1];
  if (malformed) {
    body.message = parserWords ?? malformed.message;
    return { status: 400, body };
  }
  const refusal = toValidationRefusal(call, problems);
  body.message = refusal.message;
  // `Prefer: explain` points at the field the message names (class-validator goes in the DTO's order, the schema's
  // check in its own: `{"otp": 123456}` said "otp must be a string" while the explanation pointed at the missing secret).
  const decider = refusal.field === undefined ? undefined : problems.find((problem) => problem.field === refusal.field);
  const result: OperationResult = { status: 400, body };
  return decider ? explainedByProblem(result, problems, decider, call) : result;
}

/**
 * The message of Nest's ValidationPipe (the first of class-validator's) and the field it names. An array, which
 * Express's parser reads, is no instance of the DTO: the pipe validates a stand-in without any field set, so the array
 * is told what `{}` would be, and, where `{}` passes (no field is required), that an object was expected (seen against
 * the real server).
 */
function toValidationRefusal(call: OperationCall, problems: RequestProblem[]): { field?: string; message: string } {
  if (Array.isArray(call.body)) return { message: firstClassValidatorMessage(call.requestSchema, {}) ?? 'Validation failed (object is expected)' };
  return firstClassValidatorRefusal(call.requestSchema, call.body) ?? { message: problems[0]!.message };
}

/** The operations that check a code, and the answers that say it was wrong. */
const CODE_CHECKS = new Set(['verifyMfa', 'verifyRecoveryCode', 'verifyTotpSetup', 'resetTotp']);
/**
 * An expired e-mail/SMS code is not counted: the library's OtpFlowService counts an attempt only when no code matches
 * (a matching expired code is VERIFICATION_CODE_EXPIRED before any counting).
 */
const WRONG_CODE = new Set(['MFA_CODE_INVALID', 'MFA_RECOVERY_CODE_INVALID', 'VERIFICATION_CODE_INVALID']);

/**
 * What a scenario's `lockout` counts: wrong TOTP, e-mailed/texted and recovery codes on the routes that check one. The
 * locked user then gets the guard's ACCOUNT_INACTIVE on every route, sign-in included, as for QA's lock.
 */
function toCodeAttempt(call: OperationCall, result: OperationResult): CodeAttempt {
  if (!CODE_CHECKS.has(call.operationId)) return undefined;
  if (result.status === 200) return 'succeeded';
  return WRONG_CODE.has(String((result.body as { code?: unknown } | undefined)?.code)) ? 'failed' : undefined;
}

export const nestAuthSurface: SurfaceBehaviour = {
  id: 'nest-auth',
  handlers,
  authenticate,
  presentedToken: toPresentedToken,
  ignoresUnsupportedBodies: true,
  strictJsonBodies: true,
  // Express's body-parser 2 inflates these three (its 1.x read gzip and deflate); `x-gzip` is a 415 there, as in 2.11.1.
  contentEncodings: ['gzip', 'deflate', 'br'],
  readsUrlEncodedForms: true,
  trailingSlashRoutes: true,
  anyCaseRoutes: true,
  toCodeAttempt,
  rejectRequest,
};
