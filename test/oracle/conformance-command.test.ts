import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceJsonReport } from '../../src/conformance/conformance-json-report.js';
import { NEST_AUTH_ACCEPTED } from '../../src/conformance/catalogues/nest-auth-accepted.js';
import { startChangingProxy, type ChangingProxy, type ProxiedAnswer } from '../harness/changing-proxy.js';
import { startNestAuthOracle, type NestAuthOracle } from './nest-auth-oracle.js';
import { withoutSandboxSettings } from '../harness/clean-env.js';

/**
 * `mfa-sandbox conformance` as a user runs it (a process, through tsx) against the REAL @ackplus/nest-auth 2.11.1
 * server the suite runs as an oracle (issue 20 items 1, 2, 4, 5): the expected score, the accepted differences, a
 * deliberately changed upstream (a proxy renaming a field and changing a status), credentials that never leak, and
 * bad input.
 */

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const MAIN = join(process.cwd(), 'src/main.ts');

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** When (performance.now()) each stdout line arrived. */
  lineTimes: Array<{ line: string; atMs: number }>;
}

/** Asynchronous on purpose: the changed upstream's proxy lives in this process and must keep answering. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN, ...args], { env: { ...withoutSandboxSettings(), NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    const lineTimes: CliRun['lineTimes'] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      const atMs = performance.now();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lineTimes.push({ line, atMs });
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, lineTimes });
    });
  });
}

/**
 * A changed vendor: everything goes to the oracle, but GET /auth/mfa/status answers `enabled` where 2.11.1 says
 * `isEnabled`, and POST /auth/mfa/toggle answers 201 where 2.11.1 answers 200.
 */
const changeTheVendor = (request: { url: string }, answer: ProxiedAnswer): ProxiedAnswer => {
  if (request.url === '/auth/mfa/status' && answer.status === 200) return { ...answer, text: answer.text.replace('"isEnabled":', '"enabled":') };
  if (request.url === '/auth/mfa/toggle' && answer.status === 200) return { ...answer, status: 201 };
  return answer;
};

const base64Forms = (secret: string) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')];

/** The differences 2.11.1 and the sandbox are known to have, as the report lists them: flow / step / path. */
const EXPECTED_ACCEPTED = [
  'auth / unknown route / spec',
  'auth / unknown route / body',
  'validation / reset-totp {code: 5} / status',
  'validation / reset-totp {code: 5} / body.statusCode',
  'validation / reset-totp {code: 5} / body.message',
  'validation / reset-totp {code: 5} / body.error',
  'validation / reset-totp {code: 5} / body.code',
];

let oracle: NestAuthOracle;
let dir: string;
let changed: ChangingProxy | undefined;

beforeAll(async () => {
  [oracle, dir] = await Promise.all([startNestAuthOracle(), mkdtemp(join(tmpdir(), 'conformance-'))]);
}, 90_000);

afterAll(async () => {
  await changed?.close();
  await oracle?.stop();
});

