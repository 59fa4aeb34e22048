import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/index.js';
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

describe('serve: the listening line', () => {
  it("names a server on 127.0.0.1 as localhost: to a browser that is another site than a dev server's localhost page", async () => {
    const lines: string[] = [];
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'], runCacheDir(), {
      out: (line) => lines.push(logMessage(line)),
      err: (line) => lines.push(line),
      isTty: false,
    });
    if (typeof result === 'number') throw new Error(`serve exited ${result}: ${lines.join('\n')}`);
    try {
      const listening = lines.find((line) => line.startsWith('mfa-sandbox listening:')) ?? '';
      const port = new URL(result.url).port;
      expect(listening).toContain(
        `at http://localhost:${port}/<surface>; admin http://localhost:${port}/__admin, QA console http://localhost:${port}/__console;`,
      );
      expect(listening).not.toContain('127.0.0.1');
      // Reachable from this machine only, said where a mobile developer looks when the phone gets "connection refused".
      expect(listening).toMatch(/; this machine only \(--host 0\.0\.0\.0 for a phone or another machine\)$/);
      expect((await fetch(`http://localhost:${port}/__admin/health`)).status).toBe(200);
    } finally {
      await result.app.close();
    }
  });
});

describe('serve: an admin API open to every client', () => {
  async function startupErrors(args: string[], logLevel = 'warn'): Promise<string[]> {
    const errors: string[] = [];
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', logLevel, ...args], runCacheDir(), {
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

  it('is written at every log level, silent included (a quiet log must not hide it); the cache warning is not', async () => {
    for (const level of ['error', 'silent']) {
      expect(await startupErrors(['--admin-access', 'any'], level)).toEqual([
        expect.stringMatching(/^mfa-sandbox: warning: --admin-access any without --admin-token: /),
      ]);
      expect(await startupErrors(['--admin-access', 'any', '--admin-token', 'replace-me-with-a-long-secret'], level)).toEqual([
        expect.stringMatching(/^mfa-sandbox: warning: the admin token is the README's example /),
      ]);
      expect(await startupErrors(['--cache-dir', '/dev/null/cache'], level)).toEqual([]);
    }
  });

  it("is a warning at start with the README's example token (a mobile team's tour: a copied docker run line took it)", async () => {
    expect(await startupErrors(['--admin-access', 'any', '--admin-token', 'replace-me-with-a-long-secret'])).toEqual([
      "mfa-sandbox: warning: the admin token is the README's example (replace-me-with-a-long-secret): anyone who read the README can read, " +
        'change and reset every session of this server; choose a secret of your own (e.g. openssl rand -hex 24)',
    ]);
  });
});

describe('serve: a cache directory it cannot write', () => {
  it('is a warning at start naming the directory and why, and the start goes on (an operator passed a file for a folder)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-dir-'));
    const file = join(dir, 'not-a-folder');
    await writeFile(file, '');
    const errors: string[] = [];
    const args = ['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', '--cache-dir', join(file, 'cache')];
    const result = await runCli(args, runCacheDir(), { out: () => undefined, err: (line) => errors.push(logMessage(line)), isTty: false });
    if (typeof result === 'number') throw new Error(`serve exited ${result}: ${errors.join('\n')}`);
    try {
      expect(errors).toEqual([
        `mfa-sandbox: warning: the cache directory ${join(file, 'cache')} cannot be written (ENOTDIR): every start parses your scenario files and ` +
          'compiles the server again; choose another with --cache-dir <dir> (MFA_SANDBOX_CACHE_DIR), or say none with --cache-dir off',
      ]);
      expect((await fetch(`${result.url}/__admin/health`)).status).toBe(200);
    } finally {
      await result.app.close();
    }
  });

  it('is no warning for a directory it can make, nor for --cache-dir off', async () => {
    const made = join(await mkdtemp(join(tmpdir(), 'cache-dir-')), 'a', 'b');
    for (const cacheDir of [made, 'off']) {
      const errors: string[] = [];
      const args = ['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', '--cache-dir', cacheDir];
      const result = await runCli(args, runCacheDir(), { out: () => undefined, err: (line) => errors.push(line), isTty: false });
      if (typeof result === 'number') throw new Error(`serve exited ${result}: ${errors.join('\n')}`);
      await result.app.close();
      expect(errors).toEqual([]);
    }
  });
});

