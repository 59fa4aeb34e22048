import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashOf, recordUnlessReplayed } from '../../../src/engine/replay-detector.js';

/** What GenAuth replay detection did before it had an index: scan the list, then append and trim. */
function naiveRememberOnce(list: string[], keys: readonly string[], max: number): boolean {
  if (keys.some((key) => list.includes(key))) return false;
  list.push(...keys);
  while (list.length > max) list.shift();
  return true;
}

describe('recordUnlessReplayed', () => {
  it('refuses a key seen before and records nothing for that call', () => {
    const seen: string[] = [];
    expect(recordUnlessReplayed(seen, ['sig-1', 'nonce:a'], 10)).toBe(true);
    expect(recordUnlessReplayed(seen, ['sig-2', 'nonce:a'], 10)).toBe(false);
    expect(seen).toEqual(['sig-1', 'nonce:a']);
    expect(recordUnlessReplayed(seen, ['sig-2', 'nonce:b'], 10)).toBe(true);
    expect(seen).toEqual(['sig-1', 'nonce:a', 'sig-2', 'nonce:b']);
  });

  it('forgets the oldest keys beyond the window, so they are accepted again', () => {
    const seen: string[] = [];
    recordUnlessReplayed(seen, ['a', 'b'], 3);
    recordUnlessReplayed(seen, ['c', 'd'], 3);
    expect(seen).toEqual(['b', 'c', 'd']);
    expect(recordUnlessReplayed(seen, ['b'], 3)).toBe(false);
    expect(recordUnlessReplayed(seen, ['a'], 3)).toBe(true);
    expect(seen).toEqual(['c', 'd', 'a']);
  });

  it('indexes a list that already holds keys (e.g. a world built elsewhere)', () => {
    const seen = ['old-1', 'old-2'];
    expect(recordUnlessReplayed(seen, ['old-2'], 10)).toBe(false);
    expect(recordUnlessReplayed(seen, ['new'], 10)).toBe(true);
  });

  it('answers and keeps the list exactly as the scan-based check did, for any sequence of calls', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'nonce:a', 'nonce:b');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.array(key, { maxLength: 3 }), { maxLength: 40 }), (max, calls) => {
        const indexed: string[] = [];
        const naive: string[] = [];
        for (const keys of calls) {
          expect(recordUnlessReplayed(indexed, keys, max)).toBe(naiveRememberOnce(naive, keys, max));
          expect(indexed).toEqual(naive);
        }
      }),
    );
  });

  it('matches the scan from any starting list (duplicates included), with table growth and deletions that wrap', () => {
    // A small alphabet of short keys makes repeats and replays common; the lengths make the table grow from 64 slots.
    const key = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '\u{1F600}'), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 30 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.array(key, { maxLength: 4 }), { maxLength: 120 }),
        (start, max, calls) => {
          const indexed = [...start];
          const naive = [...start];
          for (const keys of calls) {
            expect(recordUnlessReplayed(indexed, keys, max)).toBe(naiveRememberOnce(naive, keys, max));
            expect(indexed).toEqual(naive);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds every key after deletions in probe chains that run past the end of the table and wrap to its start', () => {
    // A short list keeps the table at its smallest, 64 slots; these keys start probing at slots 62, 63, 0 and 1.
    const tail: string[] = [];
    for (const home of [62, 63, 0, 1, 62, 0, 63, 1]) {
      let i = 0;
      while ((hashOf(`k${i}`) & 63) !== home || tail.includes(`k${i}`)) i++;
      tail.push(`k${i}`);
    }
    for (let max = 1; max <= 4; max++) {
      const indexed: string[] = [];
      const naive: string[] = [];
      for (const key of [...tail, ...tail]) {
        expect(recordUnlessReplayed(indexed, [key], max)).toBe(naiveRememberOnce(naive, [key], max));
        expect(indexed).toEqual(naive);
        for (const kept of indexed) expect(recordUnlessReplayed(indexed, [kept], max)).toBe(false);
      }
    }
  });

  it('keeps refusing every key of a full window and accepting fresh ones over many rounds of 1,000 keys', () => {
    const seen: string[] = [];
    for (let i = 0; i < 5_000; i++) expect(recordUnlessReplayed(seen, [`sig-${i}`, `nonce:${i}`], 1000)).toBe(true);
    expect(seen).toHaveLength(1000);
    for (let i = 4_500; i < 5_000; i++) expect(recordUnlessReplayed(seen, [`sig-fresh-${i}`, `nonce:${i}`], 1000)).toBe(false);
    expect(recordUnlessReplayed(seen, ['sig-4499', 'nonce:fresh'], 1000)).toBe(true); // sig-4499 left the window
    expect(recordUnlessReplayed(seen, ['sig-4501', 'nonce:fresh-2'], 1000)).toBe(false);
  });
});
