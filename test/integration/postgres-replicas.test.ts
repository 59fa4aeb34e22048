import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dereference } from '@readme/openapi-parser';
import { parse } from 'yaml';
import { createAnswerChecker, type Answer as HttpAnswer } from '../harness/openapi-answer-check.js';
import { startChildServer, type ChildServer } from '../harness/child-server.js';
import { launchChromium } from '../harness/chromium.js';
import { startPostgres, type PostgresServer } from '../harness/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';
import { authenticatorCode } from '../harness/totp.js';
import postgres from 'postgres';
import { MIGRATIONS, SCHEMA } from '../../src/postgres/schema-migrations.js';

/**
 * Replicas of `mfa-sandbox serve --state postgres://...` on one real PostgreSQL (from npm, started by the test run):
 * sessions are shared, survive a replica killed mid-flow and a restart of everything, never lose an update under
 * concurrent clients on two replicas, and the database going away is a 503, not a crash. Each replica is a real
 * process, started as `npm start` starts it.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
/** Ada's recovery codes in the flashback mfa-enabled scenario. */
const ADA_RECOVERY_CODES = ['40213377', '88105524', '11992230'];

let database: TestDatabase;
const running: ChildServer[] = [];
/** Checks an admin answer against the admin spec (the replicas serve this file as `/__admin/openapi.yaml`). */
let checkAdminAnswer: (operationId: string, answer: HttpAnswer) => string[];

/**
 * One replica: `serve` as a single Node process (tsx as a loader, not the tsx command, which would run the server as
 * its child), so its PID is the server's own and SIGKILL really kills it.
 */
async function startReplica(stateUrl = database.url, logLevel = 'warn', extraArgs: string[] = []): Promise<ChildServer> {
  const main = join(process.cwd(), 'src/main.ts');
  const replica = await startChildServer(
    process.execPath,
    ['--import', 'tsx', main, 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', logLevel, '--state', stateUrl, ...extraArgs],
    { ready: /listening: .* at (http:\/\/[^/\s]+)/ },
  );
  running.push(replica);
  return replica;
}

async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((replica) => replica.stop()));
}

interface Answer {
  status: number;
  body: any;
  contentType: string;
  retryAfter: string | null;
}

