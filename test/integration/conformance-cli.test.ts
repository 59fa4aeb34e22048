import { execFile, spawn, spawnSync } from 'node:child_process';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOSED_LOOPBACK_PORT } from '../harness/closed-port.js';
import { withoutSandboxSettings } from '../harness/clean-env.js';

/**
 * `mfa-sandbox conformance` refusing bad input: a clear message, exit 2, no stack trace, nothing run. Each case is a
 * tsx process (1-3 s on a loaded machine), hence the long timeouts.
 */

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const MAIN = join(process.cwd(), 'src/main.ts');

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(TSX, [MAIN, 'conformance', ...args], { encoding: 'utf8', env: { ...withoutSandboxSettings(), NO_COLOR: '1', ...env }, timeout: 60_000 });
}

/** Run the command without blocking this process, whose own test upstream has to answer meanwhile. */
function runAlongside(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      TSX,
      [MAIN, 'conformance', ...args],
      { encoding: 'utf8', env: { ...withoutSandboxSettings(), NO_COLOR: '1', ...env }, timeout: 60_000 },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
    );
  });
}

/** A stand-in upstream on a loopback port, answering with `handle`, for the length of `use`. */
async function withUpstream(handle: RequestListener, use: (url: string) => Promise<void>): Promise<void> {
  const upstream = createHttpServer(handle);
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  try {
    await use(`http://127.0.0.1:${(upstream.address() as { port: number }).port}`);
  } finally {
    upstream.closeAllConnections();
    upstream.close();
  }
}

