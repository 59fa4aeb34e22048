import { describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';
import { getValue as get, setValue as set } from '../../harness/key-value-store.js';

/**
 * The store keeps its order of last use in a linked list through the entries (a touch moves two neighbours, not a
 * Map entry). These pin that the recency order, eviction and sweeping are exactly LRU, whatever is touched, deleted
 * or replaced where in the list.
 */
function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemoryStateStore recency', () => {
  it('reading the newest entry again and again keeps it newest, and the others in order', () => {
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 1000, maxEntries: 3, logSize: 5, now: () => Date.now() });
    set(store, 'a', '1');
    set(store, 'b', '2');
    set(store, 'c', '3');
    for (let i = 0; i < 3; i++) expect(get(store, 'c')).toBe('3');
    get(store, 'a');
    get(store, 'a');
    expect(store.keys()).toEqual(['b', 'c', 'a']);
    set(store, 'd', '4'); // evicts b, the least recently used
    expect(store.keys()).toEqual(['c', 'a', 'd']);
  });

  it('a newest entry deleted and set again is newest; one deleted for good is simply gone', () => {
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 1000, maxEntries: 3, logSize: 5, now: () => Date.now() });
    set(store, 'a', '1');
    set(store, 'b', '2');
    store.delete('b');
    expect(get(store, 'b')).toBeUndefined();
    set(store, 'c', '3');
    set(store, 'b', '2 again');
    get(store, 'a');
    expect(store.keys()).toEqual(['c', 'b', 'a']);
    expect(get(store, 'b')).toBe('2 again');
    expect(store.keys()).toEqual(['c', 'a', 'b']);
  });

  it('sweeping stops at the first fresh entry even when the newest was only touched in place', () => {
    const time = clock();
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 100, maxEntries: 10, logSize: 5, now: time.now });
    set(store, 'idle', 'x');
    set(store, 'busy', 'y');
    for (let i = 0; i < 4; i++) {
      time.advance(40);
      expect(get(store, 'busy')).toBe('y');
    }
    expect(store.sweep()).toEqual({ expired: 1, evicted: 0 });
    expect(store.keys()).toEqual(['busy']);
    time.advance(101);
    expect(get(store, 'busy')).toBeUndefined();
    expect(store.count()).toBe(0);
  });

  it('keeps the order through touches, deletes and replacements at the ends and in the middle', () => {
    const store = new MemoryStateStore<{ value: string }, string>({ ttlMs: 1000, maxEntries: 4, logSize: 5, now: () => Date.now() });
    for (const key of ['a', 'b', 'c', 'd']) set(store, key, key);
    get(store, 'b'); // from the middle to the newest
    expect(store.keys()).toEqual(['a', 'c', 'd', 'b']);
    store.delete('c'); // the middle
    store.delete('a'); // the oldest
    expect(store.keys()).toEqual(['d', 'b']);
    store.delete('b'); // the newest
    set(store, 'e', 'e');
    set(store, 'd', 'd again'); // written again: the newest, listed once
    expect(store.keys()).toEqual(['e', 'd']);
    for (const key of ['f', 'g', 'h']) set(store, key, key); // the fifth evicts the least recently used, e
    expect(store.keys()).toEqual(['d', 'f', 'g', 'h']);
    expect(store.count()).toBe(4);
    store.clear();
    expect(store.keys()).toEqual([]);
    set(store, 'i', 'i');
    expect(store.keys()).toEqual(['i']);
  });
});