async function send(
  replica: ChildServer,
  path: string,
  init: { method?: string; session?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${replica.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.session ? { 'x-mock-session': init.session } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: contentType.includes('json') && text ? JSON.parse(text) : text,
    contentType,
    retryAfter: response.headers.get('retry-after'),
  };
}

const flashback = (replica: ChildServer, session: string, path: string, body?: unknown) =>
  send(replica, `/flashback${path}`, { session, headers: ADA, ...(body === undefined ? {} : { body }) });

beforeAll(async () => {
  database = await createTestDatabase();
  const adminSpec = parse(await readFile(join(process.cwd(), 'specs/sandbox/admin.openapi.yaml'), 'utf8')) as never;
  checkAdminAnswer = createAnswerChecker(await dereference(adminSpec));
}, 60_000);

afterAll(async () => {
  await stopAll();
  await database?.drop();
}, 60_000);

describe('two replicas on one PostgreSQL database', () => {
  const session = `replicas-${Date.now()}`;
  let a: ChildServer;
  let b: ChildServer;
  let secret: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([startReplica(), startReplica()]);
  }, 60_000);

  it('share one session: a TOTP enrolment and sign-in alternate between them, and a code used on one is a replay on the other', async () => {
    expect((await flashback(a, session, '/mfa/status')).body.data.isEnabled).toBe(false);
    const setup = await flashback(b, session, '/mfa/setup', { mfaType: 'GOOGLE_AUTH' });
    expect(setup.status).toBe(200);
    secret = setup.body.data.secret;
    const enrol = await flashback(a, session, '/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(secret) });
    expect(enrol.status, JSON.stringify(enrol.body)).toBe(200);
    expect((await flashback(b, session, '/mfa/status')).body.data.isEnabled).toBe(true);

    // The next time step's code signs in once, on either replica; the same code again is a replay, on the other.
    const next = authenticatorCode(secret, 1);
    const signIn = await flashback(b, session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: next });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    const replay = await flashback(a, session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: next });
    expect(replay.status).toBe(400);

    // Either replica's journal shows all six requests, in order.
    const journal = await send(b, `/__admin/sessions/${session}/journal`);
    expect(journal.body.map((entry: { operationId: string; status: number }) => `${entry.operationId} ${entry.status}`)).toEqual([
      'getMFAStatus 200',
      'setupMFA 200',
      'verifyMFASetup 200',
      'getMFAStatus 200',
      'verifyMFALogin 200',
      'verifyMFALogin 400',
    ]);
    // The refusal's explanation went through PostgreSQL with the entry: the code was right, but already used.
    expect(journal.body.at(-1).explanation).toMatchObject({ rule: 'wrong-code', received: next, message: expect.stringContaining('already used') });
  });

  it('finish a flow on the other replica when one is killed (SIGKILL) in the middle of it', async () => {
    const flow = `${session}-killed`;
    const setup = await flashback(a, flow, '/mfa/setup', { mfaType: 'GOOGLE_AUTH' });
    expect(setup.status).toBe(200);
    const killed = a;
    process.kill(killed.pid, 'SIGKILL');
    await expect.poll(() => killed.isRunning()).toBe(false);
    // Really gone: nothing answers at its address any more.
    await expect(fetch(`${killed.url}/__admin/health`)).rejects.toThrow();
    const enrol = await flashback(b, flow, '/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(setup.body.data.secret) });
    expect(enrol.status, JSON.stringify(enrol.body)).toBe(200);
    expect((await flashback(b, flow, '/mfa/status')).body.data.isEnabled).toBe(true);
    // A replacement replica picks the flow up where it stands.
    a = await startReplica();
    expect((await flashback(a, flow, '/mfa/status')).body.data.isEnabled).toBe(true);
  });

  it('keep sessions, factors, outbox and journal when every process stops and fresh ones start', async () => {
    // Something in the outbox first: a magic link sent to Ada (scenario mfa-enabled, where she has an e-mail factor).
    const mail = `${session}-mail`;
    expect((await send(a, `/__admin/sessions/${mail}/scenario`, { method: 'PUT', body: { scenario: 'mfa-enabled', surface: 'flashback' } })).status).toBe(200);
    expect((await send(a, '/flashback/mfa/magic-link/send', { method: 'POST', session: mail, headers: ADA })).status).toBe(200);
    const byId = (sessions: Array<{ id: string }>) => [...sessions].sort((x, y) => x.id.localeCompare(y.id));
    const before = {
      sessions: byId((await send(b, '/__admin/sessions')).body),
      outbox: (await send(b, `/__admin/sessions/${mail}/outbox`)).body,
      journal: (await send(b, `/__admin/sessions/${session}/journal`)).body,
      codes: (await send(b, `/__admin/sessions/${session}/totp-codes`)).body,
    };
    expect(before.outbox).toHaveLength(1);

    await stopAll();
    [a, b] = await Promise.all([startReplica(), startReplica()]);

    expect(byId((await send(a, '/__admin/sessions')).body)).toEqual(before.sessions);
    expect((await send(b, `/__admin/sessions/${mail}/outbox`)).body).toEqual(before.outbox);
    expect((await send(a, `/__admin/sessions/${session}/journal`)).body).toEqual(before.journal);
    const codes = (await send(a, `/__admin/sessions/${session}/totp-codes`)).body as Array<{ factorId?: string; status: string }>;
    expect(codes.map(({ factorId, status }) => ({ factorId, status }))).toEqual(
      before.codes.map(({ factorId, status }: { factorId?: string; status: string }) => ({ factorId, status })),
    );
    // The enrolled device still verifies, with the secret set up before the restart.
    expect((await flashback(b, session, '/mfa/status')).body.data.isEnabled).toBe(true);
    const signIn = await flashback(b, session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(secret, 2) });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
  });

  it("accept each of a user's recovery codes exactly once when 20 clients on each replica try them at once", async () => {
    const race = `${session}-recovery`;
    expect((await send(a, `/__admin/sessions/${race}/scenario`, { method: 'PUT', body: { scenario: 'mfa-enabled', surface: 'flashback' } })).status).toBe(200);
    const clients = [a, b].flatMap((replica) => Array.from({ length: 20 }, (_, index) => ({ replica, index })));
    const attempts = await Promise.all(
      clients.flatMap(({ replica, index }) =>
        // Each client tries two codes, starting at a different one, so every code is contended from both replicas
        // (80 attempts: all of them fit in the journal's 100 entries).
        [0, 1]
          .map((offset) => ADA_RECOVERY_CODES[(index + offset) % ADA_RECOVERY_CODES.length]!)
          .map(async (code) => ({
            code,
            answer: await flashback(replica, race, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code }),
          })),
      ),
    );
    const statuses = attempts.map(({ answer }) => answer.status);
    expect(
      statuses.filter((status) => status !== 200 && status !== 400),
      'no fault, no lost request',
    ).toEqual([]);
    const accepted = attempts.filter(({ answer }) => answer.status === 200).map(({ code }) => code);
    expect(accepted.sort()).toEqual([...ADA_RECOVERY_CODES].sort());
    // Every attempt is in the journal: nothing was lost between the replicas.
    const journal = (await send(a, `/__admin/sessions/${race}/journal`)).body as Array<{ status: number }>;
    expect(journal.filter((entry) => entry.status === 200)).toHaveLength(3);
    expect(journal).toHaveLength(attempts.length);
  }, 60_000);

  it('list and reset sessions made on either replica, through the admin API', async () => {
    const onA = `${session}-listed-a`;
    const onB = `${session}-listed-b`;
    await flashback(a, onA, '/mfa/status');
    await flashback(b, onB, '/mfa/status');
    const listed = (await send(b, '/__admin/sessions')).body.map((entry: { id: string }) => entry.id);
    expect(listed).toEqual(expect.arrayContaining([onA, onB]));
    expect((await send(b, `/__admin/sessions/${onA}`, { method: 'DELETE' })).status).toBe(204);
    expect((await send(a, '/__admin/sessions')).body.map((entry: { id: string }) => entry.id)).not.toContain(onA);
    // Replica A had seen the session; its next request after the reset starts it fresh, with nothing carried over.
    expect((await send(a, `/__admin/sessions/${onA}/journal`)).body).toEqual([]);
    expect((await send(a, '/__admin/reset', { method: 'POST' })).status).toBe(204);
    expect((await send(b, '/__admin/sessions')).body).toEqual([]);
    expect((await send(b, '/__admin/health')).body).toMatchObject({ status: 'ok', state: 'postgres', sessions: 0 });
  });

  describe('the QA console', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('on one replica lists a session made on the other, and its reset button resets it for both', async () => {
      const qa = `${session}-console`;
      const setup = await flashback(a, qa, '/mfa/setup', { mfaType: 'GOOGLE_AUTH' });
      expect((await flashback(a, qa, '/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(setup.body.data.secret) })).status).toBe(200);

      const page = await browser.newPage();
      await page.goto(`${b.url}/__console/`);
      await page.locator(`#sessions a[data-session="${qa}"]`).click();
      await expect.poll(() => page.locator('#session-id').textContent()).toBe(qa);
      page.once('dialog', (dialog) => void dialog.accept()); // "Forget session ...?"
      await page.locator('#reset-session').click();
      // Reset on B: A's next read of the session meets it fresh, TOTP not enrolled.
      await expect.poll(async () => (await flashback(a, qa, '/mfa/status')).body.data.isEnabled).toBe(false);
      await page.close();
    }, 60_000);
  });
});

