import type { Sql } from 'postgres';
import { SCHEMA } from './schema-migrations.js';

/** One unit of work that changed nothing: its session, the version it read, and its journal entries. */
interface Pending {
  key: string;
  version: string;
  entries: string[];
  settle: (current: boolean) => void;
  fail: (error: unknown) => void;
}

/** Units confirmed per statement at most; more wait for the next one. */
const MAX_BATCH = 500;

/**
 * Group commit for the commonest unit of work, a request that read its session and changed nothing (a status read):
 * it must only confirm that the session is still at the version it read and append its journal entries. Those that
 * arrive while a statement is running go together in the next one, so under load many requests share one statement
 * and one transaction, the way a database batches commits; alone, a request waits for nobody.
 *
 * @example
 * const batch = new UnchangedSessionBatch(sql, () => Date.now() - ttlMs, onError);
 * await batch.confirm('qa-1', '42', ['{"operationId":"getMFAStatus",...}']) // true: still version 42, entry appended
 */
export class UnchangedSessionBatch {
  readonly #sql: Sql;
  readonly #cutoff: () => number;
  #pending: Pending[] = [];
  #running = false;

  /** `cutoff`: the touch time below which a session has expired. */
  constructor(sql: Sql, cutoff: () => number) {
    this.#sql = sql;
    this.#cutoff = cutoff;
  }

  /** True when the session is still at `version` (and not expired): the entries were appended. False: a lost race. */
  confirm(key: string, version: string, entries: string[]): Promise<boolean> {
    return new Promise((settle, fail) => {
      this.#pending.push({ key, version, entries, settle, fail });
      if (!this.#running) void this.#run();
    });
  }

  async #run(): Promise<void> {
    this.#running = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, MAX_BATCH);
      try {
        const current = await this.#confirmAll(batch);
        batch.forEach((pending, index) => pending.settle(current.has(index)));
      } catch (error) {
        for (const pending of batch) pending.fail(error);
      }
    }
    this.#running = false;
  }

  /** One statement for the whole batch: which units' sessions are current (by index), their entries appended. */
  async #confirmAll(batch: Pending[]): Promise<Set<number>> {
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
    return new Set(current.map((row) => row.unit));
  }
}