describe("serve's own lines as JSON records (output not a terminal)", () => {
  async function recordsAt(
    logLevel: string,
    args: string[] = [],
  ): Promise<{ out: Array<{ level: number; msg: string }>; err: Array<{ level: number; msg: string }> }> {
    const out: string[] = [];
    const err: string[] = [];
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', logLevel, ...args], runCacheDir(), {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      isTty: false,
    });
    if (typeof result === 'number') throw new Error(`serve exited ${result}: ${err.join('\n')}`);
    await result.app.close();
    const parse = (lines: string[]) => lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    return { out: parse(out), err: parse(err) };
  }

  it('warn records follow --log-level: none at error or silent (an open admin API is warned of at every level: above)', async () => {
    const unwritable = ['--cache-dir', '/dev/null/cache']; // a warning at start
    const atInfo = await recordsAt('info', unwritable);
    expect(atInfo.err.map((record) => record.level)).toEqual([40]);
    const atWarn = await recordsAt('warn', unwritable);
    expect(atWarn.err.map((record) => record.level)).toEqual([40]);
    // Asked for errors only, or for nothing: no warn record (it sent one, and an info record, whatever the level).
    for (const level of ['error', 'silent']) expect((await recordsAt(level, unwritable)).err, level).toEqual([]);
  });

  it('a session file loaded is an info record: at warn only the line naming the URL is written', async () => {
    const sandbox = await createSandbox();
    const file = join(await mkdtemp(join(tmpdir(), 'mfa-log-level-')), 'bug-1.json');
    await writeFile(file, JSON.stringify(sandbox.session('bug-1').exportFile()));
    await sandbox.close();
    const loaded = (records: Array<{ msg: string }>) => records.map((record) => record.msg.replace(/(listening:| loaded) .*/, '$1'));
    expect(loaded((await recordsAt('info', ['--session-file', file])).out)).toEqual(['mfa-sandbox: session "bug-1" loaded', 'mfa-sandbox listening:']);
    expect(loaded((await recordsAt('warn', ['--session-file', file])).out)).toEqual(['mfa-sandbox listening:']);
  });

  it('name the URL served at every level: a script that started serve --port 0 reads its port from it', async () => {
    for (const level of ['info', 'warn', 'silent']) {
      const { out } = await recordsAt(level);
      expect(
        out.map((record) => [record.level, record.msg.slice(0, 'mfa-sandbox listening: '.length)]),
        level,
      ).toEqual([[30, 'mfa-sandbox listening: ']]);
    }
  });
});

describe('serve: the log format on a terminal', () => {
  /** serve's own lines on a terminal, under this NO_COLOR: JSON records, or plain lines. */
  async function linesWith(noColor: string): Promise<string[]> {
    const lines: string[] = [];
    const result = await runCli(
      ['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'],
      { ...runCacheDir(), NO_COLOR: noColor },
      {
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
        isTty: true,
      },
    );
    if (typeof result === 'number') throw new Error(`serve exited ${result}: ${lines.join('\n')}`);
    await result.app.close();
    return lines;
  }

  it('is plain lines under an empty NO_COLOR (no-color.org: only a value counts), JSON records under NO_COLOR=1', async () => {
    const plain = await linesWith('');
    expect(plain.find((line) => line.startsWith('mfa-sandbox listening:'))).toBeDefined();
    const json = await linesWith('1');
    expect(json.map((line) => logMessage(line)).find((line) => line.startsWith('mfa-sandbox listening:'))).toBeDefined();
    expect(json.every((line) => line.startsWith('{'))).toBe(true);
  });

  it('follows --log-level as JSON records do: at silent only the lines naming the URL, no session loaded, no closing', async () => {
    const sandbox = await createSandbox();
    const file = join(await mkdtemp(join(tmpdir(), 'mfa-tty-level-')), 'bug-2.json');
    await writeFile(file, JSON.stringify(sandbox.session('bug-2').exportFile()));
    await sandbox.close();
    /** What a terminal shows at this level, the lines main.ts writes on SIGINT (through onListening's log) included. */
    const shownAt = async (level: string): Promise<string[]> => {
      const lines: string[] = [];
      const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--log-level', level, '--session-file', file], runCacheDir(), {
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
        isTty: true,
        onListening: (_server, log) => log.out('mfa-sandbox: SIGINT: closing'),
      });
      if (typeof result === 'number') throw new Error(`serve exited ${result}: ${lines.join('\n')}`);
      await result.app.close();
      return lines.map((line) => line.replace(/(listening:| loaded) .*/, '$1'));
    };
    expect(await shownAt('info')).toEqual(['mfa-sandbox: session "bug-2" loaded', 'mfa-sandbox: SIGINT: closing', 'mfa-sandbox listening:']);
    expect(await shownAt('silent')).toEqual(['mfa-sandbox listening:']);
  });
});

describe('serve --dynamic and --no-dynamic', () => {
  it('win over MFA_SANDBOX_DYNAMIC without reading it: a value it cannot use stopped the start (exit 2)', async () => {
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(logMessage(line)), err: (line: string) => lines.push(line), isTty: false };
    for (const flag of ['--no-dynamic', '--dynamic']) {
      const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1', flag], { ...runCacheDir(), MFA_SANDBOX_DYNAMIC: 'maybe' }, io);
      if (typeof result === 'number') throw new Error(`serve ${flag} exited ${result}: ${lines.join('\n')}`);
      try {
        const listening = lines.find((line) => line.startsWith('mfa-sandbox listening:')) ?? '';
        expect(listening.includes('every answer generated (--dynamic)'), flag).toBe(flag === '--dynamic');
      } finally {
        await result.app.close();
        lines.length = 0;
      }
    }
  });
});
