import { describe, expect, it } from 'vitest';
import { JournalRing } from '../../../src/engine/journal-ring.js';
import type { JournalRecord } from '../../../src/engine/journal.js';
import { BoundedLog } from '../../../src/state/bounded-log.js';

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
  };
  if (index % 6 === 0) record.sandboxError = 'MOCK_ERR_BAD_PREFER_HEADER';
  if (index % 8 === 0) record.latencyMs = index;
  if (index % 9 === 0) record.dynamicSeed = index * 7;
  if (index % 10 === 0) record.scripted = 'override';
  if (index % 11 === 0) record.madeForProviderState = 'the user has started TOTP setup';
  return record;
}

describe('JournalRing', () => {
  it('gives back a record with every field, in the order it was appended', () => {
    const every: Required<JournalRecord> = {
      ...toRecord(0),
      operationId: 'getMFAStatus',
      scenario: 'mfa-enabled',
      sessionFrom: 'path',
      fault: 'truncated-body',
      explanation: { rule: 'scripted', message: 'a scripted answer', wouldPass: 'no script' },
      sandboxError: 'MOCK_ERR_INTERNAL',
      latencyMs: 5,
      dynamicSeed: 7,
      scripted: 'prefer',
      madeForProviderState: 'the user has verified TOTP setup',
    };
    const ring = new JournalRing(3);
    ring.append(every);
    const [read] = ring.entries();
    expect(read).toEqual(every);
    expect(JSON.stringify(read)).toBe(JSON.stringify(every));
  });

  it('keeps and numbers what a BoundedLog of the same size keeps, whatever the sizes and counts', () => {
    for (const size of [1, 2, 3, 7, 100]) {
      for (const count of [0, 1, size - 1, size, size + 1, 3 * size + 2]) {
        const ring = new JournalRing(size, 40);
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

  it('keeps nothing when its size is 0', () => {
    const ring = new JournalRing(0);
    ring.append(toRecord(1));
    expect(ring.entries()).toEqual([]);
  });
});
