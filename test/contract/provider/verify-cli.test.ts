import { spawn } from 'node:child_process';
import { cp, link, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { PACTS_DIR } from '../consumer/consumer-pact.js';
import { ADA_FLASHBACK, consumerPactFiles, createFixtureDir, writePactFile, wrongFlashbackInteractions } from '../pact-fixtures.js';
import { runCacheDir } from '../../harness/clean-env.js';

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
let reportsDir: string;
let wrongPact: string;
/** A description and a provider state with everything XML must escape, and non-ASCII. */
const TRICKY = `naïve "status" <check> & 'more' — ✓`;
const TRICKY_STATE = 'the moon is <full> & "bright"';
const goodPact = join(relative(ROOT, PACTS_DIR), 'lerian-console-lerian.json');
/** Both runs start together (each is a separate process), and the tests read their results. */
let goodRun: Promise<Run>;
let failingRun: Promise<Run>;
let unwritableRun: Promise<Run>;
/** A report name no file system takes (over 255 bytes): its directory is writable, so only opening the file tells. */
const TOO_LONG_NAME = `${'r'.repeat(300)}.json`;
let tooLongRun: Promise<Run>;

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
    {
      description: TRICKY,
      states: [{ name: TRICKY_STATE }],
      request: { method: 'GET', path: '/mfa/status', headers: ADA_FLASHBACK },
      response: { status: 200, body: { success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [] } } },
    },
  ]);
  await writeFile(join(failingDir, 'notes.json'), '{"todo": "not a pact"}\n');
  reportsDir = await createFixtureDir();
  await writeFile(join(reportsDir, 'a-file'), 'not a directory\n');
  // Report directories that do not exist yet, as CI users write them (reports/pacts.xml).
  goodRun = verify(['--pact', goodPact, '--surface', 'lerian', '--junit', join(reportsDir, 'good/pacts.xml'), '--json', join(reportsDir, 'good/pacts.json')]);
  failingRun = verify(['--pact', failingDir, '--junit', join(reportsDir, 'failing/deeper/pacts.xml'), '--json', join(reportsDir, 'failing/pacts.json')]);
  unwritableRun = verify(['--pact', goodPact, '--junit', join(reportsDir, 'a-file/pacts.xml')]);
  tooLongRun = verify(['--pact', goodPact, '--json', join(reportsDir, TOO_LONG_NAME)]);
});

afterAll(async () => {
  for (const pid of running) stop(pid);
  await rm(failingDir, { recursive: true, force: true });
  await rm(reportsDir, { recursive: true, force: true });
});

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

interface JunitCase {
  name: string;
  classname: string;
  failure?: { message: string; '#text': string };
}

interface JunitSuites {
  tests: string;
  failures: string;
  time: string;
  testsuite: Array<{ name: string; tests: string; failures: string; time: string; testcase: JunitCase[] }>;
}

