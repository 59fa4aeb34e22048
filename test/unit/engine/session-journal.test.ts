import { describe, expect, it } from 'vitest';
import { JournalSlab } from '../../../src/engine/journal-slab.js';
import { SessionJournal, sessionJournals } from '../../../src/engine/session-journal.js';
import type { JournalRecord } from '../../../src/engine/journal.js';
import { BoundedLog } from '../../../src/state/bounded-log.js';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';

/** A request as the pipeline journals it: the usual fields, the rare ones only when they happened. */
function toRecord(index: number): JournalRecord {
  const record: JournalRecord = {
    atMs: 1_764_000_000_000 + index * 1.5,
    method: index % 2 ? 'POST' : 'GET',
    url: `/flashback/mfa/${index}`,
    surface: 'flashback',
    operationId: index % 5 ? 'getMFAStatus' : undefined,
    scenario: 'mfa-enabled',
    sessionFrom: 'header',
    status: index % 3 ? 200 : 400,
    durationMs: index / 100,
    fault: index % 7 ? undefined : 'drop-connection',
    request: index % 2 ? `{"n":${index}}` : undefined,
    response: index % 4 ? '{"success":true}' : { bounded: { long: 'x'.repeat(10) } },
    explanation: index % 3 ? undefined : { rule: 'precondition', message: `refused ${index}`, wouldPass: 'another request' },
    user: index % 4 ? 'usr_ada' : undefined,
  };
  if (index % 6 === 0) record.sandboxError = 'MOCK_ERR_BAD_PREFER_HEADER';
  if (index % 8 === 0) record.latencyMs = index;
  if (index % 9 === 0) record.dynamicSeed = index * 7;
  if (index % 10 === 0) record.scripted = 'override';
  if (index % 10 === 0) record.override = `ov-${index}`;
  if (index % 5 === 0) record.overrideMisses = [{ override: `ov-${index + 1}`, pointer: '/when/headers/Authorization', expected: 'Bearer bob' }];
  if (index % 11 === 0) record.madeForProviderState = 'the user has started TOTP setup';
  return record;
}

describe('SessionJournal', () => {
  it('gives back a record with every field, in the order it was appended', () => {
    const every: Required<JournalRecord> = {
      ...toRecord(0),
      operationId: 'getMFAStatus',
      scenario: 'mfa-enabled',
      sessionFrom: 'path',
      fault: 'truncated-body',
      explanation: { rule: 'scripted', message: 'a scripted answer', wouldPass: 'no script' },
      user: 'usr_bob',
      sandboxError: 'MOCK_ERR_INTERNAL',
      latencyMs: 5,
      dynamicSeed: 7,
      scripted: 'prefer',
      override: 'bob-fails#/overrides/1',
      overrideMisses: [{ override: 'ov-2', pointer: '/when/body/code', expected: '"000000"', received: '"123456"' }],
      madeForProviderState: 'the user has verified TOTP setup',
      clientGone: true,
    };
    const ring = new SessionJournal(new JournalSlab(), 3);
    ring.append(every);
    const [read] = ring.entries();
    expect(read).toEqual(every);
    expect(JSON.stringify(read)).toBe(JSON.stringify(every));
  });

  it('keeps and numbers what a BoundedLog of the same size keeps, whatever the sizes and counts', () => {
    for (const size of [1, 2, 3, 7, 100]) {
      for (const count of [0, 1, size - 1, size, size + 1, 3 * size + 2]) {
        const ring = new SessionJournal(new JournalSlab(), size, 40);
        const log = new BoundedLog<JournalRecord>(size, 40);
        for (let index = 0; index < count; index++) {
          ring.append(toRecord(index));
          log.append(toRecord(index));
        }
        expect({ length: ring.length, dropped: ring.dropped }).toEqual({ length: log.length, dropped: log.dropped });
        expect(JSON.stringify(ring.entries())).toBe(JSON.stringify(log.entries()));
        expect(ring.entries(2)).toEqual(log.entries(2));
        expect(ring.entries(0)).toEqual([]);
        expect(ring.numbered()).toEqual(log.numbered());
      }
    }
  });

  it('replaces a record it holds by its number, as a BoundedLog does, keeping its place; not one it dropped', () => {
    for (const size of [1, 2, 3, 7]) {
      for (const count of [1, size, size + 1, 3 * size + 2]) {
        const ring = new SessionJournal(new JournalSlab(), size, 40);
        const log = new BoundedLog<JournalRecord>(size, 40);
        for (let index = 0; index < count; index++) {
          ring.append(toRecord(index));
          log.append(toRecord(index));
        }
        const numbered = log.numbered();
        for (const { seq, entry } of [numbered[0]!, numbered.at(-1)!]) {
          const gone = { ...entry, latencyMs: 300, clientGone: true as const };
          expect([ring.replace(seq, gone), log.replace(seq, gone)]).toEqual([true, true]);
        }
        const dropped = numbered[0]!.seq - 1;
        expect([ring.replace(dropped, toRecord(0)), log.replace(dropped, toRecord(0))]).toEqual([false, false]);
        expect(ring.replace(numbered.at(-1)!.seq + 1, toRecord(0))).toBe(false);
        expect(ring.numbered()).toEqual(log.numbered());
        expect(ring.numbered().at(-1)!.entry).toMatchObject({ latencyMs: 300, clientGone: true });
      }
    }
  });

  it('keeps nothing when its size is 0', () => {
    const ring = new SessionJournal(new JournalSlab(), 0);
    ring.append(toRecord(1));
    expect(ring.entries()).toEqual([]);
  });
});

