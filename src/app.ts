import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createAdminGuard, createConsoleGuard } from './admin/admin-guard.js';
import { adminRoutes } from './admin/admin-routes.js';
import { readAdminJsonBodies } from './admin/json-bodies-only.js';
import { describeContentType } from './openapi/media-type.js';
import { transportRefusalOf } from './server/transport-refusal.js';
import { toOriginForm } from './server/absolute-form.js';
import { decodeContentEncoding } from './server/request-content-encoding.js';
import { consoleRoutes } from './console/console-routes.js';
import { docsRoutes } from './docs/docs-routes.js';
import { DEFAULT_CONFIG, SHIPPED_SCENARIOS_DIR, toRedactedStateUrl, type Config } from './config.js';
import { readPackageVersion } from './package-version.js';
import { registerCors } from './server/cors.js';
import { SandboxError, isSandboxError, sendError, toSandboxFault } from './errors.js';
import { StateUnavailableError, type SweptKeys } from './state/state-store.js';
import { toForwardedPrefix } from './engine/magic-links.js';
import { systemClock, type Clock } from './engine/clock.js';
import type { JournalRecord } from './engine/journal.js';
import { sessionJournals } from './engine/session-journal.js';
import { FALLBACK_SCENARIO, SessionRegistry, type SessionState, type SessionStore, type SessionWatchers } from './engine/session-registry.js';
import { loadSpec, throwIfSpecProblems, type LoadedSpec, type SpecProblem } from './openapi/load-spec.js';
import { toRouteDefinitions, type RouteDefinition } from './openapi/to-route-definitions.js';
import { toInvalidExamples, toMissingShippedExamples } from './openapi/example-checks.js';
import { checkScenarios, checkSoundParts } from './scenarios/check-scenarios.js';
import { toIgnoredFieldWarnings } from './scenarios/ignored-field-warnings.js';
import { toCredentialLessWarnings } from './scenarios/credential-less-warnings.js';
import { toTemplateTextWarnings } from './scenarios/template-text-warnings.js';
import { toTokenUserWarnings } from './scenarios/token-user-warnings.js';
import { toUnknownTokenWarnings } from './scenarios/unknown-token-warnings.js';
import { readScenarios, throwIfProblems, toReplacementNotice } from './scenarios/load-scenarios.js';
import { withPositions } from './scenarios/problem-positions.js';
import { openScenarioParseCache } from './scenarios/scenario-parse-cache.js';
import { BUILD_SNAPSHOT_DIR } from './snapshots/build-snapshot.js';
import { checkStartScenario } from './scenarios/start-scenario.js';
import { toEmptyScenariosDirWarnings } from './scenarios/empty-scenarios-dir.js';
import { prepareToClosePromptly } from './server/close-promptly.js';
import { OneLineLogController } from './server/one-line-log-controller.js';
import { toFastifyLogging } from './server/lazy-child-logger.js';
import { createSandboxLogger } from './server/sandbox-logger.js';
import {
  continueWithinBodyLimit,
  readRestOfRefusedBody,
  refuseConnectMethod,
  refuseUnframedRequests,
  refuseUnknownExpectation,
  toRequestTimeoutFault,
  toServerLimitOptions,
} from './server/server-limits.js';
import { toForeignAdminHint } from './admin/foreign-admin-paths.js';
import { toEmptyIdInDelete, withoutAdminTrailingSlash } from './admin/admin-trailing-slash.js';
import { MemoryStateStore } from './state/memory-state-store.js';
import { SURFACE_IDS, toFactorKinds, toSurface, toUserIdRules, type SurfaceId } from './surfaces/registry.js';
import { surfacePlugin } from './server/surface-plugin.js';
import { lazySchemaCompilers } from './server/lazy-schema-compilers.js';
import { createRouteMethodIndex } from './server/route-methods.js';
import { createSurfaceEngine, toBehaviourMismatch } from './pipeline/surface-engine.js';
import { createPathCaseFolder } from './pipeline/path-case.js';
import { toEmptySessionHint, toSandboxPathHint, withoutSessionPrefix } from './pipeline/session-prefix.js';
import { explainUnknownRoute, type MountedOperation } from './pipeline/near-misses.js';
import { EXPLAIN_HEADER, prefersExplanation, toExplainHeader } from './pipeline/refusal-explanations.js';

