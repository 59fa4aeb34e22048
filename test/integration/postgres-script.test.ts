import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { BIN, freeLoopbackPort, startChildServer } from '../harness/child-server.js';
import { isPortOpen } from '../harness/process-group.js';

/** The script started as `npm run postgres` runs it, with the process id it prints (the one its signals go to). */
async function startScript(args: string[] = []) {
  const server = await startChildServer(BIN('tsx'), ['scripts/postgres.ts', ...args], { ready: /serve --state '(postgres:\/\/[^']+)'/, timeoutMs: 90_000 });
  const printed = /kill (\d+)\n/.exec(server.output());
  expect(printed, server.output()).not.toBeNull();
  return Object.assign(server, { scriptPid: Number(printed![1]) });
}

/** Run `use` on a one-connection client of `url`, then end the client. */
async function withConnection<T>(url: string, use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return await use(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** The postmaster's process id, from the first line of postmaster.pid in the data directory the server was started on. */
const postmasterPid = (url: string) =>
  withConnection(url, async (sql) => {
    const [row] = await sql<Array<{ directory: string }>>`SELECT current_setting('data_directory') AS directory`;
    return Number((await readFile(join(row!.directory, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  });

async function waitForExit(server: { isRunning(): boolean }, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (server.isRunning() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('npm run postgres', () => {
  it('listens on the port -- --port asks for, says so when another process has it, and refuses a port that is none', async () => {
    const port = await freeLoopbackPort();
    const server = await startScript(['--port', String(port)]);
    try {
      expect(Number(new URL(server.url).port)).toBe(port);
      const second = spawnSync(BIN('tsx'), ['scripts/postgres.ts', '--port', String(port)], { encoding: 'utf8', timeout: 90_000 });
      expect([second.status, second.stderr]).toEqual([
        1,
        `npm run postgres: port ${port} of 127.0.0.1 is taken by another process: pick another --port, or leave it out for a free one\n`,
      ]);
    } finally {
      await server.stop();
    }
    const wrong = spawnSync(BIN('tsx'), ['scripts/postgres.ts', '--port', '70000'], { encoding: 'utf8' });
    expect([wrong.status, wrong.stderr.split('\n')[0]]).toEqual([2, 'npm run postgres: --port must be a port from 1 to 65535, got "70000"']);
  }, 180_000);

  it('starts a PostgreSQL server from npm, prints a --state URL that connects, and stops it by the process id it prints', async () => {
    const server = await startScript();
    try {
      expect(await withConnection(server.url, (sql) => sql<Array<{ answer: number }>>`SELECT 6 * 7 AS answer`)).toEqual([{ answer: 42 }]);
      // The script's own process, as printed (npm, and tsx here, stand between a shell and it; npm passes no signal on).
      process.kill(server.scriptPid, 'SIGTERM');
      await waitForExit(server, 20_000);
      expect(server.exitCode()).toBe(0);
      expect(await isPortOpen(Number(new URL(server.url).port))).toBe(false);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('restarts PostgreSQL on SIGUSR2, on the same port and data, as a database restart under running replicas', async () => {
    const server = await startScript();
    try {
      const before = postgres(server.url, { max: 1, onnotice: () => undefined });
      await before`CREATE TABLE kept (value text)`;
      await before`INSERT INTO kept VALUES ('across the restart')`;
      const firstPostmaster = await postmasterPid(server.url);
      process.kill(server.scriptPid, 'SIGUSR2');
      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain('PostgreSQL is listening again');
      // The connection opened before was ended by the restart; a new one finds the data on a new postmaster.
      await before.end({ timeout: 1 });
      expect(await postmasterPid(server.url)).not.toBe(firstPostmaster);
      const kept = await withConnection(server.url, (sql) => sql<Array<{ value: string }>>`SELECT value FROM kept`);
      expect(kept).toEqual([{ value: 'across the restart' }]);
      expect(server.isRunning()).toBe(true);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('says so when PostgreSQL stops on its own (it was killed), keeps its data, and starts it again on it on SIGUSR2', async () => {
    const server = await startScript();
    try {
      await withConnection(server.url, async (sql) => {
        await sql`CREATE TABLE kept (value text)`;
        await sql`INSERT INTO kept VALUES ('across the crash')`;
        await sql`CHECKPOINT`; // on disk: the throwaway server's commits do not wait for it (synchronous_commit off)
      });
      process.kill(await postmasterPid(server.url), 'SIGKILL');
      await expect.poll(() => server.output(), { timeout: 20_000 }).toContain('PostgreSQL stopped on its own (killed by SIGKILL); its data is kept:');
      // It waits for a signal; its exit would have let the data go.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(server.isRunning()).toBe(true);
      process.kill(server.scriptPid, 'SIGUSR2');
      await expect.poll(() => server.output(), { timeout: 30_000 }).toContain('PostgreSQL is listening again');
      expect(server.output()).toContain('starting PostgreSQL again on the same port and data');
      const kept = await withConnection(server.url, (sql) => sql<Array<{ value: string }>>`SELECT value FROM kept`);
      expect(kept).toEqual([{ value: 'across the crash' }]);
      // Ctrl-C then deletes it, as always.
      const root = (await withConnection(server.url, (sql) => sql<Array<{ directory: string }>>`SELECT current_setting('data_directory') AS directory`))[0]!
        .directory;
      process.kill(server.scriptPid, 'SIGINT');
      await waitForExit(server, 20_000);
      expect(server.exitCode()).toBe(0);
      expect(existsSync(root)).toBe(false);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
