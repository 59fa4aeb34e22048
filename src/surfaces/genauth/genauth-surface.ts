import { explained, type Explanation } from '../../engine/explanation.js';
import { createOpaqueToken, createUuid } from '../../engine/random-codes.js';
import { recordUnlessReplayed } from '../../engine/replay-detector.js';
import { createTotpSecret } from '../../engine/totp.js';
import { WORLD_LIMITS } from '../../engine/world-limits.js';
import { FACTOR_KINDS, newId, settleMfaState, userById, type FactorKind, type User, type World } from '../../engine/world.js';
import type { RequestProblem } from '../../openapi/schema-validators.js';
import type { OperationCall, OperationResult, SurfaceBehaviour } from '../../pipeline/surface-behaviour.js';
import { defineHandlers, type Answer, type ResponseBodyOf, type TypedCall } from '../../pipeline/typed-handlers.js';
import type { components, exampleNames, operations } from '../../types/genauth.js';
import { createFactorNames } from '../factor-names.js';
import { explainMissingDate, explainSignatureMismatch } from './signature-explanation.js';
import { isSignedWith, parseAuthorization, signatureHeaderNames, toStringToSign } from './request-signature.js';
import { sentQuery } from './sent-query.js';

/**
 * GenAuth/Authing management API v3. Every answer is HTTP 200; success and failure are told apart by the envelope's
 * `statusCode`/`apiCode` (seed 004, error-code.md).
 */

type MfaFactor = components['schemas']['MfaFactor'];
type GenAuthOperation = operations[keyof operations];
/** The success envelope an operation answers with (its HTTP 200 body is that or an error envelope). */
type SuccessEnvelope<Op extends GenAuthOperation> = Extract<ResponseBodyOf<Op, 200>, { statusCode: 200 }>;
export const factorNames = createFactorNames<MfaFactor>({ OTP: 'totp', SMS: 'sms', EMAIL: 'email', FACE: 'face' });

/** Requests dated further than this from the server clock are refused (apiCode 1305). */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;

/**
 * The operation's `success` example carrying this data (its requestId is made fresh by stampAnswer, as for every
 * answer). The example is read through the engine's untyped view: that it is a success envelope is the spec's word
 * (and response validation checks every answer), which the types of `example(200)` cannot tell from an error envelope.
 */
function success<Op extends GenAuthOperation>(call: TypedCall<Op>, data: SuccessEnvelope<Op>['data']): Answer<200, SuccessEnvelope<Op>> {
  const untyped: Pick<OperationCall, 'example'> = call;
  // Not `{ ...shell, data }`: a spread followed by more properties leaves V8 a slow (dictionary) object.
  const body = Object.assign({}, envelopeShell(untyped));
  body.data = data;
  return { status: 200, body: body as SuccessEnvelope<Op> };
}

/**
 * Each operation's success envelope without its `data` (statusCode, message, requestId), read from the example once.
 * Copying the whole example on every answer parsed a `data` about to be replaced (a tenth of a signed request's
 * pipeline); the envelope's fields are plain values, so a shallow copy of the shell is a fresh envelope. Kept by the
 * route's own `example` function, made once per route of each sandbox, so sandboxes on other specs never share one.
 */
const envelopeShells = new WeakMap<OperationCall['example'], Record<string, unknown>>();

function envelopeShell(call: Pick<OperationCall, 'example'>): Record<string, unknown> {
  let shell = envelopeShells.get(call.example);
  if (!shell) {
    const { data: _replaced, ...fields } = call.example(200, 'success') as Record<string, unknown>;
    if (Object.values(fields).some((value) => typeof value === 'object' && value !== null)) {
      return call.example(200, 'success') as Record<string, unknown>; // not plain values: a full copy every time
    }
    shell = fields;
    envelopeShells.set(call.example, shell);
  }
  return shell;
}

/**
 * The vendor issues a requestId per request: every envelope that carries one (handler or scripted answer alike) gets
 * its own, never the example's fixed id. A body QA wrote out in an override is not stamped: it is sent as written.
 */
