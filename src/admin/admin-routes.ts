import type { FastifyInstance, FastifyReply } from 'fastify';
import { SandboxError, toSandboxFault } from '../errors.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import { expireMagicLink, findMagicLink, toLinkBase } from '../engine/magic-links.js';
import { SESSION_ID_PATTERN, SESSION_ID_RULE, type SessionRegistry, type SessionState } from '../engine/session-registry.js';
import { setUserLocked } from '../engine/set-user-locked.js';
import { setSessionSeed } from '../engine/seeded-draws.js';
import { changeSessionClock, viewSessionClock, type SessionClock } from '../engine/session-clock.js';
import { listTotpCodes } from '../engine/current-totp-codes.js';
import { toOverrideName } from '../engine/override-misses.js';
import type { World } from '../engine/world.js';
import type { LoadedSpec } from '../openapi/load-spec.js';
import { toSessionCookie } from '../pipeline/session-cookie.js';
import { followMagicLink, peekMagicLink } from '../pipeline/magic-link-page.js';
import {
  filterJournal,
  toJournalExpectations,
  toJournalFilter,
  toIncompleteJournalNote,
  verifyJournal,
  type JournalVerification,
  type JournalVocabulary,
} from '../engine/journal-query.js';
import { checkJournalUsers, toSessionUsers } from '../engine/journal-users.js';
import { addSessionOverride, clearSessionOverrides, removeSessionOverride, sessionOverridesOf } from '../engine/session-overrides.js';
import { toCheckedOverride, toJournalVocabulary, toRoutesBySurface, type RoutesBySurface } from '../pipeline/check-override.js';
import { exportSession, importSession } from '../pipeline/session-files.js';
import { toPasskeySurfaces, type SurfaceId } from '../surfaces/registry.js';
import { exportPasskeys, importPasskey } from '../engine/passkey-sharing.js';
import { readServedAdminSpec, toAdminSpecJson } from './served-admin-spec.js';
import { toSessionClockChange } from './session-clock-request.js';
import { isDynamicSeed, MAX_DYNAMIC_SEED } from '../pipeline/request-context.js';
import { checkSessionFileSchema } from './session-file-check.js';
import { toAdminBody, toWrongValue } from './admin-body.js';
import { outboxRoutes } from './outbox-routes.js';
import { providerStateRoutes } from './provider-state-routes.js';
import { toServedSurfaceOf } from './served-surface.js';
import { toEmptyIdInDelete } from './admin-trailing-slash.js';

const adminSpec = readServedAdminSpec();

export interface AdminRoutesOptions {
  sessions: SessionRegistry;
  specs: ReadonlyMap<SurfaceId, LoadedSpec<SurfaceId>>;
  /** URL prefix each surface is mounted under ('' when one surface is served at `/`). */
  prefixes: ReadonlyMap<SurfaceId, string>;
  /** When the app was built, on the sessions' clock (so uptime is the sandbox's own time, never below zero). */
  startedAt: number;
  /** The package version the health answer names. */
  version: string;
}

function sessionIdOf(params: unknown): string {
  const id = (params as { id: string }).id;
  if (!SESSION_ID_PATTERN.test(id)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `session ids ${SESSION_ID_RULE}`);
  return id;
}

/**
 * A session to read: any valid id names one (a session is created on first use, by a vendor request or a read alike),
 * with its current world of every surface built and saved, so a read right after a scenario switch or of a new id
 * shows the state the next vendor request meets (a world built only for the read would hold other secrets and codes).
 */
async function readSession<R>(sessions: SessionRegistry, params: unknown, read: (session: SessionState, worlds: World[]) => R): Promise<R> {
  return sessions.update(sessionIdOf(params), (session) => read(session, sessions.worldsForReading(session)));
}

/**
 * What makes a session exist, for the 404 of a change to one that does not. Reading its journal, overrides, outbox,
 * clock or seed makes none (a mistyped id in a CI check must not push a session out): "or was read" misled a QA tour.
 */
const UNKNOWN_SESSION_HINT =
  'a session exists once it made a request, chose a scenario or took a change, or once GET /__admin/sessions/{id}, its totp-codes, passkeys, export or events were read';

