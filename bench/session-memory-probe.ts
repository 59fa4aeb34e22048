import { Agent, request } from 'node:http';
import { DEFAULT_CONFIG } from '../src/config.js';
import { createSandbox } from '../src/index.js';
import { authenticatorCode } from '../test/harness/totp.js';

/**
 * Child process of the memory benchmark (needs --expose-gc): a sandbox in this process, sessions created through the
 * programmatic API and HTTP, and the process's memory after a forced GC at each stage. Prints one JSON line.
 *
 * - idle sessions: `session(id).useScenario('mfa-enabled')` (Ada with an enrolled TOTP factor and a passkey), then
 *   one `GET /flashback/mfa/status` so the session's world and journal really exist;
 * - enrolled sessions: the full HTTP enrolment (setup, then verify-setup with the authenticator's code). Each setup
 *   renders a QR code PNG (~10 ms), so this sample is smaller;
 * - busy sessions: twice the journal's size of disable/enable toggles over HTTP, so each journal is full (what the
 *   write flow of the throughput phase leaves behind, a session per connection).
 *
 * Usage: node --expose-gc --import tsx bench/session-memory-probe.ts <idleSessions> <enrolledSessions> <ttlSeconds> <busySessions>
 */

const idleCount = Number(process.argv[2] ?? 10_000);
const enrolledCount = Number(process.argv[3] ?? 500);
const ttlSeconds = Number(process.argv[4] ?? 15);
const busyCount = Number(process.argv[5] ?? 100);
const CONCURRENCY = 16;
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

export interface MemorySample {
  rssBytes: number;
  heapUsedBytes: number;
  sessions: number;
}

const sandbox = await createSandbox({ sessionTtlMs: ttlSeconds * 1000 });

// node:http with keep-alive: several times cheaper per request than fetch, so creating sessions is quick.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${sandbox.url}${path}`, { method, headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
    });
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function sessionCount(): Promise<number> {
  return ((await send('GET', '/__admin/health', {})).json as { sessions: number }).sessions;
}

async function sample(): Promise<MemorySample> {
  // Several passes: the first frees young objects, later ones what their finalizers released.
  for (let pass = 0; pass < 4; pass++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed, sessions: await sessionCount() };
}

/** A Flashback MFA call that must answer 200; its `data` is what the probe reads. */
async function call<Data>(method: 'GET' | 'POST', path: string, session: string, body?: unknown): Promise<{ data: Data }> {
  const response = await send(method, `/flashback/mfa/${path}`, { ...ADA, 'x-mock-session': session }, body);
  if (response.status !== 200) throw new Error(`${method} ${path} for ${session}: ${response.status} ${JSON.stringify(response.json)}`);
  return response.json as { data: Data };
}

async function idleSession(id: string): Promise<void> {
  sandbox.session(id).useScenario('mfa-enabled', 'flashback');
  const status = await call<{ enabledMethods: string[] }>('GET', 'status', id);
  if (!status.data.enabledMethods.includes('GOOGLE_AUTH')) throw new Error(`session ${id} has no enrolled TOTP factor`);
}

/** One session, one authenticator enrolled over HTTP: exactly what a frontend test does. */
async function enrolledSession(id: string): Promise<void> {
  const setup = await call<{ secret: string }>('POST', 'setup', id, { mfaType: 'GOOGLE_AUTH' });
  await call('POST', 'verify-setup', id, { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(setup.data.secret) });
}

/** A session whose journal is full of the write flow's requests. */
async function busySession(id: string): Promise<void> {
  sandbox.session(id).useScenario('mfa-enabled', 'flashback');
  for (let toggle = 0; toggle < DEFAULT_CONFIG.journalSize; toggle++) {
    await call('POST', 'disable', id, { mfaType: 'GOOGLE_AUTH' });
    await call('POST', 'enable', id, { mfaType: 'GOOGLE_AUTH' });
  }
}

async function createMany(prefix: string, count: number, create: (id: string) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) await create(`${prefix}-${next++}`);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

const reset = () => send('POST', '/__admin/reset', {});

async function waitForExpiry(): Promise<number> {
  const started = performance.now();
  while ((await sessionCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  return performance.now() - started;
}

try {
  // A small warm-up (JIT, the HTTP client, lazily compiled validators), so the baseline holds everything but sessions.
  await createMany('warmup-idle', 50, idleSession);
  await createMany('warmup-enrolled', 10, enrolledSession);
  await reset();
  const baseline = await sample();

  const createMs = await createMany('idle', idleCount, idleSession);
  const idle = await sample();
  await reset();
  const afterReset = await sample();

  await createMany('enrolled', enrolledCount, enrolledSession);
  const enrolled = await sample();
  await reset();
  const afterEnrolledReset = await sample();

  await createMany('busy', busyCount, busySession);
  const busy = await sample();
  await reset();
  const afterBusyReset = await sample();

  await createMany('expiring', idleCount, idleSession);
  const expiryWaitMs = await waitForExpiry();
  const afterExpiry = await sample();

  const result = {
    ...{ idleCount, enrolledCount, busyCount, ttlSeconds, createMs, expiryWaitMs },
    ...{ baseline, idle, afterReset, enrolled, afterEnrolledReset, busy, afterBusyReset, afterExpiry },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  agent.destroy();
  await sandbox.close();
}