function stampAnswer(body: unknown): void {
  if (body !== null && typeof body === 'object' && 'requestId' in body) (body as { requestId: string }).requestId = createUuid();
}

function header(call: OperationCall, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `a:b:c` -> ['a', 'b:c']: the first colon separates the qualifier (an ids own colons stay in the id). */
function splitQualified(userId: string): [string, string] | undefined {
  const colon = userId.indexOf(':');
  return colon > 0 ? [userId.slice(0, colon), userId.slice(colon + 1)] : undefined;
}

/**
 * userIdType decides which of the user's ids `userId` is matched against (every type of the SDK's enum): `identity`
 * is `<extIdpId>:<userIdInIdp>` and `sync_relation` `<provider>:<userIdInIdp>` as the docs spell them, `custom_field`
 * `<field>:<value>` (undocumented; the spec records it). Scenario users declare these under `aliases`.
 */
function findUser(world: World, userId: string, userIdType = 'user_id'): User | undefined {
  // By id first, before the list of users and the split id the other types search with: every signed request that names
  // a user comes here, nearly always by id.
  if (userIdType === 'user_id') return userById(world, userId);
  const users = Object.values(world.users);
  const qualified = splitQualified(userId);
  switch (userIdType) {
    case 'email': {
      // Letter case ignored (the spec's decision): a client that lower-cases addresses must find the same user.
      const address = userId.toLowerCase();
      return users.find((user) => user.email.toLowerCase() === address);
    }
    case 'phone':
      return users.find((user) => user.phone === userId);
    case 'username':
      return users.find((user) => user.username === userId);
    case 'external_id':
      return users.find((user) => user.aliases?.externalId === userId);
    case 'identity':
      return qualified && users.find((user) => user.aliases?.identities?.some((id) => id.extIdpId === qualified[0] && id.userIdInIdp === qualified[1]));
    case 'sync_relation':
      return qualified && users.find((user) => user.aliases?.syncRelations?.some((rel) => rel.provider === qualified[0] && rel.userIdInIdp === qualified[1]));
    case 'custom_field':
      return qualified && users.find((user) => user.aliases?.customData?.[qualified[0]] === qualified[1]);
    default:
      return undefined;
  }
}

/** Why findUser found nobody: the id and how it was read, and ids of that kind the world has. */
function toMissingUser(world: World, userId: string, userIdType = 'user_id'): Explanation {
  const users = Object.values(world.users).slice(0, 3);
  const known = userIdType === 'user_id' ? users.map((user) => user.id) : userIdType === 'email' ? users.map((user) => user.email) : [];
  return {
    rule: 'missing-user',
    message: `no user with ${userIdType} ${userId} in this session's world (scenario ${world.scenario})`,
    received: userId,
    ...(known.length > 0 ? { wouldPass: `a ${userIdType} of the scenario: ${known.join(', ')}` } : {}),
  };
}

/** Why an appId found no application: the world's own, named, so a caller can use one (the spec's examples name one). */
function toMissingApplication(world: World, appId: string): Explanation {
  const known = Object.keys(world.policy.applications).slice(0, 3);
  return {
    rule: 'precondition',
    message: `no application ${appId} in this session's world (scenario ${world.scenario})`,
    received: appId,
    ...(known.length > 0 ? { wouldPass: `an appId of the scenario: ${known.join(', ')}` } : {}),
  };
}

/** A loop, not `some` with a callback: five per status answer, each callback a closure made for the call. */
function hasFactor(user: User, kind: FactorKind): boolean {
  const { factors } = user;
  for (let i = 0; i < factors.length; i++) {
    const factor = factors[i]!;
    if (factor.kind === kind && factor.enabled && factor.verified) return true;
  }
  return false;
}

/** The application an appId names, own keys only: `appId=constructor` found Object's own (a security tour's 500). */
function ownApplication(world: OperationCall['world'], appId: string) {
  const { applications } = world.policy;
  return Object.hasOwn(applications, appId) ? applications[appId] : undefined;
}

function toTriggerData(user: User, enabledFactors: FactorKind[]): components['schemas']['GetMfaInfoDataDto'] {
  return {
    mfaToken: createOpaqueToken(32),
    mfaPhone: hasFactor(user, 'sms') ? (user.mfaPhone ?? user.phone ?? null) : null,
    // A number set without its country code is taken to be in the account's country.
    mfaPhoneCountryCode: hasFactor(user, 'sms') ? (user.mfaPhoneCountryCode ?? user.phoneCountryCode ?? null) : null,
    mfaEmail: hasFactor(user, 'email') ? (user.mfaEmail ?? user.email) : null,
    nickname: user.name ?? null,
    username: user.username ?? null,
    phone: user.phone ?? null,
    phoneCountryCode: user.phoneCountryCode ?? null,
    faceMfaEnabled: hasFactor(user, 'face'),
    totpMfaEnabled: hasFactor(user, 'totp'),
    applicationMfa: factorNames.names(enabledFactors).map((mfaPolicy, sort) => ({ mfaPolicy, status: 1, sort })),
  };
}

/** Switch a factor on or off (at `nowMs`) as set-mfa-status asks; a TOTP factor switched on gets a fresh secret. */
function setFactor(user: User, kind: FactorKind, on: boolean, nowMs: number): void {
  const present = user.factors.some((factor) => factor.kind === kind);
  if (on && !present) {
    user.factors.push({
      id: newId('factor', nowMs),
      kind,
      name: kind,
      verified: true,
      enabled: true,
      ...(kind === 'totp' ? { secret: createTotpSecret() } : {}),
      createdAt: new Date(nowMs).toISOString(),
    });
  }
  if (!on && present) user.factors = user.factors.filter((factor) => factor.kind !== kind);
}

function toKinds(factors: MfaFactor[] | undefined): FactorKind[] {
  return (factors ?? []).map((factor) => factorNames.toKind(factor));
}

function toSettings(enabled: FactorKind[]): components['schemas']['MFASettingsDto'] {
  return { enabledFactors: factorNames.names(enabled) };
}

// The user-addressing operations name the user with userId/userIdType: GETs in the query, set-mfa-status in its body.
const handlers = defineHandlers<operations, exampleNames>()({
  getUserMfaStatus: (call) => {
    const user = findUser(call.world, call.query.userId, call.query.userIdType);
    if (!user) return explained(call.respond(200, 'userNotFound'), toMissingUser(call.world, call.query.userId, call.query.userIdType));
    return success(call, toTriggerData(user, call.world.policy.methods));
  },

  setUsersMfaStatus: (call) => {
    const user = findUser(call.world, call.body.userId, call.body.userIdType);
    if (!user) return explained(call.respond(200, 'userNotFound'), toMissingUser(call.world, call.body.userId, call.body.userIdType));
    const data = call.body.mfaTriggerData;
    if (data.totpMfaEnabled !== undefined) setFactor(user, 'totp', data.totpMfaEnabled, call.nowMs);
    if (data.faceMfaEnabled !== undefined) setFactor(user, 'face', data.faceMfaEnabled, call.nowMs);
    // An address binds its factor, null or "" unbinds it; the account's own e-mail and phone stay as they are.
    if (data.mfaEmail !== undefined) {
      setFactor(user, 'email', Boolean(data.mfaEmail), call.nowMs);
      if (data.mfaEmail) user.mfaEmail = data.mfaEmail;
      else delete user.mfaEmail;
    }
    if (data.mfaPhone !== undefined) {
      setFactor(user, 'sms', Boolean(data.mfaPhone), call.nowMs);
      delete user.mfaPhoneCountryCode;
      if (data.mfaPhone) user.mfaPhone = data.mfaPhone;
      else delete user.mfaPhone;
      if (data.mfaPhone && data.mfaPhoneCountryCode) user.mfaPhoneCountryCode = data.mfaPhoneCountryCode;
    }
    settleMfaState(user);
    return success(call, { success: true });
  },

  getUserMfaInfo: (call) => {
    const user = findUser(call.world, call.query.userId, call.query.userIdType);
    if (!user) return explained(call.respond(200, 'userNotFound'), toMissingUser(call.world, call.query.userId, call.query.userIdType));
    const state = (kind: FactorKind) => (hasFactor(user, kind) ? 'enabled' : 'disabled');
    return success(call, { totpStatus: state('totp'), faceMfaStatus: state('face'), smsMfaStatus: state('sms'), emailMfaStatus: state('email') });
  },

  getMfaTriggerData: (call) => {
    const user = findUser(call.world, call.query.userId, call.query.userIdType);
    if (!user) return explained(call.respond(200, 'userNotFound'), toMissingUser(call.world, call.query.userId, call.query.userIdType));
    const app = ownApplication(call.world, call.query.appId);
    if (!app) return explained(call.respond(200, 'appNotFound'), toMissingApplication(call.world, call.query.appId));
    return success(call, toTriggerData(user, app.enabledFactors));
  },

  updateApplicationMfaSettings: (call) => {
    const app = ownApplication(call.world, call.body.appId);
    if (!app) return explained(call.respond(200, 'appNotFound'), toMissingApplication(call.world, call.body.appId));
    const disabled = toKinds(call.body.disabledFactors);
    const enabled = new Set([...app.enabledFactors, ...toKinds(call.body.enabledFactors)]);
    app.enabledFactors = FACTOR_KINDS.filter((kind) => enabled.has(kind) && !disabled.includes(kind));
    return success(call, toSettings(app.enabledFactors));
  },

  getGlobalMfaSettings: (call) => success(call, toSettings(call.world.policy.methods)),

  updateGlobalMfaSettings: (call) => {
    const enabled = new Set([...call.world.policy.methods, ...toKinds(call.body.enabledFactors)]);
    call.world.policy.methods = FACTOR_KINDS.filter((kind) => enabled.has(kind));
    return success(call, toSettings(call.world.policy.methods));
  },

  closeGlobalMfaSettings: (call) => {
    const disabled = toKinds(call.body.disableFactors);
    call.world.policy.methods = call.world.policy.methods.filter((kind) => !disabled.includes(kind));
    return success(call, toSettings(call.world.policy.methods));
  },
});

/**
 * A signed request's date as epoch milliseconds: digits as epoch milliseconds, else what `Date.parse` reads (the
 * SDK's HTTP date; ISO 8601 too, see the spec's DateHeader decision); NaN when it reads nothing. The last
 * one read is kept: a client sends the same HTTP date on every request of a second, and `Date.parse` is a visible
 * share of a signed request's cost.
 */
let lastDate = { text: '', ms: Number.NaN };
function parseDate(value: string): number {
  if (value !== lastDate.text) lastDate = { text: value, ms: /^\d+$/.test(value) ? Number(value) : Date.parse(value) };
  return lastDate.ms;
}

function authenticate(call: OperationCall): ReturnType<SurfaceBehaviour['authenticate']> {
  const fail = (name: string, why: Omit<Explanation, 'rule'>) => ({
    ok: false as const,
    result: explained(call.respond(200, name), { rule: 'signature', ...why }),
  });
  const authorization = parseAuthorization(header(call, 'authorization'));
  if (!authorization) {
    return fail('invalidSignature', {
      message: 'the Authorization header is missing or not "GenAuth <accessKeyId>:<signature>" (or "authing ...")',
      ...(header(call, 'authorization') === undefined ? {} : { received: header(call, 'authorization')! }),
      wouldPass: `Authorization: GenAuth ${Object.keys(call.world.accessKeys)[0] ?? '<accessKeyId>'}:<base64 HMAC-SHA1 of the string to sign>`,
    });
  }
  const names = signatureHeaderNames(authorization.flavour);
  const { prefix } = names;
  // A browser may not set `date` (a forbidden header name for fetch); a signed x-genauth-date (x-authing-date) stands
  // in for it, so a page (the docs UI's signer) can call the sandbox. See the spec's accessKeySignature decision.
  const date = header(call, 'date') || header(call, names.date);
  if (!date) return fail('missingDate', explainMissingDate(call, authorization.flavour));
  const method = header(call, names.method);
  if (method !== undefined && method !== 'HMAC-SHA1')
    return fail('signatureMethodMismatch', { message: `${prefix}signature-method is not HMAC-SHA1`, expected: 'HMAC-SHA1', received: method });
  const version = header(call, names.version);
  if (version !== undefined && version !== '1.0')
    return fail('signatureVersionMismatch', { message: `${prefix}signature-version is not 1.0`, expected: '1.0', received: version });
  const sentAt = parseDate(date);
  if (Number.isNaN(sentAt)) return fail('badTimestamp', { message: 'the date is neither an HTTP date nor epoch milliseconds', received: date });
  if (Math.abs(call.nowMs - sentAt) > MAX_CLOCK_SKEW_MS) {
    const now = new Date(call.nowMs).toUTCString();
    return fail('timestampSkew', {
      message: `the date is more than 15 minutes from the session's clock (${now}; a session whose clock QA moved or froze signs with its nowMs)`,
      expected: now,
      received: date,
    });
  }
  // Own keys only: an access key id `constructor` found Object, whose text then signed as a secret.
  const secret = Object.hasOwn(call.world.accessKeys, authorization.accessKeyId) ? call.world.accessKeys[authorization.accessKeyId] : undefined;
  if (secret === undefined) {
    return fail('invalidSignature', {
      message: `access key ${authorization.accessKeyId} is not one of this session's world (scenario ${call.world.scenario})`,
      received: authorization.accessKeyId,
      expected: Object.keys(call.world.accessKeys).join(', '),
    });
  }
  // The query as sent, not call.query: request validation fills in defaults (userIdType=user_id) the client never signed.
  const fields = (call.method === 'GET' ? sentQuery(call.path) : call.body) ?? {};
  const request = { method: call.method, path: call.vendorPath, headers: call.headers, fields, flavour: authorization.flavour };
  if (!isSignedWith(secret, authorization.signature, request)) {
    const stringToSign = toStringToSign(request.method, request.path, request.headers, request.fields, request.flavour);
    return fail('invalidSignature', explainSignatureMismatch({ call, secret, authorization, fields, stringToSign }));
  }
  // A replay is a signature or a signature nonce seen before (spec: "a reused nonce is a replay").
  // An empty nonce is none: remembered, it made every later request with an empty one a replay, whatever its date.
  const nonce = header(call, names.nonce)?.trim() || undefined;
  const seen = nonce === undefined ? [authorization.signature] : [authorization.signature, `nonce:${nonce}`];
  if (!recordUnlessReplayed(call.world.seenSignatures, seen, WORLD_LIMITS.seenSignatures)) {
    return fail('signatureReplayed', {
      message: 'this signature (or its nonce) was already used in this session',
      wouldPass: `a fresh ${prefix}signature-nonce, signed`,
    });
  }
  return { ok: true, principalId: authorization.accessKeyId };
}

function rejectRequest(problems: RequestProblem[], call: OperationCall): OperationResult {
  // A body over the limit (answersOversizedBodies): the documented error class for it, in its HTTP 200 envelope.
  if (problems.some((problem) => problem.kind === 'refused' && problem.status === 413)) return call.respond(200, 'payloadTooLarge');
  const result = call.respond(200, 'invalidArgument');
  (result.body as { message: string }).message = `Invalid argument: ${problems.map((problem) => problem.message).join('; ')}`;
  return result;
}

/** The user a call names with userId/userIdType (the access key belongs to the tenant, not to a user). */
function addressedUser(call: OperationCall): User | undefined {
  const args = call.method === 'GET' ? call.query : call.body;
  return typeof args?.userId === 'string' ? findUser(call.world, args.userId, args.userIdType) : undefined;
}

/**
 * No `toCodeAttempt`: the management API checks no end-user codes (users verify theirs through the authentication API,
 * which the sandbox does not serve), so a scenario's `lockout` counts nothing here; the lock comes from QA's lock.
 */
export const genauthSurface: SurfaceBehaviour = {
  id: 'genauth',
  handlers,
  authenticate,
  addressedUser,
  onLockedUser: (call) => call.respond(200, 'userLocked'),
  rejectRequest,
  answersOversizedBodies: true,
  stampAnswer,
};
