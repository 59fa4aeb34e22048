import autocannon, { type AutocannonRequest } from 'autocannon';
import type { CpuTimes } from './server-process.js';
import type { SignedRequestPool } from './signed-request-pool.js';

/** What one target is asked to do under load: a request list each connection cycles through. */
export interface LoadPlan {
  requests: AutocannonRequest[];
  /**
   * For vendors that answer errors with HTTP 200 (GenAuth's envelope carries `statusCode`), whether a 2xx body is
   * really a success. Without it, the HTTP status alone decides.
   */
  isSuccessBody?: (body: string) => boolean;
  /** Requests signed ahead of each run (GenAuth), refilled before the warm-up and before the measured run. */
  pool?: SignedRequestPool;
}

export interface ThroughputFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  /** Responses that were not a success: non-2xx statuses, failed envelopes, socket errors and timeouts. */
  failures: number;
  /** Count per HTTP status, e.g. `{ "200": 51234 }`. */
  statuses: Record<string, number>;
  /** The server process's CPU time per request during the measured run, in µs (undefined without /proc). */
  serverCpuMicrosPerRequest: number | undefined;
  /** Of that, the kernel's time on the server's behalf (its socket reads and writes, mostly), in µs per request. */
  serverKernelMicrosPerRequest: number | undefined;
  /** The server process's resident memory (VmRSS) at the end of the measured run, in bytes (undefined without /proc). */
  serverRssBytes: number | undefined;
  /** With a signed-request pool: requests signed ahead, and those signed during the measured run because it ran dry. */
  pool?: { size: number; signedOnTheFly: number };
}

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

/** The plan's requests, each also counting a 2xx whose body is not a success (`isSuccessBody`). */
export function withBodyCheck(plan: LoadPlan, onFailure: () => void): AutocannonRequest[] {
  const { isSuccessBody } = plan;
  if (!isSuccessBody) return plan.requests;
  return plan.requests.map((request) => ({
    ...request,
    onResponse: (status, body) => {
      if (status >= 200 && status < 300 && !isSuccessBody(body)) onFailure();
    },
  }));
}

/**
 * Drive one running server with autocannon: a warm-up (JIT, caches, first sessions) that is thrown away, then the
 * measured run. Latency percentiles are autocannon's, in milliseconds. The server's RSS is read as the measured run
 * ends, while it still holds whatever the load made it allocate.
 */
export async function measureThroughput(
  url: string,
  plan: LoadPlan,
  settings: LoadSettings,
  serverCpu: () => CpuTimes | undefined = () => undefined,
  serverRssBytes: () => number | undefined = () => undefined,
): Promise<ThroughputFigures> {
  const { pool } = plan;
  if (settings.warmupSeconds > 0) {
    pool?.refill(settings.warmupSeconds);
    // The warm-up's rate is not recorded for sizing: a fresh server is slowest in its first second (cold JIT).
    await autocannon({ url, connections: settings.connections, duration: settings.warmupSeconds, requests: plan.requests });
  }
  let envelopeFailures = 0;
  pool?.refill(settings.durationSeconds); // signed now, so every date is fresh and no nonce was ever sent before
  const cpuBefore = serverCpu();
  const result = await autocannon({
    url,
    connections: settings.connections,
    duration: settings.durationSeconds,
    timeout: 10,
    requests: withBodyCheck(plan, () => envelopeFailures++),
  });
  const cpuAfter = serverCpu();
  const rssBytes = serverRssBytes();
  pool?.recordRate(result.requests.average);
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + envelopeFailures,
    statuses,
    ...toCpuPerRequest(cpuBefore, cpuAfter, result.requests.total),
    serverRssBytes: rssBytes,
    ...(pool ? { pool: { size: pool.size, signedOnTheFly: pool.signedOnTheFly } } : {}),
  };
}

/** The server's CPU time between two readings, in µs per request: in all, and the kernel's part of it. */
function toCpuPerRequest(
  before: CpuTimes | undefined,
  after: CpuTimes | undefined,
  requests: number,
): Pick<ThroughputFigures, 'serverCpuMicrosPerRequest' | 'serverKernelMicrosPerRequest'> {
  if (before === undefined || after === undefined || requests === 0) return { serverCpuMicrosPerRequest: undefined, serverKernelMicrosPerRequest: undefined };
  const kernelMs = after.kernelMs - before.kernelMs;
  const totalMs = after.userMs - before.userMs + kernelMs;
  return { serverCpuMicrosPerRequest: (totalMs * 1000) / requests, serverKernelMicrosPerRequest: (kernelMs * 1000) / requests };
}
