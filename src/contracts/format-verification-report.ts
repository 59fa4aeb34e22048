import type { PactVerification, VerificationReport } from './verify-pacts.js';

/** Provider states are multi-line when they list the vocabulary; indent every line under its bullet. */
function indent(text: string, prefix: string): string {
  return text.split('\n').join(`\n${prefix}`);
}

function formatPact(pact: PactVerification): string[] {
  const lines = [`${pact.ok ? 'PASS' : 'FAIL'}  ${pact.file}`];
  if (pact.error) return [...lines, `      ${pact.error}`];
  lines.push(`      ${pact.consumer} -> ${pact.provider} (surface ${pact.surface}, ${pact.interactions} interactions)`);
  if (pact.spec) {
    const { errors, warnings } = pact.spec;
    lines.push(
      `      spec  ${errors.length === 0 ? 'ok' : `${errors.length} problem(s)`}: checked against specs/${pact.surface}.openapi.yaml${warnings.length ? ` (${warnings.length} warning(s))` : ''}`,
    );
    for (const problem of errors) {
      lines.push(`            - "${problem.interaction ?? '?'}": ${problem.code}: ${problem.message}${problem.location ? ` (${problem.location})` : ''}`);
    }
  }
  if (pact.mock) {
    const { interactions, stateFailures, error } = pact.mock;
    const verified = interactions.filter((interaction) => interaction.ok).length;
    lines.push(`      mock  ${verified}/${interactions.length} interactions verified against the running sandbox`);
    for (const failure of stateFailures) lines.push(`            - provider state "${failure.state}": ${indent(failure.message, '              ')}`);
    for (const interaction of interactions.filter((candidate) => !candidate.ok)) {
      lines.push(`            - "${interaction.description}": ${interaction.problems.join('; ') || 'failed'}`);
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
 * // PASS  pacts/web-flashback.json ... \n verified 1 pact file(s), 14 interactions: all passed in 0.4 s
 */
export function formatVerificationReport(report: VerificationReport): string[] {
  const lines = report.pacts.flatMap((pact) => [...formatPact(pact), '']);
  const failed = report.pacts.filter((pact) => !pact.ok).length;
  const interactions = report.pacts.reduce((sum, pact) => sum + pact.interactions, 0);
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(
    `verified ${report.pacts.length} pact file(s), ${interactions} interactions: ${failed === 0 ? 'all passed' : `${failed} FAILED`} (spec and mock) in ${seconds} s`,
  );
  return lines;
}