/** Parse a JUnit report with a real XML parser: it must be well-formed XML first. */
async function readJunit(file: string): Promise<JunitSuites> {
  const xml = await readFile(file, 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  return (xmlParser.parse(xml) as { testsuites: JunitSuites }).testsuites;
}

interface JsonReport {
  ok: boolean;
  tests: number;
  failures: number;
  pendingFailures: number;
  pacts: Array<{
    file: string;
    ok: boolean;
    fileProblems: string[];
    interactions: Array<{ description: string; providerStates: string[]; pending: boolean; ok: boolean; specProblems: string[]; mockProblems: string[] }>;
  }>;
}

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
    expect(failing.stdout).toContain('moonlit-web -> Flashback API (surface flashback, 2 interactions)');
    expect(failing.stdout).toContain('provider state "the moon is full": unknown provider state "the moon is full"; the sandbox knows:');
    // The interaction's line names its state, not the verifier's "setup state change handlers has failed".
    expect(failing.stdout).toMatch(/- "status on a full moon" \(given the moon is full\): provider state "the moon is full" not set up \(why: above\)$/m);
    expect(failing.stdout).toContain(`${join(failingDir, 'notes.json')}: not a pact file (needs consumer.name, provider.name and interactions)`);
    // Which check each failed in: notes.json was no pact (refused before verification, so not counted as verified),
    // the wrong pact broke the spec and the mock, the moonlit one named a provider state the sandbox does not know.
    expect(failing.stdout).toMatch(
      /verified 2 pact file\(s\) \(1 more refused before verification\), 4 interactions: 3 pact file\(s\) FAILED \(not verified: 1, spec: 1, mock: 2\) in /,
    );
  });

  it('writes JUnit XML and JSON reports with a passing test case per interaction of a passing pact', async () => {
    const good = await goodRun;
    expect(good.status, good.stdout + good.stderr).toBe(0);
    const interactions = Number(/mock {2}(\d+)\/\1 interactions verified/.exec(good.stdout)![1]);
    expect(interactions).toBeGreaterThan(5);
    const junit = await readJunit(join(reportsDir, 'good/pacts.xml'));
    expect(junit).toMatchObject({ tests: String(interactions), failures: '0' });
    expect(Number(junit.time)).toBeGreaterThan(0);
    expect(junit.testsuite).toHaveLength(1);
    expect(junit.testsuite[0]).toMatchObject({ name: goodPact, tests: String(interactions), failures: '0' });
    expect(junit.testsuite[0]!.testcase.every((testCase) => testCase.failure === undefined && testCase.classname === 'lerian-console -> lerian')).toBe(true);
    const pact = JSON.parse(await readFile(join(PACTS_DIR, 'lerian-console-lerian.json'), 'utf8')) as {
      interactions: Array<{ description: string; providerStates?: Array<{ name: string }> }>;
    };
    const expectedNames = pact.interactions.map(({ description, providerStates = [] }) =>
      providerStates.length ? `${description} (given ${providerStates.map((state) => state.name).join(', ')})` : description,
    );
    expect(junit.testsuite[0]!.testcase.map((testCase) => testCase.name).sort()).toEqual(expectedNames.sort());
    const json = JSON.parse(await readFile(join(reportsDir, 'good/pacts.json'), 'utf8')) as JsonReport;
    expect(json).toMatchObject({ ok: true, tests: interactions, failures: 0, pendingFailures: 0 });
    expect(
      json.pacts[0]!.interactions.every((interaction) => interaction.ok && interaction.specProblems.length === 0 && interaction.mockProblems.length === 0),
    ).toBe(true);
  });

  it('writes every spec and mock problem of a failing pact as its failure, escaped, in both reports', async () => {
    const failing = await failingRun;
    expect(failing.status).toBe(1);
    const junit = await readJunit(join(reportsDir, 'failing/deeper/pacts.xml'));
    // 2 + 2 interactions, and one failing case for the file that is not a pact.
    expect(junit).toMatchObject({ tests: '5', failures: '5' });
    const suites = Object.fromEntries(junit.testsuite.map((suite) => [suite.name, suite]));
    expect(Object.keys(suites).sort()).toEqual([wrongPact, join(failingDir, 'moonlit-web-Flashback API.json'), join(failingDir, 'notes.json')].sort());

    const [wrongPath, wrongType] = suites[wrongPact]!.testcase;
    expect(wrongPath!.name).toBe('a request to a path Flashback does not have (given the user has no MFA)');
    expect(wrongPath!.classname).toBe('careless-web -> flashback');
    expect(wrongPath!.failure!['#text']).toContain('spec: request.path-or-method.unknown: Path or method not defined in spec file: GET /mfa/state');
    expect(wrongPath!.failure!['#text']).toMatch(/^mock: .*expected 200 but was 404/m);
    expect(wrongType!.name).toBe('a status whose isEnabled is a string (given the user has no MFA)');
    expect(wrongType!.failure!.message).toMatch(
      /^spec: response\.body\.incompatible: .*must be boolean.*; mock: \$\.data\.isEnabled: Expected false \(Boolean\) to be equal to 'yes' \(String\)$/,
    );

    const [fullMoon, tricky] = suites[join(failingDir, 'moonlit-web-Flashback API.json')]!.testcase;
    expect(fullMoon!.name).toBe('status on a full moon (given the moon is full)');
    expect(fullMoon!.failure!['#text']).toContain('mock: provider state "the moon is full": unknown provider state "the moon is full"; the sandbox knows:');
    expect(tricky!.name).toBe(`${TRICKY} (given ${TRICKY_STATE})`);
    expect(tricky!.failure!['#text']).toContain(`mock: provider state "${TRICKY_STATE}": unknown provider state "${TRICKY_STATE}"`);

    expect(suites[join(failingDir, 'notes.json')]!.testcase).toEqual([
      expect.objectContaining({ name: 'pact file', failure: expect.objectContaining({ message: expect.stringContaining('not a pact file') }) }),
    ]);

    const json = JSON.parse(await readFile(join(reportsDir, 'failing/pacts.json'), 'utf8')) as JsonReport;
    expect(json).toMatchObject({ ok: false, tests: 5, failures: 5 });
    const wrong = json.pacts.find((pact) => pact.file === wrongPact)!;
    expect(wrong.interactions.map((interaction) => [interaction.description, interaction.providerStates, interaction.ok])).toEqual([
      ['a request to a path Flashback does not have', ['the user has no MFA'], false],
      ['a status whose isEnabled is a string', ['the user has no MFA'], false],
    ]);
    expect(wrong.interactions[0]!.specProblems).toEqual([expect.stringContaining('request.path-or-method.unknown')]);
    expect(wrong.interactions[1]!.mockProblems).toEqual(["$.data.isEnabled: Expected false (Boolean) to be equal to 'yes' (String)"]);
    const moonlit = json.pacts.find((pact) => pact.file.endsWith('moonlit-web-Flashback API.json'))!;
    expect(moonlit.interactions[1]).toMatchObject({ description: TRICKY, providerStates: [TRICKY_STATE], ok: false });
    // A failed state's interaction carries the state's reason alone, not the verifier's "setup state change handlers
    // has failed" beside it (the text report, JUnit's failure message and the JSON all read from this list).
    expect(moonlit.interactions[0]!.mockProblems).toEqual([expect.stringMatching(/^provider state "the moon is full": unknown provider state/)]);
    expect(fullMoon!.failure!['#text']).not.toMatch(/state change/);
  });

  it('refuses a report path it cannot write with exit 2 and a message, before verifying anything', async () => {
    const unwritable = await unwritableRun;
    expect(unwritable.status).toBe(2);
    expect(unwritable.stdout).toBe('');
    expect(unwritable.stderr).toMatch(
      new RegExp(`^mfa-sandbox: --junit ${join(reportsDir, 'a-file/pacts.xml')}: cannot write the report there \\(E[A-Z]+: .+\\)\\n$`),
    );
    expect(unwritable.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const tooLong = await tooLongRun;
    expect(tooLong.status).toBe(2);
    expect(tooLong.stdout).toBe(''); // nothing verified: the path was tried before the pacts
    expect(tooLong.stderr).toContain(`--json ${join(reportsDir, TOO_LONG_NAME)}: cannot write the report there (ENAMETOOLONG`);
    // "-" as standard output, which carries the text report: refused rather than written as a file named "-".
    const dash = capture();
    expect(await runCli(['verify', '--pact', goodPact, '--json', '-'], runCacheDir(), dash.io)).toBe(2);
    expect(dash.lines.err).toEqual([
      'mfa-sandbox: --json -: cannot write the report there ("-" is no file; standard output carries the text report, so give the report a file path)',
    ]);
  });

  it('refuses a report that would overwrite a pact being verified, the other report, or be read as a pact next time', async () => {
    const pactDir = relative(ROOT, PACTS_DIR);
    const cases: Array<[string[], RegExp]> = [
      [['--pact', goodPact, '--junit', goodPact], /--junit .*lerian-console-lerian\.json: that is a pact file being verified/],
      [['--pact', pactDir, '--json', join(pactDir, 'report.json')], /--json .*report\.json: the next run over the pact directory would read it as a pact/],
      [['--pact', goodPact, '--junit', join(reportsDir, 'same.out'), '--json', join(reportsDir, 'same.out')], /--json .*same\.out: --junit writes there too/],
    ];
    const linkToPact = join(reportsDir, 'pact-link.xml'); // a report written through it would replace the pact
    await symlink(resolve(goodPact), linkToPact);
    cases.push([['--pact', goodPact, '--junit', linkToPact], /--junit .*pact-link\.xml: that is a pact file being verified/]);
    const hardLinkToPact = join(reportsDir, 'pact-hard-link.xml'); // another name of the very file, not a link to follow
    await link(resolve(goodPact), hardLinkToPact);
    cases.push([['--pact', goodPact, '--junit', hardLinkToPact], /--junit .*pact-hard-link\.xml: that is a pact file being verified/]);
    for (const [args, message] of cases) {
      const run = capture();
      expect(await runCli(['verify', ...args], runCacheDir(), run.io), args.join(' ')).toBe(2);
      expect(run.lines.err.join('\n')).toMatch(message);
      expect(run.lines.out).toEqual([]); // refused before verifying anything
    }
    expect(JSON.parse(await readFile(goodPact, 'utf8'))).toHaveProperty('interactions'); // the pact is untouched
  });

  it("verifies a scenario's answers without its injected faults: a pact cannot state a dropped connection", async () => {
    // flaky-network drops one answer in four: with its faults on, all twenty would arrive once in ~300 runs.
    const dir = await createFixtureDir();
    try {
      await writePactFile(
        dir,
        'flaky-web',
        'flashback',
        Array.from({ length: 20 }, (_, n) => ({
          description: `status ${n} on a flaky network`,
          states: [{ name: 'the sandbox is in scenario flaky-network' }],
          request: { method: 'GET', path: '/mfa/status', headers: ADA_FLASHBACK },
          response: { status: 200, body: { success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [] } } },
        })),
      );
      const run = capture();
      expect(await runCli(['verify', '--pact', dir], runCacheDir(), run.io), run.lines.out.join('\n')).toBe(0);
      expect(run.lines.out.join('\n')).toContain('mock  20/20 interactions verified');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the spec file it checked against: the edited copy --specs gave, not the shipped one', async () => {
    const specs = await createFixtureDir();
    try {
      await cp(join(ROOT, 'specs'), specs, { recursive: true });
      const run = capture();
      expect(await runCli(['verify', '--pact', goodPact, '--specs', specs], runCacheDir(), run.io), run.lines.err.join('\n')).toBe(0);
      expect(run.lines.out).toContain(`      spec  ok: checked against ${join(specs, 'lerian.openapi.yaml')}`);
    } finally {
      await rm(specs, { recursive: true, force: true });
    }
  });

  it('says which folders of pacts under a --pact directory it did not read (a folder per consumer went unverified)', async () => {
    const tree = await createFixtureDir();
    try {
      await cp(goodPact, join(tree, 'web', 'lerian-console-lerian.json'));
      const onlyNested = capture();
      expect(await runCli(['verify', '--pact', tree], runCacheDir(), onlyNested.io)).toBe(1);
      expect(onlyNested.lines.err).toEqual([
        `mfa-sandbox: ${tree}: no pact files (*.json) in this directory; ${join(tree, 'web')} holds some: give one as --pact`,
      ]);
      await cp(goodPact, join(tree, 'lerian-console-lerian.json'));
      const beside = capture();
      expect(await runCli(['verify', '--pact', tree], runCacheDir(), beside.io)).toBe(0);
      expect(beside.lines.err).toEqual([
        `mfa-sandbox: note: verify reads the *.json directly in ${tree}, not those in ${join(tree, 'web')} (give each as --pact)`,
      ]);
    } finally {
      await rm(tree, { recursive: true, force: true });
    }
  });

  it('reports a missing pact path or a missing --pact as a usage problem', async () => {
    const missing = capture();
    expect(await runCli(['verify', '--pact', 'no-such-pacts.json'], runCacheDir(), missing.io)).toBe(1);
    expect(missing.lines.err).toEqual(['mfa-sandbox: no-such-pacts.json: no such file or directory']);
    // A Pact Broker's URL, which a team with a broker tries first: what reads one instead.
    const url = capture();
    expect(await runCli(['verify', '--pact', 'http://broker.test/pacts/provider/nest-auth/latest'], runCacheDir(), url.io)).toBe(1);
    expect(url.lines.err).toEqual([
      `mfa-sandbox: http://broker.test/pacts/provider/nest-auth/latest: verify reads pact files, not URLs: download the pact, or run Pact's own Verifier against a running sandbox for pacts from a Pact Broker (README: "Pact's own Verifier against a running sandbox")`,
    ]);
    const noPact = capture();
    expect(await runCli(['verify'], runCacheDir(), noPact.io)).toBe(2);
    expect(noPact.lines.err[0]).toContain('verify needs --pact <file|dir>');
    // verify's own usage, not every command's.
    expect(noPact.lines.err[0]).toContain('mfa-sandbox verify --pact');
    expect(noPact.lines.err[0]).not.toContain('mfa-sandbox proxy');
    // A shell pattern gave --pact one file and the others as arguments: said in those words, with the way out.
    const globbed = capture();
    expect(await runCli(['verify', '--pact', 'pacts/a.json', 'pacts/b.json', 'pacts/c.json'], runCacheDir(), globbed.io)).toBe(2);
    expect(globbed.lines.err).toEqual([
      'mfa-sandbox: verify takes one --pact, a pact file or a directory of them; the shell expanded a pattern into 3 files: give their directory (--pact pacts)',
    ]);
  });
});
