import { readFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dereference, validate } from '@readme/openapi-parser';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { parse } from 'yaml';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { createAnswerChecker, operationsOf, toServerSentEvents, type Answer, type OperationEntry } from '../harness/openapi-answer-check.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * The admin API answers only what specs/sandbox/admin.openapi.yaml (served at /__admin/openapi.yaml) declares. Every
 * route gets valid and invalid requests (bad path ids, bad query values, bad and missing bodies, wrong content types,
 * unknown sessions, users, tokens, scenarios and surfaces, no admin token, a client off this machine) and every answer,
 * faults and HTML pages included, is checked against the spec: status, content type, body and declared headers.
 * An answer the spec does not declare fails, and so does a route the spec lacks or an operation no case reaches.
 */

const OFF_MACHINE = '203.0.113.7';
const ADMIN_TOKEN = 'admin-contract-token-0123456789';
const ADA = { authorization: 'Bearer flashback-token-ada' };

let open: TestSandbox;
let guarded: TestSandbox;
let operations: OperationEntry[];
let checkAnswer: (operationId: string, answer: Answer) => string[];
/** Per operation, the statuses seen, so a route no case reaches (or never sees refused) fails the suite. */
const seen = new Map<string, Set<number>>();

beforeAll(async () => {
  open = await createTestSandbox();
  guarded = await createTestSandbox({ adminToken: ADMIN_TOKEN });
  const source = (await open.app.inject({ url: '/__admin/openapi.yaml' })).body;
  const document = parse(source) as OpenApiDocument;
  expect((await validate(structuredClone(document) as never)).valid).toBe(true);
  const dereferenced = (await dereference(structuredClone(document) as never)) as OpenApiDocument;
  operations = operationsOf(dereferenced);
  checkAnswer = createAnswerChecker(dereferenced);
});
afterAll(async () => {
  await open.close();
  await guarded.close();
});

type AdminRequest = Omit<InjectOptions, 'url'> & { url: string };

/** Send one admin request, check its answer against the spec and the expected status, and record it. */
async function expectAnswer(operationId: string, request: AdminRequest, status: number, app: FastifyInstance = open.app) {
  const response = await app.inject({ ...request, url: `/__admin${request.url}` } as InjectOptions);
  const what = `${request.method ?? 'GET'} ${request.url} (${operationId})`;
  expect(checkAnswer(operationId, response), what).toEqual([]);
  expect(response.statusCode, `${what}: ${response.body}`).toBe(status);
  // The project's rule beyond the spec: a problem+json is always a marked sandbox error, never a 5xx here.
  if (String(response.headers['content-type']).startsWith('application/problem+json')) expect(response.headers['x-mock-error'], what).toBe('true');
  expect(response.statusCode, what).toBeLessThan(500);
  if (!seen.has(operationId)) seen.set(operationId, new Set());
  seen.get(operationId)!.add(response.statusCode);
  return response;
}

const json = (method: 'PUT' | 'POST' | 'DELETE', url: string, payload: unknown): AdminRequest => ({
  method,
  url,
  payload: JSON.stringify(payload),
  headers: { 'content-type': 'application/json' },
});
const raw = (method: 'PUT' | 'POST' | 'DELETE', url: string, contentType: string, payload: string): AdminRequest => ({
  method,
  url,
  payload,
  headers: { 'content-type': contentType },
});

/** The routes Fastify registered under /__admin, as `METHOD /path/{param}` (HEAD, which Fastify adds to GETs, aside). */
function registeredAdminRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = line.match(/^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = path;
    if (!match[3] || !path.startsWith('/__admin/')) continue;
    for (const method of match[3].split(', '))
      if (method !== 'HEAD') routes.push(`${method} ${path.slice('/__admin'.length).replace(/:([A-Za-z]+)/g, '{$1}')}`);
  }
  return routes.sort();
}

