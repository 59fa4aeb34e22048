import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkReportFileWritable, isSameFilePath } from '../report-file.js';
import { parseJsonFileText } from '../json-file-text.js';
import { makeDirectory } from '../make-directory.js';
import { toDidYouMeanOrList } from '../engine/edit-distance.js';
import { loadSpec } from '../openapi/load-spec.js';
import { isSurfaceId, SURFACE_IDS } from '../surfaces/registry.js';
import { isPathMatched, SPEC_FIELD, type AcceptedDifference } from './compare-step.js';
import { CONFORMANCE_CATALOGUES } from './conformance-catalogues.js';
import { toConformanceHtmlReport } from './conformance-html-report.js';
import { toConformanceJsonReport } from './conformance-json-report.js';
import { formatConformanceEnd, formatConformanceHeader, formatStepLine } from './format-conformance-summary.js';
import { runConformance } from './run-conformance.js';
import { scrubSecrets } from './scrub-secrets.js';
import { UnreachableError } from './send-step.js';
import { CredentialsError, loadUpstreamCredentials, toSecretValues } from './upstream-credentials.js';

export interface ConformanceCommandOptions {
  surface: string | undefined;
  upstream: string | undefined;
  credentialsFile: string | undefined;
  scenario: string;
  minScore: string | undefined;
  /** Seconds the upstream may take per answer (default 30). */
  upstreamTimeout?: string | undefined;
  jsonPath: string | undefined;
  htmlPath: string | undefined;
  acceptPath: string | undefined;
  specsDir: string;
  env: Readonly<Record<string, string | undefined>>;
  out(line: string): void;
  err(line: string): void;
  /** Start a fresh sandbox serving only this surface at `/` (the CLI composes it: only it may build the app). */
  startSandbox(surface: string): Promise<{ url: string; close(): Promise<void> }>;
}

/** A usage problem: a message, exit 2, nothing run. */
class UsageError extends Error {}

function parseMinScore(text: string | undefined): number {
  if (text === undefined) return 1;
  const score = Number(text);
  if (text.trim() === '' || !Number.isFinite(score) || score < 0 || score > 1)
    throw new UsageError(`--min-score: min score must be a number between 0 and 1, got "${text}"`);
  return score;
}

/** The proxy's default too: a vendor that answers nothing in this long is stuck, not slow. */
const DEFAULT_UPSTREAM_TIMEOUT_SECONDS = 30;

function parseUpstreamTimeoutMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_UPSTREAM_TIMEOUT_SECONDS * 1000;
  const seconds = Number(text);
  if (!/^\d+$/.test(text.trim()) || seconds < 1 || seconds > 3600)
    throw new UsageError(`--upstream-timeout: upstream timeout (seconds) must be an integer between 1 and 3600, got "${text}"`);
  return seconds * 1000;
}

function parseUpstream(text: string | undefined): URL {
  if (!text) throw new UsageError('conformance needs --upstream <base URL> (e.g. http://127.0.0.1:3000)');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--upstream must be an http(s) URL, not "${text}"`);
  }
  // `localhost:4010/x` parses as scheme `localhost:`: quote what was given, and the fix it probably needs.
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--upstream must be an http(s) URL, not "${text}" (e.g. http://${text.replace(/^[a-z]+:\/\//i, '')})`);
  if (url.username || url.password) throw new UsageError('--upstream must not carry credentials: give them in the environment or --credentials <file>');
  return url;
}

/**
 * A rule that can never match is a typo, refused rather than kept silently: a flow the catalogue does not have, a
 * `*` anywhere but at the end of a path (only a trailing `*` makes a prefix), or a path for the `spec` field alone
 * (--accept never accepts the upstream's spec violations: see compareStep). Steps are named as the flows run, so a
 * step name is not checked here.
 */
function checkAcceptedRules(file: string, rules: AcceptedDifference[], flowNames: readonly string[]): void {
  rules.forEach((rule, index) => {
    const where = `--accept ${file}: rule ${index + 1}`;
    if (rule.flow !== '*' && !flowNames.includes(rule.flow))
      throw new UsageError(`${where}: no flow "${rule.flow}" in this catalogue${toDidYouMeanOrList(rule.flow, flowNames, 'its flows', '')}`);
    if (rule.path.slice(0, -1).includes('*'))
      throw new UsageError(`${where}: path "${rule.path}" has a * before its end; only a trailing * matches (a prefix: "body.*")`);
    // `*` and `s*` match `status` too, so they still accept something: only a path of `spec` alone is refused.
    if (isPathMatched(rule.path, SPEC_FIELD) && !isPathMatched(rule.path, 'status'))
      throw new UsageError(
        `${where}: path "${rule.path}" is the upstream's spec violations, which --accept never accepts (they count whatever the sandbox answers): if the spec is what is wrong, give a corrected copy with --specs <dir>`,
      );
  });
}

