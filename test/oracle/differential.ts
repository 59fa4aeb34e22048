import { createGuardrails, generateSync } from 'otplib';
import type { RunningSandbox } from '../../src/index.js';
import { DEFAULT_PASSWORD } from '../../src/surfaces/nest-auth/sign-in.js';
import { ORACLE_PASSWORD, type NestAuthOracle } from './nest-auth-oracle.js';

/**
 * A differential driver: the same request sequence against the real @ackplus/nest-auth 2.11.1 server (the oracle) and
 * the mock's nest-auth surface, each side with its own user and tokens, then a diff of status and normalised body.
 *
 * What is normalised away (never compared as values): UUIDs, JWTs, ISO times, TOTP secrets, QR codes, recovery codes,
 * the secret inside otpauth:// URLs, and the side's own e-mail address (the oracle needs a fresh user per flow, the mock
 * has Ada). What stays compared: status, field names, types, array lengths and order, messages, error codes, enums,
 * booleans, and the *kind* of each normalised value (a UUID vs another string, null vs a time, a 32- vs 26-char secret).
 */

export type SideName = 'real' | 'mock';
export const SIDES: SideName[] = ['real', 'mock'];

export interface Exchange {
  status: number;
  body: unknown;
}

/** One side's state during a flow: its user, current bearer token, and values captured from its answers. */
export interface SideContext {
  side: SideName;
  email: string;
  password: string;
  /** The bearer this side sends when a step says `auth: 'token'` (the default). */
  token: string | undefined;
  vars: Record<string, any>;
  /** A fresh TOTP code for this secret: never one this flow already used, always one the server accepts now. */
  nextTotp(secret: string): Promise<string>;
  /** The code this flow used last for this secret (for "reused code" steps). */
  lastTotp(secret: string): string;
}

type PerSide<T> = T | ((ctx: SideContext) => T | Promise<T>);
/** A JSON body, as literal data (a function computes it per side instead). */
export type JsonBody = string | number | boolean | null | JsonBody[] | { [key: string]: unknown };

export interface StepRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: PerSide<string>;
  /** A JSON body (serialised), or a raw string with `contentType`. */
  body?: JsonBody | ((ctx: SideContext) => unknown);
  contentType?: string;
  /** 'token' (default): `Bearer <side token>`; 'none': no header; any other string: sent as the authorization header. */
  auth?: PerSide<'token' | 'none' | (string & {})>;
  /** Extra headers (e.g. a cookie carrying the side's token). */
  headers?: PerSide<Record<string, string>>;
}

export interface Step extends StepRequest {
  name: string;
  /** Capture values from this side's answer (e.g. the TOTP secret, the device id, the issued token). */
  after?: (ctx: SideContext, exchange: Exchange) => void | Promise<void>;
}

export interface StepRecord {
  flow: string;
  step: string;
  request: string;
  real: Exchange;
  mock: Exchange;
  /** Normalised bodies, as compared. */
  normalised: Record<SideName, Exchange>;
  differences: Difference[];
}

export interface Difference {
  flow: string;
  step: string;
  /** `status`, or a JSON path into the body such as `body.error` or `body.verifiedMethods[1]`. */
  path: string;
  real: unknown;
  mock: unknown;
}

/** Flow-level setup that differs per side (the oracle's app options vs the mock's scenario). */
export interface FlowSetup {
  /** Oracle: `mfa.*` options set for this flow (restored after it). */
  realMfa?: Record<string, unknown>;
  /** Mock: the scenario the flow's session runs (default `default`). */
  mockScenario?: string;
  /** Mock: policy fields patched into the session's world for this flow (no scenario has them). */
  mockPolicy?: Record<string, unknown>;
}

