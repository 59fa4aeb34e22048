/**
 * `mfa-sandbox/msw`: the sandbox's engine as MSW request handlers, in the browser (setupWorker) and in Node tests
 * (setupServer), with no server: sessions, scenarios, `Prefer`, faults, real TOTP, magic links, passkeys and GenAuth
 * signatures, and the same in-process session controls as `createSandbox()`.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMfaHandlers } from 'mfa-sandbox/msw';
 * const mfa = createMfaHandlers();                   // every surface at http://localhost:4010/<surface>
 * setupServer(...mfa.handlers).listen();
 * mfa.session('checkout-test').useScenario('org-enforced');
 */
import { http, HttpResponse, matchRequestUrl, type HttpHandler } from 'msw';
import { ConfigError } from '../config-error.js';
import { toMagicLinkUrl } from '../magic-link-url.js';
import { systemClock, type Clock } from '../engine/clock.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import type { JournalRecord } from '../engine/journal.js';
import { toSlowBodyPieces } from '../engine/injected-faults.js';
import { sessionJournals } from '../engine/session-journal.js';
import { SessionRegistry, type SessionState } from '../engine/session-registry.js';
import { SandboxError, toErrorAnswer } from '../errors.js';
import { followMagicLink } from '../pipeline/magic-link-page.js';
import { explainUnknownRoute, type MountedOperation } from '../pipeline/near-misses.js';
import { EXPLAIN_HEADER, prefersExplanation, toExplainHeader } from '../pipeline/refusal-explanations.js';
import type { PlainAnswer } from '../pipeline/plain-exchange.js';
import { createSandboxSessions, type SandboxSession as SessionOf, type SandboxSessions as SessionsOf } from '../pipeline/sandbox-session.js';
import { createSessionFileSchemaCheck } from '../openapi/session-file-schema-check.js';
import { createSurfaceEngine, type EngineRoute } from '../pipeline/surface-engine.js';
import { SESSION_PREFIX_START, splitSessionPrefix } from '../pipeline/session-prefix.js';
import { toRoutesBySurface } from '../pipeline/check-override.js';
import { MemoryStateStore } from '../state/memory-state-store.js';
import {
  SURFACE_IDS,
  toFactorKinds,
  toPasskeySurfaces,
  toSurface,
  toUserIdRules,
  type OperationName,
  type ScenarioName,
  type SurfaceId,
} from '../surfaces/registry.js';
import type { ScenarioDefinitions } from '../scenarios/scenario-definitions.js';
import { withDefinedScenarios } from './defined-scenarios.js';
import { ChangeReportingMemoryStore, restoreSessions, storeSessions, type SessionStorageLike } from './stored-sessions.js';
import { toSandboxDefinition } from './sandbox-definition.js';
import { SANDBOX_DEFINITION_SNAPSHOT } from './sandbox-definition-snapshot.js';
import { toPlainRequest } from './to-plain-request.js';
import { toLiteralPattern, toTemplatePattern } from './path-patterns.js';
import { createUndecodableUrlGuards, type OriginPaths } from './undecodable-url-guard.js';

export { createControlledClock, systemClock, type Clock, type ControlledClock } from '../engine/clock.js';
export type { JournalEntry } from '../engine/journal.js';
export type { TotpCodeEntry, TotpCodeStatus } from '../engine/current-totp-codes.js';
export type { OutboxMessage, World } from '../engine/world.js';
export type { SandboxSessionClock } from '../pipeline/sandbox-session.js';
/** One session's controls (`mfa.session(id)`); a surface they take is a `SurfaceId`, so a misspelt one does not compile. */
export type SandboxSession = SessionOf<SurfaceId, OperationName, ScenarioName>;
/** The controls of every session at once, as `createMfaHandlers()` returns them. */
export type SandboxSessions = SessionsOf<SurfaceId, OperationName, ScenarioName>;
export { ConfigError } from '../config-error.js';
export { SandboxError, type SandboxErrorCode } from '../errors.js';
export { JournalVerificationError } from '../pipeline/sandbox-session.js';
export { OutboxWaitTimeoutError } from '../pipeline/outbox-wait.js';
export type { ListedOutboxMessage, OutboxCriteria } from '../engine/outbox-query.js';
export type { JournalFilter, JournalExpectation, JournalVerification } from '../engine/journal-query.js';
export type { SessionOverride, SessionOverrideInput } from '../engine/session-overrides.js';
export type { LockedWorld } from '../engine/set-user-locked.js';
export type { SessionFile, SessionFileProblem } from '../engine/session-file.js';
export type { ImportedSession } from '../pipeline/session-files.js';
export type { ImportedPasskey, PasskeySelection, PlaywrightPasskey } from '../engine/passkey-sharing.js';
export type { OperationId, OperationName, ScenarioId, ScenarioName, SurfaceId } from '../surfaces/registry.js';
export { toSignedHeaders } from '../surfaces/genauth/genauth-descriptor.js';
export { ScenarioError, ScenarioProblems } from '../scenarios/scenario-problems.js';
export type { ScenarioDefinition, ScenarioDefinitions } from '../scenarios/scenario-definitions.js';

