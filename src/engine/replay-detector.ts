/**
 * Replay detection over a bounded, oldest-first list of keys kept in a world as plain data (the admin API shows it).
 * Scanning that list with `includes` cost tens of µs per signed request at 1,000 keys, so each list gets a Map index
 * (key -> occurrences) beside it, built from the list on first use and updated together with it. The list stays the
 * record; it must only be changed through this function, or its index would no longer match it.
 */
const indexes = new WeakMap<string[], Map<string, number>>();

function indexOf(list: string[]): Map<string, number> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    for (const key of list) index.set(key, (index.get(key) ?? 0) + 1);
    indexes.set(list, index);
  }
  return index;
}

/**
 * Record `keys` unless one of them is already in `list` (a replay). Beyond `max` entries the oldest are dropped.
 *
 * @example
 * const seen: string[] = [];
 * recordUnlessReplayed(seen, ['sig-1', 'nonce:a'], 1000) // true: first time
 * recordUnlessReplayed(seen, ['sig-2', 'nonce:a'], 1000) // false: the nonce was seen
 */
export function recordUnlessReplayed(list: string[], keys: readonly string[], max: number): boolean {
  const index = indexOf(list);
  for (const key of keys) if (index.has(key)) return false;
  for (const key of keys) {
    list.push(key);
    index.set(key, (index.get(key) ?? 0) + 1);
  }
  while (list.length > max) {
    const oldest = list.shift()!;
    const count = index.get(oldest)! - 1;
    if (count === 0) index.delete(oldest);
    else index.set(oldest, count);
  }
  return true;
}
