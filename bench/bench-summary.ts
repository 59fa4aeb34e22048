import { find, fixed, mb, medianOf, MOCKOON_LABEL, table, WIREMOCK_LABEL, type BenchResults } from './bench-report.js';
import { toFixedRateMedians } from './fixed-rate-report.js';
import type { ColdStartFigures } from './measure-cold-start.js';
import { ratioTo, type ThroughputRounds } from './throughput-ratios.js';

const NOT_MEASURED = '–';

/**
 * The one table for the README: per operation class and per server, req/s, × its class's plain Fastify limit, p99
 * under full load, p99 at the fixed rate, server CPU per request, cold start to the first 200 and RSS under load.
 * The details (statuses, p50, per-round ratios) stay in the sections below it.
 */
export function summaryTable(results: BenchResults): string {
  const fixedRate = new Map<string, string>();
  for (const [index, operationClass] of results.classes.entries()) {
    const runs = results.fixedRate?.[index];
    if (!runs) continue;
    fixedRate.set(operationClass.limitId, fixed(toFixedRateMedians(runs.limit).p99Ms, 2));
    fixedRate.set(operationClass.sandboxId, fixed(toFixedRateMedians(runs.sandbox).p99Ms, 2));
  }
  const row = (operation: string, label: string, target: ThroughputRounds, limit: ThroughputRounds, coldStart?: ColdStartFigures) => [
    operation,
    label,
    fixed(medianOf(target, (round) => round.requestsPerSecond)),
    fixed(ratioTo(target, limit), 2),
    fixed(
      medianOf(target, (round) => round.p99Ms),
      1,
    ),
    fixedRate.get(target.id) ?? NOT_MEASURED,
    fixed(
      medianOf(target, (round) => round.serverCpuMicrosPerRequest),
      1,
    ),
    coldStart ? fixed(coldStart.medianMs) : NOT_MEASURED,
    mb(medianOf(target, (round) => round.serverRssBytes)),
  ];
  const rows: string[][] = [];
  for (const operationClass of results.classes) {
    const limit = find(results, operationClass.limitId);
    const isStatus = operationClass.sandboxId === results.sandboxStatusId;
    rows.push(row(operationClass.name, 'plain Fastify (the limit)', limit, limit));
    rows.push(row(operationClass.name, `mfa-sandbox (${results.sandboxFrom})`, find(results, operationClass.sandboxId), limit, results.coldStart.sandbox));
    if (isStatus) {
      rows.push(row(operationClass.name, 'mfa-sandbox --state postgres', find(results, results.postgres.statusId), limit));
      rows.push(row(operationClass.name, 'Prism 5.14.2 mock -v warn', find(results, results.prismId), limit, results.coldStart.prism));
      rows.push(row(operationClass.name, MOCKOON_LABEL, find(results, results.peers.mockoonId), limit, results.coldStart.mockoon));
      const { wiremockSkipped } = results.peers;
      rows.push(
        wiremockSkipped
          ? [operationClass.name, WIREMOCK_LABEL, `skipped: ${wiremockSkipped}`, '', '', '', '', '', '']
          : row(operationClass.name, WIREMOCK_LABEL, find(results, results.peers.wiremockId), limit, results.coldStart.wiremock),
      );
    } else if (operationClass.sandboxId === results.postgres.memoryToggleId) {
      rows.push(row(operationClass.name, 'mfa-sandbox --state postgres', find(results, results.postgres.toggleId), limit));
    }
  }
  const rate = results.fixedRate?.[0]?.sandbox[0]?.askedRate;
  return table(
    [
      'operation',
      'server',
      'req/s',
      '× plain Fastify (same request)',
      'p99 ms, full load',
      rate ? `p99 ms at ${rate.toLocaleString('en-US')} req/s` : 'p99 ms at a fixed rate (not run)',
      'server CPU µs/req',
      'cold start ms to first 200',
      'RSS MB under load',
    ],
    rows,
  );
}
