import type { FixedRateClassRuns } from './fixed-rate-phase.js';
import { median } from './measure-cold-start.js';
import type { FixedRateFigures } from './measure-fixed-rate.js';

/** The issue's latency goal at the fixed rate. */
export const FIXED_RATE_P99_GOAL_MS = 2;
/**
 * A run that reached less than this share of the asked rate did not measure latency "at" that rate (the client or the
 * machine could not keep up), so it cannot pass.
 */
export const MIN_ACHIEVED_SHARE = 0.9;

/** Medians over rounds, except `maxMs`: the worst latency of any round. */
export interface FixedRateMedians {
  askedRate: number;
  achievedRate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: number;
  signedOnTheFly: number | undefined;
}

/** One target's rounds reduced to the figures the report shows. */
export function toFixedRateMedians(rounds: readonly FixedRateFigures[]): FixedRateMedians {
  const pick = (figure: (round: FixedRateFigures) => number) => median(rounds.map(figure));
  const dry = rounds.map((round) => round.signedOnTheFly).filter((count): count is number => count !== undefined);
  return {
    askedRate: rounds[0]?.askedRate ?? Number.NaN,
    achievedRate: pick((round) => round.achievedRate),
    p50Ms: pick((round) => round.p50Ms),
    p99Ms: pick((round) => round.p99Ms),
    maxMs: Math.max(...rounds.map((round) => round.maxMs)),
    failures: rounds.reduce((sum, round) => sum + round.failures, 0),
    signedOnTheFly: dry.length ? dry.reduce((sum, count) => sum + count, 0) : undefined,
  };
}

/** The goal's verdict for a class's sandbox figures: p99 within the goal, at (nearly) the asked rate, nothing failed. */
export function isFixedRatePass(figures: FixedRateMedians): boolean {
  return figures.p99Ms <= FIXED_RATE_P99_GOAL_MS && figures.achievedRate >= MIN_ACHIEVED_SHARE * figures.askedRate && figures.failures === 0;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

/** The fixed-rate table: per class, the sandbox and its plain Fastify limit. */
export function fixedRateTable(runs: readonly FixedRateClassRuns[]): string {
  const rows = runs.flatMap((run) => {
    const row = (target: string, figures: FixedRateMedians) =>
      `| ${run.name} | ${target} | ${figures.askedRate} | ${figures.achievedRate.toFixed(0)} | ${ms(figures.p50Ms)} | ${ms(figures.p99Ms)} | ${ms(figures.maxMs)} | ${figures.failures} |`;
    return [row('plain Fastify (its limit)', toFixedRateMedians(run.limit)), row('mfa-sandbox', toFixedRateMedians(run.sandbox))];
  });
  return ['| class | target | asked req/s | achieved req/s | p50 ms | p99 ms | max ms | failures |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** One Targets row per class: "p99 ≤ 2 ms at <rate> req/s", judged on the sandbox's figures. */
export function fixedRateChecks(runs: readonly FixedRateClassRuns[]): Array<{ goal: string; measured: string; pass: boolean }> {
  return runs.map((run) => {
    const figures = toFixedRateMedians(run.sandbox);
    const rate = figures.askedRate.toLocaleString('en-US');
    return {
      goal: `${run.name}: p99 ≤ ${FIXED_RATE_P99_GOAL_MS} ms at ${rate} req/s`,
      measured: `p99 ${ms(figures.p99Ms)} ms at ${figures.achievedRate.toFixed(0)} req/s achieved${figures.failures ? `, ${figures.failures} failed` : ''}`,
      pass: isFixedRatePass(figures),
    };
  });
}
