import { describe, expect, it } from 'vitest';
import { JOURNAL_MAX_TEXT, toJournalEntry, toKeptRecord, type JournalRecord } from '../../../src/engine/journal.js';
import { BoundedLog } from '../../../src/state/bounded-log.js';
import { JOURNAL_MAX_DEPTH, JOURNAL_MAX_STRING } from '../../../src/engine/journal-body.js';

const AT = Date.UTC(2026, 10, 23, 12, 0, 0);

function record(index: number, bodies: Partial<Pick<JournalRecord, 'request' | 'response' | 'fault'>> = {}): JournalRecord {
  return {
    atMs: AT + index * 1000,
    method: 'POST',
    url: `/flashback/mfa/verify?n=${index}`,
    surface: 'flashback',
    operationId: 'verifyMFA',
    scenario: 'mfa-enabled',
    status: 200,
    durationMs: 1.25,
    fault: undefined,
    request: undefined,
    response: undefined,
    ...bodies,
  };
}

/** A session's journal as a store keeps it: kept records in a bounded log, shown as entries when read. */
class Journal {
  readonly #log: BoundedLog<JournalRecord>;
  constructor(size: number) {
    this.#log = new BoundedLog(size);
  }
  get length() {
    return this.#log.length;
  }
  record(record: JournalRecord) {
    this.#log.append(toKeptRecord(record));
  }
  entries(limit?: number) {
    return this.#log.entries(limit).map(toJournalEntry);
  }
}

describe('the journal', () => {
  it('shows each request with an ISO time and the bodies as the client sent and received them', () => {
    const journal = new Journal(10);
    journal.record(record(0, { request: '{"mfaType":"GOOGLE_AUTH","code":"123456"}', response: '{"success":true}', fault: 'truncated-body' }));
    journal.record(record(1));
    expect(journal.entries()).toEqual([
      {
        at: '2026-11-23T12:00:00.000Z',
        method: 'POST',
        url: '/flashback/mfa/verify?n=0',
        surface: 'flashback',
        operationId: 'verifyMFA',
        scenario: 'mfa-enabled',
        status: 200,
        durationMs: 1.25,
        fault: 'truncated-body',
        requestBody: { mfaType: 'GOOGLE_AUTH', code: '123456' },
        responseBody: { success: true },
      },
      {
        at: '2026-11-23T12:00:01.000Z',
        method: 'POST',
        url: '/flashback/mfa/verify?n=1',
        surface: 'flashback',
        operationId: 'verifyMFA',
        scenario: 'mfa-enabled',
        status: 200,
        durationMs: 1.25,
      },
    ]);
  });

  it('keeps the last `size` requests, oldest first, however often it wraps', () => {
    const journal = new Journal(3);
    for (let index = 0; index < 8; index++) journal.record(record(index));
    expect(journal.length).toBe(3);
    expect(journal.entries().map((entry) => entry.url)).toEqual(['/flashback/mfa/verify?n=5', '/flashback/mfa/verify?n=6', '/flashback/mfa/verify?n=7']);
    expect(journal.entries(2).map((entry) => entry.url)).toEqual(['/flashback/mfa/verify?n=6', '/flashback/mfa/verify?n=7']);
    expect(journal.entries(0)).toEqual([]);
    expect(journal.entries(99)).toHaveLength(3);
  });

  it('keeps nothing when its size is 0', () => {
    const journal = new Journal(0);
    journal.record(record(0));
    expect(journal.entries()).toEqual([]);
  });

  it('reads kept texts back within the same bounds as any body', () => {
    const depth = 4_000; // a small text (8 KB) nested deeper than JSON.stringify likes to write back
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(deep.length).toBeLessThanOrEqual(JOURNAL_MAX_TEXT);
    const journal = new Journal(5);
    journal.record(record(0, { request: `{"deep":${deep}}` }));
    const shown = JSON.stringify(journal.entries()[0]!.requestBody);
    expect(shown).toContain(`nested deeper than ${JOURNAL_MAX_DEPTH} levels`);
  });

  it('keeps records as plain data, so a store that saves them as JSON reads back the same entries', () => {
    const journal = new Journal(5);
    const huge = JSON.stringify({ secret: 'x'.repeat(JOURNAL_MAX_TEXT * 2) });
    const kept = toKeptRecord(record(0, { request: '{"code":"123456"}', response: huge, fault: 'drop-connection' }));
    journal.record(kept);
    const roundTripped = JSON.parse(JSON.stringify(kept)) as JournalRecord;
    expect(toJournalEntry(roundTripped)).toEqual(journal.entries()[0]);
  });

  it('copies a long text within the bounds when it is recorded, so it is never held whole', () => {
    const huge = 'x'.repeat(JOURNAL_MAX_TEXT * 4);
    const text = JSON.stringify({ secret: huge });
    const kept = record(0, { response: text });
    const journal = new Journal(5);
    journal.record(kept);
    expect(kept.response).not.toBe(text);
    expect(JSON.stringify(kept.response).length).toBeLessThan(JOURNAL_MAX_STRING + 200);
    const shown = journal.entries()[0]!.responseBody as { secret: string };
    expect(shown.secret.startsWith('x'.repeat(JOURNAL_MAX_STRING))).toBe(true);
    expect(shown.secret.length).toBeLessThan(JOURNAL_MAX_STRING + 100);
  });
});
