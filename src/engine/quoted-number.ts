/**
 * ` ("500" is text: write 500 without quotes)` for a number written in quotes where a number belongs, else ''. JSON
 * clients and YAML authors alike quote numbers by habit (`status: "500"`), and a bare type error does not say so.
 *
 * @example
 * toQuotedNumberHint('500') // ' ("500" is text: write 500 without quotes)'
 * toQuotedNumberHint('soon') // ''
 */
export function toQuotedNumberHint(value: unknown): string {
  return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? ` (${JSON.stringify(value)} is text: write ${value.trim()} without quotes)` : '';
}
