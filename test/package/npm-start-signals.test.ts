import { describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../harness/child-server.js';
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
