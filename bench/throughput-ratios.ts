import { median } from './measure-cold-start.js';
import type { ThroughputFigures } from './measure-throughput.js';

/** One target's measurements, one entry per round (in round order). */
export interface ThroughputRounds {
  id: string;
  label: string;
  rounds: ThroughputFigures[];
  /** The plain Fastify target serving the same request (its operation class's limit); the GET one when unset. */
  limitId?: string;
}

/**
 * The ratio of a target to a reference, as the median of per-round ratios: both were measured minutes apart at most,
 * so each round's ratio cancels most of the machine's drift.
 *
 * @example
 * ratioTo(sandboxToggle, baselineToggle); // 0.62: 62 % of plain Fastify's req/s on the same POST
 */
export function ratioTo(target: ThroughputRounds, reference: ThroughputRounds): number {
  const ratios = target.rounds.map((round, index) => round.requestsPerSecond / (reference.rounds[index]?.requestsPerSecond ?? Number.NaN));
  return median(ratios);
}

/**
 * The same ratio from the servers' CPU time per request (reference µs / target µs): what each would serve per core.
 * It moves less than req/s when other work on the machine takes turns with the server.
 */
export function cpuRatioTo(target: ThroughputRounds, reference: ThroughputRounds): number {
  const ratios = target.rounds.map(
    (round, index) => (reference.rounds[index]?.serverCpuMicrosPerRequest ?? Number.NaN) / (round.serverCpuMicrosPerRequest ?? Number.NaN),
  );
  return median(ratios.filter((ratio) => Number.isFinite(ratio)));
}
