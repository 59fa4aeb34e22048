/**
 * An `application/x-www-form-urlencoded` body read as Express's urlencoded parser reads it with `extended: true` (what a
 * NestJS app registers by default: body-parser, which hands the text to `qs`): `credentials[email]=a` is
 * `{ credentials: { email: 'a' } }`, `a[]=1&a[]=2` and `a=1&a=2` are arrays, `a[0]=x` is an array item (indices up to
 * 20, qs's arrayLimit; a larger one is an object key), every value is a string. The subset a client sends; not qs's
 * options (dots, comma lists, charset sentinels). `__proto__` and the like are dropped, as qs drops prototype keys.
 *
 * @example
 * parseExtendedForm('providerName=email&credentials%5Bemail%5D=ada%40example.com') // { providerName: 'email', credentials: { email: 'ada@example.com' } }
 */
export function parseExtendedForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawKey = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    const path = toKeyPath(decode(rawKey));
    if (path.length === 0 || path.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    assign(root, path, value);
  }
  return root;
}

/** qs's arrayLimit: `a[21]` is the key "21" of an object, not an item of a 22-item array. */
const ARRAY_LIMIT = 20;
/** body-parser 2's depth for qs: brackets past it are part of the last key, as written. */
const DEPTH = 32;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `+` is a space; a malformed escape is kept as written (qs's decoder does the same). */
function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** `a[b][]` → ['a', 'b', ''] (an empty segment appends); a key without brackets is one segment. */
function toKeyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const path = [key.slice(0, open)];
  const segment = /\[([^[\]]*)\]/g;
  segment.lastIndex = open;
  let end = open;
  for (let match = segment.exec(key); match && match.index === end && path.length <= DEPTH; match = segment.exec(key)) {
    path.push(match[1]!);
    end = segment.lastIndex;
  }
  // What does not read as brackets stays part of the last key, as qs keeps it.
  if (end < key.length) path[path.length - 1] += key.slice(end);
  return path;
}

function assign(target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [key, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    setChild(target, key, value);
    return;
  }
  const existing = getChild(target, key);
  const child =
    existing !== null && typeof existing === 'object' ? (existing as Record<string, unknown> | unknown[]) : rest[0] === '' || isIndex(rest[0]!) ? [] : {};
  if (child !== existing) setChild(target, key, child);
  assign(child, rest, value);
}

const isIndex = (segment: string) => /^\d+$/.test(segment) && Number(segment) <= ARRAY_LIMIT;

function getChild(target: Record<string, unknown> | unknown[], key: string): unknown {
  if (Array.isArray(target)) return key === '' ? undefined : target[Number(key)];
  return Object.hasOwn(target, key) ? target[key] : undefined;
}

/** Set a key: `[]` appends, a repeated plain key becomes a list (`a=1&a=2`), an index past the limit an object key. */
function setChild(target: Record<string, unknown> | unknown[], key: string, value: unknown): void {
  if (Array.isArray(target)) {
    if (key === '' || !isIndex(key)) target.push(value);
    else target[Number(key)] = value;
    return;
  }
  if (typeof value === 'string' && Object.hasOwn(target, key)) {
    const previous = target[key];
    target[key] = Array.isArray(previous) ? [...(previous as unknown[]), value] : [previous, value];
    return;
  }
  target[key] = value;
}
