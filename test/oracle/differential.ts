import type { RunningSandbox } from '../../src/index.js';
import type { CatalogueDriver, CatalogueFlow, Exchange, SideContext, Step } from '../../src/conformance/catalogue-flow.js';
import { createExchangeChecker, type ExchangeChecker } from '../../src/conformance/check-exchange-against-spec.js';
import { compareStep, type ComparedField } from '../../src/conformance/compare-step.js';
import { toShownBody } from '../../src/conformance/compare-answers.js';
import { sendStep } from '../../src/conformance/send-step.js';
import { createTotpCodeClock } from '../../src/conformance/totp-codes.js';
import { NEST_AUTH_ACCEPTED } from '../../src/conformance/catalogues/nest-auth-accepted.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { DEFAULT_PASSWORD } from '../../src/surfaces/nest-auth/sign-in.js';
import { ORACLE_PASSWORD, type NestAuthOracle } from './nest-auth-oracle.js';

/**
 * A differential driver: the same request sequence against the real @ackplus/nest-auth 2.11.1 server (the oracle) and
 * the mock's nest-auth surface, each side with its own user and tokens. Each step is compared as `mfa-sandbox
 * conformance` compares it (src/conformance/compare-step.ts): the real answer against the spec, then field by field,
 * ids, times and secrets by shape, the side's own e-mail as `<email>`, the rest exactly. The flows that need nothing
 * but HTTP are the product's nest-auth catalogue; this driver adds what only a server we run ourselves allows (its
 * mailer, its options, deleting or deactivating the user).
 */

export type SideName = 'real' | 'mock';
export const SIDES: SideName[] = ['real', 'mock'];

export type { Exchange, JsonBody, SideContext, Step } from '../../src/conformance/catalogue-flow.js';

export interface StepRecord {
  flow: string;
  step: string;
  request: string;
  real: Exchange;
  mock: Exchange;
  /** Every compared field (spec, status, body fields), as the conformance command reports them. */
  fields: ComparedField[];
  differences: Difference[];
}

export interface Difference {
  flow: string;
  step: string;
  /** `spec`, `status`, or a path into the body such as `body.error` or `body.verifiedMethods[1]`. */
  path: string;
  real: unknown;
  mock: unknown;
  /** The reason, when the difference is an accepted one (src/conformance/catalogues/nest-auth-accepted.ts). */
  accepted?: string;
}

/** Flow-level setup that differs per side (the oracle's app options vs the mock's scenario). */
export interface FlowSetup {
  /** Oracle: `mfa.*` options set for this flow (restored after it). */
  realMfa?: Record<string, unknown>;
  /** Oracle: the module's `appName` for this flow (restored after it). */
  realAppName?: string;
  /** Mock: the scenario the flow's session runs (default `default`). */
  mockScenario?: string;
  /** Mock: policy fields patched into the session's world for this flow (no scenario has them). */
  mockPolicy?: Record<string, unknown>;
}

export interface FlowDriver extends CatalogueDriver {
  step(step: Step): Promise<StepRecord>;
  /** Record a value each side computes outside HTTP (e.g. what a challenge delivered), compared like a body. */
  observe(name: string, observe: (ctx: SideContext) => Promise<unknown>): Promise<StepRecord>;
  /** Do something on each side that is not compared (seeding, deleting the user...). */
  each(action: (ctx: SideContext) => Promise<void>): Promise<void>;
  ctx(side: SideName): SideContext;
  /** The newest e-mailed/texted MFA code this side delivered to its user. */
  lastSentCode(ctx: SideContext): Promise<string | undefined>;
  /** Codes this side delivered to its user so far: `{ channel, code }`. */
  sentCodes(ctx: SideContext): Promise<Array<{ channel: string; code: string }>>;
  /** Side-specific: delete the user behind the current token (oracle: the row; mock: the missing-user scenario). */
  deleteUser(): Promise<void>;
  /** Side-specific: deactivate/lock the user (oracle: isActive false; mock: the admin API's lock). */
  deactivateUser(active?: boolean): Promise<void>;
  /** Send a step on one side only, not compared (seeding); runs its `after`; throws unless the answer is 2xx. */
  seed(side: SideName, step: Step): Promise<Exchange>;
  /** Oracle only: change `mfa.*` options from here on (restored when the flow ends). */
  setRealMfa(patch: Record<string, unknown>): Promise<void>;
}

/** A flow of the product's catalogue (it only sends steps) or one of the oracle's own (it uses the whole driver). */
export interface Flow extends CatalogueFlow<FlowDriver> {
  setup?: FlowSetup;
}

