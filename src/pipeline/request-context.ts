import { toDidYouMean } from '../engine/edit-distance.js';
import { SandboxError } from '../errors.js';
import { FAULT_KINDS, isFaultKind, MAX_LATENCY_MS, type FaultKind, type LatencyRange } from '../engine/injected-faults.js';
import { MAX_SESSION_ID_LENGTH, SESSION_ID_CHARACTERS, SESSION_ID_PATTERN, SESSION_ID_RULE } from '../engine/session-registry.js';
import { meantPreference, toOverrideOnlyNote } from './misspelt-preference.js';
import { lookAlikeHeaders, misspeltBaggageKey, misspeltSessionHeader } from './misspelt-session-header.js';
import type { SessionSource } from '../engine/journal.js';
import { readSandboxBaggage, type SandboxBaggage } from './sandbox-baggage.js';
import { readSessionCookie, SESSION_COOKIE } from './session-cookie.js';
import { readPrismQueryPreferences, toIgnoredPrismQueryNotes } from './prism-query-preferences.js';
import { toShownInput } from '../engine/shown-input.js';
import { splitSessionPrefix } from './session-prefix.js';

export const SESSION_HEADER = 'x-mock-session';
/**
 * Sent by the sandbox on the vendor requests it makes itself to set up a Pact provider state (a TOTP enrolment walked
 * through the vendor's API): the state, percent-encoded. The journal marks such a request, so it is not read as the
 * consumer's.
 */
export const PROVIDER_STATE_HEADER = 'x-mock-provider-state';
export const DEFAULT_SESSION = 'default';

export type { SessionSource } from '../engine/journal.js';

/**
 * Where a request's scenario came from, strongest first: the URL's `/s/<session>/scenario/<name>/`, `Prefer:
 * scenario=`, the baggage's `mock-scenario`, the cookie (only for a request whose session the cookie chose); undefined
 * when none names one (the session's own scenario applies).
 */
export type ScenarioSource = 'path' | 'prefer' | 'baggage' | 'cookie';

/** Sandbox controls parsed once at the edge (after Prism's getHttpConfigFromRequest); the core sees typed values. */
export interface RequestContext {
  sessionId: string;
  /** Which of the request's parts chose its session. */
  sessionFrom: SessionSource;
  /** A scenario the request names (URL, Prefer, baggage or cookie): run it in that scenario's world. */
  scenario: string | undefined;
  /** Which of the request's parts named its scenario, if any did. */
  scenarioFrom: ScenarioSource | undefined;
  /** `Prefer: code=<status>`: answer with that documented status (Prism-compatible). */
  code: number | undefined;
  /** `Prefer: example=<name>`: answer with that named example (Prism-compatible). */
  example: string | undefined;
  /** `Prefer: latency=<ms>` or `latency=<min>-<max>`: delay this answer (wins over the scenario's latency). */
  latency: LatencyRange | undefined;
  /** `Prefer: fault=<kind>`: break the delivery of this answer (wins over the scenario's fault). */
  fault: FaultKind | undefined;
  /** `Prefer: dynamic=true`: answer with a body json-schema-faker generates from the response schema (Prism's word). */
  dynamic: boolean | undefined;
  /** `Prefer: seed=<n>`: the seed of a dynamic answer (wins over the session's seed). */
  seed: number | undefined;
  /** `Prefer: explain`: say in `X-Mock-Explain` why a refusal refused (the journal says it either way). */
  explain: boolean | undefined;
  /** Unknown `Prefer` names that look like the sandbox's own (`scenaro`), each with the one meant; ignored, and said. */
  misspeltPreferences: string[] | undefined;
  /**
   * What looked like a sandbox control and chose nothing, for `x-mock-header-ignored`: a header like `X-Mock-Session`
   * in a request that chose no session, `X-Mock-Scenario` or `Prefers`, a baggage key like `mock-sesion`.
   */
  ignoredControls: string | undefined;
  /** `X-Mock-Provider-State`: the sandbox made this request itself, to set up this provider state. */
  madeForProviderState: string | undefined;
}

