import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { ConformanceJsonReport } from '../../src/conformance/conformance-json-report.js';
import { createSandbox } from '../../src/index.js';
import { startChangingProxy } from '../harness/changing-proxy.js';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCacheDir } from '../harness/clean-env.js';

/**
 * The Flashback, Lerian and GenAuth catalogues have no real upstream here: each runs against a sandbox serving that
 * surface as the upstream (it must score exactly 1), and against the same sandbox behind a proxy that renames a field
 * of every JSON answer (it must score less and fail --min-score). The credentials are the scenarios' published ones.
 */

const CATALOGUES = [
  {
    surface: 'flashback',
    credentials: { MFA_SANDBOX_UPSTREAM_TOKEN: 'flashback-token-ada', MFA_SANDBOX_UPSTREAM_EMAIL: 'ada@example.com' },
    rename: '"success":',
  },
  {
    surface: 'lerian',
    credentials: {
      MFA_SANDBOX_UPSTREAM_TOKEN: 'lerian-token-operator',
      MFA_SANDBOX_UPSTREAM_USER_ID: '019c96a0-0c21-71f9-a487-66a1258278a1',
      MFA_SANDBOX_UPSTREAM_EMAIL: 'johndoe@example.com',
    },
    rename: '"enabled":',
  },
  {
    surface: 'genauth',
    credentials: {
      MFA_SANDBOX_UPSTREAM_ACCESS_KEY_ID: 'genauth-sandbox-key',
      MFA_SANDBOX_UPSTREAM_ACCESS_KEY_SECRET: 'genauth-sandbox-secret',
      MFA_SANDBOX_UPSTREAM_USER_ID: '6229ffaxxxxxxxxcade3e3d9',
      MFA_SANDBOX_UPSTREAM_EMAIL: 'authing@authing.com',
    },
    rename: '"statusCode":',
  },
] as const;

async function conformance(surface: string, upstream: string, env: Record<string, string>, json: string, extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['conformance', '--surface', surface, '--upstream', upstream, '--json', json, '--min-score', '0.99', ...extra],
    { ...env, ...runCacheDir() },
    {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      isTty: false,
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n'), report: JSON.parse(await readFile(json, 'utf8')) as ConformanceJsonReport };
}

describe.each(CATALOGUES)('the $surface catalogue', ({ surface, credentials, rename }) => {
  it('scores the sandbox against itself 1.000, every flow run; a renamed field lowers the score and fails --min-score', async () => {
    const dir = await mkdtemp(join(tmpdir(), `conformance-${surface}-`));
    const upstream = await createSandbox({ surface });
    try {
      const same = await conformance(surface, upstream.url, credentials, join(dir, 'same.json'));
      expect(same.err).toBe('');
      expect(same.code, same.out).toBe(0);
      expect(same.report.totals.score).toBe(1);
      expect(same.report.totals.compared).toBeGreaterThan(40);
      expect(same.report.flows.filter((flow) => flow.skipped ?? flow.error)).toEqual([]);
      // Every flow walks the vendor's documented path to its end: the steps after enabling a method are answered as for
      // an enabled one (Lerian's catalogue never enabled the app, so preferred and disable compared two 400s).
      const upstreamStatus = (step: string) => same.report.steps.find((each) => each.step === step)?.fields.find((field) => field.path === 'status')?.upstream;
      if (surface === 'lerian') expect(['enable app', 'preferred app', 'disable app'].map(upstreamStatus)).toEqual([200, 200, 200]);

      await upstream.close();
      const fresh = await createSandbox({ surface });
      const proxy = await startChangingProxy(fresh.url, (_request, answer) => ({ ...answer, text: answer.text.replaceAll(rename, '"renamed":') }));
      try {
        const changed = await conformance(surface, proxy.url, credentials, join(dir, 'changed.json'));
        expect(changed.code, changed.out).toBe(1);
        expect(changed.report.totals.score).toBeLessThan(0.99);
        const fields = changed.report.steps.flatMap((step) => step.fields);
        expect(fields).toContainEqual(expect.objectContaining({ path: 'body.renamed', outcome: 'missing' }));
        expect(fields).toContainEqual(expect.objectContaining({ path: `body.${rename.slice(1, -2)}`, outcome: 'extra' }));
        expect(changed.report.totals.violations).toBeGreaterThan(0);

        // The user's own accepted differences (--accept): the rename stops counting, every field included (`*`).
        const accept = join(dir, 'accept.json');
        const reason = 'our staging tenant runs the renamed build';
        const rules = ['body.renamed', `body.${rename.slice(1, -2)}`, '*'].map((path) => ({ flow: '*', step: '*', path, reason }));
        await writeFile(accept, JSON.stringify(rules));
        const accepted = await conformance(surface, proxy.url, credentials, join(dir, 'accepted.json'), ['--accept', accept]);
        expect(accepted.report.totals.score).toBeGreaterThan(changed.report.totals.score);
        expect(accepted.report.steps.flatMap((step) => step.fields)).toContainEqual(expect.objectContaining({ path: 'body.renamed', accepted: reason }));
        // The spec violations the rename causes are the upstream's, not a difference from the sandbox: --accept never
        // hides them, from the totals, the summary line or the score.
        expect(accepted.report.totals.violations).toBe(changed.report.totals.violations);
        expect(accepted.out).toContain(`; ${changed.report.totals.violations} spec violation`);
        const specFields = accepted.report.steps.flatMap((step) => step.fields).filter((field) => field.path === 'spec' && field.outcome !== 'agree');
        expect(specFields.length).toBeGreaterThan(0);
        expect(specFields.filter((field) => field.accepted !== undefined)).toEqual([]);
        expect(accepted.report.totals.compared - accepted.report.totals.agreeing).toBe(specFields.length);
      } finally {
        await Promise.all([proxy.close(), fresh.close()]);
      }
    } finally {
      await upstream.close().catch(() => undefined);
    }
  }, 120_000);
});

describe('the sandbox side runs the scenario --scenario names', () => {
  it('flashback: an upstream whose user has nothing set up differs from a sandbox in mfa-enabled', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-scenario-'));
    const upstream = await createSandbox({ surface: 'flashback' });
    try {
      const run = await conformance('flashback', upstream.url, CATALOGUES[0].credentials, join(dir, 'scenario.json'), ['--scenario', 'mfa-enabled']);
      expect(run.code).toBe(1);
      expect(run.report.scenario).toBe('mfa-enabled');
      const first = run.report.steps[0]!;
      expect(first.fields.find((field) => field.path === 'body.data.isEnabled')).toMatchObject({ outcome: 'differ', upstream: false, sandbox: true });
    } finally {
      await upstream.close();
    }
  }, 60_000);
});
