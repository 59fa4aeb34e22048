import fc from 'fast-check';
import { wrongCode } from '../harness/totp.js';
import { adminTotpCode, codeAt, readOutbox } from './fuzz-admin.js';
import { CodeLedger, expectSame, fuzzCommand, inARow, ModelMismatch, type SurfaceFuzzModel } from './fuzz-command.js';
import type { FuzzReply, FuzzSession } from './fuzz-target.js';
import { countCodeAttempt, sessionCommands } from './session-commands.js';

/**
 * Flashback (`/flashback/mfa/*`) as a model: Ada (OWNER of Acme) with her factors (Google Authenticator, magic link,
 * passkey), a pending TOTP setup, backup codes, the primary method, organisation enforcement, her magic links and
 * QA's lock. Vendor facts: the sources specs/flashback.openapi.yaml lists ([D] docs, [C] client) and its x-sandbox-decision notes.
 */

const ADA = { id: 'usr_ada', token: 'flashback-token-ada' };
const AUTH = { authorization: `Bearer ${ADA.token}` };
const KINDS = ['totp', 'magic_link', 'passkey'] as const;
type Kind = (typeof KINDS)[number];
const NAME: Record<Kind, string> = { totp: 'GOOGLE_AUTH', magic_link: 'MAGIC_LINK', passkey: 'PASSKEY' };
/** The scenarios' shared authenticator secret (scenarios/flashback/mfa-enabled.yaml, org-enforced.yaml, lockout.yaml). */
const SCENARIO_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** The client's DEFAULT_MFA_CONFIG: magic links are valid 10 minutes. */
const MAGIC_LINK_TTL_MS = 10 * 60_000;
const SCENARIOS = ['default', 'mfa-enabled', 'org-enforced', 'lockout'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Factor {
  enabled: boolean;
  secret?: string;
  /** The last TOTP time step accepted: a code of this step or an earlier one is a replay. */
  lastStep?: number;
}

export interface FlashbackModel {
  scenario: Scenario;
  /** Bumped by every scenario switch: a fresh world may accept its scenario's codes again. */
  generation: number;
  factors: Partial<Record<Kind, Factor>>;
  primary?: Kind;
  pending?: { secret: string; backupCodes: string[] };
  backupCodes: string[];
  usedBackupCodes: string[];
  enforced: boolean;
  /** MFA switched on with no method enabled: what a reset under enforcement leaves, until the next settle. */
  onWithoutMethods?: boolean;
  locked: boolean;
  lockoutAfter?: number;
  failedAttempts?: number;
  links: Array<{ token: string; expiresAtMs: number; used: boolean }>;
  lastAcceptedTotp?: { code: string };
  ledger: CodeLedger;
}

function scenarioModel(scenario: Scenario, generation: number, ledger: CodeLedger): FlashbackModel {
  const model: FlashbackModel = { scenario, generation, factors: {}, backupCodes: [], usedBackupCodes: [], enforced: false, locked: false, links: [], ledger };
  if (scenario === 'mfa-enabled' || scenario === 'lockout') {
    model.factors = { totp: { enabled: true, secret: SCENARIO_SECRET }, passkey: { enabled: true } };
    model.primary = 'totp';
    model.backupCodes = ['40213377', '88105524', '11992230'];
  }
  // The client's maxAttempts and lockoutDuration (scenarios/flashback/lockout.yaml).
  if (scenario === 'lockout') Object.assign(model, { lockoutAfter: 5, lockedForMs: 15 * 60_000 });
  if (scenario === 'org-enforced') {
    model.factors = { totp: { enabled: true, secret: SCENARIO_SECRET } };
    model.primary = 'totp';
    model.enforced = true;
  }
  return model;
}

const enabledKinds = (model: Readonly<FlashbackModel>) => KINDS.filter((kind) => model.factors[kind]?.enabled);

/** The engine's settleMfaState: the primary method stays if still enabled, else the first enabled one, else none. */
function settle(model: FlashbackModel): void {
  const kinds = enabledKinds(model);
  delete model.onWithoutMethods;
  if (kinds.length === 0) delete model.primary;
  else if (!model.primary || !kinds.includes(model.primary)) model.primary = kinds[0];
}

const call = (session: FuzzSession, operationId: string, path: string, body?: unknown, headers: Record<string, string> = AUTH) =>
  session.vendor(operationId, { method: 'POST', path, body, headers });

/** A locked caller gets 403 "Account locked" on every authenticated route (spec decision on the 403 response). */
function expectLocked(reply: FuzzReply, what: string): void {
  expectSame([reply.status, reply.data], [403, { success: false, error: 'Account locked' }], `${what} while Ada is locked`);
}

function expectOutcome(reply: FuzzReply, accepted: boolean, what: string): void {
  expectSame([reply.status, reply.data?.success], accepted ? [200, true] : [400, false], `${what} (${accepted ? 'accepted' : 'refused'} by the model)`);
}

const kindArb = fc.constantFrom(...KINDS);

const verifyLoginTotp = fuzzCommand(
  'verifyLoginTotp',
  fc.record({ which: fc.constantFrom('current', 'previous', 'wrong', 'replayed', 'backup', 'usedBackup'), index: fc.nat(20) }),
  {
    run: async (model: FlashbackModel, session, { which, index }) => {
      const factor = model.factors.totp;
      const secret = factor?.secret;
      let code = '000000';
      let key: string | undefined;
      if (which === 'current' && secret) {
        code = await adminTotpCode(session, secret, { userId: ADA.id, status: 'enrolled' });
        const step = codeAt(session, secret).step;
        if (step > (factor.lastStep ?? -Infinity)) key = `${model.generation}:totp:${secret}:${step}`;
      } else if (which === 'previous' && secret) {
        const { code: previous, step } = codeAt(session, secret, -1);
        code = previous;
        if (step > (factor.lastStep ?? -Infinity)) key = `${model.generation}:totp:${secret}:${step}`;
      } else if (which === 'wrong' && secret) code = wrongCode(secret, session.clock.now());
      else if (which === 'replayed' && model.lastAcceptedTotp) code = model.lastAcceptedTotp.code;
      else if (which === 'backup' && model.backupCodes.length > 0) {
        code = model.backupCodes[index % model.backupCodes.length]!;
        key = `${model.generation}:backup:${code}`;
      } else if (which === 'usedBackup' && model.usedBackupCodes.length > 0) code = model.usedBackupCodes[index % model.usedBackupCodes.length]!;
      const reply = await call(session, 'verifyMFALogin', '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code });
      if (model.locked) return expectLocked(reply, 'verify-login');
      if (reply.status === 200 && !factor?.enabled) throw new ModelMismatch(`verify-login (${which}): a disabled Google Authenticator factor verified`);
      const accepted = Boolean(factor?.enabled) && key !== undefined;
      expectOutcome(reply, accepted, `verify-login with a ${which} GOOGLE_AUTH code`);
      countCodeAttempt(model, accepted, session.clock.now());
      if (!accepted) return;
      model.ledger.accept(key!, `verify-login (${which})`);
      if (which === 'backup') {
        model.backupCodes = model.backupCodes.filter((candidate) => candidate !== code);
        model.usedBackupCodes.push(code);
      } else {
        factor!.lastStep = Number(key!.split(':').pop());
        model.lastAcceptedTotp = { code };
      }
    },
  },
);

const commands = [
  fuzzCommand('setupTotp', fc.constant(undefined), {
    run: async (model: FlashbackModel, session) => {
      const reply = await call(session, 'setupMFA', '/mfa/setup', { mfaType: 'GOOGLE_AUTH' });
      if (model.locked) return expectLocked(reply, 'setup');
      expectSame([reply.status, reply.data?.data?.backupCodes?.length], [200, 10], 'setup GOOGLE_AUTH');
      model.pending = { secret: reply.data.data.secret, backupCodes: reply.data.data.backupCodes };
    },
  }),

  fuzzCommand('verifySetup', fc.constantFrom('current', 'previous', 'wrong'), {
    run: async (model: FlashbackModel, session, which) => {
      const pending = model.pending;
      let code = '000000';
      let step: number | undefined;
      if (pending && which === 'wrong') code = wrongCode(pending.secret, session.clock.now());
      else if (pending && which === 'current')
        [code, step] = [await adminTotpCode(session, pending.secret, { userId: ADA.id, status: 'pending' }), codeAt(session, pending.secret).step];
      else if (pending) ({ code, step } = codeAt(session, pending.secret, -1));
      const reply = await call(session, 'verifyMFASetup', '/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code });
      if (model.locked) return expectLocked(reply, 'verify-setup');
      const accepted = pending !== undefined && step !== undefined;
      expectOutcome(reply, accepted, `verify-setup with the ${which} code`);
      countCodeAttempt(model, accepted, session.clock.now());
      if (!accepted) return;
      model.ledger.accept(`${model.generation}:totp:${pending.secret}:${step}`, 'verify-setup');
      model.factors.totp = { enabled: true, secret: pending.secret, lastStep: step! };
      model.backupCodes = [...pending.backupCodes];
      model.lastAcceptedTotp = { code };
      delete model.pending;
      settle(model);
    },
  }),

  verifyLoginTotp,
  // The same code several times in a row: how sequences reach the lockout scenario's attempt limit.
  inARow(verifyLoginTotp, fc.integer({ min: 2, max: 5 })),

  fuzzCommand('enable', kindArb, {
    run: async (model: FlashbackModel, session, kind) => {
      const reply = await call(session, 'enableMFA', '/mfa/enable', { mfaType: NAME[kind] });
      if (model.locked) return expectLocked(reply, 'enable');
      const factor = model.factors[kind];
      expectOutcome(reply, factor !== undefined, `enable ${NAME[kind]}`);
      if (!factor) return;
      factor.enabled = true;
      settle(model);
    },
  }),

  fuzzCommand('disable', kindArb, {
    run: async (model: FlashbackModel, session, kind) => {
      const reply = await call(session, 'disableMFA', '/mfa/disable', { mfaType: NAME[kind] });
      if (model.locked) return expectLocked(reply, 'disable');
      if (model.enforced)
        return expectSame([reply.status, reply.data?.error], [403, 'Cannot disable MFA when enforced by organization'], 'disable under enforcement');
      const factor = model.factors[kind];
      expectOutcome(reply, Boolean(factor?.enabled), `disable ${NAME[kind]}`);
      if (!factor?.enabled) return;
      factor.enabled = false;
      settle(model);
    },
  }),

  fuzzCommand('setPrimary', kindArb, {
    run: async (model: FlashbackModel, session, kind) => {
      const reply = await call(session, 'setPrimaryMFA', '/mfa/primary', { mfaType: NAME[kind] });
      if (model.locked) return expectLocked(reply, 'primary');
      const enabled = enabledKinds(model).includes(kind);
      expectOutcome(reply, enabled, `primary ${NAME[kind]}`);
      if (enabled) model.primary = kind;
    },
  }),

  fuzzCommand('resetSelf', fc.constant(undefined), {
    run: async (model: FlashbackModel, session) => {
      const reply = await call(session, 'resetMFA', '/mfa/reset');
      if (model.locked) return expectLocked(reply, 'reset');
      expectOutcome(reply, true, 'reset own MFA');
      const wasEnabled = enabledKinds(model).length > 0 || model.onWithoutMethods === true;
      model.factors = {};
      model.backupCodes = [];
      delete model.pending;
      settle(model);
      // Under enforcement MFA stays on, if it was (spec decision on MFAResetRequest.enable).
      if (model.enforced && wasEnabled) model.onWithoutMethods = true;
    },
  }),

  fuzzCommand('enforce', fc.boolean(), {
    run: async (model: FlashbackModel, session, enforced) => {
      const reply = await call(session, 'enforceOrganizationMFA', '/mfa/organization/enforce', { enforced });
      if (model.locked) return expectLocked(reply, 'enforce');
      expectOutcome(reply, true, `enforce ${enforced}`);
      model.enforced = enforced;
    },
  }),

  fuzzCommand('sendMagicLink', fc.constant(undefined), {
    run: async (model: FlashbackModel, session) => {
      const reply = await call(session, 'sendMagicLink', '/mfa/magic-link/send');
      if (model.locked) return expectLocked(reply, 'send magic link');
      expectOutcome(reply, true, 'send magic link');
      // The outbox lists every world of the session (earlier scenarios too): the new link is this world's unknown one.
      const known = new Set(model.links.map((link) => link.token));
      const token = (await readOutbox(session))
        .filter((message) => message.scenario === model.scenario && message.token && !known.has(message.token))
        .at(-1)?.token;
      if (!token) throw new ModelMismatch('send magic link: no link in the outbox');
      model.links.push({ token, expiresAtMs: session.clock.now() + MAGIC_LINK_TTL_MS, used: false });
    },
  }),

  // Activation takes no bearer (the link is the credential): a link of the locked user is the lockout answer (its
  // token names the user), a forged one names nobody and is the invalid token's 400, lock or not.
  fuzzCommand('activateMagicLink', fc.record({ forged: fc.boolean(), index: fc.nat(20) }), {
    run: async (model: FlashbackModel, session, { forged, index }) => {
      const link = forged || model.links.length === 0 ? undefined : model.links[index % model.links.length]!;
      const reply = await call(session, 'activateMagicLink', '/mfa/magic-link/activate', { token: link?.token ?? 'forged-token' }, {});
      if (link && model.locked) return expectLocked(reply, 'activate a magic link');
      const valid = link !== undefined && !link.used && link.expiresAtMs > session.clock.now();
      expectOutcome(reply, valid, `activate a ${link ? (link.used ? 'used' : 'fresh') : 'forged'} magic link`);
      if (!valid) return;
      model.ledger.accept(`${model.generation}:link:${link.token}`, 'activate magic link');
      link.used = true;
      model.factors.magic_link = { enabled: true };
      settle(model);
    },
  }),

  fuzzCommand('verifyLoginMagicLink', fc.nat(20), {
    run: async (model: FlashbackModel, session, index) => {
      const link = model.links.length === 0 ? undefined : model.links[index % model.links.length]!;
      const reply = await call(session, 'verifyMFALogin', '/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: link?.token ?? 'forged-token' });
      if (model.locked) return expectLocked(reply, 'verify-login');
      const factorOn = Boolean(model.factors.magic_link?.enabled);
      if (reply.status === 200 && !factorOn)
        throw new ModelMismatch('verify-login with a magic link: a disabled (or never enrolled) MAGIC_LINK factor verified');
      const accepted = factorOn && link !== undefined && !link.used && link.expiresAtMs > session.clock.now();
      expectOutcome(reply, accepted, 'verify-login with a magic link');
      countCodeAttempt(model, accepted, session.clock.now());
      if (!accepted) return;
      model.ledger.accept(`${model.generation}:link:${link.token}`, 'verify-login with a magic link');
      link.used = true;
    },
  }),

  fuzzCommand('readMethods', fc.constant(undefined), {
    run: async (model: FlashbackModel, session) => {
      const reply = await session.vendor('getAvailableMethods', { method: 'GET', path: '/mfa/methods', headers: AUTH });
      if (model.locked) return expectLocked(reply, 'methods');
      const seen = (reply.data?.data ?? []).map((method: { type: string; isConfigured: boolean; isEnabled: boolean }) => [
        method.type,
        method.isConfigured,
        method.isEnabled,
      ]);
      expectSame(
        seen,
        KINDS.map((kind) => [NAME[kind], model.factors[kind] !== undefined, Boolean(model.factors[kind]?.enabled)]),
        'methods',
      );
    },
  }),

  ...sessionCommands({ userId: ADA.id, scenarios: SCENARIOS, scenarioModel, clockStepsMs: [30_000, 60_000, 5 * 60_000, 11 * 60_000] }),
];

export const flashbackFuzzModel: SurfaceFuzzModel<FlashbackModel> = {
  surface: 'flashback',
  initialModel: () => scenarioModel('default', 0, new CodeLedger()),
  commands,
  async checkInvariants(model, session) {
    const reply = await session.vendor('getMFAStatus', { method: 'GET', path: '/mfa/status', headers: AUTH });
    if (model.locked) return expectLocked(reply, 'status');
    const kinds = enabledKinds(model);
    const isEnabled = kinds.length > 0 || model.onWithoutMethods === true;
    expectSame(
      [reply.status, reply.data?.data],
      [
        200,
        {
          isEnabled,
          isRequired: model.enforced,
          isEnforced: model.enforced,
          enabledMethods: kinds.map((kind) => NAME[kind]),
          ...(model.primary ? { primaryMethod: NAME[model.primary] } : {}),
          // Ada's own (scenario) token stands for the pre-MFA token: verified only while she has no MFA to pass.
          sessionVerified: !isEnabled,
        },
      ],
      'status',
    );
  },
};
