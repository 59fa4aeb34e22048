import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AvailabilityReport, STEADY_FOR_MS } from '../../../src/postgres/availability-report.js';

describe("the state store's outage report", () => {
  let report: AvailabilityReport;
  let told: Array<[boolean, string | undefined]>;
  beforeEach(() => {
    vi.useFakeTimers();
    report = new AvailabilityReport();
    told = [];
    report.subscribe((available, reason) => told.push([available, reason]));
  });
  afterEach(() => {
    report.close();
    vi.useRealTimers();
  });

  it('tells an outage at once and its end once the database has answered for a second', () => {
    report.succeeded(); // up all along: nothing to tell
    report.failed('connect ECONNREFUSED');
    report.failed('connect ECONNREFUSED'); // every request of the outage: told once
    expect(told).toEqual([[false, 'connect ECONNREFUSED']]);
    report.succeeded();
    vi.advanceTimersByTime(STEADY_FOR_MS - 1);
    expect(told).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(told).toEqual([
      [false, 'connect ECONNREFUSED'],
      [true, undefined],
    ]);
  });

  it('tells one pair for a restart whose old connections fail one by one after the first answer', () => {
    report.failed('write CONNECTION_ENDED');
    for (let flap = 0; flap < 3; flap++) {
      report.succeeded();
      vi.advanceTimersByTime(100);
      report.failed('terminating connection due to administrator command');
    }
    report.succeeded();
    vi.advanceTimersByTime(STEADY_FOR_MS);
    report.failed('connect ECONNREFUSED'); // a later outage is told again
    expect(told.map(([available]) => available)).toEqual([false, true, false]);
  });

  it('tells no end after its store closed', () => {
    report.failed('connect ECONNREFUSED');
    report.succeeded();
    report.close();
    vi.advanceTimersByTime(STEADY_FOR_MS * 2);
    expect(told).toEqual([[false, 'connect ECONNREFUSED']]);
  });
});