describe("a replica's start", () => {
  /** The note of the schema in what a replica started on `url` said before its listening line (info: JSON records). */
  async function startNote(url: string, extraArgs: string[] = []): Promise<string | undefined> {
    const replica = await startReplica(url, 'info', extraArgs);
    try {
      const messages = replica
        .output()
        .split('\n')
        .flatMap((line) => (line.startsWith('{') ? [(JSON.parse(line) as { msg: string }).msg] : []));
      return messages.find((message) => message.includes('PostgreSQL:'));
    } finally {
      await replica.stop();
      running.splice(running.indexOf(replica), 1);
    }
  }

  it("says that it created the sandbox's tables, or upgraded them (an older replica then refuses the database), and nothing when they were current", async () => {
    const fresh = await createTestDatabase();
    const older = await createTestDatabase();
    const sql = postgres(older.url, { max: 1, onnotice: () => undefined });
    try {
      // Under --watch too, which makes the store itself (one for every version of the app).
      expect(await startNote(fresh.url, ['--watch'])).toBe(
        `mfa-sandbox: PostgreSQL: the sandbox's tables created (schema ${SCHEMA}, version ${MIGRATIONS.length})`,
      );
      expect(await startNote(fresh.url)).toBeUndefined();
      // A database an earlier release made: its tables at version 1.
      await sql.unsafe(`CREATE SCHEMA ${SCHEMA}; CREATE TABLE ${SCHEMA}.schema_version (version integer NOT NULL); ${MIGRATIONS[0]}`);
      await sql.unsafe(`INSERT INTO ${SCHEMA}.schema_version VALUES (1)`);
      expect(await startNote(older.url)).toBe(
        `mfa-sandbox: PostgreSQL: the sandbox's tables (schema ${SCHEMA}) upgraded from version 1 to ${MIGRATIONS.length}; ` +
          'a replica of an earlier mfa-sandbox now refuses this database: run this version on every replica',
      );
    } finally {
      await sql.end();
      await Promise.all([fresh.drop(), older.drop()]);
    }
  }, 60_000);
});

