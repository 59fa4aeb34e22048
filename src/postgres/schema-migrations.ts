import type { Sql } from 'postgres';

/** A database a newer release migrated: nothing about the connection is wrong, only this replica's version. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** The PostgreSQL schema (namespace) the sandbox's tables live in, apart from anything else in the database. */
export const SCHEMA = 'mfa_sandbox';

/**
 * The schema's history, oldest first; the version of a migration is its place in the list (1-based). Only ever
 * append: a replica of an older release must be able to refuse a database a newer one migrated (see migrateSchema).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: sessions and their journals. Documents and journal entries are JSON kept as text: the sandbox writes and reads
  // them whole and compares texts to see whether a request changed its session, so jsonb's parsing would be waste.
  // Times are ms since the epoch on the sandbox's clock (a controlled clock in tests), not the database's.
  // A session's version comes from one sequence, so it is never reused, not even by a session deleted and made again
  // under the same id: a replica holding an old version can never mistake it for the current one.
  // The journal has no foreign key on purpose: a key check would lock the session's row on every request's entry.
  // Sessions and journals are deleted together by the store instead; the sweep removes any orphaned entry.
  `CREATE SEQUENCE ${SCHEMA}.session_versions;
   CREATE TABLE ${SCHEMA}.sessions (
     id text PRIMARY KEY,
     version bigint NOT NULL,
     document text NOT NULL,
     touched_at bigint NOT NULL
   );
   CREATE INDEX sessions_touched_at ON ${SCHEMA}.sessions (touched_at);
   CREATE SEQUENCE ${SCHEMA}.journal_order;
   CREATE TABLE ${SCHEMA}.journal (
     session_id text NOT NULL,
     seq bigint NOT NULL DEFAULT nextval('${SCHEMA}.journal_order'),
     entry text NOT NULL,
     PRIMARY KEY (session_id, seq)
   );`,
  // 2: each replica's lease of each session it holds (a stream, a console, an outbox wait). A session's touch time
  // alone could not tell one replica's lease from another's: the release of one dropped the others' until their next
  // renewal (half a TTL), in which the sweep of the session cap could forget a session another replica streamed.
  `CREATE TABLE ${SCHEMA}.session_leases (
     session_id text NOT NULL,
     replica text NOT NULL,
     leased_until bigint NOT NULL,
     PRIMARY KEY (session_id, replica)
   );`,
];

/** An arbitrary constant: the advisory lock that lets one replica migrate while the others starting with it wait. */
const MIGRATION_LOCK = 0x6d66_6173; // "mfas"

/** The schema version a database had before a start (0: no sandbox tables) and the one it has after. */
export interface SchemaMigration {
  from: number;
  to: number;
}

/**
 * Create or upgrade the sandbox's tables, idempotently: run at every boot by every replica. Replicas that start
 * together take turns (an advisory lock); each migration runs in the same transaction as its version bump.
 * Returns the schema version found and the one now in place (the same when there was nothing to do).
 *
 * @example
 * await migrateSchema(sql) // { from: 1, to: 2 }
 */
export async function migrateSchema(sql: Sql): Promise<SchemaMigration> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    // DDL only where something is missing: `CREATE SCHEMA IF NOT EXISTS` needs the right to create schemas even when
    // the schema exists, so a user with read and write rights on the tables alone (a migration role apart from the
    // replicas' role) could not start a replica.
    const [installed] = await tx.unsafe<Array<{ table: string | null }>>(`SELECT to_regclass('${SCHEMA}.schema_version')::text AS table`);
    if (!installed?.table) {
      await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
      await tx.unsafe(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_version (version integer NOT NULL)`);
    }
    const [row] = await tx.unsafe<Array<{ version: number | null }>>(`SELECT max(version) AS version FROM ${SCHEMA}.schema_version`);
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new SchemaTooNewError(
        `the database's sandbox schema is version ${current}, newer than this release knows (${MIGRATIONS.length}): ` +
          'run the same mfa-sandbox version on every replica',
      );
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await tx.unsafe(MIGRATIONS[version - 1]!);
      await tx.unsafe(`INSERT INTO ${SCHEMA}.schema_version (version) VALUES (${version})`);
    }
    return { from: current, to: MIGRATIONS.length };
  });
}

/**
 * What an operator should hear of a migration: tables created, or upgraded (after which a replica of the earlier
 * release refuses the database); undefined when the schema was already current.
 *
 * @example
 * toMigrationNote({ from: 1, to: 2 }) // 'PostgreSQL: the sandbox's tables (schema mfa_sandbox) upgraded from version 1 to 2; ...'
 */
export function toMigrationNote({ from, to }: SchemaMigration): string | undefined {
  if (from === to) return undefined;
  if (from === 0) return `PostgreSQL: the sandbox's tables created (schema ${SCHEMA}, version ${to})`;
  return (
    `PostgreSQL: the sandbox's tables (schema ${SCHEMA}) upgraded from version ${from} to ${to}; ` +
    'a replica of an earlier mfa-sandbox now refuses this database: run this version on every replica'
  );
}
