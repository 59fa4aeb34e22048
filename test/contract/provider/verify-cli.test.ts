import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { PACTS_DIR } from '../consumer/consumer-pact.js';
import { ADA_FLASHBACK, consumerPactFiles, createFixtureDir, writePactFile, wrongFlashbackInteractions } from '../pact-fixtures.js';

/**
 * `mfa-sandbox verify` as another team's CI runs it: a separate process, pact files in, a report and an exit code out.
 */

const ROOT = process.cwd();
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/main.ts');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Children still running (only if a test failed mid-way); each is its own process group, killed whole. */
const running = new Set<number>();

function stop(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL'); // tsx runs node as a child: end the group, not just the wrapper
  } catch {
    // already gone
  }
  running.delete(pid);
}

function verify(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN, 'verify', ...args], { cwd: ROOT, detached: true, env: { ...process.env, NO_COLOR: '1', PACT_DO_NOT_TRACK: 'true' } });
    running.add(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => stop(child.pid!), 45_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      running.delete(child.pid!);
      resolve({ status, stdout, stderr });
    });
  });
}

let failingDir: string;
let wrongPact: string;
const goodPact = join(relative(ROOT, PACTS_DIR), 'lerian-console-lerian.json');
/** Both runs start together (each is a separate process), and the tests read their results. */
let goodRun: Promise<Run>;
let failingRun: Promise<Run>;

beforeAll(async () => {
  await consumerPactFiles(); // fails clearly when the consumer step has not run
  failingDir = await createFixtureDir();
  wrongPact = await writePactFile(failingDir, 'careless-web', 'flashback', wrongFlashbackInteractions());
  await writePactFile(failingDir, 'moonlit-web', 'Flashback API', [
    {
      description: 'status on a full moon',
      states: [{ name: 'the moon is full' }],
      request: { method: 'GET', path: '/mfa/status', headers: ADA_FLASHBACK },
      response: { status: 200, body: { success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [] } } },
    },
  ]);
  await writeFile(join(failingDir, 'notes.json'), '{"todo": "not a pact"}\n');
  goodRun = verify(['--pact', goodPact, '--surface', 'lerian']);
  failingRun = verify(['--pact', failingDir]);
});

afterAll(async () => {
  for (const pid of running) stop(pid);
  await rm(failingDir, { recursive: true, force: true });
});

/** The CLI's own entry with its output captured (main.ts passes the process streams instead). */
function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { io: { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line), isTty: false }, lines };
}

describe('mfa-sandbox verify', () => {
  it('passes a consumer pact with exit 0 and a report (the provider verification covers every pact)', async () => {
    const good = await goodRun;
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain(`PASS  ${goodPact}`);
    expect(good.stdout).toContain('spec  ok: checked against specs/lerian.openapi.yaml');
    expect(good.stdout).toMatch(/mock {2}(\d+)\/\1 interactions verified against the running sandbox/);
    expect(good.stdout).toMatch(/verified 1 pact file\(s\), \d+ interactions: all passed \(spec and mock\) in [\d.]+ s/);
  });

  it('fails a wrong pact on spec and mock, an unknown state by name, a non-pact file by reason, with exit 1', async () => {
    const failing = await failingRun;
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain(`FAIL  ${wrongPact}`);
    expect(failing.stdout).toContain('spec  2 problem(s)');
    expect(failing.stdout).toContain(
      '"a request to a path Flashback does not have": request.path-or-method.unknown: Path or method not defined in spec file: GET /mfa/state',
    );
    expect(failing.stdout).toMatch(/"a status whose isEnabled is a string": response\.body\.incompatible: .*must be boolean/);
    expect(failing.stdout).toContain('mock  0/2 interactions verified');
    // The surface comes from the provider name ("Flashback API") when --surface is not given.
    expect(failing.stdout).toContain('moonlit-web -> Flashback API (surface flashback, 1 interactions)');
    expect(failing.stdout).toContain('provider state "the moon is full": unknown provider state "the moon is full"; the sandbox knows:');
    expect(failing.stdout).toContain(`${join(failingDir, 'notes.json')}: not a pact file (needs consumer.name, provider.name and interactions)`);
    expect(failing.stdout).toMatch(/verified 3 pact file\(s\), 3 interactions: 3 FAILED/);
  });

  it('reports a missing pact path or a missing --pact as a usage problem', async () => {
    const missing = capture();
    expect(await runCli(['verify', '--pact', 'no-such-pacts.json'], {}, missing.io)).toBe(1);
    expect(missing.lines.err).toEqual(['mfa-sandbox: no-such-pacts.json: no such file or directory']);
    const noPact = capture();
    expect(await runCli(['verify'], {}, noPact.io)).toBe(2);
    expect(noPact.lines.err[0]).toContain('verify needs --pact <file|dir>');
  });
});
