import type { StepComparison } from './compare-step.js';
import type { ConformanceResult } from './run-conformance.js';

/** Per step one line (its fields agreeing of compared, and the paths that differ), then the score. */

const MAX_PATHS = 4;
/** A spec violation's reason on a step's line is cut here; the --json report has it whole. */
const MAX_REASON = 100;

/** The score as a reader sees it: three decimals, never rounded up to a pass. */
export const toScoreText = (score: number) => (Math.floor(score * 1000) / 1000).toFixed(3);

/**
 * The terminal summary of a run.
 *
 * @example
 * formatConformanceSummary(result, 0.95) // ['nest-auth conformance: …', '  ok    status / status (nothing set up)  12/12', …, 'score 1.000 …']
 */
export function formatConformanceSummary(result: ConformanceResult, minScore: number, upstream: string): string[] {
  return [formatConformanceHeader(result.surface, upstream), ...result.steps.map(formatStepLine), ...formatConformanceEnd(result, minScore, upstream)];
}

/** The first line (the command prints it with the first step's: a run that cannot start prints only its error). */
export function formatConformanceHeader(surface: string, upstream: string): string {
  return `${surface} conformance: upstream ${upstream} vs the sandbox`;
}

/** One compared step's line: printed as soon as the step is compared, so a long run shows where it is. */
export function formatStepLine(step: StepComparison): string {
  const agreeing = step.fields.filter((field) => field.outcome === 'agree' || field.accepted !== undefined).length;
  const differing = step.fields.filter((field) => field.outcome !== 'agree' && field.accepted === undefined);
  const accepted = step.fields.filter((field) => field.accepted !== undefined).length;
  const mark = differing.length > 0 ? 'DIFF' : 'ok  ';
  const paths = differing.slice(0, MAX_PATHS).map((field) => `${field.path} ${field.outcome}`);
  if (differing.length > MAX_PATHS) paths.push(`+${differing.length - MAX_PATHS} more`);
  // The upstream breaking its spec is the difference that explains the others (an HTML page for a JSON answer): its
  // first reason is shown here, not only in the --json report.
  const specBroken = differing.some((field) => field.path === 'spec') ? step.violations[0]?.message : undefined;
  const notes = [
    ...(paths.length > 0 ? [paths.join(', ')] : []),
    ...(accepted > 0 ? [`${accepted} accepted`] : []),
    ...(specBroken ? [`upstream: ${specBroken.length > MAX_REASON ? `${specBroken.slice(0, MAX_REASON - 1)}…` : specBroken}`] : []),
  ];
  return `  ${mark}  ${step.flow} / ${step.step}  ${agreeing}/${step.fields.length}${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`;
}

/** What follows the steps once the run is over: skipped and stopped flows, a hint, the score. */
export function formatConformanceEnd(result: ConformanceResult, minScore: number, upstream: string): string[] {
  const lines: string[] = [];
  for (const flow of result.flows.filter((candidate) => candidate.skipped)) lines.push(`  skip  ${flow.name}: ${flow.skipped}`);
  for (const flow of result.flows.filter((candidate) => candidate.error)) lines.push(`  STOP  ${flow.name}: ${flow.error}`);
  // Every answer a 404: each step's upstream status, and a stopped flow's reason when it names one (a sign-in that got
  // a 404). Other stops say nothing either way: a setup whose 404 held no secret stops its flow too.
  const statusesWere404 = result.steps.flatMap((step) => step.fields.filter((field) => field.path === 'status').map((field) => field.upstream === 404));
  const stopsOn404 = result.flows.filter((flow) => flow.error !== undefined && /\bstatus 404\b/.test(flow.error)).map(() => true);
  const evidence = [...statusesWere404, ...stopsOn404];
  if (evidence.length > 0 && evidence.every(Boolean)) {
    // Every answer a 404 is a wrong base path far more often than a vendor that lost every route.
    lines.push(
      `  note  every upstream answer was a 404: is ${upstream} the base URL the spec's paths start from (a sandbox serves ${result.surface} under /${result.surface})?`,
    );
  }
  const { agreeing, compared, accepted, violations, score } = result.totals;
  const verdict = score >= minScore ? 'pass' : 'FAIL';
  lines.push(
    `score ${toScoreText(score)} (${agreeing} of ${compared} fields agree, ${accepted} of them accepted differences; ${violations} spec violation${violations === 1 ? '' : 's'} by the upstream); --min-score ${minScore}: ${verdict}`,
  );
  return lines;
}
