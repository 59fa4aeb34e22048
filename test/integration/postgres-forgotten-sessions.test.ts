import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSessionStore } from '../../src/app.js';
import type { SessionStore } from '../../src/engine/session-registry.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { createInfoLog } from '../harness/info-log.js';

/**
 * PostgreSQL forgets idle sessions in SQL (the sweep), so no session is told of as the memory store tells of each: the
 * log says how many this replica's sweep forgot, why, and names up to ten of them, so a session that vanished is no
 * mystery to an operator.
 */

const { logger, messages: logged } = createInfoLog();

let database: TestDatabase | undefined;
let store: SessionStore | undefined;
let sandbox: TestSandbox | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  // A TTL of 1 s: the sweep runs every second (at most every minute, or every TTL if shorter).
  const config = { ...DEFAULT_CONFIG, stateUrl: database.url, sessionTtlMs: 1_000 };
  store = await createSessionStore(config);
  sandbox = await createTestSandbox(config, { shared: { store, logger } });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await store?.close(); // shared: the app leaves it to its maker
  await database?.drop();
});

it("logs how many sessions this replica's sweep forgot, which, and why", async () => {
  const status = (session: string) => sandbox!.request({ url: '/flashback/mfa/status', session, headers: { authorization: 'Bearer flashback-token-ada' } });
  expect((await status('idle-1')).statusCode).toBe(200);
  expect((await status('idle-2')).statusCode).toBe(200);
  const said = `2 session(s) forgotten by this replica's sweep ("idle-1", "idle-2"): idle longer than --session-ttl 1 s`;
  const deadline = Date.now() + 10_000;
  while (!logged.includes(said) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(logged).toContain(said);
});

it("logs at warn how many sessions this replica's sweep forgot beyond --max-sessions, as the memory store warns of each", async () => {
  const own = await createTestDatabase();
  const log = createInfoLog();
  // The first sweep comes a TTL after the start: every session made since is younger than that, so only the cap forgets.
  // 20 s, not less: on a CI machine busy with other suites, three first requests to a fresh database took longer than a
  // 6 s TTL, and the first sweep then forgot the idle ones as expired instead.
  const config = { ...DEFAULT_CONFIG, stateUrl: own.url, sessionTtlMs: 20_000, maxSessions: 2 };
  const ownStore = await createSessionStore(config);
  const capped = await createTestSandbox(config, { shared: { store: ownStore, logger: log.logger } });
  try {
    // 14 sessions, the oldest first: 12 beyond the cap, of which the log names ten (by name, as sorted) and counts two.
    const sessions = Array.from({ length: 14 }, (_, index) => `cap-${String(index + 1).padStart(2, '0')}`);
    for (const session of sessions) {
      const answer = await capped.request({ url: '/flashback/mfa/status', session, headers: { authorization: 'Bearer flashback-token-ada' } });
      expect(answer.statusCode).toBe(200);
    }
    const named = sessions.slice(0, 10).map((session) => JSON.stringify(session));
    const said =
      `12 session(s) forgotten by this replica's sweep (${named.join(', ')} and 2 more): the least recently used beyond --max-sessions 2 (watched ones are leased and kept); ` +
      'a client still using one starts again in the default scenario';
    const deadline = Date.now() + 30_000;
    while (!log.warnings.includes(said) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.warnings).toContain(said);
  } finally {
    await capped.close();
    await ownStore.close();
    await own.drop();
  }
}, 60_000);
