import { getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import type { Clock } from '../../src/engine/clock.js';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { ENROLMENT_FLOWS } from '../harness/enrolment-flows.js';
import { fetchTransport } from '../harness/vendor-request.js';

/**
 * Concurrency soak: SOAK_SESSIONS (default 200) clients at once, each walking full enrolment and status flows (all
 * four surfaces in turn, a fresh session per flow) against a real port on loopback for SOAK_SECONDS (default 8).
 * Asserts zero errors, zero cross-session leakage (each flow reads back only what it wrote, every secret or marker is
 * issued to one session only, and each session's journal holds exactly its own requests), that the session cap holds
 * under load, and that the heap returns near its baseline once sessions expire (TTL) and once they are reset.
 * The sandbox runs in this process so its heap can be measured after a forced collection (--expose-gc).
 */

const CLIENTS = Number(process.env.SOAK_SESSIONS ?? 200);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 8);
const CAP = 120;
const TTL_MS = 3_000;
const MB = 1024 * 1024;
/** How far above the baseline the heap may stay once every session is gone (allocator and JIT noise). */
const TOLERANCE_BYTES = 8 * MB;

function heapAfterCollection(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (vitest.robustness.config.ts sets it)');
  for (let pass = 0; pass < 3; pass++) gc();
  return getHeapStatistics().used_heap_size;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SoakResult {
  flows: number;
  requests: number;
  errors: string[];
  peakSessions: number;
  peakHeap: number;
}

/**
 * The wall clock, plus whatever time the test skips: the flows compute their TOTP codes on the wall clock while they
 * run, and the TTL test skips past the TTL instead of waiting for it.
 */
function createSkippingClock(): Clock & { skip(ms: number): void } {
  let skippedMs = 0;
  return { now: () => Date.now() + skippedMs, skip: (ms) => void (skippedMs += ms) };
}

/** A sandbox on a real loopback port, with the admin calls the soak needs. */
async function startSandbox(overrides: Partial<Config>) {
  const clock = createSkippingClock();
  const sandbox = await buildApp({ ...DEFAULT_CONFIG, logLevel: 'silent', ...overrides }, { clock });
  const url = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
  const admin = (path: string, init?: RequestInit) => fetch(`${url}/__admin${path}`, init);
  const sessionCount = async () => ((await (await admin('/health')).json()) as { sessions: number }).sessions;

  /**
   * `clients` concurrent clients running flows until the deadline (or, with `untilFlows`, until that many flows are
   * done); every anomaly is collected, never thrown.
   */
  async function soak(clients: number, seconds: number, prefix: string, untilFlows = Infinity): Promise<SoakResult> {
    const result: SoakResult = { flows: 0, requests: 0, errors: [], peakSessions: 0, peakHeap: 0 };
    const owners = new Map<string, string>();
    const deadline = Date.now() + seconds * 1000;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        result.peakSessions = Math.max(result.peakSessions, await sessionCount());
        result.peakHeap = Math.max(result.peakHeap, getHeapStatistics().used_heap_size);
        await sleep(250);
      }
    })();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let round = 0; Date.now() < deadline && result.flows < untilFlows; round++) {
          const surface = SURFACE_IDS[(client + round) % SURFACE_IDS.length]!;
          const session = `${prefix}-${client}-${round}`;
          try {
            const flow = await ENROLMENT_FLOWS[surface](fetchTransport(`${url}/${surface}`), session);
            result.requests += flow.requests;
            const owner = owners.get(flow.marker);
            if (owner) result.errors.push(`${session} was issued ${flow.marker}, already issued to ${owner}`);
            owners.set(flow.marker, session);
            // The mock's own record of the session: exactly this flow's requests, all to this surface.
            const response = await admin(`/sessions/${session}/journal`);
            const journal = (response.status === 200 ? await response.json() : []) as Array<{ url: string }>;
            const foreign = journal.filter((entry) => !entry.url.startsWith(`/${surface}/`));
            if (journal.length !== flow.requests || foreign.length > 0) {
              result.errors.push(
                `${session}: journal (${response.status}) holds ${journal.length} requests (${foreign.length} foreign), the flow sent ${flow.requests}`,
              );
            }
            result.flows++;
          } catch (error) {
            result.errors.push(`${session} (${surface}): ${(error as Error).message}`);
          }
        }
      }),
    );
    sampling = false;
    await sampler;
    return result;
  }

  /**
   * A short soak of the same shape, then forget every session: validators compile on first use and the hot paths get
   * optimised, and that code stays on the heap. Measured after this, the baseline holds it, so what a later
   * measurement finds above the baseline is the sessions' own memory.
   */
  async function warmUp(clients: number): Promise<void> {
    const warm = await soak(clients, 2, 'warm-up');
    if (warm.errors.length > 0) throw new Error(`warm-up failed: ${warm.errors.slice(0, 3).join('; ')}`);
    await admin('/reset', { method: 'POST' });
  }

  /**
   * The heap after a full collection, with idle keep-alive connections closed first: a soak leaves hundreds of
   * sockets open for a few seconds, and those are the client's and the transport's memory, not the sessions'.
   */
  async function heapWithoutIdleConnections(): Promise<number> {
    sandbox.app.server.closeIdleConnections();
    await sleep(300);
    return heapAfterCollection();
  }

  return { sandbox, clock, admin, sessionCount, soak, warmUp, heap: heapWithoutIdleConnections, close: () => sandbox.app.close() };
}