export interface FlowDriver {
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

export interface Flow {
  name: string;
  description: string;
  setup?: FlowSetup;
  run(driver: FlowDriver): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------------
// TOTP codes computed with otplib from the secret each side handed out.

const STEP_SECONDS = 30;
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export function totpAt(secret: string, step: number): string {
  return generateSync({ secret, epoch: step * STEP_SECONDS, guardrails });
}

/** A six-digit code that is none of the codes of steps now-2..now+2 for this secret. */
export function wrongTotp(secret: string): string {
  const now = Math.floor(Date.now() / 1000 / STEP_SECONDS);
  const taken = new Set([-2, -1, 0, 1, 2].map((offset) => totpAt(secret, now + offset)));
  for (let candidate = 123456; ; candidate++) {
    const code = String(candidate % 1_000_000).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

/**
 * Both servers accept one step of drift (now-1..now+1). A fresh code is the earliest step after the last one used that
 * stays valid for a few more seconds; when now-1..now+1 are used up, wait for the next step.
 */
function totpClock() {
  const used = new Map<string, { step: number; code: string }>();
  return {
    async next(secret: string): Promise<string> {
      for (;;) {
        const seconds = Date.now() / 1000;
        const now = Math.floor(seconds / STEP_SECONDS);
        const intoStep = seconds - now * STEP_SECONDS;
        const last = used.get(secret)?.step ?? -Infinity;
        const candidates = [...(STEP_SECONDS - intoStep > 4 ? [now - 1] : []), now, now + 1].filter((step) => step > last);
        if (candidates.length > 0) {
          const step = candidates[0]!;
          const code = totpAt(secret, step);
          used.set(secret, { step, code });
          return code;
        }
        await new Promise((resolve) => setTimeout(resolve, (STEP_SECONDS - intoStep) * 1000 + 50));
      }
    },
    last(secret: string): string {
      const entry = used.get(secret);
      if (!entry) throw new Error('no TOTP code used yet for this secret');
      return entry.code;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Normalisation and diff.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]+$/;
/** Keys whose string values are secrets or one-time codes: compared by kind and length only. */
const SECRET_KEYS = new Set(['secret', 'code', 'codes', 'recoveryCode', 'otp', 'accessToken', 'refreshToken', 'token', 'trustToken', 'trustedDeviceToken']);

function kindOf(value: string): string {
  if (UUID.test(value)) return '<uuid>';
  if (JWT.test(value) && value.startsWith('eyJ')) return '<jwt>';
  if (ISO_TIME.test(value)) return '<time>';
  if (value.startsWith('data:')) return `<data-url ${value.slice(5, value.indexOf(';'))}>`;
  if (/^\d+$/.test(value)) return `<digits ${value.length}>`;
  if (/^[A-Z2-7]+=*$/.test(value)) return `<base32 ${value.length}>`;
  if (/^[A-Za-z0-9_-]+$/.test(value)) return `<base64url ${value.length}>`;
  return `<string ${value.length}>`;
}

function normaliseString(value: string, key: string | undefined, email: string): string {
  if (value.startsWith('otpauth://')) {
    const url = new URL(value);
    if (url.searchParams.has('secret')) url.searchParams.set('secret', kindOf(url.searchParams.get('secret')!));
    return decodeURIComponent(url.toString()).replaceAll(email, '<email>');
  }
  if (key !== undefined && SECRET_KEYS.has(key) && !(key === 'code' && ERROR_CODE.test(value))) return kindOf(value);
  if (UUID.test(value) || ISO_TIME.test(value) || (JWT.test(value) && value.startsWith('eyJ')) || value.startsWith('data:')) return kindOf(value);
  return value.replaceAll(email, '<email>');
}

export function normalise(value: unknown, email: string, key?: string): unknown {
  if (typeof value === 'string') return normaliseString(value, key, email);
  if (Array.isArray(value)) return value.map((item) => normalise(item, email, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, normalise(item, email, name)]));
  }
  return value;
}

const ABSENT = '<absent>';

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export function diffValues(real: unknown, mock: unknown, path: string, out: Array<{ path: string; real: unknown; mock: unknown }>): void {
  if (typeName(real) !== typeName(mock)) {
    out.push({ path, real, mock });
    return;
  }
  if (Array.isArray(real) && Array.isArray(mock)) {
    for (let index = 0; index < Math.max(real.length, mock.length); index++) {
      diffValues(index < real.length ? real[index] : ABSENT, index < mock.length ? mock[index] : ABSENT, `${path}[${index}]`, out);
    }
    return;
  }
  if (real && typeof real === 'object' && mock && typeof mock === 'object') {
    const r = real as Record<string, unknown>;
    const m = mock as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(r), ...Object.keys(m)])];
    // Two unrelated objects (e.g. the vendor's 404 and the sandbox's route-not-found problem): one difference, not one per key.
    if (Object.keys(r).length > 0 && Object.keys(m).length > 0 && !Object.keys(r).some((key) => key in m)) {
      out.push({ path, real, mock });
      return;
    }
    for (const key of keys) diffValues(key in r ? r[key] : ABSENT, key in m ? m[key] : ABSENT, `${path}.${key}`, out);
    return;
  }
  if (real !== mock) out.push({ path, real, mock });
}

// ---------------------------------------------------------------------------------------------------------------------
// Accepted differences.

export interface AcceptedDifference {
  /** Flow name, or '*'. */
  flow: string;
  /** Step name, or '*'. */
  step: string;
  /** The path, exactly, or a prefix ending in '*' (e.g. `body.*`). */
  path: string;
  /** When given, the difference is accepted only with these (normalised) values. */
  real?: unknown;
  mock?: unknown;
  reason: string;
}

export function isAccepted(difference: Difference, accepted: AcceptedDifference): boolean {
  if (accepted.flow !== '*' && accepted.flow !== difference.flow) return false;
  if (accepted.step !== '*' && accepted.step !== difference.step) return false;
  const pathMatches = accepted.path.endsWith('*') ? difference.path.startsWith(accepted.path.slice(0, -1)) : accepted.path === difference.path;
  if (!pathMatches) return false;
  if ('real' in accepted && JSON.stringify(accepted.real) !== JSON.stringify(difference.real)) return false;
  if ('mock' in accepted && JSON.stringify(accepted.mock) !== JSON.stringify(difference.mock)) return false;
  return true;
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

async function resolve<T>(value: PerSide<T> | undefined, ctx: SideContext): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as (ctx: SideContext) => T | Promise<T>)(ctx) : value;
}

