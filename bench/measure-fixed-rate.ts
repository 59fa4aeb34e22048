import { percentile, toLatencySummary, type LatencySummary } from './latency-percentiles.js';
import type { LoadPlan } from './measure-throughput.js';
import { runPacedLoad } from './paced-load.js';

/** A fixed-rate run's settings: the total rate across all connections, and how long to warm up and measure. */
export interface FixedRateSettings {
  requestsPerSecond: number;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/**
 * What one fixed-rate run measured: the rate actually reached and the exact latencies' percentiles. `p50Ms`, `p99Ms`
 * and `maxMs` are measured from each request's due time (coordinated-omission-free), and they are what the goal is
 * judged on; `fromWrite` is the same responses measured from the socket write, `fromWake` from the moment the client
 * first ran after each due time, and `wakeLagP99Ms` says how late the client itself was (when it is large, the client
 * did not keep its schedule, and the figures from the due time are partly the client's).
 */
export interface FixedRateFigures extends LatencySummary {
  askedRate: number;
  /** Responses per second of wall time over the measured run. */
  achievedRate: number;
  /** Non-2xx answers, socket errors, timeouts and failed envelopes. */
  failures: number;
  /** The same responses' latencies from the moment each request was written, not from its due time. */
  fromWrite?: LatencySummary;
  /** The same from the moment the client first ran after each due time: without the client's own lateness. */
  fromWake?: LatencySummary;
  /** p99 of how long after its due time each request was written (the client's lateness plus any wait for a free connection). */
  sendLagP99Ms?: number;
  /** p99 of how late the client woke for each due time: its own lateness. Large, and the figures are the client's. */
  wakeLagP99Ms?: number;
  /** Requests written more than 1 ms after their due time (the client waking late, or every connection busy). */
  queuedLate?: number;
  /** The client and the server ran at raised priority (see `raisePriority`). */
  atRaisedPriority?: boolean;
  /** With a signed-request pool: requests signed during the measured run because the pool ran dry. */
  signedOnTheFly?: number;
}

/**
 * Drive one running server at a fixed total rate, requests spread evenly (see `runPacedLoad`), after a warm-up at the
 * same rate, and compute the percentiles from every response's exact latency (float ms, from its due time to its last
 * byte, and from its write to its last byte).
 */
export async function measureFixedRate(url: string, plan: LoadPlan, settings: FixedRateSettings): Promise<FixedRateFigures> {
  const { pool } = plan;
  const paced = { requestsPerSecond: settings.requestsPerSecond, connections: settings.connections };
  if (settings.warmupSeconds > 0) {
    pool?.refill(settings.warmupSeconds, settings.requestsPerSecond);
    await runPacedLoad(url, plan, { ...paced, durationSeconds: settings.warmupSeconds });
  }
  pool?.refill(settings.durationSeconds, settings.requestsPerSecond);
  const run = await runPacedLoad(url, plan, { ...paced, durationSeconds: settings.durationSeconds });
  return {
    ...toLatencySummary(run.fromDueMs),
    askedRate: settings.requestsPerSecond,
    achievedRate: (run.fromDueMs.length + run.failures) / run.elapsedSeconds,
    failures: run.failures,
    fromWrite: toLatencySummary(run.fromWriteMs),
    fromWake: toLatencySummary(run.fromWakeMs),
    sendLagP99Ms: percentile(Float64Array.from(run.sendLagMs).sort(), 99),
    wakeLagP99Ms: percentile(Float64Array.from(run.wakeLagMs).sort(), 99),
    queuedLate: run.queuedLate,
    ...(pool ? { signedOnTheFly: pool.signedOnTheFly } : {}),
  };
}
