/** The code of the error a result with missing rows is: the store reads it as an outage (a 503), not a bug (a 500). */
export const RESULT_INCOMPLETE = 'RESULT_INCOMPLETE';

/**
 * `rows`, checked to have every row. postgres.js 3.4.9 may fill a result from an offset left over from an answer cut
 * short by a broken connection (porsager/postgres#1181): the first rows are missing, so `const [row] = ...` would read
 * a session as absent and a loop over the rows would throw a TypeError (a 500). Such a result is no answer at all.
 *
 * @example
 * toCompleteRows([{ unit: 0 }]) // [{ unit: 0 }]
 * toCompleteRows([, { unit: 1 }]) // throws, code RESULT_INCOMPLETE
 */
export function toCompleteRows<Row>(rows: readonly Row[]): readonly Row[] {
  for (let index = 0; index < rows.length; index++) {
    if (rows[index] === undefined) {
      throw Object.assign(new Error(`a result came back without its row ${index} (an answer cut short by a broken connection)`), { code: RESULT_INCOMPLETE });
    }
  }
  return rows;
}
