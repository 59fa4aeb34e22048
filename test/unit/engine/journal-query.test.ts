import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/engine/journal.js';
import { describeExpectation, filterJournal, toJournalExpectations, toJournalFilter, verifyJournal } from '../../../src/engine/journal-query.js';

const entry = (at: string, operationId: string, status: number, surface = 'flashback', scenario = 'default'): JournalEntry => ({
  at,
  method: 'GET',
  url: '/x',
  surface,
  operationId,
  scenario,
  status,
  durationMs: 1,
});
const ENTRIES = [
  entry('2026-01-01T10:00:00.000Z', 'verifyLogin', 401),
  entry('2026-01-01T10:01:00.000Z', 'verifyLogin', 200),
  entry('2026-01-01T10:02:00.000Z', 'getMfaStatus', 200, 'lerian', 'mfa-enabled'),
];

describe('journal queries', () => {
  it('a status filter keeps only answers the client got: not a client gone, nor a connection the sandbox dropped or reset', () => {
    const answered = entry('2026-01-01T10:00:00.000Z', 'getMFAStatus', 200);
    const broken = [
      { ...answered, clientGone: true as const },
      { ...answered, fault: 'drop-connection' as const },
      { ...answered, fault: 'connection-reset' as const },
    ];
    const bodyBroken = [
      { ...answered, fault: 'malformed-body' as const },
      { ...answered, fault: 'truncated-body' as const },
    ]; // the status line reached the client
    const all = [answered, ...broken, ...bodyBroken];
    expect(filterJournal(all, { status: 200 })).toEqual([answered, ...bodyBroken]);
    expect(filterJournal(all, { operationId: 'getMFAStatus' })).toHaveLength(all.length); // the calls were made
  });

  it('keeps the entries every filter matches, time bounds inclusive, ISO or epoch ms', () => {
    expect(filterJournal(ENTRIES, { operationId: 'verifyLogin' })).toHaveLength(2);
    expect(filterJournal(ENTRIES, { status: 200, surface: 'lerian', scenario: 'mfa-enabled' })).toEqual([ENTRIES[2]]);
    expect(filterJournal(ENTRIES, { since: '2026-01-01T10:01:00Z', until: Date.UTC(2026, 0, 1, 10, 2) })).toEqual([ENTRIES[1], ENTRIES[2]]);
    // In-process a test passes a Date as often as not (it was refused as "not an ISO 8601 time").
    expect(filterJournal(ENTRIES, { since: new Date('2026-01-01T10:01:00Z'), until: new Date(Date.UTC(2026, 0, 1, 10, 2)) })).toEqual([ENTRIES[1], ENTRIES[2]]);
    expect(() => filterJournal(ENTRIES, { since: new Date('soon') })).toThrow(/\/since: must be an ISO 8601 time/);
    // A query string's text is the number it spells; in JSON (or in process), a status in quotes is text, refused as
    // `count: "2"` is (it was taken, and `sandboxError: "true"` too).
    expect(toJournalFilter({ status: '401', since: '1767261600000', sandboxError: 'false' }, '', [], undefined, true)).toEqual({
      status: 401,
      since: 1767261600000,
      sandboxError: false,
    });
    expect(() => toJournalFilter({ status: '401' })).toThrow(
      /^\/status: must be an HTTP status \(100-599\), got "401" \("401" is text: write 401 without quotes\)$/,
    );
    expect(() => toJournalExpectations({ sandboxError: 'true', count: 0 })).toThrow(
      /\/sandboxError: .* got "true" \("true" is text: write true without quotes\)$/,
    );
  });

  it('refuses malformed filters and expectations with the pointer of the problem', () => {
    expect(() => toJournalFilter({ status: '4xx' })).toThrow(/\/status: must be an HTTP status/);
    expect(() => toJournalFilter({ since: 'soon' })).toThrow(/\/since: must be an ISO 8601 time/);
    // Without a zone, Date.parse read the server's local time: an entry's `at` copied without its Z found nothing
    // under TZ=America/New_York (a QA tour). A bare date is its UTC midnight, as the journal's times are UTC.
    expect(() => toJournalFilter({ since: '2026-01-01T10:01:00' })).toThrow(
      /^\/since: has no time zone: add Z for UTC, as the journal's times are written \("2026-01-01T10:01:00Z"\), got "2026-01-01T10:01:00"$/,
    );
    expect(() => toJournalFilter({ until: '2026-01-01T10:01' })).toThrow(/^\/until: has no time zone/);
    expect(filterJournal(ENTRIES, { until: '2026-01-01T10:01:00+00:00' })).toEqual(filterJournal(ENTRIES, { until: '2026-01-01T10:01:00Z' }));
    expect(filterJournal(ENTRIES, { since: '2026-01-01', until: '2026-01-02' })).toEqual(ENTRIES);
    expect(() => toJournalExpectations([{ count: 1 }, { count: 1, atMost: 2 }])).toThrow(/\/1\/count: give count alone/);
    expect(() => toJournalExpectations({ atLeast: 2, atMost: 1 })).toThrow(/\/atLeast: is greater than atMost/);
    // A number JSON cannot hold exactly is said to be too large, not quoted as null or as the integer next to it.
    expect(() => toJournalExpectations(JSON.parse('{"count": 1e400}'))).toThrow(/\/count: must be a non-negative integer, got a number too large to read$/);
    expect(() => toJournalExpectations(JSON.parse('{"count": 9007199254740993}'))).toThrow(
      /\/count: must be a non-negative integer, got 9007199254740992, beyond the integers JSON holds exactly \(±9007199254740991\)$/,
    );
    expect(toJournalExpectations({ atLeast: 1, atMost: 2, operationId: 'x' })).toEqual([{ atLeast: 1, atMost: 2, operationId: 'x' }]);
    // A problem with the whole body has no pointer to put before it.
    expect(() => toJournalExpectations([])).toThrow(/^give at least one expectation/);
  });

  it('matches the request line and a part of the JSON body, as WireMock requests are found', () => {
    const sent = (method: string, url: string, requestBody?: unknown): JournalEntry => ({
      ...entry('2026-01-01T10:00:00.000Z', 'x', 200),
      method,
      url,
      requestBody,
    });
    const setup = sent('POST', '/flashback/mfa/setup', { mfaType: 'GOOGLE_AUTH', device: { name: 'phone', os: 'ios' }, tags: ['a', 'b'] });
    const head = sent('HEAD', '/s/qa-1/flashback/mfa/status?verbose=1');
    const status = sent('GET', '/flashback/mfa/status');
    const entries = [setup, head, status];
    expect(filterJournal(entries, toJournalFilter({ method: 'head' }))).toEqual([head]);
    // The path as sent, without its query string or session prefix; a trailing * is a prefix.
    expect(filterJournal(entries, toJournalFilter({ path: '/flashback/mfa/status' }))).toEqual([head, status]);
    expect(filterJournal(entries, toJournalFilter({ path: '/flashback/mfa/*' }))).toEqual(entries);
    expect(filterJournal(entries, toJournalFilter({ path: '/flashback/mfa' }))).toEqual([]);
    // A part of the body: every field given, nested objects field by field, arrays whole.
    expect(filterJournal(entries, { requestBody: { device: { os: 'ios' } } })).toEqual([setup]);
    expect(filterJournal(entries, { requestBody: { device: { os: 'android' } } })).toEqual([]);
    expect(filterJournal(entries, { requestBody: { tags: ['a'] } })).toEqual([]);
    expect(filterJournal(entries, toJournalFilter({ requestBody: '{"mfaType":"GOOGLE_AUTH"}' }, '', [], undefined, true))).toEqual([setup]);
    expect(() => toJournalFilter({ requestBody: '{mfaType' }, '', [], undefined, true)).toThrow(/\/requestBody: must be JSON text/);
    expect(() => toJournalFilter({ path: 'flashback/mfa/status' })).toThrow(/\/path: must be a path starting with \//);
    expect(() => toJournalFilter({ method: 'GET POST' })).toThrow(/\/method: must be an HTTP method/);
    expect(describeExpectation({ method: 'POST', requestBody: { mfaType: 'SMS' }, count: 0 })).toBe(
      'any operation (method POST, requestBody {"mfaType":"SMS"}) exactly 0 time(s)',
    );
  });

  it('counts each expectation and says whether it holds', () => {
    const results = verifyJournal(ENTRIES, toJournalExpectations([{ operationId: 'verifyLogin', count: 2 }, { status: 200, atMost: 1 }, { atLeast: 4 }]));
    expect(results.map((result) => [result.holds, result.actual])).toEqual([
      [true, 2],
      [false, 2],
      [false, 3],
    ]);
    expect(describeExpectation({ operationId: 'verifyLogin', status: 401, count: 1 })).toBe('verifyLogin (status 401) exactly 1 time(s)');
    expect(describeExpectation({ atLeast: 1, atMost: 2 })).toBe('any operation at least 1 and at most 2 time(s)');
  });
});
