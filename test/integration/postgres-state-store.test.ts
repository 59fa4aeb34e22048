import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresStateStore, SWEEP_LOCK, type PostgresStateStoreOptions } from '../../src/postgres/postgres-state-store.js';
import { MIGRATIONS, SCHEMA } from '../../src/postgres/schema-migrations.js';
import { StateUnavailableError } from '../../src/state/state-store.js';
import { freeLoopbackPort } from '../harness/child-server.js';
import { startFreezingTcpProxy } from '../harness/freezing-tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';

/**
 * The PostgreSQL state store on a real server: its schema at boot, units of work from two stores (two replicas) on
 * one database, expiry and the session cap in SQL, the journal's bound, and a database that cannot be reached.
 */

interface Counter {
  count: number;
}

let database: TestDatabase;
const stores: Array<PostgresStateStore<unknown, unknown>> = [];

/** A store on the test database; `now` is the store's clock, so expiry is tested without waiting. */
async function connect<D = Counter, L = string>(options: Partial<PostgresStateStoreOptions> = {}): Promise<PostgresStateStore<D, L>> {
  const store = await PostgresStateStore.connect<D, L>({
    url: database.url,
    redactedUrl: 'postgres://test',
    ttlMs: 60_000,
    maxEntries: 1_000,
    logSize: 5,
    now: Date.now,
    ...options,
  });
  stores.push(store as PostgresStateStore<unknown, unknown>);
  return store;
}

/** Count one up and log it; with `alsoLogSaved`, a second entry too (to see the order of a unit's entries). */
const increment = (store: PostgresStateStore<Counter, string>, key: string, alsoLogSaved = false) =>
  store.update(
    key,
    () => ({ count: 0 }),
    (document, log) => {
      document.count++;
      log(`count ${document.count}`);
      if (alsoLogSaved) log(`saved ${document.count}`);
      return document.count;
    },
  );

/** A store with a database of its own (for the sweep, which forgets every other test's sessions): a 10 s TTL, a journal of 5. */
async function connectToOwnDatabase(options: Pick<PostgresStateStoreOptions, 'maxEntries' | 'now'>) {
  const own = await createTestDatabase();
  const store = await PostgresStateStore.connect<Counter, string>({ url: own.url, redactedUrl: 'x', ttlMs: 10_000, logSize: 5, ...options });
  return { own, store };
}

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await database?.drop();
});

