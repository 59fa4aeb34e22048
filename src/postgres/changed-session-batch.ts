import type { Sql } from 'postgres';
import { SCHEMA } from './schema-migrations.js';
import { StatementBatch } from './statement-batch.js';
import { toCompleteRows } from './missing-rows.js';

/** One unit of work that changed its session: the version it started from, the new document and its entries. */
interface Change {
  key: string;
  version: string;
  text: string;
  entries: string[];
}

/** What a saved change left in the database: the session's new version and touch time. */
export interface SavedChange {
  version: string;
  touchedAt: number;
}

/**
 * What separates the documents of a batch in their one parameter: a character JSON.stringify never leaves unescaped
 * (it writes every control character as \u00XX), so no document holds it.
 */
const DOCUMENT_SEPARATOR = '\u0001';

/** Changes saved per statement at most; more wait for the next one. */
const MAX_BATCH = 100;

/**
 * Group commit for units of work that changed a session that exists (a write: a toggle, a verified code): each is
 * saved only if its session is still at the version the work started from, with its journal entries, and gets a new
 * version. Changes that arrive while a statement is running go together in the next one (see StatementBatch), so
 * writes to many sessions at once (a CI fleet's test runs) share statements and commits instead of each paying for
 * its own. Two changes of one session in a batch started from the same version: one is saved, the other lost the race
 * (as it would have in a statement of its own) and its unit runs again.
 *
 * @example
 * const batch = new ChangedSessionBatch(sql, Date.now, () => Date.now() - ttlMs);
 * await batch.save('qa-1', '42', '{"id":"qa-1",...}', ['{"operationId":"disableMfa",...}']) // { version: '43', touchedAt }
 */
export class ChangedSessionBatch {
  readonly #sql: Sql;
  readonly #now: () => number;
  readonly #cutoff: () => number;
  readonly #batch = new StatementBatch<Change, SavedChange | undefined>((changes) => this.#saveAll(changes), MAX_BATCH);

  /** `now`: the sandbox's clock (touch times); `cutoff`: the touch time below which a session has expired. */
  constructor(sql: Sql, now: () => number, cutoff: () => number) {
    this.#sql = sql;
    this.#now = now;
    this.#cutoff = cutoff;
  }

  /** The session's new version and touch time; undefined when it was no longer at `version` (or expired): a lost race. */
  save(key: string, version: string, text: string, entries: string[]): Promise<SavedChange | undefined> {
    return this.#batch.submit({ key, version, text, entries });
  }

  /**
   * One statement for the whole batch. The changes and their entries go as JSON parameters (JSON.stringify is
   * native, where array parameters are escaped in JS); each entry carries its place, so a unit's entries are
   * appended in the order it logged them. The documents go apart, joined by DOCUMENT_SEPARATOR: inside JSON, each
   * document's every quote was escaped here and unescaped by the database, which for a session grown large (700 KB:
   * its outbox and magic links full) cost more than the update itself (see bench/HISTORY.md, 2026-12-06 afternoon).
   */
  async #saveAll(changes: Change[]): Promise<Array<SavedChange | undefined>> {
    const sql = this.#sql;
    const now = this.#now();
    const units = changes.map(({ key, version }, unit) => ({ unit, key, version }));
    const documents = changes.map((change) => change.text).join(DOCUMENT_SEPARATOR);
    const entries: Array<{ unit: number; place: number; entry: string }> = [];
    changes.forEach((change, unit) => {
      for (const entry of change.entries) entries.push({ unit, place: entries.length, entry });
    });
    const saved = await sql<Array<{ unit: number; version: string }>>`
      WITH request AS (
        SELECT r.*, d.document
          FROM json_to_recordset(${JSON.stringify(units)}::text::json) AS r(unit int, key text, version bigint)
          JOIN unnest(string_to_array(${documents}::text, ${DOCUMENT_SEPARATOR}::text)) WITH ORDINALITY AS d(document, place)
            ON d.place = r.unit + 1),
      saved AS (
        UPDATE ${sql(SCHEMA)}.sessions s
           SET version = nextval(${`${SCHEMA}.session_versions`}), document = r.document, touched_at = greatest(s.touched_at, ${now})
          FROM request r
         WHERE s.id = r.key AND s.version = r.version AND s.touched_at >= ${this.#cutoff()}
        RETURNING r.unit, r.key, s.version::text AS version),
      appended AS (
        INSERT INTO ${sql(SCHEMA)}.journal (session_id, entry)
        SELECT saved.key, e.entry
          FROM json_to_recordset(${JSON.stringify(entries)}::text::json) AS e(unit int, place int, entry text)
          JOIN saved ON saved.unit = e.unit
         ORDER BY e.place)
      SELECT unit, version FROM saved`;
    const outcomes: Array<SavedChange | undefined> = changes.map(() => undefined);
    for (const row of toCompleteRows(saved)) outcomes[row.unit] = { version: row.version, touchedAt: now };
    return outcomes;
  }
}
