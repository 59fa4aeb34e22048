import type { EntryLog } from '../state/bounded-log.js';
import type { JournalRecord } from './journal.js';

/** The numbers of one record, side by side in one array: V8 keeps an array of numbers only as unboxed doubles. */
const NUMBERS = 3;
/** The other fields of one record, side by side in another array. */
const REFERENCES = 11;

/**
 * The fields a record has only when they happened (a sandbox fault, a delay, a generated or scripted answer, a request
 * the sandbox made for a provider state).
 */
type RareFields = Pick<JournalRecord, 'sandboxError' | 'latencyMs' | 'dynamicSeed' | 'scripted' | 'madeForProviderState'>;

/**
 * A session's journal in the memory store: the last `size` records, kept as their fields in two flat arrays instead
 * of as the records themselves. A record is an object and two boxed numbers that the journal keeps for a hundred
 * requests or more, so every one lived through scavenges and was copied at each (with a one-entry journal the write
 * flow's scavenges paused half as long: 0.66 against 1.26 ms at 5,000 req/s, --trace-gc-nvp). Written into the
 * arrays, a request leaves nothing behind but the texts it shares with the request before (RepeatedText), and the
 * records are made again only when the journal is read. Measured the same way: what a scavenge copied fell from ~18
 * to ~2.5 KB under GET status, and from ~130 to ~90 KB under the write flow (whose sessions' own state is the rest).
 *
 * Reads give each record with its fields in the order the pipeline writes them (the rare ones only when set).
 *
 * @example
 * const journal = new JournalRing(100, 0);
 * journal.append(record);
 * journal.entries() // [record's equal]
 */
export class JournalRing implements EntryLog<JournalRecord> {
  readonly #size: number;
  readonly #numberedFrom: number;
  /** Per slot: atMs, durationMs, status. Grows one slot at a time up to `size`, then is written over in a ring. */
  readonly #numbers: number[] = [];
  /** Per slot: method, url, surface, operationId, scenario, sessionFrom, fault, request, response, explanation, rare. */
  readonly #references: unknown[] = [];
  #length = 0;
  /** Where the next record goes once the ring is full (then also the oldest record). */
  #next = 0;
  #appended = 0;

  constructor(size: number, numberedFrom = 0) {
    this.#size = size;
    this.#numberedFrom = numberedFrom;
  }

  get length(): number {
    return this.#length;
  }

  get dropped(): number {
    return this.#appended - this.#length;
  }

  append(record: JournalRecord): void {
    if (this.#size <= 0) return;
    this.#appended++;
    let slot: number;
    if (this.#length < this.#size) slot = this.#length++;
    else {
      slot = this.#next;
      this.#next = (this.#next + 1) % this.#size;
    }
    const numbers = this.#numbers;
    const n = slot * NUMBERS;
    numbers[n] = record.atMs;
    numbers[n + 1] = record.durationMs;
    numbers[n + 2] = record.status;
    const references = this.#references;
    const r = slot * REFERENCES;
    references[r] = record.method;
    references[r + 1] = record.url;
    references[r + 2] = record.surface;
    references[r + 3] = record.operationId;
    references[r + 4] = record.scenario;
    references[r + 5] = record.sessionFrom;
    references[r + 6] = record.fault;
    references[r + 7] = record.request;
    references[r + 8] = record.response;
    references[r + 9] = record.explanation;
    references[r + 10] = toRareFields(record);
  }

  entries(limit?: number): JournalRecord[] {
    const count = limit === undefined ? this.#length : Math.min(limit, this.#length);
    const records: JournalRecord[] = [];
    const oldest = this.#length < this.#size ? 0 : this.#next;
    for (let index = this.#length - count; index < this.#length; index++) records.push(this.#recordAt((oldest + index) % this.#size));
    return records;
  }

  numbered(): Array<{ seq: number; entry: JournalRecord }> {
    const first = this.#numberedFrom + this.#appended - this.#length + 1;
    return this.entries().map((entry, index) => ({ seq: first + index, entry }));
  }

  #recordAt(slot: number): JournalRecord {
    const numbers = this.#numbers;
    const n = slot * NUMBERS;
    const references = this.#references;
    const r = slot * REFERENCES;
    const record: JournalRecord = {
      atMs: numbers[n]!,
      method: references[r] as JournalRecord['method'],
      url: references[r + 1] as JournalRecord['url'],
      surface: references[r + 2] as JournalRecord['surface'],
      operationId: references[r + 3] as JournalRecord['operationId'],
      scenario: references[r + 4] as JournalRecord['scenario'],
      sessionFrom: references[r + 5] as JournalRecord['sessionFrom'],
      status: numbers[n + 2]!,
      durationMs: numbers[n + 1]!,
      fault: references[r + 6] as JournalRecord['fault'],
      request: references[r + 7] as JournalRecord['request'],
      response: references[r + 8] as JournalRecord['response'],
      explanation: references[r + 9] as JournalRecord['explanation'],
    };
    const rare = references[r + 10] as RareFields | undefined;
    return rare === undefined ? record : Object.assign(record, rare);
  }
}

/** A new session's journal: the memory store's `newLog` for the session store. */
export function newJournalRing(size: number, numberedFrom: number): JournalRing {
  return new JournalRing(size, numberedFrom);
}

/** The rare fields the record has, in their order; undefined (nothing kept) for the usual record, which has none. */
function toRareFields(record: JournalRecord): RareFields | undefined {
  if (
    record.sandboxError === undefined &&
    record.latencyMs === undefined &&
    record.dynamicSeed === undefined &&
    record.scripted === undefined &&
    record.madeForProviderState === undefined
  )
    return undefined;
  const rare: RareFields = {};
  if (record.sandboxError !== undefined) rare.sandboxError = record.sandboxError;
  if (record.latencyMs !== undefined) rare.latencyMs = record.latencyMs;
  if (record.dynamicSeed !== undefined) rare.dynamicSeed = record.dynamicSeed;
  if (record.scripted !== undefined) rare.scripted = record.scripted;
  if (record.madeForProviderState !== undefined) rare.madeForProviderState = record.madeForProviderState;
  return rare;
}
