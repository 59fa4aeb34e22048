import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toRedactedCommandLine } from '../../src/redacted-command-line.js';
import { startChildServer } from '../harness/child-server.js';

describe('the process title', () => {
  it('masks the admin token and the state URL password, in both spellings of a flag, and is none without secrets', () => {
    expect(toRedactedCommandLine(['serve', '--admin-token', 's3cret-s3cret-s3cret', '--port', '4010'])).toBe('mfa-sandbox serve --admin-token *** --port 4010');
    expect(toRedactedCommandLine(['serve', '--state=postgres://sandbox:hunter2@db:5432/mfa'])).toBe(
      'mfa-sandbox serve --state=postgres://sandbox:***@db:5432/mfa',
    );
    expect(toRedactedCommandLine(['serve', '--state', 'postgres://sandbox:hunter2@db/mfa', '--admin-token=tok-tok-tok-tok-tok'])).toBe(
      'mfa-sandbox serve --state postgres://sandbox:***@db/mfa --admin-token=***',
    );
    expect(toRedactedCommandLine(['serve', '--port', '4010'])).toBeUndefined();
    // Words that are names of every object's properties are no flags.
    expect(toRedactedCommandLine(['constructor', 'toString', '__proto__'])).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')(
    'keeps the admin token out of what ps shows of the running command',
    async () => {
      const token = 'ps-must-not-show-this-token';
      const server = await startChildServer(process.execPath, ['bin/mfa-sandbox.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--admin-token', token], {
        ready: /listening: .* at (http:\/\/[^/\s]+)/,
      });
      try {
        const shown = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        expect(shown).toContain('--admin-token ***');
        expect(shown).not.toContain(token);
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});
