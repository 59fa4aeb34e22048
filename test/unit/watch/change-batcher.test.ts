import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChangeBatcher } from '../../../src/watch/change-batcher.js';

describe('createChangeBatcher (debounce of file changes)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands over a burst once, after the quiet time, each path once in the order first seen', () => {
    const batches: string[][] = [];
    const batcher = createChangeBatcher((paths) => batches.push(paths), { quietMs: 100, maxWaitMs: 1000 });
    batcher.add('a.yaml');
    vi.advanceTimersByTime(60);
    batcher.add('b.yaml');
    batcher.add('a.yaml');
    vi.advanceTimersByTime(99); // 99 ms after the last change: still within the burst
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([['a.yaml', 'b.yaml']]);
    vi.advanceTimersByTime(5000);
    expect(batches).toHaveLength(1);
  });

  it('hands over at the latest maxWaitMs after the first change, even while changes keep coming', () => {
    const batches: string[][] = [];
    const batcher = createChangeBatcher((paths) => batches.push(paths), { quietMs: 100, maxWaitMs: 300 });
    for (let elapsed = 0; elapsed < 300; elapsed += 50) {
      batcher.add(`file-${elapsed}.yaml`);
      vi.advanceTimersByTime(50);
    }
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(6);
    batcher.add('later.yaml'); // a new burst starts its own batch
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([expect.any(Array), ['later.yaml']]);
  });

  it('cancel drops what is pending', () => {
    const batches: string[][] = [];
    const batcher = createChangeBatcher((paths) => batches.push(paths), { quietMs: 100, maxWaitMs: 1000 });
    batcher.add('a.yaml');
    batcher.cancel();
    vi.advanceTimersByTime(2000);
    expect(batches).toEqual([]);
  });
});
