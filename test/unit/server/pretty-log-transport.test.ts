import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { prettyFactory } from 'pino-pretty';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prettyLogTransport } from '../../../src/server/pretty-log-transport.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A request's JSON record as serve writes it, with every field its one-line message already says. */
const RECORD = {
  level: 30,
  time: Date.UTC(2026, 0, 1, 9, 0, 0),
  pid: 1,
  hostname: 'vm',
  reqId: 'req-1',
  method: 'GET',
  url: '/flashback/mfa/status',
  status: 200,
  durationMs: 1.2,
  session: 'qa-1',
  operationId: 'getMFAStatus',
  scripted: 'override',
  override: 'ov-1',
  latencyMs: 1500,
  fault: 'truncated-body',
  rule: 'request-schema',
  dynamic: 'generated',
  dynamicSeed: 7,
  clientGone: true,
  msg: 'GET /flashback/mfa/status -> 200 (1.2 ms, session qa-1; getMFAStatus, generated, seed 7)',
};

afterEach(() => vi.unstubAllEnvs());

describe('the pretty log transport (serve on a terminal)', () => {
  it('writes a request as its one line: the fields the line says are not repeated on lines of their own', () => {
    const pretty = prettyFactory({ ...prettyLogTransport().options, colorize: false });
    const text = pretty(RECORD).trimEnd();
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toMatch(/\] INFO: GET \/flashback\/mfa\/status -> 200 \(1\.2 ms, session qa-1; getMFAStatus, generated, seed 7\)$/);
  });

  it("prints the time in the machine's zone, as its reader takes a clock time (pino-pretty's default is UTC, unmarked)", () => {
    // In a process of its own: a test worker's zone is its process's, fixed when it started.
    const script = [
      "import { prettyFactory } from 'pino-pretty';",
      "import { prettyLogTransport } from './src/server/pretty-log-transport.ts';",
      `process.stdout.write(prettyFactory({ ...prettyLogTransport().options, colorize: false })(${JSON.stringify(RECORD)}));`,
    ].join('\n');
    const run = (zone: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
    expect(run('Asia/Kolkata')).toMatch(/^\[14:30:00\] INFO: GET /); // +05:30: 09:00 UTC is 14:30 there
    expect(run('UTC')).toMatch(/^\[09:00:00\] INFO: GET /);
  });

  it('takes FORCE_COLOR=0 as no colour, as Node and chalk do (any FORCE_COLOR forced colour before)', () => {
    vi.stubEnv('FORCE_COLOR', '0');
    expect(prettyLogTransport().options.colorize).toBe(false);
    vi.stubEnv('FORCE_COLOR', '1');
    expect(prettyLogTransport().options).not.toHaveProperty('colorize');
  });
});