function expectUsageError(result: ReturnType<typeof run>, message: string) {
  expect(result.status, result.stdout + result.stderr).toBe(2);
  expect(result.stderr).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

describe('mfa-sandbox conformance: bad input', () => {
  it('an unknown surface, a missing --upstream, a bad --min-score, credentials in the URL', () => {
    expectUsageError(run(['--surface', 'okta', '--upstream', 'http://127.0.0.1:9']), 'unknown surface "okta"');
    expectUsageError(run(['--surface', 'nest-auth']), 'conformance needs --upstream <base URL>');
    // A URL without its scheme parses as scheme "localhost:": the message quotes what was given, and the fix.
    expectUsageError(
      run(['--surface', 'nest-auth', '--upstream', 'localhost:9/flashback']),
      '--upstream must be an http(s) URL, not "localhost:9/flashback" (e.g. http://localhost:9/flashback)',
    );
    for (const score of ['1.5', 'high', '-0.1']) {
      expectUsageError(
        run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', `--min-score=${score}`]),
        `--min-score: min score must be a number between 0 and 1, got "${score}"`,
      );
    }
    expectUsageError(run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--min-score=']), '--min-score got an empty value');
    const inUrl = run(['--surface', 'nest-auth', '--upstream', 'http://ada:s3cret-in-url@127.0.0.1:9']);
    expectUsageError(inUrl, '--upstream must not carry credentials');
    expect(inUrl.stderr).not.toContain('s3cret-in-url');
  }, 120_000);

  it('a --scenario the surface lacks, named as its other errors are (not as a configuration problem of the server)', () => {
    const result = run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--scenario', 'nope'], { MFA_SANDBOX_UPSTREAM_TOKEN: 't' });
    expectUsageError(result, '--scenario: scenario "nope" is not a scenario of nest-auth; known: default, ');
    expect(result.stderr).toMatch(/^mfa-sandbox conformance: --scenario: scenario "nope"/);
  }, 60_000);

  it('a --specs directory it cannot use (no such directory, a spec that is not YAML) is bad input too: exit 2, as --help says', async () => {
    const missing = run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--specs', join(tmpdir(), 'no-such-specs-dir')], {
      MFA_SANDBOX_UPSTREAM_TOKEN: 't',
    });
    expectUsageError(missing, 'not a specs directory: there is no such directory');
    const specs = await mkdtemp(join(tmpdir(), 'conformance-specs-'));
    await writeFile(join(specs, 'nest-auth.openapi.yaml'), 'openapi: [3.1\n');
    const broken = run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--specs', specs], { MFA_SANDBOX_UPSTREAM_TOKEN: 't' });
    expectUsageError(broken, 'nest-auth.openapi.yaml: not valid YAML');
    expect(broken.stderr).toMatch(/^mfa-sandbox conformance: /);
  }, 60_000);

  it('an upstream that cannot be reached', async () => {
    const port = CLOSED_LOOPBACK_PORT;
    const result = run(['--surface', 'nest-auth', '--upstream', `http://127.0.0.1:${port}`], {
      MFA_SANDBOX_UPSTREAM_EMAIL: 'qa@example.com',
      MFA_SANDBOX_UPSTREAM_PASSWORD: 'pw-never-shown',
    });
    expectUsageError(result, `cannot reach http://127.0.0.1:${port}: ECONNREFUSED`);
    expect(result.stderr).not.toContain('pw-never-shown');
  }, 60_000);

  it('an upstream that answers its sign-in with an HTML page (a gateway, the wrong base URL), even with a 200', async () => {
    await withUpstream(
      (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>'),
      async (url) => {
        const result = await runAlongside(['--surface', 'nest-auth', '--upstream', url], {
          MFA_SANDBOX_UPSTREAM_EMAIL: 'qa@example.com',
          MFA_SANDBOX_UPSTREAM_PASSWORD: 'pw',
        });
        expect(result.status, result.stderr).toBe(2);
        expect(result.stderr).toContain('signing in to the upstream failed with status 200, and its answer is not JSON: is --upstream the nest-auth API?');
      },
    );
  }, 60_000);

  it("a gateway's headers go on every upstream request, never shown; headers that are no JSON object are refused unquoted", async () => {
    const keys: Array<string | undefined> = [];
    await withUpstream(
      (request, response) => {
        keys.push(request.headers['x-api-key'] as string | undefined);
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"gateway-key-never-shown-1 refused"}');
      },
      async (url) => {
        const result = await runAlongside(['--surface', 'nest-auth', '--upstream', url], {
          MFA_SANDBOX_UPSTREAM_EMAIL: 'qa@example.com',
          MFA_SANDBOX_UPSTREAM_PASSWORD: 'pw',
          MFA_SANDBOX_UPSTREAM_HEADERS: '{"X-Api-Key": "gateway-key-never-shown-1"}',
        });
        expect(result.status, result.stderr).toBe(2); // the sign-in was refused (401)
        expect(keys.length).toBeGreaterThan(0);
        expect(keys.every((key) => key === 'gateway-key-never-shown-1')).toBe(true);
        expect(result.stdout + result.stderr).not.toContain('gateway-key-never-shown-1');
      },
    );
    const bad = run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9'], {
      MFA_SANDBOX_UPSTREAM_TOKEN: 't',
      MFA_SANDBOX_UPSTREAM_HEADERS: '{"x-api-key": "secret-in-bad-json",',
    });
    expectUsageError(bad, 'MFA_SANDBOX_UPSTREAM_HEADERS is not valid JSON');
    expect(bad.stderr).not.toContain('secret-in-bad-json');
    expectUsageError(
      run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9'], {
        MFA_SANDBOX_UPSTREAM_TOKEN: 't',
        MFA_SANDBOX_UPSTREAM_HEADERS: '{"bad name": "x"}',
      }),
      'MFA_SANDBOX_UPSTREAM_HEADERS: "bad name" is not a header name',
    );
  }, 60_000);

  it('an upstream with no POST /auth/login (another API, or a base URL without its prefix) says where to look', async () => {
    await withUpstream(
      (_request, response) => response.writeHead(404, { 'content-type': 'application/json' }).end('{"success":false,"error":"Not found"}'),
      async (url) => {
        const result = await runAlongside(['--surface', 'nest-auth', '--upstream', url], {
          MFA_SANDBOX_UPSTREAM_EMAIL: 'qa@example.com',
          MFA_SANDBOX_UPSTREAM_PASSWORD: 'pw',
        });
        expect(result.status, result.stderr).toBe(2);
        expect(result.stderr).toContain(
          'signing in to the upstream failed with status 404: no POST /auth/login there; is --upstream the base URL its /auth/... routes start from?',
        );
      },
    );
  }, 60_000);

  it('stopped by a signal mid-run: says so, and ends by that signal (no silent exit 130)', async () => {
    let reached!: () => void;
    const upstreamReached = new Promise<void>((resolve) => (reached = resolve));
    await withUpstream(
      () => reached(), // holds every request: the run waits on it until stopped
      async (url) => {
        // node --import tsx, not the tsx binary, which relays a signal and may kill its child before it writes anything.
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', MAIN, 'conformance', '--surface', 'nest-auth', '--upstream', url, '--upstream-timeout', '60'],
          {
            env: { ...withoutSandboxSettings(), NO_COLOR: '1', MFA_SANDBOX_UPSTREAM_TOKEN: 'abc' },
          },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
          child.once('close', (code, signal) => resolve({ code, signal })),
        );
        await upstreamReached;
        child.kill('SIGINT');
        expect(await ended).toEqual({ code: null, signal: 'SIGINT' });
        expect(stderr).toContain('mfa-sandbox conformance: SIGINT: stopped before it finished, with no result');
        expect(stderr).not.toMatch(/\n\s+at /);
      },
    );
  }, 60_000);

  it('an upstream that never answers: stopped after --upstream-timeout, not waited for; a bad timeout refused', async () => {
    await withUpstream(
      () => {}, // holds every request
      async (url) => {
        const result = await runAlongside(['--surface', 'nest-auth', '--upstream', url, '--upstream-timeout', '1'], { MFA_SANDBOX_UPSTREAM_TOKEN: 'abc' });
        expect(result.status, result.stderr).toBe(2);
        expect(result.stderr).toMatch(/did not answer [A-Z]+ \/auth\/\S+ within 1 s \(--upstream-timeout\)/);
      },
    );
    expectUsageError(
      run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--upstream-timeout', '0']),
      '--upstream-timeout: upstream timeout (seconds) must be an integer between 1 and 3600, got "0"',
    );
  }, 60_000);

  it('a report path that cannot be written, before anything is sent upstream', async () => {
    const port = CLOSED_LOOPBACK_PORT;
    const report = join(await mkdtemp(join(tmpdir(), 'conformance-cli-')), `${'r'.repeat(300)}.json`);
    const result = run(['--surface', 'nest-auth', '--upstream', `http://127.0.0.1:${port}`, '--json', report], {
      MFA_SANDBOX_UPSTREAM_EMAIL: 'qa@example.com',
      MFA_SANDBOX_UPSTREAM_PASSWORD: 'pw-never-shown',
    });
    expectUsageError(result, `--json ${report}: cannot write the report there (ENAMETOOLONG)`);
    expect(result.stderr).not.toContain('cannot reach');
  }, 60_000);

  it('--json and --html on one path (the HTML report replaced the JSON one)', async () => {
    const port = CLOSED_LOOPBACK_PORT;
    const report = join(await mkdtemp(join(tmpdir(), 'conformance-cli-')), 'out.json');
    const result = run(['--surface', 'nest-auth', '--upstream', `http://127.0.0.1:${port}`, '--json', report, '--html', report], {
      MFA_SANDBOX_UPSTREAM_EMAIL: 'qa@example.com',
      MFA_SANDBOX_UPSTREAM_PASSWORD: 'pw-never-shown',
    });
    expectUsageError(result, `--html ${report}: --json writes there too; give each report its own file`);
  }, 60_000);

  it('no credentials, or a credentials file that is not JSON: named, its content never quoted', async () => {
    expectUsageError(run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9']), 'nest-auth needs a token, or an e-mail address and password');
    // Every credential missing at once, each with the variable that gives it.
    expectUsageError(
      run(['--surface', 'lerian', '--upstream', 'http://127.0.0.1:9']),
      'lerian needs token (MFA_SANDBOX_UPSTREAM_TOKEN) and userId (MFA_SANDBOX_UPSTREAM_USER_ID) of a test user, from the environment or as fields of --credentials <file>',
    );
    expectUsageError(
      run(['--surface', 'genauth', '--upstream', 'http://127.0.0.1:9'], { MFA_SANDBOX_UPSTREAM_ACCESS_KEY_ID: 'key-id' }),
      'genauth needs accessKeySecret (MFA_SANDBOX_UPSTREAM_ACCESS_KEY_SECRET) and userId (MFA_SANDBOX_UPSTREAM_USER_ID) of a test user',
    );
    const file = join(await mkdtemp(join(tmpdir(), 'conformance-cli-')), 'credentials.json');
    await writeFile(file, '{"token": "tok-never-shown",');
    const result = run(['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--credentials', file]);
    expectUsageError(result, `--credentials ${file}: not valid JSON`);
    expect(result.stderr).not.toContain('tok-never-shown');
  }, 60_000);

  it('an --accept rule that can never match: a flow the catalogue lacks, a * before the end of its path, the spec field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
    const file = join(dir, 'accept.json');
    const args = ['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--accept', file];
    const env = { MFA_SANDBOX_UPSTREAM_TOKEN: 'tok' };
    await writeFile(
      file,
      JSON.stringify([
        { flow: '*', step: '*', path: 'body.*', reason: 'fine' },
        { flow: 'devcies', step: '*', path: 'body.*', reason: 'typo' },
      ]),
    );
    expectUsageError(run(args, env), `--accept ${file}: rule 2: no flow "devcies" in this catalogue (did you mean "devices"?)`);
    await writeFile(file, JSON.stringify([{ flow: 'devices', step: '*', path: 'body.fo*o', reason: 'inner star' }]));
    expectUsageError(run(args, env), `--accept ${file}: rule 1: path "body.fo*o" has a * before its end`);
    // The upstream's spec violations are never accepted (they are no difference from the sandbox): such a rule is a mistake.
    for (const path of ['spec', 'spe*']) {
      await writeFile(file, JSON.stringify([{ flow: 'devices', step: '*', path, reason: 'our vendor breaks its spec' }]));
      expectUsageError(run(args, env), `--accept ${file}: rule 1: path "${path}" is the upstream's spec violations, which --accept never accepts`);
    }
  }, 60_000);

  it('an --accept rule of the wrong shape is named by its number and field (it said only what a whole rule looks like)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'conformance-cli-')), 'accept.json');
    const args = ['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--accept', file];
    const env = { MFA_SANDBOX_UPSTREAM_TOKEN: 'tok' };
    const fine = { flow: '*', step: '*', path: 'body.*', reason: 'fine' };
    const cases: Array<[unknown, string]> = [
      [{ flow: 'devices', step: '*', path: 'body.*' }, 'rule 2: "reason" is missing (the reason a reader of the report sees)'],
      [{ ...fine, step: 3 }, 'rule 2: "step" must be a string, not 3'],
      [{ ...fine, statuses: { upstream: 200 } }, 'rule 2: "statuses" must be {"upstream": <status>, "sandbox": <status>}, not {"upstream":200}'],
      ['devices', 'rule 2: expected an object {flow, step, path, reason}, not "devices"'],
    ];
    for (const [rule, message] of cases) {
      await writeFile(file, JSON.stringify([fine, rule]));
      expectUsageError(run(args, env), `--accept ${file}: ${message}`);
    }
  }, 60_000);

  it('reads an --accept or --credentials file saved with a byte order mark (Windows editors write one), as JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
    const accept = join(dir, 'accept.json');
    await writeFile(accept, `\uFEFF${JSON.stringify([{ flow: 'devcies', step: '*', path: 'body.*', reason: 'typo' }])}`);
    // Read, its rule is checked (it said "cannot read it as JSON (Unexpected token ...)").
    const args = ['--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:9', '--accept', accept];
    expectUsageError(run(args, { MFA_SANDBOX_UPSTREAM_TOKEN: 'tok' }), `--accept ${accept}: rule 1: no flow "devcies" in this catalogue`);
    const credentials = join(dir, 'credentials.json');
    await writeFile(credentials, '\uFEFF{"tokn": "tok-never-shown"}');
    expectUsageError(run([...args, '--credentials', credentials]), `--credentials ${credentials}: unknown key "tokn"`);
  }, 60_000);
});