type RunningSoakSandbox = Awaited<ReturnType<typeof startSandbox>>;

describe(`concurrency soak: ${CLIENTS} clients`, () => {
  let running: RunningSoakSandbox;
  let baseline: number;
  beforeAll(async () => {
    running = await startSandbox({});
    await running.warmUp(CLIENTS);
    baseline = await running.heap();
  });
  afterAll(() => running?.close());

  it(`run enrolment and status flows for ${SECONDS} s with no error and no cross-session leakage`, async () => {
    const started = Date.now();
    const load = await running.soak(CLIENTS, SECONDS, 'soak');
    const elapsed = (Date.now() - started) / 1000;
    console.log(
      `concurrency soak: ${CLIENTS} clients, ${load.flows} flows, ${load.requests} vendor requests (+${load.flows} journal reads) in ${elapsed.toFixed(1)} s ` +
        `(${Math.round((load.requests + load.flows) / elapsed)} req/s), ${load.errors.length} errors; peak ${load.peakSessions} sessions; ` +
        `heap ${(baseline / MB).toFixed(1)} MB at baseline, ${(load.peakHeap / MB).toFixed(1)} MB at peak`,
    );
    expect(load.errors.slice(0, 10), `${load.errors.length} errors`).toEqual([]);
    expect(load.flows).toBeGreaterThanOrEqual(CLIENTS);
  });

  it('returns near the baseline heap once the sessions are reset through the admin API', async () => {
    const sessions = await running.sessionCount();
    expect(sessions).toBeGreaterThanOrEqual(CLIENTS);
    const held = (await running.heap()) - baseline;
    expect((await running.admin('/reset', { method: 'POST' })).status).toBe(204);
    expect(await running.sessionCount()).toBe(0);
    const retained = (await running.heap()) - baseline;
    console.log(
      `concurrency soak: ${sessions} sessions held ${(held / MB).toFixed(1)} MB above baseline; after a reset the heap is ${(retained / MB).toFixed(1)} MB above`,
    );
    expect(retained).toBeLessThan(TOLERANCE_BYTES);
    // Sensitive enough to see a leak: the sessions' own memory went, not just the noise around it.
    expect(retained, 'the reset freed most of what the sessions held').toBeLessThan(held / 2);
  });
});

describe(`concurrency soak: a session cap (${CAP}) and a session TTL (${TTL_MS / 1000} s)`, () => {
  // Fewer clients than the cap by far: an in-use session stalled behind many others could otherwise be the least
  // recently used one (or idle past a short TTL) and be forgotten, which is the limits working, not a leak.
  const clients = Math.min(CLIENTS, 12);
  let running: RunningSoakSandbox;
  let baseline: number;
  beforeAll(async () => {
    running = await startSandbox({ maxSessions: CAP, sessionTtlMs: TTL_MS });
    await running.warmUp(clients);
    baseline = await running.heap();
  });
  afterAll(() => running?.close());

  it('never keeps more sessions than the cap, evicting only sessions no longer in use', async () => {
    // Bounded by work, not time, so that even a slow machine creates several times the cap.
    const load = await running.soak(clients, 60, 'capped', CAP * 3);
    console.log(
      `concurrency soak: ${clients} clients, ${load.flows} sessions created, at most ${load.peakSessions} kept (cap ${CAP}), ${load.errors.length} errors`,
    );
    expect(load.errors.slice(0, 10), `${load.errors.length} errors`).toEqual([]);
    expect(load.flows, 'more sessions were created than the cap allows').toBeGreaterThan(CAP);
    expect(load.peakSessions).toBeLessThanOrEqual(CAP);
    expect(await running.sessionCount()).toBeLessThanOrEqual(CAP);
  });

  it('forgets idle sessions after the TTL and returns near the baseline heap', async () => {
    expect(await running.sessionCount()).toBeGreaterThan(0);
    const held = (await running.heap()) - baseline;
    running.clock.skip(TTL_MS + 1);
    await running.sandbox.sessions.sweep(); // the sweeper's round (its interval is tested in test/integration/controlled-clock.test.ts)
    expect(await running.sessionCount(), 'every idle session expired').toBe(0);
    const retained = (await running.heap()) - baseline;
    console.log(
      `concurrency soak: ${CAP} capped sessions held ${(held / MB).toFixed(1)} MB above baseline; once every one expired, ${(retained / MB).toFixed(1)} MB`,
    );
    expect(retained).toBeLessThan(TOLERANCE_BYTES);
    expect(retained, 'expiry freed most of what the sessions held').toBeLessThan(held / 2);
  });
});