async function send(
  baseUrl: string,
  request: StepRequest,
  ctx: SideContext,
  extraHeaders: Record<string, string>,
): Promise<{ exchange: Exchange; description: string }> {
  const path = (await resolve(request.path, ctx))!;
  const auth = (await resolve(request.auth, ctx)) ?? 'token';
  const headers: Record<string, string> = { ...extraHeaders, ...((await resolve(request.headers, ctx)) ?? {}) };
  if (auth === 'token') {
    if (ctx.token) headers.authorization = `Bearer ${ctx.token}`;
  } else if (auth !== 'none') headers.authorization = auth;
  let body: string | undefined;
  if (request.body !== undefined) {
    const value = await resolve(request.body, ctx);
    if (request.contentType) {
      headers['content-type'] = request.contentType;
      body = String(value);
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(value);
    }
  }
  const response = await fetch(`${baseUrl}${path}`, { method: request.method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  const shownAuth =
    auth === 'token'
      ? ctx.token
        ? 'Bearer <token>'
        : '(no token)'
      : auth === 'none'
        ? '(no authorization)'
        : auth.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/, '<jwt>');
  const shownBody =
    body === undefined ? '' : ` ${request.contentType ? `(${request.contentType}) ${body}` : JSON.stringify(normalise(JSON.parse(body), ctx.email))}`;
  return {
    exchange: { status: response.status, body: parsed },
    description: `${request.method} ${path.replaceAll(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<uuid>')} [${shownAuth}]${shownBody}`,
  };
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
  const realClock = totpClock();
  const mockClock = totpClock();
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

    const record = (name: string, description: string, real: Exchange, mock: Exchange): StepRecord => {
      const normalised = {
        real: { status: real.status, body: normalise(real.body, contexts.real.email) },
        mock: { status: mock.status, body: normalise(mock.body, contexts.mock.email) },
      };
      const found: Array<{ path: string; real: unknown; mock: unknown }> = [];
      if (real.status !== mock.status) found.push({ path: 'status', real: real.status, mock: mock.status });
      diffValues(normalised.real.body, normalised.mock.body, 'body', found);
      const entry: StepRecord = {
        flow: flow.name,
        step: name,
        request: description,
        real,
        mock,
        normalised,
        differences: found.map((d) => ({ flow: flow.name, step: name, ...d })),
      };
      records.push(entry);
      return entry;
    };

    const sentCodes = async (ctx: SideContext) =>
      ctx.side === 'real'
        ? (await oracle.codes(ctx.email)).map((sent) => ({ channel: sent.method, code: sent.code }))
        : mockSession.outbox('nest-auth').map((message) => ({ channel: message.channel, code: message.code ?? '' }));

    const driver: FlowDriver = {
      async step(step) {
        const results = {} as Record<SideName, { exchange: Exchange; description: string }>;
        for (const side of SIDES) {
          results[side] = await send(baseUrl[side], step, contexts[side], headersFor[side]);
          await step.after?.(contexts[side], results[side].exchange);
        }
        return record(step.name, results.real.description, results.real.exchange, results.mock.exchange);
      },
      async observe(name, observe) {
        const real = await observe(contexts.real);
        const mock = await observe(contexts.mock);
        return record(name, '(observed)', { status: 0, body: real }, { status: 0, body: mock });
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
        const { exchange } = await send(baseUrl[side], step, contexts[side], headersFor[side]);
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
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Reporting.

const show = (value: unknown) => (value === undefined ? '(empty)' : JSON.stringify(value));
const cell = (value: string) => value.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** A markdown report: one table row per difference, then each differing step's two answers side by side. */
export function toMarkdown(records: StepRecord[], accepted: AcceptedDifference[]): string {
  const lines: string[] = [];
  const differing = records.filter((entry) => entry.differences.length > 0);
  const all = differing.flatMap((entry) => entry.differences);
  const unexpected = all.filter((difference) => !accepted.some((rule) => isAccepted(difference, rule)));
  lines.push(`# nest-auth: real 2.11.1 vs mock`, '');
  lines.push(`${records.length} steps compared, ${differing.length} differ, ${all.length} differences (${unexpected.length} not accepted).`, '');
  lines.push('| # | flow | step | request | path | real | mock | accepted |', '|---|---|---|---|---|---|---|---|');
  let number = 0;
  for (const entry of differing) {
    for (const difference of entry.differences) {
      const rule = accepted.find((candidate) => isAccepted(difference, candidate));
      lines.push(
        `| ${++number} | ${entry.flow} | ${cell(entry.step)} | ${cell(entry.request)} | \`${difference.path}\` | ${cell(show(difference.real))} | ${cell(show(difference.mock))} | ${rule ? cell(rule.reason) : 'no'} |`,
      );
    }
  }
  lines.push('', '## Answers of each differing step (normalised)', '');
  for (const entry of differing) {
    lines.push(`### ${entry.flow} / ${entry.step}`, '', `\`${entry.request}\``, '');
    lines.push(`- real: ${entry.normalised.real.status} \`${show(entry.normalised.real.body)}\``);
    lines.push(`- mock: ${entry.normalised.mock.status} \`${show(entry.normalised.mock.body)}\``, '');
  }
  return lines.join('\n');
}
