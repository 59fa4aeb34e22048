import type { Sql } from 'postgres';
import { SCHEMA } from './schema-migrations.js';
import { StatementBatch } from './statement-batch.js';
import { toCompleteRows } from './missing-rows.js';

/** One unit of work that changed nothing: its session, the version it read, and its journal entries. */
interface Unchanged {
  key: string;
  version: string;
  entries: string[];
}

/** Units confirmed per statement at most; more wait for the next one. */
const MAX_BATCH = 500;

/**
 * Group commit for the commonest unit of work, a request that read its session and changed nothing (a status read):
 * it must only confirm that the session is still at the version it read and append its journal entries. Those that
 * arrive while a statement is running go together in the next one (see StatementBatch).
 *
 * @example
 * const batch = new UnchangedSessionBatch(sql, () => Date.now() - ttlMs);
 * await batch.confirm('qa-1', '42', ['{"operationId":"getMFAStatus",...}']) // true: still version 42, entry appended
 */
export class UnchangedSessionBatch {
  readonly #sql: Sql;
  readonly #cutoff: () => number;
  readonly #batch = new StatementBatch<Unchanged, boolean>((units) => this.#confirmAll(units), MAX_BATCH);

  /** `cutoff`: the touch time below which a session has expired. */
  constructor(sql: Sql, cutoff: () => number) {
    this.#sql = sql;
    this.#cutoff = cutoff;
  }

  /** True when the session is still at `version` (and not expired): the entries were appended. False: a lost race. */
  confirm(key: string, version: string, entries: string[]): Promise<boolean> {
    return this.#batch.submit({ key, version, entries });
  }

  /** One statement for the whole batch: whether each unit's session is current, its entries appended if so. */
  async #confirmAll(batch: Unchanged[]): Promise<boolean[]> {
    const sql = this.#sql;
    // One row per journal entry, or one without an entry for a unit that has none (it only needs the check). The
    // whole batch goes as one JSON parameter: JSON.stringify is native, where array parameters are escaped in JS.
    const rows: Array<{ unit: number; key: string; version: string; entry: string | null }> = [];
    batch.forEach((pending, unit) => {
      if (pending.entries.length === 0) rows.push({ unit, key: pending.key, version: pending.version, entry: null });
      for (const entry of pending.entries) rows.push({ unit, key: pending.key, version: pending.version, entry });
    });
    const current = await sql<Array<{ unit: number }>>`
      WITH request AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::text::json) AS r(unit int, key text, version bigint, entry text)),
      current AS (
        SELECT r.* FROM request r
         WHERE EXISTS (SELECT 1 FROM ${sql(SCHEMA)}.sessions s WHERE s.id = r.key AND s.version = r.version AND s.touched_at >= ${this.#cutoff()})),
      appended AS (
        INSERT INTO ${sql(SCHEMA)}.journal (session_id, entry) SELECT key, entry FROM current WHERE entry IS NOT NULL)
      SELECT DISTINCT unit FROM current`;
    const isCurrent = batch.map(() => false);
    for (const row of toCompleteRows(current)) isCurrent[row.unit] = true;
    return isCurrent;
  }
}
