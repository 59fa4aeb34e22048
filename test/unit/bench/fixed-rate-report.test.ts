import { describe, expect, it } from 'vitest';
import type { FixedRateClassRuns } from '../../../bench/fixed-rate-phase.js';
import { toFixedRate } from '../../../bench/fixed-rate-phase.js';
import { fixedRateChecks, fixedRateNotes, fixedRateTable, toFixedRateMedians } from '../../../bench/fixed-rate-report.js';
import type { FixedRateFigures } from '../../../bench/measure-fixed-rate.js';

const run = (p99Ms: number, achievedRate = 5_000, extra: Partial<FixedRateFigures> = {}): FixedRateFigures => ({
  count: achievedRate * 3,
  p50Ms: p99Ms / 4,
  p99Ms,
  maxMs: p99Ms * 3,
  askedRate: 5_000,
  achievedRate,
  failures: 0,
  fromWrite: { count: achievedRate * 3, p50Ms: p99Ms / 8, p99Ms: p99Ms / 2, maxMs: p99Ms * 2 },
  fromWake: { count: achievedRate * 3, p50Ms: p99Ms / 5, p99Ms: p99Ms * 0.8, maxMs: p99Ms * 2.5 },
  wakeLagP99Ms: 0.1,
  atRaisedPriority: true,
  ...extra,
});

describe('toFixedRateMedians', () => {
  it('takes medians over rounds, the worst max of any round, and sums failures and on-the-fly signatures', () => {
    const medians = toFixedRateMedians([
      run(1.2, 4_990, { signedOnTheFly: 0 }),
      run(3, 4_900, { signedOnTheFly: 4 }),
      run(1, 5_000, { signedOnTheFly: 0, failures: 1 }),
    ]);
    expect(medians).toMatchObject({ askedRate: 5_000, achievedRate: 4_990, p99Ms: 1.2, p50Ms: 0.3, maxMs: 9, failures: 1, signedOnTheFly: 4 });
    expect(medians).toMatchObject({ fromWriteP99Ms: 0.6, fromWakeP99Ms: 0.96, wakeLagP99Ms: 0.1, atRaisedPriority: true });
  });

  it('says a class ran at raised priority only when every round did', () => {
    expect(toFixedRateMedians([run(1), run(1, 5_000, { atRaisedPriority: false })]).atRaisedPriority).toBe(false);
  });
});

describe('fixedRateChecks', () => {
  const classes = (sandbox: FixedRateFigures): FixedRateClassRuns[] => [{ name: 'GET status', limit: [run(0.5)], sandbox: [sandbox] }];

  it('passes a class whose sandbox p99 is within 2 ms at the asked rate', () => {
    expect(fixedRateChecks(classes(run(1.85)))).toEqual([
      { goal: 'GET status: p99 ≤ 2 ms at 5,000 req/s', measured: 'p99 1.85 ms at 5000 req/s achieved', pass: true },
    ]);
  });

  it('fails a p99 over 2 ms, a run well short of the asked rate, or one with failed responses', () => {
    expect(fixedRateChecks(classes(run(2.01)))[0]!.pass).toBe(false);
    expect(fixedRateChecks(classes(run(0.5, 4_000)))[0]).toMatchObject({ measured: 'p99 0.50 ms at 4000 req/s achieved', pass: false });
    expect(fixedRateChecks(classes(run(0.5, 5_000, { failures: 3 })))[0]).toMatchObject({
      measured: 'p99 0.50 ms at 5000 req/s achieved, 3 failed',
      pass: false,
    });
  });

  it('says a miss is out of reach here when the plain Fastify limit missed the goal at the same rate', () => {
    const runs: FixedRateClassRuns[] = [{ name: 'GET status', limit: [run(2.4, 4_999)], sandbox: [run(2.2)] }];
    expect(fixedRateChecks(runs)[0]).toMatchObject({ pass: false, outOfReach: 'plain Fastify itself: p99 2.40 ms at 4999 req/s' });
    expect(fixedRateChecks(classes(run(2.2)))[0]).not.toHaveProperty('outOfReach');
  });

  it('says beside the figure when the client itself woke late (the verdict stays the one from the due time)', () => {
    expect(fixedRateChecks(classes(run(1.85, 5_000, { wakeLagP99Ms: 0.8 })))[0]).toEqual({
      goal: 'GET status: p99 ≤ 2 ms at 5,000 req/s',
      measured: 'p99 1.85 ms at 5000 req/s achieved (client late: wake p99 0.80 ms; from its wake-up p99 1.48 ms)',
      pass: true,
    });
  });

  it("prints the limit and the sandbox of each class with asked and achieved rate, p50, p99 and max from the due time, p99 from the client's wake-up and from the write, and the client wake p99", () => {
    const table = fixedRateTable(classes(run(1.5, 4_996)));
    expect(table.split('\n').slice(2)).toEqual([
      '| GET status | plain Fastify (its limit) | 5000 | 5000 | 0.13 | 0.50 | 1.50 | 0.40 | 0.25 | 0.10 | 0 |',
      '| GET status | mfa-sandbox | 5000 | 4996 | 0.38 | 1.50 | 4.50 | 1.20 | 0.75 | 0.10 | 0 |',
    ]);
  });

  it('adds the --compare build of a class under its sandbox row, from the same rounds', () => {
    const [status] = classes(run(1.5, 4_996));
    const table = fixedRateTable([{ ...status!, compare: [run(3, 5_000)] }]);
    expect(table.split('\n').slice(2)).toEqual([
      '| GET status | plain Fastify (its limit) | 5000 | 5000 | 0.13 | 0.50 | 1.50 | 0.40 | 0.25 | 0.10 | 0 |',
      '| GET status | mfa-sandbox | 5000 | 4996 | 0.38 | 1.50 | 4.50 | 1.20 | 0.75 | 0.10 | 0 |',
      '| GET status | compare build | 5000 | 5000 | 0.75 | 3.00 | 9.00 | 2.40 | 1.50 | 0.10 | 0 |',
    ]);
  });

  it('notes under the table whether client and server ran at raised priority', () => {
    expect(fixedRateNotes(classes(run(1))).join('\n')).toMatch(/ran at nice -15 during this phase/);
    expect(fixedRateNotes(classes(run(1, 5_000, { atRaisedPriority: false }))).join('\n')).toMatch(
      /normal priority \(raising it to nice -15 was not permitted\)/,
    );
  });
});

describe('toFixedRate', () => {
  it('defaults to 5,000 req/s, takes 0 to skip the phase, and refuses anything but a whole number', () => {
    expect(toFixedRate(undefined)).toBe(5_000);
    expect(toFixedRate('0')).toBe(0);
    expect(toFixedRate('10_000')).toBe(10_000);
    expect(() => toFixedRate('fast')).toThrow(/--fixed-rate: "fast"/);
    expect(() => toFixedRate('-1')).toThrow(/--fixed-rate/);
  });
});
