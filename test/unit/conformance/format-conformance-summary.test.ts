import { describe, expect, it } from 'vitest';
import type { StepComparison } from '../../../src/conformance/compare-step.js';
import { formatConformanceSummary } from '../../../src/conformance/format-conformance-summary.js';
import { toTotals, type ConformanceResult } from '../../../src/conformance/run-conformance.js';

/** The terminal summary of a conformance run, from made-up steps whose fields are known. */
function step(name: string, upstreamStatus: number, sandboxStatus: number): StepComparison {
  const agree = upstreamStatus === sandboxStatus;
  return {
    flow: 'status',
    step: name,
    request: `GET /mfa/${name}`,
    operationId: undefined,
    fields: [{ path: 'status', class: 'constant', outcome: agree ? 'agree' : 'differ', upstream: upstreamStatus, sandbox: sandboxStatus }],
    violations: [],
  };
}

function result(steps: StepComparison[], flows: ConformanceResult['flows'] = []): ConformanceResult {
  return { surface: 'flashback', covers: '', flows, steps, totals: toTotals(steps), secretsSeen: [] };
}

/** What the runner adds for a flow that stopped half-way: a step with no status. */
function stopped(flow: string, why: string): StepComparison {
  return {
    flow,
    step: '(flow stopped)',
    request: '',
    operationId: undefined,
    violations: [],
    fields: [{ path: 'flow', class: 'constant', outcome: 'differ', upstream: why, sandbox: 'ran to the end' }],
  };
}

const NOTE = 'every upstream answer was a 404';

describe('formatConformanceSummary', () => {
  it('says a base path is probably wrong when every upstream answer was a 404', () => {
    const lines = formatConformanceSummary(result([step('status', 404, 200), step('methods', 404, 200)]), 1, 'http://localhost:4210');
    expect(lines.at(-2)).toBe(
      `  note  ${NOTE}: is http://localhost:4210 the base URL the spec's paths start from (a sandbox serves flashback under /flashback)?`,
    );
    expect(lines.at(-1)).toMatch(/^score 0\.000 \(0 of 2 fields agree/);
  });

  it('says so too when flows stopped on the way: a setup with no secret in its 404, a sign-in that got a 404', () => {
    const noSecret = 'the upstream handed out no TOTP secret';
    const steps = [step('status', 404, 200), stopped('totp-setup', noSecret)];
    const flows = [{ name: 'totp-setup', description: '', error: noSecret }];
    expect(formatConformanceSummary(result(steps, flows), 1, 'http://localhost:4210').join('\n')).toContain(NOTE);
    const signIn = 'signing in to the upstream failed with status 404';
    const onlyStops = result([stopped('status', signIn)], [{ name: 'status', description: '', error: signIn }]);
    expect(formatConformanceSummary(onlyStops, 1, 'http://localhost:4210').join('\n')).toContain(NOTE);
  });

  it("shows on a step's line why the upstream broke its spec, which explains its other differences", () => {
    const html: StepComparison = {
      ...step('status', 200, 200),
      fields: [{ path: 'spec', class: 'constant', outcome: 'differ', upstream: ['x'], sandbox: 'conforms to the spec' }],
      violations: [{ kind: 'content-type', message: 'content type text/html is not declared for getMFAStatus 200 (application/json)' }],
    };
    expect(formatConformanceSummary(result([html]), 1, 'http://localhost:4210')[1]).toBe(
      '  DIFF  status / status  0/1  (spec differ; upstream: content type text/html is not declared for getMFAStatus 200 (application/json))',
    );
  });

  it('says nothing of the kind when some upstream answer was not a 404', () => {
    const lines = formatConformanceSummary(result([step('status', 200, 200), step('methods', 404, 404)]), 1, 'http://localhost:4210/flashback');
    expect(lines.join('\n')).not.toContain(NOTE);
  });
});
