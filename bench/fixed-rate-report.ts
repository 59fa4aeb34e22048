import type { FixedRateClassRuns } from './fixed-rate-phase.js';
import { median } from './measure-cold-start.js';
import { LOAD_NICE } from './load-priority.js';
import type { FixedRateFigures } from './measure-fixed-rate.js';

/** The issue's latency goal at the fixed rate. */
export const FIXED_RATE_P99_GOAL_MS = 2;
/**
 * A run that reached less than this share of the asked rate did not measure latency "at" that rate (the client or the
 * machine could not keep up), so it cannot pass.
 */
export const MIN_ACHIEVED_SHARE = 0.9;
/**
 * Above this p99 of the client's own wake-up lateness, a run's latencies are partly the client's: the Targets row says
 * so beside the figure (the verdict stays the one from the due time, which is the honest one when the client keeps up).
 */
export const CLIENT_LATE_P99_MS = 0.5;

/** Medians over rounds, except `maxMs`: the worst latency of any round. */
export interface FixedRateMedians {
  askedRate: number;
  achievedRate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failures: number;
  signedOnTheFly: number | undefined;
  /** p99 from the write, not the due time (the server's share without any wait for the client or a connection). */
  fromWriteP99Ms: number;
  /** p99 from the client's wake-up after each due time (without the client's own lateness). */
  fromWakeP99Ms: number;
  /** p99 of the client's wake-up lateness. */
  wakeLagP99Ms: number;
  /** Whether every round ran the client and the server at raised priority. */
  atRaisedPriority: boolean;
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
    fromWriteP99Ms: pick((round) => round.fromWrite?.p99Ms ?? Number.NaN),
    fromWakeP99Ms: pick((round) => round.fromWake?.p99Ms ?? Number.NaN),
    wakeLagP99Ms: pick((round) => round.wakeLagP99Ms ?? Number.NaN),
    atRaisedPriority: rounds.length > 0 && rounds.every((round) => round.atRaisedPriority === true),
  };
}

/** The goal's verdict for a class's sandbox figures: p99 within the goal, at (nearly) the asked rate, nothing failed. */
export function isFixedRatePass(figures: FixedRateMedians): boolean {
  return figures.p99Ms <= FIXED_RATE_P99_GOAL_MS && figures.achievedRate >= MIN_ACHIEVED_SHARE * figures.askedRate && figures.failures === 0;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

/**
 * The fixed-rate table: per class, the sandbox and its plain Fastify limit. p50, p99 and max are from each request's
 * due time; "p99 from wake", "p99 from write" and "client wake p99" show how much of that is the server's and how late
 * the client was.
 */
export function fixedRateTable(runs: readonly FixedRateClassRuns[]): string {
  const rows = runs.flatMap((run) => {
    const row = (target: string, figures: FixedRateMedians) =>
      `| ${run.name} | ${target} | ${figures.askedRate} | ${figures.achievedRate.toFixed(0)} | ${ms(figures.p50Ms)} | ${ms(figures.p99Ms)} | ${ms(figures.maxMs)} | ${ms(figures.fromWakeP99Ms)} | ${ms(figures.fromWriteP99Ms)} | ${ms(figures.wakeLagP99Ms)} | ${figures.failures} |`;
    return [
      row('plain Fastify (its limit)', toFixedRateMedians(run.limit)),
      row('mfa-sandbox', toFixedRateMedians(run.sandbox)),
      ...(run.compare ? [row('compare build', toFixedRateMedians(run.compare))] : []),
    ];
  });
  return [
    '| class | target | asked req/s | achieved req/s | p50 ms | p99 ms | max ms | p99 from wake ms | p99 from write ms | client wake p99 ms | failures |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** What the fixed-rate figures mean, for the lines under the table. */
export function fixedRateNotes(runs: readonly FixedRateClassRuns[]): string[] {
  const all = runs.flatMap((run) => [...run.limit, ...run.sandbox]);
  const raised = all.length > 0 && all.every((round) => round.atRaisedPriority === true);
  return [
    '- Latency is measured from each request\'s due time on an open-loop schedule (a request that waited for the client or for a free connection counts the wait; no coordinated omission), and the goal is judged on it. "p99 from wake" is the same responses from the moment the client first ran after each due time (the client\'s own lateness left out, a wait for a free connection kept in), "p99 from write" from the moment each request was written (the server alone), and "client wake p99" is how late the client itself ran after its due times (raw sockets, prebuilt requests, a worker-thread metronome): when it nears the p99, the figure from the due time is partly the client\'s.',
    raised
      ? `- Client and server ran at nice ${LOAD_NICE} during this phase, so other work on the machine preempted them less (not never: the client wake p99 shows what was left).`
      : `- Client and server ran at normal priority (raising it to nice ${LOAD_NICE} was not permitted): other work on the machine shows in these figures.`,
  ];
}

/** One Targets row per class: "p99 ≤ 2 ms at <rate> req/s", judged on the sandbox's figures. */
export function fixedRateChecks(runs: readonly FixedRateClassRuns[]): Array<{ goal: string; measured: string; pass: boolean; outOfReach?: string }> {
  return runs.map((run) => {
    const figures = toFixedRateMedians(run.sandbox);
    const limit = toFixedRateMedians(run.limit);
    const rate = figures.askedRate.toLocaleString('en-US');
    return {
      goal: `${run.name}: p99 ≤ ${FIXED_RATE_P99_GOAL_MS} ms at ${rate} req/s`,
      measured: `p99 ${ms(figures.p99Ms)} ms at ${figures.achievedRate.toFixed(0)} req/s achieved${figures.failures ? `, ${figures.failures} failed` : ''}${
        figures.wakeLagP99Ms > CLIENT_LATE_P99_MS
          ? ` (client late: wake p99 ${ms(figures.wakeLagP99Ms)} ms; from its wake-up p99 ${ms(figures.fromWakeP99Ms)} ms)`
          : ''
      }`,
      pass: isFixedRatePass(figures),
      // The plain Fastify route at the same rate in the same rounds: when it misses too, so would any server here.
      ...(isFixedRatePass(limit) ? {} : { outOfReach: `plain Fastify itself: p99 ${ms(limit.p99Ms)} ms at ${limit.achievedRate.toFixed(0)} req/s` }),
    };
  });
}