/** A change to a session that must exist already; an unknown id is a 404 fault. */
async function changeExistingSession<R>(sessions: SessionRegistry, params: unknown, change: (session: SessionState) => R): Promise<R> {
  const id = sessionIdOf(params);
  const changed = await sessions.changeExisting(id, (session) => ({ value: change(session) }));
  if (!changed) throw new SandboxError('MOCK_ERR_UNKNOWN_SESSION', `No session "${id}" (${UNKNOWN_SESSION_HINT})`);
  return changed.value;
}

/**
 * The 404 of a journal verification for a session the sandbox does not hold: its journal was empty, so "never called"
 * held for a mistyped id, or for a session forgotten (idle past the TTL, pushed out by the cap) with its requests (a
 * platform team's tour). It names the sessions the id is a typo away from, and makes no session.
 */
async function unknownSessionToVerify(sessions: SessionRegistry, id: string): Promise<SandboxError> {
  const meant = toDidYouMean(id, await sessions.ids());
  return new SandboxError(
    'MOCK_ERR_UNKNOWN_SESSION',
    `No session "${id}"${meant} to verify: it made no request and took no change, or was forgotten with its journal ` +
      '(idle past --session-ttl, or pushed out by --max-sessions), so no count of its requests can be trusted; to check ' +
      'that a client makes no request, make its session first (GET /__admin/sessions/{id}, or choose its scenario)',
  );
}

function worldsOf(session: SessionState): World[] {
  return Object.values(session.worlds);
}

const SCENARIO_USAGE = 'body must be {"scenario": "<name>", "surface"?: "<surface>"}';

/** A session's clock as the admin API answers it. */
function toClockAnswer(session: string, clock: SessionClock | undefined, baseMs: number) {
  const view = viewSessionClock(clock, baseMs);
  return { session, now: new Date(view.nowMs).toISOString(), ...view };
}

/** A verification result as the admin API lists it: what was expected, what was counted and the entries shown. */
function withoutVerdict({ expectation, actual, entries, entriesOmitted }: JournalVerification) {
  return { expectation, actual, entries, ...(entriesOmitted === undefined ? {} : { entriesOmitted }) };
}

