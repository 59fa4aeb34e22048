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
  return median(roundRatios(target, reference));
}

/**
 * The lowest and the highest of the per-round ratios `ratioTo` takes the median of: how far the rounds agree. Undefined
 * with fewer than two rounds.
 *
 * @example
 * ratioRange(sandboxGenauth, baselineGenauth); // { low: 0.42, high: 0.92 }: a median of 0.69 says little that day
 */
export function ratioRange(target: ThroughputRounds, reference: ThroughputRounds): { low: number; high: number } | undefined {
  const ratios = roundRatios(target, reference).filter((ratio) => Number.isFinite(ratio));
  return ratios.length < 2 ? undefined : { low: Math.min(...ratios), high: Math.max(...ratios) };
}

function roundRatios(target: ThroughputRounds, reference: ThroughputRounds): number[] {
  return target.rounds.map((round, index) => round.requestsPerSecond / (reference.rounds[index]?.requestsPerSecond ?? Number.NaN));
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
