import { toLatencySummary, type LatencySummary } from './latency-percentiles.js';
import type { LoadPlan } from './measure-throughput.js';
import { runPacedLoad } from './paced-load.js';

/** A fixed-rate run's settings: the total rate across all connections, and how long to warm up and measure. */
export interface FixedRateSettings {
  requestsPerSecond: number;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** What one fixed-rate run measured: the rate actually reached and the exact latencies' percentiles. */
export interface FixedRateFigures extends LatencySummary {
  askedRate: number;
  /** Responses per second of wall time over the measured run. */
  achievedRate: number;
  /** Non-2xx answers, socket errors, timeouts and failed envelopes. */
  failures: number;
  /** Requests written more than 1 ms after their due time (the client's 1 ms timer firing late, or every connection busy). */
  queuedLate?: number;
  /** With a signed-request pool: requests signed during the measured run because the pool ran dry. */
  signedOnTheFly?: number;
}

/**
 * Drive one running server at a fixed total rate, requests spread evenly (see `runPacedLoad`), after a warm-up at the
 * same rate, and compute the percentiles from every response's exact latency (float ms from write to last byte).
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
    ...toLatencySummary(run.latenciesMs),
    askedRate: settings.requestsPerSecond,
    achievedRate: (run.latenciesMs.length + run.failures) / run.elapsedSeconds,
    failures: run.failures,
    queuedLate: run.queuedLate,
    ...(pool ? { signedOnTheFly: pool.signedOnTheFly } : {}),
  };
}
