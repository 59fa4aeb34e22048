import type { SurfaceId } from '../surfaces/registry.js';
import { formatVerificationReport } from './format-verification-report.js';
import { findPactFiles } from './pact-files.js';
import { verifyPacts, type ListeningSandbox } from './verify-pacts.js';

export interface VerifyCommandOptions {
  /** A pact file, or a directory of them. */
  pactPath: string;
  /** The surface every pact is for; otherwise each pact's provider name or paths tell. */
  surface: SurfaceId | undefined;
  out(line: string): void;
  /** Start a sandbox on 127.0.0.1 and a random port; the CLI composes it (only it may build the app). */
  startSandbox(): Promise<ListeningSandbox & { close(): Promise<void> }>;
}

/**
 * `mfa-sandbox verify --pact <file|dir> [--surface <id>]`: verify other teams' pacts against the mock and the spec,
 * print a report, and answer 0 only when every pact passes both.
 *
 * @example
 * await runVerifyCommand({ pactPath: 'pacts', surface: undefined, out: console.log, startSandbox }) // 0 or 1
 */
export async function runVerifyCommand(options: VerifyCommandOptions): Promise<number> {
  await findPactFiles(options.pactPath); // a wrong path is reported before anything starts
  const sandbox = await options.startSandbox();
  try {
    const report = await verifyPacts(options.pactPath, sandbox, options.surface);
    for (const line of formatVerificationReport(report)) options.out(line);
    return report.ok ? 0 : 1;
  } finally {
    await sandbox.close();
  }
}
