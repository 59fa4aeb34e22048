import type { EntryLog } from '../state/bounded-log.js';
import type { JournalRecord } from './journal.js';
import { JournalSlab, NO_RECORD } from './journal-slab.js';

/**
 * A session's journal in the memory store: its last `size` records, oldest first, as a list through the store's
 * JournalSlab (the slab keeps the fields and each record's next; this keeps the first and the last). A full journal
 * writes its new record over its oldest one's slot, so a busy session takes no more room. The store gives the slots
 * back (`release`) when it drops the journal: a forgotten, deleted or cleared session's.
 *
 * @example
 * const newLog = sessionJournals(); // one slab per store
 * const journal = newLog(100, 0);
 * journal.append(record);
 * journal.entries() // [record's equal]
 */
export class SessionJournal implements EntryLog<JournalRecord> {
  readonly #slab: JournalSlab;
  readonly #size: number;
  readonly #numberedFrom: number;
  #first = NO_RECORD;
  #last = NO_RECORD;
  #length = 0;
  #appended = 0;

  constructor(slab: JournalSlab, size: number, numberedFrom = 0) {
    this.#slab = slab;
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
    const slab = this.#slab;
    let index: number;
    if (this.#length < this.#size) {
      index = slab.allocate();
      this.#length++;
    } else {
      // Full: the oldest record's slot takes the new one, which moves to the end of the list.
      index = this.#first;
      this.#first = slab.nextOf(index);
      slab.setNext(index, NO_RECORD);
      if (this.#first === NO_RECORD) this.#last = NO_RECORD; // a journal of one
    }
    slab.write(index, record);
    if (this.#last === NO_RECORD) this.#first = index;
    else slab.setNext(this.#last, index);
    this.#last = index;
  }

  entries(limit?: number): JournalRecord[] {
    const count = limit === undefined ? this.#length : Math.min(limit, this.#length);
    const records: JournalRecord[] = [];
    let index = this.#first;
    for (let skip = this.#length - count; skip > 0; skip--) index = this.#slab.nextOf(index);
    for (; index !== NO_RECORD; index = this.#slab.nextOf(index)) records.push(this.#slab.read(index));
    return records;
  }

  numbered(): Array<{ seq: number; entry: JournalRecord }> {
    const first = this.#numberedFrom + this.#appended - this.#length + 1;
    return this.entries().map((entry, index) => ({ seq: first + index, entry }));
  }

  replace(seq: number, record: JournalRecord): boolean {
    const place = seq - (this.#numberedFrom + this.#appended - this.#length + 1);
    if (!Number.isInteger(place) || place < 0 || place >= this.#length) return false;
    let index = this.#first;
    for (let skip = place; skip > 0; skip--) index = this.#slab.nextOf(index);
    this.#slab.write(index, record);
    return true;
  }

  /** Give every slot back to the slab; the journal is empty afterwards (a second release gives back nothing). */
  release(): void {
    for (let index = this.#first; index !== NO_RECORD;) {
      const next = this.#slab.nextOf(index);
      this.#slab.release(index);
      index = next;
    }
    this.#first = NO_RECORD;
    this.#last = NO_RECORD;
    this.#length = 0;
  }
}

/**
 * The memory store's `newLog` for the session store: each session's journal, all of one store's in one slab.
 *
 * @example
 * new MemoryStateStore<SessionState, JournalRecord>({ ...limits, newLog: sessionJournals() })
 */
export function sessionJournals(slab = new JournalSlab()): (size: number, numberedFrom: number) => SessionJournal {
  return (size, numberedFrom) => new SessionJournal(slab, size, numberedFrom);
}
