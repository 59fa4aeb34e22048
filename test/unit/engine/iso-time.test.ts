import { describe, expect, it } from 'vitest';
import { parseIsoTime } from '../../../src/engine/iso-time.js';

describe('parseIsoTime', () => {
  it('reads a real day as Date.parse does', () => {
    for (const text of ['2026-02-28T10:00:00Z', '2024-02-29T00:00:00Z', '2000-02-29', '2026-12-31T23:59:59.999+02:00', '2026-04-30T00:00Z']) {
      expect(parseIsoTime(text), text).toBe(Date.parse(text));
      expect(Number.isNaN(parseIsoTime(text)), text).toBe(false);
    }
  });

  it('refuses a day no calendar has, which Date.parse would roll into the next month', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '1900-02-29',
      '2026-02-30T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
    ]) {
      expect(parseIsoTime(text), text).toBeNaN();
    }
  });
});
