import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordUnlessReplayed } from '../../../src/engine/replay-detector.js';

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
});
