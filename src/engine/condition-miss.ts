import { toSortedJson } from './json-contains.js';
import { toPointerToken } from './json-pointer.js';
import type { OverrideConditions, RequestParts } from './override-conditions.js';

/**
 * The first condition of an override's `when` that a request did not meet (WireMock's near miss, for one override):
 * where in the `when` it is, what it wanted and what the request had, so QA reads why an override did not answer
 * without diffing headers by eye.
 */
export interface ConditionMiss {
  /** A JSON pointer into the override: `/when/headers/Authorization`, `/when/body/code`, `/when/query/userId`. */
  pointer: string;
  /** What the condition wanted: the text as written (params, query, headers), else JSON. */
  expected: string;
  /** What the request had there, in the same form; absent when it had nothing (no such header, field or body). */
  received?: string;
}

/** A long value is cut: a near miss names the difference, it does not copy a body into every journal entry. */
const SHOWN_CHARACTERS = 200;

/**
 * The first condition of `when` the request does not meet, in the order `fitsConditions` checks them; undefined when
 * it meets them all (or has none).
 *
 * @example
 * toConditionMiss({ headers: { Authorization: 'Bearer bob' } }, { params: {}, query: {}, headers: { authorization: 'Bearer ada' }, body: undefined });
 * // { pointer: '/when/headers/Authorization', expected: 'Bearer bob', received: 'Bearer ada' }
 */
export function toConditionMiss(when: OverrideConditions | undefined, request: RequestParts): ConditionMiss | undefined {
  if (when === undefined) return undefined;
  return (
    (when.params && toValueMiss('params', when.params, request.params, false)) ??
    (when.query && toValueMiss('query', when.query, request.query, false)) ??
    (when.headers && toValueMiss('headers', when.headers, request.headers, true)) ??
    (when.body === undefined ? undefined : toRequestBodyMiss(when.body, request))
  );
}

function toValueMiss(part: string, wanted: Record<string, string>, actual: unknown, foldNames: boolean): ConditionMiss | undefined {
  const values = actual !== null && typeof actual === 'object' ? (actual as Record<string, unknown>) : {};
  for (const name in wanted) {
    const expected = wanted[name]!;
    const value = values[foldNames ? name.toLowerCase() : name];
    const texts = (Array.isArray(value) ? value : [value]).filter(isScalar).map(String);
    if (texts.includes(expected)) continue;
    const pointer = `/when/${part}/${toPointerToken(name)}`;
    // A repeated query parameter or header shows every value it had: one of them would have been enough.
    return texts.length === 0 ? { pointer, expected: shown(expected) } : { pointer, expected: shown(expected), received: shown(texts.join(', ')) };
  }
  return undefined;
}

/** The body's miss; a body that arrived but is not JSON is named as such, not as no body. */
function toRequestBodyMiss(wanted: unknown, request: RequestParts): ConditionMiss | undefined {
  if (request.body === undefined && request.bodyProblem !== undefined) {
    return { pointer: '/when/body', expected: shown(toSortedJson(wanted)), received: shown(`(not JSON: ${request.bodyProblem})`) };
  }
  return toBodyMiss('/when/body', wanted, request.body);
}

/** Where the body first differs from `wanted`: the field that is missing or different, as deep as objects go. */
function toBodyMiss(pointer: string, wanted: unknown, value: unknown): ConditionMiss | undefined {
  if (value === undefined) return { pointer, expected: shown(toSortedJson(wanted)) };
  if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted) && isObject(value)) {
    for (const [key, expected] of Object.entries(wanted)) {
      const miss = toBodyMiss(`${pointer}/${toPointerToken(key)}`, expected, Object.hasOwn(value, key) ? value[key] : undefined);
      if (miss) return miss;
    }
    return undefined;
  }
  const expected = toSortedJson(wanted);
  const received = toSortedJson(value);
  return expected === received ? undefined : { pointer, expected: shown(expected), received: shown(received) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `text` as a miss shows it: whole up to 200 characters, else cut with an ellipsis. */
export function shown(text: string): string {
  return text.length <= SHOWN_CHARACTERS ? text : `${text.slice(0, SHOWN_CHARACTERS - 1)}…`;
}
