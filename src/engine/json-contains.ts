/**
 * Whether `value` holds `wanted`: every field of an object given, recursively; anything else (arrays, strings,
 * numbers) equal as JSON. What the journal's `requestBody` filter and an override's `when.body` both mean by
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
  return JSON.stringify(value) === JSON.stringify(wanted);
}