type Preferences = Pick<
  RequestContext,
  'scenario' | 'scenarioFrom' | 'code' | 'example' | 'latency' | 'fault' | 'dynamic' | 'seed' | 'explain' | 'misspeltPreferences'
>;

/**
 * At most this many misspelt preferences are named in the answer: a client that repeats `scenaro=x` 600 times (6 KB
 * of request header) got a 20 KB response header, more than Node's own client reads.
 */
const MAX_MISSPELT_NAMED = 8;

/**
 * Name `Prefer: seed=<n>` among the ignored preferences when the answer is not generated: a seed only picks a
 * generated body (with `dynamic=true`, or a server started with --dynamic), and a test that set it alone got the
 * documented example without a word.
 */
export function noteUnusedSeed(context: RequestContext): void {
  noteMisspelt(context, `seed=${context.seed} (only a generated answer uses a seed: add dynamic=true)`);
}

/** Names a misspelt preference once, stated however often, among the first MAX_MISSPELT_NAMED. */
function noteMisspelt(prefs: Preferences, note: string): void {
  const noted = (prefs.misspeltPreferences ??= []);
  if (noted.length < MAX_MISSPELT_NAMED && !noted.includes(note)) noted.push(note);
}

/** The largest seed: seeds are unsigned 32-bit integers, as json-schema-faker's generator takes them. */
export const MAX_DYNAMIC_SEED = 4294967295;

/** Whether a value is a seed a dynamic answer can use: an integer from 0 to MAX_DYNAMIC_SEED. */
export function isDynamicSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DYNAMIC_SEED;
}

/**
 * How the request wrote a preference, for the message that refuses it: `Prefer: seed=x`, or in Prism's query form
 * `?__seed=x`; `choice` is how to write another value in the same place (`dynamic=true`, `?__dynamic=true`).
 */
interface Written {
  (key: string, value: string): string;
  choice(key: string, value: string): string;
}
const IN_PREFER: Written = Object.assign((key: string, value: string) => `Prefer: ${key}=${value}`, {
  choice: (key: string, value: string) => `${key}=${value}`,
});
const IN_QUERY: Written = Object.assign((key: string, value: string) => `?__${key}=${value}`, {
  choice: (key: string, value: string) => `?__${key}=${value}`,
});

function parseSeed(value: string, written: Written): number {
  const seed = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!isDynamicSeed(seed))
    throw new SandboxError('MOCK_ERR_BAD_PREFER_HEADER', `${written('seed', value)} is not a seed; use an integer from 0 to ${MAX_DYNAMIC_SEED}`);
  return seed;
}

/** A true/false preference value, in any case as its name is (`dynamic=TRUE` from a client that upper-cases it). */
function parseSwitch(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function parseDynamic(value: string, written: Written): boolean {
  const dynamic = parseSwitch(value);
  if (dynamic === undefined)
    throw new SandboxError(
      'MOCK_ERR_BAD_PREFER_HEADER',
      `${written('dynamic', value)} is not readable; use ${written.choice('dynamic', 'true')} or ${written.choice('dynamic', 'false')}`,
    );
  return dynamic;
}

const LATENCY_VALUE = /^(\d{1,5})(?:-(\d{1,5}))?$/;

function parseLatency(value: string, written: Written): LatencyRange {
  const match = value.match(LATENCY_VALUE);
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (match && min > max) {
    throw new SandboxError(
      'MOCK_ERR_BAD_PREFER_HEADER',
      `${written('latency', value)}: the minimum (${min}) is greater than the maximum (${max}); use latency=<min>-<max>`,
    );
  }
  if (match && max > MAX_LATENCY_MS) {
    throw new SandboxError(
      'MOCK_ERR_BAD_PREFER_HEADER',
      `${written('latency', value)} is over the longest delay the sandbox injects, ${MAX_LATENCY_MS} ms; to test a client's timeout, give the client a shorter one`,
    );
  }
  if (!match) {
    throw new SandboxError(
      'MOCK_ERR_BAD_PREFER_HEADER',
      `${written('latency', value)} is not a delay; use latency=<ms> or latency=<min>-<max>, at most ${MAX_LATENCY_MS}`,
    );
  }
  return { min, max };
}

function parseFault(value: string, written: Written): FaultKind {
  if (!isFaultKind(value))
    throw new SandboxError('MOCK_ERR_BAD_PREFER_HEADER', `${written('fault', value)} is not a fault the sandbox injects${toDidYouMean(value, FAULT_KINDS)}`, {
      known: [...FAULT_KINDS],
    });
  return value;
}

/**
 * One preference, trimmed: a token, optionally `=value` (quoted or not); RFC 7240 parameters after `;` are dropped
 * first. Matched on the trimmed text: `\s*` on both sides of the optional value made a long run of spaces before a
 * stray character backtrack in quadratic time (15,000 spaces: half a second of CPU per request).
 */
const PREFER_TOKEN = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s*=\s*(?:"([^"]*)"|([^\s"]*)))?$/;
const SANDBOX_PREFERENCES = new Set(['scenario', 'code', 'example', 'latency', 'fault', 'dynamic', 'seed', 'explain']);

