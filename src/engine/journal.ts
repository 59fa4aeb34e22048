import type { FaultKind } from './injected-faults.js';
import { toJournalBody } from './journal-body.js';

/** One request as the journal shows it (for QA: "what did my frontend actually send?"). */
export interface JournalEntry {
  at: string;
  method: string;
  url: string;
  surface: string;
  operationId: string | undefined;
  scenario: string | undefined;
  status: number;
  durationMs: number;
  /** A fault the sandbox injected into the delivery (the status is what the operation answered). */
  fault?: FaultKind;
  requestBody?: unknown;
  responseBody?: unknown;
}

/** A body copied within the journal's bounds when it was recorded (see JOURNAL_MAX_TEXT). */
class BoundedCopy {
  constructor(readonly value: unknown) {}
}

/**
 * A body as the journal holds it: the JSON text that was received or sent (the cheapest thing to keep: it already
 * exists and never changes), or, for a text too long to hold, a bounded copy of its value.
 */
export type RecordedBody = string | BoundedCopy | undefined;

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
  return new BoundedCopy(toJournalBody(JSON.parse(body)));
}

function toShown(body: string | BoundedCopy): unknown {
  return typeof body === 'string' ? toJournalBody(JSON.parse(body)) : body.value;
}

/**
 * The last `size` requests of one session, in a ring. Recording is on every request's path, so it only keeps
 * references; the entry a reader sees (ISO time, bounded body copies) is made when the journal is read.
 *
 * @example
 * const journal = new Journal(100);
 * journal.record({ atMs: sessions.clock.now(), method: 'GET', url: '/flashback/mfa/status', ..., response: '{"success":true}' });
 * journal.entries()[0].responseBody // { success: true }
 */
export class Journal {
  readonly #size: number;
  readonly #records: JournalRecord[] = [];
  /** Where the next record goes once the ring is full (then also the oldest record). */
  #next = 0;

  constructor(size: number) {
    this.#size = size;
  }

  get length(): number {
    return this.#records.length;
  }

  /** Keep a request; the record is the journal's from then on (its long bodies are replaced by bounded copies). */
  record(record: JournalRecord): void {
    if (this.#size <= 0) return;
    record.request = toKept(record.request);
    record.response = toKept(record.response);
    if (this.#records.length < this.#size) {
      this.#records.push(record);
      return;
    }
    this.#records[this.#next] = record;
    this.#next = (this.#next + 1) % this.#size;
  }

  /** The last `limit` entries (all without one), oldest first. */
  entries(limit?: number): JournalEntry[] {
    const ordered = this.#next === 0 ? this.#records : [...this.#records.slice(this.#next), ...this.#records.slice(0, this.#next)];
    const wanted = limit === undefined ? ordered : limit === 0 ? [] : ordered.slice(-limit);
    return wanted.map(toEntry);
  }
}

function toEntry({ atMs, request, response, fault, ...fields }: JournalRecord): JournalEntry {
  const entry: JournalEntry = { at: new Date(atMs).toISOString(), ...fields };
  if (fault) entry.fault = fault;
  if (request !== undefined) entry.requestBody = toShown(request);
  if (response !== undefined) entry.responseBody = toShown(response);
  return entry;
}