/** Where `npm start` serves each surface, so an app pointed at the server works unchanged against the handlers. */
export const DEFAULT_BASE_URL_ORIGIN = 'http://localhost:4010';

export interface MfaHandlersOptions {
  /**
   * Where each surface is mocked, e.g. `{ genauth: 'https://api.genauth.ai' }` for the vendor's real origin.
   * Default `http://localhost:4010/<surface>`, the URLs of `npm start`. In a browser a URL may be relative to the page
   * (`'/api/flashback'`); in Node it must be absolute.
   */
  baseUrls?: Partial<Record<SurfaceId, string>>;
  /** The scenario every session starts in (where a surface lacks it, that surface's sessions start in `default`). */
  scenario?: ScenarioName;
  /**
   * Scenarios of your own, as objects, beside the shipped ones: by surface, then by name, each what a scenario file
   * holds (`description`, and optionally `world`, `overrides`, `lockout`), e.g.
   * `{ flashback: { 'ada-locked-out': { description: '...', world: { users: [...] }, lockout: { afterFailedAttempts: 3 } } } }`.
   * Checked as `mfa-sandbox check` checks files (a ScenarioProblems listing every problem); one named like a shipped
   * scenario replaces it. Share them with the server by writing each to `<dir>/<surface>/<name>.yaml`.
   */
  scenarios?: ScenarioDefinitions;
  /**
   * Where sessions take their time from (TOTP steps, expiries, timestamps, and how long a session may stay idle);
   * `createControlledClock()` for tests. To move one session's time without the others growing idle, move its own
   * clock: `mfa.session(id).clock.advance(ms)`.
   */
  clock?: Clock;
  /** How long an idle session is kept, on the clock (ms). Default 30 minutes, as the server. */
  sessionTtlMs?: number;
  /** Check every answer against its spec (a violation is a `MOCK_ERR_RESPONSE_INVALID` problem+json). Default true. */
  validateResponses?: boolean;
  /** Answer every request with a generated body, as `Prefer: dynamic=true` does (`dynamic=false` opts out). Default false. */
  dynamic?: boolean;
  /** Requests kept per session journal. Default 100, as the server. */
  journalSize?: number;
  /**
   * The app's page a Flashback magic link opens, `{token}` where its token goes
   * (`http://localhost:5173/mfa/magic-link?token={token}`), as the server's `--magic-link-url`. Default: the
   * sandbox's own page under the Flashback base URL's origin.
   */
  magicLinkUrl?: string;
  /**
   * Keep the sessions across reloads of the page in this Web Storage: `sessionStorage` (the tab's), or any object
   * with `getItem` and `setItem`. Without it the sandbox lives in the page, and a reload, or a magic link followed into
   * your app's own landing route, starts afresh (the link's token unknown, an enrolled authenticator gone). Each
   * session is kept as its session file (`exportFile()`) after every change, and read back at start.
   */
  storage?: SessionStorageLike;
}

/** Every option createMfaHandlers takes: another name is refused, as createSandbox refuses one, not silently ignored. */
const MFA_HANDLERS_OPTIONS: Readonly<Record<keyof MfaHandlersOptions, true>> = {
  baseUrls: true,
  scenario: true,
  scenarios: true,
  clock: true,
  sessionTtlMs: true,
  validateResponses: true,
  dynamic: true,
  journalSize: true,
  magicLinkUrl: true,
  storage: true,
};

function isStorage(value: unknown): value is SessionStorageLike {
  const candidate = value as Partial<SessionStorageLike> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.getItem === 'function' && typeof candidate.setItem === 'function';
}

/** createSandbox's options that read files: the handlers have the shipped specs and scenarios built in instead. */
const FILE_OPTIONS = new Set(['scenariosDir', 'specsDir', 'cacheDir']);

/** The `magicLinkUrl` option, checked as the server's `--magic-link-url` (a ConfigError naming the package). */
function toMagicLinkOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return toMagicLinkUrl(value);
  } catch (error) {
    throw error instanceof ConfigError ? new ConfigError(`mfa-sandbox/msw: magicLinkUrl: ${error.message}`) : error;
  }
}