describe('journals sharing one slab', () => {
  /** A small deterministic generator, so a failure replays. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  it('each keep what a BoundedLog of their own keeps, however their appends and releases interleave (over several chunks of 2,048)', () => {
    const slab = new JournalSlab();
    const next = random(7);
    const size = 5;
    const journals = Array.from({ length: 1_000 }, (_, index) => ({
      journal: new SessionJournal(slab, size, index),
      log: new BoundedLog<JournalRecord>(size, index),
    }));
    for (let step = 0; step < 60_000; step++) {
      const pair = journals[Math.floor(next() * journals.length)]!;
      if (next() < 0.02) {
        pair.journal.release();
        pair.journal = new SessionJournal(slab, size, step);
        pair.log = new BoundedLog<JournalRecord>(size, step);
        continue;
      }
      pair.journal.append(toRecord(step));
      pair.log.append(toRecord(step));
    }
    for (const { journal, log } of journals) {
      expect(JSON.stringify(journal.entries())).toBe(JSON.stringify(log.entries()));
      expect(journal.numbered().map(({ seq }) => seq)).toEqual(log.numbered().map(({ seq }) => seq));
    }
    // Every slot in use belongs to a live journal: released ones were used again, not lost.
    expect(slab.recordsInUse).toBe(journals.reduce((sum, { journal }) => sum + journal.length, 0));
  });

  it('a full journal writes over its own oldest slot, taking no more of the slab', () => {
    const slab = new JournalSlab();
    const journal = new SessionJournal(slab, 3);
    for (let index = 0; index < 50; index++) journal.append(toRecord(index));
    expect(slab.recordsInUse).toBe(3);
    expect(journal.entries().map((record) => record.url)).toEqual(['/flashback/mfa/47', '/flashback/mfa/48', '/flashback/mfa/49']);
  });

  it('are given back by the memory store when it deletes, forgets, clears or empties a session', () => {
    const slab = new JournalSlab();
    let now = 0;
    const store = new MemoryStateStore<object, JournalRecord>({ ttlMs: 1_000, maxEntries: 3, logSize: 10, now: () => now, newLog: sessionJournals(slab) });
    const journalOf = (key: string, count: number) => {
      for (let index = 0; index < count; index++)
        store.update(
          key,
          () => ({}),
          (_document, log) => log(toRecord(index)),
        );
    };
    journalOf('a', 4);
    journalOf('b', 2);
    expect(slab.recordsInUse).toBe(6);
    store.delete('a');
    expect(slab.recordsInUse).toBe(2);
    store.clearLog('b');
    expect(slab.recordsInUse).toBe(0);
    journalOf('c', 1);
    journalOf('d', 1);
    journalOf('e', 1);
    journalOf('f', 1); // a fourth session: the least recently used one is evicted
    expect([store.count(), slab.recordsInUse]).toEqual([3, 3]);
    now = 5_000;
    expect(store.sweep()).toEqual({ expired: 3, evicted: 0 });
    expect(slab.recordsInUse).toBe(0);
    journalOf('g', 2);
    store.clear();
    expect(slab.recordsInUse).toBe(0);
  });

  it('lets its chunks go once no record is in use, and takes new ones afterwards', () => {
    const slab = new JournalSlab();
    const journals = Array.from({ length: 3 }, () => new SessionJournal(slab, 2_000));
    for (const journal of journals) for (let index = 0; index < 2_000; index++) journal.append(toRecord(index));
    expect(slab.chunks).toBe(3); // 6,000 records, 2,048 a chunk
    journals[0]!.release();
    journals[1]!.release();
    expect([slab.recordsInUse, slab.chunks]).toEqual([2_000, 3]); // the slots stay for the next records
    journals[2]!.release();
    expect([slab.recordsInUse, slab.chunks]).toEqual([0, 0]);
    const after = new SessionJournal(slab, 2);
    for (let index = 0; index < 3; index++) after.append(toRecord(index));
    expect([after.entries().map((record) => record.url), slab.chunks]).toEqual([['/flashback/mfa/1', '/flashback/mfa/2'], 1]);
  });
});