/** A journal `limit`: digits only, so `limit=` (empty), `limit=1e2` or `limit=0x10` are refused, not read as numbers. */
function toJournalLimit(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) {
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `limit must be an integer from 0 to 999999999, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

/**
 * The sandbox's own control API under /__admin (after WireMock's admin routes): surfaces, scenarios, sessions,
 * journal, outbox and QA helpers. Faults are problem+json; nothing here ever looks like a vendor response.
 */
export async function adminRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  const { sessions, specs, prefixes } = options;
  const toServedSurface = toServedSurfaceOf(specs);
  // Each surface's operations (what an override may script and the surfaces list shows), derived on first use.
  let routesBySurface: RoutesBySurface | undefined;
  const overrideRoutes = () => (routesBySurface ??= toRoutesBySurface(specs));
  let journalVocabulary: JournalVocabulary | undefined;
  const vocabulary = () => (journalVocabulary ??= toJournalVocabulary(overrideRoutes(), sessions.catalogue, prefixes));

  // The front door: the start banner names /__admin, so it answers with where everything is.
  app.get('/', async () => ({
    name: 'mfa-sandbox admin API',
    openapi: '/__admin/openapi.yaml',
    links: {
      health: '/__admin/health',
      ready: '/__admin/ready',
      surfaces: '/__admin/surfaces',
      scenarios: '/__admin/scenarios',
      sessions: '/__admin/sessions',
      console: '/__console/',
      docs: '/docs',
      specs: [...specs.keys()].map((surface) => `/specs/${surface}.openapi.yaml`),
    },
  }));

  // This API's own contract (specs/sandbox/admin.openapi.yaml), for tools and the console.
  app.get('/openapi.yaml', async (_request, reply) => reply.header('content-type', 'application/yaml; charset=utf-8').send(adminSpec));
  let adminSpecJson: string | undefined;
  app.get('/openapi.json', async (_request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send((adminSpecJson ??= toAdminSpecJson(adminSpec))),
  );

  // Also asks the state store, so a replica whose database is down reports 503 to its load balancer.
  app.get('/health', async () => ({
    status: 'ok',
    version: options.version,
    surfaces: [...specs.keys()],
    sessions: await sessions.count(),
    state: sessions.storeKind,
    uptimeSeconds: Math.max(0, Math.round((sessions.clock.now() - options.startedAt) / 1000)),
  }));

  // The same check as /health without what it tells (the guard lets every client in): a load balancer's readiness.
  // Its 503 names no database either (the store's own message shows its user, host, port and name): that is for
  // /health, behind the token, and the log.
  app.get('/ready', async () => {
    try {
      await sessions.count();
    } catch (error) {
      if (toSandboxFault(error).code !== 'MOCK_ERR_STATE_UNAVAILABLE') throw error;
      throw new SandboxError(
        'MOCK_ERR_STATE_UNAVAILABLE',
        'The session store cannot be reached; GET /__admin/health (with the admin token) and the log say why',
        {
          retryable: true,
        },
      );
    }
    return { status: 'ok' };
  });

  app.get('/surfaces', async () =>
    [...specs.values()].map((spec) => ({
      id: spec.surface,
      title: spec.document.info.title,
      version: spec.document.info.version,
      prefix: prefixes.get(spec.surface) || '/',
      spec: `/specs/${spec.surface}.openapi.yaml`,
      scenarios: [...(sessions.catalogue.get(spec.surface)?.keys() ?? [])],
      operations: (overrideRoutes().get(spec.surface) ?? []).map((route) => ({
        operationId: route.operationId,
        method: route.method.toUpperCase(),
        path: route.path,
        responses: [...route.responses].map(([status, response]) => ({
          status,
          examples: [...response.examples.keys()],
          // What each example is, in the spec's words: the QA console lists `Error1016` as "Phone Number Not Found".
          ...(response.exampleSummaries.size > 0 ? { summaries: Object.fromEntries(response.exampleSummaries) } : {}),
        })),
      })),
    })),
  );

  app.get('/scenarios', async () =>
    Object.fromEntries(
      [...sessions.catalogue].map(([surface, scenarios]) => [
        surface,
        [...scenarios.values()].map(({ name, description, overrides }) => ({ name, description, overrides: overrides.length })),
      ]),
    ),
  );

  // One scenario's overrides, named as a journal entry's `override` and `overrideMisses` name them.
  app.get('/scenarios/:surface/:name', async (request) => {
    const params = request.params as { surface: string; name: string };
    const scenario = sessions.scenario(toServedSurface(params.surface), params.name);
    return {
      surface: scenario.surface,
      name: scenario.name,
      description: scenario.description,
      overrides: scenario.overrides.map((override) => ({ name: toOverrideName(override, scenario), ...override })),
    };
  });

  app.get('/sessions', async () => {
    const toSummary = (id: string, session: SessionState | undefined, requests: number) =>
      session && { id, createdAt: session.createdAt, scenarios: session.scenarios, requests };
    // The memory store answers at once, so no promise is made per session there: two each cost ~50 ms at 10,000
    // sessions, a pause of every other request each time an open console reads the list again (every 5 s).
    const listed: Array<ReturnType<typeof toSummary>> = [];
    const reads: Array<Promise<void>> = [];
    for (const id of await sessions.ids()) {
      const session = sessions.read(id);
      const requests = sessions.journalLength(id);
      if (!(session instanceof Promise) && !(requests instanceof Promise)) {
        listed.push(toSummary(id, session, requests));
        continue;
      }
      const at = listed.push(undefined) - 1;
      reads.push(Promise.all([session, requests]).then(([read, count]) => void (listed[at] = toSummary(id, read, count))));
    }
    await Promise.all(reads);
    // A session another replica forgot between the listing and the read is left out.
    return listed.filter((entry) => entry !== undefined);
  });

  app.get('/sessions/:id', async (request) =>
    readSession(sessions, request.params, (session) => ({
      id: session.id,
      createdAt: session.createdAt,
      defaultScenario: sessions.defaultScenario,
      scenarios: session.scenarios,
      worlds: session.worlds,
    })),
  );

  app.put('/sessions/:id/scenario', async (request) => {
    const id = sessionIdOf(request.params);
    const body = toAdminBody(request.body, ['scenario', 'surface'], SCENARIO_USAGE);
    if (typeof body.scenario !== 'string') throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `scenario ${toWrongValue(body.scenario)}; ${SCENARIO_USAGE}`);
    const { scenario } = body;
    // An unknown surface is refused by useScenario itself (MOCK_ERR_UNKNOWN_SURFACE), inside the unit of work.
    const surface = body.surface as string | undefined;
    const { surfaces, defaulted } = await sessions.change(id, (session) => sessions.useScenario(session, scenario, surface));
    return { session: id, scenario, surfaces, defaulted };
  });

  app.delete('/sessions/:id', async (request, reply) => {
    await sessions.reset(sessionIdOf(request.params));
    return reply.code(204).send();
  });

  app.post('/reset', async (request, reply) => {
    const forgotten = await sessions.resetAll();
    // At warn, CI's level: on a sandbox shared by parallel test workers, a reset is what makes the others' sessions
    // start again from the default scenario, and their failures read as app bugs (a platform team's tour).
    if (forgotten > 0)
      request.log.warn({ forgotten }, `admin reset: ${forgotten} session${forgotten === 1 ? '' : 's'} forgotten, each starts again in the default scenario`);
    return reply.code(204).send();
  });

  app.get('/sessions/:id/journal', async (request) => {
    const query = request.query as Record<string, unknown>;
    const limit = toJournalLimit(query.limit);
    const filter = toJournalFilter(query, '', ['limit'], vocabulary(), true);
    // An unknown session has an empty journal, and is not made by reading it: a mistyped id in a CI check must not
    // take a place under --max-sessions (the least recently used session, one QA set up, made room for it).
    const id = sessionIdOf(request.params);
    if (Object.keys(filter).length === 0) return sessions.journal(id, limit);
    const entries = await sessions.journal(id);
    if (filter.user !== undefined) {
      const session = await sessions.read(id);
      checkJournalUsers(
        [filter],
        () => '/user',
        () => toSessionUsers(sessions.catalogue, session, entries, sessions.userKey),
      );
    }
    // Filters first, then the last `limit` of what they kept.
    const kept = filterJournal(entries, filter);
    return limit === undefined ? kept : kept.slice(Math.max(0, kept.length - limit));
  });

  // WireMock's DELETE /__admin/requests, for one session: the state stays, the requests so far are forgotten.
  app.delete('/sessions/:id/journal', async (request, reply) => {
    await sessions.clearJournal(sessionIdOf(request.params));
    return reply.code(204).send();
  });

  // Call-count assertions on the journal (WireMock's verify): 200 when every expectation holds, else 409 listing each
  // broken one with its actual count and the entries it counted.
  app.post('/sessions/:id/journal/verify', async (request) => {
    const id = sessionIdOf(request.params);
    const expectations = toJournalExpectations(request.body, vocabulary());
    const session = await sessions.read(id);
    if (!session) throw await unknownSessionToVerify(sessions, id);
    const [entries, dropped] = await Promise.all([sessions.journal(id), sessions.journalDropped(id)]);
    if (expectations.some((expectation) => expectation.user !== undefined)) {
      const pointerOf = (index: number) => (Array.isArray(request.body) ? `/${index}/user` : '/user');
      checkJournalUsers(expectations, pointerOf, () => toSessionUsers(sessions.catalogue, session, entries, sessions.userKey));
    }
    const results = verifyJournal(entries, expectations, dropped);
    const failures = results.flatMap((result, index) =>
      result.holds ? [] : [{ index, ...withoutVerdict(result), ...(result.incomplete ? { incomplete: true } : {}) }],
    );
    if (failures.length > 0) {
      const undecided = failures.filter((failure) => failure.incomplete).length;
      const note = undecided > 0 ? `; ${undecided} of them cannot be decided: ${toIncompleteJournalNote(sessions.journalSize)}` : '';
      throw new SandboxError('MOCK_ERR_VERIFICATION_FAILED', `${failures.length} of ${results.length} expectation(s) did not hold${note}`, { failures });
    }
    return { results: results.map(withoutVerdict) };
  });

  // Runtime scripted answers of one session (issue 17): checked against the spec when added, applied before the
  // scenario's overrides, on this session only.
  app.post('/sessions/:id/overrides', async (request, reply) => {
    const id = sessionIdOf(request.params);
    const override = toCheckedOverride(request.body, overrideRoutes());
    const stored = await sessions.change(id, (session) => addSessionOverride(session, override, new Date(sessions.clock.now()).toISOString()));
    return reply.code(201).send(stored);
  });

  app.get('/sessions/:id/overrides', async (request) => {
    const session = await sessions.read(sessionIdOf(request.params)); // an unknown session has none, and is not made
    return session ? sessionOverridesOf(session) : [];
  });

  app.delete('/sessions/:id/overrides', async (request, reply) => {
    await sessions.changeExisting(sessionIdOf(request.params), (session) => clearSessionOverrides(session));
    return reply.code(204).send();
  });

  app.delete('/sessions/:id/overrides/:overrideId', async (request, reply) => {
    const id = sessionIdOf(request.params);
    const { overrideId } = request.params as { overrideId: string };
    if (overrideId === '') throw toEmptyIdInDelete(request.url)!;
    const removed = await sessions.changeExisting(id, (session) => removeSessionOverride(session, overrideId));
    // A session that is gone took its overrides with it: say so, or a test's cleanup reads as a mistyped override id.
    if (removed === undefined) {
      throw new SandboxError(
        'MOCK_ERR_UNKNOWN_OVERRIDE',
        `No override "${overrideId}" in session "${id}": the sandbox holds no session "${id}" (never made, or deleted, reset or forgotten since, with its overrides)`,
      );
    }
    if (!removed) throw new SandboxError('MOCK_ERR_UNKNOWN_OVERRIDE', `No override "${overrideId}" in session "${id}"`);
    return reply.code(204).send();
  });

  // List, search, wait for (long-poll) and stream (server-sent events) the session's outbox: admin/outbox-routes.ts.
  outboxRoutes(app, { sessions, surfaces: [...specs.keys()] });
  providerStateRoutes(app, { sessions, prefixes });

  // QA helper: what each authenticator shows right now, for enrolled devices and setups waiting for their first code,
  // so a flow can be walked without a phone.
  app.get('/sessions/:id/totp-codes', async (request) =>
    readSession(sessions, request.params, (session, worlds) => listTotpCodes(worlds, sessions.nowOf(session))),
  );

  // Passkeys shared with a browser's virtual authenticator (Playwright's context.credentials): exported in its shape,
  // imported from it.
  const passkeySurfaces = toPasskeySurfaces(specs.keys());
  app.get('/sessions/:id/passkeys', async (request) => {
    const { surface, user } = request.query as { surface?: unknown; user?: unknown };
    if (user !== undefined && (typeof user !== 'string' || user === '')) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', 'user must be one user id');
    const selection = { ...(surface === undefined ? {} : { surface: toServedSurface(surface) }), ...(user === undefined ? {} : { user }) };
    return sessions.update(sessionIdOf(request.params), (session) => exportPasskeys(sessions, session, passkeySurfaces, selection));
  });

  app.post('/sessions/:id/passkeys', async (request) => {
    const id = sessionIdOf(request.params);
    const surface = (request.body as { surface?: unknown } | undefined)?.surface;
    if (surface !== undefined) toServedSurface(surface);
    const imported = await sessions.change(id, (session) => importPasskey(sessions, session, passkeySurfaces, request.body, sessions.nowOf(session)));
    return { session: id, ...imported };
  });

  // Following a magic link from the outbox activates it, as the vendor's own page would. A person opens it in a
  // browser, so every answer is an HTML page with the right status (as the spec declares), even for a link whose
  // session id is malformed or unknown: a problem+json would show a browser raw JSON.
  // A HEAD (a link checker, an e-mail scanner) gets the status and headers the link would, and changes nothing.
  app.route({
    method: ['GET', 'HEAD'],
    url: '/sessions/:id/magic-links/:token',
    exposeHeadRoute: false,
    handler: async (request, reply: FastifyReply) => {
      const { id, token } = request.params as { id: string; token: string };
      const page = await (request.method === 'HEAD' ? peekMagicLink : followMagicLink)(sessions, id, token);
      // The browser that followed the link stays in the session (and a scenario the request chose) the link was sent in:
      // the app's next requests from that browser, without a prefix or header, reach the state the link just changed.
      if (page.keepBrowserIn && request.method === 'GET') reply.header('set-cookie', toSessionCookie(id, page.keepBrowserIn.scenario));
      // A page of text and its own inline style: nothing else may run or load in it, nor frame it.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      return reply.code(page.status).header('content-type', 'text/html; charset=utf-8').send(page.html);
    },
  });

  app.post('/sessions/:id/magic-links/:token/expire', async (request) => {
    const { token } = request.params as { token: string };
    const expired = await changeExistingSession(sessions, request.params, (session) => {
      const world = worldsOf(session).find((candidate) => findMagicLink(candidate, token));
      return world !== undefined && expireMagicLink(world, token, sessions.nowOf(session));
    });
    if (!expired) throw new SandboxError('MOCK_ERR_UNKNOWN_MAGIC_LINK', `No magic link "${token}" in session "${sessionIdOf(request.params)}"`);
    return { token, expired: true };
  });

  // QA helper: one session's own time (frozen or moved), so expiries and code windows are reproduced without waiting.
  app.get('/sessions/:id/clock', async (request) => {
    const id = sessionIdOf(request.params);
    return toClockAnswer(id, (await sessions.read(id))?.clock, sessions.clock.now());
  });

  app.put('/sessions/:id/clock', async (request) => {
    const id = sessionIdOf(request.params);
    const change = toSessionClockChange(request.body);
    return sessions.change(id, (session) => {
      const baseMs = sessions.clock.now();
      const clock = changeSessionClock(session.clock, change, baseMs);
      session.clock = clock;
      return toClockAnswer(id, clock, baseMs);
    });
  });

  app.delete('/sessions/:id/clock', async (request) => {
    const id = sessionIdOf(request.params);
    await sessions.changeExisting(id, (session) => void delete session.clock);
    return toClockAnswer(id, undefined, sessions.clock.now());
  });

  // QA helper: the seed of the session's `Prefer: dynamic=true` answers, so generated bodies repeat.
  app.get('/sessions/:id/seed', async (request) => {
    const id = sessionIdOf(request.params);
    return { session: id, seed: (await sessions.read(id))?.seed ?? null };
  });

  app.put('/sessions/:id/seed', async (request) => {
    const id = sessionIdOf(request.params);
    const usage = `body must be {"seed": <integer from 0 to ${MAX_DYNAMIC_SEED}> | null}`;
    const { seed } = toAdminBody(request.body, ['seed'], usage);
    // null, as GET answers a session without one: none (each dynamic answer takes a fresh seed), as DELETE leaves it.
    if (seed === null) {
      await sessions.changeExisting(id, (session) => setSessionSeed(session, undefined));
      return { session: id, seed: null };
    }
    if (!isDynamicSeed(seed)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `seed ${toWrongValue(seed)}; ${usage}`);
    await sessions.change(id, (session) => setSessionSeed(session, seed));
    return { session: id, seed };
  });

  app.delete('/sessions/:id/seed', async (request) => {
    const id = sessionIdOf(request.params);
    await sessions.changeExisting(id, (session) => setSessionSeed(session, undefined));
    return { session: id, seed: null };
  });

  // A session as a file, for a ticket: imported into another sandbox, it answers as this one did.
  app.get('/sessions/:id/export', async (request, reply) => {
    const id = sessionIdOf(request.params);
    const file = await exportSession(sessions, id);
    return reply.header('content-disposition', `attachment; filename="mfa-sandbox-session-${id}.json"`).send(file);
  });

  app.post('/sessions/:id/import', async (request) =>
    importSession(sessions, sessionIdOf(request.params), request.body, {
      checkSchema: checkSessionFileSchema,
      routes: overrideRoutes(),
      // The links then open on this sandbox, as the ones it sends do (the file may come from another machine).
      linkBase: toLinkBase(request.headers),
    }),
  );

  // QA helper: lock a user now, so each vendor's "account locked" answer can be reproduced without waiting.
  app.put('/sessions/:id/users/:userId/lock', async (request) => {
    const id = sessionIdOf(request.params);
    const { userId } = request.params as { userId: string };
    const usage = 'body must be {"locked": true|false, "surface"?: "<surface>"}';
    const body = toAdminBody(request.body, ['locked', 'surface'], usage);
    if (typeof body.locked !== 'boolean') throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `locked ${toWrongValue(body.locked)}; ${usage}`);
    if (body.surface !== undefined && (typeof body.surface !== 'string' || !specs.has(body.surface as SurfaceId))) {
      throw new SandboxError(
        'MOCK_ERR_UNKNOWN_SURFACE',
        `No surface ${JSON.stringify(body.surface)}${typeof body.surface === 'string' ? toDidYouMean(body.surface, specs.keys()) : ''}`,
        { known: [...specs.keys()] },
      );
    }
    const surfaces = body.surface === undefined ? [...specs.keys()] : [body.surface as SurfaceId];
    const locked = body.locked;
    const worlds = await sessions.change(id, (session) => setUserLocked(sessions, session, userId, locked, surfaces));
    // The id as the worlds hold it (a Lerian UUID in lower case, whatever case it was sent in).
    return { session: id, userId: sessions.userKey(worlds[0]!.surface, userId), locked: body.locked, worlds };
  });
}