/** What a started sandbox exposes besides HTTP: used by the CLI (`check`, `scenarios`) and in-process tests. */
export interface Sandbox {
  app: FastifyInstance;
  sessions: SessionRegistry;
  specs: ReadonlyMap<SurfaceId, LoadedSpec<SurfaceId>>;
  /** Things worth saying at start, e.g. the surfaces that lack the server's scenario (the CLI prints them). */
  warnings: string[];
  /** What the start did that an operator should hear of but is no problem (a PostgreSQL schema created or upgraded). */
  notes: string[];
  /** Where the sandbox logs (undefined at `--log-level silent`); not `app.log`, which above info logs nothing. */
  logger: FastifyBaseLogger | undefined;
  /** The path each surface is served under: `/flashback`, or `''` for a server of one surface (`--surface`). */
  prefixes: ReadonlyMap<SurfaceId, string>;
}

/**
 * Load and check specs and scenarios (the shipped ones, then the user's own, which add and override) without starting
 * anything. Throws a SpecError for a spec it cannot read or answer from (every problem of an edited copy with its file
 * and pointer), then ScenarioProblems listing every scenario problem with its file and pointer, or a ConfigError for a
 * `--scenario` no surface has; `warnings` name the shipped scenarios the user's own replace, the settings a scenario's
 * surface never reads, and the surfaces that lack the server's scenario.
 */
export async function loadSandboxDefinition(config: Config, options: { checkEveryExample?: boolean } = {}) {
  const surfaces = config.surface ? [config.surface] : [...SURFACE_IDS];
  const specs = new Map<SurfaceId, LoadedSpec<SurfaceId>>();
  for (const surface of surfaces) specs.set(surface, await loadSpec(config.specsDir, surface));
  const routes = new Map([...specs].map(([surface, spec]) => [surface as string, toRouteDefinitions(spec.api)]));
  const dirs = config.scenariosDir === undefined ? [SHIPPED_SCENARIOS_DIR] : [SHIPPED_SCENARIOS_DIR, config.scenariosDir];
  const cache = config.cacheDir === undefined ? undefined : openScenarioParseCache(config.cacheDir, dirs);
  const { catalogue, problems, soundParts, replacements } = await readScenarios(dirs, surfaces, BUILD_SNAPSHOT_DIR, cache);
  cache?.save();
  // A spec whose operations its surface's handlers do not match (an operationId renamed in a copy under --specs)
  // would stop the start: `check` lists it with the rest.
  const mismatches = [...specs].flatMap(([surface, spec]): SpecProblem[] => {
    const mismatch = toBehaviourMismatch(routes.get(surface)!, toSurface(surface).behaviour);
    return mismatch === undefined ? [] : [{ file: spec.file, pointer: '', reason: mismatch }];
  });
  // The specs first, as an unreadable one is: the scenarios are checked against them.
  const examplesChecked = options.checkEveryExample || config.specsDir !== DEFAULT_CONFIG.specsDir;
  throwIfSpecProblems([...mismatches, ...(examplesChecked ? await checkEditedSpecExamples(specs, routes) : [])]);
  const allProblems = withPositions([...problems, ...checkSoundParts(soundParts, routes), ...checkScenarios(catalogue, routes, FALLBACK_SCENARIO)]);
  // Found before the problems are thrown, so that `check` shows the other files' warnings with the problems, not once
  // those are fixed. A file's own wait for its fix (as the README says): a file that does not load changes nothing yet.
  const withProblems = new Set(allProblems.map((problem) => problem.file));
  const fieldWarnings = withPositions([
    ...toIgnoredFieldWarnings(catalogue),
    ...toCredentialLessWarnings(catalogue),
    ...toUnknownTokenWarnings(catalogue),
    ...toTemplateTextWarnings(catalogue),
    ...toTokenUserWarnings(catalogue),
  ]).filter((warning) => !withProblems.has(warning.file));
  const replaced = replacements.filter((replacement) => !withProblems.has(replacement.file));
  const fileWarnings = [...replaced.map(toReplacementNotice), ...fieldWarnings.map((warning) => warning.message)];
  throwIfProblems(allProblems, fileWarnings);
  const warnings = [
    ...fileWarnings,
    ...toEmptyScenariosDirWarnings(config.scenariosDir, catalogue, surfaces),
    ...checkStartScenario(catalogue, config.scenario, FALLBACK_SCENARIO),
  ];
  return { specs, routes, catalogue, warnings };
}

