import postgres, { type Sql } from 'postgres';
import {
  StateUnavailableError,
  type AvailabilityListener,
  type LogWriter,
  type NumberedLogEntry,
  type StateStore,
  type SweptKeys,
  SWEPT_KEYS_NAMED,
} from '../state/state-store.js';
import { migrateSchema, SCHEMA, SchemaTooNewError, toMigrationNote } from './schema-migrations.js';
import { ChangedSessionBatch } from './changed-session-batch.js';
import { probePostgresProtocol, toProbeAddress } from './protocol-probe.js';
import { UnchangedSessionBatch } from './unchanged-session-batch.js';
import { RESULT_INCOMPLETE, toCompleteRows } from './missing-rows.js';
import { AvailabilityReport } from './availability-report.js';
import { HoldCounts } from '../state/hold-counts.js';

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
  /** How long a request's query may go unanswered before it is a 503 (default ANSWER_TIMEOUT_MS). */
  answerTimeoutMs?: number;
  /** How long the start (connecting and migrating the schema) may take before it fails (default START_TIMEOUT_MS). */
  startTimeoutMs?: number;
}

/** A session's row as this replica last saw it (read or wrote): enough to work without reading it again. */
interface KnownRow {
  version: string;
  text: string;
  touchedAt: number;
  /**
   * Documents whose JSON is `text`, as units of work on this replica left them, for the next units to take instead of
   * parsing `text` again (parsing and serialising a session was the larger part of a request's own cost). Taken, not
   * shared: a unit that finds none parses its own copy. More than one, because requests on one session overlap (ten
   * connections on one session kept one copy for ten units, and the other nine parsed); every unit that saved hands
   * its document back, as a copy of the row it saved.
   */
  parsed?: unknown[];
}

/**
 * Copies kept per row: enough for the requests on one session that overlap in practice; at most this many times
 * KNOWN_ROWS documents are held.
 */
const PARSED_COPIES_KEPT = 8;

/** A parsed copy of the row's document, if one is left; it is the caller's alone from here on. */
function takeParsed<D>(row: KnownRow): D | undefined {
  return row.parsed?.pop() as D | undefined;
}

/** Keep `document`, whose JSON is the row's `text`, for a later unit to take. */
function keepParsed(row: KnownRow, document: unknown): void {
  row.parsed ??= [];
  if (row.parsed.length < PARSED_COPIES_KEPT) row.parsed.push(document);
}

/** The longest pause, in seconds, between two attempts to reach a database that went away. */
const MAX_RECONNECT_BACKOFF_S = 0.5;

/** A unit of work that lost a race (another replica changed the session first) is run again, up to this often. */
const MAX_ATTEMPTS = 100;

/** Rows this replica remembers, the most recently used; a session used again within them costs no read. */
const KNOWN_ROWS = 1_000;

/** A request that changed nothing renews its session's touch time only when the stored one is this old. */
const TOUCH_EVERY_MS = 1_000;

/**
 * The longest time between two renewals of the lease of sessions in use on this replica (see `hold`); with a shorter
 * TTL, half of it. A lease runs two renewals ahead, so one late or failed renewal does not end it.
 */
const RENEW_HELD_EVERY_MS = 60_000;
const LEASE_RENEWALS = 2;

/** How often the journals written since are trimmed to their newest `logSize` entries. */
const TRIM_EVERY_MS = 1_000;

/**
 * How long a request waits for the database's answer before it is a 503. `connect_timeout` covers only new
 * connections: a database that stops answering on an open one (a stopped process, a network partition) held every
 * request, on every replica, until the client gave up, and a SIGTERM until the close timed out. A query of a test
 * sandbox answers in milliseconds; the background sweep and trim wait longer (BACKGROUND).
 */
const ANSWER_TIMEOUT_MS = 5_000;
/**
 * How long the health answer waits for the database: under the 3 s that the image's HEALTHCHECK and the Kubernetes
 * probes give it, so a database that stopped answering gets the health check a 503 to read, not a probe timeout.
 */
const HEALTH_ANSWER_MS = 2_000;
/**
 * How long a start may wait for the database: `connect_timeout` covers the TCP connection only, and something else
 * listening there (another replica's HTTP port, a proxy answering 400) made postgres.js reconnect for ever, so the
 * start hung without a word.
 */
const START_TIMEOUT_MS = 10_000;
/** The longest the start waits for the protocol probe's answer (a server that says nothing is postgres.js's to judge). */
const PROBE_WAIT_MS = 2_000;
/** The code of a query that got no answer within the timeout: one more way for the database not to be there. */
const NO_ANSWER = 'NO_ANSWER';
/**
 * The wait of the sweep and the journal trim, which no request waits for: long enough for any table a sandbox has,
 * and finite, so that the connections of a database that stopped answering are not held by them for ever.
 */
