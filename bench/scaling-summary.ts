import { median } from './measure-cold-start.js';
import type { ScalingFigures, ScalingRun } from './measure-scaling.js';

/** The medians of one configuration's runs (a number of live sessions, or the extra scenarios). */
export interface ScalingPointSummary {
  sessions: number;
  requestsPerSecond: number;
  /** autocannon's p99 at full load, in whole milliseconds. */
  p99Ms: number;
  /**
   * Medians of the runs at a fixed rate (absent without them): the rate, the exact p99 from each request's due time,
   * the p99 from its write (the server alone) and the client's own wake-up p99.
   */
  fixedRate?: { askedRate: number; p99Ms: number; fromWriteP99Ms: number; wakeLagP99Ms: number };
  serverCpuMicrosPerRequest: number;
  /** Non-2xx answers, socket errors and timeouts, summed over the runs. */
  failures: number;
  requests: number;
  rssBeforeSessionsBytes: number;
  rssWithSessionsBytes: number;
  rssAtEndBytes: number;
  heapWithSessionsBytes: number;
  /** (RSS with the sessions − RSS before them) ÷ sessions, median over the runs. */
  rssPerSessionBytes: number;
  heapPerSessionBytes: number;
  createMs: number;
  /** Median over rounds of this point's req/s ÷ the fewest-sessions point's req/s in the same round. */
  requestsPerSecondVsFewest: number;
  /** The same from server CPU time per request (fewest's µs ÷ this point's µs): what each would serve per core. */
  cpuVsFewest: number;
  /** The load on a few busy sessions among this point's (`BUSY_SESSIONS`): req/s, CPU µs/req and both ratios as above. */
  busyFew: { requestsPerSecond: number; serverCpuMicrosPerRequest: number; requestsPerSecondVsFewest: number; cpuVsFewest: number; failures: number };
}

export interface ScalingSummary {
  points: ScalingPointSummary[];
  scenarios: {
    perSurface: number;
    files: number;
    shipped: ScalingPointSummary;
    extra: ScalingPointSummary;
    /** `extra` with the files cached by an earlier start; `extraUncached` parsing them all (a first start). */
    coldStartMs: { shipped: number; extra: number; extraUncached: number; shippedRuns: number[]; extraRuns: number[]; extraUncachedRuns: number[] };
  };
}

const medianOf = (runs: ScalingRun[], pick: (run: ScalingRun) => number | undefined) =>
  median(runs.map(pick).filter((value): value is number => value !== undefined && Number.isFinite(value)));

/** Median over rounds of a per-round ratio between this configuration's run and the fewest-sessions run. */
function perRoundRatio(runs: ScalingRun[], fewest: ScalingRun[], ratio: (run: ScalingRun, reference: ScalingRun) => number): number {
  return median(runs.map((run, round) => (fewest[round] ? ratio(run, fewest[round]) : Number.NaN)).filter(Number.isFinite));
}

function summarizeFixedRate(runs: ScalingRun[]): ScalingPointSummary['fixedRate'] {
  const measured = runs.flatMap((run) => (run.fixedRate ? [run.fixedRate] : []));
  if (measured.length === 0) return undefined;
  return {
    askedRate: measured[0]!.askedRate,
    p99Ms: median(measured.map((figures) => figures.p99Ms)),
    fromWriteP99Ms: median(measured.map((figures) => figures.fromWrite?.p99Ms ?? Number.NaN).filter(Number.isFinite)),
    wakeLagP99Ms: median(measured.map((figures) => figures.wakeLagP99Ms ?? Number.NaN).filter(Number.isFinite)),
  };
}

function summarize(sessions: number, runs: ScalingRun[], fewest: ScalingRun[]): ScalingPointSummary {
  const fixedRate = summarizeFixedRate(runs);
  return {
    sessions,
    requestsPerSecond: medianOf(runs, (run) => run.throughput.requestsPerSecond),
    p99Ms: medianOf(runs, (run) => run.throughput.p99Ms),
    ...(fixedRate ? { fixedRate } : {}),
    serverCpuMicrosPerRequest: medianOf(runs, (run) => run.throughput.serverCpuMicrosPerRequest),
    failures: runs.reduce((sum, run) => sum + run.throughput.failures, 0),
    requests: runs.reduce((sum, run) => sum + run.throughput.total, 0),
    rssBeforeSessionsBytes: medianOf(runs, (run) => run.beforeSessions.rssBytes),
    rssWithSessionsBytes: medianOf(runs, (run) => run.afterSessions.rssBytes),
    rssAtEndBytes: medianOf(runs, (run) => run.atEnd.rssBytes),
    heapWithSessionsBytes: medianOf(runs, (run) => run.afterSessions.heapUsedBytes),
    rssPerSessionBytes: medianOf(runs, (run) => (run.afterSessions.rssBytes - run.beforeSessions.rssBytes) / sessions),
    heapPerSessionBytes: medianOf(runs, (run) => (run.afterSessions.heapUsedBytes - run.beforeSessions.heapUsedBytes) / sessions),
    createMs: medianOf(runs, (run) => run.createMs),
    requestsPerSecondVsFewest: perRoundRatio(runs, fewest, (run, reference) => run.throughput.requestsPerSecond / reference.throughput.requestsPerSecond),
    cpuVsFewest: perRoundRatio(runs, fewest, (run, reference) => cpuRatio(reference.throughput, run.throughput)),
    busyFew: {
      requestsPerSecond: medianOf(runs, (run) => run.busyFew.requestsPerSecond),
      serverCpuMicrosPerRequest: medianOf(runs, (run) => run.busyFew.serverCpuMicrosPerRequest),
      requestsPerSecondVsFewest: perRoundRatio(runs, fewest, (run, reference) => run.busyFew.requestsPerSecond / reference.throughput.requestsPerSecond),
      cpuVsFewest: perRoundRatio(runs, fewest, (run, reference) => cpuRatio(reference.throughput, run.busyFew)),
      // Where the busy run is the spread run itself (no more sessions than the busy few), its failures count once.
      failures: runs.reduce((sum, run) => sum + (run.busyFew === run.throughput ? 0 : run.busyFew.failures), 0),
    },
  };
}

/** The reference's server CPU per request ÷ this one's: how many of these one core serves per reference request. */
function cpuRatio(reference: ScalingRun['throughput'], measured: ScalingRun['throughput']): number {
  return (reference.serverCpuMicrosPerRequest ?? Number.NaN) / (measured.serverCpuMicrosPerRequest ?? Number.NaN);
}

/** Medians per configuration, the form the report's tables and the chart read. */
export function toScalingSummary(figures: ScalingFigures): ScalingSummary {
  const sorted = [...figures.sessions].sort((a, b) => a.count - b.count);
  const fewest = sorted[0]!;
  const points = sorted.map(({ count, runs }) => summarize(count, runs, fewest.runs));
  const { scenarios } = figures;
  return {
    points,
    scenarios: {
      perSurface: scenarios.perSurface,
      files: scenarios.files,
      shipped: points.find((point) => point.sessions === scenarios.sessions)!,
      extra: summarize(scenarios.sessions, scenarios.extra, fewest.runs),
      coldStartMs: {
        shipped: scenarios.coldStart.shipped.medianMs,
        extra: scenarios.coldStart.extra.medianMs,
        shippedRuns: scenarios.coldStart.shipped.runsMs,
        extraRuns: scenarios.coldStart.extra.runsMs,
        extraUncached: scenarios.coldStart.extraUncached.medianMs,
        extraUncachedRuns: scenarios.coldStart.extraUncached.runsMs,
      },
    },
  };
}
