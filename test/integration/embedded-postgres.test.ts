import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStartError, startPostgres, type PostgresServer } from '../harness/embedded-postgres.js';
import { createTestDatabase } from '../harness/postgres-test-database.js';

/** Live processes (zombies excluded: they run nothing) whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** One short-lived client per step: a pool from before a stop() would only report the shutdown. */
async function query<T extends readonly postgres.MaybeRow[]>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

describe('embedded PostgreSQL (test/harness/embedded-postgres.ts)', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.close());

  it('starts a real PostgreSQL 18 on a random port of 127.0.0.1 that answers SQL with password authentication', async () => {
    expect(server.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/);
    expect(server.port).not.toBe(5432);
    const [row] = await query(server.url, (sql) => sql<{ version: string }[]>`select version()`);
    expect(row?.version).toMatch(/^PostgreSQL 18\./);
    const wrongPassword = new URL(server.url);
    wrongPassword.password = 'not-the-password';
    await expect(query(wrongPassword.toString(), (sql) => sql`select 1`)).rejects.toThrow(/password authentication failed/);
  });

  it('stop() shuts the server down (connecting fails); start() brings it back on the same port with the data intact', async () => {
    await query(server.url, async (sql) => {
      await sql`create table kept (note text)`;
      return sql`insert into kept values ('written before the stop')`;
    });
    const pid = server.pid();
    await server.stop();
    expect(server.pid()).toBeUndefined();
    expect(processesMentioning(`${server.root}/data`)).not.toContain(pid);
    await expect(query(server.url, (sql) => sql`select 1`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await server.start();
    expect(server.pid()).toBeGreaterThan(0);
    expect(server.pid()).not.toBe(pid);
    const rows = await query(server.url, (sql) => sql<{ note: string }[]>`select note from kept`);
    expect(rows.map((row) => row.note)).toEqual(['written before the stop']);
  });

  it('a start() that cannot bind its port fails with a clear error carrying the server log, and can be retried', async () => {
    await server.stop();
    const squatter: Server = createServer().listen(server.port, '127.0.0.1');
    await once(squatter, 'listening');
    try {
      const failure = await server.start().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(PostgresStartError);
      expect(String(failure)).toMatch(/PostgreSQL exited during start-up[\s\S]*--- postgres log ---[\s\S]*could not (bind|create any TCP\/IP sockets)/);
      expect(server.pid()).toBeUndefined();
    } finally {
      squatter.close();
    }
    await server.start();
    const [row] = await query(server.url, (sql) => sql<{ answer: number }[]>`select 41 + 1 as answer`);
    expect(row?.answer).toBe(42);
  });

  it('close() stops the server and deletes its data directory', async () => {
    const pid = server.pid();
    expect(pid).toBeGreaterThan(0);
    await server.close();
    expect(processesMentioning(server.root)).toEqual([]);
    expect(existsSync(`/proc/${pid}/cmdline`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(server.root)).toBe(false);
    expect(existsSync(server.root)).toBe(false);
    await expect(server.start()).rejects.toThrow(/was closed/);
  });
});

describe('no orphan server', () => {
  it('when the test process is killed outright (SIGKILL), its watchdog stops the server and deletes the data', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/hold-postgres.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(holder.stdout, 'data')) as [Buffer];
      const { pid, root } = JSON.parse(line.toString()) as { pid: number; root: string };
      expect(processesMentioning(root)).toContain(pid);
      holder.kill('SIGKILL');
      // The watchdog polls once a second, then a fast shutdown: a few seconds at most.
      expect(await waitFor(() => processesMentioning(root).length === 0 && !existsSync(root), 20_000)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  }, 60_000);
});

describe('the shared server of the vitest run (test/harness/postgres-global-setup.ts)', () => {
  it('gives each caller a database of its own on the one server', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.name).not.toBe(second.name);
      expect(new URL(first.url).port).toBe(new URL(second.url).port);
      await query(first.url, (sql) => sql`create table only_in_first (id int)`);
      const seen = (url: string) => query(url, (sql) => sql<{ name: string | null }[]>`select to_regclass('only_in_first')::text as name`);
      expect((await seen(first.url))[0]?.name).toBe('only_in_first');
      expect((await seen(second.url))[0]?.name).toBeNull();
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
    const databases = await query(first.url.replace(/\/test_[0-9a-f]+$/, '/postgres'), (sql) => sql<{ datname: string }[]>`select datname from pg_database`);
    expect(databases.map((row) => row.datname)).not.toContain(first.name);
  });
});
