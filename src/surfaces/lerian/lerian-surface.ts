import type { CodeAttempt } from '../../engine/code-attempts.js';
import { explained, type Explanation } from '../../engine/explanation.js';
import { explainTotpRefusal } from '../../engine/totp-explanation.js';
import { consumeCode, createNumericCode, createRecoveryCodes } from '../../engine/random-codes.js';
import { toOtpauthUrl, createTotpSecret } from '../../engine/totp.js';
import { deliverCode, redeemSentCode } from '../../engine/outbox-codes.js';
import { verifyTotpOnce } from '../../engine/totp-verification.js';
import { enabledKinds, findFactor, newId, principalForToken, settleMfaState, userById, type User, type World } from '../../engine/world.js';
import type { RequestProblem } from '../../openapi/schema-validators.js';
import { explainBearerRefusal } from '../../pipeline/bearer-explanation.js';
import { explainedByProblem } from '../../pipeline/refusal-explanations.js';
import { toBearerToken, type OperationCall, type OperationResult, type SurfaceBehaviour } from '../../pipeline/surface-behaviour.js';
import { defineHandlers, type Answer } from '../../pipeline/typed-handlers.js';
import type { components, exampleNames, operations } from '../../types/lerian.js';
import { createFactorNames } from '../factor-names.js';
import { lerianUserIds } from './lerian-user-ids.js';

/** Lerian Identity plugin: `/v1/users/{id}/mfa*`, errors `{code,title,message[,fields]}` (seed 002). */

type MfaType = components['schemas']['MfaType'];
type ErrorAnswer<Status extends number> = Answer<Status, components['schemas']['ErrorMessage']>;
export const factorNames = createFactorNames<MfaType>({ app: 'totp', email: 'email', sms: 'sms' });

/** Setup, verify and enable flow as the docs describe it: setup -> verify passcode -> enable with a recovery code. */
const RECOVERY_CODE_COUNT = 8;
const RECOVERY_CODE_LENGTH = 10;
const TOTP_WINDOW_STEPS = 1;
const CODE_TTL_MS = 10 * 60_000;

/**
 * The user a path `{id}` names. Worlds file Lerian users under the UUID in lower case, as the service stores it, and
 * the service finds the same user for `019C96A0-...` as for `019c96a0-...` (the spec's decision on UserId).
 */
function addressedUser(world: World, id: string): User | undefined {
  return userById(world, lerianUserIds.toStored(id) ?? id);
}

/** What `withUser` needs of a call: every Lerian operation has the path `{id}` and declares 404 (IDE-1003). */
interface UserAddressingCall {
  world: World;
  params: { id: string };
  respond(status: 404, exampleName?: string): ErrorAnswer<404>;
}

/** Every operation addresses the user in the path; an unknown id is IDE-1003. */
function withUser<Call extends UserAddressingCall, Result>(handler: (call: Call, user: User) => Result) {
  return (call: Call): Result | ErrorAnswer<404> => {
    const user = addressedUser(call.world, call.params.id);
    if (user) return handler(call, user);
    const known = Object.keys(call.world.users).slice(0, 3);
    return explained(call.respond(404, 'Error1003'), {
      rule: 'missing-user',
      message: `no user ${call.params.id} in this session's world (scenario ${call.world.scenario})`,
      received: call.params.id,
      ...(known.length > 0 ? { wouldPass: `a user id of the scenario: ${known.join(', ')}` } : {}),
    });
  };
}

/** IDE-1011: nothing to verify or enable for this method. */
function noSetup(mfaType: MfaType, userId: string): Explanation {
  return {
    rule: 'precondition',
    message: `user ${userId} has no pending ${mfaType} setup`,
    wouldPass: `POST /v1/users/${userId}/mfa/setup with mfaType ${mfaType} first`,
  };
}

/** IDE-1016: an SMS passcode needs a phone number to go to (the spec's Error1016 decision). */
function noPhone(userId: string): Explanation {
  return {
    rule: 'precondition',
    message: `user ${userId} has no phone number to send SMS passcodes to`,
    wouldPass: `mfaType app or email, or a scenario that gives user ${userId} a phone`,
  };
}

/** IDE-1014: the method asked for is not one the user has enabled. */
function notEnabled(mfaType: MfaType, user: User): Explanation {
  const enabled = factorNames.names(enabledKinds(user));
  return {
    rule: 'precondition',
    message: `${mfaType} is not enabled for user ${user.id} (enabled: ${enabled.length > 0 ? enabled.join(', ') : 'none'})`,
    wouldPass: enabled.length > 0 ? `mfaType ${enabled[0]}` : `set ${mfaType} up and enable it first`,
  };
}