const BACKGROUND = 60_000;
/** The advisory lock a replica holds while it sweeps (any number of ours: "mfa" in ASCII), so one sweeps at a time. */
export const SWEEP_LOCK = 0x6d6661;
/**
 * How long a close waits for the database, for the last journal trim and then for the queries still running, in all
 * (by then the server has answered every request, so only background work is left). A database that stopped answering
 * held a SIGTERM for 5 s more than the answers in flight did; the trim is a tidy-up that the next sweep does too.
 */
const CLOSE_WAIT_MS = 1_000;

/** A round another replica swept (or one with nothing to forget). */
const NOTHING_SWEPT: SweptKeys = Object.freeze({ expired: 0, evicted: 0 });

/** SQLSTATE 42501: the user lacks a privilege (here, to create the schema or its tables). */
const INSUFFICIENT_PRIVILEGE = '42501';

/** Node's and postgres.js's words for "the server is not there", and SQLSTATE classes that mean the same. */
const UNREACHABLE_CODES = new Set([
  NO_ANSWER,
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
  RESULT_INCOMPLETE,
]);
const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '53', '57'];

function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return false;
  return UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2));
}

/** What an attempt whose session changed meanwhile returns: it must run again on the fresh row. */
const LOST_RACE = Symbol('lost race');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sessions in PostgreSQL, shared by every replica that points at the same database, and kept across restarts.
 *
 * A unit of work is optimistic. It runs on a private copy of the session's document, as of the version this replica
 * last saw (read from the database only when it has not seen the session, or lost a race); then one statement saves
 * it: a changed document is written only if the version is still the one worked on, together with the journal
 * entries. A request that changed nothing (a status read) only appends its journal entry, on the same condition,
 * without locking the row, so readers never queue behind each other nor make writers retry. A lost race runs the work
 * again on the fresh row. So units on one session behave as if one ran after the other, on any replica, and a
 * request usually costs one statement, shared with the requests of the moment: reads that changed nothing in one
 * (UnchangedSessionBatch), changes of existing sessions in another (ChangedSessionBatch).
 *
 * @example
 * const store = await PostgresStateStore.connect({ url, redactedUrl, ttlMs: 1_800_000, maxEntries: 10_000, logSize: 100, now: Date.now });
 * await store.update('qa-1', () => ({ visits: 0 }), (document) => document.visits++);
 */
export class PostgresStateStore<D, L> implements StateStore<D, L> {
  readonly kind = 'postgres';
  readonly logSize: number;
  #startNote: string | undefined;
  readonly #sql: Sql;
  readonly #options: PostgresStateStoreOptions;
  /** What this replica last saw of each session it used (LRU): see KNOWN_ROWS. */
  readonly #known = new Map<string, KnownRow>();
  readonly #unchanged: UnchangedSessionBatch;
  readonly #changed: ChangedSessionBatch;
  /** Sessions whose journals grew since the last trim. */
  readonly #untrimmed = new Set<string>();
  readonly #trimmer: ReturnType<typeof setInterval>;
  /** Sessions in use on this replica (see `hold`). */
  readonly #holds = new HoldCounts();
  readonly #renewer: ReturnType<typeof setInterval>;
  readonly #leaseMs: number;
  /** This replica's name on its leases (session_leases): a new one each start, since a lease outlives no process. */
  readonly #replica = crypto.randomUUID();
  /** Per session, the tail of this replica's retries taking turns (see #run). */
  readonly #turns = new Map<string, Promise<void>>();
  /** The sweep and the trim in progress, if any: a new round while one waits on the database joins it, not the queue. */
  #sweeping: Promise<SweptKeys> | undefined;
  #trimming: Promise<void> | undefined;
  readonly #availability = new AvailabilityReport();

  private constructor(sql: Sql, options: PostgresStateStoreOptions) {
    this.#sql = sql;
    this.#options = options;
    this.logSize = options.logSize;
    this.#unchanged = new UnchangedSessionBatch(sql, () => this.#cutoff());
    this.#changed = new ChangedSessionBatch(sql, options.now, () => this.#cutoff());
    // A database that is down meanwhile: the next round trims (the keys of this one are in the sweep's reach anyway).
    this.#trimmer = setInterval(() => {
      if (this.#trimming) return;
      this.#trimming = this.#trimJournals()
        .catch(() => {})
        .finally(() => (this.#trimming = undefined));
    }, TRIM_EVERY_MS);
    this.#trimmer.unref();
    const renewEveryMs = Math.min(options.ttlMs / 2, RENEW_HELD_EVERY_MS);
    this.#leaseMs = LEASE_RENEWALS * renewEveryMs;
    this.#renewer = setInterval(() => {
      if (this.#holds.size > 0) this.#lease([...this.#holds.keys()]);
    }, renewEveryMs);
    this.#renewer.unref();
  }

