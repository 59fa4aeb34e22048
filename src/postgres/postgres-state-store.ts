import postgres, { type Sql } from 'postgres';
import { StateUnavailableError, type LogWriter, type StateStore } from '../state/state-store.js';
import { migrateSchema, SCHEMA } from './schema-migrations.js';

export interface PostgresStateStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** The URL as logs and errors may show it (no password). */
  redactedUrl: string;
  /** Sessions not used for this long are forgotten (on read, and by `sweep`). */
  ttlMs: number;
  /** `sweep` keeps at most this many sessions, the most recently used. */
  maxEntries: number;
  /** Journal entries kept per session (the newest). */
  logSize: number;
  /** The sandbox's clock, in ms since the epoch: touch times are on it, so a controlled clock expires sessions too. */
  now: () => number;
  /** Connections per replica (default 10). */
  poolSize?: number;
}

/** What a unit of work read: the row's version (undefined: no row yet) and its document's text. */
interface Loaded {
  version: string | undefined;
  text: string | undefined;
}

/** A unit of work that lost a race (another replica changed the session first) is run again, up to this often. */
const MAX_ATTEMPTS = 100;

/** Node's and postgres.js's words for "the server is not there", and SQLSTATE classes that mean the same. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);
const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '53', '57'];

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return false;
  return UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sessions in PostgreSQL, shared by every replica that points at the same database, and kept across restarts.
 *
 * A unit of work is optimistic: read the session's row (its version and JSON document), run the work on a copy,
 * then write back only if the version is still the one read, in the same statement that appends the journal entries
 * and marks the session used. A lost race runs the work again on the fresh row, so units on one session behave as if
 * one ran after the other, on any replica. A request that changed nothing (a status read) writes only its journal
 * entry, and does not bump the version, so reads never make writers retry.
 *
 * @example
 * const store = await PostgresStateStore.connect({ url, redactedUrl, ttlMs: 1_800_000, maxEntries: 10_000, logSize: 100, now: Date.now });
 * await store.update('qa-1', () => ({ visits: 0 }), (document) => document.visits++);
 */
export class PostgresStateStore<D, L> implements StateStore<D, L> {
  readonly kind = 'postgres';
  readonly #sql: Sql;
  readonly #options: PostgresStateStoreOptions;

  private constructor(sql: Sql, options: PostgresStateStoreOptions) {
    this.#sql = sql;
    this.#options = options;
  }

  /** Connect and create or migrate the tables; a database that cannot be reached is a StateUnavailableError. */
  static async connect<D, L>(options: PostgresStateStoreOptions): Promise<PostgresStateStore<D, L>> {
    const sql = postgres(options.url, {
      max: options.poolSize ?? 10,
      // Fail a request fast when the database is down (503) instead of holding it until the client gives up.
      connect_timeout: 3,
      idle_timeout: 60,
      onnotice: () => {},
      // Sessions are text in, text out: no type parsing beyond the defaults.
    });
    const store = new PostgresStateStore<D, L>(sql, options);
    try {
      await migrateSchema(sql);
    } catch (error) {
      await sql.end({ timeout: 1 }).catch(() => {});
      throw store.#toStoreError(error);
    }
    return store;
  }

  update<R>(key: string, create: () => D, work: (document: D, log: LogWriter<L>) => R | Promise<R>): Promise<R> {
    return this.#run(key, create, work) as Promise<R>;
  }

  async updateExisting<R>(key: string, work: (document: D, log: LogWriter<L>) => R | Promise<R>): Promise<R | undefined> {
    return this.#run(key, undefined, work);
  }

  async read(key: string): Promise<D | undefined> {
    const loaded = await this.#load(key);
    return loaded.text === undefined ? undefined : (JSON.parse(loaded.text) as D);
  }

