import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';

/**
 * The store skips re-inserting an entry that is already the most recently used one (a busy session read request
 * after request). These pin that the recency order, eviction and sweeping stay exactly as if it always re-inserted.
 */
function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryStateStore recency', () => {
  it('reading the newest entry again and again keeps it newest, and the others in order', () => {
    const store = new MemoryStateStore<string>({ ttlMs: 1000, maxEntries: 3, now: () => Date.now() });
    store.set('a', '1');
    store.set('b', '2');
    store.set('c', '3');
    for (let i = 0; i < 3; i++) expect(store.get('c')).toBe('3');
    store.get('a');
    store.get('a');
    expect(store.keys()).toEqual(['b', 'c', 'a']);
    store.set('d', '4'); // evicts b, the least recently used
    expect(store.keys()).toEqual(['c', 'a', 'd']);
  });

  it('a newest entry deleted and set again is newest; one deleted for good is simply gone', () => {
    const store = new MemoryStateStore<string>({ ttlMs: 1000, maxEntries: 3, now: () => Date.now() });
    store.set('a', '1');
    store.set('b', '2');
    store.delete('b');
    expect(store.get('b')).toBeUndefined();
    store.set('c', '3');
    store.set('b', '2 again');
    store.get('a');
    expect(store.keys()).toEqual(['c', 'b', 'a']);
    expect(store.get('b')).toBe('2 again');
    expect(store.keys()).toEqual(['c', 'a', 'b']);
  });

  it('sweeping stops at the first fresh entry even when the newest was only touched in place', () => {
    const time = clock();
    const store = new MemoryStateStore<string>({ ttlMs: 100, maxEntries: 10, now: time.now });
    store.set('idle', 'x');
    store.set('busy', 'y');
    for (let i = 0; i < 4; i++) {
      time.advance(40);
      expect(store.get('busy')).toBe('y');
    }
    expect(store.sweep()).toBe(1);
    expect(store.keys()).toEqual(['busy']);
    time.advance(101);
    expect(store.get('busy')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});