/**
 * Set the preferences a `Prefer` header states on `prefs`; a sandbox preference it cannot read is a 400 fault. A
 * preference stated again (in the same header or a second one) is ignored, unread, as RFC 7240 section 2 asks: the
 * first instance counts.
 */
function readPrefer(header: string, prefs: Preferences): void {
  const stated = new Set<string>();
  for (const part of header.split(',')) {
    const [preference, ...parameters] = part.split(';') as [string, ...string[]];
    // `code=500; latency=1500`: RFC 7240 reads latency as a parameter of code, which no preference of ours takes.
    for (const parameter of parameters) {
      const name = parameter.split('=')[0]!.trim().toLowerCase();
      const meant = SANDBOX_PREFERENCES.has(name) ? name : /^[a-z0-9._-]{1,40}$/.test(name) ? meantPreference(name, SANDBOX_PREFERENCES) : undefined;
      if (meant !== undefined)
        noteMisspelt(
          prefs,
          `;${name} (${meant === name ? '' : `did you mean ${meant}? `}a parameter of the preference before it: separate preferences with a comma)`,
        );
    }
    const trimmed = preference.trim();
    if (!trimmed) continue;
    const match = trimmed.match(PREFER_TOKEN);
    const key = (match?.[1] ?? trimmed.split(/[\s=]/)[0]!).toLowerCase();
    // Preferences we do not know (e.g. return=minimal, respond-async) are ignored, as RFC 7240 asks; ours are not,
    // so a typo in a value never silently becomes the normal answer.
    if (!SANDBOX_PREFERENCES.has(key)) {
      const meant = /^[a-z0-9._-]{1,40}$/.test(key) ? meantPreference(key, SANDBOX_PREFERENCES) : undefined;
      if (meant !== undefined) noteMisspelt(prefs, `${key} (did you mean ${meant}?)`);
      else {
        const overrideOnly = toOverrideOnlyNote(key);
        if (overrideOnly !== undefined) noteMisspelt(prefs, overrideOnly);
      }
      continue;
    }
    if (stated.has(key)) continue;
    stated.add(key);
    const value = match?.[2] ?? match?.[3];
    // A bare `explain` is the usual way to say it (as `respond-async`); `explain=true|false` reads too.
    if (key === 'explain') {
      const explain = value === undefined ? true : parseSwitch(value);
      if (!match || explain === undefined)
        throw new SandboxError('MOCK_ERR_BAD_PREFER_HEADER', `Prefer: ${preference.trim()} is not readable; write explain, explain=true or explain=false`);
      prefs.explain = explain;
      continue;
    }
    if (!match || !value) {
      throw new SandboxError(
        'MOCK_ERR_BAD_PREFER_HEADER',
        `Prefer: ${preference.trim()} is not readable; write ${key}=<value>, e.g. "Prefer: ${EXAMPLE_PREFERENCE[key]}"`,
      );
    }
    setPreference(prefs, key, value, IN_PREFER);
  }
}

