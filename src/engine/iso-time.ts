const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * `Date.parse` of an ISO 8601 text whose form the caller has checked, or NaN when its date is no day of the calendar.
 * V8 refuses hour 25 but reads `2026-02-30` as 2 March, so a mistyped day would land a clock or a journal filter on
 * another date without a word.
 *
 * @example
 * parseIsoTime('2026-02-28T10:00:00Z') // 1772272800000
 * parseIsoTime('2026-02-30T10:00:00Z') // NaN
 */
export function parseIsoTime(text: string): number {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!date) return Number.NaN;
  const [year, month, day] = date.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12) return Number.NaN;
  const lastDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > lastDay) return Number.NaN;
  return Date.parse(text);
}

/** An ISO 8601 date-time with its zone (a bare date or a local time would be ambiguous). */
const ZONED_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i;

/**
 * A moment as ms since the epoch, from what a caller may name one with: whole ms, a Date, or an ISO 8601 date-time
 * with its zone on a day the calendar has; undefined for anything else (the caller says what it takes).
 *
 * @example
 * toMomentMs('2026-01-01T00:00:00Z') // 1767225600000
 * toMomentMs(new Date('nonsense')) // undefined
 */
export function toMomentMs(raw: unknown): number | undefined {
  const ms = raw instanceof Date ? raw.getTime() : typeof raw === 'string' && ZONED_DATE_TIME.test(raw) ? parseIsoTime(raw) : raw;
  return Number.isSafeInteger(ms) ? (ms as number) : undefined;
}
