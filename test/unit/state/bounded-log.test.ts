import { describe, expect, it } from 'vitest';
import { BoundedLog } from '../../../src/state/bounded-log.js';

describe('BoundedLog', () => {
  it('keeps the last size entries, oldest first, however often it wraps', () => {
    const log = new BoundedLog<number>(3);
    for (let n = 0; n < 8; n++) log.append(n);
    expect(log.length).toBe(3);
    expect(log.entries()).toEqual([5, 6, 7]);
    expect(log.entries(2)).toEqual([6, 7]);
    expect(log.entries(0)).toEqual([]);
    expect(log.entries(99)).toEqual([5, 6, 7]);
    expect(log.dropped).toBe(5);
  });

  it('counts what it let go of: nothing while it has room, even when exactly full', () => {
    const log = new BoundedLog<number>(2);
    log.append(1);
    log.append(2);
    expect([log.length, log.dropped]).toEqual([2, 0]);
    log.append(3);
    expect([log.length, log.dropped]).toEqual([2, 1]);
  });

  it('hands out copies: a reader cannot change the log', () => {
    const log = new BoundedLog<number>(3);
    log.append(1);
    log.entries().push(2);
    expect(log.entries()).toEqual([1]);
  });

  it('keeps nothing when its size is 0', () => {
    const log = new BoundedLog<number>(0);
    log.append(1);
    expect(log.entries()).toEqual([]);
  });
});
