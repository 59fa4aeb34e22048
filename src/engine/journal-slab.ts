import type { JournalRecord } from './journal.js';

/** The numbers of one record, side by side: atMs, durationMs, status (unboxed, in a Float64Array). */
const NUMBERS = 3;
/** The other fields of one record, side by side: method, url, surface, operationId, scenario, sessionFrom, fault, request, response, explanation, user, rare. */
const REFERENCES = 12;
/**
 * Records per chunk. A chunk's references are one array of 2,048 × 12 slots (192 KB): above V8's 128 KB bound for a
 * regular object, so it is made in the large-object space, whose pages a scavenge promotes by moving them, not by
 * copying what is on them.
 */
const CHUNK_SHIFT = 11;
const CHUNK_RECORDS = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_RECORDS - 1;
/** "No record": the end of a session's list, or of the free list. */
export const NO_RECORD = -1;

/**
 * The fields a record has only when they happened (a sandbox fault, a delay, a generated or scripted answer, a request
 * the sandbox made for a provider state, a client gone before its delayed answer was written).
 */
type RareFields = Pick<
  JournalRecord,
  'sandboxError' | 'latencyMs' | 'dynamicSeed' | 'scripted' | 'override' | 'overrideMisses' | 'madeForProviderState' | 'clientGone'
>;

/**
 * The journal records of every session of one memory store, kept as their fields in shared chunks, each record with
 * the index of the next one of its session (see SessionJournal, which keeps a session's first and last).
 *
 * Why shared: a session's own arrays grew by a new, larger copy as its journal filled, and V8 made each copy in the
 * young generation and then copied it again into the old one. With 100,000 sessions and every request on another
 * one, nearly every request grew its session's arrays: ~360 KB were promoted at each scavenge under 5,000 req/s of
 * GET status, pausing the server ~2 ms against ~0.35 ms with 10 sessions (`--trace-gc-nvp`), and the p99 rose from
 * 0.71 to 1.66 ms. Here a record takes a slot of a chunk made once, and the slot of a record let go of (the oldest of
 * a full journal, a forgotten session's) is used again.
 *
 * @example
 * const slab = new JournalSlab();
 * const index = slab.allocate();
 * slab.write(index, record); slab.read(index) // record's equal
 * slab.release(index); // its slot is the next allocate()'s
 */
export class JournalSlab {
  readonly #numbers: Float64Array[] = [];
  readonly #references: unknown[][] = [];
  /** Per record: the next record of its session (or, for a free slot, the next free one), or NO_RECORD. */
  readonly #nextRecords: Int32Array[] = [];
  #free = NO_RECORD;
  /** Slots handed out from the chunks so far (free or not). */
  #carved = 0;
  #inUse = 0;

  /** A slot for a new record, its next record NO_RECORD. */
  allocate(): number {
    let index = this.#free;
    if (index !== NO_RECORD) this.#free = this.nextOf(index);
    else {
      index = this.#carved++;
      if ((index & CHUNK_MASK) === 0) this.#addChunk();
    }
    this.#inUse++;
    this.setNext(index, NO_RECORD);
    return index;
  }

  /**
   * Give a slot back: what it referred to can be collected, and the next allocate() takes it. When the last slot in use
   * comes back (a reset, or every session gone), the chunks go too: a burst of sessions does not hold its memory for
   * the rest of the server's life once it is over.
   */
  release(index: number): void {
    if (--this.#inUse === 0) {
      this.#numbers.length = 0;
      this.#references.length = 0;
      this.#nextRecords.length = 0;
      this.#free = NO_RECORD;
      this.#carved = 0;
      return;
    }
    this.#references[index >> CHUNK_SHIFT]!.fill(undefined, (index & CHUNK_MASK) * REFERENCES, ((index & CHUNK_MASK) + 1) * REFERENCES);
    this.setNext(index, this.#free);
    this.#free = index;
  }

  nextOf(index: number): number {
    return this.#nextRecords[index >> CHUNK_SHIFT]![index & CHUNK_MASK]!;
  }

  setNext(index: number, next: number): void {
    this.#nextRecords[index >> CHUNK_SHIFT]![index & CHUNK_MASK] = next;
  }

  write(index: number, record: JournalRecord): void {
    const chunk = index >> CHUNK_SHIFT;
    const slot = index & CHUNK_MASK;
    const numbers = this.#numbers[chunk]!;
    const n = slot * NUMBERS;
    numbers[n] = record.atMs;
    numbers[n + 1] = record.durationMs;
    numbers[n + 2] = record.status;
    const references = this.#references[chunk]!;
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
    references[r + 10] = record.user;
    references[r + 11] = toRareFields(record);
  }

  /** The record in a slot, made anew: its fields in the order the pipeline writes them (the rare ones only when set). */
  read(index: number): JournalRecord {
    const chunk = index >> CHUNK_SHIFT;
    const slot = index & CHUNK_MASK;
    const numbers = this.#numbers[chunk]!;
    const n = slot * NUMBERS;
    const references = this.#references[chunk]!;
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
      user: references[r + 10] as JournalRecord['user'],
    };
    const rare = references[r + 11] as RareFields | undefined;
    return rare === undefined ? record : Object.assign(record, rare);
  }

  /** Slots in use: handed out and not given back. */
  get recordsInUse(): number {
    return this.#inUse;
  }

  /** Chunks of slots made and kept (each 2,048 records' room). */
  get chunks(): number {
    return this.#references.length;
  }

  #addChunk(): void {
    this.#numbers.push(new Float64Array(CHUNK_RECORDS * NUMBERS));
    // Made at its full length at once (a fast, holey array), so it is allocated once, in the large-object space.
    this.#references.push(new Array<unknown>(CHUNK_RECORDS * REFERENCES));
    this.#nextRecords.push(new Int32Array(CHUNK_RECORDS));
  }
}

/** The rare fields the record has, in their order; undefined (nothing kept) for the usual record, which has none. */
function toRareFields(record: JournalRecord): RareFields | undefined {
  if (
    record.sandboxError === undefined &&
    record.latencyMs === undefined &&
    record.dynamicSeed === undefined &&
    record.scripted === undefined &&
    record.override === undefined &&
    record.overrideMisses === undefined &&
    record.madeForProviderState === undefined &&
    record.clientGone === undefined
  )
    return undefined;
  const rare: RareFields = {};
  if (record.sandboxError !== undefined) rare.sandboxError = record.sandboxError;
  if (record.latencyMs !== undefined) rare.latencyMs = record.latencyMs;
  if (record.dynamicSeed !== undefined) rare.dynamicSeed = record.dynamicSeed;
  if (record.scripted !== undefined) rare.scripted = record.scripted;
  if (record.override !== undefined) rare.override = record.override;
  if (record.overrideMisses !== undefined) rare.overrideMisses = record.overrideMisses;
  if (record.madeForProviderState !== undefined) rare.madeForProviderState = record.madeForProviderState;
  if (record.clientGone !== undefined) rare.clientGone = record.clientGone;
  return rare;
}
