import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../harness/chromium.js';

/**
 * The `mfa-sandbox/playwright` fixture run for real: `playwright test` (the @playwright/test runner a user runs) in a
 * child process, with test/fixtures/playwright/playwright.config.ts and the bundled Chromium, and its JSON report read
 * back. A spec that fails on purpose must show up as failed, so a passing run means the specs really ran and passed.
 */
const run = promisify(execFile);
const PLAYWRIGHT = join(process.cwd(), 'node_modules/.bin/playwright');
const CONFIG = join(process.cwd(), 'test/fixtures/playwright/playwright.config.ts');

interface JsonReport {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  suites: JsonSuite[];
  errors: Array<{ message: string }>;
}
interface JsonSuite {
  title: string;
  suites?: JsonSuite[];
  specs: Array<{
    title: string;
    ok: boolean;
    tests: Array<{ results: Array<{ status: string; annotations?: Array<{ type: string; description?: string }>; errors: Array<{ message: string }> }> }>;
  }>;
}

let work: string;
let browser: { executablePath: string; args: string[] };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mfa-playwright-fixture-'));
  browser = await chromiumLaunchOptions();
}, 120_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Run one spec file of the fixture folder; returns the exit code and the JSON report. */
async function playwrightTest(spec: string): Promise<{ code: number; report: JsonReport; output: string }> {
  const report = join(work, `${spec}.json`);
  const env = {
    ...process.env,
    MFA_FIXTURE_SPEC: spec,
    MFA_FIXTURE_REPORT: report,
    MFA_FIXTURE_OUTPUT: join(work, `${spec}-output`),
    MFA_FIXTURE_CHROMIUM: browser.executablePath,
    MFA_FIXTURE_CHROMIUM_ARGS: JSON.stringify(browser.args),
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  const result = await run(PLAYWRIGHT, ['test', '--config', CONFIG], { env, timeout: 120_000, maxBuffer: 8 << 20 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  return { ...result, report: JSON.parse(await readFile(report, 'utf8')) as JsonReport };
}

/** Every spec of a report with its path of titles, its outcome and annotations. */
function specsOf(suites: JsonSuite[], path: string[] = []): Array<{ title: string; ok: boolean; status?: string; session?: string; error?: string }> {
  return suites.flatMap((suite) => [
    ...suite.specs.map((spec) => {
      const result = spec.tests[0]?.results[0];
      return {
        title: [...path, suite.title, spec.title].filter(Boolean).slice(1).join(' > '),
        ok: spec.ok,
        status: result?.status,
        session: result?.annotations?.find((annotation) => annotation.type === 'session')?.description,
        error: result?.errors[0]?.message,
      };
    }),
    ...specsOf(suite.suites ?? [], [...path, suite.title]),
  ]);
}

describe('mfa-sandbox/playwright under the @playwright/test runner (chromium)', () => {
  it('gives each test its own session, the prefixed URL and the seeded passkeys: every spec passes', async () => {
    const { code, report, output } = await playwrightTest('sandbox-fixture.spec.ts');
    const specs = specsOf(report.suites);
    expect(
      specs.filter((spec) => !spec.ok),
      output,
    ).toEqual([]);
    expect(specs.map((spec) => spec.title)).toEqual([
      'a session of its own per test > first test',
      'a session of its own per test > second test',
      "passkeys > the scenario's passkey is in the context's authenticator and signs in on a page",
      'passkeys > without the virtual authenticator > the context holds no passkey',
    ]);
    expect(report.stats).toMatchObject({ expected: 4, unexpected: 0, skipped: 0, flaky: 0 });
    expect(code, output).toBe(0);
    // Two tests, two sessions.
    const sessions = specs.flatMap((spec) => (spec.session ? [spec.session] : []));
    expect(sessions).toHaveLength(2);
    expect(new Set(sessions).size).toBe(2);
  }, 150_000);

  it('a failing spec fails the run and is reported as failed', async () => {
    const { code, report } = await playwrightTest('failing.spec.ts');
    expect(code).toBe(1);
    expect(report.stats).toMatchObject({ expected: 0, unexpected: 1 });
    const [spec] = specsOf(report.suites);
    expect(spec).toMatchObject({ title: 'a scenario without passkeys seeds none', ok: false, status: 'failed' });
    expect(spec?.error).toMatch(/toHaveLength/);
  }, 150_000);
});