/** Set one preference the request stated (its name known, its value there), read as the preference needs. */
function setPreference(prefs: Preferences, key: string, value: string, written: Written): void {
  // Names are echoed in refusals: a header's UTF-8 read as written (`café`, not `cafÃ©`), as the session id is.
  if (key === 'scenario') {
    prefs.scenario = toHeaderText(value);
    prefs.scenarioFrom = 'prefer';
  } else if (key === 'code') {
    const code = Number(value);
    if (!/^\d{3}$/.test(value) || code < 100 || code > 599) {
      throw new SandboxError('MOCK_ERR_BAD_PREFER_HEADER', `${written('code', value)} is not an HTTP status`);
    }
    prefs.code = code;
  } else if (key === 'example') {
    prefs.example = toHeaderText(value);
  } else if (key === 'latency') {
    prefs.latency = parseLatency(value, written);
  } else if (key === 'dynamic') {
    prefs.dynamic = parseDynamic(value, written);
  } else if (key === 'seed') {
    prefs.seed = parseSeed(value, written);
  } else {
    prefs.fault = parseFault(value, written);
  }
}

/**
 * Prism's query forms of its preferences (`?__code=500`, `__example=`, `__dynamic=`, `__seed=`), for tests written
 * against Prism. Weaker than the `Prefer` header, one preference at a time: a preference the header states wins over
 * its query form (Prism reads the query only when no `Prefer` header came at all; a header here may carry only the
 * sandbox's own `scenario=`).
 */
function readPrismQuery(url: string, query: number, prefs: Preferences): void {
  for (const [key, value] of readPrismQueryPreferences(url.slice(query + 1))) {
    if (prefs[key] !== undefined) continue;
    if (value === '') {
      throw new SandboxError(
        'MOCK_ERR_BAD_PREFER_HEADER',
        `${IN_QUERY(key, '')} has no value; write ${IN_QUERY.choice(key, EXAMPLE_PREFERENCE[key]!.split('=')[1]!)}`,
      );
    }
    setPreference(prefs, key, value, IN_QUERY);
  }
  for (const note of toIgnoredPrismQueryNotes(url.slice(query + 1))) noteMisspelt(prefs, note);
}

const EXAMPLE_PREFERENCE: Record<string, string> = {
  scenario: 'scenario=org-enforced',
  code: 'code=500',
  example: 'example=documented',
  latency: 'latency=1500',
  fault: 'fault=drop-connection',
  dynamic: 'dynamic=true',
  seed: 'seed=42',
};

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A session id from any part of a request, checked; `where` names that part in the fault. */
function toSessionId(value: string, where: string): string {
  if (SESSION_ID_PATTERN.test(value)) return value;
  // The two mistakes a test makes most: a variable that was not set, and a header added twice (Node joins the copies).
  // A long one of allowed characters is told its length (the pattern alone read as a character problem).
  const mistake =
    value === ''
      ? ' is empty and'
      : where === 'X-Mock-Session' && value.includes(', ')
        ? ' was sent more than once; it'
        : value.length > MAX_SESSION_ID_LENGTH && SESSION_ID_CHARACTERS.test(value)
          ? ` is ${value.length} characters, longer than ${MAX_SESSION_ID_LENGTH}; it`
          : '';
  throw new SandboxError('MOCK_ERR_BAD_SESSION_ID', `${where}${mistake} ${SESSION_ID_RULE}`, { session: toShownInput(toHeaderText(value)) });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A header value as its sender wrote it, for messages: HTTP stacks hand header bytes over one character per byte
 * (latin-1), so `é` sent as UTF-8 arrives as `Ã©`. Read as UTF-8 when the bytes are UTF-8, else left as they came.
 *
 * @example
 * toHeaderText('Ã©') // 'é'
 */
function toHeaderText(value: string): string {
  // eslint-disable-next-line no-control-regex -- every character outside ASCII, the only case that needs decoding
  if (!/[^\x00-\x7f]/.test(value) || /[^\x00-\xff]/.test(value)) return value;
  try {
    return UTF8.decode(Uint8Array.from(value, (char) => char.charCodeAt(0)));
  } catch {
    return value;
  }
}

/**
 * A percent-encoded part of a URL or header as text; one that cannot be decoded is a fault naming where it was: a
 * session's is a malformed session id, a scenario's names no scenario.
 */
function decode(value: string, where: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    const code = where.includes('scenario') ? 'MOCK_ERR_UNKNOWN_SCENARIO' : 'MOCK_ERR_BAD_SESSION_ID';
    throw new SandboxError(code, `${where} is not percent-encoded text: ${toShownInput(value)}`);
  }
}

