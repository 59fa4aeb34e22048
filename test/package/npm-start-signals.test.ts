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

describe('the mfa-sandbox command, signalled while answering', () => {
  const start = () =>
    startChildServer(process.execPath, ['bin/mfa-sandbox.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'], {
      ready: /listening: .* at (http:\/\/[^/\s]+)/,
    });
  /** A request the sandbox holds for `ms` before answering (a scripted latency). */
  const slowStatus = (url: string, ms: number) =>
    fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada', prefer: `latency=${ms}` } }).then(
      (response) => response.status,
      () => 'no answer',
    );
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

  it('exits at once (130) on a second Ctrl-C a second or more after the first, without waiting for the answer', async () => {
    const server = await start();
    try {
      const answer = slowStatus(server.url, 8_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      process.kill(server.pid, 'SIGINT');
      process.kill(server.pid, 'SIGINT'); // the same Ctrl-C twice (npm forwards it): still closing
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(server.isRunning()).toBe(true);
      // While it waits, it says so, and how not to.
      expect(server.output()).toContain('closing: waiting for the answers in flight (at most 10 s; stop it again to exit now)');
      const insisted = performance.now();
      process.kill(server.pid, 'SIGINT');
      expect(await exited(server, 2_000)).toBe(130);
      expect(performance.now() - insisted).toBeLessThan(2_000);
      expect(await answer).toBe('no answer');
      expect(server.output()).toContain('stopped again while closing; exiting without waiting for the answers in flight');
    } finally {
      await server.stop();
    }
  }, 30_000);
});
