import { describe, expect, it } from 'vitest';
import { runCli, type RunningServer } from '../../src/cli.js';
import { runCacheDir } from '../harness/clean-env.js';
import { logMessage } from '../harness/log-messages.js';

/**
 * `serve` hands the running server to main.ts (which arms SIGINT/SIGTERM on it) before it prints the listening line:
 * a supervisor that signals as soon as it reads the line must find the handlers armed, not kill a half-set-up process.
 */
describe('serve: onListening', () => {
  it('is called with the listening server before the listening line is printed', async () => {
    const events: string[] = [];
    let handed: RunningServer | undefined;
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'], runCacheDir(), {
      out: (line) => events.push(logMessage(line).startsWith('mfa-sandbox listening:') ? 'listening line' : `out: ${line}`),
      err: (line) => events.push(`err: ${line}`),
      isTty: false,
      onListening: (server) => {
        handed = server;
        events.push('onListening');
      },
    });
    if (typeof result === 'number') throw new Error(`serve exited ${result}: ${events.join('\n')}`);
    try {
      expect(events).toEqual(['onListening', 'listening line']);
      expect(handed?.app).toBe(result.app);
      expect((await fetch(`${handed!.url}/__admin/health`)).status).toBe(200);
    } finally {
      await result.app.close();
    }
  });
});

describe('serve: an admin API open to every client', () => {
  async function startupErrors(args: string[]): Promise<string[]> {
    const errors: string[] = [];
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent', ...args], runCacheDir(), {
      out: () => undefined,
      err: (line) => errors.push(logMessage(line)),
      isTty: false,
    });
    if (typeof result === 'number') throw new Error(`serve exited ${result}: ${errors.join('\n')}`);
    await result.app.close();
    return errors;
  }

  it('is a warning at start without a token, naming the flag that closes it; none with one or on loopback only', async () => {
    expect(await startupErrors(['--admin-access', 'any'])).toEqual([
      'mfa-sandbox: warning: --admin-access any without --admin-token: every client that reaches this server may read, change and reset ' +
        'every session; add --admin-token <16+ characters> (MFA_SANDBOX_ADMIN_TOKEN)',
    ]);
    expect(await startupErrors(['--admin-access', 'any', '--admin-token', 'a-long-enough-secret'])).toEqual([]);
    expect(await startupErrors([])).toEqual([]);
  });
});