const PATH_SESSION = 'The session in the URL prefix /s/<session>/';
const PATH_SCENARIO = 'The scenario in the URL prefix /s/<session>/scenario/<name>/';
const NO_BAGGAGE: SandboxBaggage = { session: undefined, scenario: undefined };

/**
 * Read the sandbox's own controls from a request: the session, the scenario and the `Prefer` preferences. Malformed
 * values are a 400 sandbox error, never a silent default. Precedence, strongest first:
 * - session: the URL's `/s/<session>/` prefix, `X-Mock-Session`, baggage `mock-session`, the `mfa-sandbox-session`
 *   cookie, else `default`;
 * - scenario: the URL's `/scenario/<name>/`, `Prefer: scenario=`, baggage `mock-scenario`, the cookie's scenario (only
 *   when the cookie chose the session: the two were set together), else the session's own.
 *
 * @example
 * toRequestContext({ 'x-mock-session': 'qa-7', prefer: 'scenario=org-enforced' })
 * // { sessionId: 'qa-7', sessionFrom: 'header', scenario: 'org-enforced', scenarioFrom: 'prefer', ... }
 * toRequestContext({ baggage: 'mock-session=qa-9' }, '/s/qa-8/scenario/mfa-enabled/flashback/mfa/status')
 * // { sessionId: 'qa-8', sessionFrom: 'path', scenario: 'mfa-enabled', scenarioFrom: 'path', ... }
 */
export function toRequestContext(headers: Record<string, string | string[] | undefined>, url?: string): RequestContext {
  // Built whole, then filled in: this runs on every request, and most send no Prefer header at all.
  const context: RequestContext = {
    sessionId: DEFAULT_SESSION,
    sessionFrom: 'default',
    scenario: undefined,
    scenarioFrom: undefined,
    code: undefined,
    example: undefined,
    latency: undefined,
    fault: undefined,
    dynamic: undefined,
    seed: undefined,
    explain: undefined,
    misspeltPreferences: undefined,
    ignoredControls: undefined,
    madeForProviderState: undefined,
  };
  // Each source is read only when it is there: a request with none of them (the usual one) reads three headers.
  const prefix = url !== undefined && url.charCodeAt(1) === 115 /* s */ ? splitSessionPrefix(url) : undefined;
  const header = single(headers[SESSION_HEADER]);
  const baggageHeader = headers.baggage;
  const baggage = baggageHeader === undefined ? NO_BAGGAGE : readSandboxBaggage(Array.isArray(baggageHeader) ? baggageHeader.join(',') : baggageHeader);
  const cookieHeader = headers.cookie;
  let ignoredCookie: string | undefined;
  if (prefix) {
    context.sessionId = toSessionId(decode(prefix.session, PATH_SESSION), PATH_SESSION);
    context.sessionFrom = 'path';
  } else if (header !== undefined) {
    context.sessionId = toSessionId(header, 'X-Mock-Session');
    context.sessionFrom = 'header';
  } else if (baggage.session !== undefined) {
    context.sessionId = toSessionId(decode(baggage.session, 'The baggage entry mock-session'), 'The baggage entry mock-session');
    context.sessionFrom = 'baggage';
  } else if (cookieHeader !== undefined) {
    const cookie = readSessionCookie(cookieHeader);
    ignoredCookie = cookie?.ignored;
    if (cookie) {
      context.sessionId = toSessionId(decode(cookie.session, `The cookie ${SESSION_COOKIE}`), `The cookie ${SESSION_COOKIE}`);
      context.sessionFrom = 'cookie';
      if (cookie.scenario) setScenario(context, decode(cookie.scenario, `The scenario in the cookie ${SESSION_COOKIE}`), 'cookie');
    }
  }
  try {
    context.ignoredControls = toIgnoredControls(headers, baggage, context.sessionFrom === 'default', ignoredCookie);
    // Weakest first, each overwriting the last: the cookie's (above), the baggage's, Prefer's, the URL's.
    if (baggage.scenario !== undefined) setScenario(context, decode(baggage.scenario, 'The baggage entry mock-scenario'), 'baggage');
    // Several Prefer headers are one list, in order (Node joins them so; a caller's array is joined the same way).
    const prefer = Array.isArray(headers.prefer) ? headers.prefer.join(', ') : headers.prefer;
    if (prefer) readPrefer(prefer, context);
    // The query is looked at only when it has a `__` (Prism's prefix): most requests have no query at all.
    const query = url === undefined ? -1 : url.indexOf('?');
    if (query !== -1 && url!.includes('__', query)) readPrismQuery(url!, query, context);
    if (prefix?.scenario !== undefined) setScenario(context, decode(prefix.scenario, PATH_SCENARIO), 'path');
    const providerState = single(headers[PROVIDER_STATE_HEADER]);
    if (providerState !== undefined) context.madeForProviderState = toProviderStateName(providerState);
  } catch (error) {
    throw error instanceof SandboxError ? new RefusedInSession(error, context) : error;
  }
  return context;
}

