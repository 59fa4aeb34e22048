/**
 * Whether `value` holds `wanted`: every field of an object given, recursively; anything else (arrays, strings,
 * numbers) equal as JSON, whatever the order of the keys of objects inside an array. What the journal's `requestBody` filter and an override's `when.body` both mean by
 * "the body contains", so QA writes one kind of expectation for both.
 *
 * @example
 * containsJson({ mfaType: 'GOOGLE_AUTH', code: '123456' }, { code: '123456' }); // true
 * containsJson({ methods: ['totp', 'email'] }, { methods: ['totp'] });          // false: arrays are compared whole
 */
export function containsJson(value: unknown, wanted: unknown): boolean {
  // A stack of pairs still to compare, not recursion: a `requestBody` filter nested thousands of levels deep (a few KB
  // of query string) must be a "no", not a stack overflow.
  const pending: Array<[unknown, unknown]> = [[value, wanted]];
  while (pending.length > 0) {
    const [held, expected] = pending.pop()!;
    if (isObject(expected)) {
      if (!isObject(held)) return false;
      for (const key of Object.keys(expected)) {
        if (!Object.hasOwn(held, key)) return false;
        pending.push([held[key], expected[key]]);
      }
    } else if (toSortedJson(held) !== toSortedJson(expected)) {
      return false;
    }
  }
  return true;
}

/** Stands for text to write between the values toSortedJson takes from its stack. */
class Punctuation {
  constructor(readonly text: string) {}
}

/**
 * JSON text with every object's keys sorted: equal for equal JSON whatever order its keys were written in (as
 * WireMock's `equalToJson` reads it), `{"a":1,"b":2}` for `{ b: 2, a: 1 }`. Written from a stack, not by recursion: a
 * request body of 5,000 nested arrays (10 KB) overflowed the call stack when an override's `when.body` met it.
 */
export function toSortedJson(value: unknown): string {
  let text = '';
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next instanceof Punctuation) text += next.text;
    else if (Array.isArray(next)) {
      text += '[';
      pending.push(new Punctuation(']'));
      for (let index = next.length - 1; index >= 0; index--) {
        pending.push(next[index]);
        if (index > 0) pending.push(new Punctuation(','));
      }
    } else if (isObject(next)) {
      text += '{';
      pending.push(new Punctuation('}'));
      const keys = Object.keys(next)
        .sort()
        .filter((key) => next[key] !== undefined);
      for (let index = keys.length - 1; index >= 0; index--) {
        pending.push(next[keys[index]!], new Punctuation(`${index > 0 ? ',' : ''}${JSON.stringify(keys[index])}:`));
      }
    } else text += JSON.stringify(next) ?? 'null';
  }
  return text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
