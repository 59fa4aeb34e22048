import type { SpecViolation } from '../conformance/check-exchange-against-spec.js';

/**
 * What a proxy run saw, per operation of the surface's spec: how many exchanges, which statuses, which spec violations
 * (by JSON pointer and keyword, counted), and, when the sandbox answered the same requests, how far its answers agree
 * with the upstream's. Plain JSON: written with `--report`, summarised on the terminal.
 */

/** A violation of the spec, counted over the exchanges that showed it. */
export interface CountedViolation {
  kind: SpecViolation['kind'];
  pointer?: string;
  keyword?: string;
  /** The first message seen for it. */
  message: string;
  count: number;
  /** The exchange it was first seen in, numbered from 1 in arrival order: the HAR's `log.entries[firstExchange - 1]`. */
  firstExchange?: number;
}

/** A field on which the sandbox and the upstream disagreed, counted (values as first seen; secrets by shape). */
export interface CountedDifference {
  path: string;
  outcome: 'differ' | 'missing' | 'extra';
  upstream?: unknown;
  sandbox?: unknown;
  count: number;
  /**
   * Other pairs of values seen on the same field (up to MAX_OTHER_VALUES, each counted; `count` covers them all), so a
   * 401 is not read as a second 404 when both differ from the sandbox's 200.
   */
  otherValues?: Array<{ upstream?: unknown; sandbox?: unknown; count: number }>;
  /** The exchange it was first seen in, numbered from 1 in arrival order: the HAR's `log.entries[firstExchange - 1]`. */
  firstExchange?: number;
}

/** How many other value pairs of one field a report keeps besides the first. */
export const MAX_OTHER_VALUES = 3;

export interface OperationDrift {
  /** The spec's operationId, or `METHOD /path` for a request that matched no operation. */
  operation: string;
  exchanges: number;
  /** Exchanges by the status the upstream answered (a proxy fault has none: see proxyFaults). */
  statuses: Record<string, number>;
  /**
   * Exchanges the upstream never answered (unreachable, timed out, too large, the proxy closing): counted in
   * `exchanges`, answered by the proxy's own 502/503/504, neither checked against the spec nor compared. Absent when 0.
   */
  proxyFaults?: number;
  violations: CountedViolation[];
  /**
   * A route the spec has no operation for (a vendor's sign-up beside its MFA routes): listed, not checked against the
   * spec nor compared with the sandbox, and no violation (the spec describes the MFA surface, not the whole API).
   */
  outsideSpec?: true;
  /** Present when the sandbox answered the same requests. */
  sandbox?: { agreeing: number; compared: number; score: number; differences: CountedDifference[] };
}

export interface DriftReport {
  surface: string;
  upstream: string;
  startedAt: string;
  exchanges: number;
  /** Exchanges with at least one spec violation. */
  exchangesWithViolations: number;
  violations: number;
  /** Requests the upstream never answered (unreachable, timed out, too large): the proxy's own faults. */
  proxyFaults: number;
  /** Exchanges on routes the spec has no operation for (see OperationDrift.outsideSpec). */
  outsideSpec: number;
  /** Fields agreeing over fields compared, over every exchange the sandbox also answered; absent without the sandbox. */
  score?: number;
  operations: OperationDrift[];
}

/** What one exchange contributes: the operation, the status, the violations and the sandbox comparison if any. */
export interface ExchangeFindings {
  /** Its place among the exchanges, from 1 in arrival order, as the HAR lists them (the count of exchanges so far if not given). */
  exchange?: number;
  operation: string;
  status: number;
  fromUpstream: boolean;
  violations: SpecViolation[];
  outsideSpec?: boolean;
  sandbox?: { agreeing: number; compared: number; differences: Array<Omit<CountedDifference, 'count' | 'firstExchange'>> };
}

const violationKey = (violation: SpecViolation) => `${violation.kind}\u0000${violation.pointer ?? ''}\u0000${violation.keyword ?? ''}`;
const differenceKey = (difference: Pick<CountedDifference, 'path' | 'outcome'>) => `${difference.path}\u0000${difference.outcome}`;

const valuesKey = (values: { upstream?: unknown; sandbox?: unknown }) => JSON.stringify([values.upstream, values.sandbox]);

/** One more exchange of a counted difference: counted, and its values kept if they are new (up to MAX_OTHER_VALUES). */
function countValues(counted: CountedDifference, seen: Omit<CountedDifference, 'count' | 'firstExchange'>): void {
  counted.count += 1;
  if (valuesKey(seen) === valuesKey(counted)) return;
  const other = counted.otherValues?.find((values) => valuesKey(values) === valuesKey(seen));
  if (other) other.count += 1;
  else if ((counted.otherValues?.length ?? 0) < MAX_OTHER_VALUES)
    (counted.otherValues ??= []).push({ upstream: seen.upstream, sandbox: seen.sandbox, count: 1 });
}

function countInto<T extends { count: number }, S>(list: T[], key: (item: S | T) => string, item: S, make: () => T): void {
  const found = list.find((existing) => key(existing) === key(item));
  if (found) found.count += 1;
  else list.push(make());
}

/**
 * A drift report that grows exchange by exchange.
 *
 * @example
 * const drift = createDriftReport('nest-auth', 'http://127.0.0.1:3000', new Date());
 * drift.add({ operation: 'getMfaStatus', status: 200, fromUpstream: true, violations: [] });
 * drift.report().operations[0] // { operation: 'getMfaStatus', exchanges: 1, statuses: { '200': 1 }, violations: [] }
 */