  async readLog(key: string, limit?: number): Promise<L[]> {
    const wanted = Math.min(limit ?? this.#options.logSize, this.#options.logSize);
    if (wanted <= 0) return [];
    const rows = await this.#query(
      () => this.#sql<Array<{ entry: string }>>`
        SELECT j.entry FROM ${this.#sql(SCHEMA)}.journal j JOIN ${this.#sql(SCHEMA)}.sessions s ON s.id = j.session_id
         WHERE j.session_id = ${key} AND s.touched_at >= ${this.#cutoff()}
         ORDER BY j.seq DESC LIMIT ${wanted}`,
    );
    return rows.map((row) => JSON.parse(row.entry) as L).reverse();
  }

  async logLength(key: string): Promise<number> {
    const [row] = await this.#query(
      () => this.#sql<Array<{ count: number }>>`
        SELECT least(count(*), ${this.#options.logSize})::int AS count FROM ${this.#sql(SCHEMA)}.journal j
          JOIN ${this.#sql(SCHEMA)}.sessions s ON s.id = j.session_id
         WHERE j.session_id = ${key} AND s.touched_at >= ${this.#cutoff()}`,
    );
    return row?.count ?? 0;
  }

  async keys(): Promise<string[]> {
    const rows = await this.#query(
      () => this.#sql<Array<{ id: string }>>`
        SELECT id FROM ${this.#sql(SCHEMA)}.sessions WHERE touched_at >= ${this.#cutoff()} ORDER BY touched_at, id`,
    );
    return rows.map((row) => row.id);
  }

  async count(): Promise<number> {
    const [row] = await this.#query(
      () => this.#sql<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM ${this.#sql(SCHEMA)}.sessions WHERE touched_at >= ${this.#cutoff()}`,
    );
    return row?.count ?? 0;
  }

  async delete(key: string): Promise<boolean> {
    const rows = await this.#query(() => this.#sql`DELETE FROM ${this.#sql(SCHEMA)}.sessions WHERE id = ${key} RETURNING id`);
    return rows.length > 0;
  }

  async clear(): Promise<void> {
    await this.#query(() => this.#sql`DELETE FROM ${this.#sql(SCHEMA)}.sessions`);
  }

  /** Forget expired sessions, then all but the `maxEntries` most recently used (journals go with them). */
  async sweep(): Promise<number> {
    const expired = await this.#query(() => this.#sql`DELETE FROM ${this.#sql(SCHEMA)}.sessions WHERE touched_at < ${this.#cutoff()} RETURNING id`);
    const beyondCap = await this.#query(
      () => this.#sql`
        DELETE FROM ${this.#sql(SCHEMA)}.sessions WHERE id IN (
          SELECT id FROM ${this.#sql(SCHEMA)}.sessions ORDER BY touched_at DESC, id OFFSET ${this.#options.maxEntries})
        RETURNING id`,
    );
    return expired.length + beyondCap.length;
  }

  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }

  /** One unit of work, run again on a lost race. Without `create`, a missing session is left missing. */
  async #run<R>(key: string, create: (() => D) | undefined, work: (document: D, log: LogWriter<L>) => R | Promise<R>): Promise<R | undefined> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const loaded = await this.#load(key);
      if (loaded.text === undefined && !create) return undefined;
      const document = loaded.text === undefined ? create!() : (JSON.parse(loaded.text) as D);
      const entries: string[] = [];
      const result = await work(document, (entry) => entries.push(JSON.stringify(entry)));
      const text = JSON.stringify(document);
      if (await this.#save(key, loaded, text === loaded.text ? undefined : text, entries)) return result;
      // Another replica (or request) changed the session first: back off a little, at random, so racers spread out.
      await pause(Math.random() * Math.min(2 ** attempt, 50));
    }
    throw new StateUnavailableError(`session "${key}" kept changing under ${MAX_ATTEMPTS} attempts to update it; retry the request`);
  }

  /** The session's row; an expired one is deleted (if still unchanged) and reads as none. */
  async #load(key: string): Promise<Loaded> {
    const [row] = await this.#query(
      () => this.#sql<Array<{ version: string; document: string; expired: boolean }>>`
        SELECT version::text AS version, document, touched_at < ${this.#cutoff()} AS expired
          FROM ${this.#sql(SCHEMA)}.sessions WHERE id = ${key}`,
    );
    if (!row) return { version: undefined, text: undefined };
    if (!row.expired) return { version: row.version, text: row.document };
    await this.#query(() => this.#sql`DELETE FROM ${this.#sql(SCHEMA)}.sessions WHERE id = ${key} AND version = ${row.version}::bigint`);
    return { version: undefined, text: undefined };
  }

  /**
   * Write what a unit of work did, in one statement: the document if it changed (and only if the row is still the
   * version read), the touch time, and the journal entries into their ring slots. False when the race was lost.
   */
  async #save(key: string, loaded: Loaded, changedText: string | undefined, entries: string[]): Promise<boolean> {
    const sql = this.#sql;
    const { logSize } = this.#options;
    const now = this.#options.now();
    // A journal of size 0 keeps nothing (and has no ring to put entries in).
    if (logSize <= 0) entries = [];
    const count = entries.length;
    // The journal's ring: entry k of this unit gets sequence number (seq before + k) and slot (that seq mod size).
    const version = loaded.version;
    const rows =
      version === undefined
        ? await this.#query(
            () => sql<Array<{ saved: number }>>`
              WITH s AS (
                INSERT INTO ${sql(SCHEMA)}.sessions (id, version, document, touched_at, journal_seq)
                VALUES (${key}, 1, ${changedText ?? 'null'}, ${now}, ${count})
                ON CONFLICT (id) DO NOTHING
                RETURNING journal_seq),
              j AS (
                INSERT INTO ${sql(SCHEMA)}.journal (session_id, slot, seq, entry)
                SELECT ${key}, ((s.journal_seq - ${count} + e.ord - 1) % ${logSize})::int, s.journal_seq - ${count} + e.ord - 1, e.entry
                  FROM s, unnest(${entries}::text[]) WITH ORDINALITY AS e(entry, ord)
                ON CONFLICT (session_id, slot) DO UPDATE SET seq = excluded.seq, entry = excluded.entry)
              SELECT count(*)::int AS saved FROM s`,
          )
        : await this.#query(
            () => sql<Array<{ saved: number }>>`
              WITH s AS (
                UPDATE ${sql(SCHEMA)}.sessions
                   SET version = version + ${changedText === undefined ? 0 : 1},
                       document = coalesce(${changedText ?? null}::text, document),
                       touched_at = ${now}, journal_seq = journal_seq + ${count}
                 WHERE id = ${key} AND version = ${version}::bigint
                RETURNING journal_seq),
              j AS (
                INSERT INTO ${sql(SCHEMA)}.journal (session_id, slot, seq, entry)
                SELECT ${key}, ((s.journal_seq - ${count} + e.ord - 1) % ${logSize})::int, s.journal_seq - ${count} + e.ord - 1, e.entry
                  FROM s, unnest(${entries}::text[]) WITH ORDINALITY AS e(entry, ord)
                ON CONFLICT (session_id, slot) DO UPDATE SET seq = excluded.seq, entry = excluded.entry)
              SELECT count(*)::int AS saved FROM s`,
          );
    return (rows[0]?.saved ?? 0) > 0;
  }

  #cutoff(): number {
    return this.#options.now() - this.#options.ttlMs;
  }

  /** Run a query; a database that cannot be reached becomes a StateUnavailableError (answered 503), not a crash. */
  async #query<T>(run: () => PromiseLike<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.#toStoreError(error);
    }
  }

  #toStoreError(error: unknown): Error {
    if (!isUnreachable(error)) return error instanceof Error ? error : new Error(String(error));
    const reason = error instanceof Error ? error.message : String(error);
    return new StateUnavailableError(
      `the PostgreSQL state store at ${this.#options.redactedUrl} cannot be reached (${reason}); the sandbox retries on the next request`,
    );
  }
}
