import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryStateStore', () => {
  it('stores, reads and deletes', () => {
    const store = new MemoryStateStore<string>({ ttlMs: 1000, maxEntries: 10, now: () => Date.now() });
    store.set('a', '1');
    expect(store.get('a')).toBe('1');
    expect(store.delete('a')).toBe(true);
    expect(store.get('a')).toBeUndefined();
    expect(store.delete('a')).toBe(false);
  });

  it('forgets the least recently used entry beyond maxEntries', () => {
    const store = new MemoryStateStore<string>({ ttlMs: 1000, maxEntries: 2, now: () => Date.now() });
    store.set('a', '1');
    store.set('b', '2');
    store.get('a'); // a is now more recent than b
    store.set('c', '3');
    expect(store.keys()).toEqual(['a', 'c']);
    expect(store.size).toBe(2);
  });

  it('expires entries idle longer than the TTL, on read and on sweep', () => {
    const time = clock();
    const store = new MemoryStateStore<string>({ ttlMs: 100, maxEntries: 10, now: time.now });
    store.set('old', 'x');
    time.advance(60);
    store.set('young', 'y');
    time.advance(60);
    expect(store.sweep()).toBe(1);
    expect(store.keys()).toEqual(['young']);
    time.advance(101);
    expect(store.get('young')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('keeps an entry alive while it is used', () => {
    const time = clock();
    const store = new MemoryStateStore<string>({ ttlMs: 100, maxEntries: 10, now: time.now });
    store.set('busy', 'x');
    for (let i = 0; i < 5; i++) {
      time.advance(90);
      expect(store.get('busy')).toBe('x');
    }
  });
});
