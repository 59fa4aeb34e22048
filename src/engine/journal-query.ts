import { SANDBOX_ERRORS, SandboxError } from '../errors.js';
import { toDidYouMean, toDidYouMeanOrList } from './edit-distance.js';
import { FAULT_KINDS, isFaultKind, isGatewayFault, toGatewayStatus, type FaultKind } from './injected-faults.js';
import type { JournalEntry } from './journal.js';
import { parseIsoTime } from './iso-time.js';
import { containsJson } from './json-contains.js';
import { toQuotedBooleanHint, toQuotedNumberHint, toReceivedValue } from './quoted-number.js';

/** Which journal entries to keep: every given field must match; times are inclusive bounds. */
export interface JournalFilter {
  surface?: string;
  operationId?: string;
  /**
   * The status the client got: an entry whose client went away before its answer (`clientGone`), or whose connection
   * was dropped or reset by an injected fault, has none; one a gateway fault answered has the gateway's 502, 503 or 504.
   */
  status?: number;
  scenario?: string;
  /** Entries at or after this time: ISO 8601 text or epoch milliseconds (in-process, a `Date` too). */
  since?: string | number | Date;
  /** Entries at or before this time: ISO 8601 text or epoch milliseconds (in-process, a `Date` too). */
  until?: string | number | Date;
  /** The HTTP method, in any case (`HEAD` requests are journalled under their GET operation: this tells them apart). */
  method?: string;
  /**
   * The path as sent, without the query string (`/flashback/mfa/status`; a `/s/<session>` prefix is not part of it),
   * in any letter case (see pathMatches); a trailing `*` matches every path that starts with what comes before it
   * (`/flashback/mfa/*`).
   */
  path?: string;
  /**
   * The request's JSON body contains this: every field given equals the body's (objects compared field by field,
   * recursively; arrays and other values whole). In a query string, JSON text.
   */
  requestBody?: unknown;
  /**
   * Whether the sandbox answered with its own fault instead of the vendor's answer: `false` keeps the vendor's answers
   * only (a `status: 400` then counts no 400 the sandbox sent for a bad `Prefer`), `true` the sandbox's faults only,
   * a code (`MOCK_ERR_BAD_PREFER_HEADER`) that fault only. In a query string, `true`, `false` or the code.
   */
  sandboxError?: boolean | string;
  /**
   * The id of the user the request acted as or on (the entry's `user`): `usr_bob` keeps Bob's requests, so "Bob, not
   * Ada, verified once" is one expectation.
   */
  user?: string;
  /** The fault the sandbox injected into the answer (the entry's `fault`): `slow-body` keeps the answers sent slowly. */
  fault?: FaultKind;
}

/**
 * A call-count expectation on the entries a filter keeps: exactly `count`, or at least `atLeast` and/or at most
 * `atMost` (both together make a range).
 */
export interface JournalExpectation extends JournalFilter {
  count?: number;
  atLeast?: number;
  atMost?: number;
}

/** How one expectation fared: the entries it counted, and whether the count holds. */
export interface JournalVerification {
  expectation: JournalExpectation;
  holds: boolean;
  /** The number of matching entries. */
  actual: number;
  /** The newest VERIFY_ENTRIES_SHOWN of the matching entries, oldest first. */
  entries: JournalEntry[];
  /** How many older matching entries `entries` leaves out (counted in `actual`); absent when it lists them all. */
  entriesOmitted?: number;
  /**
   * Set when the journal dropped older requests (it keeps only the newest) and they could change the verdict: the
   * expectation then does not hold, whatever `actual` says, and the failure says why.
   */
  incomplete?: true;
}

