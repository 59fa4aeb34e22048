import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerSignIn } from '../../../src/conformance/catalogues/bearer-sign-in.js';
import { secretOf, type Step } from '../../../src/conformance/catalogue-flow.js';
import type { AcceptedDifference } from '../../../src/conformance/compare-step.js';
import { runConformance } from '../../../src/conformance/run-conformance.js';
import type { SurfaceCatalogue } from '../../../src/conformance/surface-catalogue.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { createSandbox, type RunningSandbox } from '../../../src/index.js';
import { loadSpec } from '../../../src/openapi/load-spec.js';

/** The runner with a small catalogue of its own, both sides one sandbox in separate sessions. */

const status: Step = { name: 'status', method: 'GET', path: '/mfa/status' };

const catalogue: SurfaceCatalogue = {
  surface: 'flashback',
  covers: 'a test catalogue',
  flows: [
    {
      name: 'broken',
      description: 'asks for a secret no answer handed out',
      async run(d) {
        await d.step(status);
        await d.step({ ...status, path: `/mfa/status?never=${secretOf({ vars: {} })}` });
      },
    },
    { name: 'after', description: 'runs although the flow before it broke', run: async (d) => void (await d.step(status)) },
  ],
  accepted: [],
  sandboxUser: { email: 'ada@example.com', password: '', token: 'flashback-token-ada' },
  signIn: bearerSignIn('flashback', false),
};

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ surface: 'flashback' });
});
afterAll(() => sandbox?.close());

describe('runConformance', () => {
  it('a flow that breaks counts as one differing field; the next flow still runs', async () => {
    const result = await runConformance({
      catalogue,
      api: (await loadSpec(DEFAULT_CONFIG.specsDir, 'flashback')).api,
      upstream: { baseUrl: sandbox.url, credentials: { token: 'flashback-token-ada', email: 'ada@example.com' } },
      sandbox: { baseUrl: sandbox.url, headers: { 'x-mock-session': 'runner-test' } },
    });
    expect(result.flows).toEqual([
      { name: 'broken', description: 'asks for a secret no answer handed out', error: 'no TOTP secret was handed out to this side yet' },
      { name: 'after', description: 'runs although the flow before it broke' },
    ]);
    expect(result.steps.map((step) => `${step.flow} / ${step.step}`)).toEqual(['broken / status', 'broken / (flow stopped)', 'after / status']);
    const differing = result.steps.flatMap((step) => step.fields).filter((field) => field.outcome !== 'agree');
    expect(differing).toEqual([
      { path: 'flow', class: 'constant', outcome: 'differ', upstream: 'no TOTP secret was handed out to this side yet', sandbox: 'ran to the end' },
    ]);
    expect(result.totals.compared - result.totals.agreeing).toBe(1);
  });

  it("--accept rules accept differences, never the upstream's spec violations: the count and the score keep them", async () => {
    // An upstream that answers an HTML page to everything (a login wall in front of the vendor).
    const upstream = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Login</html>'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const offSpec: Step = { name: 'unknown route', method: 'GET', path: '/mfa/nope' };
    const htmlCatalogue: SurfaceCatalogue = {
      ...catalogue,
      flows: [
        {
          name: 'html',
          description: 'a spec step and one off the spec on purpose',
          async run(d) {
            await d.step(status);
            await d.step(offSpec);
          },
        },
      ],
      // The catalogue's own rule for its request off the spec: that step's violation blames nobody.
      accepted: [{ flow: 'html', step: 'unknown route', path: 'spec', reason: 'off the spec on purpose' }],
    };
    const run = async (accepted: AcceptedDifference[]) =>
      runConformance({
        catalogue: htmlCatalogue,
        api: (await loadSpec(DEFAULT_CONFIG.specsDir, 'flashback')).api,
        upstream: { baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, credentials: { token: 'flashback-token-ada' } },
        sandbox: { baseUrl: sandbox.url, headers: { 'x-mock-session': `runner-accept-${accepted.length}` } },
        accepted,
      });
    try {
      const plain = await run([]);
      const acceptingAll = await run([{ flow: '*', step: '*', path: '*', reason: 'everything' }]);
      expect(plain.totals.violations).toBe(1); // the status step's; the unknown route's is the catalogue's to accept
      expect(acceptingAll.totals.violations).toBe(plain.totals.violations);
      const specFields = acceptingAll.steps.map((step) => step.fields.find((field) => field.path === 'spec'));
      expect(specFields.map((field) => [field?.outcome, field?.accepted])).toEqual([
        ['differ', undefined],
        ['differ', 'off the spec on purpose'],
      ]);
      // Every other difference accepted: the one field that still counts against the score is the violated spec.
      expect(acceptingAll.totals.compared - acceptingAll.totals.agreeing).toBe(1);
      expect(acceptingAll.totals.accepted).toBeGreaterThan(plain.totals.accepted);
    } finally {
      upstream.close();
    }
  });
});
