import type { InteractionResult } from './interaction-results.js';
import type { VerificationReport } from './verify-pacts.js';

/** The JSON report, version 1: fields are only ever added within a version. */
export interface JsonVerificationReport {
  version: 1;
  ok: boolean;
  /** Interactions (plus one per pact file that failed outside any interaction) and how many failed. */
  tests: number;
  /** Failures that fail the run: a pending interaction's are in `pendingFailures`. */
  failures: number;
  /** Pending interactions (`pending: true` in the pact) that failed: reported, not fatal. */
  pendingFailures: number;
  durationMs: number;
  pacts: Array<{
    file: string;
    consumer: string | null;
    provider: string | null;
    surface: string | null;
    ok: boolean;
    durationMs: number;
    /** Problems of the file as a whole: unreadable, not a pact, a spec problem naming no interaction, the verifier failing. */
    fileProblems: string[];
    /** Spec warnings (they do not fail the pact). */
    specWarnings: string[];
    interactions: InteractionResult[];
  }>;
}

/**
 * The JSON report `mfa-sandbox verify --json <file>` writes: the same verdicts as the text and JUnit reports, per
 * pact file and per interaction, for scripts (`jq '.pacts[].interactions[] | select(.ok | not)' report.json`).
 *
 * @example
 * toJsonReport(report).pacts[0].interactions[0]
 * // { description: 'status', providerStates: ['the user has no MFA'], ok: false, specProblems: ['response.body.incompatible: ...'], mockProblems: [] }
 */
export function toJsonReport(report: VerificationReport): JsonVerificationReport {
  const pacts = report.pacts.map((pact) => ({
    file: pact.file,
    consumer: pact.consumer ?? null,
    provider: pact.provider ?? null,
    surface: pact.surface ?? null,
    ok: pact.ok,
    durationMs: Math.round(pact.durationMs),
    fileProblems: pact.fileProblems,
    specWarnings: (pact.spec?.warnings ?? []).map((warning) => `${warning.interaction ? `"${warning.interaction}": ` : ''}${warning.code}: ${warning.message}`),
    interactions: pact.results,
  }));
  const tests = pacts.reduce((sum, pact) => sum + pact.interactions.length + (pact.fileProblems.length ? 1 : 0), 0);
  const count = (pending: boolean) =>
    pacts.reduce((sum, pact) => sum + pact.interactions.filter((interaction) => !interaction.ok && interaction.pending === pending).length, 0);
  const failures = count(false) + pacts.filter((pact) => pact.fileProblems.length > 0).length;
  return { version: 1, ok: report.ok, tests, failures, pendingFailures: count(true), durationMs: Math.round(report.durationMs), pacts };
}
