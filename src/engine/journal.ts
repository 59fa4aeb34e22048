import type { Explanation } from './explanation.js';
import type { FaultKind } from './injected-faults.js';
import { toJournalBody } from './journal-body.js';
import type { OverrideMiss } from './override-misses.js';

/**
 * Where a request's session came from, strongest first: the URL's `/s/<session>/` prefix, the `X-Mock-Session`
 * header, the `mock-session` entry of a W3C `baggage` header, the `mfa-sandbox-session` cookie, or none (`default`).
 */
export type SessionSource = 'path' | 'header' | 'baggage' | 'cookie' | 'default';

/** One request as the journal shows it (for QA: "what did my frontend actually send?"). */
export interface JournalEntry {
  at: string;
  method: string;
  url: string;
  surface: string;
  operationId: string | undefined;
  scenario: string | undefined;
  /** What chose the request's session. */
  sessionFrom?: SessionSource;
  /**
   * The id of the world's user the request acted as or on: the one its credentials named (a bearer token's), or, where
   * the caller is an operator or an access key, the one it addressed (Lerian's path id, GenAuth's userId), also on a
   * scripted answer. Absent when no user was known: credentials refused or not yet checked (a body the parser refused
   * first, a sandbox fault), a sign-in (its user is in its body).
   */
  user?: string;
  status: number;
  durationMs: number;
  /** A fault the sandbox injected into the delivery (the status is what the operation answered). */
  fault?: FaultKind;
  /** Why the answer refused the request (a vendor error): the rule and what would have passed. */
  explanation?: Explanation;
  /**
   * The sandbox answered with its own fault (problem+json, `x-mock-error: true`) instead of the vendor's answer: its
   * code, e.g. `MOCK_ERR_BAD_PREFER_HEADER` for a `Prefer: code=` the operation does not declare. The status is the
   * sandbox's, not the vendor's.
   */
  sandboxError?: string;
  /** The delay the sandbox injected before answering (a scenario's latency or `Prefer: latency`), in ms. */
  latencyMs?: number;
  /** The seed of a generated answer (`Prefer: dynamic=true`): the same seed generates the same answer again. */
  dynamicSeed?: number;
  /**
   * The answer was scripted, not the operation's: by the request's `Prefer: code=`/`example=`, or by an override (the
   * session's or the scenario's). A scripted 200 otherwise reads like a real one.
   */
  scripted?: 'prefer' | 'override';
  /**
   * The override that answered (its scripted answer, or its latency or fault): a session override's id (`ov-3`), or
   * a scenario's `<scenario>#/overrides/<index>`.
   */
  override?: string;
  /**
   * Overrides of this operation whose `when` the request did not fit, in the order the sandbox tried them (up to
   * five, all tried before the one that answered, if one did), each with the first condition it missed: why a
   * scripted answer did not come.
   */
  overrideMisses?: OverrideMiss[];
  /**
   * The sandbox made this request itself, not the consumer: a vendor request that set up this Pact provider state (a
   * TOTP enrolment walked through the vendor's API, sent with `X-Mock-Provider-State`).
   */
  madeForProviderState?: string;
  /**
   * The client closed the connection while the answer waited out its injected delay (its own timeout, an aborted
   * fetch): the answer was never written, so the client got no `status`. A journal filter's `status` (and so a
   * verification's) does not match such an entry; every other filter still counts it as the request it was.
   */
  clientGone?: true;
  requestBody?: unknown;
  responseBody?: unknown;
}

/**
 * A body as the journal holds it: the JSON text that was received or sent (the cheapest thing to keep: it already
 * exists and never changes), or, for a text too long to hold, a bounded copy of its value. Plain data either way, so a
 * store can keep records as they are (memory) or as JSON (PostgreSQL).
 */
export type RecordedBody = string | { bounded: unknown } | undefined;

/** What the hot path hands the journal: an entry whose time is a number and whose bodies are still JSON texts. */
export interface JournalRecord extends Omit<JournalEntry, 'at' | 'requestBody' | 'responseBody'> {
  atMs: number;
  request: RecordedBody;
  response: RecordedBody;
}

/**
 * JSON texts up to this size are kept as they are and read back through the same bounds as any body. A longer one is
 * copied within the bounds right away, so a client's megabyte body is never held a hundred times per session.
 */
export const JOURNAL_MAX_TEXT = 16 * 1024;

function toKept(body: RecordedBody): RecordedBody {
  if (typeof body !== 'string' || body.length <= JOURNAL_MAX_TEXT) return body;
  return { bounded: toJournalBody(JSON.parse(body)) };
}

function toShown(body: Exclude<RecordedBody, undefined>): unknown {
  return typeof body === 'string' ? toJournalBody(JSON.parse(body)) : body.bounded;
}

/**
 * The record as the journal keeps it: a long body is replaced by a bounded copy (in place: the record is the
 * journal's from then on). Recording is on every request's path, so a short body stays the text it already is.
 *
 * @example
 * log(toKeptRecord({ atMs: sessions.clock.now(), method: 'GET', url: '/flashback/mfa/status', ..., response: '{"success":true}' }));
 */
export function toKeptRecord(record: JournalRecord): JournalRecord {
  record.request = toKept(record.request);
  record.response = toKept(record.response);
  return record;
}

/**
 * The entry a reader sees: ISO time, bodies as values within the journal's bounds. Made when the journal is read.
 *
 * @example
 * toJournalEntry(record).responseBody // { success: true }
 */
export function toJournalEntry({ atMs, request, response, fault, explanation, user, ...fields }: JournalRecord): JournalEntry {
  const entry: JournalEntry = { at: new Date(atMs).toISOString(), ...fields };
  if (user !== undefined) entry.user = user;
  if (fault) entry.fault = fault;
  if (explanation) entry.explanation = explanation;
  if (request !== undefined) entry.requestBody = toShown(request);
  if (response !== undefined) entry.responseBody = toShown(response);
  return entry;
}
