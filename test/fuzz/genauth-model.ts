import fc from 'fast-check';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import { CodeLedger, expectSame, fuzzCommand, MAX_CLOCK_STEP_MS, type SurfaceFuzzModel } from './fuzz-command.js';
import type { FuzzReply, FuzzRequest, FuzzSession } from './fuzz-target.js';
import { sessionCommands } from './session-commands.js';

/**
 * GenAuth/Authing management API v3 (`/genauth/api/v3/*`) as a model: the user's bound factors (OTP, face, e-mail,
 * SMS), the pool's global MFA factors, one application's factors and QA's lock. GenAuth verifies no codes itself
 * (its management API only switches factors), so "never accepted twice" is about its credential: every request is
 * AK/SK-signed with a nonce, and a signed request replayed as sent must be refused (apiCode 1306), never run again.
 */

const USER = '6229ffaxxxxxxxxcade3e3d9';
const APP = 'app-sandbox';
const FACTORS = ['totp', 'email', 'sms', 'face'] as const;
type Factor = (typeof FACTORS)[number];
const NAME: Record<Factor, string> = { totp: 'OTP', email: 'EMAIL', sms: 'SMS', face: 'FACE' };
/** GenAuth's own order of its factor names (OTP, SMS, EMAIL, FACE): every list of names comes back in it. */
const VENDOR_ORDER: readonly Factor[] = ['totp', 'sms', 'email', 'face'];
/** Requests dated further than this from the server clock are refused (apiCode 1305). */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const SCENARIOS = ['default', 'mfa-enabled', 'org-enforced', 'lockout'] as const;
type Scenario = (typeof SCENARIOS)[number];

export interface GenAuthModel {
  scenario: Scenario;
  generation: number;
  bound: Record<Factor, boolean>;
  /** The EMAIL and SMS factors' addresses: the account's until set-mfa-status gives others (the account's stay). */
  email: string;
  phone: string;
  /** The account's, which an SMS number set without one is taken to share. */
  phoneCountryCode: string | null;
  globalFactors: Factor[];
  appFactors: Factor[];
  locked: boolean;
  /** The last request that passed authentication, exactly as sent, with the time it was signed at. */
  lastSigned?: { operationId: string; request: FuzzRequest; signedAtMs: number };
  ledger: CodeLedger;
}

function scenarioModel(scenario: Scenario, generation: number, ledger: CodeLedger): GenAuthModel {
  const none: Record<Factor, boolean> = { totp: false, email: false, sms: false, face: false };
  const base = { scenario, generation, email: 'authing@authing.com', phone: '132xxxxx1234', locked: false, ledger };
  if (scenario === 'mfa-enabled') {
    return { ...base, bound: { ...none, totp: true, face: true }, phoneCountryCode: '+86', globalFactors: ['totp', 'email'], appFactors: ['totp', 'email'] };
  }
  // The management API checks no codes: its attempt limit never counts, so the model has none.
  if (scenario === 'lockout') {
    return { ...base, bound: { ...none, totp: true }, phoneCountryCode: '+86', globalFactors: ['totp', 'email'], appFactors: ['totp', 'email'] };
  }
  if (scenario === 'org-enforced') {
    return { ...base, bound: { ...none, totp: true }, phoneCountryCode: null, globalFactors: ['totp', 'sms', 'email'], appFactors: ['totp', 'sms', 'email'] };
  }
  return { ...base, bound: none, phoneCountryCode: '+86', globalFactors: ['email'], appFactors: ['email'] };
}

/**
 * Sign and send one request as the SDK does (signed at the session clock's time, so a moved clock never skews it),
 * record its signature in the ledger and keep it for the replay command.
 */
async function send(
  model: GenAuthModel,
  session: FuzzSession,
  operationId: string,
  method: 'GET' | 'POST',
  path: string,
  fields: Record<string, unknown>,
): Promise<FuzzReply> {
  const headers = signGenAuthRequest({
    method,
    path,
    fields,
    accessKeyId: GENAUTH_ACCESS_KEY.id,
    accessKeySecret: GENAUTH_ACCESS_KEY.secret,
    date: new Date(session.clock.now()).toUTCString(),
  });
  const request: FuzzRequest = method === 'GET' ? { method, path, query: fields as Record<string, string>, headers } : { method, path, body: fields, headers };
  const reply = await session.vendor(operationId, request);
  model.ledger.accept(`${model.generation}:signature:${headers.authorization}`, `${operationId} (a fresh signature)`);
  model.lastSigned = { operationId, request, signedAtMs: session.clock.now() };
  return reply;
}