  /** Connect and create or migrate the tables; a database that cannot be reached is a StateUnavailableError. */
  static async connect<D, L>(options: PostgresStateStoreOptions): Promise<PostgresStateStore<D, L>> {
    await refuseOtherProtocols(options);
    const sql = postgres(options.url, {
      max: options.poolSize ?? 10,
      // Fail a request fast when the database is down (503) instead of holding it until the client gives up.
      connect_timeout: 3,
      // postgres.js waits longer before each new connection attempt (up to 20 s) while the database stays away, and
      // holds every query meanwhile: after a minute of outage a request waited 5-12 s for its 503, and the first ones
      // after the database came back as long for their 200. Never more than half a second here: a test sandbox's
      // database is local, and a replica that tries twice a second costs it nothing.
      backoff: (retries: number) => Math.min(0.1 * retries, MAX_RECONNECT_BACKOFF_S),
      idle_timeout: 60,
      // No array types are asked for on each new connection (the store passes lists as JSON text, never as arrays):
      // postgres.js runs that query outside any promise a caller holds, so a database that went away in the middle of
      // it rejected nothing but an unhandled promise, and Node ends a process on that.
      fetch_types: false,
      onnotice: () => {},
      connection: {
        application_name: 'mfa-sandbox',
        // A commit does not wait for its WAL to reach the disk. Every request writes (its journal entry, the session's
        // touch time), and requests to one session queue on its row, so waiting for a flush per commit capped one busy
        // session at a few hundred requests per second. The price: a crash of the database server itself (not of a
        // replica, not a clean stop) may lose the last fraction of a second of session changes, for a test sandbox an
        // easy trade. Stays atomic and consistent either way.
        synchronous_commit: 'off',
      },
    });
    const store = new PostgresStateStore<D, L>(sql, options);
    try {
      store.#startNote = toMigrationNote(await withAnswerTimeout(migrateSchema(sql), options.startTimeoutMs ?? START_TIMEOUT_MS));
    } catch (error) {
      await sql.end({ timeout: 1 }).catch(() => {});
      throw toStartError(error, options.redactedUrl);
    }
    return store;
  }

  /** The schema's creation or upgrade by this start, worded for the operator; undefined when it was current. */
  get startNote(): string | undefined {
    return this.#startNote;
  }

  onAvailabilityChange(listener: AvailabilityListener): () => void {
    return this.#availability.subscribe(listener);
  }

  update<R>(key: string, create: () => D, work: (document: D, log: LogWriter<L>) => R | Promise<R>): Promise<R> {
    return this.#run(key, create, work) as Promise<R>;
  }

  async updateExisting<R>(key: string, work: (document: D, log: LogWriter<L>) => R | Promise<R>): Promise<R | undefined> {
    return this.#run(key, undefined, work);
  }

  async read(key: string): Promise<D | undefined> {
    const row = await this.#load(key);
    return row && (JSON.parse(row.text) as D);
  }