const FILTER_FIELDS = [
  'surface',
  'operationId',
  'status',
  'scenario',
  'since',
  'until',
  'method',
  'path',
  'requestBody',
  'sandboxError',
  'user',
  'fault',
] as const;
const COUNT_FIELDS = ['count', 'atLeast', 'atMost'] as const;
/** A date (its UTC midnight) or a date-time with its zone: without one, `Date.parse` reads the server's local time. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const ZONELESS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

function badRequest(pointer: string, reason: string): SandboxError {
  return new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', pointer ? `${pointer}: ${reason}` : reason, { pointer, reason });
}

/** A time bound as epoch ms: digits are epoch milliseconds, anything else must be ISO 8601 (`2026-01-01T10:00:00Z`). */
function toTimeMs(value: unknown, pointer: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  // A test's `new Date()` (it was refused as "not an ISO 8601 time", quoting the ISO text JSON.stringify makes of it).
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  const ms = typeof value === 'string' && ISO_TIME.test(value) ? parseIsoTime(value) : Number.NaN;
  if (!Number.isNaN(ms)) return ms;
  // An entry's `at` copied without its Z matched on a UTC laptop and found nothing in a container with TZ set (a QA tour).
  if (typeof value === 'string' && ZONELESS_TIME.test(value)) {
    throw badRequest(
      pointer,
      `has no time zone: add Z for UTC, as the journal's times are written (${JSON.stringify(`${value}Z`)}), got ${JSON.stringify(value)}`,
    );
  }
  throw badRequest(pointer, `must be an ISO 8601 time or epoch milliseconds, got ${JSON.stringify(value)}`);
}

/** A status: a number, or in a query string its digits (in JSON, `"500"` is text, refused as `count: "2"` is). */
function toStatus(value: unknown, pointer: string, fromQuery: boolean): number {
  const status = fromQuery && typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  if (Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599) return status as number;
  throw badRequest(pointer, `must be an HTTP status (100-599), got ${JSON.stringify(value)}${fromQuery ? '' : toQuotedNumberHint(value)}`);
}

/**
 * The methods a request can have: those Node's HTTP parser reads (any other is refused before it is journalled), so
 * a misspelt one (`GTE`) is refused instead of counting no request, and an expectation of "never called" holding.
 */