/**
 * The response examples of specs given with --specs that the sandbox could not answer with: one its own schema refuses,
 * or a name of the shipped spec's that the copy lost. The shipped specs are held to both by their tests, so only an
 * edited copy is checked here at every start and reload (~130 ms for the four); `check` checks every spec, so a
 * contributor who edits `specs/` hears of an example its schema refuses there too, not only from the spec test.
 */
async function checkEditedSpecExamples(
  specs: ReadonlyMap<SurfaceId, LoadedSpec<SurfaceId>>,
  routes: ReadonlyMap<string, RouteDefinition[]>,
): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [];
  for (const [surface, spec] of specs) {
    const shipped = toRouteDefinitions((await loadSpec(DEFAULT_CONFIG.specsDir, surface)).api);
    const edited = routes.get(surface)!;
    for (const { pointer, message } of [...toInvalidExamples(edited), ...toMissingShippedExamples(edited, shipped)])
      problems.push({ file: spec.file, pointer, reason: message });
  }
  return problems;
}

/**
 * The paths of the surfaces whose vendor routes them in any letter case (`anyCaseRoutes`: nest-auth, on Express),
 * written in their spec's letter case before routing (createPathCaseFolder); any other URL as it is.
 */
function toPathCaseFolding(specs: ReadonlyMap<SurfaceId, LoadedSpec<SurfaceId>>, prefixes: ReadonlyMap<SurfaceId, string>): (url: string) => string {
  const folders = [...specs]
    .filter(([surface]) => toSurface(surface).behaviour.anyCaseRoutes === true)
    .map(([surface, spec]) => createPathCaseFolder(prefixes.get(surface)!, Object.keys(spec.api.paths ?? {})));
  return folders.reduce<(url: string) => string>(
    (folded, fold) => (url) => fold(folded(url)),
    (url) => url,
  );
}

/** What composes the app besides its (serialisable) Config: live objects such as the clock. */
export interface BuildOptions {
  /** Where sessions take their time from; the wall clock by default. Tests pass a controlled clock instead of sleeping. */
  clock?: Clock;
  /**
   * What outlives this app (`serve --watch` builds a new app per good version of the specs and scenarios): the
   * session store, which the app then uses but never closes, so sessions survive a reload; the first version's logger
   * (one log stream, not one per version); when the first version started (the health route's uptime); who waits
   * on which session (a long-poll or event stream begun before a reload hears of what happens after it), and the
   * request ids, numbered on across versions.
   */
  shared?: { store: SessionStore; logger?: FastifyBaseLogger; startedAt?: number; watchers?: SessionWatchers; nextRequestId?: () => string };
  /**
   * Deliver every answer as it is: no scenario's or request's latency, dropped or broken answer (default true). Pact
   * verification turns them off: a pact cannot state a dropped connection, so they could only fail it at random.
   */
  faults?: boolean;
}

/**
 * The session store the config asks for: the embedded memory store, or PostgreSQL (connected and migrated now, so a
 * database that cannot be reached stops the start with a clear error). Idle sessions expire on the sandbox's clock, so
 * a test that moves it past the TTL sees them go.
 */
export async function createSessionStore(config: Config, clock: Clock = systemClock): Promise<SessionStore> {
  const now = () => clock.now();
  const limits = { ttlMs: config.sessionTtlMs, maxEntries: config.maxSessions, logSize: config.journalSize, now };
  if (config.stateUrl === undefined) return new MemoryStateStore<SessionState, JournalRecord>({ ...limits, newLog: sessionJournals() });
  // Loaded only when asked for: a memory-only start (the default) does not pay for the PostgreSQL client.
  const { PostgresStateStore } = await import('./postgres/postgres-state-store.js');
  return PostgresStateStore.connect<SessionState, JournalRecord>({ url: config.stateUrl, redactedUrl: toRedactedStateUrl(config.stateUrl), ...limits });
}

