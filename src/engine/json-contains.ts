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
  if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const fields = value as Record<string, unknown>;
    return Object.entries(wanted).every(([key, expected]) => Object.hasOwn(fields, key) && containsJson(fields[key], expected));
  }
  return toSortedJson(value) === toSortedJson(wanted);
}

/**
 * JSON text with every object's keys sorted: equal for equal JSON whatever order its keys were written in (as
 * WireMock's `equalToJson` reads it), `{"a":1,"b":2}` for `{ b: 2, a: 1 }`.
 */
export function toSortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toSortedJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const fields = value as Record<string, unknown>;
  return `{${Object.keys(fields)
    .sort()
    .filter((key) => fields[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${toSortedJson(fields[key])}`)
    .join(',')}}`;
}
