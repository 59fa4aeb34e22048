import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort, startChildServer, type ChildServer } from '../harness/child-server.js';
import { isPortOpen, startProcessGroup, waitForOk } from '../harness/process-group.js';

/**
 * `npm start` stops when asked. npm forwards SIGTERM/SIGINT to its child only; were that child a shell running the
 * server as its own child (`sh -c "node ..."`), the shell would die and leave the server running with the port held.
 * A process manager signals npm alone; a terminal's Ctrl-C signals the whole group, so both are tried.
 */
const STOP_WITHIN_MS = 5_000;

describe('npm start', () => {
  const cases = [
    { signal: 'SIGTERM', target: 'the npm process' },
    { signal: 'SIGINT', target: 'the npm process' },
    { signal: 'SIGTERM', target: 'the process group' },
    { signal: 'SIGINT', target: 'the process group' },
  ] as const;

  it.each(cases)(
    'stops every process and frees the port on $signal to $target',
    async ({ signal, target }) => {
      const port = await freeLoopbackPort();
      const npm = startProcessGroup('npm', ['start'], { cwd: process.cwd(), env: { PORT: String(port), LOG_LEVEL: 'warn' } });
      try {
        await waitForOk(`http://127.0.0.1:${port}/__admin/health`, npm);
        // npm plus the server at least: a tree, so "every process exits" is a real claim.
        expect(npm.members().length).toBeGreaterThanOrEqual(2);

        process.kill(target === 'the npm process' ? npm.pid : -npm.pid, signal);

        expect(await npm.waitUntilGone(STOP_WITHIN_MS), `still running: ${npm.members().join(', ')}\n${npm.output()}`).toBe(true);
        expect(await isPortOpen(port)).toBe(false);
        expect(npm.output()).not.toContain('did not close');
      } finally {
        npm.kill();
      }
    },
    60_000,
  );
});

