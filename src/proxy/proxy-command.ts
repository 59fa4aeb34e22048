import { dirname } from 'node:path';
import { ConfigError } from '../config.js';
import { makeDirectory } from '../make-directory.js';
import { createExchangeChecker, createOperationMatcher } from '../conformance/check-exchange-against-spec.js';
import { loadSpec } from '../openapi/load-spec.js';
import { readPackageVersion } from '../package-version.js';
import { toDriftSummary } from './drift-report.js';
import { createExchangeRecorder, type SandboxComparer } from './exchange-recorder.js';
import { createPeriodicFileWriter } from './periodic-file-writer.js';
import { startProxyServer } from './proxy-server.js';
import { toListenProblem } from '../server/listen-problem.js';

/** How often the HAR and the report files are brought up to date while the proxy runs (a crash loses at most this). */
const WRITE_INTERVAL_MS = 1000;

export interface ProxyCommandOptions {
  surface: string;
  upstream: URL;
  specsDir: string;
  port: number;
  host: string;
  upstreamTimeoutMs: number;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  harFile?: string | undefined;
  reportFile?: string | undefined;
  /** Exit 1 when more exchanges than this broke the spec. */
  maxViolations?: number | undefined;
  /** Exit 1 when the sandbox agrees on fewer fields than this share (0..1) of those compared. */
  minScore?: number | undefined;
  /** Compare each exchange with the sandbox's answer to the same request (cli.ts builds the sandbox). */
  compareWithSandbox?: SandboxComparer | undefined;
  out(line: string): void;
  err(line: string): void;
}

/** A running proxy: `close()` stops it, writes the HAR and the report a last time, prints the summary, answers the exit code. */
export interface RunningProxyCommand {
  url: string;
  close(): Promise<number>;
}

/** Why the run fails the thresholds, one line each; empty when it passes them. */
function thresholdFailures(options: ProxyCommandOptions, report: ReturnType<ReturnType<typeof createExchangeRecorder>['report']>): string[] {
  const failures: string[] = [];
  if (options.maxViolations !== undefined && report.exchangesWithViolations > options.maxViolations) {
    const count = report.exchangesWithViolations;
    failures.push(`${count} exchange${count === 1 ? '' : 's'} broke the spec (--max-violations ${options.maxViolations})`);
  }
  // A gate on violations passed a run that checked nothing: a wrong --surface (every route outside its spec), or an
  // upstream that answered nothing.
  const checked = report.exchanges - report.outsideSpec - report.proxyFaults;
  if (options.maxViolations !== undefined && checked === 0) {
    failures.push(
      `no exchange was checked against the ${options.surface} spec (${report.outsideSpec} outside it, ${report.proxyFaults} not answered by the upstream), ` +
        `so --max-violations ${options.maxViolations} judged nothing: is --surface ${options.surface} the upstream's vendor, and --upstream its base URL?`,
    );
  }
  if (options.minScore !== undefined) {
    if (report.score === undefined) failures.push(`no exchange was compared with the sandbox, so there is no score (--min-score ${options.minScore})`);
    else if (report.score < options.minScore) failures.push(`sandbox score ${report.score.toFixed(3)} is under --min-score ${options.minScore}`);
  }
  return failures;
}

/**
 * `mfa-sandbox proxy`: forward a client's traffic to the upstream, check each exchange against the surface's spec
 * (violations printed as they happen), keep a redacted HAR and a drift report, and judge the run on close.
 *
 * @example
 * const proxy = await runProxyCommand({ surface: 'nest-auth', upstream: new URL('http://127.0.0.1:3000'), ... });
 * // the app's tests run against proxy.url
 * const exitCode = await proxy.close();
 */
export async function runProxyCommand(options: ProxyCommandOptions): Promise<RunningProxyCommand> {
  const spec = await loadSpec(options.specsDir, options.surface);
  const version = readPackageVersion();
  const recorder = createExchangeRecorder({
    surface: options.surface,
    upstream: options.upstream,
    check: createExchangeChecker(spec.api),
    operationOf: createOperationMatcher(spec.api),
    compareWithSandbox: options.compareWithSandbox,
    onViolation: (line) => options.err(`spec violation: ${line}`),
    onFirstProxyFault: (line) => options.err(`mfa-sandbox proxy: not answered by the upstream: ${line}`),
    now: () => new Date(),
  });
  const files = [
    ...(options.harFile ? [{ flag: '--har', path: options.harFile, render: () => JSON.stringify(recorder.har(version), null, 2) }] : []),
    ...(options.reportFile ? [{ flag: '--report', path: options.reportFile, render: () => JSON.stringify(recorder.report(), null, 2) }] : []),
  ];
  const writers = files.map(({ path, render }) => createPeriodicFileWriter(path, render, recorder.changes, WRITE_INTERVAL_MS));
  // Written once before listening (missing directories made): a path that cannot be written fails now (a usage
  // problem), not after the test suite ran.
  await Promise.all(
    writers.map((writer, index) =>
      makeDirectory(dirname(files[index]!.path))
        .then(() => writer.write())
        .catch((error: unknown) => {
          const { flag, path } = files[index]!;
          throw new ConfigError(`${flag} ${path}: cannot write it there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }),
    ),
  );
  const proxy = await startProxyServer(
    {
      upstream: options.upstream,
      upstreamTimeoutMs: options.upstreamTimeoutMs,
      bodyLimitBytes: options.bodyLimitBytes,
      requestTimeoutMs: options.requestTimeoutMs,
      onExchange: (exchange) => recorder.record(exchange),
    },
    options.port,
    options.host,
  ).catch((error: unknown) => {
    // A port taken or not ours to take is a usage problem (exit 2), not drift (1): CI must not read it as a verdict.
    const problem = toListenProblem(error, options.port, options.host);
    if (problem) throw new ConfigError(problem);
    throw error;
  });
  let closing: Promise<number> | undefined;
  return {
    url: proxy.url,
    close: () =>
      (closing ??= (async () => {
        await proxy.close();
        await recorder.settled();
        await Promise.all(writers.map((writer) => writer.flush()));
        const report = recorder.report();
        for (const line of toDriftSummary(report)) options.out(line);
        const failures = thresholdFailures(options, report);
        for (const failure of failures) options.err(`mfa-sandbox proxy: failed: ${failure}`);
        return failures.length > 0 ? 1 : 0;
      })()),
  };
}
