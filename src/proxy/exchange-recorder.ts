import type { ExchangeChecker, OperationMatcher, SpecViolation } from '../conformance/check-exchange-against-spec.js';
import type { JsonSchema } from '../openapi/openapi-types.js';
import { headerValue, isTextual, toDecodedBody } from './decoded-body.js';
import { createDriftReport, type DriftReport, type ExchangeFindings } from './drift-report.js';
import type { HeaderLines } from './forward-to-upstream.js';
import { toHarEntry, toHarLog, type HarEntry, type HarLog } from './har-log.js';
import type { ProxiedExchange } from './proxy-server.js';

/** How the sandbox answered the same request, compared with the upstream's answer (see sandbox-twin.ts). */
export type SandboxComparer = (
  exchange: ProxiedExchange,
  upstream: { operationId: string; body: unknown; schema: JsonSchema | undefined },
) => Promise<ExchangeFindings['sandbox']>;

export interface ExchangeRecorderOptions {
  surface: string;
  upstream: URL;
  check: ExchangeChecker;
  /** Names the operation of an exchange the upstream never answered (nothing of it to check). */
  operationOf: OperationMatcher;
  /** Compare each matched exchange with the sandbox's answer to the same request; absent: no comparison. */
  compareWithSandbox?: SandboxComparer | undefined;
  /** Called with one line per violation as it is found (the terminal). */
  onViolation(line: string): void;
  /**
   * Called with one line the first time the upstream leaves a request unanswered for a reason (unreachable, timed out,
   * ...): an upstream down from the start was silent until the summary. Later ones are counted there.
   */
  onFirstProxyFault?(line: string): void;
  now(): Date;
}

/** A body as the spec check reads it: parsed JSON when it is JSON, its text otherwise, undefined when empty. */
export function toCheckedBody(body: Buffer, headers: HeaderLines): unknown {
  if (body.length === 0) return undefined;
  const contentType = headerValue(headers, 'content-type');
  if (!isTextual(contentType)) return body.toString('base64');
  const text = toDecodedBody(body, headers).toString('utf8');
  if (contentType === undefined || /json/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

const toHeaderRecord = (headers: HeaderLines): Record<string, string> => Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]));

/** One terminal line per violation: `GET /auth/mfa/status -> 200 (getMfaStatus): /isEnabled must be boolean [type]`. */
function describeViolation(exchange: ProxiedExchange, operationId: string | undefined, violation: SpecViolation): string {
  const { request, response } = exchange;
  const operation = operationId === undefined ? '' : ` (${operationId})`;
  const keyword = violation.keyword === undefined ? '' : ` [${violation.keyword}]`;
  return `${request.method} ${request.target.split('?')[0]} -> ${response.status}${operation}: ${violation.message}${keyword}`;
}

/**
 * Everything the proxy keeps about its exchanges: each is checked against the spec (violations reported as found),
 * optionally compared with the sandbox's answer, and kept as a redacted HAR entry and in the drift report. Exchanges
 * are processed one after another, in arrival order, so the HAR and the counts never interleave.
 *
 * @example
 * const recorder = createExchangeRecorder({ surface: 'nest-auth', upstream, check, operationOf, onViolation: console.log, now: () => new Date() });
 * recorder.record(exchange); await recorder.settled(); recorder.har() // { log: { version: '1.2', entries: [...] } }
 */
export function createExchangeRecorder(options: ExchangeRecorderOptions) {
  const entries: HarEntry[] = [];
  const drift = createDriftReport(options.surface, options.upstream.href.replace(/\/$/, ''), options.now());
  let queue: Promise<void> = Promise.resolve();
  let changes = 0;

  const faultsSeen = new Set<string>();
  /** The first unanswered request of each kind, said as it happens (the proxy's problem+json names the kind). */
  function noteProxyFault({ request, response }: ProxiedExchange): void {
    const problem = toCheckedBody(response.body, response.headers) as { code?: unknown; detail?: unknown } | undefined;
    const code = typeof problem?.code === 'string' ? problem.code : String(response.status);
    if (faultsSeen.has(code)) return;
    faultsSeen.add(code);
    const detail = typeof problem?.detail === 'string' ? `: ${problem.detail}` : '';
    options.onFirstProxyFault?.(
      `${request.method} ${request.target.split('?')[0]} -> ${response.status} ${code}${detail} (the client got this; further ones are counted in the summary)`,
    );
  }

  async function process(exchange: ProxiedExchange): Promise<void> {
    const { request, response } = exchange;
    const path = request.target;
    // The HAR entry this exchange becomes (1-based), which the drift report names where a difference was first seen.
    const place = entries.length + 1;
    if (!exchange.fromUpstream) {
      noteProxyFault(exchange);
      entries.push(toHarEntry(exchange));
      const operation = options.operationOf({ method: request.method, path }) ?? `${request.method} ${path.split('?')[0]}`;
      drift.add({ exchange: place, operation, status: response.status, fromUpstream: false, violations: [] });
      return;
    }
    const body = toCheckedBody(response.body, response.headers);
    const checked = options.check(
      { method: request.method, path, headers: toHeaderRecord(request.headers) },
      { status: response.status, headers: toHeaderRecord(response.headers), body },
    );
    const operation = checked.operationId ?? `${request.method} ${path.split('?')[0]}`;
    // A route the spec does not describe at all is outside it, not a violation (see OperationDrift.outsideSpec).
    if (checked.operationId === undefined && checked.violations.every((violation) => violation.kind === 'unknown-operation')) {
      drift.add({ exchange: place, operation, status: response.status, fromUpstream: true, violations: [], outsideSpec: true });
      entries.push(toHarEntry(exchange, { _outsideSpec: true }));
      return;
    }
    for (const violation of checked.violations) options.onViolation(describeViolation(exchange, checked.operationId, violation));
    const sandbox =
      checked.operationId && options.compareWithSandbox
        ? await options.compareWithSandbox(exchange, { operationId: checked.operationId, body, schema: checked.responseSchema })
        : undefined;
    drift.add({ exchange: place, operation, status: response.status, fromUpstream: true, violations: checked.violations, ...(sandbox ? { sandbox } : {}) });
    entries.push(
      toHarEntry(exchange, {
        ...(checked.operationId ? { _operationId: checked.operationId } : {}),
        // What the sandbox answered differently to this very request (its values shown as in the drift report).
        ...(sandbox && sandbox.differences.length > 0 ? { _sandboxDifferences: sandbox.differences } : {}),
        ...(checked.violations.length > 0
          ? {
              _violations: checked.violations.map((violation) => ({
                kind: violation.kind,
                pointer: violation.pointer ?? '',
                keyword: violation.keyword ?? '',
                message: violation.message,
              })),
            }
          : {}),
      }),
    );
  }

  return {
    /** Queue an exchange; never throws (a failure to check one is reported as a line, and the proxy goes on). */
    record(exchange: ProxiedExchange): void {
      queue = queue
        .then(() => process(exchange))
        .catch((error: unknown) => options.onViolation(`could not check ${exchange.request.method} ${exchange.request.target.split('?')[0]}: ${String(error)}`))
        .then(() => {
          changes += 1;
        });
    },
    /** Resolves once every exchange recorded so far is processed. */
    settled: (): Promise<void> => queue,
    /** How many exchanges have been processed: a writer compares it to know whether anything changed. */
    changes: () => changes,
    har: (creatorVersion: string): HarLog => toHarLog(entries, creatorVersion),
    report: (): DriftReport => drift.report(),
  };
}
