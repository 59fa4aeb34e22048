import fc from 'fast-check';
import { wrongCode } from '../harness/totp.js';
import { adminTotpCode, codeAt, readOutbox, timeStepAt } from './fuzz-admin.js';
import { CodeLedger, expectSame, fuzzCommand, inARow, MAX_CLOCK_STEP_MS, ModelMismatch, type SurfaceFuzzModel } from './fuzz-command.js';
import type { FuzzReply, FuzzRequest, FuzzSession } from './fuzz-target.js';
import { countCodeAttempt, sessionCommands } from './session-commands.js';

/**
 * @ackplus/nest-auth 2.11.1 (`/nest-auth/auth/mfa/*`) as a model: the app's MFA options, Ada's TOTP devices, her own
 * MFA switch, recovery codes, the one e-mailed/texted MFA code she has at a time, and QA's lock (the library's
 * inactive account). The library has no TOTP replay protection (spec: verifyTotpSetup, verifyMfa), so only recovery
 * codes and sent codes are held to "never accepted twice"; a removed device never verifies.
 */

const ADA = { id: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1', token: 'nest-auth-token-ada' };
const AUTH = { authorization: `Bearer ${ADA.token}` };
const SCENARIO_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SCENARIO_DEVICE = '7d1e2f30-0000-4a5b-9c6d-00000000d0a1';
/** A well-formed device id no session ever has. */
const UNKNOWN_DEVICE = 'ffffffff-0000-4000-8000-00000000f00d';
/** speakeasy's window: one step either way. */
const WINDOW_STEPS = 1;
/** otp.maxAttempts: the wrong code that reaches it deletes the current one. */
const MAX_CODE_ATTEMPTS = 5;
/** otp.codeExpiresIn: a sent MFA code is valid 30 minutes. */
const CODE_TTL_MS = 30 * 60_000;
const SCENARIOS = ['default', 'mfa-enabled', 'org-enforced', 'totp-only', 'mfa-disabled', 'lockout'] as const;
type Scenario = (typeof SCENARIOS)[number];
type Method = 'email' | 'totp' | 'sms';

interface Device {
  id: string;
  secret: string;
  verified: boolean;
}

export interface NestAuthModel {
  scenario: Scenario;
  generation: number;
  /** The app's `mfa` options. */
  policy: { enabled: boolean; methods: Method[]; required: boolean };
  hasPhone: boolean;
  /** Ada's own MFA switch (toggle). */
  mfaEnabled: boolean;
  devices: Device[];
  recoveryCodes: string[];
  usedRecoveryCodes: string[];
  /** The current sent MFA code; earlier ones are void. */
  sentCode?: { code: string; expiresAtMs: number; used: boolean; attempts: number };
  voidCodes: string[];
  lastTotp?: { code: string; step: number; secret: string };
  locked: boolean;
  ledger: CodeLedger;
  lockoutAfter?: number;
  failedAttempts?: number;
}

function scenarioModel(scenario: Scenario, generation: number, ledger: CodeLedger): NestAuthModel {
  const model: NestAuthModel = {
    scenario,
    generation,
    policy: { enabled: scenario !== 'mfa-disabled', methods: ['email', 'totp'], required: scenario === 'org-enforced' },
    hasPhone: false,
    mfaEnabled: false,
    devices: [],
    recoveryCodes: [],
    usedRecoveryCodes: [],
    voidCodes: [],
    locked: false,
    ledger,
  };
  if (scenario === 'totp-only') model.policy.methods = ['totp'];
  if (scenario === 'mfa-enabled' || scenario === 'org-enforced' || scenario === 'lockout') {
    model.devices = [{ id: SCENARIO_DEVICE, secret: SCENARIO_SECRET, verified: true }];
    model.mfaEnabled = true;
  }
  // The library's otp.maxAttempts default (scenarios/nest-auth/lockout.yaml).
  if (scenario === 'lockout') model.lockoutAfter = 5;
  if (scenario === 'mfa-enabled' || scenario === 'lockout') {
    model.policy.methods = ['email', 'totp', 'sms'];
    model.hasPhone = true;
    model.recoveryCodes = ['sandbox-recovery-code-ada-0001'];
  }
  return model;
}

/** `getVerifiedMethods`: totp with a verified device, email (Ada has an address), sms with a phone; offered ones only. */
function verifiedMethods(model: Readonly<NestAuthModel>): Method[] {
  if (!model.policy.enabled) return [];
  const offered = model.policy.methods;
  return [
    ...(offered.includes('totp') && model.devices.some((device) => device.verified) ? ['totp' as const] : []),
    ...(offered.includes('email') ? ['email' as const] : []),
    ...(offered.includes('sms') && model.hasPhone ? ['sms' as const] : []),
  ];
}

const requiresMfa = (model: Readonly<NestAuthModel>) => model.policy.enabled && (model.policy.required || model.mfaEnabled);

const call = (session: FuzzSession, operationId: string, request: Omit<FuzzRequest, 'headers'>) => session.vendor(operationId, { ...request, headers: AUTH });

function expectError(reply: FuzzReply, status: number, code: string | undefined, what: string): void {
  expectSame([reply.status, reply.data?.code], [status, code], what);
}

/** The guard runs first: QA's lock (an inactive account) is 401 on every route; then app MFA off is 403. */
function refusedBeforeHandler(model: Readonly<NestAuthModel>, reply: FuzzReply, what: string, mfaGuarded = true): boolean {
  if (model.locked) return (expectError(reply, 401, 'ACCOUNT_INACTIVE', `${what} while locked`), true);
  if (mfaGuarded && !model.policy.enabled) return (expectError(reply, 403, 'MFA_NOT_ENABLED', `${what} with app MFA off`), true);
  return false;
}

const verifyMfaTotp = fuzzCommand('verifyMfaTotp', fc.record({ index: fc.nat(10), which: fc.constantFrom('current', 'previous', 'wrong', 'replayed') }), {
  run: async (model: NestAuthModel, session, { index, which }) => {
    const verified = model.devices.filter((device) => device.verified);
    const device = verified.length === 0 ? undefined : verified[index % verified.length]!;
    let sent = { code: '000000', step: -1, secret: '' };
    if (which === 'replayed' && model.lastTotp) sent = model.lastTotp;
    else if (device && which === 'wrong') sent = { code: wrongCode(device.secret, session.clock.now()), step: -1, secret: device.secret };
    else if (device && which !== 'wrong') sent = { ...codeAt(session, device.secret, which === 'previous' ? -1 : 0), secret: device.secret };
    const reply = await call(session, 'verifyMfa', { method: 'POST', path: '/auth/mfa/verify', body: { method: 'totp', otp: sent.code } });
    if (refusedBeforeHandler(model, reply, 'verify (totp)')) return;
    // Any verified device whose code is within one step: no replay protection in the library (spec decision).
    const stillVerified = model.devices.some((candidate) => candidate.verified && candidate.secret === sent.secret);
    const accepted = stillVerified && Math.abs(sent.step - timeStepAt(session.clock.now())) <= WINDOW_STEPS;
    if (reply.status === 200 && !stillVerified) throw new ModelMismatch(`verify (totp, ${which}): a code of a removed or unverified device verified`);
    if (accepted) expectSame([reply.status, reply.data?.message], [200, '2FA verification successful'], `verify with the ${which} TOTP code`);
    else expectError(reply, 401, 'MFA_CODE_INVALID', `verify with the ${which} TOTP code`);
    countCodeAttempt(model, accepted);
    if (accepted) model.lastTotp = sent;
  },
});

const commands = [
  fuzzCommand('setupTotp', fc.constant(undefined), {
    run: async (model: NestAuthModel, session) => {
      const reply = await call(session, 'setupTotp', { method: 'POST', path: '/auth/mfa/setup-totp', body: { deviceName: 'fuzz phone' } });
      if (refusedBeforeHandler(model, reply, 'setup-totp')) return;
      expectSame([reply.status, typeof reply.data?.secret], [200, 'string'], 'setup-totp');
      // The answer has no device id: the device list has it (the new, unverified device with this secret).
      const devices = await call(session, 'listMfaDevices', { method: 'GET', path: '/auth/mfa/devices' });
      const known = new Set(model.devices.map((device) => device.id));
      const added = (devices.data as Array<{ id: string; verified: boolean }>).filter((device) => !known.has(device.id));
      expectSame(
        added.map((device) => device.verified),
        [false],
        'devices after setup-totp: one new, unverified',
      );
      model.devices.push({ id: added[0]!.id, secret: reply.data.secret, verified: false });
    },
  }),

  fuzzCommand('verifyTotpSetup', fc.record({ index: fc.nat(10), which: fc.constantFrom('current', 'previous', 'wrong') }), {
    run: async (model: NestAuthModel, session, { index, which }) => {
      const device = model.devices.length === 0 ? undefined : model.devices[index % model.devices.length]!;
      const secret = device?.secret ?? SCENARIO_SECRET;
      let code = wrongCode(secret, session.clock.now());
      if (device && which === 'current' && !model.locked && model.policy.enabled) {
        code = await adminTotpCode(session, secret, { userId: ADA.id, status: device.verified ? 'enrolled' : 'pending' });
      } else if (which !== 'wrong') code = codeAt(session, secret, which === 'previous' ? -1 : 0).code;
      const reply = await call(session, 'verifyTotpSetup', { method: 'POST', path: '/auth/mfa/verify-totp-setup', body: { otp: code, secret } });
      if (refusedBeforeHandler(model, reply, 'verify-totp-setup')) return;
      // A device already verified answers 200 again without a code check, as the library does.
      const accepted = device !== undefined && (device.verified || which !== 'wrong');
      if (accepted) expectSame(reply.status, 200, `verify-totp-setup with the ${which} code`);
      else expectError(reply, 401, 'MFA_CODE_INVALID', `verify-totp-setup with the ${which} code`);
      countCodeAttempt(model, accepted);
      if (device && accepted) device.verified = true;
    },
  }),

  verifyMfaTotp,
  // The same code several times in a row: how sequences reach the lockout scenario's attempt limit.
  inARow(verifyMfaTotp, fc.integer({ min: 2, max: 5 })),

  fuzzCommand('removeDevice', fc.record({ index: fc.nat(10), unknown: fc.boolean() }), {
    run: async (model: NestAuthModel, session, { index, unknown }) => {
      const device = unknown || model.devices.length === 0 ? undefined : model.devices[index % model.devices.length]!;
      const reply = await call(session, 'removeMfaDevice', { method: 'DELETE', path: `/auth/mfa/devices/${device?.id ?? UNKNOWN_DEVICE}` });
      if (refusedBeforeHandler(model, reply, 'remove device')) return;
      if (!device) return expectSame([reply.status, reply.data?.message], [404, 'MFA device not found'], 'remove an unknown device');
      expectSame(reply.status, 200, 'remove a device');
      model.devices = model.devices.filter((candidate) => candidate !== device);
    },
  }),

  fuzzCommand('generateRecoveryCodes', fc.constant(undefined), {
    run: async (model: NestAuthModel, session) => {
      const reply = await call(session, 'generateRecoveryCode', { method: 'POST', path: '/auth/mfa/generate-recovery-code' });
      if (refusedBeforeHandler(model, reply, 'generate-recovery-code')) return;
      expectSame([reply.status, reply.data?.codes?.length], [200, 10], 'generate-recovery-code');
      // A new batch replaces every unused code.
      model.usedRecoveryCodes.push(...model.recoveryCodes);
      model.recoveryCodes = [...reply.data.codes];
    },
  }),

  fuzzCommand(
    'useRecoveryCode',
    fc.record({ route: fc.constantFrom('verify-recovery-code', 'reset-totp'), which: fc.constantFrom('fresh', 'used', 'wrong'), index: fc.nat(10) }),
    {
      run: async (model: NestAuthModel, session, { route, which, index }) => {
        const pool = which === 'fresh' ? model.recoveryCodes : which === 'used' ? model.usedRecoveryCodes : [];
        const code = pool.length === 0 ? 'not-a-recovery-code' : pool[index % pool.length]!;
        const resetting = route === 'reset-totp';
        const reply = await call(session, resetting ? 'resetTotp' : 'verifyRecoveryCode', { method: 'POST', path: `/auth/mfa/${route}`, body: { code } });
        // verify-recovery-code is not behind the app-MFA guard: it asks isRequiresMfa and answers 401 either way.
        if (refusedBeforeHandler(model, reply, route, resetting)) return;
        if (!resetting && !requiresMfa(model)) return expectError(reply, 401, 'MFA_NOT_ENABLED', 'verify-recovery-code without MFA to pass');
        const accepted = model.recoveryCodes.includes(code);
        countCodeAttempt(model, accepted);
        if (!accepted) return expectError(reply, 401, 'MFA_RECOVERY_CODE_INVALID', `${route} with a ${which} recovery code`);
        expectSame(reply.status, 200, `${route} with a fresh recovery code`);
        model.ledger.accept(`${model.generation}:recovery:${code}`, route);
        model.recoveryCodes = model.recoveryCodes.filter((candidate) => candidate !== code);
        model.usedRecoveryCodes.push(code);
        if (resetting) {
          model.devices = [];
          // With no verified method left, MFA goes off so a TOTP-only user is not locked out.
          if (verifiedMethods(model).length === 0) model.mfaEnabled = false;
        }
      },
    },
  ),

  fuzzCommand('toggle', fc.boolean(), {
    run: async (model: NestAuthModel, session, enabled) => {
      const reply = await call(session, 'toggleMfa', { method: 'POST', path: '/auth/mfa/toggle', body: { enabled } });
      if (refusedBeforeHandler(model, reply, 'toggle')) return;
      if (model.policy.required) return expectError(reply, 403, 'MFA_TOGGLING_NOT_ALLOWED', 'toggle while MFA is required');
      if (enabled && verifiedMethods(model).length === 0) return expectError(reply, 403, 'MFA_CANNOT_ENABLE_WITHOUT_METHOD', 'toggle on without a method');
      expectSame(reply.status, 200, `toggle ${enabled}`);
      model.mfaEnabled = enabled;
    },
  }),

  fuzzCommand('sendChallenge', fc.constantFrom<Method>('email', 'sms', 'totp'), {
    run: async (model: NestAuthModel, session, method) => {
      const reply = await call(session, 'sendMfaChallenge', { method: 'POST', path: '/auth/mfa/challenge', body: { method } });
      if (refusedBeforeHandler(model, reply, 'challenge')) return;
      expectSame(reply.status, 200, `challenge (${method})`);
      // One code per user: a challenge voids the earlier one, and only email/SMS send a new one.
      if (model.sentCode) model.voidCodes.push(model.sentCode.code);
      delete model.sentCode;
      if (method === 'totp') return;
      const known = new Set(model.voidCodes);
      const code = (await readOutbox(session))
        .filter((message) => message.scenario === model.scenario && message.code && !known.has(message.code))
        .at(-1)?.code;
      if (!code) throw new ModelMismatch(`challenge (${method}): no code in the outbox`);
      model.sentCode = { code, expiresAtMs: session.clock.now() + CODE_TTL_MS, used: false, attempts: 0 };
    },
  }),

  fuzzCommand(
    'verifyMfaCode',
    fc.record({ method: fc.constantFrom<Method>('email', 'sms'), which: fc.constantFrom('current', 'void', 'wrong'), index: fc.nat(10) }),
    {
      run: async (model: NestAuthModel, session, { method, which, index }) => {
        const current = model.sentCode;
        let code = '999999x';
        if (which === 'current' && current) code = current.code;
        if (which === 'void' && model.voidCodes.length > 0) code = model.voidCodes[index % model.voidCodes.length]!;
        const reply = await call(session, 'verifyMfa', { method: 'POST', path: '/auth/mfa/verify', body: { method, otp: code } });
        if (refusedBeforeHandler(model, reply, `verify (${method})`)) return;
        const live = current !== undefined && !current.used && current.code === code;
        // A void code may equal the current one by chance (6 random digits): then it is the current one.
        // An expired code is no attempt (the library counts only codes that match nothing).
        if (!live) {
          // A wrong code counts against the current unexpired one; the fifth deletes it (its answer: too many attempts).
          if (current && !current.used && current.expiresAtMs > session.clock.now() && ++current.attempts >= MAX_CODE_ATTEMPTS) current.used = true;
          countCodeAttempt(model, false);
          return expectError(reply, 400, 'VERIFICATION_CODE_INVALID', `verify with a ${which} ${method} code`);
        }
        if (current.expiresAtMs <= session.clock.now()) return expectError(reply, 400, 'VERIFICATION_CODE_EXPIRED', `verify with an expired ${method} code`);
        expectSame(reply.status, 200, `verify with the current ${method} code`);
        countCodeAttempt(model, true);
        model.ledger.accept(`${model.generation}:sent:${code}:${current.expiresAtMs}`, `verify (${method})`);
        current.used = true;
      },
    },
  ),

  ...sessionCommands({ userId: ADA.id, scenarios: SCENARIOS, scenarioModel, clockStepsMs: [30_000, 60_000, 5 * 60_000, MAX_CLOCK_STEP_MS] }),
];

export const nestAuthFuzzModel: SurfaceFuzzModel<NestAuthModel> = {
  surface: 'nest-auth',
  initialModel: () => scenarioModel('default', 0, new CodeLedger()),
  commands,
  async checkInvariants(model, session) {
    const reply = await call(session, 'getMfaStatus', { method: 'GET', path: '/auth/mfa/status' });
    if (model.locked) return expectError(reply, 401, 'ACCOUNT_INACTIVE', 'status while locked');
    const on = model.policy.enabled;
    const { totpDevices, ...rest } = reply.data ?? {};
    expectSame(
      [reply.status, rest],
      [
        200,
        {
          isEnabled: requiresMfa(model),
          verifiedMethods: verifiedMethods(model),
          configuredMethods: on ? model.policy.methods : [],
          allowUserToggle: on,
          allowMethodSelection: true,
          hasRecoveryCode: on && model.recoveryCodes.length > 0,
          required: model.policy.required,
          canToggle: on && !model.policy.required,
        },
      ],
      'status',
    );
    const devices = (totpDevices as Array<{ id: string; verified: boolean }>).map(({ id, verified }) => `${id}:${verified}`).sort();
    expectSame(devices, on ? model.devices.map(({ id, verified }) => `${id}:${verified}`).sort() : [], 'status totpDevices');
  },
};
