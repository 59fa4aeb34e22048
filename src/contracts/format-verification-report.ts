import type { PactVerification, VerificationReport } from './verify-pacts.js';
import { toStateProblem } from './interaction-results.js';

/** Provider states are multi-line when they list the vocabulary; indent every line under its bullet. */
function indent(text: string, prefix: string): string {
  return text.split('\n').join(`\n${prefix}`);
}

/** Whether every interaction a finding belongs to is pending (its failure then fails nothing). */
function onlyPending(pact: PactVerification, belongs: (result: PactVerification['results'][number]) => boolean): boolean {
  const owners = pact.results.filter(belongs);
  return owners.length > 0 && owners.every((result) => result.pending);
}

/**
 * Whether the spec check found a problem that fails the pact: one of an interaction that is not pending (a pending
 * one's problems are reported, not fatal, and a summary counting them named a check that failed nothing).
 */
function hasFatalSpecProblems(pact: PactVerification): boolean {
  return (pact.spec?.errors ?? []).some((problem) => !onlyPending(pact, (result) => result.description === problem.interaction));
}

const interactionCount = (count: number) => `${count} interaction${count === 1 ? '' : 's'}`;

function formatPact(pact: PactVerification): string[] {
  const lines = [`${pact.ok ? 'PASS' : 'FAIL'}  ${pact.file}`];
  if (pact.error) return [...lines, `      ${pact.error}`];
  lines.push(`      ${pact.consumer} -> ${pact.provider} (surface ${pact.surface}, ${interactionCount(pact.interactions)})`);
  if (pact.spec) {
    const { errors, warnings } = pact.spec;
    const pendingOnly = errors.length > 0 && !hasFatalSpecProblems(pact);
    lines.push(
      `      spec  ${errors.length === 0 ? 'ok' : `${errors.length} problem(s)${pendingOnly ? ', all of pending interactions (not fatal)' : ''}`}: checked against ${pact.specFile ?? `specs/${pact.surface}.openapi.yaml`}${warnings.length ? ` (${warnings.length} warning(s))` : ''}`,
    );
    for (const problem of errors) {
      const pending = onlyPending(pact, (result) => result.description === problem.interaction) ? ' [pending]' : '';
      lines.push(
        `            - "${problem.interaction ?? '?'}"${pending}: ${problem.code}: ${problem.message}${problem.location ? ` (${problem.location})` : ''}`,
      );
    }
    // Warnings fail nothing, but one often names why the mock check failed (a body sent without its Content-Type).
    for (const problem of warnings) {
      lines.push(
        `            ~ warning "${problem.interaction ?? '?'}": ${problem.code}: ${problem.message}${problem.location ? ` (${problem.location})` : ''}`,
      );
    }
  }
  if (pact.mock) {
    const { interactions, stateFailures, error } = pact.mock;
    const verified = interactions.filter((interaction) => interaction.ok).length;
    const pendingFailed = pact.results.filter((result) => result.pending && result.mockProblems.length > 0).length;
    // Out of the pact's interactions, not the verifier's results: one it never replayed is not verified.
    lines.push(
      `      mock  ${verified}/${pact.interactions} interactions verified against the running sandbox${pendingFailed ? ` (${pendingFailed} pending failed: not fatal)` : ''}`,
    );
    for (const failure of stateFailures) {
      const pending = onlyPending(pact, (result) => result.mockProblems.includes(toStateProblem(failure))) ? ' [pending]' : '';
      lines.push(`            - provider state "${failure.state}"${pending}: ${indent(failure.message, '              ')}`);
    }
    // Each failing interaction named with its provider states (two may share a description), its state problems
    // already listed above; one the verifier never replayed (its own filters) says so. A failed run is one line below.
    for (const result of error === undefined ? pact.results : []) {
      // A failed state's reason is listed above: the interaction's line names the state only.
      const failedStates = result.providerStates
        .filter((state) => result.mockProblems.some((problem) => problem.startsWith(`provider state "${state}": `)))
        .map((state) => `"${state}"`);
      const problems = [
        ...(failedStates.length > 0 ? [`provider state ${failedStates.join(', ')} not set up (why: above)`] : []),
        ...result.mockProblems.filter((problem) => !problem.startsWith('provider state "')),
      ];
      if (problems.length === 0) continue;
      const given = result.providerStates.length > 0 ? ` (given ${result.providerStates.join(', ')})` : '';
      lines.push(`            - "${result.description}"${given}${result.pending ? ' [pending]' : ''}: ${problems.join('; ')}`);
    }
    if (error) lines.push(`            - the Pact verifier failed: ${error}`);
  }
  return lines;
}

/**
 * The report `mfa-sandbox verify` prints: per pact file, its spec check and its verification against the mock.
 *
 * @example
 * formatVerificationReport(report).join('\n')
 * // PASS  pacts/web-flashback.json ... \n verified 1 pact file(s), 14 interactions: all passed (spec and mock) in 0.4 s
 */
export function formatVerificationReport(report: VerificationReport): string[] {
  const lines = report.pacts.flatMap((pact) => [...formatPact(pact), '']);
  // A file refused before verification (unreadable, no pact, another surface than --surface) had none of its
  // interactions replayed: it is counted apart, and its interactions not at all.
  const verified = report.pacts.filter((pact) => pact.error === undefined);
  const refused = report.pacts.length - verified.length;
  const refusedNote = refused > 0 ? ` (${refused} more refused before verification)` : '';
  const interactions = verified.reduce((sum, pact) => sum + pact.interactions, 0);
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(`verified ${verified.length} pact file(s)${refusedNote}, ${interactionCount(interactions)}: ${toOutcome(report.pacts)} in ${seconds} s`);
  return lines;
}

/**
 * `all passed (spec and mock)`, or how many pact files failed and in which check, e.g. `1 pact file(s) FAILED (mock: 1)`; pending
 * interactions that failed are counted apart (`all passed (spec and mock); 1 pending interaction failed (not fatal)`).
 */
function toOutcome(pacts: readonly PactVerification[]): string {
  const pendingFailed = pacts.reduce((sum, pact) => sum + pact.results.filter((result) => result.pending && !result.ok).length, 0);
  const pendingNote = pendingFailed > 0 ? `; ${pendingFailed} pending interaction${pendingFailed === 1 ? '' : 's'} failed (not fatal)` : '';
  return `${toFailures(pacts)}${pendingNote}`;
}

function toFailures(pacts: readonly PactVerification[]): string {
  const failed = pacts.filter((pact) => !pact.ok);
  if (failed.length === 0) return 'all passed (spec and mock)';
  // From the interactions' problems, which also hold those the verifier's results do not: an interaction it never
  // replayed (PACT_DESCRIPTION set) has no failing verdict, only a problem.
  const mockFailed = (pact: PactVerification) =>
    pact.mock !== undefined && (pact.mock.error !== undefined || pact.results.some((result) => result.mockProblems.length > 0));
  const parts = [
    ['not verified', failed.filter((pact) => pact.error !== undefined).length],
    ['spec', failed.filter(hasFatalSpecProblems).length],
    ['mock', failed.filter(mockFailed).length],
  ] as const;
  const which = parts.filter(([, count]) => count > 0).map(([check, count]) => `${check}: ${count}`);
  // Files, said so: "4 interactions: 4 FAILED" read as every interaction failing when 3 of the 4 were refused files.
  return `${failed.length} pact file(s) FAILED${which.length > 0 ? ` (${which.join(', ')})` : ''}`;
}