  async readLog(key: string, limit?: number): Promise<L[]> {
    return (await this.#readJournal(key, limit)).map(({ entry }) => entry);
  }

  /** The journal's `seq` numbers entries across all sessions, so they also grow across a session made again. */
  readNumberedLog(key: string): Promise<Array<NumberedLogEntry<L>>> {
    return this.#readJournal(key, undefined);
  }

  async #readJournal(key: string, limit: number | undefined): Promise<Array<NumberedLogEntry<L>>> {
    const wanted = Math.min(limit ?? this.#options.logSize, this.#options.logSize);
    if (wanted <= 0) return [];
    const rows = await this.#query(
      () => this.#sql<Array<{ seq: number; entry: string }>>`
        SELECT seq::float8 AS seq, entry FROM ${this.#sql(SCHEMA)}.journal
         WHERE session_id = ${key}
           AND EXISTS (SELECT 1 FROM ${this.#sql(SCHEMA)}.sessions WHERE id = ${key} AND touched_at >= ${this.#cutoff()})
         ORDER BY seq DESC LIMIT ${wanted}`,
    );
    return rows.map((row) => ({ seq: row.seq, entry: JSON.parse(row.entry) as L })).reverse();
  }

  async replaceLogEntry(key: string, seq: number, entry: L): Promise<boolean> {
    const rows = await this.#query(
      () => this.#sql`
        UPDATE ${this.#sql(SCHEMA)}.journal SET entry = ${JSON.stringify(entry)}
         WHERE session_id = ${key} AND seq = ${seq}
           AND EXISTS (SELECT 1 FROM ${this.#sql(SCHEMA)}.sessions WHERE id = ${key} AND touched_at >= ${this.#cutoff()})
        RETURNING 1`,
    );
    return rows.length > 0;
  }

  async logLength(key: string): Promise<number> {
    const [row] = await this.#query(
      () => this.#sql<Array<{ count: number }>>`
        SELECT least(count(*), ${this.#options.logSize})::int AS count FROM ${this.#sql(SCHEMA)}.journal
         WHERE session_id = ${key}
           AND EXISTS (SELECT 1 FROM ${this.#sql(SCHEMA)}.sessions WHERE id = ${key} AND touched_at >= ${this.#cutoff()})`,
    );
    return row?.count ?? 0;
  }

  async clearLog(key: string): Promise<boolean> {
    const sql = this.#sql;
    // The journal's seq is one sequence for every session: entries appended later are numbered after the cleared ones.
    const [row] = await this.#query(
      () => sql<Array<{ found: number }>>`
        WITH live AS (SELECT id FROM ${sql(SCHEMA)}.sessions WHERE id = ${key} AND touched_at >= ${this.#cutoff()}),
             cleared AS (DELETE FROM ${sql(SCHEMA)}.journal WHERE session_id IN (SELECT id FROM live))
        SELECT count(*)::int AS found FROM live`,
    );
    return (row?.found ?? 0) > 0;
  }

  async keys(): Promise<string[]> {
    const rows = await this.#query(
      () => this.#sql<Array<{ id: string }>>`
        SELECT id FROM ${this.#sql(SCHEMA)}.sessions WHERE touched_at >= ${this.#cutoff()} ORDER BY touched_at, id`,
    );
    return rows.map((row) => row.id);
  }

  /** For `/__admin/health`, which waits at most HEALTH_ANSWER_MS: see there. */
  async count(): Promise<number> {
    const [row] = await this.#query(
      () => this.#sql<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM ${this.#sql(SCHEMA)}.sessions WHERE touched_at >= ${this.#cutoff()}`,
      Math.min(this.#options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS, HEALTH_ANSWER_MS),
    );
    return row?.count ?? 0;
  }

  async delete(key: string): Promise<boolean> {
    this.#known.delete(key);
    const rows = await this.#query(
      () => this.#sql`
        WITH gone AS (DELETE FROM ${this.#sql(SCHEMA)}.sessions WHERE id = ${key} RETURNING id),
             journal AS (DELETE FROM ${this.#sql(SCHEMA)}.journal WHERE session_id = ${key})
        SELECT id FROM gone`,
    );
    return rows.length > 0;
  }

  async clear(): Promise<number> {
    this.#known.clear();
    const [row] = await this.#query(
      () => this.#sql<Array<{ live: number }>>`
        WITH gone AS (DELETE FROM ${this.#sql(SCHEMA)}.sessions RETURNING touched_at), emptied AS (DELETE FROM ${this.#sql(SCHEMA)}.journal)
        SELECT count(*) FILTER (WHERE touched_at >= ${this.#cutoff()})::int AS live FROM gone`,
    );
    return row?.live ?? 0;
  }

  /**
   * Forget expired sessions, then all but the `maxEntries` most recently used, with their journals; drop journal
   * entries of sessions gone (a request that raced a delete), trim every journal to its newest `logSize`, and drop the
   * leases that ran out.
   */
  sweep(): Promise<SweptKeys> {
    this.#sweeping ??= this.#sweepOnce().finally(() => (this.#sweeping = undefined));
    return this.#sweeping;
  }

  async #sweepOnce(): Promise<SweptKeys> {
    // One replica at a time, in one transaction: two replicas deleting the same rows at once only waited on each
    // other (or deadlocked, one of them logging the failure), and the second found nothing left. The others skip
    // the round; the lock ends with the transaction.
    const swept = await this.#query(
      () =>
        this.#sql.begin(async (sql) => {
          const [lock] = await sql<Array<{ taken: boolean }>>`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}::bigint) AS taken`;
          if (!lock?.taken) return NOTHING_SWEPT;
          // The names as JSON text: the client reads no array types (fetch_types: false).
          const [row] = await sql<Array<{ expired: number; evicted: number; expiredNamed: string; evictedNamed: string }>>`
            WITH expired AS (
                   DELETE FROM ${sql(SCHEMA)}.sessions WHERE touched_at < ${this.#cutoff()} RETURNING id),
                 beyond_cap AS (
                   DELETE FROM ${sql(SCHEMA)}.sessions WHERE id IN (
                     SELECT id FROM ${sql(SCHEMA)}.sessions ORDER BY touched_at DESC, id OFFSET ${this.#options.maxEntries})
                   RETURNING id)
            SELECT (SELECT count(*) FROM expired)::int AS expired, (SELECT count(*) FROM beyond_cap)::int AS evicted,
                   (SELECT coalesce(json_agg(id), '[]')::text FROM (SELECT id FROM expired ORDER BY id LIMIT ${SWEPT_KEYS_NAMED}) e) AS "expiredNamed",
                   (SELECT coalesce(json_agg(id), '[]')::text FROM (SELECT id FROM beyond_cap ORDER BY id LIMIT ${SWEPT_KEYS_NAMED}) b) AS "evictedNamed"`;
          await sql`
            DELETE FROM ${sql(SCHEMA)}.journal j
             WHERE NOT EXISTS (SELECT 1 FROM ${sql(SCHEMA)}.sessions s WHERE s.id = j.session_id)
                OR j.seq < (SELECT k.seq FROM ${sql(SCHEMA)}.journal k WHERE k.session_id = j.session_id
                             ORDER BY k.seq DESC OFFSET ${Math.max(this.#options.logSize - 1, 0)} LIMIT 1)`;
          // The leases of replicas that stopped without releasing them (a living replica renews its own long before).
          await sql`DELETE FROM ${sql(SCHEMA)}.session_leases WHERE leased_until < ${this.#options.now()}`;
          if (!row) return NOTHING_SWEPT;
          const named = { expired: JSON.parse(row.expiredNamed) as string[], evicted: JSON.parse(row.evictedNamed) as string[] };
          return { expired: row.expired, evicted: row.evicted, named };
        }),
      BACKGROUND,
    );
    for (const key of this.#known.keys()) if (this.#known.get(key)!.touchedAt < this.#cutoff()) this.#known.delete(key);
    return swept;
  }

  /**
   * Sessions in use are kept in SQL, where every replica and its sweep look, as a lease: the touch time is set ahead,
   * to the lease's end, when the hold begins and at every renewal while it lasts. A leased session is then neither
   * expired (its touch time is not behind) nor beyond the cap (the sweep keeps the most recently touched: leased ones
   * first), and requests do not move its touch time back. Each replica's lease is also a row of its own
   * (session_leases), so that the release of one falls back to the leases of the others still holding the session:
   * idle from then only when none is left. A replica that dies holding one leaves it leased until the lease ends, a
   * few minutes at most (the sweep then removes its row).
   */
  hold(key: string): () => void {
    const first = !this.#holds.has(key);
    const release = this.#holds.take(key, () => this.#endLease(key));
    if (first) this.#lease([key]);
    return release;
  }

  /** Lease the live sessions among `keys` (see `hold`); a database down meanwhile: the next round leases them. */
  #lease(keys: string[]): void {
    const sql = this.#sql;
    const leasedUntil = this.#options.now() + this.#leaseMs;
    const ids = JSON.stringify(keys);
    void this.#query(
      () => sql`
        WITH leases AS (
               INSERT INTO ${sql(SCHEMA)}.session_leases (session_id, replica, leased_until)
               SELECT id, ${this.#replica}, ${leasedUntil} FROM json_array_elements_text(${ids}::text::json) AS k(id)
               ON CONFLICT (session_id, replica) DO UPDATE SET leased_until = excluded.leased_until)
        UPDATE ${sql(SCHEMA)}.sessions SET touched_at = ${leasedUntil}
         WHERE id IN (SELECT json_array_elements_text(${ids}::text::json))
           AND touched_at >= ${this.#cutoff()} AND touched_at < ${leasedUntil}`,
      BACKGROUND,
    ).catch(() => {});
  }

  /**
   * The session's last hold here is released: this replica's lease ends, and the session counts as used now, or until
   * the longest lease another replica still holds on it. (The statement's delete is not yet visible to its own
   * update, hence the other replicas named apart.)
   */
  #endLease(key: string): void {
    const sql = this.#sql;
    const now = this.#options.now();
    void this.#query(
      () => sql`
        WITH released AS (DELETE FROM ${sql(SCHEMA)}.session_leases WHERE session_id = ${key} AND replica = ${this.#replica})
        UPDATE ${sql(SCHEMA)}.sessions
           SET touched_at = greatest(${now}::bigint, (SELECT max(leased_until) FROM ${sql(SCHEMA)}.session_leases
                                                   WHERE session_id = ${key} AND replica <> ${this.#replica}))
         WHERE id = ${key} AND touched_at > ${now}`,
      BACKGROUND,
    ).catch(() => {});
  }

  async close(): Promise<void> {
    clearInterval(this.#trimmer);
    clearInterval(this.#renewer);
    this.#availability.close();
    const deadline = performance.now() + CLOSE_WAIT_MS;
    await this.#trimJournals(CLOSE_WAIT_MS).catch(() => {});
    await this.#sql.end({ timeout: Math.max(deadline - performance.now(), 0) / 1000 });
  }

  /**
   * One unit of work, run again on a lost race. Without `create`, a missing session is left missing. The first attempt
   * runs at once, beside any other; after a loss, this replica's retries on the session take turns, so requests that
   * lost the same race here stop racing each other, and only other replicas remain to race with.
   */
  async #run<R>(key: string, create: (() => D) | undefined, work: (document: D, log: LogWriter<L>) => R | Promise<R>): Promise<R | undefined> {
    const first = await this.#attempt(key, create, work);
    if (first !== LOST_RACE) return first.result;
    return this.#oneAtATime(key, async () => {
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        const outcome = await this.#attempt(key, create, work);
        if (outcome !== LOST_RACE) return outcome.result;
        // Another replica changed the session first: a short random pause, so the replicas' turns spread out.
        await pause(Math.random() * Math.min(2 ** attempt, 50));
      }
      throw new StateUnavailableError(`session "${key}" kept changing under ${MAX_ATTEMPTS} attempts to update it; retry the request`);
    });
  }

  /** Run the work once on the session as this replica knows it, and save it; LOST_RACE when it changed meanwhile. */
  async #attempt<R>(
    key: string,
    create: (() => D) | undefined,
    work: (document: D, log: LogWriter<L>) => R | Promise<R>,
  ): Promise<{ result: R | undefined } | typeof LOST_RACE> {
    const known = this.#known.get(key) ?? (await this.#load(key));
    if (!known && !create) return { result: undefined };
    // A private copy (taken or parsed): units running at once in this process never see each other's unsaved changes.
    const document = known ? (takeParsed<D>(known) ?? (JSON.parse(known.text) as D)) : create!();
    const entries: string[] = [];
    const result = await work(document, (entry) => entries.push(JSON.stringify(entry)));
    const text = JSON.stringify(document);
    const saved = await this.#save(key, known, text === known?.text ? undefined : text, entries);
    if (saved) {
      // What the work left is what is now stored (its JSON is the saved text): a next unit may start from it.
      keepParsed(saved, document);
      this.#remember(key, saved);
      return { result };
    }
    // Changed by someone else (or expired): what this replica remembers is stale.
    if (this.#known.get(key) === known) this.#known.delete(key);
    return LOST_RACE;
  }

  /** Run tasks on one key one after another, in this process (a promise chain per key, gone when it empties). */
  #oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#turns.get(key) ?? Promise.resolve();
    const turn = previous.then(task, task);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(key, settled);
    void settled.then(() => {
      if (this.#turns.get(key) === settled) this.#turns.delete(key);
    });
    return turn;
  }

  /** The session's row as stored now; an expired one is deleted (if unchanged since) and reads as none. */
  async #load(key: string): Promise<KnownRow | undefined> {
    const sql = this.#sql;
    const [row] = await this.#query(
      () => sql<Array<KnownRow & { expired: boolean }>>`
        SELECT version::text AS version, document AS text, touched_at::float8 AS "touchedAt", touched_at < ${this.#cutoff()} AS expired
          FROM ${sql(SCHEMA)}.sessions WHERE id = ${key}`,
    );
    if (!row) return undefined;
    if (!row.expired) return this.#remember(key, { version: row.version, text: row.text, touchedAt: row.touchedAt });
    await this.#query(
      () => sql`
        WITH gone AS (DELETE FROM ${sql(SCHEMA)}.sessions WHERE id = ${key} AND version = ${row.version}::bigint RETURNING id)
        DELETE FROM ${sql(SCHEMA)}.journal WHERE session_id IN (SELECT id FROM gone)`,
    );
    return undefined;
  }

  /**
   * Save what a unit of work did, in one statement, if the session is still at the version the work started from:
   * a new session, a changed document (new version), or only the journal entries (and, now and then, the touch time).
   * Undefined when the race was lost; otherwise the row as stored now.
   */
  async #save(key: string, known: KnownRow | undefined, changedText: string | undefined, entries: string[]): Promise<KnownRow | undefined> {
    const sql = this.#sql;
    const now = this.#options.now();
    const cutoff = this.#cutoff();
    // A journal of size 0 keeps nothing.
    if (this.#options.logSize <= 0) entries = [];
    if (entries.length > 0) this.#untrimmed.add(key);
    if (!known) {
      const [row] = await this.#query(
        () => sql<Array<{ version: string }>>`
          WITH s AS (
            INSERT INTO ${sql(SCHEMA)}.sessions (id, version, document, touched_at)
            VALUES (${key}, nextval(${`${SCHEMA}.session_versions`}), ${changedText!}, ${now})
            ON CONFLICT (id) DO NOTHING
            RETURNING version::text AS version),
          j AS (INSERT INTO ${sql(SCHEMA)}.journal (session_id, entry) SELECT ${key}, e.entry
                FROM s, json_array_elements_text(${JSON.stringify(entries)}::text::json) WITH ORDINALITY AS e(entry, place)
               ORDER BY e.place)
          SELECT version FROM s`,
      );
      return row && { version: row.version, text: changedText!, touchedAt: now };
    }
    if (changedText !== undefined) {
      // In a batch with the other changes of the moment (see ChangedSessionBatch).
      const saved = await this.#query(() => this.#changed.save(key, known.version, changedText, entries));
      return saved && { version: saved.version, text: changedText, touchedAt: saved.touchedAt };
    }
    // Nothing changed: the journal entries are appended if the session is still at this version. Usually in a batch
    // with the other requests of the moment (a plain read of the row, no lock); when the stored touch time is getting
    // old, alone, renewing it.
    if (now - known.touchedAt < Math.min(TOUCH_EVERY_MS, this.#options.ttlMs / 10)) {
      return (await this.#query(() => this.#unchanged.confirm(key, known.version, entries))) ? known : undefined;
    }
    const [row] = await this.#query(
      () => sql<Array<{ current: number }>>`
        WITH s AS (
          UPDATE ${sql(SCHEMA)}.sessions SET touched_at = greatest(touched_at, ${now})
           WHERE id = ${key} AND version = ${known.version}::bigint AND touched_at >= ${cutoff} RETURNING 1),
        j AS (INSERT INTO ${sql(SCHEMA)}.journal (session_id, entry) SELECT ${key}, e.entry
                FROM s, json_array_elements_text(${JSON.stringify(entries)}::text::json) WITH ORDINALITY AS e(entry, place)
               ORDER BY e.place)
        SELECT count(*)::int AS current FROM s`,
    );
    // Same text, so the parsed copies stay valid: the renewed row shares them with the one it replaces.
    return row && row.current > 0 ? { ...known, touchedAt: now } : undefined;
  }

  /**
   * Keep the journals appended to since the last round at their newest `logSize` entries, in one statement, so a
   * journal holds at most about a second's entries beyond its size (reads show only the newest ones).
   */
  async #trimJournals(waitMs = BACKGROUND): Promise<void> {
    if (this.#untrimmed.size === 0) return;
    const keys = [...this.#untrimmed];
    this.#untrimmed.clear();
    const sql = this.#sql;
    await this.#query(
      () => sql`
        DELETE FROM ${sql(SCHEMA)}.journal j USING json_array_elements_text(${JSON.stringify(keys)}::text::json) AS k(id)
         WHERE j.session_id = k.id AND j.seq < (
           SELECT seq FROM ${sql(SCHEMA)}.journal WHERE session_id = k.id ORDER BY seq DESC OFFSET ${Math.max(this.#options.logSize - 1, 0)} LIMIT 1)`,
      waitMs,
    );
  }

  /** Remember a row as this replica last saw it (the least recently used is forgotten first when there are too many). */
  #remember(key: string, row: KnownRow): KnownRow {
    this.#known.delete(key);
    this.#known.set(key, row);
    if (this.#known.size > KNOWN_ROWS) this.#known.delete(this.#known.keys().next().value as string);
    return row;
  }

  #cutoff(): number {
    return this.#options.now() - this.#options.ttlMs;
  }

  /**
   * Run a query; a database that cannot be reached, or does not answer within `waitMs`, becomes a
   * StateUnavailableError (answered 503), not a crash or a request held indefinitely.
   */
  async #query<T>(run: () => PromiseLike<T>, waitMs = this.#options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS): Promise<T> {
    try {
      const result = await withAnswerTimeout(run(), waitMs);
      if (Array.isArray(result)) toCompleteRows(result);
      // An outage and its end are told once each, not per request: an operator reads two lines, not thousands.
      this.#availability.succeeded();
      return result;
    } catch (error) {
      const storeError = this.#toStoreError(error);
      if (storeError instanceof StateUnavailableError) this.#availability.failed((error as Error | undefined)?.message);
      throw storeError;
    }
  }

  #toStoreError(error: unknown): Error {
    // A request meets a database that went away after the start: 503, and the next request tries again.
    if (!isUnreachable(error)) return error instanceof Error ? error : new Error(String(error));
    const reason = error instanceof Error ? error.message : String(error);
    return new StateUnavailableError(
      `the PostgreSQL state store at ${this.#options.redactedUrl} cannot be reached (${reason}); the sandbox retries on the next request`,
    );
  }
}

/**
 * `answer` or, once `waitMs` passed without one, a NO_ANSWER error. The query itself goes on (postgres.js cannot take
 * it back from a connection that does not answer); whatever it ends with later is ignored. Measured in process: ~0.7
 * µs per query (a request makes one or two, of ~55 µs of server CPU); one timer checking a set of deadlines instead
 * saved 0.1 µs of that, not worth a class.
 */
function withAnswerTimeout<T>(answer: PromiseLike<T>, waitMs: number): Promise<T> {
  if (!Number.isFinite(waitMs)) return Promise.resolve(answer);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${waitMs / 1000} s`), { code: NO_ANSWER })), waitMs);
  });
  const settled = Promise.resolve(answer);
  settled.catch(() => {}); // an answer that fails after the timeout has nobody left to tell
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/**
 * A StateUnavailableError, before postgres.js connects, when the URL's server answers in another protocol than
 * PostgreSQL's (see protocol-probe.ts: postgres.js would open hundreds of connections a second to it, then say "no
 * answer"). A server the probe cannot tell about is left to postgres.js, whose errors say why.
 */
async function refuseOtherProtocols(options: PostgresStateStoreOptions): Promise<void> {
  const address = toProbeAddress(options.url);
  if (!address) return;
  const probe = await probePostgresProtocol(address.host, address.port, Math.min(options.startTimeoutMs ?? START_TIMEOUT_MS, PROBE_WAIT_MS));
  if (probe.speaks !== 'other') return;
  throw new StateUnavailableError(
    `the PostgreSQL state store at ${options.redactedUrl} is not PostgreSQL: it answered ${JSON.stringify(probe.answered)} to PostgreSQL's first message; point --state (MFA_SANDBOX_STATE_URL) at PostgreSQL's port (5432 unless set otherwise)`,
  );
}

/** How Node and the driver say a TLS connection was asked for and never began. */
const TLS_NOT_STARTED = /before secure TLS connection was established|server does not support SSL/i;

/**
 * Why a start could not use the database, said for the person who started it: nothing retries at start (the command
 * exits), and a refusal (a wrong password, a missing database) names the setting to fix.
 */
function toStartError(error: unknown, redactedUrl: string): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const where = `the PostgreSQL state store at ${redactedUrl}`;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === NO_ANSWER) {
    return new StateUnavailableError(
      `${where} did not answer as PostgreSQL (${reason}): does a PostgreSQL server listen there, or something else? Point --state (MFA_SANDBOX_STATE_URL) at PostgreSQL`,
    );
  }
  // Its own advice only (run one version everywhere): the user, password and database are fine.
  if (error instanceof SchemaTooNewError) return new StateUnavailableError(`${where} holds a newer release's data: ${reason}`);
  // A server that does not offer TLS to a URL that asks for it (`?sslmode=require`) runs: it is not unreachable.
  if (TLS_NOT_STARTED.test(reason)) {
    return new StateUnavailableError(
      `${where} did not start TLS (${reason}): the server may not offer SSL; enable SSL on the server, or drop sslmode from --state (MFA_SANDBOX_STATE_URL)`,
    );
  }
  if (code === INSUFFICIENT_PRIVILEGE) {
    return new StateUnavailableError(
      `${where} refused the sandbox (${reason}): the user in --state (MFA_SANDBOX_STATE_URL) may not create the sandbox's schema ${SCHEMA}; start one replica once with a user that may (it creates the schema and its tables), then a user with read and write rights on those tables can run every replica`,
    );
  }
  if (isUnreachable(error))
    return new StateUnavailableError(
      `${where} cannot be reached (${reason}); start PostgreSQL there, or point --state (MFA_SANDBOX_STATE_URL) at one that runs`,
    );
  return new StateUnavailableError(`${where} refused the sandbox (${reason}); check the user, password and database in --state (MFA_SANDBOX_STATE_URL)`);
}