function status(user: User): components['schemas']['MFAStatusResponse'] {
  const kinds = enabledKinds(user);
  const methods = factorNames.names(kinds);
  const preferred = user.primaryMethod && factorNames.toName(user.primaryMethod);
  return {
    enabled: methods.length > 0,
    ...(preferred ? { preferredType: preferred } : {}),
    methods,
    totpEnabled: kinds.includes('totp'),
    emailEnabled: kinds.includes('email'),
    smsEnabled: kinds.includes('sms'),
  };
}

const handlers = defineHandlers<operations, exampleNames>()({
  getMfaStatus: withUser((call, user) => call.reply(200, status(user))),

  initiateMfaSetup: withUser((call, user) => {
    const { mfaType } = call.body;
    const kind = factorNames.toKind(mfaType);
    if (kind === 'sms' && !user.phone) return explained(call.respond(400, 'Error1016'), noPhone(call.params.id));
    const recoveryCodes = createRecoveryCodes(RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH);
    const secret = kind === 'totp' ? createTotpSecret() : undefined;
    user.pending[kind] = { kind, verified: false, recoveryCodes, createdAt: new Date(call.nowMs).toISOString(), ...(secret ? { secret } : {}) };
    if (kind !== 'totp') deliverCode(call.world, user, kind, createNumericCode(6), 'Lerian verification code', { nowMs: call.nowMs, ttlMs: CODE_TTL_MS });
    return call.reply(200, {
      ...(secret ? { secret, url: toOtpauthUrl('Lerian', user.username ?? user.email, secret) } : {}),
      recoveryCodes: [...recoveryCodes],
      mfaType,
      // A method in use stays enabled while its new setup is pending (the spec's decision): say so.
      enabled: enabledKinds(user).includes(kind),
    });
  }),

  verifyMfaPasscode: withUser((call, user) => {
    const kind = factorNames.toKind(call.body.mfaType);
    const pending = user.pending[kind];
    const factor = findFactor(user, kind);
    if (!pending && !factor) return explained(call.respond(400, 'Error1011'), noSetup(call.body.mfaType, call.params.id));
    let verified: boolean;
    if (kind === 'totp') {
      const secret = pending?.secret ?? factor?.secret;
      verified = call.body.secret === secret && verifyTotpOnce(pending ?? factor!, call.body.passcode, TOTP_WINDOW_STEPS, call.nowMs);
    } else {
      verified = redeemSentCode(call.world, user.id, kind, call.body.passcode, call.nowMs);
    }
    if (verified && pending) pending.verified = true;
    if (verified) return call.respond(200, 'verified');
    // TOTP: the code or the secret sent with it; e-mail/SMS: the code the outbox holds.
    const secret = pending?.secret ?? factor?.secret;
    if (kind === 'totp' && call.body.secret !== secret) {
      return explained(call.respond(200, 'rejected'), {
        rule: 'wrong-code',
        message: "the secret sent with the passcode is not the secret of the user's TOTP setup",
        received: call.body.secret,
        wouldPass: 'the secret the setup call answered',
      });
    }
    if (kind === 'totp')
      return explained(call.respond(200, 'rejected'), explainTotpRefusal(pending ?? factor, call.body.passcode, TOTP_WINDOW_STEPS, call.nowMs));
    return explained(call.respond(200, 'rejected'), {
      rule: 'wrong-code',
      message: `passcode ${call.body.passcode} is not an unused, unexpired ${kind} code sent to the user`,
      received: call.body.passcode,
      wouldPass: `the code in the session's outbox (GET /__admin/sessions/${call.sessionId}/outbox)`,
    });
  }),

  enableMfa: withUser((call, user) => {
    const kind = factorNames.toKind(call.body.mfaType);
    const pending = user.pending[kind];
    if (!pending) return explained(call.respond(400, 'Error1011'), noSetup(call.body.mfaType, call.params.id));
    if (kind === 'totp' && call.body.secret !== pending.secret) {
      const why = {
        rule: 'precondition',
        message: 'the secret is not the one of the pending app setup',
        wouldPass: 'the secret the setup call answered',
      } as const;
      return explained(call.respond(400, 'Error1011'), why);
    }
    if (!pending.verified) {
      const why = {
        rule: 'precondition',
        message: `the ${call.body.mfaType} setup is not verified yet`,
        wouldPass: `POST /v1/users/${user.id}/mfa/verify with a passcode first`,
      } as const;
      return explained(call.respond(400, 'Error1013'), why);
    }
    const codes = pending.recoveryCodes ?? [];
    if (!consumeCode(codes, call.body.recoveryCode)) {
      return explained(call.respond(400, 'Error1012'), {
        rule: 'wrong-code',
        message: `recovery code ${call.body.recoveryCode} is not one of the ${codes.length} unused recovery codes of the setup`,
        received: call.body.recoveryCode,
        wouldPass: 'one of the recoveryCodes the setup call answered',
      });
    }
    user.factors = user.factors.filter((factor) => factor.kind !== kind);
    user.factors.push({
      id: newId('mfa', call.nowMs),
      kind,
      name: call.body.mfaType,
      verified: true,
      enabled: true,
      ...(pending.secret ? { secret: pending.secret } : {}),
      // The passcode that verified the setup must not work again at sign-in.
      ...(pending.lastTimeStep !== undefined ? { lastTimeStep: pending.lastTimeStep } : {}),
      createdAt: new Date(call.nowMs).toISOString(),
    });
    user.recoveryCodes = codes;
    delete user.pending[kind];
    settleMfaState(user);
    return call.reply(200, { enabled: true });
  }),

  setPreferredMfaMethod: withUser((call, user) => {
    const kind = factorNames.toKind(call.body.mfaType);
    if (!enabledKinds(user).includes(kind)) return explained(call.respond(400, 'Error1014'), notEnabled(call.body.mfaType, user));
    user.primaryMethod = kind;
    return call.reply(200, { preferredType: call.body.mfaType });
  }),

  disableMfa: withUser((call, user) => {
    const kind = factorNames.toKind(call.body.mfaType);
    if (!enabledKinds(user).includes(kind)) return explained(call.respond(400, 'Error1014'), notEnabled(call.body.mfaType, user));
    user.factors = user.factors.filter((factor) => factor.kind !== kind);
    settleMfaState(user);
    if (!user.mfaEnabled) user.recoveryCodes = [];
    // `enabled` is the disabled method's state (the spec's MFAEnableResponse), not whether other methods remain.
    return call.reply(200, { enabled: false });
  }),
});

