/**
 * ` ("500" is text: write 500 without quotes)` for a number written in quotes where a number belongs, else ''. JSON
 * clients and YAML authors alike quote numbers by habit (`status: "500"`), and a bare type error does not say so.
 *
 * @example
 * toQuotedNumberHint('500') // ' ("500" is text: write 500 without quotes)'
 * toQuotedNumberHint('soon') // ''
 */
export function toQuotedNumberHint(value: unknown): string {
  return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? toUnquoteHint(value) : '';
}

/**
 * The same for `true` or `false` written in quotes where a boolean belongs.
 *
 * @example
 * toQuotedBooleanHint('true') // ' ("true" is text: write true without quotes)'
 */
export function toQuotedBooleanHint(value: unknown): string {
  return typeof value === 'string' && /^\s*(true|false)\s*$/.test(value) ? toUnquoteHint(value) : '';
}

const toUnquoteHint = (text: string) => ` (${JSON.stringify(text)} is text: write ${text.trim()} without quotes)`;

/**
 * A received value as a refusal quotes it: a number JSON cannot hold exactly is said to be too large (JSON.stringify
 * wrote `1e400` as `null`, and `9007199254740993` as the integer next to it, so "must be an integer, got
 * 9007199254740992" refused an integer for being one).
 *
 * @example
 * toReceivedValue(1e400) // 'a number too large to read'
 * toReceivedValue(2 ** 60) // '1152921504606846976, beyond the integers JSON holds exactly (±9007199254740991)'
 */
export function toReceivedValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to read';
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return `${String(value)}, beyond the integers JSON holds exactly (±${Number.MAX_SAFE_INTEGER})`;
  return JSON.stringify(value) ?? String(value);
}
