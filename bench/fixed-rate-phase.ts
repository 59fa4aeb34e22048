import { BASELINE_ID, type ThroughputTarget } from './bench-targets.js';
import { measureFixedRate, type FixedRateFigures, type FixedRateSettings } from './measure-fixed-rate.js';
import type { OperationClass } from './operation-classes.js';
import { raisePriority } from './load-priority.js';
import { toRunOrder } from './run-order.js';
import { startServer } from './server-process.js';

/** The rate of the latency goal ("p99 ≤ 2 ms at a fixed moderate rate, e.g. 5,000 req/s"). */
export const DEFAULT_FIXED_RATE = 5_000;

/** One operation class at the fixed rate: the sandbox and its plain Fastify limit, one entry per round. */
export interface FixedRateClassRuns {
  name: string;
  sandbox: FixedRateFigures[];
  limit: FixedRateFigures[];
  /** The `--compare` build in the same rounds, when the bench has one: a change's latency before and after. */
  compare?: FixedRateFigures[];
}

/**
 * Reads `--fixed-rate`: a whole number of requests per second, 0 to skip the phase.
 *
 * @example
 * toFixedRate(undefined); // 5000
 */
export function toFixedRate(flag: string | undefined): number {
  const rate = Number((flag ?? String(DEFAULT_FIXED_RATE)).replaceAll('_', ''));
  if (!Number.isInteger(rate) || rate < 0) throw new Error(`--fixed-rate: "${flag}" is not a whole number of requests per second (0 skips)`);
  return rate;
}

/** One line for `--dry-run`. */
export function describeFixedRate(rate: number, durationSeconds: number): string {
  return rate > 0 ? `fixed-rate latency at ${rate} req/s for ${durationSeconds} s per target (--fixed-rate)` : 'no fixed-rate phase (--fixed-rate 0)';
}

/**
 * For each operation class, its sandbox target and its plain Fastify limit at the same fixed total rate, each on a
 * fresh server, side by side in an order that changes each round as the throughput phase's does (run-order.ts).
 */
export async function runFixedRatePhase(
  targets: readonly ThroughputTarget[],
  classes: readonly OperationClass[],
  options: { rounds: number; settings: FixedRateSettings; log: (line: string) => void },
): Promise<FixedRateClassRuns[]> {
  const byId = (id: string) => {
    const found = targets.find((target) => target.id === id);
    if (!found) throw new Error(`no target "${id}" for the fixed-rate phase`);
    return found;
  };
  const runs: FixedRateClassRuns[] = classes.map(({ name, compareId }) => ({
    name,
    sandbox: [],
    limit: [],
    ...(targets.some((target) => target.id === compareId) ? { compare: [] } : {}),
  }));
  const jobs = classes.flatMap((operationClass, index) => {
    const { limit, sandbox, compare } = runs[index]!;
    return [
      { target: byId(operationClass.limitId), into: limit },
      { target: byId(operationClass.sandboxId), into: sandbox },
      ...(compare ? [{ target: byId(operationClass.compareId), into: compare }] : []),
    ];
  });
  for (let round = 0; round < options.rounds; round++) {
    const order = toRunOrder(
      jobs.map((job) => ({ id: job.target.id, ...(job.target.limitId ? { limitId: job.target.limitId } : {}), job })),
      round,
      BASELINE_ID,
    );
    for (const { job } of order) {
      const server = await startServer(job.target.server);
      const priority = raisePriority([server.pid]);
      try {
        const figures = { ...(await measureFixedRate(server.url, job.target.load, options.settings)), atRaisedPriority: priority.raised };
        job.into[round] = figures;
        const dry = figures.signedOnTheFly === undefined ? '' : `  signed on the fly ${figures.signedOnTheFly}`;
        options.log(
          `fixed-rate round ${round + 1}/${options.rounds} ${job.target.id.padEnd(16)} ${figures.achievedRate.toFixed(0).padStart(6)} of ${figures.askedRate} req/s  p50 ${figures.p50Ms.toFixed(2)} ms  p99 ${figures.p99Ms.toFixed(2)} ms  max ${figures.maxMs.toFixed(2)} ms  (p99 from wake ${figures.fromWake?.p99Ms.toFixed(2)} ms, from write ${figures.fromWrite?.p99Ms.toFixed(2)} ms; client wake p99 ${figures.wakeLagP99Ms?.toFixed(2)} ms; ${figures.queuedLate ?? 0} sent > 1 ms late)  failures ${figures.failures}${dry}`,
        );
      } finally {
        priority.restore();
        await server.stop();
      }
    }
  }
  return runs;
}