const HTTP_METHODS = [
  ...['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'QUERY', 'ACL', 'BIND', 'CHECKOUT', 'COPY', 'LINK'],
  ...['LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'PROPFIND', 'PROPPATCH', 'PURGE'],
  ...['REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'],
];

function toMethod(value: unknown, pointer: string): string {
  const method = typeof value === 'string' ? value.toUpperCase() : undefined;
  if (method !== undefined && HTTP_METHODS.includes(method)) return method;
  const meant = method === undefined ? '' : toDidYouMean(method, HTTP_METHODS.slice(0, 7));
  throw badRequest(pointer, `must be an HTTP method (GET, POST, ...), got ${JSON.stringify(value)}${meant}`);
}

function toPath(value: unknown, pointer: string): string {
  // Only a trailing `*` matches any rest: one inside (`/v1/users/*/mfa`) matched nothing, and "never called" held.
  if (typeof value === 'string' && value.startsWith('/') && !value.includes('?') && !value.slice(0, -1).includes('*')) return value;
  throw badRequest(
    pointer,
    `must be a path starting with /, without a query string or a * before its end (a trailing * matches any rest), got ${JSON.stringify(value)}`,
  );
}

/** A body to look for: JSON (a query string's text is parsed). */
function toRequestBody(value: unknown, pointer: string, fromText: boolean): unknown {
  if (typeof value !== 'string') return value;
  // In a JSON body, JSON text (the query string's form, copied) would match only a request whose body is that string.
  if (!fromText) {
    if (/^\s*[[{]/.test(value) && isJsonText(value))
      throw badRequest(pointer, `is JSON text: in a JSON body, give the value itself ({"requestBody": ${value.trim()}}), not a string of it`);
    return value;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(pointer, `must be JSON text in a query string (e.g. {"mfaType":"GOOGLE_AUTH"}), got ${JSON.stringify(value)}`);
  }
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const SANDBOX_ERROR_CODES = Object.keys(SANDBOX_ERRORS);

function toSandboxErrorFilter(value: unknown, pointer: string, fromQuery: boolean): boolean | string {
  if (typeof value === 'boolean') return value;
  if (fromQuery && (value === 'true' || value === 'false')) return value === 'true';
  if (value === 'true' || value === 'false')
    throw badRequest(pointer, `must be true, false or a sandbox error code (MOCK_ERR_...), got ${JSON.stringify(value)}${toQuotedBooleanHint(value)}`);
  if (typeof value === 'string' && SANDBOX_ERROR_CODES.includes(value)) return value;
  const meant = typeof value === 'string' ? toDidYouMean(value, SANDBOX_ERROR_CODES) : '';
  throw badRequest(pointer, `must be true, false or a sandbox error code (MOCK_ERR_...), got ${JSON.stringify(value)}${meant}`);
}

function toFaultFilter(value: unknown, pointer: string): FaultKind {
  if (typeof value === 'string' && isFaultKind(value)) return value;
  const meant = typeof value === 'string' ? toDidYouMean(value, FAULT_KINDS) : '';
  throw badRequest(pointer, `must be an injected fault (${FAULT_KINDS.join(', ')}), got ${JSON.stringify(value)}${meant}`);
}

function toText(value: unknown, pointer: string): string {
  if (typeof value === 'string' && value.length > 0) return value;
  throw badRequest(pointer, `must be a non-empty string, got ${JSON.stringify(value)}`);
}

/** What a journal filter may name: each served surface's operation ids, and the scenarios of any surface. */
export interface JournalVocabulary {
  operationIds: ReadonlyMap<string, readonly string[]>;
  scenarios: ReadonlySet<string>;
  /** Each served surface's paths as its spec writes them (`/v1/users/{id}/mfa`), when a filter's path is to be checked. */
  paths?: ReadonlyMap<string, readonly string[]>;
  /**
   * The path each surface is served under (`/flashback`; `''` for a server of one surface; an MSW base URL's path,
   * `/v2/flashback`). Without it, a path is checked for its end only (a spec path under any prefix).
   */
  prefixes?: ReadonlyMap<string, string>;
}

/** A spec path's segment (`users`, `{id}`, `{type}-setup`) as a pattern of the text a request has there. */
function toSegmentPattern(segment: string): string {
  return segment
    .split(/\{[^}]*\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
}

/**
 * Whether a request path is the spec path `served` (its prefix and spec path), or only ends with it (`exact` false),
 * in any letter case, as `pathMatches` compares them: a filter naming the path a client sent (`/nest-auth/Auth/MFA/Status`)
 * counts the requests it finds.
 */
function isPathOf(served: string, path: string, exact: boolean): boolean {
  return new RegExp(`${exact ? '^' : ''}${served.split('/').map(toSegmentPattern).join('/')}$`, 'i').test(path);
}

/** Whether some request path of `served` could start with `start` (a filter's path before its trailing `*`). */
function couldStartWith(served: string, start: string): boolean {
  const wanted = start.toLowerCase().split('/');
  const segments = served.toLowerCase().split('/');
  if (wanted.length > segments.length) return false;
  return wanted.every((text, index) => {
    const segment = segments[index]!;
    // The last, partial segment: the start of a literal segment, or any text where a parameter is.
    if (index === wanted.length - 1) return segment.includes('{') || segment.startsWith(text);
    return new RegExp(`^${toSegmentPattern(segment)}$`).test(text);
  });
}

/**
 * A path no request of a served operation could have: a misspelt surface prefix (`/flashbak/mfa/status`) or operation
 * path (`/flashback/mfa/stauts`) counted no entry, and an expectation of "never called" held for it. A path ending in
 * `*` (any rest) must be the start of some operation's path; a request to no operation is not journalled, so none
 * could count.
 */
function checkPath(path: string, pointer: string, vocabulary: JournalVocabulary): void {
  const { paths, prefixes } = vocabulary;
  if (!paths) return;
  const served = [...paths].flatMap(([surface, specPaths]) => specPaths.map((specPath) => `${prefixes?.get(surface) ?? ''}${specPath}`));
  const wildcard = path.endsWith('*');
  if (wildcard && (!prefixes || served.some((full) => couldStartWith(full, path.slice(0, -1))))) return;
  if (!wildcard && served.some((full) => isPathOf(full, path, prefixes !== undefined))) return;
  const meant = prefixes ? toDidYouMean(path.replace(/\*$/, ''), served) : '';
  throw badRequest(
    pointer,
    `no operation of the surfaces served here has ${wildcard ? 'a path starting' : 'the path'} "${path.replace(/\*$/, '')}"${meant} ` +
      '(the journal keeps requests to the operations of the specs only; GET /__admin/surfaces lists them)',
  );
}

/**
 * A surface, operation id or scenario that nothing served has: a typo (`getMFAstatus` for `getMFAStatus`) would
 * otherwise keep no entry, and an expectation of "never called" would hold for it.
 */
function checkNames(filter: JournalFilter, pointerBase: string, vocabulary: JournalVocabulary): void {
  const { operationIds: bySurface, scenarios } = vocabulary;
  if (filter.path !== undefined) checkPath(filter.path, `${pointerBase}/path`, vocabulary);
  if (filter.surface !== undefined && !bySurface.has(filter.surface)) {
    const served = [...bySurface.keys()];
    throw badRequest(
      `${pointerBase}/surface`,
      `no surface "${filter.surface}" is served here${toDidYouMean(filter.surface, served)} (surfaces: ${served.join(', ')})`,
    );
  }
  if (filter.scenario !== undefined && !scenarios.has(filter.scenario)) {
    throw badRequest(
      `${pointerBase}/scenario`,
      `no surface has a scenario "${filter.scenario}"${toDidYouMean(filter.scenario, scenarios)} (scenarios: ${[...scenarios].sort().join(', ')})`,
    );
  }
  if (filter.operationId === undefined) return;
  const surfaces = filter.surface === undefined ? [...bySurface.keys()] : [filter.surface];
  const operationIds = surfaces.flatMap((surface) => bySurface.get(surface) ?? []);
  if (operationIds.includes(filter.operationId)) return;
  const where = filter.surface === undefined ? 'on any surface' : `on ${filter.surface}`;
  // As the override check suggests: up to two letters off, in any case (an SDK method named one letter apart).
  const meant = toDidYouMeanOrList(
    filter.operationId,
    operationIds,
    filter.surface === undefined ? 'the operations served' : `${filter.surface}'s operations`,
    ' (GET /__admin/surfaces lists every operation)',
  );
  throw badRequest(`${pointerBase}/operationId`, `no operation "${filter.operationId}" ${where}${meant}`);
}

/**
 * An unknown field, with the one it may have meant among every field the place takes: the filters and, where they
 * are taken, the others (`limit` on the journal's query, `count`, `atLeast` and `atMost` in an expectation).
 */
function unknownField(key: string, pointer: string, allowed: readonly string[]): Error {
  const known = [...FILTER_FIELDS, ...allowed];
  const others = allowed.length === 0 ? '' : `; also ${allowed.join(', ')}`;
  return badRequest(pointer, `unknown field "${key}"${toDidYouMean(key, known)} (filters: ${FILTER_FIELDS.join(', ')}${others})`);
}

/**
 * A filter from query parameters or a JSON object, checked: a malformed value, an unknown field, or (given the
 * `vocabulary`) a surface, operation id or scenario nothing served has is a 400 `MOCK_ERR_BAD_ADMIN_REQUEST` naming it
 * (`pointer`, `reason`). `allowed` lists extra fields the caller reads itself.
 *
 * @example
 * toJournalFilter({ operationId: 'verifyMFALogin', status: 401, since: '2026-01-01T00:00:00Z' })
 * // { operationId: 'verifyMFALogin', status: 401, since: '2026-01-01T00:00:00Z' }
 * toJournalFilter({ status: '401' }, '', [], undefined, true) // { status: 401 }: a query string's text
 */
export function toJournalFilter(
  raw: Record<string, unknown>,
  pointerBase = '',
  allowed: readonly string[] = [],
  vocabulary?: JournalVocabulary,
  fromQuery = false,
): JournalFilter {
  const filter: JournalFilter = {};
  for (const [key, value] of Object.entries(raw)) {
    const pointer = `${pointerBase}/${key}`;
    if (value === undefined || allowed.includes(key)) continue;
    if (Array.isArray(value)) throw badRequest(pointer, 'give it once');
    if (key === 'surface' || key === 'operationId' || key === 'scenario' || key === 'user') filter[key] = toText(value, pointer);
    else if (key === 'status') filter.status = toStatus(value, pointer, fromQuery);
    else if (key === 'method') filter.method = toMethod(value, pointer);
    else if (key === 'path') filter.path = toPath(value, pointer);
    else if (key === 'requestBody') filter.requestBody = toRequestBody(value, pointer, fromQuery);
    else if (key === 'sandboxError') filter.sandboxError = toSandboxErrorFilter(value, pointer, fromQuery);
    else if (key === 'fault') filter.fault = toFaultFilter(value, pointer);
    else if (key === 'since' || key === 'until') {
      toTimeMs(value, pointer);
      // Epoch digits sent as text (a query string) are kept as the number they mean.
      filter[key] = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number);
    } else throw unknownField(key, pointer, allowed);
  }
  if (filter.since !== undefined && filter.until !== undefined && toTimeMs(filter.since, '') > toTimeMs(filter.until, '')) {
    throw badRequest(`${pointerBase}/since`, 'is after until');
  }
  if (vocabulary) checkNames(filter, pointerBase, vocabulary);
  return filter;
}

/**
 * The status the client got: none when it left before the answer or the sandbox closed or reset the connection
 * instead of answering; a gateway fault's 502, 503 or 504 in place of the operation's (injected faults). A slow body's
 * client that left had the status and headers already (sent at once): only the rest of the body was lost.
 */
function receivedStatusOf(entry: JournalEntry): number | undefined {
  if (entry.clientGone && entry.fault !== 'slow-body') return undefined;
  if (entry.fault === 'drop-connection' || entry.fault === 'connection-reset') return undefined;
  return isGatewayFault(entry.fault) ? toGatewayStatus(entry.fault) : entry.status;
}

/**
 * The entries a filter keeps, in journal order.
 *
 * @example
 * filterJournal(entries, { operationId: 'verifyMFALogin', status: 401 }).length // 2
 */
export function filterJournal(entries: readonly JournalEntry[], filter: JournalFilter): JournalEntry[] {
  const sinceMs = filter.since === undefined ? undefined : toTimeMs(filter.since, '/since');
  const untilMs = filter.until === undefined ? undefined : toTimeMs(filter.until, '/until');
  return entries.filter((entry) => {
    if (filter.surface !== undefined && entry.surface !== filter.surface) return false;
    if (filter.operationId !== undefined && entry.operationId !== filter.operationId) return false;
    // A status is what the client got (receivedStatusOf): a gateway fault's in place of the operation's, none where
    // the client left first or the sandbox dropped or reset the connection.
    if (filter.status !== undefined && receivedStatusOf(entry) !== filter.status) return false;
    if (filter.scenario !== undefined && entry.scenario !== filter.scenario) return false;
    if (filter.method !== undefined && entry.method.toUpperCase() !== filter.method.toUpperCase()) return false;
    if (filter.path !== undefined && !pathMatches(entry.url, filter.path)) return false;
    if (filter.requestBody !== undefined && !containsJson(entry.requestBody, filter.requestBody)) return false;
    if (filter.sandboxError !== undefined && !sandboxErrorMatches(entry, filter.sandboxError)) return false;
    if (filter.user !== undefined && entry.user !== filter.user) return false;
    if (filter.fault !== undefined && entry.fault !== filter.fault) return false;
    if (sinceMs === undefined && untilMs === undefined) return true;
    const atMs = Date.parse(entry.at);
    return (sinceMs === undefined || atMs >= sinceMs) && (untilMs === undefined || atMs <= untilMs);
  });
}

function sandboxErrorMatches(entry: JournalEntry, wanted: boolean | string): boolean {
  return typeof wanted === 'string' ? entry.sandboxError === wanted : (entry.sandboxError !== undefined) === wanted;
}

/**
 * The entry's path (its URL without query string or `/s/<session>` prefix, with its `/scenario/<name>` if any) is
 * `wanted`, or starts with it before a `*`, in any letter case: the journal holds requests that reached an operation,
 * and the only ones whose path differs from their spec's in letter case are nest-auth's (2.11.1's Express routes
 * `/Auth/MFA/Status` as `/auth/mfa/status`) and ids that are UUIDs (Lerian's user, nest-auth's device), whose letter
 * case means nothing. So the spec's path, which a filter is checked against, counts every request its route took.
 */
function pathMatches(url: string, wanted: string): boolean {
  let path = url.split('?', 1)[0]!;
  if (path.startsWith('/s/')) {
    const rest = path.indexOf('/', 3);
    path = rest === -1 ? '/' : path.slice(rest);
    const scenario = /^\/scenario\/[^/]+(?=\/|$)/.exec(path);
    if (scenario) path = path.slice(scenario[0].length) || '/';
  }
  const [sent, asked] = [path.toLowerCase(), wanted.toLowerCase()];
  return asked.endsWith('*') ? sent.startsWith(asked.slice(0, -1)) : sent === asked;
}

function toCount(value: unknown, pointer: string): number {
  if (Number.isSafeInteger(value) && (value as number) >= 0) return value as number;
  throw badRequest(pointer, `must be a non-negative integer, got ${toReceivedValue(value)}`);
}

/**
 * Expectations as posted (one object or a list), checked: each has `count`, or `atLeast` and/or `atMost` (a range,
 * `atLeast <= atMost`), plus optional filters (checked against `vocabulary` as toJournalFilter does). Anything else
 * is a 400 naming the JSON pointer of the problem.
 *
 * @example
 * toJournalExpectations({ operationId: 'verifyMFALogin', count: 1 }) // [{ operationId: 'verifyMFALogin', count: 1 }]
 */
export function toJournalExpectations(raw: unknown, vocabulary?: JournalVocabulary): JournalExpectation[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw badRequest('', 'give at least one expectation');
  if (list.length > MAX_EXPECTATIONS)
    throw badRequest('', `at most ${MAX_EXPECTATIONS} expectations in one verification, got ${list.length}: verify them in parts`);
  return list.map((item, index) => {
    const base = Array.isArray(raw) ? `/${index}` : '';
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw badRequest(base, 'an expectation is an object: {"operationId"?: ..., "count" | "atLeast" | "atMost": n}');
    }
    const fields = item as Record<string, unknown>;
    const expectation: JournalExpectation = toJournalFilter(fields, base, COUNT_FIELDS, vocabulary);
    if (vocabulary) checkOneSurface(expectation, base, vocabulary);
    for (const key of COUNT_FIELDS) if (fields[key] !== undefined) expectation[key] = toCount(fields[key], `${base}/${key}`);
    const { count, atLeast, atMost } = expectation;
    if (count === undefined && atLeast === undefined && atMost === undefined)
      throw badRequest(base, 'give one of count, atLeast, atMost (or atLeast with atMost)');
    if (count !== undefined && (atLeast !== undefined || atMost !== undefined)) throw badRequest(`${base}/count`, 'give count alone, or atLeast and/or atMost');
    if (atLeast !== undefined && atMost !== undefined && atLeast > atMost) throw badRequest(`${base}/atLeast`, `is greater than atMost (${atMost})`);
    return expectation;
  });
}

/**
 * An operation id two surfaces share (`getMfaStatus`: nest-auth and Lerian) counts the calls of both: a count meant for
 * one would fail, or pass, on the other's calls. As an override does, such an expectation names its surface.
 */
function checkOneSurface(expectation: JournalExpectation, base: string, vocabulary: JournalVocabulary): void {
  if (expectation.operationId === undefined || expectation.surface !== undefined) return;
  const surfaces = [...vocabulary.operationIds].filter(([, ids]) => ids.includes(expectation.operationId!)).map(([surface]) => surface);
  if (surfaces.length < 2) return;
  throw badRequest(`${base}/surface`, `"${expectation.operationId}" is an operation of ${surfaces.join(' and ')}: name the surface it counts`);
}

/** Does a number of calls meet the expectation? */
function holds(expectation: JournalExpectation, actual: number): boolean {
  if (expectation.count !== undefined) return actual === expectation.count;
  return (expectation.atLeast === undefined || actual >= expectation.atLeast) && (expectation.atMost === undefined || actual <= expectation.atMost);
}

/**
 * Whether a count over a journal that may have lost its oldest entries still decides the expectation: those entries
 * could only add matches (so the true count is `actual` or more), and none of them is at or after `since` when the
 * oldest entry kept is before it.
 */
function decidedDespiteDroppedEntries(expectation: JournalExpectation, actual: number, oldestKept: JournalEntry | undefined): boolean {
  const since = expectation.since === undefined ? undefined : toTimeMs(expectation.since, '/since');
  if (since !== undefined && oldestKept !== undefined && Date.parse(oldestKept.at) < since) return true;
  const upper = expectation.count ?? expectation.atMost;
  if (upper !== undefined) return actual > upper; // too many already, whatever came before
  return actual >= (expectation.atLeast ?? 0); // enough already, whatever came before
}

/**
 * How many expectations one verification takes, and how many of the entries each counted it lists (the newest): each
 * result listed every entry it counted, so a 4.5 KB list of 320 expectations over a journal of large bodies made an
 * answer longer than a JavaScript string may be (a 500), and 12,000 small ones an answer of 414 MB.
 */
export const MAX_EXPECTATIONS = 100;
export const VERIFY_ENTRIES_SHOWN = 10;

/**
 * Check each expectation against the journal: the entries it counts, and whether the count holds. When the journal let
 * go of older entries (`dropped`: known for the memory store, assumed of a full one otherwise), an expectation they
 * could decide otherwise does not hold, and is marked `incomplete`, rather than pass on a count that may be short.
 *
 * @example
 * verifyJournal(entries, [{ operationId: 'verifyMFALogin', count: 1 }]) // [{ holds: false, actual: 2, entries: [...], ... }]
 */
export function verifyJournal(entries: readonly JournalEntry[], expectations: readonly JournalExpectation[], dropped = false): JournalVerification[] {
  return expectations.map((expectation) => {
    const matching = filterJournal(entries, expectation);
    const actual = matching.length;
    const shown =
      actual > VERIFY_ENTRIES_SHOWN ? { entries: matching.slice(-VERIFY_ENTRIES_SHOWN), entriesOmitted: actual - VERIFY_ENTRIES_SHOWN } : { entries: matching };
    if (dropped && !decidedDespiteDroppedEntries(expectation, actual, entries[0])) return { expectation, holds: false, actual, ...shown, incomplete: true };
    return { expectation, holds: holds(expectation, actual), actual, ...shown };
  });
}

/** Why an incomplete verification cannot be decided, and what to do about it. */
export function toIncompleteJournalNote(journalSize: number): string {
  return (
    `the journal keeps only the newest ${journalSize} requests of a session and older ones were dropped, so a count over it may be short; ` +
    'verify in a fresh session per test, or keep more (serve --journal-size, createSandbox({ journalSize }), createMfaHandlers({ journalSize }))'
  );
}

/** "verifyMFALogin (status 401) exactly 1 time(s)": an expectation in words, for failure messages. */
export function describeExpectation(expectation: JournalExpectation): string {
  const filters = FILTER_FIELDS.filter((key) => key !== 'operationId' && expectation[key] !== undefined).map(
    (key) => `${key} ${key === 'requestBody' ? JSON.stringify(expectation[key]) : String(expectation[key])}`,
  );
  const what = `${expectation.operationId ?? 'any operation'}${filters.length ? ` (${filters.join(', ')})` : ''}`;
  if (expectation.count !== undefined) return `${what} exactly ${expectation.count} time(s)`;
  const bounds = [
    expectation.atLeast !== undefined ? `at least ${expectation.atLeast}` : '',
    expectation.atMost !== undefined ? `at most ${expectation.atMost}` : '',
  ];
  return `${what} ${bounds.filter(Boolean).join(' and ')} time(s)`;
}