describe('mfa-sandbox conformance against the real nest-auth 2.11.1', () => {
  it('scores the real server 1.000 (every field agrees or is an accepted difference), with the reports, and never shows a credential', async () => {
    // A fresh user with nothing set up; the credentials come from a file: a token it holds, its e-mail and password.
    const user = await oracle.signUp('conformance.scored@example.com');
    const credentials = join(dir, 'credentials.json');
    await writeFile(credentials, JSON.stringify({ token: user.accessToken, email: user.email, password: user.password }));
    const [json, html] = [join(dir, 'scored.json'), join(dir, 'scored.html')];

    const run = await runCli(['conformance', '--surface', 'nest-auth', '--upstream', oracle.url, '--credentials', credentials, '--json', json, '--html', html]);

    expect(run.stderr).toBe('');
    expect(run.status, run.stdout).toBe(0);
    // Each step's line as it happens, not all at the end: the first came well before the score (the run takes seconds).
    const firstStep = run.lineTimes.find(({ line }) => line.startsWith('  ok  '))!;
    const score = run.lineTimes.find(({ line }) => line.startsWith('score '))!;
    expect(score.atMs - firstStep.atMs).toBeGreaterThan(500);
    const report = JSON.parse(await readFile(json, 'utf8')) as ConformanceJsonReport;
    // The expected score, exactly: every flow's requests and answers are deterministic (wrong codes are surely wrong,
    // right ones fresh), so the same number of fields is compared on every run.
    expect(report.totals).toEqual({ agreeing: 956, accepted: 7, compared: 956, score: 1, violations: 0 });
    expect(run.stdout).toMatch(
      /^score 1\.000 \(956 of 956 fields agree, 7 of them accepted differences; 0 spec violations by the upstream\); --min-score 1: pass$/m,
    );
    expect(run.stdout).toMatch(/^ {2}ok {4}status \/ status \(nothing set up\) {2}11\/11$/m);
    // Express routes a path in any letter case: the real server answers it, and so does the sandbox (path-case.ts).
    expect(run.stdout).toMatch(/^ {2}ok {4}status \/ status, path in other letter case {2}11\/11$/m);
    expect(report.flows.every((flow) => flow.skipped === undefined)).toBe(true);
    const accepted = report.steps.flatMap((step) => step.fields.filter((field) => field.accepted).map((field) => ({ step, field })));
    expect(accepted.map(({ step, field }) => `${step.flow} / ${step.step} / ${field.path}`)).toEqual(EXPECTED_ACCEPTED);
    for (const { field } of accepted) expect(NEST_AUTH_ACCEPTED.map((rule) => rule.reason)).toContain(field.accepted);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<td>differ, accepted: 2.11.1 crashes (500) on a non-string recovery code');
    expect(page).toContain('Score <strong>1.000</strong>');

    // Never a credential, in any form, nor a token the upstream handed out during the flows, nor a TOTP secret.
    const everything = [run.stdout, run.stderr, await readFile(json, 'utf8'), page].join('\n');
    for (const secret of [user.accessToken, user.password]) for (const form of base64Forms(secret)) expect(everything).not.toContain(form);
    expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(everything).not.toMatch(/[A-Z2-7]{32}/);
  }, 180_000);

  it("with a token alone (no e-mail), compares the answers that echo the upstream user's address as that user's, and never shows it", async () => {
    const user = await oracle.signUp('conformance.token-only@example.com');
    const run = await runCli(['conformance', '--surface', 'nest-auth', '--upstream', oracle.url], { MFA_SANDBOX_UPSTREAM_TOKEN: user.accessToken });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^score 1\.000 .*--min-score 1: pass$/m);
    expect(run.stdout).toMatch(/^ {2}ok {4}methods \/ setup-totp/m); // its account and otpauth label name the user
    expect(run.stdout).not.toContain(user.email);
  }, 180_000);

  it('a token the upstream refuses is bad input (exit 2, saying so), not a low score of steps failing on it', async () => {
    const run = await runCli(['conformance', '--surface', 'nest-auth', '--upstream', oracle.url], { MFA_SANDBOX_UPSTREAM_TOKEN: 'not-a-token-of-this-server' });
    expect([run.status, run.stderr.trim()]).toEqual([
      2,
      'mfa-sandbox conformance: the upstream refused the token (401 on GET /auth/mfa/status): give a current access token of the test user',
    ]);
    expect(run.stdout).not.toMatch(/^score /m);
  }, 60_000);

  it('an upstream that requires MFA of every user says so, and how to compare it, instead of blaming the user', async () => {
    const user = await oracle.signUp('conformance.required@example.com');
    const previous = await oracle.setMfaOptions({ required: true });
    try {
      const run = await runCli(['conformance', '--surface', 'nest-auth', '--upstream', oracle.url], {
        MFA_SANDBOX_UPSTREAM_EMAIL: user.email,
        MFA_SANDBOX_UPSTREAM_PASSWORD: user.password,
      });
      expect(run.status, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain('the upstream requires MFA of every user (mfa.required');
      expect(run.stderr).toContain('--scenario org-enforced');
    } finally {
      await oracle.setMfaOptions(previous);
    }
  }, 60_000);

  it('a changed upstream (a renamed field, a changed status) lowers the score, shows as spec violations and fails --min-score', async () => {
    changed = await startChangingProxy(oracle.url, changeTheVendor);
    const user = await oracle.signUp('conformance.changed@example.com');
    const json = join(dir, 'changed.json');

    const run = await runCli(['conformance', '--surface', 'nest-auth', '--upstream', changed.url, '--min-score', '0.99', '--json', json], {
      MFA_SANDBOX_UPSTREAM_EMAIL: user.email,
      MFA_SANDBOX_UPSTREAM_PASSWORD: user.password,
    });

    expect(run.status, run.stdout + run.stderr).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as ConformanceJsonReport;
    expect(report.passed).toBe(false);
    expect(report.totals.score).toBeLessThan(0.99);
    expect(run.stdout).toMatch(/--min-score 0\.99: FAIL$/m);
    const first = report.steps.find((step) => step.step === 'status (nothing set up)')!;
    expect(first.fields.filter((field) => field.outcome !== 'agree')).toEqual([
      expect.objectContaining({
        path: 'spec',
        outcome: 'differ',
        upstream: ["/isEnabled must have required property 'isEnabled'", '/enabled must NOT have additional properties'],
      }),
      // The sandbox lacks the upstream's new `enabled` (missing) and has what the upstream no longer has (extra).
      { path: 'body.enabled', class: 'constant', outcome: 'missing', upstream: false },
      { path: 'body.isEnabled', class: 'constant', outcome: 'extra', sandbox: false },
    ]);
    const toggled = report.steps.find((step) => step.flow === 'toggle' && step.step === 'toggle on')!;
    expect(toggled.fields.find((field) => field.path === 'status')).toMatchObject({ outcome: 'differ', upstream: 201, sandbox: 200 });
    expect(toggled.violations[0]).toMatchObject({ kind: 'undocumented-status' });
    // The line says why the upstream broke its spec, which explains the rest.
    expect(run.stdout).toMatch(
      /^ {2}DIFF {2}status \/ status \(nothing set up\) {2}9\/12 {2}\(spec differ, body\.enabled missing, body\.isEnabled extra; upstream: \/isEnabled must have required property 'isEnabled'\)$/m,
    );
  }, 180_000);
});
