import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkReportFileWritable, toFileIdentity, toRealFilePath } from '../report-file.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { formatVerificationReport } from './format-verification-report.js';
import { toJsonReport } from './json-report.js';
import { toJunitReport } from './junit-report.js';
import { findNestedPactDirs, findPactFiles } from './pact-files.js';
import { verifyPacts, type ListeningSandbox, type VerificationReport } from './verify-pacts.js';

export interface VerifyCommandOptions {
  /** A pact file, or a directory of them. */
  pactPath: string;
  /** The surface every pact is for; otherwise each pact's provider name or paths tell. */
  surface: SurfaceId | undefined;
  /** Write a JUnit XML report here (its directory is made if missing). */
  junitPath?: string | undefined;
  /** Write a JSON report here (its directory is made if missing). */
  jsonPath?: string | undefined;
  out(line: string): void;
  err(line: string): void;
  /** Start a sandbox on 127.0.0.1 and a random port; the CLI composes it (only it may build the app). */
  startSandbox(): Promise<ListeningSandbox & { close(): Promise<void> }>;
}

/** A report file that cannot be written: a usage problem (exit 2), reported before anything starts where possible. */
class ReportPathError extends Error {}

interface ReportFile {
  flag: '--junit' | '--json';
  path: string;
  render(report: VerificationReport): string;
}

async function prepareReportFile({ flag, path }: ReportFile): Promise<void> {
  try {
    await checkReportFileWritable(path);
  } catch (error) {
    throw new ReportPathError(`${flag} ${path}: cannot write the report there (${(error as Error).message})`);
  }
}

/**
 * A report written over a pact being verified (`--junit pacts/web.json`) would replace it, and the next run fail on
 * XML; `--junit` and `--json` on one path would leave only the second. Both are usage problems, said before any work.
 */
function checkReportsOverwriteNothing(reportFiles: readonly ReportFile[], pactPath: string, pactFiles: readonly string[]): void {
  // File identities: a report through a symbolic or hard link still lands on the file it names.
  const pacts = new Set(pactFiles.map(toFileIdentity));
  // `--pact <dir>` reads every *.json there, a report written later too; `--pact <file>` reads that file only.
  const pactDirectory = pacts.has(toFileIdentity(pactPath)) ? undefined : toRealFilePath(pactPath);
  const seen = new Map<string, string>();
  for (const { flag, path } of reportFiles) {
    const target = toFileIdentity(path);
    if (pacts.has(target)) throw new ReportPathError(`${flag} ${path}: that is a pact file being verified; write the report elsewhere`);
    // A new *.json beside the pacts would be read as one by the next run over the directory.
    const realPath = toRealFilePath(path);
    if (realPath.endsWith('.json') && dirname(realPath) === pactDirectory) {
      throw new ReportPathError(`${flag} ${path}: the next run over the pact directory would read it as a pact; write the report elsewhere`);
    }
    const other = seen.get(target);
    if (other !== undefined) throw new ReportPathError(`${flag} ${path}: ${other} writes there too; give each report its own file`);
    seen.set(target, flag);
  }
}

async function writeReportFile(file: ReportFile, report: VerificationReport): Promise<void> {
  try {
    await writeFile(file.path, file.render(report));
  } catch (error) {
    throw new ReportPathError(`${file.flag} ${file.path}: cannot write the report there (${(error as Error).message})`);
  }
}

/**
 * `mfa-sandbox verify --pact <file|dir> [--surface <id>] [--junit <file>] [--json <file>]`: verify other teams'
 * pacts against the mock and the spec, print a report (and write the JUnit XML and JSON reports asked for), and
 * answer 0 only when every pact passes both, 1 when one fails, 2 when a report file cannot be written.
 *
 * @example
 * await runVerifyCommand({ pactPath: 'pacts', surface: undefined, junitPath: 'reports/pacts.xml', out: console.log, err: console.error, startSandbox }) // 0 or 1
 */
export async function runVerifyCommand(options: VerifyCommandOptions): Promise<number> {
  const reportFiles: ReportFile[] = [];
  if (options.junitPath !== undefined) reportFiles.push({ flag: '--junit', path: options.junitPath, render: toJunitReport });
  if (options.jsonPath !== undefined)
    reportFiles.push({ flag: '--json', path: options.jsonPath, render: (report) => `${JSON.stringify(toJsonReport(report), null, 2)}\n` });
  try {
    const pactFiles = await findPactFiles(options.pactPath); // a wrong path is reported before anything starts
    const nested = await findNestedPactDirs(options.pactPath);
    if (nested.length > 0) {
      const shown = nested.length > 5 ? `${nested.slice(0, 5).join(', ')} and ${nested.length - 5} more` : nested.join(', ');
      options.err(`mfa-sandbox: note: verify reads the *.json directly in ${options.pactPath}, not those in ${shown} (give each as --pact)`);
    }
    checkReportsOverwriteNothing(reportFiles, options.pactPath, pactFiles); // and a report that would replace a pact or the other report
    for (const file of reportFiles) await prepareReportFile(file); // and a report file that cannot be written
    const sandbox = await options.startSandbox();
    let report: VerificationReport;
    try {
      report = await verifyPacts(options.pactPath, sandbox, options.surface);
    } finally {
      await sandbox.close();
    }
    for (const line of formatVerificationReport(report)) options.out(line);
    for (const file of reportFiles) await writeReportFile(file, report);
    return report.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ReportPathError)) throw error;
    options.err(`mfa-sandbox: ${error.message}`);
    return 2;
  }
}