function expectEnvelope(reply: FuzzReply, statusCode: number, apiCode: number | undefined, what: string): void {
  expectSame([reply.status, reply.data?.statusCode, reply.data?.apiCode], [200, statusCode, apiCode], what);
}

function expectSuccess(reply: FuzzReply, data: unknown, what: string): void {
  expectSame([reply.status, reply.data?.statusCode, reply.data?.data], [200, 200, data], what);
}

/** QA's lock on the addressed user: statusCode 403, apiCode 2005 (spec decision on userLocked). */
function refusedAsLocked(model: Readonly<GenAuthModel>, reply: FuzzReply, what: string): boolean {
  if (model.locked) expectEnvelope(reply, 403, 2005, `${what} while the user is locked`);
  return model.locked;
}

const union = (factors: Iterable<Factor>) => [...new Set(factors)];
const names = (factors: readonly Factor[]) => VENDOR_ORDER.filter((factor) => factors.includes(factor)).map((factor) => NAME[factor]);
const factorSubset = fc.subarray([...FACTORS]);

const commands = [
  fuzzCommand(
    'setMfaStatus',
    fc.record(
      {
        totp: fc.boolean(),
        face: fc.boolean(),
        email: fc.constantFrom(null, 'fuzz@example.com', 'other@example.com'),
        phone: fc.constantFrom(null, '13800000000'),
      },
      { requiredKeys: [] },
    ),
    {
      run: async (model: GenAuthModel, session, change) => {
        const mfaTriggerData: Record<string, unknown> = { mfaToken: 'xxxxxxx', applicationMfa: [] };
        if (change.totp !== undefined) mfaTriggerData.totpMfaEnabled = change.totp;
        if (change.face !== undefined) mfaTriggerData.faceMfaEnabled = change.face;
        if (change.email !== undefined) mfaTriggerData.mfaEmail = change.email;
        if (change.phone !== undefined) mfaTriggerData.mfaPhone = change.phone;
        const reply = await send(model, session, 'setUsersMfaStatus', 'POST', '/api/v3/set-mfa-status', { userId: USER, mfaTriggerData });
        if (refusedAsLocked(model, reply, 'set-mfa-status')) return;
        expectSuccess(reply, { success: true }, `set-mfa-status ${JSON.stringify(change)}`);
        if (change.totp !== undefined) model.bound.totp = change.totp;
        if (change.face !== undefined) model.bound.face = change.face;
        if (change.email !== undefined) model.bound.email = change.email !== null;
        if (change.email) model.email = change.email;
        if (change.phone !== undefined) model.bound.sms = change.phone !== null;
        if (change.phone) model.phone = change.phone;
      },
    },
  ),

  fuzzCommand('getUserMfaInfo', fc.constant(undefined), {
    run: async (model: GenAuthModel, session) => {
      const reply = await send(model, session, 'getUserMfaInfo', 'GET', '/api/v3/get-user-mfa-info', { userId: USER });
      if (refusedAsLocked(model, reply, 'get-user-mfa-info')) return;
      const state = (factor: Factor) => (model.bound[factor] ? 'enabled' : 'disabled');
      expectSuccess(
        reply,
        { totpStatus: state('totp'), faceMfaStatus: state('face'), smsMfaStatus: state('sms'), emailMfaStatus: state('email') },
        'get-user-mfa-info',
      );
    },
  }),

  fuzzCommand('updateGlobalMfaSettings', factorSubset, {
    run: async (model: GenAuthModel, session, enabled) => {
      const reply = await send(model, session, 'updateGlobalMfaSettings', 'POST', '/api/v3/update-global-mfa-settings', { enabledFactors: names(enabled) });
      model.globalFactors = union([...model.globalFactors, ...enabled]);
      expectSuccess(reply, { enabledFactors: names(model.globalFactors) }, `update-global-mfa-settings +${names(enabled).join(',')}`);
    },
  }),

  fuzzCommand('closeGlobalMfaSettings', factorSubset, {
    run: async (model: GenAuthModel, session, disabled) => {
      const reply = await send(model, session, 'closeGlobalMfaSettings', 'POST', '/api/v3/disable-global-mfa-settings', { disableFactors: names(disabled) });
      model.globalFactors = model.globalFactors.filter((factor) => !disabled.includes(factor));
      expectSuccess(reply, { enabledFactors: names(model.globalFactors) }, `disable-global-mfa-settings -${names(disabled).join(',')}`);
    },
  }),

  fuzzCommand('updateApplicationMfaSettings', fc.record({ known: fc.boolean(), enabled: factorSubset, disabled: factorSubset }), {
    run: async (model: GenAuthModel, session, { known, enabled, disabled }) => {
      const appId = known ? APP : 'app-nobody-has';
      const reply = await send(model, session, 'updateApplicationMfaSettings', 'POST', '/api/v3/update-application-mfa-settings', {
        appId,
        enabledFactors: names(enabled),
        disabledFactors: names(disabled),
      });
      if (!known) return expectEnvelope(reply, 404, 2011, 'update-application-mfa-settings of an unknown app');
      // Enabled ones are added, then disabled ones removed (spec decision: a factor in both ends up disabled).
      model.appFactors = union([...model.appFactors, ...enabled]).filter((factor) => !disabled.includes(factor));
      expectSuccess(reply, { enabledFactors: names(model.appFactors) }, 'update-application-mfa-settings');
    },
  }),

  fuzzCommand('getMfaTriggerData', fc.boolean(), {
    run: async (model: GenAuthModel, session, known) => {
      const reply = await send(model, session, 'getMfaTriggerData', 'GET', '/api/v3/get-mfa-trigger-data', {
        appId: known ? APP : 'app-nobody-has',
        userId: USER,
      });
      if (refusedAsLocked(model, reply, 'get-mfa-trigger-data')) return;
      if (!known) return expectEnvelope(reply, 404, 2011, 'get-mfa-trigger-data of an unknown app');
      expectSame(
        reply.data?.data?.applicationMfa?.map((entry: { mfaPolicy: string }) => entry.mfaPolicy),
        names(model.appFactors),
        'get-mfa-trigger-data applicationMfa',
      );
    },
  }),

  // The last signed request sent again byte for byte: a replay (1306), or too old by now (1305); never run twice.
  fuzzCommand('replayLastRequest', fc.constant(undefined), {
    check: (model: Readonly<GenAuthModel>) => model.lastSigned !== undefined,
    run: async (model: GenAuthModel, session) => {
      const { operationId, request, signedAtMs } = model.lastSigned!;
      const reply = await session.vendor(operationId, request);
      const tooOld = Math.abs(session.clock.now() - signedAtMs) > MAX_CLOCK_SKEW_MS;
      expectEnvelope(reply, 401, tooOld ? 1305 : 1306, `${operationId} replayed as sent`);
    },
  }),

  ...sessionCommands({ userId: USER, scenarios: SCENARIOS, scenarioModel, clockStepsMs: [30_000, 5 * 60_000, MAX_CLOCK_STEP_MS] }),
];