describe('admin API contract', () => {
  it('serves exactly the routes its spec declares', () => {
    const declared = operations.map((operation) => `${operation.method} ${operation.path}`).sort();
    expect(registeredAdminRoutes(open.app)).toEqual(declared);
    expect(declared.length).toBeGreaterThan(10);
  });

  it('every route answers valid and invalid requests within its spec', async () => {
    const session = 'admin-contract';
    const other = 'admin-contract-other';
    const send = () => open.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', session, scenario: 'mfa-enabled', headers: ADA });
    await send();
    await open.request({ url: '/flashback/mfa/status', session: other, headers: ADA });
    // A TOTP setup started and not verified: listed as pending, without a factor id.
    await open.request({ method: 'POST', url: '/flashback/mfa/setup', session, headers: ADA, payload: { mfaType: 'GOOGLE_AUTH' } });
    const totp = await expectAnswer('getTotpCodes', { url: `/sessions/${session}/totp-codes` }, 200);
    expect(totp.json().map((entry: { scenario: string; status: string }) => `${entry.scenario}:${entry.status}`)).toEqual([
      'default:pending',
      'mfa-enabled:enrolled',
    ]);

    // Catalogue: no inputs, so only valid requests here (the refusals are the admin guard's, below).
    const spec = await expectAnswer('getAdminSpec', { url: '/openapi.yaml' }, 200);
    expect(spec.body).toContain('operationId: getAdminSpec');
    // Its JSON twin, as each vendor spec has one: the same document.
    const specJson = await expectAnswer('getAdminSpecJson', { url: '/openapi.json' }, 200);
    expect(specJson.json()).toEqual(parse(spec.body));
    const health = await expectAnswer('getHealth', { url: '/health' }, 200);
    expect((await expectAnswer('getReadiness', { url: '/ready' }, 200)).json()).toEqual({ status: 'ok' });
    // The release each replica runs, for a rolling upgrade: the package's own version.
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(health.json().version).toBe(version);
    // The start banner prints /__admin: with and without the slash, an index of where everything is.
    for (const url of ['', '/']) {
      const index = await expectAnswer('getAdminIndex', { url }, 200);
      expect(index.json().links.specs).toEqual([
        '/specs/flashback.openapi.yaml',
        '/specs/nest-auth.openapi.yaml',
        '/specs/lerian.openapi.yaml',
        '/specs/genauth.openapi.yaml',
      ]);
    }
    const { openapi, links } = (await open.app.inject({ url: '/__admin' })).json<{ openapi: string; links: Record<string, string | string[]> }>();
    for (const path of [openapi, ...Object.values(links).flat()]) expect((await open.app.inject({ url: path })).statusCode, path).toBe(200);
    await expectAnswer('getHealth', { url: '/health', headers: { 'content-type': 'application/json' }, payload: '{broken' }, 200); // a GET's body is never read
    await expectAnswer('listSurfaces', { url: '/surfaces' }, 200);
    const catalogue = (await expectAnswer('listScenarios', { url: '/scenarios' }, 200)).json<Record<string, Array<{ name: string; overrides: number }>>>();
    // Every scenario of every surface, its overrides named as the journal names them.
    for (const [surface, scenarios] of Object.entries(catalogue)) {
      for (const { name, overrides } of scenarios) {
        const detail = (await expectAnswer('getScenario', { url: `/scenarios/${surface}/${name}` }, 200)).json();
        expect(detail.overrides.map((override: { name: string }) => override.name)).toEqual(
          Array.from({ length: overrides }, (_, index) => `${name}#/overrides/${index}`),
        );
      }
    }
    expect(
      Object.values(catalogue)
        .flat()
        .filter(({ overrides }) => overrides > 0).length,
    ).toBeGreaterThan(0);
    await expectAnswer('getScenario', { url: '/scenarios/flashback/no-such-scenario' }, 422);
    await expectAnswer('getScenario', { url: '/scenarios/flashbak/mfa-enabled' }, 404);
    await expectAnswer('listSessions', { url: '/sessions' }, 200);

    // A session and its QA views: any well-formed id reads as a session (a new one in the default scenario, as its next
    // request would meet it); malformed ids are a 400.
    for (const [operationId, suffix] of [
      ['getSession', ''],
      ['getJournal', '/journal'],
      ['getOutbox', '/outbox'],
      ['getTotpCodes', '/totp-codes'],
    ] as const) {
      await expectAnswer(operationId, { url: `/sessions/${session}${suffix}` }, 200);
      await expectAnswer(operationId, { url: `/sessions/never-seen${suffix}` }, 200);
      await expectAnswer(operationId, { url: `/sessions/has%20space${suffix}` }, 400);
      await expectAnswer(operationId, { url: `/sessions/${'x'.repeat(129)}${suffix}` }, 400);
    }
    await expectAnswer('getSession', { url: '/sessions/...' }, 200); // three dots are an id like any other
    for (const limit of ['0', '3', '100000']) await expectAnswer('getJournal', { url: `/sessions/${session}/journal?limit=${limit}` }, 200);
    for (const limit of ['', '-1', 'abc', '1.5', '1e2', '0x10', ' 5', '9999999999']) {
      await expectAnswer('getJournal', { url: `/sessions/${session}/journal?limit=${encodeURIComponent(limit)}` }, 400);
    }
    await expectAnswer('getJournal', { url: `/sessions/${session}/journal?limit=1&limit=2` }, 400);
    for (const filter of [
      'surface=flashback',
      'operationId=sendMagicLink&status=200',
      'scenario=mfa-enabled&limit=1',
      'since=2026-01-01T00:00:00Z&until=4102444800000',
      'method=post&path=/flashback/mfa/*',
      `requestBody=${encodeURIComponent('{}')}`,
    ]) {
      await expectAnswer('getJournal', { url: `/sessions/${session}/journal?${filter}` }, 200);
    }
    for (const filter of [
      'status=2xx',
      'since=tomorrow',
      'since=2026-02-30T00:00:00Z',
      'until=2026-04-31',
      'surface=',
      'colour=red',
      'status=200&status=401',
      'path=mfa',
      'requestBody=%7B',
    ]) {
      await expectAnswer('getJournal', { url: `/sessions/${session}/journal?${filter}` }, 400);
    }

    // Verifying call counts: holds (200), broken (409), malformed (400).
    const verifyUrl = `/sessions/${session}/journal/verify`;
    await expectAnswer('verifyJournal', json('POST', verifyUrl, { operationId: 'sendMagicLink', atLeast: 1 }), 200);
    await expectAnswer(
      'verifyJournal',
      json('POST', verifyUrl, [
        { operationId: 'sendMagicLink', count: 1 },
        { status: 599, count: 0 },
      ]),
      200,
    );
    await expectAnswer(
      'verifyJournal',
      json('POST', verifyUrl, [
        { operationId: 'sendMagicLink', count: 0 },
        { surface: 'flashback', atMost: 0 },
      ]),
      409,
    );
    for (const body of [{}, [], { count: 'one' }, { count: 1, atMost: 1 }, { count: 1, colour: 'red' }, null, 'count']) {
      await expectAnswer('verifyJournal', json('POST', verifyUrl, body), 400);
    }
    await expectAnswer('verifyJournal', raw('POST', verifyUrl, 'application/json', '{"count":'), 400);
    await expectAnswer('verifyJournal', { method: 'POST', url: '/sessions/has%20space/journal/verify' }, 400);
    // Emptied last: the requests above stay for what follows in this session.
    await expectAnswer('clearJournal', { method: 'DELETE', url: '/sessions/never-seen-journal/journal' }, 204);
    await expectAnswer('clearJournal', { method: 'DELETE', url: '/sessions/has%20space/journal' }, 400);

    // Runtime overrides: added (201), listed, refused (422 with pointers, 400 for a body that is no override at all),
    // removed one by one (204, then 404) and all at once (204, idempotent).
    const overridesUrl = `/sessions/${session}/overrides`;
    const added = await expectAnswer(
      'addSessionOverride',
      json('POST', overridesUrl, { surface: 'flashback', operationId: 'getMFAStatus', status: 500, times: 1 }),
      201,
    );
    await expectAnswer('addSessionOverride', json('POST', overridesUrl, { surface: 'lerian', operationId: '*', latencyMs: 1 }), 201);
    await expectAnswer('listSessionOverrides', { url: overridesUrl }, 200);
    await expectAnswer('listSessionOverrides', { url: '/sessions/never-seen/overrides' }, 200);
    await expectAnswer('listSessionOverrides', { url: '/sessions/has%20space/overrides' }, 400);
    for (const body of [
      { surface: 'okta', operationId: 'getMFAStatus' },
      { surface: 'flashback', operationId: 'nope', status: 500 },
      { surface: 'flashback', operationId: 'getMFAStatus', status: 418 },
      { surface: 'flashback', operationId: 'getMFAStatus', body: { success: 1 } },
      { surface: 'flashback', operationId: 'getMFAStatus', times: 0, status: 500 },
      {},
    ]) {
      await expectAnswer('addSessionOverride', json('POST', overridesUrl, body), 422);
    }
    for (const body of [null, [], 'getMFAStatus']) await expectAnswer('addSessionOverride', json('POST', overridesUrl, body), 400);
    await expectAnswer('addSessionOverride', raw('POST', overridesUrl, 'application/json', '{"operationId":'), 400);
    await expectAnswer('addSessionOverride', json('POST', '/sessions/has%20space/overrides', { operationId: 'getMFAStatus', status: 500 }), 400);
    const overrideId = added.json<{ id: string }>().id;
    await expectAnswer('removeSessionOverride', { method: 'DELETE', url: `${overridesUrl}/${overrideId}` }, 204);
    await expectAnswer('removeSessionOverride', { method: 'DELETE', url: `${overridesUrl}/${overrideId}` }, 404);
    await expectAnswer('removeSessionOverride', { method: 'DELETE', url: '/sessions/has%20space/overrides/ov-1' }, 400);
    await expectAnswer('clearSessionOverrides', { method: 'DELETE', url: overridesUrl }, 204);
    await expectAnswer('clearSessionOverrides', { method: 'DELETE', url: '/sessions/never-seen-either/overrides' }, 204);
    await expectAnswer('clearSessionOverrides', { method: 'DELETE', url: '/sessions/has%20space/overrides' }, 400);

    await expectAnswer('getOutbox', { url: `/sessions/${session}/outbox?surface=flashback` }, 200);
    await expectAnswer('getOutbox', { url: `/sessions/${session}/outbox?surface=okta` }, 404);
    const searched = await expectAnswer(
      'getOutbox',
      { url: `/sessions/${session}/outbox?to=ADA@example.com&subject=MAGIC&contains=link&limit=1&after=0` },
      200,
    );
    expect(searched.json()).toHaveLength(1);
    for (const query of ['contains=qr', 'channel=fax', 'limit=-1', 'after=x', 'colour=red', 'to=', 'to=a&to=b', 'userId=']) {
      await expectAnswer('getOutbox', { url: `/sessions/${session}/outbox?${query}` }, 400);
    }

    // Waiting for the next message (long-poll): there at once (200), none in time (204), refused (400, 404).
    const nextUrl = `/sessions/${session}/outbox/next`;
    await expectAnswer('waitForOutboxMessage', { url: `${nextUrl}?contains=link&after=0&timeoutMs=0` }, 200);
    await expectAnswer('waitForOutboxMessage', { url: `${nextUrl}?contains=code&timeoutMs=0` }, 204);
    for (const query of ['timeoutMs=60001', 'timeoutMs=abc', 'timeoutMs=1e3', 'contains=qr', 'colour=red', 'after=-1', 'to=a&to=b']) {
      await expectAnswer('waitForOutboxMessage', { url: `${nextUrl}?${query}` }, 400);
    }
    await expectAnswer('waitForOutboxMessage', { url: `${nextUrl}?surface=okta&timeoutMs=0` }, 404);
    await expectAnswer('waitForOutboxMessage', { url: '/sessions/has%20space/outbox/next?timeoutMs=0' }, 400);

    // The event stream (refusals by inject; the stream itself on a real port: it never ends by itself).
    for (const url of [`/sessions/${session}/events?after=x`, `/sessions/${session}/events?colour=red`, '/sessions/has%20space/events']) {
      await expectAnswer('streamSessionEvents', { url }, 400);
    }
    const base = await open.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = new AbortController();
    const events = await fetch(`${base}/__admin/sessions/${session}/events?after=0`, { signal: stream.signal });
    const reader = events.body!.getReader();
    let text = '';
    const readUntil = async (done: (received: string) => boolean) => {
      while (!done(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil((received) => received.includes('event: outbox'));
    await open.request({ url: '/flashback/mfa/status', session, headers: ADA }); // journalled: a journal event
    await readUntil((received) => received.includes('event: journal') && received.endsWith('\n\n'));
    stream.abort();
    const streamed = { statusCode: events.status, headers: Object.fromEntries(events.headers), body: text };
    expect(checkAnswer('streamSessionEvents', streamed)).toEqual([]);
    expect(toServerSentEvents(text).map((event) => event.event)).toEqual(['ready', 'outbox', 'journal']);
    seen.set('streamSessionEvents', new Set([...(seen.get('streamSessionEvents') ?? []), events.status]));

    // Magic links: follow one (HTML page), then every way a link can be wrong, still as HTML pages.
    const [first] = (await open.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json<Array<{ token: string }>>();
    await expectAnswer('followMagicLink', { url: `/sessions/${session}/magic-links/${first!.token}` }, 200);
    await expectAnswer('followMagicLink', { url: `/sessions/${session}/magic-links/${first!.token}` }, 400); // used
    for (const token of ['unknown-token', 'constructor', '__proto__', 'toString']) {
      await expectAnswer('followMagicLink', { url: `/sessions/${session}/magic-links/${token}` }, 400);
    }
    await expectAnswer('followMagicLink', { url: `/sessions/never-seen/magic-links/${first!.token}` }, 400);
    await expectAnswer('followMagicLink', { url: `/sessions/has%20space/magic-links/${first!.token}` }, 400);
    await expectAnswer('followMagicLink', { url: `/sessions/${other}/magic-links/${first!.token}` }, 400); // another session's link

    await send();
    const messages = (await open.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json<Array<{ token: string }>>();
    const second = messages.at(-1)!.token;
    for (const token of ['unknown-token', 'constructor', '__proto__']) {
      const unknown = await expectAnswer('expireMagicLink', { method: 'POST', url: `/sessions/${session}/magic-links/${token}/expire` }, 404);
      expect(unknown.json().code).toBe('MOCK_ERR_UNKNOWN_MAGIC_LINK'); // as an unknown override is
    }
    // Reading its journal makes no session (a typo in a CI check must not push one out), and the 404 says which reads do.
    expect((await open.app.inject({ url: '/__admin/sessions/never-used/journal' })).statusCode).toBe(200);
    const neverUsed = await expectAnswer('expireMagicLink', { method: 'POST', url: `/sessions/never-used/magic-links/${second}/expire` }, 404);
    expect(neverUsed.json().detail).toBe(
      'No session "never-used" (a session exists once it made a request, chose a scenario or took a change, or once GET /__admin/sessions/{id}, its totp-codes, passkeys, export or events were read)',
    );
    await expectAnswer('expireMagicLink', { method: 'POST', url: `/sessions/has%20space/magic-links/${second}/expire` }, 400);
    await expectAnswer('expireMagicLink', raw('POST', `/sessions/${session}/magic-links/${second}/expire`, 'application/json', '{broken'), 400);
    await expectAnswer('expireMagicLink', { method: 'POST', url: `/sessions/${session}/magic-links/${second}/expire` }, 200);
    await expectAnswer('followMagicLink', { url: `/sessions/${session}/magic-links/${second}` }, 400); // expired

    // Switching scenarios: bodies of every wrong shape, unknown names and surfaces, wrong content types.
    const scenarioUrl = `/sessions/${session}/scenario`;
    await expectAnswer('setSessionScenario', json('PUT', scenarioUrl, { scenario: 'org-enforced' }), 200);
    await expectAnswer('setSessionScenario', json('PUT', scenarioUrl, { scenario: 'default', surface: 'lerian' }), 200);
    await expectAnswer('setSessionScenario', json('PUT', '/sessions/brand-new-session/scenario', { scenario: 'mfa-enabled' }), 200);
    await expectAnswer('setSessionScenario', json('PUT', scenarioUrl, { scenario: 'nope' }), 422);
    await expectAnswer('setSessionScenario', json('PUT', scenarioUrl, { scenario: 'org-enforced', surface: 'lerian' }), 422); // lerian has none
    await expectAnswer('setSessionScenario', json('PUT', scenarioUrl, { scenario: 'default', surface: 'okta' }), 404);
    for (const body of [{}, { scenario: 5 }, { surface: 'lerian' }, { scenario: 'default', extra: 1 }, { name: 'default' }, 'default', ['default'], null]) {
      await expectAnswer('setSessionScenario', json('PUT', scenarioUrl, body), 400);
    }
    await expectAnswer('setSessionScenario', { method: 'PUT', url: scenarioUrl }, 400);
    await expectAnswer('setSessionScenario', raw('PUT', scenarioUrl, 'application/json', ''), 400);
    await expectAnswer('setSessionScenario', raw('PUT', scenarioUrl, 'application/json', '{"scenario":'), 400);
    await expectAnswer('setSessionScenario', raw('PUT', scenarioUrl, 'text/plain', 'default'), 400);
    await expectAnswer('setSessionScenario', raw('PUT', scenarioUrl, 'application/xml', '<scenario>default</scenario>'), 400);
    await expectAnswer('setSessionScenario', json('PUT', '/sessions/has%20space/scenario', { scenario: 'default' }), 400);

    // Locking users: unknown users and surfaces, bodies of the wrong shape.
    const lockUrl = `/sessions/${session}/users/usr_ada/lock`;
    await expectAnswer('setUserLocked', json('PUT', lockUrl, { locked: true }), 200);
    await expectAnswer('setUserLocked', json('PUT', lockUrl, { locked: false, surface: 'flashback' }), 200);
    await expectAnswer('setUserLocked', json('PUT', `/sessions/${session}/users/usr_nobody/lock`, { locked: true }), 404);
    await expectAnswer('setUserLocked', json('PUT', `/sessions/${session}/users/constructor/lock`, { locked: true }), 404);
    await expectAnswer('setUserLocked', json('PUT', lockUrl, { locked: true, surface: 'okta' }), 404);
    for (const body of [{}, { locked: 'yes' }, { locked: 1 }, { locked: true, user: 'usr_bob' }, true, null])
      await expectAnswer('setUserLocked', json('PUT', lockUrl, body), 400);
    // A value written as text, as by hand in curl: named, with what to write instead.
    expect((await expectAnswer('setUserLocked', json('PUT', lockUrl, { locked: 'true' }), 400)).json().detail).toBe(
      'locked is "true" ("true" is text: write true without quotes); body must be {"locked": true|false, "surface"?: "<surface>"}',
    );
    await expectAnswer('setUserLocked', raw('PUT', lockUrl, 'text/plain', 'locked'), 400);
    await expectAnswer('setUserLocked', raw('PUT', lockUrl, 'application/json', '{"locked":'), 400);
    await expectAnswer('setUserLocked', json('PUT', '/sessions/has%20space/users/usr_ada/lock', { locked: true }), 400);

    // A session's own clock: every move, then refusals that change nothing.
    const clockUrl = `/sessions/${session}/clock`;
    await expectAnswer('getSessionClock', { url: clockUrl }, 200);
    await expectAnswer('getSessionClock', { url: '/sessions/has%20space/clock' }, 400);
    for (const body of [
      { frozen: true },
      { advanceMs: 30_000 },
      { at: '2026-01-01T00:00:00Z' },
      { at: 1_767_225_600_000, frozen: false },
      { offsetMs: -60_000 },
    ])
      await expectAnswer('setSessionClock', json('PUT', clockUrl, body), 200);
    const clockBefore = (await open.app.inject({ url: `/__admin${clockUrl}` })).json();
    for (const body of [
      {},
      { frozen: 'yes' },
      { at: '2026-01-01' },
      { at: 'tomorrow' },
      { at: '2026-02-30T00:00:00Z' }, // no such day (V8 reads it as 2 March)
      { at: 1.5 },
      { offsetMs: 1e300 },
      { advanceMs: 1, offsetMs: 1 },
      { at: -1 },
      { at: '9999-12-31T23:59:59Z', advanceMs: 1 },
      { at: 253_402_300_800_000 },
      { speed: 2 },
      [],
      null,
    ])
      await expectAnswer('setSessionClock', json('PUT', clockUrl, body), 400);
    await expectAnswer('setSessionClock', raw('PUT', clockUrl, 'application/json', '{"frozen":'), 400);
    // An integer too large for JSON to hold exactly is refused as such (it read "must be an integer ..., got <an integer>").
    expect((await expectAnswer('setSessionClock', raw('PUT', clockUrl, 'application/json', '{"offsetMs":9007199254740993}'), 400)).json().detail).toContain(
      'offsetMs must be an integer number of ms, got 9007199254740992, beyond the integers JSON holds exactly',
    );
    expect((await open.app.inject({ url: `/__admin${clockUrl}` })).json().offsetMs).toBeCloseTo(clockBefore.offsetMs, -3); // nothing changed
    await expectAnswer('resetSessionClock', { method: 'DELETE', url: clockUrl }, 200);
    await expectAnswer('resetSessionClock', { method: 'DELETE', url: '/sessions/has%20space/clock' }, 400);

    // The seed of the session's dynamic answers: set, read, refused, cleared.
    const seedUrl = `/sessions/${session}/seed`;
    await expectAnswer('getSessionSeed', { url: seedUrl }, 200);
    await expectAnswer('getSessionSeed', { url: '/sessions/has%20space/seed' }, 400);
    for (const body of [{ seed: 0 }, { seed: 4_294_967_295 }, { seed: 7 }]) await expectAnswer('setSessionSeed', json('PUT', seedUrl, body), 200);
    for (const body of [{}, { seed: -1 }, { seed: 1.5 }, { seed: '7' }, { seed: 4_294_967_296 }, { seed: 7, seeds: [1] }, [], null])
      await expectAnswer('setSessionSeed', json('PUT', seedUrl, body), 400);
    await expectAnswer('setSessionSeed', raw('PUT', seedUrl, 'application/json', '{"seed":'), 400);
    expect((await expectAnswer('setSessionSeed', json('PUT', seedUrl, { seed: '7' }), 400)).json().detail).toMatch(
      /^seed is "7" \("7" is text: write 7 without quotes\); body must be \{"seed": <integer from 0 to 4294967295> \| null\}$/,
    );
    expect((await open.app.inject({ url: `/__admin${seedUrl}` })).json().seed).toBe(7); // nothing changed
    // null, as GET shows a session without a seed, clears it.
    expect((await expectAnswer('setSessionSeed', json('PUT', seedUrl, { seed: null }), 200)).json()).toEqual({ session, seed: null });
    expect((await open.app.inject({ url: `/__admin${seedUrl}` })).json().seed).toBeNull();
    await expectAnswer('clearSessionSeed', { method: 'DELETE', url: seedUrl }, 200);
    await expectAnswer('clearSessionSeed', { method: 'DELETE', url: '/sessions/has%20space/seed' }, 400);

    // Session files: exported as the spec's SessionFile, imported back; a broken file or body is refused.
    const exported = await expectAnswer('exportSession', { url: `/sessions/${session}/export` }, 200);
    await expectAnswer('exportSession', { url: '/sessions/has%20space/export' }, 400);
    await expectAnswer('importSession', json('POST', `/sessions/${session}-copy/import`, exported.json()), 200);
    for (const body of [
      {},
      { ...exported.json(), version: 9 },
      { format: 'mfa-sandbox-session', version: 1, session: { id: 'x', scenarios: { flashback: 'nope' }, worlds: {} } },
      null,
    ])
      await expectAnswer('importSession', json('POST', `/sessions/${session}-copy/import`, body), 422);
    await expectAnswer('importSession', raw('POST', `/sessions/${session}-copy/import`, 'application/json', '{"format":'), 400);
    await expectAnswer('importSession', json('POST', '/sessions/has%20space/import', exported.json()), 400);

    // Passkeys in Playwright's credentials shape: exported (a scenario's passkey has its private key), imported back,
    // and every way an import can be wrong.
    const passkeySession = 'admin-contract-passkeys';
    const passkeysUrl = `/sessions/${passkeySession}/passkeys`;
    await open.app.inject({
      ...json('PUT', `/__admin/sessions/${passkeySession}/scenario`, { scenario: 'mfa-enabled', surface: 'flashback' }),
    } as InjectOptions);
    const exportedPasskeys = await expectAnswer('exportPasskeys', { url: `${passkeysUrl}?surface=flashback&user=usr_ada` }, 200);
    const [passkey] = exportedPasskeys.json<Array<Record<string, unknown>>>();
    expect(passkey).toMatchObject({ id: 'j6b_gq3hMZsE3F9mYGLBww', rpId: 'localhost' });
    await expectAnswer('exportPasskeys', { url: passkeysUrl }, 200);
    await expectAnswer('exportPasskeys', { url: '/sessions/never-seen/passkeys' }, 200);
    for (const query of ['user=', 'surface=lerian']) await expectAnswer('exportPasskeys', { url: `${passkeysUrl}?${query}` }, 400);
    for (const query of ['user=usr_nobody', 'surface=okta']) await expectAnswer('exportPasskeys', { url: `${passkeysUrl}?${query}` }, 404);
    await expectAnswer('exportPasskeys', { url: '/sessions/has%20space/passkeys' }, 400);
    await expectAnswer('importPasskey', json('POST', passkeysUrl, { credential: { ...passkey, signCount: 3 } }), 200);
    await expectAnswer('importPasskey', json('POST', passkeysUrl, { credential: passkey, user: 'usr_ada', surface: 'flashback' }), 200);
    const { publicKey: otherKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (const body of [
      { credential: { ...passkey, rpId: 'example.com' } },
      { credential: { ...passkey, publicKey: otherKey.export({ format: 'der', type: 'spki' }).toString('base64url') } },
      { credential: { ...passkey, publicKey: 'AAAA' } },
      { credential: { ...passkey, privateKey: 'AAAA' } },
      { credential: passkey, user: 'usr_bob' }, // Ada's credential: one credential, one user
    ])
      await expectAnswer('importPasskey', json('POST', passkeysUrl, body), 422);
    for (const body of [
      {},
      { credential: { ...passkey, id: 'not base64url!' } },
      { credential: { ...passkey, signCount: -1 } },
      { credential: passkey, colour: 'red' },
      { credential: { ...passkey, userHandle: 'AAAA' } }, // no user named, and the handle is no user id
      { credential: passkey, surface: 'lerian' },
      [],
      null,
    ])
      await expectAnswer('importPasskey', json('POST', passkeysUrl, body), 400);
    await expectAnswer('importPasskey', json('POST', passkeysUrl, { credential: passkey, surface: 'okta' }), 404);
    await expectAnswer('importPasskey', json('POST', passkeysUrl, { credential: passkey, user: 'usr_nobody' }), 404);
    await expectAnswer('importPasskey', raw('POST', passkeysUrl, 'application/json', '{"credential":'), 400);
    await expectAnswer('importPasskey', json('POST', '/sessions/has%20space/passkeys', { credential: passkey }), 400);

    // Pact's state changes: values for fromProviderState; unknown and untrue states, bad bodies and surfaces refused.
    const statesUrl = (surface?: string) => `/sessions/pact-states/provider-states${surface === undefined ? '' : `?surface=${surface}`}`;
    const enabled = await expectAnswer(
      'changeProviderState',
      json('POST', statesUrl('flashback'), { state: 'the user has MFA enabled', params: {}, action: 'setup' }),
      200,
    );
    expect(Object.keys(enabled.json())).toEqual(['userId', 'totpSecret', 'totpCode', 'recoveryCode']);
    // A second state needing another scenario, before any request: the same interaction, or another run in this session.
    const conflict = await expectAnswer('changeProviderState', json('POST', statesUrl('flashback'), { state: 'MFA is enforced by the organisation' }), 422);
    expect(conflict.json().detail).toMatch(
      /another state of the same interaction chose "mfa-enabled", or another verification run .*: give each run a session of its own$/,
    );
    await expectAnswer('changeProviderState', json('POST', statesUrl('flashback'), { state: 'the user has MFA enabled', action: 'teardown' }), 200);
    await expectAnswer('changeProviderState', json('POST', statesUrl('flashback'), { state: '' }), 200);
    for (const state of ['the moon is full', 'user usr_bob has MFA enabled'])
      await expectAnswer('changeProviderState', json('POST', statesUrl('flashback'), { state }), 422);
    for (const body of [{}, { state: 3 }, { state: 'the user has no MFA', action: 'undo' }, { state: 'the user has no MFA', params: [] }, [], null])
      await expectAnswer('changeProviderState', json('POST', statesUrl('flashback'), body), 400);
    await expectAnswer('changeProviderState', json('POST', statesUrl(), { state: 'the user has no MFA' }), 400); // four surfaces served
    await expectAnswer('changeProviderState', json('POST', statesUrl('okta'), { state: 'the user has no MFA' }), 404);
    await expectAnswer('changeProviderState', json('POST', '/sessions/has%20space/provider-states?surface=flashback', { state: '' }), 400);
    await expectAnswer('changeProviderState', raw('POST', statesUrl('flashback'), 'application/json', '{"state":'), 400);

    // Forgetting sessions: unknown ids are fine (idempotent), malformed ids and unreadable bodies are not.
    await expectAnswer('clearJournal', { method: 'DELETE', url: `/sessions/${other}/journal` }, 204);
    await expectAnswer('resetSession', { method: 'DELETE', url: `/sessions/${other}` }, 204);
    await expectAnswer('resetSession', { method: 'DELETE', url: '/sessions/never-seen' }, 204);
    await expectAnswer('resetSession', { method: 'DELETE', url: '/sessions/has%20space' }, 400);
    await expectAnswer('resetSession', raw('DELETE', `/sessions/${session}`, 'application/json', '{broken'), 400);
    await expectAnswer('resetAllSessions', raw('POST', '/reset', 'application/json', '{broken'), 400);
    await expectAnswer('resetAllSessions', raw('POST', '/reset', 'application/xml', '<reset/>'), 400);
    const journalLength = async () => (await open.app.inject({ url: `/__admin/sessions/${session}/journal` })).json().length as number;
    expect(await journalLength()).toBeGreaterThan(0); // a refused reset reset nothing
    await expectAnswer('resetAllSessions', { method: 'POST', url: '/reset' }, 204);
    expect(await journalLength()).toBe(0);
  });

  it('every route refuses a client off this machine (403) and, with an admin token, a request without it (401); the magic-link page neither', async () => {
    const fill = (path: string) =>
      path.replace('{id}', 'guard-session').replace('{token}', 'some-token').replace('{userId}', 'usr_ada').replace('{overrideId}', 'ov-1');
    // What the spec opens to every client (`security: [{}]`) gets its own answer, off this machine and without the token.
    const openAnswers: Record<string, number> = {
      // The magic-link page is opened from an e-mail, on the user's phone as often as not, without the admin token: its
      // own single-use token is the credential, so an unknown one is the page's own 400 wherever the browser is.
      followMagicLink: 400,
      // A load balancer's readiness check sends no header.
      getReadiness: 200,
    };
    const openInSpec = operations.filter(({ operation }) => operation.security?.length === 1 && Object.keys(operation.security[0]!).length === 0);
    expect(openInSpec.map(({ operationId }) => operationId).sort()).toEqual(Object.keys(openAnswers).sort());
    for (const { operationId, method, path } of operations) {
      const request: AdminRequest = { method: method, url: fill(path), ...(method === 'PUT' ? { payload: {} } : {}) };
      const openAnswer = openAnswers[operationId];
      const refused = openAnswer === undefined ? { offMachine: 403, withoutToken: 401 } : { offMachine: openAnswer, withoutToken: openAnswer };
      await expectAnswer(operationId, { ...request, remoteAddress: OFF_MACHINE }, refused.offMachine);
      await expectAnswer(operationId, { ...request, remoteAddress: OFF_MACHINE }, refused.offMachine, guarded.app);
      await expectAnswer(operationId, request, refused.withoutToken, guarded.app);
      await expectAnswer(operationId, { ...request, headers: { authorization: 'Bearer wrong-token-wrong-token' } }, refused.withoutToken, guarded.app);
    }
    const authorised = await expectAnswer('getHealth', { url: '/health', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }, 200, guarded.app);
    expect(authorised.json()).toMatchObject({ status: 'ok' });
  });

  it('reached every operation with an accepted and a refused request', () => {
    for (const { operationId, operation } of operations) {
      const statuses = [...(seen.get(operationId) ?? [])];
      expect(
        statuses.some((status) => status < 300),
        `${operationId} accepted: ${statuses.join(', ')}`,
      ).toBe(true);
      // An operation whose only refusal is the 503 of a database gone cannot be refused here (sessions in memory):
      // test/integration/postgres-replicas.test.ts checks that one against this spec.
      const refusals = Object.keys(operation.responses ?? {}).filter((status) => Number(status) >= 400);
      if (refusals.length === 1 && refusals[0] === '503') continue;
      expect(
        statuses.some((status) => status >= 400),
        `${operationId} refused: ${statuses.join(', ')}`,
      ).toBe(true);
    }
  });
});
