import type { ConformanceResult } from './run-conformance.js';

/** The JSON report: the run as data (every step, every field), with no secret in it. */
export interface ConformanceJsonReport {
  surface: string;
  upstream: string;
  scenario: string;
  minScore: number;
  passed: boolean;
  covers: string;
  totals: ConformanceResult['totals'];
  flows: ConformanceResult['flows'];
  steps: ConformanceResult['steps'];
}

/**
 * @example
 * JSON.stringify(toConformanceJsonReport(result, { upstream: 'http://127.0.0.1:3000', scenario: 'default', minScore: 0.95 }))
 */
export function toConformanceJsonReport(result: ConformanceResult, run: { upstream: string; scenario: string; minScore: number }): ConformanceJsonReport {
  return {
    surface: result.surface,
    upstream: run.upstream,
    scenario: run.scenario,
    minScore: run.minScore,
    passed: result.totals.score >= run.minScore,
    covers: result.covers,
    totals: result.totals,
    flows: result.flows,
    steps: result.steps,
  };
}