function isClock(value: unknown): value is Clock {
  return typeof value === 'object' && value !== null && typeof (value as Clock).now === 'function';
}

/** The options' names, and the values no later step checks (a wrong type there would be read as something else). */
function checkOptions(options: object): void {
  const known = Object.keys(MFA_HANDLERS_OPTIONS);
  // `createMfaHandlers(null)` (an options variable not set) failed in Object.keys with a bare TypeError.
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(`mfa-sandbox/msw: createMfaHandlers takes an object of options (${known.join(', ')}), got ${JSON.stringify(options)}`);
  }
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const why = FILE_OPTIONS.has(name)
      ? ': the handlers read no files (they run in a browser too), so they serve the shipped specs and scenarios; give your own as objects (scenarios: { flashback: { name: {...} } }), or script a session with its controls (mfa.session(id).addOverride)'
      : toDidYouMean(name, known);
    throw new ConfigError(`mfa-sandbox/msw: unknown option "${name}"${why}; createMfaHandlers takes ${known.join(', ')}`);
  }
  const { baseUrls = {}, validateResponses, dynamic, clock } = options as Record<string, unknown>;
  // As createSandbox checks them: `dynamic: 'no'` was read as true, and every answer came back generated.
  for (const [name, value] of Object.entries({ validateResponses, dynamic })) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new ConfigError(`mfa-sandbox/msw: ${name} must be true or false, got ${JSON.stringify(value)}`);
    }
  }
  const { storage } = options as Record<string, unknown>;
  if (storage !== undefined && !isStorage(storage)) {
    throw new ConfigError(
      `mfa-sandbox/msw: storage must be a Web Storage (sessionStorage), or an object with getItem and setItem, got ${JSON.stringify(storage)}`,
    );
  }
  if (clock !== undefined && !isClock(clock)) {
    throw new ConfigError(`mfa-sandbox/msw: clock must be a clock (systemClock, or createControlledClock(...)), got ${JSON.stringify(clock)}`);
  }
  if (typeof baseUrls !== 'object' || baseUrls === null || Array.isArray(baseUrls)) {
    throw new ConfigError(
      `mfa-sandbox/msw: baseUrls must be an object of base URLs by surface ({ genauth: 'https://api.genauth.ai' }), got ${JSON.stringify(baseUrls)}`,
    );
  }
  // A misspelt surface (`flashbak`) would leave the app's requests to that surface unmocked, sent to the network.
  for (const name of Object.keys(baseUrls)) {
    if (!(SURFACE_IDS as readonly string[]).includes(name)) {
      throw new ConfigError(`mfa-sandbox/msw: baseUrls has no surface "${name}"${toDidYouMean(name, SURFACE_IDS)}; its surfaces are ${SURFACE_IDS.join(', ')}`);
    }
  }
}

/** The handlers, where they listen, and the in-process controls of their sessions (as `createSandbox()` has them). */
export interface MfaHandlers extends SandboxSessions {
  /** Pass them to `setupWorker(...)` (browser) or `setupServer(...)` (Node). */
  readonly handlers: HttpHandler[];
  /** The absolute base URL of each surface. */
  readonly baseUrls: Readonly<Record<SurfaceId, string>>;
  /**
   * What `mfa-sandbox check` would warn of in the `scenarios` given (a shipped one replaced, a setting its surface never
   * reads, a world no request can sign in to); each is also written to the console once, with `console.warn`.
   */
  readonly warnings: readonly string[];
  /**
   * End the handlers' sessions: a `waitForMessage` still pending rejects at once (`MOCK_ERR_CLOSING`) instead of
   * keeping the test process alive until its timeout (Jest: "did not exit one second after the test run"), an answer
   * waiting out an injected delay goes out at once, and every control fails from then on. Call it beside
   * `server.close()`.
   */
  close(): void;
}

/** As the server's defaults (src/config.ts): idle sessions are forgotten after 30 minutes, at most 10,000 kept. */
const DEFAULT_SESSION_TTL_MS = 30 * 60_000;
/** The server's `--session-ttl` bound: a week. */
const MAX_SESSION_TTL_MS = 7 * 24 * 3600_000;
const MAX_SESSIONS = 10_000;

