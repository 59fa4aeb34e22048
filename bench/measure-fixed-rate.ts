import autocannon from 'autocannon';
import { toLatencySummary, type LatencySummary } from './latency-percentiles.js';
import { withBodyCheck, type LoadPlan } from './measure-throughput.js';

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
  /** With a signed-request pool: requests signed during the measured run because the pool ran dry. */
  signedOnTheFly?: number;
}

/**
 * Drive one running server at a fixed total rate (autocannon's `overallRate`) and keep every response's latency as
 * autocannon measured it (float ms from send to last byte), for percentiles finer than its 1 ms histogram.
 */
export async function measureFixedRate(url: string, plan: LoadPlan, settings: FixedRateSettings): Promise<FixedRateFigures> {
  const { pool } = plan;
  const rate = settings.requestsPerSecond;
  const base = { url, connections: settings.connections, overallRate: rate, timeout: 10 };
  if (settings.warmupSeconds > 0) {
    pool?.refill(settings.warmupSeconds, rate);
    await autocannon({ ...base, duration: settings.warmupSeconds, requests: plan.requests });
  }
  pool?.refill(settings.durationSeconds, rate);
  let envelopeFailures = 0;
  const latencies: number[] = [];
  const startedAt = performance.now();
  const instance = autocannon({ ...base, duration: settings.durationSeconds, requests: withBodyCheck(plan, () => envelopeFailures++) });
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => latencies.push(responseTimeMs));
  const result = await instance;
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return {
    ...toLatencySummary(latencies),
    askedRate: rate,
    achievedRate: latencies.length / elapsedSeconds,
    failures: result.non2xx + result.errors + result.timeouts + envelopeFailures,
    ...(pool ? { signedOnTheFly: pool.signedOnTheFly } : {}),
  };
}
