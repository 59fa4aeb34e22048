import { describe, expect, it } from 'vitest';
import { percentile, toLatencySummary } from '../../../bench/latency-percentiles.js';

describe('percentile (nearest rank)', () => {
  it('is the smallest value with at least p % of the values at or below it', () => {
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1); // 1..100
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
  });

  it('gives the single value for one sample and NaN for none', () => {
    expect(percentile([0.731], 99)).toBe(0.731);
    expect(percentile([], 99)).toBeNaN();
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('toLatencySummary', () => {
  it('sorts latencies given in any order and keeps their fractions (autocannon rounds to whole ms)', () => {
    // 1,000 latencies 0.001..1.000 ms shuffled by a fixed stride, plus nothing else: p99 is the 990th smallest.
    const latencies = Array.from({ length: 1000 }, (_, index) => (((index * 7919) % 1000) + 1) / 1000);
    expect(toLatencySummary(latencies)).toEqual({ count: 1000, p50Ms: 0.5, p99Ms: 0.99, maxMs: 1 });
  });

  it('lets one slow response out of 100 set the max but not the p99', () => {
    const latencies = [...Array.from({ length: 99 }, () => 0.4), 12.5];
    expect(toLatencySummary(latencies)).toMatchObject({ p99Ms: 0.4, maxMs: 12.5 });
  });
});