/** An absolute base URL without a trailing slash; a relative one is resolved against the page (a browser only). */
function toBaseUrl(surface: SurfaceId, value: string | undefined): string {
  const raw = value ?? `${DEFAULT_BASE_URL_ORIGIN}/${surface}`;
  const page = (globalThis as { location?: { href: string } }).location?.href;
  let url: URL;
  try {
    url = new URL(raw, page);
  } catch {
    throw new ConfigError(
      `mfa-sandbox/msw: baseUrls.${surface} "${raw}" is not an absolute URL${page ? '' : ' (outside a browser page, base URLs must be absolute, e.g. http://localhost:4010/' + surface + ')'}`,
    );
  }
  // What the handlers could never match, or would match other than given, is said now rather than found out later.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`mfa-sandbox/msw: baseUrls.${surface} "${raw}" is not an http or https URL (fetch sends nothing else for MSW to answer)`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `mfa-sandbox/msw: baseUrls.${surface} "${raw}" has a query or fragment, which no request URL starts with: give the origin and path only`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Every URL under `base` (not `base` itself). A regular expression without groups, not `${base}/*`: MSW decodes what
 * a wildcard captures and fails on a path that does not decode; the resolvers read the URL themselves.
 */
function under(base: string): RegExp {
  return new RegExp(`^${toLiteralPattern(base)}/`);
}

/** Every URL behind the session prefix on `origin` (see `under`). */
function underSessionPrefix(origin: string): RegExp {
  return under(`${origin}${SESSION_PREFIX_START.slice(0, -1)}`);
}

type ResolverInfo = { request: Request; params: Readonly<Record<string, string | readonly string[] | undefined>> };

/**
 * A resolver for `<origin>/s/*` that answers only a URL whose rest, without the session prefix, is `path`, with that
 * path's parameters; any other URL is left to the next handler (a resolver that returns nothing passes it on).
 */
function behindSessionPrefix(path: string, exactPath: RegExp, resolver: (info: ResolverInfo) => Promise<Response | undefined>) {
  return ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const prefix = splitSessionPrefix(`${url.pathname}${url.search}`);
    if (!prefix) return undefined;
    const rest = new URL(prefix.rest, url.origin);
    const match = matchRequestUrl(rest, path);
    return match.matches && exactPath.test(rest.pathname) ? resolver({ request, params: match.params ?? {} }) : undefined;
  };
}

/**
 * The answer as a Fetch API response: delayed when asked (`aborted`: the request's signal, which says whether its caller
 * gave up meanwhile), a network error for a dropped connection. Without the
 * session cookie the server sets on a prefixed URL's answer: that cookie serves a browser page loaded from the
 * sandbox, while MSW keeps response cookies in a store of its own and sends them on every later request of the
 * process (in Node too), which carried one test's session and scenario into the next test's plain requests. The
 * vendor's own cookies (nest-auth's cookie token mode, `answer.cookies`) are left out for the same reason, and a
 * service worker may not set cookies at all: under MSW, a nest-auth client uses header mode.
 */
async function toResponse(route: EngineRoute, answer: PlainAnswer, aborted: AbortSignal, closed: AbortSignal): Promise<Response> {
  if (answer.internalError !== undefined) console.error(`mfa-sandbox: ${route.operationId} failed`, answer.internalError);
  if (answer.delayMs > 0) {
    // `mfa.close()` cuts a delay short, as the server's close does: the answer goes out at once, and no timer holds
    // the test process open for the rest of an injected `latency=8000`.
    await delayUnlessAborted(answer.delayMs, [aborted, closed]);
    // The request's caller gave up meanwhile (an aborted fetch): nobody gets this answer, and the journal says so.
    if (aborted.aborted) answer.noteClientGone?.();
  }
  if (answer.dropConnection === 'close' || answer.dropConnection === 'reset') return HttpResponse.error();
  const { 'set-cookie': _sessionCookie, ...headers } = answer.headers;
  if (answer.dropConnection === 'mid-body') return toClosedMidBody(answer.status, headers, answer.body ?? '');
  if (answer.slowBodyMs !== undefined && answer.body !== undefined) return toSlowBody(answer, headers, aborted, closed);
  return toHttpResponse(answer.status, headers, answer.body);
}

/**
 * The `slow-body` fault in a Fetch API response: the status and headers at once, the body's pieces each after its wait
 * (`toSlowBodyPieces`), as the server sends them. `mfa.close()` sends the rest at once; a caller that gave up (its
 * request aborted, or the body's reader cancelled) gets no more, and the journal says the answer was never received.
 */