describe('a replica whose database goes away', () => {
  let server: PostgresServer;
  let replica: ChildServer;

  beforeAll(async () => {
    // A server of its own: the shared one must stay up for the other test files.
    server = await startPostgres();
    replica = await startReplica(server.url);
  }, 90_000);

  afterAll(async () => {
    await replica?.stop();
    await server?.close();
  }, 60_000);

  it('answers a clear 503 problem+json while it is down, stays up, and serves again once it is back', async () => {
    const session = 'outage';
    expect((await flashback(replica, session, '/mfa/setup', { mfaType: 'GOOGLE_AUTH' })).status).toBe(200);

    await server.stop();
    const down = await flashback(replica, session, '/mfa/status');
    expect(down.status).toBe(503);
    expect(down.contentType).toContain('application/problem+json');
    expect(down.body).toMatchObject({ code: 'MOCK_ERR_STATE_UNAVAILABLE', status: 503, retryable: true });
    expect(down.retryAfter).toBe('1'); // what a client's retry helper reads
    expect(down.body.detail).toContain('cannot be reached');
    expect(down.body.detail).not.toContain(new URL(server.url).password); // the URL is shown without its password
    expect((await send(replica, '/__admin/health')).status).toBe(503);
    // As a load balancer asks: no token, no header. Its only refusal, so the admin contract test leaves it to this one.
    const notReady = await fetch(`${replica.url}/__admin/ready`);
    const notReadyAnswer = { statusCode: notReady.status, headers: Object.fromEntries(notReady.headers), body: await notReady.text() };
    expect(checkAdminAnswer('getReadiness', notReadyAnswer)).toEqual([]);
    expect([notReady.status, (JSON.parse(notReadyAnswer.body) as { code: string }).code]).toEqual([503, 'MOCK_ERR_STATE_UNAVAILABLE']);
    // Open to every client, it names no database (its user, host and port are for /health, behind the token).
    const where = new URL(server.url);
    for (const part of [where.username, where.port, where.pathname.slice(1)]) expect(notReadyAnswer.body).not.toContain(part);
    expect(replica.isRunning()).toBe(true);

    // A longer outage, as a polling client meets it: every request still gets its 503 promptly (postgres.js's own
    // reconnect pauses grew to seconds and held each request that long).
    const waits: number[] = [];
    for (let poll = 0; poll < 16; poll++) {
      const started = performance.now();
      expect((await flashback(replica, session, '/mfa/status')).status).toBe(503);
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(Math.max(...waits), `ms per 503: ${waits.map(Math.round).join(', ')}`).toBeLessThan(1_500);

    await server.start();
    // The pool reconnects on the next request, within a second of the database's return; the setup made before the
    // outage is still there.
    const back = performance.now();
    await expect.poll(async () => (await flashback(replica, session, '/mfa/status')).status, { timeout: 20_000, interval: 100 }).toBe(200);
    expect(performance.now() - back).toBeLessThan(3_000);
    expect((await fetch(`${replica.url}/__admin/ready`)).status).toBe(200);
    const codes = (await send(replica, `/__admin/sessions/${session}/totp-codes`)).body as Array<{ status: string }>;
    expect(codes.map((entry) => entry.status)).toEqual(['pending']);
    // The operator's log (at --log-level warn) says when the outage began and when it ended (once the database has
    // answered for a second), once each.
    await expect.poll(() => replica.output().match(/the postgres state store is reachable again/g)?.length, { timeout: 5_000 }).toBe(1);
    expect(replica.output().match(/the postgres state store cannot be reached \(.+\): requests answer 503 until it is back/g)).toHaveLength(1);
  }, 60_000);
});
