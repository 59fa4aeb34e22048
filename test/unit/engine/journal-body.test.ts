import { describe, expect, it } from 'vitest';
import { JOURNAL_MAX_BODY, JOURNAL_MAX_DEPTH, JOURNAL_MAX_ENTRIES, JOURNAL_MAX_STRING, toJournalBody } from '../../../src/engine/journal-body.js';

describe('toJournalBody', () => {
  it('keeps ordinary bodies exactly', () => {
    const body = { mfaType: 'GOOGLE_AUTH', code: '123456', nested: { list: [1, 'two', null, true] } };
    expect(toJournalBody(body)).toEqual(body);
    expect(toJournalBody(undefined)).toBeUndefined();
  });

  it('cuts nesting that JSON.stringify could not write back, and says so', () => {
    const depth = 50_000;
    const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const kept = toJournalBody({ deep });
    const text = JSON.stringify(kept);
    expect(text).toContain(`nested deeper than ${JOURNAL_MAX_DEPTH} levels`);
    expect(text.split('[').length - 1).toBeLessThanOrEqual(JOURNAL_MAX_DEPTH);
  });

  it('keeps the beginning of huge strings and of huge arrays and objects, with their real size', () => {
    const kept = toJournalBody({
      text: 'x'.repeat(JOURNAL_MAX_STRING * 10),
      items: Array.from({ length: JOURNAL_MAX_ENTRIES + 5 }, (_, index) => index),
      map: Object.fromEntries(Array.from({ length: JOURNAL_MAX_ENTRIES + 1 }, (_, index) => [`k${index}`, index])),
    }) as { text: string; items: unknown[]; map: Record<string, unknown> };
    expect(kept.text.startsWith('x'.repeat(JOURNAL_MAX_STRING))).toBe(true);
    expect(kept.text).toContain(`${JOURNAL_MAX_STRING * 10} characters`);
    expect(kept.items).toHaveLength(JOURNAL_MAX_ENTRIES + 1);
    expect(kept.items.at(-1)).toContain(`${JOURNAL_MAX_ENTRIES + 5} items`);
    expect(Object.keys(kept.map)).toHaveLength(JOURNAL_MAX_ENTRIES + 1);
    expect(JSON.stringify(kept).length).toBeLessThan(JOURNAL_MAX_STRING * 2 + 50_000);
  });

  it('keeps about 32 KiB of a body in all, however its size is spread (many long strings, many small values)', () => {
    // What a client can send within the default 1 MiB body limit: each string and each list under its own bound.
    const manyStrings = { mfaType: 'GOOGLE_AUTH', junk: Array.from({ length: 62 }, () => 'a'.repeat(16_000)) };
    const manyValues = { rows: Array.from({ length: 1_000 }, () => Array.from({ length: 200 }, (_, index) => index)) };
    for (const body of [manyStrings, manyValues]) {
      const kept = JSON.stringify(toJournalBody(body));
      expect(kept.length).toBeLessThan(JOURNAL_MAX_BODY + 2_000);
      expect(kept).toContain('[truncated by the sandbox: ');
    }
    const kept = toJournalBody(manyStrings) as { mfaType: string; junk: string[] };
    // The beginning is there as sent, and the list says how long it was.
    expect(kept.mfaType).toBe('GOOGLE_AUTH');
    expect(kept.junk[0]).toBe('a'.repeat(16_000));
    expect(kept.junk.at(-1)).toBe('[truncated by the sandbox: 62 items]');
  });
});
