import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerSignIn } from '../../../src/conformance/catalogues/bearer-sign-in.js';
import { secretOf, type Step } from '../../../src/conformance/catalogue-flow.js';
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
});