/** Fastify could not read the body (empty or broken JSON, an unsupported media type); one over the limit stays a 413. */
function isUnreadableBody(error: FastifyError): boolean {
  return typeof error.code === 'string' && error.code.startsWith('FST_ERR_CTP_') && error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE';
}

function toFault(error: FastifyError, request: FastifyRequest, bodyLimitBytes: number): SandboxError {
  if (isSandboxError(error) || error instanceof StateUnavailableError) return toSandboxFault(error);
  // Fastify says only "Request body is too large": name the limit and how to raise it (a large session file's import).
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new SandboxError(
      'MOCK_ERR_BODY_TOO_LARGE',
      `The request body is larger than the sandbox's limit of ${bodyLimitBytes} bytes (serve --body-limit <bytes>, MFA_SANDBOX_BODY_LIMIT_BYTES)`,
    );
  // curl -d sends a form: say what to send instead of Fastify's bare "Unsupported Media Type", in the words (and, on
  // the admin API, with the code) readAdminJsonBodies gives a text/plain body.
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const mediaType = describeContentType(request.headers['content-type']);
    const code = request.url.startsWith('/__admin/') ? 'MOCK_ERR_BAD_ADMIN_REQUEST' : 'MOCK_ERR_BAD_REQUEST';
    return new SandboxError(code, `Send the body as JSON, with Content-Type: application/json (got ${mediaType})`);
  }
  if (error.statusCode && error.statusCode < 500) {
    return new SandboxError(request.url.startsWith('/__admin/') ? 'MOCK_ERR_BAD_ADMIN_REQUEST' : 'MOCK_ERR_BAD_REQUEST', error.message);
  }
  return new SandboxError('MOCK_ERR_INTERNAL', 'The sandbox failed while answering this request; see its log');
}

/**
 * Some of `count` sessions by name, quoted (a session id may hold any character), and how many more.
 *
 * @example
 * toNamedSessions(12, ['qa-1', 'qa-2']) // '"qa-1", "qa-2" and 10 more'
 */
function toNamedSessions(count: number, names: string[]): string {
  const listed = names.map((name) => JSON.stringify(name)).join(', ');
  return count > names.length ? `${listed} and ${count - names.length} more` : listed;
}

/**
 * Forget idle sessions; a database that is down now is logged, and the next sweep tries again. A store that cannot
 * tell of each session it forgets (PostgreSQL forgets in SQL) has the count logged and some of them named, so a
 * vanished session is no mystery.
 */
function sweepSessions(log: FastifyBaseLogger, sessions: SessionRegistry, config: Pick<Config, 'sessionTtlMs' | 'maxSessions'>): void {
  const tell = ({ expired, evicted, named }: SweptKeys) => {
    if (sessions.tellsForgotten) return;
    const said = (count: number, names: string[] = []) =>
      `${count} session(s) forgotten by this replica's sweep${names.length === 0 ? '' : ` (${toNamedSessions(count, names)})`}:`;
    if (expired > 0) {
      log.info(
        { forgotten: expired, why: 'expired', sessions: named?.expired },
        `${said(expired, named?.expired)} idle longer than --session-ttl ${config.sessionTtlMs / 1000} s`,
      );
    }
    // At warn, as the memory store's evictions: a CI log at --log-level warn tells why a test's session lost its setup.
    if (evicted > 0) {
      log.warn(
        { forgotten: evicted, why: 'evicted', sessions: named?.evicted },
        `${said(evicted, named?.evicted)} the least recently used beyond --max-sessions ${config.maxSessions} (watched ones are leased and kept); ` +
          'a client still using one starts again in the default scenario',
      );
    }
  };
  // An outage is told once, when it starts (by the store's availability listener): a sweep it stops is one line more.
  const failed = (error: unknown) =>
    error instanceof StateUnavailableError ? log.info(`session sweep skipped (${error.message})`) : log.warn({ err: error }, 'session sweep failed');
  try {
    const swept = sessions.sweep();
    if (swept instanceof Promise) swept.then(tell, failed);
    else tell(swept);
  } catch (error) {
    failed(error);
  }
}