async function loadAccepted(file: string | undefined): Promise<AcceptedDifference[]> {
  if (file === undefined) return [];
  let parsed: unknown;
  try {
    parsed = parseJsonFileText(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--accept ${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed))
    throw new UsageError(`--accept ${file}: expected a JSON array of {flow, step, path, reason} (optionally upstream, sandbox, upstreamIncludes, statuses)`);
  parsed.forEach((rule: unknown, index) => {
    const problem = toRuleShapeProblem(rule);
    if (problem) throw new UsageError(`--accept ${file}: rule ${index + 1}: ${problem}`);
  });
  return parsed as AcceptedDifference[];
}

const REQUIRED_RULE_TEXTS = ['flow', 'step', 'path', 'reason'] as const;

/** What is wrong with one rule's shape, naming the field, so a file of twenty rules is mended at once. */
function toRuleShapeProblem(rule: unknown): string | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return `expected an object {flow, step, path, reason}, not ${JSON.stringify(rule)}`;
  const fields = rule as Record<string, unknown>;
  for (const key of REQUIRED_RULE_TEXTS) {
    if (!(key in fields)) return `"${key}" is missing (${key === 'reason' ? 'the reason a reader of the report sees' : 'a name, or "*"'})`;
    if (typeof fields[key] !== 'string') return `"${key}" must be a string, not ${JSON.stringify(fields[key])}`;
  }
  if ('upstreamIncludes' in fields && typeof fields.upstreamIncludes !== 'string')
    return `"upstreamIncludes" must be a string, not ${JSON.stringify(fields.upstreamIncludes)}`;
  const statuses = fields.statuses as Record<string, unknown> | undefined;
  if (
    'statuses' in fields &&
    (typeof statuses !== 'object' || statuses === null || typeof statuses.upstream !== 'number' || typeof statuses.sandbox !== 'number')
  )
    return `"statuses" must be {"upstream": <status>, "sandbox": <status>}, not ${JSON.stringify(statuses)}`;
  return undefined;
}

const cannotWrite = (flag: string, path: string, error: unknown) =>
  new UsageError(`${flag} ${path}: cannot write the report there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);

/** A report path that cannot be written is a usage problem found before the catalogue runs. */
async function checkReportPath(flag: string, path: string | undefined): Promise<void> {
  if (path === undefined) return;
  await checkReportFileWritable(path).catch((error: unknown) => {
    throw cannotWrite(flag, path, error);
  });
}

async function writeReport(flag: string, path: string, text: string): Promise<void> {
  try {
    await makeDirectory(dirname(path));
    await writeFile(path, text);
  } catch (error) {
    throw cannotWrite(flag, path, error);
  }
}

/**
 * `mfa-sandbox conformance --surface <id> --upstream <URL>`: run the surface's flow catalogue against the real
 * upstream and a fresh sandbox, print a summary, write the JSON/HTML reports asked for; 0 when the score reaches
 * `--min-score`, 1 when not, 2 on a usage problem (bad flags, credentials, an upstream that cannot be reached).
 *
 * @example
 * await runConformanceCommand({ surface: 'nest-auth', upstream: 'http://127.0.0.1:3000', minScore: '0.95', ... }) // 0 or 1
 */
export async function runConformanceCommand(options: ConformanceCommandOptions): Promise<number> {
  let secrets: string[] = [];
  const say = (line: string) => options.out(scrubSecrets(line, secrets));
  try {
    const { surface } = options;
    if (!surface) throw new UsageError(`conformance needs --surface <id> (${SURFACE_IDS.join(', ')})`);
    if (!isSurfaceId(surface)) throw new UsageError(`unknown surface "${surface}"; known: ${SURFACE_IDS.join(', ')}`);
    const catalogue = CONFORMANCE_CATALOGUES[surface];
    if (!catalogue) throw new UsageError(`no conformance catalogue for ${surface} yet; surfaces with one: ${Object.keys(CONFORMANCE_CATALOGUES).join(', ')}`);
    const upstream = parseUpstream(options.upstream);
    const minScore = parseMinScore(options.minScore);
    const timeoutMs = parseUpstreamTimeoutMs(options.upstreamTimeout);
    const credentials = await loadUpstreamCredentials(options.env, options.credentialsFile);
    secrets = toSecretValues(credentials);
    const accepted = await loadAccepted(options.acceptPath);
    if (options.acceptPath !== undefined)
      checkAcceptedRules(
        options.acceptPath,
        accepted,
        catalogue.flows.map((flow) => flow.name),
      );
    if (options.jsonPath !== undefined && options.htmlPath !== undefined && isSameFilePath(options.jsonPath, options.htmlPath)) {
      throw new UsageError(`--html ${options.htmlPath}: --json writes there too; give each report its own file`);
    }
    await checkReportPath('--json', options.jsonPath);
    await checkReportPath('--html', options.htmlPath);
    const spec = await loadSpec(options.specsDir, surface);
    const upstreamText = upstream.href.replace(/\/$/, '');
    const sandbox = await options.startSandbox(surface);
    // Each step's line as it is compared: a slow vendor shows where the run is, and an interrupted run what it did.
    // The header comes with the first one, so a run that cannot start (no sign-in, no answer) prints only its error.
    let started = false;
    const start = () => {
      if (!started) say(formatConformanceHeader(surface, upstreamText));
      started = true;
    };
    let result;
    try {
      result = await runConformance({
        catalogue,
        api: spec.api,
        upstream: { baseUrl: upstreamText, credentials, timeoutMs },
        sandbox: { baseUrl: sandbox.url, headers: { 'x-mock-session': `conformance-${randomUUID()}` } },
        accepted,
        onStep: (step) => {
          start();
          say(formatStepLine(step));
        },
      });
    } finally {
      await sandbox.close();
    }
    secrets = [...secrets, ...result.secretsSeen];
    start();
    for (const line of formatConformanceEnd(result, minScore, upstreamText)) say(line);
    const report = toConformanceJsonReport(result, { upstream: upstreamText, scenario: options.scenario, minScore });
    if (options.jsonPath !== undefined) await writeReport('--json', options.jsonPath, scrubSecrets(`${JSON.stringify(report, null, 2)}\n`, secrets));
    if (options.htmlPath !== undefined) await writeReport('--html', options.htmlPath, scrubSecrets(toConformanceHtmlReport(report), secrets));
    return report.passed ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || error instanceof CredentialsError || error instanceof UnreachableError) {
      options.err(scrubSecrets(`mfa-sandbox conformance: ${error.message}`, secrets));
      return 2;
    }
    throw error;
  }
}