// ---------------------------------------------------------------------------------------------------------------------
// The two sides.

export interface DifferentialTargets {
  oracle: NestAuthOracle;
  /** A sandbox started with `{ surface: 'nest-auth' }`, so paths are the vendor's (`/auth/mfa/...`). */
  sandbox: RunningSandbox;
}

const MOCK_TOKEN = 'nest-auth-token-ada';
const MOCK_EMAIL = 'ada@example.com';
const MOCK_SESSION_HEADER = 'x-mock-session';

let nestAuthCheck: ExchangeChecker | undefined;
/** The nest-auth spec's checker, compiled once for the whole file. */
async function specChecker(): Promise<ExchangeChecker> {
  return (nestAuthCheck ??= createExchangeChecker((await loadSpec(DEFAULT_CONFIG.specsDir, 'nest-auth')).api));
}

let flowCounter = 0;

/** Run one flow against both sides; answers every step's record (with its differences). */
export async function runFlow(targets: DifferentialTargets, flow: Flow): Promise<StepRecord[]> {
  const { oracle, sandbox } = targets;
  const records: StepRecord[] = [];
  const index = ++flowCounter;

  // The oracle: a fresh user per flow, signed up through its own API (MFA not enabled yet, so a full session).
  const realEmail = `ada.${flow.name.replace(/[^a-z0-9]+/gi, '-')}.${index}@example.com`;
  const restore: Array<Record<string, unknown>> = [];
  if (flow.setup?.realMfa) restore.push(await oracle.setMfaOptions(flow.setup.realMfa));
  const appNameBefore = flow.setup?.realAppName === undefined ? undefined : { appName: await oracle.setAppName(flow.setup.realAppName) };
  const realClock = createTotpCodeClock();
  const mockClock = createTotpCodeClock();
  const check = await specChecker();
  const contexts: Record<SideName, SideContext> = {
    real: {
      side: 'real',
      email: realEmail,
      password: ORACLE_PASSWORD,
      token: undefined,
      vars: {},
      nextTotp: (s) => realClock.next(s),
      lastTotp: (s) => realClock.last(s),
    },
    mock: {
      side: 'mock',
      email: MOCK_EMAIL,
      password: DEFAULT_PASSWORD,
      token: MOCK_TOKEN,
      vars: {},
      nextTotp: (s) => mockClock.next(s),
      lastTotp: (s) => mockClock.last(s),
    },
  };
  try {
    const user = await oracle.signUp(realEmail);
    contexts.real.token = user.accessToken;

    // The mock: a fresh session in the flow's scenario; Ada's fixed token is "fully signed in", and she signs in
    // (POST /auth/login) with the scenario password, the sandbox default.
    const sessionId = `oracle-${index}-${flow.name}`;
    const mockSession = sandbox.session(sessionId);
    mockSession.useScenario(flow.setup?.mockScenario ?? 'default', 'nest-auth');
    const mockHeaders = { [MOCK_SESSION_HEADER]: sessionId };
    if (flow.setup?.mockPolicy) {
      await fetch(`${sandbox.url}/auth/mfa/status`, { headers: { ...mockHeaders, authorization: `Bearer ${MOCK_TOKEN}` } });
      for (const world of Object.values(mockSession.state())) Object.assign(world.policy, flow.setup.mockPolicy);
    }

    const baseUrl: Record<SideName, string> = { real: oracle.url, mock: sandbox.url };
    const headersFor: Record<SideName, Record<string, string>> = { real: {}, mock: mockHeaders };

    type Sent = Awaited<ReturnType<typeof sendStep>>;
    const record = (name: string, real: Sent, mock: Sent, checkAgainstSpec = check): StepRecord => {
      const compared = compareStep({
        flow: flow.name,
        step: name,
        upstream: { ...real, known: { email: contexts.real.email } },
        sandbox: { ...mock, known: { email: contexts.mock.email } },
        check: checkAgainstSpec,
        accepted: NEST_AUTH_ACCEPTED,
      });
      const differences = compared.fields
        .filter((field) => field.outcome !== 'agree')
        .map((field) => ({
          flow: flow.name,
          step: name,
          path: field.path,
          real: field.upstream,
          mock: field.sandbox,
          ...(field.accepted ? { accepted: field.accepted } : {}),
        }));
      const entry: StepRecord = {
        flow: flow.name,
        step: name,
        request: real.sent.description,
        real: real.exchange,
        mock: mock.exchange,
        fields: compared.fields,
        differences,
      };
      records.push(entry);
      return entry;
    };
    /** Observed values are no HTTP answers: nothing in the spec to check them against. */
    const noSpec: ExchangeChecker = () => ({ operationId: undefined, violations: [] });
    /** A value observed outside HTTP, compared as the body of a status-0 answer. */
    const observed = (body: unknown): Sent => ({
      exchange: { status: 0, body },
      sent: { method: 'OBSERVE', path: '', body: undefined, description: '(observed)' },
    });

    const sentCodes = async (ctx: SideContext) =>
      ctx.side === 'real'
        ? (await oracle.codes(ctx.email)).map((sent) => ({ channel: sent.method, code: sent.code }))
        : mockSession.outbox('nest-auth').map((message) => ({ channel: message.channel, code: message.code ?? '' }));

    const driver: FlowDriver = {
      async step(step) {
        const results = {} as Record<SideName, Sent>;
        for (const side of SIDES) {
          results[side] = await sendStep({ baseUrl: baseUrl[side], headers: headersFor[side] }, step, contexts[side]);
          await step.after?.(contexts[side], results[side].exchange);
        }
        return record(step.name, results.real, results.mock);
      },
      async observe(name, observe) {
        const real = await observe(contexts.real);
        const mock = await observe(contexts.mock);
        return record(name, observed(real), observed(mock), noSpec);
      },
      async each(action) {
        for (const side of SIDES) await action(contexts[side]);
      },
      ctx: (side) => contexts[side],
      sentCodes,
      async lastSentCode(ctx) {
        const codes = await sentCodes(ctx);
        return codes[codes.length - 1]?.code;
      },
      async seed(side, step) {
        const { exchange } = await sendStep({ baseUrl: baseUrl[side], headers: headersFor[side] }, step, contexts[side]);
        if (exchange.status < 200 || exchange.status > 299)
          throw new Error(`seeding ${side} ${step.name}: ${exchange.status} ${JSON.stringify(exchange.body)}`);
        await step.after?.(contexts[side], exchange);
        return exchange;
      },
      async setRealMfa(patch) {
        restore.push(await oracle.setMfaOptions(patch));
      },
      async deactivateUser(active = false) {
        await oracle.command('setActive', { email: contexts.real.email, active });
        const response = await fetch(`${sandbox.url}/__admin/sessions/${sessionId}/users/4b3c9c9c-0000-4d1e-8d9f-00000000ada1/lock`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locked: !active }),
        });
        if (response.status !== 200) throw new Error(`locking Ada on the mock: ${response.status} ${await response.text()}`);
      },
      async deleteUser() {
        await oracle.deleteUser(contexts.real.email);
        mockSession.useScenario('missing-user', 'nest-auth');
      },
    };
    await flow.run(driver);
    return records;
  } finally {
    for (const previous of restore.reverse()) await oracle.setMfaOptions(previous);
    if (appNameBefore) await oracle.setAppName(appNameBefore.appName);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Reporting.

const show = (value: unknown) => (value === undefined ? '(empty)' : JSON.stringify(value));
const cell = (value: string) => value.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A markdown report: one table row per difference, then each differing step's two answers side by side. */
export function toMarkdown(records: StepRecord[]): string {
  const lines: string[] = [];
  const differing = records.filter((entry) => entry.differences.length > 0);
  const all = differing.flatMap((entry) => entry.differences);
  const unexpected = all.filter((difference) => difference.accepted === undefined);
  lines.push(`# nest-auth: real 2.11.1 vs mock`, '');
  lines.push(`${records.length} steps compared, ${differing.length} differ, ${all.length} differences (${unexpected.length} not accepted).`, '');
  lines.push('| # | flow | step | request | path | real | mock | accepted |', '|---|---|---|---|---|---|---|---|');
  let number = 0;
  for (const entry of differing) {
    for (const difference of entry.differences) {
      lines.push(
        `| ${++number} | ${entry.flow} | ${cell(entry.step)} | ${cell(entry.request)} | \`${difference.path}\` | ${cell(show(difference.real))} | ${cell(show(difference.mock))} | ${difference.accepted ? cell(difference.accepted) : 'no'} |`,
      );
    }
  }
  lines.push('', '## Answers of each differing step (secrets, ids and times by shape)', '');
  for (const entry of differing) {
    lines.push(`### ${entry.flow} / ${entry.step}`, '', `\`${entry.request}\``, '');
    lines.push(`- real: ${entry.real.status} \`${show(toShownBody(entry.real.body))}\``);
    lines.push(`- mock: ${entry.mock.status} \`${show(toShownBody(entry.mock.body))}\``, '');
  }
  return lines.join('\n');
}
