import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { RESULT_INCOMPLETE, toCompleteRows } from '../../../src/postgres/missing-rows.js';
import { UnchangedSessionBatch } from '../../../src/postgres/unchanged-session-batch.js';

/**
 * A result postgres.js 3.4.9 can hand back after a connection broke in the middle of an answer (porsager/postgres#1181):
 * its rows filled from a leftover offset, the first ones missing. Made here, as no server can be made to send it.
 */
function resultMissingItsFirstRow<Row>(...rows: Row[]): Row[] {
  const result: Row[] = [];
  rows.forEach((row, index) => (result[index + 1] = row));
  return result;
}

/** A stand-in for postgres.js's `sql`: identifiers pass through, every statement answers `result`. */
function sqlAnswering(result: unknown[]): Sql {
  return ((first: unknown) => (Array.isArray(first) && 'raw' in first ? Promise.resolve(result) : first)) as unknown as Sql;
}

describe('a result with rows missing', () => {
  it('is refused with a code the store reads as an outage; a whole result is handed back as it is', () => {
    expect(toCompleteRows([{ unit: 0 }, { unit: 1 }])).toEqual([{ unit: 0 }, { unit: 1 }]);
    expect(toCompleteRows([])).toEqual([]);
    expect(() => toCompleteRows(resultMissingItsFirstRow({ unit: 1 }))).toThrow(expect.objectContaining({ code: RESULT_INCOMPLETE }));
  });

  it('fails the units of a batched statement with that error, not with a TypeError (a 500)', async () => {
    const batch = new UnchangedSessionBatch(sqlAnswering(resultMissingItsFirstRow({ unit: 1 })), () => 0);
    const outcome = await batch.confirm('qa-1', '42', ['entry']).catch((error: unknown) => error);
    expect(outcome).toMatchObject({ code: RESULT_INCOMPLETE, message: expect.stringContaining('without its row 0') });
  });
});