describe('the mfa-sandbox command whose output reader goes away', () => {
  it('serves on when its stdout is closed (a script read its ready line and stopped reading), says so, and still stops on SIGTERM', async () => {
    const port = await freeLoopbackPort();
    const scenarios = await mkdtemp(join(tmpdir(), 'mfa-closed-stdout-'));
    await mkdir(join(scenarios, 'flashback'));
    const scenario = (description: string) =>
      writeFile(
        join(scenarios, 'flashback', 'mine.yaml'),
        `description: ${description}\nworld:\n  users: [{ id: usr_x, email: x@example.com, token: x-token }]\n`,
      );
    await scenario('first');
    // `serve --watch ... | grep -m1 listening`: the reader takes the ready line and exits. The server wrote its next
    // line (the reload below) into the closed pipe and exited 0, silently, taking the mock away.
    const server = spawn(
      process.execPath,
      ['bin/mfa-sandbox.js', 'serve', '--port', String(port), '--host', '127.0.0.1', '--watch', '--scenarios', scenarios],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const until = async (done: () => boolean) => {
      for (const deadline = Date.now() + 10_000; !done() && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    try {
      server.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await until(() => stdout.includes('mfa-sandbox listening'));
      server.stdout.destroy();
      await scenario('second'); // --watch reloads and says so on stdout
      await until(() => stderr.includes('standard output was closed'));
      expect(stderr).toContain('mfa-sandbox: standard output was closed (its reader exited); serving on, writing nothing more there');
      const status = await fetch(`http://127.0.0.1:${port}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });
      expect(status.status).toBe(200);
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      server.kill('SIGKILL');
      await rm(scenarios, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('the mfa-sandbox command, signalled while answering', () => {
  const start = (flags: string[] = []) =>
    startChildServer(process.execPath, ['bin/mfa-sandbox.js', 'serve', ...flags, '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'], {
      ready: /listening: .* at (http:\/\/[^/\s]+)/,
    });
  /** A request the sandbox holds for `ms` before answering (a scripted latency). */
  const slowStatus = (url: string, ms: number) =>
    fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada', prefer: `latency=${ms}` } }).then(
      (response) => response.status,
      () => 'no answer',
    );
  /**
   * A request whose body never finishes arriving (a stalled upload): serve's close gives it half a second, then ends
   * it; the proxy's waits for it. Resolves with what the connection received before it closed ('no answer' for nothing).
   */
  const unfinishedUpload = (url: string) =>
    new Promise<string>((resolve) => {
      const { hostname, port } = new URL(url);
      let received = '';
      const socket = connect(Number(port), hostname, () =>
        socket.write(
          'POST /flashback/mfa/setup HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Bearer flashback-token-ada\r\n' +
            'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"mfa',
        ),
      );
      socket.on('data', (chunk) => (received += String(chunk)));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received || 'no answer'));
    });
  /** Once the default session's journal has a request: the sandbox holds it. */
  const untilJournalled = async (url: string) => {
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline) {
      const journal = (await (await fetch(`${url}/__admin/sessions/default/journal`)).json()) as unknown[];
      if (journal.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the request never reached the sandbox');
  };
  const exited = async (server: ChildServer, withinMs: number) => {
    const deadline = performance.now() + withinMs;
    while (server.isRunning() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return server.exitCode();
  };

  it('closes as on SIGTERM when the terminal hangs up (SIGHUP): the request in flight is answered, exit 0', async () => {
    const server = await start();
    try {
      const answer = slowStatus(server.url, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      process.kill(server.pid, 'SIGHUP');
      expect(await answer).toBe(200);
      expect(await exited(server, STOP_WITHIN_MS)).toBe(0);
    } finally {
      await server.stop();
    }
  }, 30_000);

  it.each([
    { command: 'serve', flags: [] },
    { command: 'serve --watch', flags: ['--watch'] },
  ])(
    '$command: answers a request waiting out an injected delay at once on SIGTERM, and exits 0 well within the 10 s bound',
    async ({ flags }) => {
      const server = await start(flags);
      try {
        const answer = slowStatus(server.url, 30_000);
        await untilJournalled(server.url);
        const signalled = performance.now();
        process.kill(server.pid, 'SIGTERM');
        expect(await answer).toBe(200);
        expect(await exited(server, STOP_WITHIN_MS)).toBe(0);
        expect(performance.now() - signalled).toBeLessThan(STOP_WITHIN_MS);
        expect(server.output()).not.toContain('did not close');
      } finally {
        await server.stop();
      }
    },
    30_000,
  );

  it('ends a request whose body stopped arriving on SIGTERM (after half a second) and exits 0, not after the 10 s bound', async () => {
    const server = await start();
    try {
      const answer = unfinishedUpload(server.url);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const signalled = performance.now();
      process.kill(server.pid, 'SIGTERM');
      expect(await exited(server, STOP_WITHIN_MS)).toBe(0);
      expect(performance.now() - signalled).toBeLessThan(STOP_WITHIN_MS);
      expect(await answer).toBe('no answer');
      expect(server.output()).not.toContain('did not close');
    } finally {
      await server.stop();
    }
  }, 30_000);

  it('exits at once (130) on a second Ctrl-C a second or more after the first, without waiting for the answer', async () => {
    // What still holds a close: a request to the proxy whose body is still arriving (the proxy no longer waits for an
    // upstream that has not answered: that request gets its 503 at once).
    const silentUpstream = createServer(() => undefined);
    await new Promise<void>((resolve) => silentUpstream.listen(0, '127.0.0.1', resolve));
    const upstream = `http://127.0.0.1:${(silentUpstream.address() as AddressInfo).port}`;
    const proxy = await startChildServer(
      process.execPath,
      ['bin/mfa-sandbox.js', 'proxy', '--surface', 'flashback', '--upstream', upstream, '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'],
      { ready: /proxy listening: (http:\/\/[^\s]+)/ },
    );
    try {
      const answer = unfinishedUpload(proxy.url);
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.kill(proxy.pid, 'SIGINT');
      process.kill(proxy.pid, 'SIGINT'); // the same Ctrl-C twice (npm forwards it): still closing
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(proxy.isRunning()).toBe(true);
      // While it waits, it says so, and how not to.
      expect(proxy.output()).toContain('closing: waiting for the answers in flight (at most 10 s; stop it again to exit now)');
      const insisted = performance.now();
      process.kill(proxy.pid, 'SIGINT');
      expect(await exited(proxy, 2_000)).toBe(130);
      expect(performance.now() - insisted).toBeLessThan(2_000);
      expect(await answer).toBe('no answer');
      expect(proxy.output()).toContain('stopped again while closing; exiting without waiting for the answers in flight');
    } finally {
      await proxy.stop();
      silentUpstream.closeAllConnections();
      await new Promise((resolve) => silentUpstream.close(resolve));
    }
  }, 30_000);
});
