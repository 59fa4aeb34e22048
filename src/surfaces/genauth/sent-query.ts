/**
 * The query parameters exactly as the client sent them (what the SDK signed), as `URLSearchParams` reads them: pairs
 * split on `&` (after one more leading `?`), a key without `=` has the value '', `+` and `%XX` decoded, the last of repeated keys wins.
 *
 * A query with neither `+` nor `%` decodes to itself, so it is split here directly; `URLSearchParams` and its
 * iterator cost about a microsecond on every signed GET, a visible share of what the sandbox adds to a plain route.
 *
 * @example
 * sentQuery('/api/v3/get-mfa-status?userId=u1&userIdType=user_id'); // { userId: 'u1', userIdType: 'user_id' }
 */
export function sentQuery(path: string): Record<string, string> {
  const start = path.indexOf('?');
  if (start === -1) return {};
  const sent = path.slice(start + 1);
  if (sent.includes('%') || sent.includes('+')) return Object.fromEntries(new URLSearchParams(sent));
  // URLSearchParams drops one leading '?' of its input, so `/p??a=1` reads as `a=1`.
  const query = sent.startsWith('?') ? sent.slice(1) : sent;
  const fields: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    // Defined, not assigned: `__proto__` stays a field, as with URLSearchParams, instead of replacing the prototype.
    if (key === '__proto__') Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
    else fields[key] = value;
  }
  return fields;
}