export function createDriftReport(surface: string, upstream: string, startedAt: Date) {
  const operations = new Map<string, OperationDrift>();
  const totals = { exchanges: 0, exchangesWithViolations: 0, violations: 0, proxyFaults: 0, outsideSpec: 0, agreeing: 0, compared: 0 };
  return {
    add(findings: ExchangeFindings): void {
      totals.exchanges += 1;
      const firstExchange = findings.exchange ?? totals.exchanges;
      let drift = operations.get(findings.operation);
      if (!drift) operations.set(findings.operation, (drift = { operation: findings.operation, exchanges: 0, statuses: {}, violations: [] }));
      drift.exchanges += 1;
      // Listed under its operation (where a reader of the report looks for it), but no status of the upstream's.
      if (!findings.fromUpstream) {
        totals.proxyFaults += 1;
        drift.proxyFaults = (drift.proxyFaults ?? 0) + 1;
        return;
      }
      drift.statuses[findings.status] = (drift.statuses[findings.status] ?? 0) + 1;
      if (findings.outsideSpec) {
        drift.outsideSpec = true;
        totals.outsideSpec += 1;
        return;
      }
      if (findings.violations.length > 0) totals.exchangesWithViolations += 1;
      totals.violations += findings.violations.length;
      for (const violation of findings.violations) {
        countInto(drift.violations, violationKey, violation, () => ({ ...violation, count: 1, firstExchange }));
      }
      if (findings.sandbox) {
        const sandbox = (drift.sandbox ??= { agreeing: 0, compared: 0, score: 1, differences: [] });
        sandbox.agreeing += findings.sandbox.agreeing;
        sandbox.compared += findings.sandbox.compared;
        sandbox.score = sandbox.compared === 0 ? 1 : sandbox.agreeing / sandbox.compared;
        totals.agreeing += findings.sandbox.agreeing;
        totals.compared += findings.sandbox.compared;
        for (const difference of findings.sandbox.differences) {
          const found = sandbox.differences.find((existing) => differenceKey(existing) === differenceKey(difference));
          if (found) countValues(found, difference);
          else sandbox.differences.push({ ...difference, count: 1, firstExchange });
        }
      }
    },
    report(): DriftReport {
      const { agreeing, compared, ...counts } = totals;
      return {
        surface,
        upstream,
        startedAt: startedAt.toISOString(),
        ...counts,
        ...(compared > 0 ? { score: agreeing / compared } : {}),
        operations: [...operations.values()].sort((a, b) => a.operation.localeCompare(b.operation)),
      };
    },
  };
}

/** Both values of a difference, or the one side that has the field. */
function toShownValues(difference: CountedDifference): string {
  if (difference.outcome === 'missing') return `upstream ${JSON.stringify(difference.upstream)}, absent from the sandbox's answer`;
  if (difference.outcome === 'extra') return `sandbox ${JSON.stringify(difference.sandbox)}, absent from the upstream's answer`;
  return `upstream ${JSON.stringify(difference.upstream)}, sandbox ${JSON.stringify(difference.sandbox)}`;
}

const percent = (score: number) => `${(score * 100).toFixed(1)}%`;
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * The report as terminal lines: one per operation, then its violations and differences indented, then the totals.
 *
 * @example
 * toDriftSummary(report) // ['getMfaStatus: 3 exchanges (200 x3), 1 violation', '  schema /isEnabled required (x3): ...', ...]
 */
export function toDriftSummary(report: DriftReport): string[] {
  const lines: string[] = [];
  for (const drift of report.operations) {
    const statuses = [
      ...Object.entries(drift.statuses).map(([status, count]) => `${status} x${count}`),
      ...(drift.proxyFaults ? [`not answered by the upstream x${drift.proxyFaults}`] : []),
    ].join(', ');
    const violations = drift.violations.reduce((sum, violation) => sum + violation.count, 0);
    const sandbox = drift.sandbox ? `; sandbox agrees on ${drift.sandbox.agreeing}/${drift.sandbox.compared} fields (${percent(drift.sandbox.score)})` : '';
    if (drift.outsideSpec) {
      lines.push(`${drift.operation}: ${counted(drift.exchanges, 'exchange')} (${statuses}), outside the spec (not checked)`);
      continue;
    }
    lines.push(
      `${drift.operation}: ${drift.exchanges} exchange${drift.exchanges === 1 ? '' : 's'} (${statuses}), ${violations} spec violation${violations === 1 ? '' : 's'}${sandbox}`,
    );
    for (const violation of drift.violations) lines.push(`  violation (x${violation.count}): ${violation.message}`);
    for (const difference of drift.sandbox?.differences ?? []) {
      const others = (difference.otherValues ?? []).map((values) => `; also ${toShownValues({ ...difference, ...values })} (x${values.count})`);
      // With other pairs, the count is the field's, not the first pair's: said so (x3 read as three of the first pair).
      const count = others.length > 0 ? `x${difference.count} in all` : `x${difference.count}`;
      lines.push(`  ${difference.outcome} ${difference.path} (${count}): ${toShownValues(difference)}${others.join('')}`);
    }
  }
  const score = report.score === undefined ? '' : `; sandbox score ${percent(report.score)}`;
  const where = report.violations === 0 ? '' : ` in ${report.exchangesWithViolations} of them`;
  const outside = report.outsideSpec === 0 ? '' : `, ${report.outsideSpec} outside the spec`;
  lines.push(
    `mfa-sandbox proxy: ${counted(report.exchanges, 'exchange')}, ${counted(report.violations, 'spec violation')}${where}${outside}, ${report.proxyFaults} not answered by the upstream${score}`,
  );
  return lines;
}