/**
 * The composition root: specs, scenarios, the state store, every surface and the admin API, on one Fastify app.
 * Never listens: main.ts/cli.ts do that, tests use `app.inject`.
 *
 * @example
 * const { app } = await buildApp(loadConfig({}));
 * const res = await app.inject({ url: '/flashback/mfa/status', headers: { authorization: 'Bearer flashback-token-ada' } });
 * // on a controlled clock: const { sessions } = await buildApp(config, { clock: createControlledClock(Date.UTC(2026, 0, 1)) });
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<Sandbox> {
  const { specs, catalogue, warnings } = await loadSandboxDefinition(config);
  const clock = options.clock ?? systemClock;
  const { shared } = options;
  const store = shared?.store ?? (await createSessionStore(config, clock));
  const sessions = new SessionRegistry({
    store,
    catalogue,
    defaultScenario: config.scenario,
    clock,
    userIdRules: toUserIdRules(specs.keys()),
    factorKinds: toFactorKinds(specs.keys()),
    ...(shared?.watchers ? { watchers: shared.watchers } : {}),
  });

  // One logger for every version of a watched server (a new one per reload would open a new transport each time).
  const logger = shared?.logger ?? createSandboxLogger(config);
  const prefixes = new Map([...specs.keys()].map((surface) => [surface, config.surface ? '' : `/${surface}`]));
  const foldPathCase = toPathCaseFolding(specs, prefixes);
  const app = Fastify({
    ...toFastifyLogging(logger),
    // `/s/<session>/` in front of any URL chooses the session by URL alone: the router sees the URL without it, the
    // pipeline reads it from the URL as received (request.originalUrl). One character compared when there is none.
    // An admin path's trailing slash is dropped too (withoutAdminTrailingSlash), and a vendor path of a surface routed
    // in any letter case is written in its spec's (toPathCaseFolding).
    rewriteUrl: (request) => foldPathCase(withoutAdminTrailingSlash(withoutSessionPrefix(toOriginForm(request)), request.method ?? 'GET')),
    logController: new OneLineLogController(),
    ...(shared?.nextRequestId ? { genReqId: shared.nextRequestId } : {}),
    // While closing (SIGTERM), a request that still arrives on a kept-alive connection (its client reused the socket of
    // an answer sent just before) is answered as usual, and Fastify closes that connection after it; by default it got
    // a bare `{"error":"Service Unavailable"}` 503 that a client could take for the vendor's.
    return503OnClosing: false,
    schemaController: lazySchemaCompilers(),
    ...toServerLimitOptions(config, logger),
  });
  const log = logger ?? app.log;
  // First, so their hooks run before every other (the admin guard included) and also for the 404 and error answers.
  refuseUnframedRequests(app);
  refuseConnectMethod(app.server);
  refuseUnknownExpectation(app.server);
  continueWithinBodyLimit(app.server, config.bodyLimitBytes);
  const closePromptly = prepareToClosePromptly(app.server);
  app.addHook('preClose', (done) => {
    closePromptly();
    done();
  });
  registerCors(app, config.cors);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // A body Fastify could not read (an empty JSON body, as nest-auth's client sends to logout) sent to no route: the
    // route is what is wrong, so it gets the not-found answer with its near misses.
    if (request.is404 && isUnreadableBody(error)) {
      answerRouteNotFound(request, reply);
      return;
    }
    // Ended by the request timeout while its body arrived: the client got the 408, so the journal and log say 408.
    const fault = toRequestTimeoutFault(request.raw, config) ?? toFault(error, request, config.bodyLimitBytes);
    if (fault.code === 'MOCK_ERR_BODY_TOO_LARGE') readRestOfRefusedBody(request, reply);
    if (fault.code === 'MOCK_ERR_INTERNAL') request.log.error({ err: error }, 'unexpected error');
    // On a vendor route, the pipeline answers it and journals it in the request's session.
    const refuse = fault.code === 'MOCK_ERR_INTERNAL' ? undefined : transportRefusalOf(request);
    if (refuse) return refuse(request, reply, fault)?.then(() => reply);
    // The URL as the client sent it, session prefix included, as the engine's own faults name it.
    sendError(reply, fault, request.originalUrl);
  });
  // Every surface operation where it is mounted (filled in below): an unknown route names the closest ones.
  const operations: MountedOperation[] = [];
  // The admin routes' methods (filled in as they are registered): a wrong method there is a 405 naming the right one.
  const adminRouteMethods = createRouteMethodIndex();
  app.addHook('onRoute', (route) => {
    if (route.url === '/__admin' || route.url.startsWith('/__admin/')) adminRouteMethods.add(route.url, route.method);
  });
  const answerRouteNotFound = (request: FastifyRequest, reply: FastifyReply) => {
    // Near misses are router paths; a client that sent a session prefix (/s/<session>/) gets them under it.
    const { originalUrl, url } = request;
    const path = url.split('?')[0]!;
    const emptyId = toEmptyIdInDelete(url, request.method);
    if (emptyId) return sendError(reply, emptyId, originalUrl);
    const allowedMethods = adminRouteMethods.methodsAt(path);
    if (allowedMethods.length > 0) {
      // The sandbox's own API answers a wrong method as HTTP says (RFC 9110 §15.5.6): 405 with Allow. Vendor routes
      // keep their 404 below, as the vendors' routers answer it.
      // A WireMock habit that lands on one of ours (PUT /__admin/scenarios/{name}/state) says where it lives here too.
      const foreignHint = toForeignAdminHint(request.method, path);
      const fault = new SandboxError(
        'MOCK_ERR_METHOD_NOT_ALLOWED',
        `${request.method} is not a method of ${originalUrl.split('?')[0]}; this path takes ${allowedMethods.join(', ')}`,
        { allowedMethods, ...(foreignHint === undefined ? {} : { hint: foreignHint }) },
      );
      reply.header('allow', allowedMethods.join(', '));
      sendError(reply, fault, originalUrl);
      return;
    }
    // A person who opens the server's root in a browser (no surface is served at `/`) gets the page listing the docs
    // and the console, not a problem+json; an API client's GET / (no text/html) keeps its 404.
    if (request.method === 'GET' && originalUrl === '/' && !config.surface && (request.headers.accept ?? '').includes('text/html')) {
      void reply.redirect(`${toForwardedPrefix(request.headers)}/docs`, 302);
      return;
    }
    const sessionPrefix = originalUrl.endsWith(url) ? originalUrl.slice(0, originalUrl.length - url.length) : '';
    const explanation = explainUnknownRoute(operations, request.method, url, sessionPrefix);
    const hint = toForeignAdminHint(request.method, path) ?? toEmptySessionHint(originalUrl) ?? toSandboxPathHint(originalUrl);
    const fault = new SandboxError('MOCK_ERR_ROUTE_NOT_FOUND', `No route ${request.method} ${originalUrl.split('?')[0]} in the sandbox`, {
      surfaces: [...specs.keys()].map((surface) => (config.surface ? '/' : `/${surface}`)),
      admin: '/__admin',
      nearMisses: explanation.nearMisses,
      ...(hint === undefined ? {} : { hint }),
    });
    if (prefersExplanation(request.headers)) reply.header(EXPLAIN_HEADER, toExplainHeader(explanation));
    sendError(reply, fault, originalUrl);
  };
  app.setNotFoundHandler(answerRouteNotFound);

  // The guard (loopback only by default, admin token when set) wraps every admin route in its own context.
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', createAdminGuard({ access: config.adminAccess, token: config.adminToken, cors: config.cors }));
      readAdminJsonBodies(admin);
      admin.addHook('preParsing', decodeContentEncoding);
      await admin.register(adminRoutes, { sessions, specs, prefixes, startedAt: shared?.startedAt ?? clock.now(), version: readPackageVersion() });
    },
    { prefix: '/__admin' },
  );

  // The specs themselves: byte for byte as written, and as JSON (the same document, $refs and extensions kept) for a
  // client generator or a language without a YAML parser. /docs/<surface>/json is the Swagger UI's copy, changed for it.
  app.get('/specs/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const spec = [...specs.values()].find((candidate) => file.startsWith(`${candidate.surface}.openapi.`));
    if (spec && file === `${spec.surface}.openapi.yaml`) return reply.header('content-type', 'application/yaml; charset=utf-8').send(spec.source);
    if (spec && file === `${spec.surface}.openapi.json`)
      return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(spec.document));
    throw new SandboxError('MOCK_ERR_ROUTE_NOT_FOUND', `No spec ${file}`, {
      specs: [...specs.keys()].flatMap((id) => [`/specs/${id}.openapi.yaml`, `/specs/${id}.openapi.json`]),
    });
  });

  // Swagger UI per surface (/docs/<surface>) and the QA console (/__console); both read files lazily, on request.
  await app.register(docsRoutes, { prefix: '/docs', specs, prefixes, catalogue, defaultScenario: config.scenario });
  await app.register(
    async (qaConsole) => {
      qaConsole.addHook('onRequest', createConsoleGuard(config.adminAccess));
      await qaConsole.register(consoleRoutes);
    },
    { prefix: '/__console' },
  );

  for (const [surface, spec] of specs) {
    const routes = createSurfaceEngine({
      spec,
      behaviour: toSurface(surface).behaviour,
      sessions,
      validateResponses: config.validateResponses,
      dynamic: config.dynamic,
      magicLinkUrl: config.magicLinkUrl,
      faults: options.faults ?? true,
    });
    const prefix = prefixes.get(surface)!;
    for (const route of routes)
      operations.push({ surface, operationId: route.operationId, method: route.method.toUpperCase(), path: `${prefix}${route.path}`, prefix });
    await app.register(surfacePlugin, { prefix, routes, contentEncodings: toSurface(surface).behaviour.contentEncodings });
  }

  const sweeper = setInterval(() => sweepSessions(log, sessions, config), Math.min(config.sessionTtlMs, 60_000));
  sweeper.unref();
  // A session that vanished on its own is otherwise a mystery to the team that used it: say which and why.
  // Eviction at warn, CI's level: a session pushed out while its test still ran fails that test in ways that read as
  // app bugs (a platform team's tour, 8 workers on --max-sessions 4); idle ones going past the TTL is the normal course.
  const stopTellingForgotten = sessions.onForgotten((id, why) => {
    if (why === 'evicted') {
      // Watched sessions are kept: with many, the session going may be one just used, which "least recently used" hid.
      const watched = sessions.watchedSessionCount;
      const kept = watched > 0 ? ` not watched (${watched} watched, by event streams, consoles or outbox waits, are kept meanwhile)` : '';
      log.warn(
        { session: id, why, ...(watched > 0 ? { watched } : {}) },
        `session "${id}" forgotten: the least recently used${kept} beyond --max-sessions ${config.maxSessions}; a client still using it starts again in the default scenario`,
      );
    } else log.info({ session: id, why }, `session "${id}" forgotten: idle longer than --session-ttl ${config.sessionTtlMs / 1000} s`);
  });
  // An outage and its end show once each, at warn (a quiet deployment's level): requests only log `-> 503`.
  const stopTellingAvailability = sessions.onStateAvailabilityChange((available, reason) => {
    if (available) log.warn(`the ${sessions.storeKind} state store is reachable again`);
    else log.warn(`the ${sessions.storeKind} state store cannot be reached (${reason ?? 'no reason given'}): requests answer 503 until it is back`);
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    stopTellingForgotten();
    stopTellingAvailability();
    if (!shared) await sessions.close(); // a shared store belongs to whoever shares it
  });
  // A shared store is the caller's: it says what the store's start did (serve --watch, once for every version).
  const notes = !shared && store.startNote ? [store.startNote] : [];
  return { app, sessions, specs, warnings, notes, logger, prefixes };
}