/**
 * A control of a request that named its session (a `Prefer: latency=abc`) is unusable: refused as the fault says, and
 * journalled in that session like any other refusal (`sandboxError`), with the context read up to the fault.
 */
export class RefusedInSession extends SandboxError {
  readonly context: RequestContext;

  constructor(fault: SandboxError, context: RequestContext) {
    super(fault.code, fault.message, fault.extensions);
    this.context = context;
  }
}

/**
 * Leave out the scenario the session cookie names for a surface that has no such scenario: the cookie is set by one
 * surface's prefixed URL (`/s/qa/scenario/org-enforced/flashback/...`) and sent on every request of the browser, so a
 * scenario only Flashback has made every later Lerian request a 422. The session's own scenario applies there instead,
 * as it does for a session whose chosen scenario a surface lacks, and `x-mock-header-ignored` says so.
 */
export function ignoreCookieScenarioOf(context: RequestContext, surface: string): void {
  // A header value holds no character past U+00FF (Node refuses to send `日本`): the name as a cookie writes it.
  const shown = (context.scenario ?? '').replace(/[^\x20-\x7e]+/g, (text) => encodeURIComponent(text));
  const note = `the scenario "${shown}" of cookie ${SESSION_COOKIE} (${surface} has no such scenario; the session's own applies)`;
  context.scenario = undefined;
  context.scenarioFrom = undefined;
  context.ignoredControls = context.ignoredControls === undefined ? note : `${context.ignoredControls}; ${note}`;
}

/** Every control of the request that chose nothing (see RequestContext.ignoredControls), in one line, or undefined. */
function toIgnoredControls(
  headers: Record<string, unknown>,
  baggage: SandboxBaggage,
  noSession: boolean,
  ignoredCookie: string | undefined,
): string | undefined {
  const session = noSession ? misspeltSessionHeader(headers) : undefined;
  const lookAlikes = lookAlikeHeaders(headers);
  if (session === undefined && lookAlikes === undefined && baggage.misspelt === undefined && baggage.repeated === undefined && ignoredCookie === undefined)
    return undefined;
  const notes = [
    ...(session === undefined ? [] : [session]),
    ...(lookAlikes ?? []),
    ...(baggage.misspelt ?? []).map(misspeltBaggageKey),
    ...(baggage.repeated ?? []).map((entry) => `baggage ${entry} (given again; the first ${entry.split('=', 1)[0]} counts)`),
    ...(ignoredCookie === undefined ? [] : [`cookie ${SESSION_COOKIE}=${ignoredCookie} (sent again; the first counts)`]),
  ];
  return notes.join('; ');
}

/** The state named by `X-Mock-Provider-State`; only a label for the journal, so text that is not percent-encoding stays as it came. */
function toProviderStateName(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Name the request's scenario (an unknown or empty name is the usual 422 when the session looks it up). */
function setScenario(context: RequestContext, scenario: string, from: ScenarioSource): void {
  // A path is percent-decoded as UTF-8 already; a cookie's or baggage's raw bytes came one character per byte.
  context.scenario = from === 'path' ? scenario : toHeaderText(scenario);
  context.scenarioFrom = from;
}
