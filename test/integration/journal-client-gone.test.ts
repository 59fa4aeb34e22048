import { request } from 'node:http';
import { dereference } from '@readme/openapi-parser';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { createSandbox, type JournalEntry, type RunningSandbox } from '../../src/index.js';
import { createAnswerChecker } from '../harness/openapi-answer-check.js';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';

/**
 * A client that gives up while its answer waits out an injected delay (`curl --max-time 0.5` against `Prefer:
 * latency=3000`) never gets that answer: its journal entry says so (`clientGone`) as soon as the client has gone, and a
 * count of the statuses the client got leaves it out; over HTTP on a real port, with sessions in memory and on
 * PostgreSQL (a served replica).
 */
const SESSION = 'client-gone';

/** GET /flashback/mfa/status with `Prefer: latency=<latencyMs>`, the client closing the connection after `giveUpMs`. */
function statusGivingUpAfter(url: string, latencyMs: number, giveUpMs: number): Promise<number | 'gave up'> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const headers = { authorization: 'Bearer flashback-token-ada', 'x-mock-session': SESSION, prefer: `latency=${latencyMs}` };
    const sent = request({ hostname, port, path: '/flashback/mfa/status', headers, timeout: giveUpMs }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    });
    sent.on('timeout', () => sent.destroy());
    sent.on('error', () => resolve('gave up'));
    sent.end();
  });
}

/** The session's admin API at `url`, each answer checked against the admin spec the sandbox serves. */
async function createAdmin(url: string) {
  const spec = await (await fetch(`${url}/__admin/openapi.yaml`)).text();
  const check = createAnswerChecker(await dereference(parse(spec) as never));
  return async (operationId: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const response = await fetch(`${url}/__admin/sessions/${SESSION}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    expect(check(operationId, { statusCode: response.status, headers: Object.fromEntries(response.headers), body: text }), `${path}: ${text}`).toEqual([]);
    return { status: response.status, json: JSON.parse(text) };
  };
}

/**
 * One request given up 150 ms into its 20 s delay, one answered after 50 ms; resolves once the first is marked, which
 * must be long before its delay would have ended (the delay ends when its client leaves), with the admin API.
 */
async function giveUpOnOne(url: string) {
  const admin = await createAdmin(url);
  const started = performance.now();
  expect(await statusGivingUpAfter(url, 20_000, 150)).toBe('gave up');
  expect(await statusGivingUpAfter(url, 50, 5_000)).toBe(200);
  while (!(await admin('getJournal', '/journal')).json[0]?.clientGone && performance.now() - started < 5_000)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return admin;
}

/** What the journal and its verification say of the two requests, and how long each client waited. */
async function expectCountedAsSeen(admin: Awaited<ReturnType<typeof createAdmin>>) {
  const journal = await admin('getJournal', '/journal');
  expect(journal.json.map((entry: JournalEntry) => [entry.status, entry.latencyMs, entry.clientGone])).toEqual([
    [200, 20_000, true],
    [200, 50, undefined],
  ]);
  // How long the client waited before it left (~150 ms), not the 20 s it was to wait (latencyMs keeps that).
  expect(journal.json[0].durationMs).toBeGreaterThanOrEqual(140);
  expect(journal.json[0].durationMs).toBeLessThan(2_000);
  expect(journal.json[1].durationMs).toBeGreaterThanOrEqual(50);
  // The statuses the client got: one 200 (the other answer never reached it), in the journal as in a verification.
  expect((await admin('getJournal', '/journal?status=200')).json).toHaveLength(1);
  expect((await admin('verifyJournal', '/journal/verify', { status: 200, count: 1 })).status).toBe(200);
  const twice = await admin('verifyJournal', '/journal/verify', { status: 200, count: 2 });
  expect(twice.status).toBe(409);
  expect(twice.json.failures[0]).toMatchObject({ actual: 1 });
  // The calls the app made: both, the one it gave up on included.
  expect((await admin('verifyJournal', '/journal/verify', { operationId: 'getMFAStatus', count: 2 })).status).toBe(200);
}

describe('with sessions in memory (createSandbox)', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(() => sandbox?.close());

  it('marks the entry of an answer whose client left during its delay, and counts no status for it', async () => {
    await expectCountedAsSeen(await giveUpOnOne(sandbox.url));
    const qa = sandbox.session(SESSION);
    expect(qa.verify({ status: 200, count: 1 })[0]).toMatchObject({ holds: true, actual: 1 });
    expect(() => qa.verify({ operationId: 'getMFAStatus', count: 1 })).toThrow(/-> 200, never sent \(client gone\) \(getMFAStatus\)/);
  });
});

describe('with sessions on PostgreSQL (a served replica)', () => {
  let database: TestDatabase;
  let close: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const { app } = await buildApp({ ...DEFAULT_CONFIG, logLevel: 'silent', stateUrl: database.url });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    close = () => app.close();
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await database?.drop();
  });

  it('marks the entry of an answer whose client left during its delay, and counts no status for it', async () => {
    await expectCountedAsSeen(await giveUpOnOne(url));
  });
});
