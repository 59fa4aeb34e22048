import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toConformanceHtmlReport } from '../../../src/conformance/conformance-html-report.js';
import type { ConformanceJsonReport } from '../../../src/conformance/conformance-json-report.js';
import { scrubSecrets } from '../../../src/conformance/scrub-secrets.js';
import { loadUpstreamCredentials, toSecretValues } from '../../../src/conformance/upstream-credentials.js';

describe('conformance reports and credentials', () => {
  it('scrubs a secret in plain, base64 and base64url form, longest first', () => {
    const secret = 'tok>en?secret~~';
    const text = `a ${secret} b ${Buffer.from(secret).toString('base64')} c ${Buffer.from(secret).toString('base64url')} d`;
    expect(scrubSecrets(text, [secret])).toBe('a [redacted] b [redacted] c [redacted] d');
  });

  it('the HTML report escapes everything an upstream or a flow name may carry', () => {
    const hostile = '<script>alert("x")</script>';
    const report: ConformanceJsonReport = {
      surface: 'nest-auth',
      upstream: 'http://127.0.0.1:1',
      scenario: 'default',
      minScore: 1,
      passed: false,
      covers: hostile,
      totals: { agreeing: 1, accepted: 0, compared: 2, score: 0.5, violations: 0 },
      flows: [{ name: hostile, description: hostile }],
      steps: [
        {
          flow: hostile,
          step: hostile,
          request: `GET /x ${hostile}`,
          operationId: undefined,
          violations: [],
          fields: [
            { path: 'status', class: 'constant', outcome: 'agree', upstream: 200, sandbox: 200 },
            { path: `body.${hostile}`, class: 'constant', outcome: 'differ', upstream: hostile, sandbox: "it's" },
          ],
        },
      ],
    };
    const page = toConformanceHtmlReport(report);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('it&#39;s');
    expect(page).toContain('<tr class="differ">');
    expect(page).toContain('Score <strong>0.500</strong>');
  });

  it('credentials: the file wins, the environment fills in; the e-mail address is no secret', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'credentials-')), 'c.json');
    await writeFile(file, JSON.stringify({ token: 'from-file' }));
    const env = { MFA_SANDBOX_UPSTREAM_TOKEN: 'from-env', MFA_SANDBOX_UPSTREAM_EMAIL: 'qa@example.com', MFA_SANDBOX_UPSTREAM_ACCESS_KEY_SECRET: 'key-secret' };
    const credentials = await loadUpstreamCredentials(env, file);
    expect(credentials).toEqual({ token: 'from-file', email: 'qa@example.com', accessKeySecret: 'key-secret' });
    expect(toSecretValues(credentials).sort()).toEqual(['from-file', 'key-secret']);
    await writeFile(file, JSON.stringify({ tokn: 'x' }));
    await expect(loadUpstreamCredentials({}, file)).rejects.toThrow('unknown key "tokn" (did you mean "token"?) (known: ');
  });
});
