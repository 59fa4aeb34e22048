import fc from 'fast-check';
import { wrongCode } from '../harness/totp.js';
import { adminTotpCode, codeAt, readOutbox } from './fuzz-admin.js';
import { CodeLedger, expectSame, fuzzCommand, inARow, ModelMismatch, type SurfaceFuzzModel } from './fuzz-command.js';
import type { FuzzReply, FuzzRequest, FuzzSession } from './fuzz-target.js';
import { countCodeAttempt, sessionCommands } from './session-commands.js';

/**
 * Lerian Identity (`/lerian/v1/users/{id}/mfa*`) as a model: John's pending setups (secret, recovery codes, verified
 * or not), his enabled methods, the preferred one, the codes sent by e-mail/SMS and QA's lock. The documented flow is
 * setup -> verify passcode -> enable with a recovery code of that setup (vendor-surfaces.md §2). An operator's token
 * manages him; the lock applies to the user the path addresses.
 */

const JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';
const AUTH = { authorization: 'Bearer lerian-token-operator' };
const BASE = `/v1/users/${JOHN}/mfa`;
const SCENARIO_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KINDS = ['totp', 'email', 'sms'] as const;
type Kind = (typeof KINDS)[number];
const NAME: Record<Kind, string> = { totp: 'app', email: 'email', sms: 'sms' };
const CODE_TTL_MS = 10 * 60_000;
const SCENARIOS = ['default', 'mfa-enabled', 'lockout'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Anything that holds a TOTP secret: a pending setup or an enabled method. */
interface TotpHolder {
  secret?: string;
  lastStep?: number;
}

interface Pending extends TotpHolder {
  recoveryCodes: string[];
  verified: boolean;
}

export interface LerianModel {
  scenario: Scenario;
  generation: number;
  pending: Partial<Record<Kind, Pending>>;
  methods: Partial<Record<Kind, TotpHolder>>;
  preferred?: Kind;
  sentCodes: Array<{ kind: Kind; code: string; expiresAtMs: number; used: boolean }>;
  usedRecoveryCodes: string[];
  lastTotp?: string;
  locked: boolean;
  ledger: CodeLedger;
  lockoutAfter?: number;
  failedAttempts?: number;
}

function scenarioModel(scenario: Scenario, generation: number, ledger: CodeLedger): LerianModel {
  const model: LerianModel = { scenario, generation, pending: {}, methods: {}, sentCodes: [], usedRecoveryCodes: [], locked: false, ledger };
  if (scenario === 'mfa-enabled' || scenario === 'lockout') {
    model.methods = { totp: { secret: SCENARIO_SECRET } };
    model.preferred = 'totp';
  }
  // The sandbox's choice; Lerian documents no figure (scenarios/lerian/lockout.yaml).
  if (scenario === 'lockout') model.lockoutAfter = 3;
  return model;
}

const enabledKinds = (model: Readonly<LerianModel>) => KINDS.filter((kind) => model.methods[kind] !== undefined);

function settle(model: LerianModel): void {
  const kinds = enabledKinds(model);
  if (kinds.length === 0) delete model.preferred;
  else if (!model.preferred || !kinds.includes(model.preferred)) model.preferred = kinds[0];
}

const call = (session: FuzzSession, operationId: string, method: FuzzRequest['method'], path: string, body?: unknown) =>
  session.vendor(operationId, { method, path: `${BASE}${path}`, body, headers: AUTH });

function expectError(reply: FuzzReply, status: number, code: string, what: string): void {
  expectSame([reply.status, reply.data?.code], [status, code], what);
}

/** QA's lock on John: 403 IDE-1015 on every operation addressing him. */
function refusedAsLocked(model: Readonly<LerianModel>, reply: FuzzReply, what: string): boolean {
  if (model.locked) expectError(reply, 403, 'IDE-1015', `${what} while John is locked`);
  return model.locked;
}

const kindArb = fc.constantFrom(...KINDS);

const verifyPasscode = fuzzCommand('verify', fc.record({ kind: kindArb, which: fc.constantFrom('current', 'previous', 'wrong', 'replayed', 'wrongSecret') }), {
  run: async (model: LerianModel, session, { kind, which }) => {
    const pending = model.pending[kind];
    const holder = pending ?? model.methods[kind];
    let body: Record<string, string>;
    let key: string | undefined;
    let step: number | undefined;
    if (kind === 'totp') {
      const secret = holder?.secret ?? SCENARIO_SECRET;
      let code = wrongCode(secret, session.clock.now());
      if (which === 'current' && holder && !model.locked) {
        code = await adminTotpCode(session, secret, { userId: JOHN, status: pending ? 'pending' : 'enrolled' });
        step = codeAt(session, secret).step;
      } else if (which === 'current' || which === 'previous' || which === 'wrongSecret') {
        ({ code, step } = codeAt(session, secret, which === 'previous' ? -1 : 0));
      } else if (which === 'replayed' && model.lastTotp) code = model.lastTotp;
      body = { mfaType: 'app', passcode: code, secret: which === 'wrongSecret' ? 'JBSWY3DPEHPK3PXQ' : secret };
      if (holder && step !== undefined && which !== 'wrongSecret' && step > (holder.lastStep ?? -Infinity)) key = `${model.generation}:totp:${secret}:${step}`;
    } else {
      const live = model.sentCodes.filter((sent) => sent.kind === kind && !sent.used);
      const used = model.sentCodes.filter((sent) => sent.kind === kind && sent.used);
      const sent = which === 'current' ? live.at(-1) : which === 'replayed' ? used.at(-1) : undefined;
      body = { mfaType: NAME[kind], passcode: sent?.code ?? '0000000' };
      if (sent && !sent.used && sent.expiresAtMs > session.clock.now()) key = `${model.generation}:sent:${sent.code}:${sent.expiresAtMs}`;
    }
    const reply = await call(session, 'verifyMfaPasscode', 'POST', '/verify', body);
    if (refusedAsLocked(model, reply, 'verify')) return;
    if (!holder) return expectError(reply, 400, 'IDE-1011', `verify ${NAME[kind]} with nothing set up`);
    const accepted = key !== undefined;
    expectSame([reply.status, reply.data], [200, { verified: accepted }], `verify ${NAME[kind]} with a ${which} passcode`);
    countCodeAttempt(model, accepted);
    if (!accepted) return;
    model.ledger.accept(key!, `verify ${NAME[kind]}`);
    if (kind === 'totp') {
      holder.lastStep = step!;
      model.lastTotp = body.passcode!;
    } else model.sentCodes.find((sent) => sent.code === body.passcode && !sent.used)!.used = true;
    if (pending) pending.verified = true;
  },
});

const commands = [
  fuzzCommand('setup', kindArb, {
    run: async (model: LerianModel, session, kind) => {
      const reply = await call(session, 'initiateMfaSetup', 'POST', '/setup', { mfaType: NAME[kind] });
      if (refusedAsLocked(model, reply, 'setup')) return;
      expectSame(
        [reply.status, reply.data?.mfaType, reply.data?.enabled, reply.data?.recoveryCodes?.length, typeof reply.data?.secret],
        // A method in use stays enabled while its new setup is pending (the spec's decision).
        [200, NAME[kind], model.methods[kind] !== undefined, 8, kind === 'totp' ? 'string' : 'undefined'],
        `setup ${NAME[kind]}`,
      );
      model.pending[kind] = { recoveryCodes: [...reply.data.recoveryCodes], verified: false, ...(kind === 'totp' ? { secret: reply.data.secret } : {}) };
      if (kind === 'totp') return;
      const known = new Set(model.sentCodes.map((sent) => sent.code));
      const code = (await readOutbox(session))
        .filter((message) => message.scenario === model.scenario && message.code && !known.has(message.code))
        .at(-1)?.code;
      if (!code) throw new ModelMismatch(`setup ${NAME[kind]}: no code in the outbox`);
      model.sentCodes.push({ kind, code, expiresAtMs: session.clock.now() + CODE_TTL_MS, used: false });
    },
  }),

  verifyPasscode,
  // The same code several times in a row: how sequences reach the lockout scenario's attempt limit.
  inARow(verifyPasscode, fc.integer({ min: 2, max: 5 })),

  fuzzCommand('enable', fc.record({ kind: kindArb, which: fc.constantFrom('fresh', 'used', 'wrong'), index: fc.nat(10), wrongSecret: fc.boolean() }), {
    run: async (model: LerianModel, session, { kind, which, index, wrongSecret }) => {
      const pending = model.pending[kind];
      const pool = which === 'fresh' ? (pending?.recoveryCodes ?? []) : which === 'used' ? model.usedRecoveryCodes : [];
      const recoveryCode = pool.length === 0 ? 'zzzzzzzzzz' : pool[index % pool.length]!;
      const secret = wrongSecret ? 'JBSWY3DPEHPK3PXQ' : (pending?.secret ?? SCENARIO_SECRET);
      const reply = await call(session, 'enableMfa', 'POST', '/enable', { mfaType: NAME[kind], recoveryCode, ...(kind === 'totp' ? { secret } : {}) });
      if (refusedAsLocked(model, reply, 'enable')) return;
      if (!pending || (kind === 'totp' && secret !== pending.secret)) return expectError(reply, 400, 'IDE-1011', `enable ${NAME[kind]} without its setup`);
      if (!pending.verified) return expectError(reply, 400, 'IDE-1013', `enable ${NAME[kind]} before its passcode was verified`);
      if (!pending.recoveryCodes.includes(recoveryCode))
        return (countCodeAttempt(model, false), expectError(reply, 400, 'IDE-1012', `enable ${NAME[kind]} with a ${which} recovery code`));
      expectSame([reply.status, reply.data], [200, { enabled: true }], `enable ${NAME[kind]}`);
      countCodeAttempt(model, true);
      model.ledger.accept(`${model.generation}:recovery:${recoveryCode}`, `enable ${NAME[kind]}`);
      model.usedRecoveryCodes.push(recoveryCode);
      model.methods[kind] = {
        ...(pending.secret ? { secret: pending.secret } : {}),
        ...(pending.lastStep !== undefined ? { lastStep: pending.lastStep } : {}),
      };
      delete model.pending[kind];
      settle(model);
    },
  }),

  fuzzCommand('setPreferred', kindArb, {
    run: async (model: LerianModel, session, kind) => {
      const reply = await call(session, 'setPreferredMfaMethod', 'PATCH', '/preferred', {
        mfaType: NAME[kind],
        ...(kind === 'totp' ? { secret: SCENARIO_SECRET } : {}),
      });
      if (refusedAsLocked(model, reply, 'preferred')) return;
      if (!model.methods[kind]) return expectError(reply, 400, 'IDE-1014', `prefer ${NAME[kind]}, not enabled`);
      expectSame([reply.status, reply.data], [200, { preferredType: NAME[kind] }], `prefer ${NAME[kind]}`);
      model.preferred = kind;
    },
  }),

  fuzzCommand('disable', kindArb, {
    run: async (model: LerianModel, session, kind) => {
      const reply = await call(session, 'disableMfa', 'POST', '/disable', { mfaType: NAME[kind] });
      if (refusedAsLocked(model, reply, 'disable')) return;
      if (!model.methods[kind]) return expectError(reply, 400, 'IDE-1014', `disable ${NAME[kind]}, not enabled`);
      expectSame([reply.status, reply.data], [200, { enabled: false }], `disable ${NAME[kind]}`);
      delete model.methods[kind];
      settle(model);
    },
  }),

  ...sessionCommands({ userId: JOHN, scenarios: SCENARIOS, scenarioModel, clockStepsMs: [30_000, 60_000, 5 * 60_000, 11 * 60_000] }),
];

export const lerianFuzzModel: SurfaceFuzzModel<LerianModel> = {
  surface: 'lerian',
  initialModel: () => scenarioModel('default', 0, new CodeLedger()),
  commands,
  async checkInvariants(model, session) {
    const reply = await call(session, 'getMfaStatus', 'GET', '');
    if (refusedAsLocked(model, reply, 'status')) return;
    const kinds = enabledKinds(model);
    expectSame(
      [reply.status, reply.data],
      [
        200,
        {
          enabled: kinds.length > 0,
          ...(model.preferred ? { preferredType: NAME[model.preferred] } : {}),
          methods: kinds.map((kind) => NAME[kind]),
          totpEnabled: kinds.includes('totp'),
          emailEnabled: kinds.includes('email'),
          smsEnabled: kinds.includes('sms'),
        },
      ],
      'status',
    );
  },
};