function rejectRequest(problems: RequestProblem[], call: OperationCall): OperationResult {
  const badPath = problems.find((problem) => problem.location === 'path');
  if (badPath) return explainedByProblem(call.respond(400, 'Error0003'), problems, badPath, call);
  const missing = problems.filter((problem) => problem.kind === 'missing' && problem.field);
  if (missing.length > 0 && missing.length === problems.length) {
    const body = call.example(400, 'Error0001');
    body.fields = Object.fromEntries(missing.map((problem) => [problem.field, problem.message]));
    return { status: 400, body };
  }
  // The body did not decode (an unknown field, a wrong type, malformed JSON): IDE-0007, whatever is missing besides.
  const undecodable = problems.find((problem) => !missing.includes(problem))!;
  return explainedByProblem(call.respond(400, 'Error0007'), problems, undecodable, call);
}

/**
 * The answers a scenario's `lockout` counts: a passcode checked by verify (`{verified}`, for a setup or an enabled
 * factor alike: it is the plugin's one passcode check) and the recovery code enable asks for (IDE-1012 when wrong).
 */
function toCodeAttempt(call: OperationCall, result: OperationResult): CodeAttempt {
  const body = result.body as { verified?: unknown; code?: unknown } | undefined;
  if (call.operationId === 'verifyMfaPasscode' && result.status === 200) return body?.verified === true ? 'succeeded' : 'failed';
  if (call.operationId === 'enableMfa') return result.status === 200 ? 'succeeded' : body?.code === 'IDE-1012' ? 'failed' : undefined;
  return undefined;
}

export const lerianSurface: SurfaceBehaviour = {
  id: 'lerian',
  handlers,
  authenticate(call) {
    const token = toBearerToken(call.headers.authorization);
    const principalId = token === undefined ? undefined : principalForToken(call.world, token);
    if (principalId !== undefined) return { ok: true, principalId };
    return { ok: false, result: explained(call.respond(401, 'Error0008'), explainBearerRefusal(call.world, token)) };
  },
  presentedToken: (call) => toBearerToken(call.headers.authorization),
  // The bearer names an operator; the user addressed is the path's {id}, looked up per operation.
  addressedUser: (call) => addressedUser(call.world, call.params.id!),
  onLockedUser: (call) => call.respond(403, 'Error1015'),
  // The spec's decision (Error0008): a request without a valid token is the 401, whatever its body.
  authenticatesBeforeReadingBody: true,
  toCodeAttempt,
  rejectRequest,
};