export const genauthFuzzModel: SurfaceFuzzModel<GenAuthModel> = {
  surface: 'genauth',
  initialModel: () => scenarioModel('default', 0, new CodeLedger()),
  commands,
  async checkInvariants(model, session) {
    // The status read is itself signed; it must not count as a step's request to replay, so the last one is kept.
    const lastSigned = model.lastSigned;
    const reply = await send(model, session, 'getUserMfaStatus', 'GET', '/api/v3/get-mfa-status', { userId: USER, userIdType: 'user_id' });
    if (lastSigned) model.lastSigned = lastSigned;
    if (refusedAsLocked(model, reply, 'get-mfa-status')) return;
    const data = reply.data?.data ?? {};
    expectSame(
      [reply.status, reply.data?.statusCode, data.totpMfaEnabled, data.faceMfaEnabled, data.mfaEmail, data.mfaPhone, data.mfaPhoneCountryCode],
      [
        200,
        200,
        model.bound.totp,
        model.bound.face,
        model.bound.email ? model.email : null,
        model.bound.sms ? model.phone : null,
        model.bound.sms ? model.phoneCountryCode : null,
      ],
      'get-mfa-status',
    );
    expectSame(
      (data.applicationMfa ?? []).map((entry: { mfaPolicy: string }) => entry.mfaPolicy),
      names(model.globalFactors),
      'get-mfa-status applicationMfa (the pool-wide factors)',
    );
  },
};