describe('the schema', () => {
  it('is created at boot, once, with its version recorded, however many replicas start at the same moment', async () => {
    await Promise.all([connect(), connect(), connect()]);
    await connect(); // and again later: nothing to do
    const sql = postgres(database.url, { max: 1 });
    try {
      const versions = await sql.unsafe(`SELECT version FROM ${SCHEMA}.schema_version ORDER BY version`);
      expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    } finally {
      await sql.end();
    }
  });

  it('needs no right to create it once it is there: replicas may run as a user with read and write rights on its tables alone', async () => {
    const fresh = await createTestDatabase();
    const role = `replica_${fresh.name.slice(5)}`;
    const owner = postgres(fresh.url, { max: 1, onnotice: () => undefined });
    const asReplica = new URL(fresh.url);
    asReplica.username = role;
    asReplica.password = 'replica-password';
    const start = () =>
      PostgresStateStore.connect<Counter, string>({
        url: asReplica.toString(),
        redactedUrl: 'postgres://replica',
        ttlMs: 60_000,
        maxEntries: 10,
        logSize: 5,
        now: Date.now,
      });
    try {
      await owner.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'replica-password'; GRANT CONNECT ON DATABASE "${fresh.name}" TO ${role}`);
      // Before the schema is there, the start says what to do instead of "check the user, password and database".
      await expect(start()).rejects.toThrow(
        /refused the sandbox \(permission denied for database .*\): the user in --state \(MFA_SANDBOX_STATE_URL\) may not create the sandbox's schema mfa_sandbox; start one replica once with a user that may/,
      );
      // The owner's replica creates it; then the replicas' own user, with rights on its tables only, runs.
      stores.push((await PostgresStateStore.connect({ url: fresh.url, redactedUrl: 'x', ttlMs: 1, maxEntries: 1, logSize: 1, now: Date.now })) as never);
      await owner.unsafe(
        `GRANT USAGE ON SCHEMA ${SCHEMA} TO ${role}; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${role}; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${role}`,
      );
      const replica = await start();
      stores.push(replica as never);
      expect(await increment(replica, 'least-privilege')).toBe(1);
    } finally {
      await Promise.all(stores.splice(-2).map((store) => store.close()));
      await owner.end();
      await fresh.drop();
      const server = postgres(database.url, { max: 1, onnotice: () => undefined });
      await server.unsafe(`DROP ROLE IF EXISTS ${role}`).finally(() => server.end());
    }
  });

  it('refuses a database that a newer release migrated, saying why', async () => {
    const newer = await createTestDatabase();
    const sql = postgres(newer.url, { max: 1, onnotice: () => undefined });
    try {
      await sql.unsafe(
        `CREATE SCHEMA ${SCHEMA}; CREATE TABLE ${SCHEMA}.schema_version (version integer NOT NULL); INSERT INTO ${SCHEMA}.schema_version VALUES (999)`,
      );
      const connecting = PostgresStateStore.connect({ url: newer.url, redactedUrl: 'x', ttlMs: 1, maxEntries: 1, logSize: 1, now: Date.now });
      // Its own advice only: the credentials are fine (it also said "check the user, password and database").
      await expect(connecting).rejects.toThrow(
        `the PostgreSQL state store at x holds a newer release's data: the database's sandbox schema is version 999, newer than this release knows (${MIGRATIONS.length}): run the same mfa-sandbox version on every replica`,
      );
    } finally {
      await sql.end();
      await newer.drop();
    }
  });
});

describe('units of work from two replicas on one database', () => {
  it('see each other at once, and lose no update when they race on one session', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await increment(a, 'shared');
    expect(await b.read('shared')).toEqual({ count: 1 });
    // 40 increments from each replica at the same time: each must have seen the one before it.
    const answers = await Promise.all(Array.from({ length: 40 }, () => [increment(a, 'race'), increment(b, 'race')]).flat());
    expect([...answers].sort((x, y) => x - y)).toEqual(Array.from({ length: 80 }, (_, index) => index + 1));
    expect(await a.read('race')).toEqual({ count: 80 });
  });

  it('meets a session another replica deleted (and made again) as it is now, never as it remembered it', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await increment(a, 'reborn');
    await increment(a, 'reborn');
    expect(await b.delete('reborn')).toBe(true);
    await increment(b, 'reborn'); // made again: count 1, at a new version
    expect(await increment(a, 'reborn')).toBe(2);
  });

  it('leave a missing session missing in updateExisting', async () => {
    const store = await connect();
    expect(await store.updateExisting('nobody', () => 'ran')).toBeUndefined();
    expect(await store.keys()).not.toContain('nobody');
  });

  it('save nothing when the work throws', async () => {
    const store = await connect();
    await increment(store, 'thrown');
    const failing = store.update(
      'thrown',
      () => ({ count: 0 }),
      (document) => {
        document.count = 99;
        throw new Error('handler bug');
      },
    );
    await expect(failing).rejects.toThrow('handler bug');
    expect(await store.read('thrown')).toEqual({ count: 1 });
    // Nor does the next unit start from what the failed one left (the replica keeps the last saved document parsed).
    expect(await increment(store, 'thrown')).toBe(2);
    // A session made for work that throws is not kept (an admin change the API refused makes none).
    const refused = store.update(
      'never-made',
      () => ({ count: 0 }),
      () => Promise.reject(new Error('refused')),
    );
    await expect(refused).rejects.toThrow('refused');
    expect(await store.read('never-made')).toBeUndefined();
    expect(await store.keys()).not.toContain('never-made');
  });
});

describe('units of work at once on one replica', () => {
  it("never see each other's unsaved changes, though the replica keeps the last saved document parsed", async () => {
    const store = await connect();
    await increment(store, 'private'); // saved: count 1, kept parsed for the next unit
    let release!: () => void;
    const slow = store.update(
      'private',
      () => ({ count: 0 }),
      async (document) => {
        document.count = 50; // not saved until this unit ends
        await new Promise<void>((resolve) => (release = resolve));
        return document.count;
      },
    );
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    const seen = await store.update(
      'private',
      () => ({ count: 0 }),
      (document) => document.count,
    );
    release();
    expect(await slow).toBe(50);
    expect(seen).toBe(1);
    expect(await increment(store, 'private')).toBe(51);
  });

  it('hands each overlapping unit its own copy, also when several were handed back by units before them', async () => {
    const store = await connect();
    await increment(store, 'copies'); // saved: count 1
    // A unit that waits until released, changing the document first when asked to.
    const held = (count?: number) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const unit = store.update(
        'copies',
        () => ({ count: 0 }),
        async (document) => {
          const seen = document.count;
          if (count !== undefined) document.count = count;
          await released;
          return seen;
        },
      );
      return { unit, release };
    };
    // Two readers overlap, so both hand a copy back: the replica now keeps two copies of count 1.
    const readers = [held(), held()];
    for (const reader of readers) reader.release();
    expect(await Promise.all(readers.map((reader) => reader.unit))).toEqual([1, 1]);
    // Two more overlap: the first changes its copy and has not saved yet; the second must not see that change.
    const writer = held(99);
    const reader = held();
    reader.release();
    expect(await reader.unit).toBe(1);
    writer.release();
    expect(await writer.unit).toBe(1);
    expect(await increment(store, 'copies')).toBe(100);
  });

  it('saves overlapping writes to many sessions, those of one session one after another, each journal in order', async () => {
    const store = await connect({ logSize: 20 });
    const write = (key: string) => increment(store, key, true); // two entries, so their order in a shared statement shows
    const keys = Array.from({ length: 12 }, (_, index) => `overlapping-${index}`);
    await Promise.all(keys.map((key) => write(key))); // made: count 1 each
    // Three writes per session at once, 36 in all, saved in shared statements: in each session's statement two
    // started from the same version as a third and lost the race, so they ran again on the saved document.
    const counts = await Promise.all(keys.map((key) => Promise.all([write(key), write(key), write(key)])));
    for (const perSession of counts) expect([...perSession].sort()).toEqual([2, 3, 4]);
    const other = await connect({ logSize: 20 }); // another replica reads what was stored, not what this one remembers
    for (const key of keys) {
      expect(await other.read(key)).toEqual({ count: 4 });
      expect(await other.readLog(key)).toEqual([1, 2, 3, 4].flatMap((count) => [`count ${count}`, `saved ${count}`]));
    }
  });

  it("saves each document of a shared statement to its own session, whatever characters it holds (the batch's separator among them)", async () => {
    const store = await connect<{ text: string }>();
    const keys = Array.from({ length: 8 }, (_, index) => `texts-${index}`);
    // Every session its own text, with what JSON escapes: quotes, backslashes, line feeds, control characters.
    const textOf = (key: string, round: number) => `${key} round ${round}: "quoted" \\ \n\t\u0001\u0000\u001f é 🔑 ${'x'.repeat(round * 1000)}`;
    const write = (key: string, round: number) =>
      store.update(
        key,
        () => ({ text: '' }),
        (document) => {
          document.text = textOf(key, round);
        },
      );
    await Promise.all(keys.map((key) => write(key, 0))); // made
    await Promise.all(keys.map((key, index) => write(key, index + 1))); // changed, in shared statements
    const other = await connect<{ text: string }>(); // reads what was stored
    for (const [index, key] of keys.entries()) expect(await other.read(key)).toEqual({ text: textOf(key, index + 1) });
  });
});

describe('expiry, the session cap and the journal, in SQL', () => {
  it('forgets a session idle longer than the TTL: it reads as none and starts afresh', async () => {
    let now = Date.UTC(2026, 0, 1);
    const store = await connect({ ttlMs: 1_000, now: () => now });
    await increment(store, 'idle');
    now += 1_001;
    expect(await store.read('idle')).toBeUndefined();
    expect(await store.keys()).not.toContain('idle');
    expect(await increment(store, 'idle')).toBe(1);
  });

  it('leases a session in use, for every replica: past the TTL, through requests, and idle again from the release', async () => {
    let now = Date.UTC(2026, 0, 4);
    const store = await connect({ ttlMs: 1_000, now: () => now }); // renewed every 500 ms, leased 1 s ahead
    const other = await connect({ ttlMs: 1_000, now: () => now });
    await increment(store, 'watched');
    const sql = postgres(database.url, { max: 1 });
    const touchedAt = async () =>
      (await sql.unsafe(`SELECT touched_at::float8 AS at FROM ${SCHEMA}.sessions WHERE id = 'watched'`))[0]?.at as number | undefined;
    try {
      const release = store.hold('watched');
      await vi.waitFor(() => expect(touchedAt()).resolves.toBe(now + 1_000), { timeout: 3_000 }); // leased at once
      now += 1_800; // past the TTL since its last request and since the lease began
      await vi.waitFor(() => expect(touchedAt()).resolves.toBe(now + 1_000), { timeout: 3_000 }); // renewed
      expect(await increment(other, 'watched')).toBe(2);
      expect(await touchedAt()).toBe(now + 1_000); // a request on another replica does not end the lease
      release();
      await vi.waitFor(() => expect(touchedAt()).resolves.toBe(now), { timeout: 3_000 });
      now += 1_001;
      expect(await other.read('watched')).toBeUndefined();
    } finally {
      await sql.end();
    }
  });

  it("keeps a session leased while another replica still holds it: one replica's release falls back to the other's lease", async () => {
    let now = Date.UTC(2026, 0, 6);
    const first = await connect({ ttlMs: 1_000, now: () => now }); // leased 1 s ahead
    const second = await connect({ ttlMs: 1_000, now: () => now });
    await increment(first, 'shared-watch');
    const sql = postgres(database.url, { max: 1 });
    const touchedAt = async () =>
      (await sql.unsafe(`SELECT touched_at::float8 AS at FROM ${SCHEMA}.sessions WHERE id = 'shared-watch'`))[0]?.at as number | undefined;
    const leaseRows = async () =>
      (await sql.unsafe(`SELECT count(*)::int AS n FROM ${SCHEMA}.session_leases WHERE session_id = 'shared-watch'`))[0]!.n as number;
    try {
      const releaseSecond = second.hold('shared-watch');
      await vi.waitFor(() => expect(leaseRows()).resolves.toBe(1), { timeout: 3_000 });
      const leasedBySecond = now + 1_000;
      now += 200; // the first replica's lease runs 200 ms longer and is the one in the touch time
      const releaseFirst = first.hold('shared-watch');
      await vi.waitFor(() => expect(touchedAt()).resolves.toBe(now + 1_000), { timeout: 3_000 });
      releaseFirst();
      // The second replica's lease holds it: not the release's now, which expiry and the cap's sweep would reach.
      await vi.waitFor(() => expect(touchedAt()).resolves.toBe(leasedBySecond), { timeout: 3_000 });
      expect(await leaseRows()).toBe(1);
      releaseSecond();
      await vi.waitFor(() => expect(touchedAt()).resolves.toBe(now), { timeout: 3_000 });
      expect(await leaseRows()).toBe(0);
    } finally {
      await sql.end();
    }
  });

  it('drops the lease of a replica that stopped holding it without a release, once it ran out', async () => {
    let now = Date.UTC(2026, 0, 7);
    const store = await connect({ ttlMs: 1_000, now: () => now });
    await increment(store, 'abandoned');
    const sql = postgres(database.url, { max: 1 });
    try {
      await sql.unsafe(`INSERT INTO ${SCHEMA}.session_leases VALUES ('abandoned', 'a-replica-gone', ${now + 1_000})`);
      const leaseOf = async () =>
        (await sql.unsafe(`SELECT count(*)::int AS n FROM ${SCHEMA}.session_leases WHERE replica = 'a-replica-gone'`))[0]!.n as number;
      await store.sweep();
      expect(await leaseOf()).toBe(1);
      now += 1_001;
      await store.sweep();
      expect(await leaseOf()).toBe(0);
    } finally {
      await sql.end();
    }
  });

  it('keeps leased sessions through the sweep of the cap: the sessions not watched go first, however recent', async () => {
    let now = Date.UTC(2026, 0, 5);
    const { own, store } = await connectToOwnDatabase({ maxEntries: 2, now: () => now });
    const sql = postgres(own.url, { max: 1 });
    try {
      for (const key of ['w1', 'w2']) await increment(store, key);
      const releases = ['w1', 'w2'].map((key) => store.hold(key));
      const leased = async () => (await sql.unsafe(`SELECT count(*)::int AS n FROM ${SCHEMA}.sessions WHERE touched_at > ${now}`))[0]!.n as number;
      await vi.waitFor(() => expect(leased()).resolves.toBe(2), { timeout: 3_000 });
      now += 1;
      for (const key of ['u1', 'u2']) await increment(store, key);
      expect(await store.sweep()).toEqual({ expired: 0, evicted: 2, named: { expired: [], evicted: ['u1', 'u2'] } });
      expect((await store.keys()).sort()).toEqual(['w1', 'w2']);
      for (const release of releases) release();
    } finally {
      await sql.end();
      await store.close();
      await own.drop();
    }
  });

  it('clears every session and journal, counting the live ones it forgot (an admin reset logs the count)', async () => {
    let now = Date.UTC(2026, 0, 3);
    const store = await connect({ ttlMs: 1_000, now: () => now });
    await store.clear();
    await increment(store, 'old');
    now += 1_001;
    await increment(store, 'live-1');
    await increment(store, 'live-2');
    expect(await store.clear()).toBe(2); // 'old' was past its TTL: already gone to a reader
    expect(await store.keys()).toEqual([]);
    expect(await store.clear()).toBe(0);
  });

  it('sweeps on one replica at a time: while another holds the sweep, a replica skips its round', async () => {
    let now = Date.UTC(2026, 0, 2);
    const store = await connect({ ttlMs: 10_000, now: () => now });
    await increment(store, 'swept-later');
    now += 20_000; // expired
    const other = postgres(database.url, { max: 1 });
    try {
      await other`SELECT pg_advisory_lock(${SWEEP_LOCK}::bigint)`; // another replica's sweep, under way
      const stored = async () => (await other.unsafe(`SELECT count(*)::int AS count FROM ${SCHEMA}.sessions WHERE id = 'swept-later'`))[0]!.count;
      expect(await store.sweep()).toEqual({ expired: 0, evicted: 0 });
      expect(await stored()).toBe(1); // expired, but left to the replica that sweeps
      await other`SELECT pg_advisory_unlock(${SWEEP_LOCK}::bigint)`;
      expect((await store.sweep()).expired).toBeGreaterThanOrEqual(1);
      expect(await stored()).toBe(0);
    } finally {
      await other.end();
    }
  });

  it('sweeps expired sessions and those beyond the cap (least recently used first), with their journals', async () => {
    let now = Date.UTC(2026, 0, 2);
    const { own, store } = await connectToOwnDatabase({ maxEntries: 2, now: () => now });
    try {
      for (const key of ['old', 'a', 'b', 'c']) {
        await increment(store, key);
        now += key === 'old' ? 20_000 : 1; // 'old' is expired by the time the others exist
      }
      // 'old' expired, 'a' beyond the cap of 2
      expect(await store.sweep()).toEqual({ expired: 1, evicted: 1, named: { expired: ['old'], evicted: ['a'] } });
      expect(await store.keys()).toEqual(['b', 'c']);
      const sql = postgres(own.url, { max: 1 });
      try {
        const journals = await sql.unsafe(`SELECT DISTINCT session_id FROM ${SCHEMA}.journal ORDER BY session_id`);
        expect(journals.map((row) => row.session_id)).toEqual(['b', 'c']);
      } finally {
        await sql.end();
      }
    } finally {
      await store.close();
      await own.drop();
    }
  });

  it('keeps each journal to its newest logSize entries, oldest first, in what it shows and in what it stores', async () => {
    const store = await connect({ logSize: 5 });
    for (let n = 0; n < 12; n++) await increment(store, 'journalled');
    expect(await store.readLog('journalled')).toEqual(['count 8', 'count 9', 'count 10', 'count 11', 'count 12']);
    expect(await store.readLog('journalled', 2)).toEqual(['count 11', 'count 12']);
    expect(await store.logLength('journalled')).toBe(5);
    await store.sweep();
    const sql = postgres(database.url, { max: 1 });
    try {
      const [row] = await sql.unsafe(`SELECT count(*)::int AS count FROM ${SCHEMA}.journal WHERE session_id = 'journalled'`);
      expect(row!.count).toBe(5);
    } finally {
      await sql.end();
    }
  });

  it('trims the journals written to in its round each second, with no sweep: a busy session stays near its size', async () => {
    const store = await connect({ logSize: 3 });
    for (let n = 0; n < 10; n++) await Promise.all([increment(store, 'trimmed-a'), increment(store, 'trimmed-b')]);
    const sql = postgres(database.url, { max: 1 });
    try {
      const stored = async () =>
        (await sql.unsafe(`SELECT session_id, count(*)::int AS count FROM ${SCHEMA}.journal WHERE session_id LIKE 'trimmed-%' GROUP BY 1 ORDER BY 1`)).map(
          (row) => `${row.session_id}: ${row.count}`,
        );
      await expect.poll(stored, { timeout: 5_000, interval: 200 }).toEqual(['trimmed-a: 3', 'trimmed-b: 3']);
    } finally {
      await sql.end();
    }
  });
});

describe('numbered journal entries', () => {
  it('number each journal along its session, oldest first, past every entry of the session before a delete', async () => {
    const store = await connect({ logSize: 3 });
    for (let n = 0; n < 5; n++) await increment(store, 'numbered');
    const kept = await store.readNumberedLog('numbered');
    expect(kept.map((numbered) => numbered.entry)).toEqual(['count 3', 'count 4', 'count 5']);
    const numbers = kept.map((numbered) => numbered.seq);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(3);
    await store.delete('numbered');
    await increment(store, 'numbered');
    const [anew] = await store.readNumberedLog('numbered');
    expect(anew!.entry).toBe('count 1');
    expect(anew!.seq).toBeGreaterThan(numbers.at(-1)!);
  });

  it('clear with the log alone: the document stays, later entries are numbered after the cleared ones', async () => {
    const store = await connect({ logSize: 3 });
    for (let n = 0; n < 2; n++) await increment(store, 'cleared');
    const [, last] = await store.readNumberedLog('cleared');
    expect(await store.clearLog('cleared')).toBe(true);
    expect([await store.readLog('cleared'), await store.logLength('cleared')]).toEqual([[], 0]);
    expect(await increment(store, 'cleared')).toBe(3); // the document went on
    const [next] = await store.readNumberedLog('cleared');
    expect([next!.entry, next!.seq > last!.seq]).toEqual(['count 3', true]);
    expect(await store.clearLog('never-made')).toBe(false);
    expect(await store.read('never-made')).toBeUndefined();
  });

  it("replace an entry by its number in its place, for every replica; not one cleared, nor another session's", async () => {
    const store = await connect({ logSize: 3 });
    const other = await connect({ logSize: 3 });
    for (let n = 0; n < 3; n++) await increment(store, 'replaced');
    const [first, middle] = await store.readNumberedLog('replaced');
    expect(await store.replaceLogEntry('replaced', middle!.seq, 'count 2, client gone')).toBe(true);
    expect(await other.readNumberedLog('replaced')).toEqual([first, { seq: middle!.seq, entry: 'count 2, client gone' }, expect.anything()]);
    expect(await store.replaceLogEntry('elsewhere', middle!.seq, 'x')).toBe(false);
    await store.clearLog('replaced');
    expect(await store.replaceLogEntry('replaced', first!.seq, 'x')).toBe(false);
    expect(await store.readLog('replaced')).toEqual([]);
  });
});

describe('a database that stops answering', () => {
  /** A TCP proxy to the test database that can stop passing bytes on, and its URL (the `--state` through it). */
  async function freezingProxyToDatabase() {
    const direct = new URL(database.url);
    const proxy = await startFreezingTcpProxy({ host: direct.hostname, port: Number(direct.port) });
    const throughProxy = new URL(database.url);
    throughProxy.port = String(proxy.port);
    return Object.assign(proxy, { url: throughProxy.toString() });
  }

  it('is a StateUnavailableError after the answer timeout, told once, and serves again when it answers', async () => {
    const proxy = await freezingProxyToDatabase();
    try {
      const store = await connect({ url: proxy.url, answerTimeoutMs: 300 });
      const told: boolean[] = [];
      store.onAvailabilityChange((available) => told.push(available));
      expect(await increment(store, 'frozen')).toBe(1);

      proxy.freeze();
      for (const attempt of [() => store.read('frozen'), () => increment(store, 'frozen'), () => store.readLog('frozen')]) {
        const started = performance.now();
        const error = await attempt().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StateUnavailableError);
        expect((error as Error).message).toBe(
          'the PostgreSQL state store at postgres://test cannot be reached (no answer within 0.3 s); the sandbox retries on the next request',
        );
        expect(performance.now() - started).toBeLessThan(2_000);
      }

      proxy.thaw();
      // What was sent while frozen is answered now; the increment made before the freeze is there, and so may be
      // the one that timed out (its statement reached the database): a 503 says the outcome is unknown.
      await expect.poll(async () => (await store.read('frozen').catch(() => undefined))?.count, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      expect(await increment(store, 'frozen')).toBeGreaterThanOrEqual(2);
      // Back is told once the database has answered for a second (a restart's old connections fail one by one).
      await expect.poll(() => told, { timeout: 5_000 }).toEqual([false, true]);
    } finally {
      await proxy.close();
    }
  }, 30_000);

  it("is a StateUnavailableError (a 503) for the health check's session count within 2 s, under the probes' 3 s, whatever the answer timeout", async () => {
    const proxy = await freezingProxyToDatabase();
    try {
      const store = await connect({ url: proxy.url, answerTimeoutMs: 5_000 });
      expect(await store.count()).toBeGreaterThanOrEqual(0);
      proxy.freeze();
      const started = performance.now();
      const error = await store.count().catch((caught: unknown) => caught);
      expect((error as Error).message).toContain('(no answer within 2 s)');
      expect(performance.now() - started).toBeLessThan(2_900);
    } finally {
      await proxy.close();
    }
  }, 30_000);

  it('does not hold a close (a SIGTERM) up: the last journal trim and the running queries get a second in all', async () => {
    const proxy = await freezingProxyToDatabase();
    try {
      const store = await connect({ url: proxy.url, answerTimeoutMs: 5_000 });
      for (let count = 0; count < 3; count++) await increment(store, 'closing'); // journal entries the close trims
      proxy.freeze();
      const started = performance.now();
      const closed = await Promise.race([store.close().then(() => 'closed'), delay(10_000, 'still closing after 10 s')]);
      expect(closed).toBe('closed');
      expect(performance.now() - started).toBeLessThan(2_500);
    } finally {
      await proxy.close();
    }
  }, 30_000);
});

describe('a database that cannot be reached', () => {
  /** What a start on this URL throws (the store's limits do not matter: it never gets that far). */
  const startFailure = (url: string, redactedUrl: string) =>
    PostgresStateStore.connect({ url, redactedUrl, ttlMs: 1, maxEntries: 1, logSize: 1, now: Date.now }).catch((caught: unknown) => caught);

  it('stops the start with a StateUnavailableError naming the redacted URL, not the password', async () => {
    const port = await freeLoopbackPort();
    const error = await startFailure(`postgres://sandbox:hunter2-secret@127.0.0.1:${port}/mfa`, `postgres://sandbox:***@127.0.0.1:${port}/mfa`);
    expect(error).toBeInstanceOf(StateUnavailableError);
    expect((error as Error).message).toContain(`postgres://sandbox:***@127.0.0.1:${port}/mfa cannot be reached`);
    expect((error as Error).message).toContain('point --state (MFA_SANDBOX_STATE_URL) at one that runs');
    expect((error as Error).message).not.toContain('retries'); // the start does not: the command exits
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('stops the start at once, with one connection, when something else than PostgreSQL listens there (an HTTP server)', async () => {
    let connections = 0;
    const notPostgres = createServer((socket) => {
      connections++;
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((listening) => notPostgres.listen(0, '127.0.0.1', listening));
    const { port } = notPostgres.address() as AddressInfo;
    try {
      const started = Date.now();
      const error = await PostgresStateStore.connect({
        url: `postgres://sandbox:secret@127.0.0.1:${port}/mfa`,
        redactedUrl: `postgres://sandbox:***@127.0.0.1:${port}/mfa`,
        ttlMs: 1,
        maxEntries: 1,
        logSize: 1,
        now: Date.now,
        startTimeoutMs: 1_000,
      }).catch((caught: unknown) => caught);
      // postgres.js alone took the 400 for a dropped connection and opened the next at once, ~450 a second, until the
      // start timed out and said "no answer".
      expect(Date.now() - started).toBeLessThan(900);
      expect(connections).toBe(1);
      expect(error).toBeInstanceOf(StateUnavailableError);
      expect((error as Error).message).toBe(
        `the PostgreSQL state store at postgres://sandbox:***@127.0.0.1:${port}/mfa is not PostgreSQL: it answered "HTTP/1.1 400 Bad Request" to PostgreSQL's first message; point --state (MFA_SANDBOX_STATE_URL) at PostgreSQL's port (5432 unless set otherwise)`,
      );
    } finally {
      notPostgres.close();
    }
  });

  it('leaves no unhandled rejection (which ends a Node process) when the database goes away as a connection opens', async () => {
    // Greets a client as PostgreSQL does (TLS not offered, no password asked, ready for queries), then closes at its
    // first query and stops listening: the database went away in the instant after a new pool connection was ready.
    const gone = createServer((socket) => {
      socket.once('data', (first: Buffer) => {
        if (first.length === 8 && first.readUInt32BE(4) === 80877103) return void socket.end('N'); // the start's SSLRequest
        socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49])); // AuthenticationOk, ReadyForQuery
        socket.once('data', () => {
          gone.close();
          socket.destroy();
        });
      });
    });
    await new Promise<void>((listening) => gone.listen(0, '127.0.0.1', listening));
    const { port } = gone.address() as AddressInfo;
    const unhandled: unknown[] = [];
    const noteUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', noteUnhandled);
    try {
      const error = await startFailure(`postgres://sandbox:secret@127.0.0.1:${port}/mfa`, `postgres://sandbox:***@127.0.0.1:${port}/mfa`);
      expect(error).toBeInstanceOf(StateUnavailableError);
      await delay(200); // an unhandled rejection is reported after the turn it happened in
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', noteUnhandled);
      gone.close();
    }
  });

  it('says a server that does not offer TLS to a URL asking for it (?sslmode=require) is running, not unreachable', async () => {
    const error = await startFailure(`${database.url}?sslmode=require`, 'postgres://sandbox:***@db?sslmode=require');
    expect(error).toBeInstanceOf(StateUnavailableError);
    expect((error as Error).message).toMatch(
      /^the PostgreSQL state store at postgres:\/\/sandbox:\*\*\*@db\?sslmode=require did not start TLS \(.+\): the server may not offer SSL; enable SSL on the server, or drop sslmode from --state \(MFA_SANDBOX_STATE_URL\)$/,
    );
  });

  it('stops the start with a message naming the setting to fix when the database refuses the password', async () => {
    const wrongPassword = new URL(database.url);
    wrongPassword.password = 'not-the-password';
    const error = await startFailure(wrongPassword.toString(), 'postgres://sandbox:***@db');
    expect(error).toBeInstanceOf(StateUnavailableError);
    expect((error as Error).message).toMatch(
      /^the PostgreSQL state store at postgres:\/\/sandbox:\*\*\*@db refused the sandbox \(password authentication failed for user "[^"]+"\); check the user, password and database in --state \(MFA_SANDBOX_STATE_URL\)$/,
    );
  });
});
