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

function result(steps: StepComparison[]): ConformanceResult {
  return { surface: 'flashback', covers: '', flows: [], steps, totals: toTotals(steps), secretsSeen: [] };
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

  it('says nothing of the kind when some upstream answer was not a 404', () => {
    const lines = formatConformanceSummary(result([step('status', 200, 200), step('methods', 404, 404)]), 1, 'http://localhost:4210/flashback');
    expect(lines.join('\n')).not.toContain(NOTE);
  });
});