function toSlowBody(answer: PlainAnswer, headers: Record<string, string>, aborted: AbortSignal, closed: AbortSignal): Response {
  const body = answer.body ?? '';
  const bytes = new TextEncoder().encode(body);
  const { pieces, waitMs } = toSlowBodyPieces(bytes, answer.slowBodyMs ?? 0);
  let next = 0;
  let gone = false;
  const leave = () => {
    if (gone) return;
    gone = true;
    answer.noteClientGone?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await delayUnlessAborted(waitMs, [aborted, closed]);
      if (aborted.aborted) {
        leave();
        controller.error(new DOMException('This operation was aborted', 'AbortError'));
        return;
      }
      if (gone) return;
      controller.enqueue(pieces[next++]!);
      if (next === pieces.length) controller.close();
    },
    cancel: leave,
  });
  // The whole body's length, as the server sends it: all of it comes, only slowly.
  const sent = new Headers(toHttpResponse(answer.status, headers, body).headers);
  sent.set('content-length', String(bytes.length));
  return new HttpResponse(stream, { status: answer.status, headers: sent });
}

/**
 * The `closed-mid-body` fault in a Fetch API response: the status and headers arrive, the body's first half, then its
 * stream fails as the connection's end would make it fail (`res.json()` and `res.text()` reject with fetch's
 * `TypeError: terminated`). No Content-Length: a Response made here has none to promise.
 */
function toClosedMidBody(status: number, headers: Record<string, string>, body: string): Response {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.subarray(0, Math.floor(bytes.length / 2)));
    },
    pull(controller) {
      controller.error(new TypeError('terminated', { cause: new Error('other side closed (injected fault closed-mid-body)') }));
    },
  });
  const { 'content-length': _whole, ...sent } = headers;
  // The headers as the whole answer would have them (its charset), over the broken stream.
  return new HttpResponse(stream, { status, headers: toHttpResponse(status, sent, body).headers });
}

/** Whether a `Set-Cookie` line gives its cookie a value (`accessToken=eyJ...`), not clears it (`accessToken=; Expires=...1970`). */
function setsValue(setCookie: string): boolean {
  const pair = setCookie.split(';', 1)[0]!;
  return pair.indexOf('=') < pair.length - 1;
}

/**
 * Wait `ms`, or until one of `signals` aborts (the request's: as the server ends a delay when its client closes the
 * connection, so the journal marks the entry at once, with how long the caller waited, not the delay it was to wait;
 * the handlers' close), leaving no timer to hold a Node process open.
 */
function delayUnlessAborted(ms: number, signals: readonly AbortSignal[]): Promise<void> {
  if (signals.some((signal) => signal.aborted)) return Promise.resolve();
  return new Promise((resolve) => {
    const end = () => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', end);
      resolve();
    };
    const timer = setTimeout(end, ms);
    for (const signal of signals) signal.addEventListener('abort', end, { once: true });
  });
}

/**
 * A response with the bytes the server sends: Fastify names the charset of a JSON body whose content type does not
 * (`application/json; charset=utf-8`, `application/problem+json; charset=utf-8`), so the handlers do too; other types
 * (a gateway fault's `text/html`) go out as set.
 */
function toHttpResponse(status: number, headers: Record<string, string>, body: string | undefined): Response {
  const contentType = headers['content-type'];
  const sent =
    body !== undefined && contentType !== undefined && contentType.includes('json') && !contentType.includes('charset')
      ? { ...headers, 'content-type': `${contentType}; charset=utf-8` }
      : headers;
  return new HttpResponse(body ?? null, { status, headers: sent });
}

/** Where magic links from the outbox point, under the host a request was sent to. */
const MAGIC_LINK_TEMPLATE = '/__admin/sessions/{id}/magic-links/{token}';

/** The paths the handlers answer, by origin, for the guards against undecodable paths. */
function toOriginPaths(operations: MountedOperation[], baseUrls: Record<SurfaceId, string>, magicLinkOrigins: string[]): OriginPaths[] {
  const byOrigin = new Map<string, OriginPaths>();
  const at = (origin: string) => byOrigin.get(origin) ?? byOrigin.set(origin, { origin, basePaths: [], templates: [] }).get(origin)!;
  for (const surface of SURFACE_IDS) {
    const { origin, pathname } = new URL(baseUrls[surface]);
    if (pathname !== '/') at(origin).basePaths.push(pathname.replace(/\/+$/, ''));
    at(origin).templates.push(...operations.filter((operation) => operation.surface === surface).map((operation) => operation.path));
  }
  for (const origin of magicLinkOrigins) at(origin).templates.push(MAGIC_LINK_TEMPLATE);
  return [...byOrigin.values()];
}

function toErrorResponse(error: SandboxError, url: string, extraHeaders: Record<string, string> = {}): Response {
  const answer = toErrorAnswer(error, url);
  return toHttpResponse(answer.status, { ...answer.headers, ...extraHeaders }, answer.body);
}

/**
 * MSW request handlers for every surface, answered by the same engine as the server, with their own sessions (state
 * lives as long as the returned object). A request under a surface's base URL that names no operation (an unknown
 * path, or a method the path does not have) gets the server's `MOCK_ERR_ROUTE_NOT_FOUND` 404 problem+json; when a
 * base URL is a bare origin (the vendor's real one), unknown paths are left to other handlers or the network, since
 * that origin may serve more than this API. Each operation also answers behind the session prefix,
 * `<origin>/s/<session>/<base path>...` (or `/s/<session>/scenario/<name>/...`), as the server does, and a prefixed URL
 * under a base path that names no operation gets the same 404 (under a bare origin it is passed on). Magic links in the outbox (`http://<host>/__admin/sessions/<id>/magic-links/<token>`)
 * are answered too, so following one activates it as with the server.
 *
 * @example
 * const mfa = createMfaHandlers({ baseUrls: { genauth: 'https://api.genauth.ai' }, scenario: 'mfa-enabled' });
 * const worker = setupWorker(...mfa.handlers); await worker.start();
 * mfa.totpCode('usr_ada'); // the code Ada's authenticator shows now
 */
export function createMfaHandlers(options: MfaHandlersOptions = {}): MfaHandlers {
  checkOptions(options);
  const definition = toSandboxDefinition(SANDBOX_DEFINITION_SNAPSHOT);
  const { specs } = definition;
  const { catalogue, warnings } =
    options.scenarios === undefined ? { ...definition, warnings: [] } : withDefinedScenarios(definition.catalogue, specs, options.scenarios);
  const scenario = options.scenario ?? 'default';
  if (![...catalogue.values()].some((scenarios) => scenarios.has(scenario))) {
    const known = [...new Set([...catalogue.values()].flatMap((scenarios) => [...scenarios.keys()]))].sort();
    throw new ConfigError(
      `mfa-sandbox/msw: scenario "${scenario}" is not a scenario of any surface${toDidYouMean(scenario, known)}; known: ${known.join(', ')}`,
    );
  }
  // As `serve --scenario` warns: the surfaces without it start their sessions in `default`, which a test did not expect.
  const lacking = SURFACE_IDS.filter((surface) => !catalogue.get(surface)?.has(scenario));
  if (lacking.length > 0) warnings.push(`scenario ${scenario}: not on ${lacking.join(', ')} (${lacking.join(', ')} sessions start in default)`);
  for (const warning of warnings) console.warn(`mfa-sandbox/msw: warning: ${warning}`);
  const journalSize = options.journalSize ?? 100;
  // As createSandbox and the command take it: a journal of 0 or -1 entries would keep nothing, silently.
  if (!Number.isInteger(journalSize) || journalSize < 1 || journalSize > 100_000) {
    throw new ConfigError(`mfa-sandbox/msw: journalSize must be an integer between 1 and 100000, got ${JSON.stringify(options.journalSize)}`);
  }
  const magicLinkUrl = toMagicLinkOption(options.magicLinkUrl);
  const sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  if (!Number.isInteger(sessionTtlMs) || sessionTtlMs < 1_000 || sessionTtlMs > MAX_SESSION_TTL_MS) {
    throw new ConfigError(
      `mfa-sandbox/msw: sessionTtlMs must be an integer between 1000 and ${MAX_SESSION_TTL_MS}, got ${JSON.stringify(options.sessionTtlMs)}`,
    );
  }
  const clock = options.clock ?? systemClock;
  const storeOptions = { ttlMs: sessionTtlMs, maxEntries: MAX_SESSIONS, logSize: journalSize, now: () => clock.now(), newLog: sessionJournals() };
  const { storage } = options;
  // With a storage, every change is written to it soon after (once per turn of the event loop, however many changes).
  let storing: ReturnType<typeof setTimeout> | undefined;
  let writing = false;
  // A full storage refuses every later write too: said once, not on every request.
  let toldOfFullStorage = false;
  const warnOnce = (message: string) => {
    if (!toldOfFullStorage) console.warn(`mfa-sandbox/msw: warning: ${message}`);
    toldOfFullStorage = true;
  };
  const storeNow = () => {
    clearTimeout(storing);
    storing = undefined;
    writing = true; // an export reads each session through a unit of work: no change of its own
    try {
      storeSessions(sessions, storage!, warnOnce);
    } finally {
      writing = false;
    }
  };
  const sessions = new SessionRegistry({
    store: storage
      ? new ChangeReportingMemoryStore<SessionState, JournalRecord>(storeOptions, () => {
          if (!writing && storing === undefined) storing = setTimeout(storeNow, 0);
        })
      : new MemoryStateStore<SessionState, JournalRecord>(storeOptions),
    catalogue,
    defaultScenario: scenario,
    clock,
    userIdRules: toUserIdRules(SURFACE_IDS),
    factorKinds: toFactorKinds(SURFACE_IDS),
  });
  const baseUrls = Object.fromEntries(SURFACE_IDS.map((surface) => [surface, toBaseUrl(surface, options.baseUrls?.[surface])])) as Record<SurfaceId, string>;
  const routes = toRoutesBySurface(specs);
  const checkSessionFile = createSessionFileSchemaCheck(SANDBOX_DEFINITION_SNAPSHOT.adminSchemas);

  // A nest-auth client in cookie token mode signs in and gets neither its tokens (cookie mode leaves them out of the
  // body) nor the cookies: every later call is its 401, with nothing to say why. Said once, where a developer looks.
  // Only cookies that hold a value: a logout clears the token cookies in either mode.
  let toldOfCookies = false;
  const warnOfLeftOutCookies = (route: EngineRoute) => {
    if (toldOfCookies) return;
    toldOfCookies = true;
    console.warn(
      `mfa-sandbox/msw: warning: ${route.operationId} answered in nest-auth's cookie token mode (the request sent x-access-token-type: cookie), and the handlers set no cookies (a service worker may not; MSW would send them on every later request of the process): the client holds no token. Use header mode under MSW (the nest-auth client's accessTokenType: 'header').`,
    );
  };
  // Aborted by close(): it ends pending waits and cuts injected delays short.
  const closing = new AbortController();
  const handlers: HttpHandler[] = [];
  // Every operation where it is mounted (the base URL's path in front): an unknown route names the closest ones.
  const operations: MountedOperation[] = [];
  for (const surface of SURFACE_IDS) {
    const base = baseUrls[surface];
    const prefix = new URL(base).pathname.replace(/\/+$/, '');
    const routes = createSurfaceEngine({
      spec: specs.get(surface)!,
      behaviour: toSurface(surface).behaviour,
      sessions,
      validateResponses: options.validateResponses ?? true,
      dynamic: options.dynamic ?? false,
      magicLinkUrl,
    });
    const origin = new URL(base).origin;
    const { contentEncodings } = toSurface(surface).behaviour;
    for (const route of routes) {
      operations.push({ surface, operationId: route.operationId, method: route.method.toUpperCase(), path: `${prefix}${route.path}`, prefix });
      const path = `${base}${route.routerPath}`;
      // MSW matches `/mfa/status/` to `/mfa/status`, and `/MFA/Status` too; the server does neither (a 404 naming the
      // near miss), and so neither do these, except where the surface's vendor does (nest-auth, on Express: both).
      const exactPath = toTemplatePattern(route.path, { prefix, trailingSlash: route.trailingSlash, anyCase: route.anyCase });
      const answer = async ({ request, params }: ResolverInfo) => {
        const { plain, refused } = await toPlainRequest(request, params, contentEncodings);
        const settled = refused ? route.refuse(plain, refused) : route.answer(plain);
        const answered = settled instanceof Promise ? await settled : settled;
        if (answered.cookies?.some(setsValue)) warnOfLeftOutCookies(route);
        return toResponse(route, answered, request.signal, closing.signal);
      };
      // As the server (Fastify answers HEAD for every GET route): the GET's status and headers, without its body.
      const head = async (info: ResolverInfo) => {
        const response = await answer(info);
        if (response === undefined) return undefined;
        return response.type === 'error' ? response : new HttpResponse(null, { status: response.status, headers: response.headers });
      };
      const exactly = (resolver: (info: ResolverInfo) => Promise<Response | undefined>) => (info: ResolverInfo) =>
        exactPath.test(new URL(info.request.url).pathname) ? resolver(info) : undefined;
      handlers.push(http[route.method](path, exactly(answer)));
      if (route.method === 'get') handlers.push(http.head(path, exactly(head)));
      // The same operation behind the session prefix, `<origin>/s/<session>/...` as on the server: the pipeline reads
      // the session from the URL as received.
      handlers.push(http[route.method](underSessionPrefix(origin), behindSessionPrefix(path, exactPath, answer)));
      if (route.method === 'get') handlers.push(http.head(underSessionPrefix(origin), behindSessionPrefix(path, exactPath, head)));
    }
  }
  // After every operation: MSW tries handlers in order, so these only see what no operation matched.
  /** The server's 404 for a path no operation has; `rest` is the path the routes saw (without a session prefix). */
  const notFound = (request: Request, rest: string) => {
    const url = new URL(request.url);
    const sessionPrefix = url.pathname.endsWith(rest) ? url.pathname.slice(0, url.pathname.length - rest.length) : '';
    const explanation = explainUnknownRoute(operations, request.method, rest, sessionPrefix);
    const error = new SandboxError('MOCK_ERR_ROUTE_NOT_FOUND', `No route ${request.method} ${url.pathname} in the sandbox`, {
      surfaces: Object.values(baseUrls),
      nearMisses: explanation.nearMisses,
    });
    const asked = prefersExplanation(Object.fromEntries(request.headers));
    const response = toErrorResponse(error, `${url.pathname}${url.search}`, asked ? { [EXPLAIN_HEADER]: toExplainHeader(explanation) } : {});
    // An answer to HEAD has no body, as on the server.
    return request.method === 'HEAD' ? new HttpResponse(null, { status: response.status, headers: response.headers }) : response;
  };
  for (const surface of SURFACE_IDS) {
    const base = baseUrls[surface];
    const basePath = new URL(base).pathname;
    if (basePath === '/') continue; // a bare origin: unknown paths are not ours to answer
    const unprefixed = ({ request }: { request: Request }) => notFound(request, new URL(request.url).pathname);
    // Behind the session prefix as well, as the server answers: only for paths under this surface's base path.
    const prefixed = ({ request }: { request: Request }) => {
      const rest = splitSessionPrefix(new URL(request.url).pathname)?.rest;
      const ours = rest !== undefined && (rest === basePath || rest.startsWith(`${basePath}/`));
      return ours ? notFound(request, rest) : undefined;
    };
    handlers.push(http.all(base, unprefixed), http.all(under(base), unprefixed), http.all(underSessionPrefix(new URL(base).origin), prefixed));
  }
  // The Flashback surface writes magic links for the origin the request was sent to (see toPlainRequest).
  const magicLinkOrigins = [...new Set(Object.values(baseUrls).map((base) => new URL(base).origin))];
  for (const origin of magicLinkOrigins) {
    handlers.push(
      http.get(`${origin}${MAGIC_LINK_TEMPLATE.replace(/\{(\w+)\}/g, ':$1')}`, async ({ params }) => {
        const page = await followMagicLink(sessions, String(params.id), String(params.token));
        return toHttpResponse(page.status, { 'content-type': 'text/html; charset=utf-8' }, page.html);
      }),
    );
  }
  // The server's admin API has no counterpart here: a page or test written against `npm start` that calls it gets a
  // 404 that says what to use instead, not a network error from the request passed on to a port nobody listens on.
  for (const origin of magicLinkOrigins) {
    handlers.push(
      http.all(`${origin}/__admin/*`, ({ request }) =>
        toErrorResponse(
          new SandboxError(
            'MOCK_ERR_ROUTE_NOT_FOUND',
            'No admin API under MSW: the handlers are the sandbox; use their session controls instead (mfa.session(id).useScenario, lockUser, outbox, waitForMessage, journal, addOverride, exportFile, ...)',
            { surfaces: Object.values(baseUrls) },
          ),
          new URL(request.url).pathname,
        ),
      ),
    );
  }
  // First of all: a path that does not decode, which MSW would answer with a 500 and a stack.
  handlers.unshift(...createUndecodableUrlGuards(toOriginPaths(operations, baseUrls, magicLinkOrigins), toErrorResponse));
  if (storage) {
    for (const warning of restoreSessions(sessions, storage, { checkSchema: checkSessionFile, routes })) {
      warnings.push(warning);
      console.warn(`mfa-sandbox/msw: warning: ${warning}`);
    }
    // Leaving the page (a reload, a link followed) writes at once: a change of its last moment has not been yet.
    (globalThis as { addEventListener?: (type: string, listener: () => void, options: { signal: AbortSignal }) => void }).addEventListener?.(
      'pagehide',
      () => storing !== undefined && storeNow(),
      { signal: closing.signal },
    );
  }
  const tools = {
    routes,
    checkSessionFile,
    passkeySurfaces: toPasskeySurfaces(SURFACE_IDS),
    // The journal keeps a request's path as sent, its base URL's path in front (`/v2/flashback/mfa/status`).
    prefixes: new Map(SURFACE_IDS.map((surface) => [surface, new URL(baseUrls[surface]).pathname.replace(/\/$/, '')])),
    closed: closing.signal,
    closeCall: { call: 'mfa.close()', restart: 'createMfaHandlers()' },
  };
  return { handlers, baseUrls, warnings, ...createSandboxSessions<SurfaceId, OperationName, ScenarioName>(sessions, tools), close: () => closing.abort() };
}
