/**
 * Replay detection over a bounded, oldest-first list of keys kept in a world as plain data (the admin API shows it).
 * Scanning that list with `includes` cost tens of µs per signed request at 1,000 keys, and a `Map` index beside it
 * (key -> occurrences) still cost a few µs at the server: ten lookups and changes per request in a 2,000-entry table
 * whose deleted entries pile up until it is rebuilt, and a map entry for the GC to trace per kept key. So each list
 * gets an index of its own made of one typed array, built from the list on first use and updated with it: an
 * open-addressing table of list positions, addressed by a hash of the key and always checked against the key in the
 * list (a hash collision never makes a replay). The list stays the record; it must only be changed through this
 * function, or its index would no longer match it.
 */
interface ListIndex {
  /** Slots of `sequence + 1` (0 = empty); a key's sequence is its position in the list plus `dropped`. */
  slots: Int32Array;
  /** Each kept key's hash at `sequence & mask` (the list never holds more keys than a quarter of the slots). */
  hashes: Int32Array;
  /** Keys dropped from the front of the list since the index was built: positions move, sequences do not. */
  dropped: number;
}

const indexes = new WeakMap<string[], ListIndex>();

/**
 * FNV-1a over UTF-16 code units: keys are short (a base64 signature, a nonce), and this allocates nothing. Cut to 30
 * bits, which V8 keeps as a small integer rather than a heap number wherever it passes the value around.
 */
export function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

/** At most a quarter of the slots are ever in use, so probe chains stay short. */
function buildIndex(list: string[], room: number): ListIndex {
  let size = 64;
  while (size < (list.length + room) * 4) size *= 2;
  const index: ListIndex = { slots: new Int32Array(size), hashes: new Int32Array(size), dropped: 0 };
  for (let position = 0; position < list.length; position++) insert(index, hashOf(list[position]!), position);
  return index;
}

/** Sequences stay far below 2^31 (an Int32Array slot): an index is built again long before. */
const MAX_DROPPED = 2 ** 30;

function indexOf(list: string[], room: number): ListIndex {
  const index = indexes.get(list);
  if (index && (list.length + room) * 4 <= index.slots.length && index.dropped < MAX_DROPPED) return index;
  const built = buildIndex(list, room);
  indexes.set(list, built);
  return built;
}

function insert(index: ListIndex, hash: number, sequence: number): void {
  const mask = index.slots.length - 1;
  let slot = hash & mask;
  while (index.slots[slot] !== 0) slot = (slot + 1) & mask;
  index.slots[slot] = sequence + 1;
  index.hashes[sequence & mask] = hash;
}

function has(index: ListIndex, list: string[], key: string, hash: number): boolean {
  const { slots, dropped } = index;
  const mask = slots.length - 1;
  for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    if (list[slots[slot]! - 1 - dropped] === key) return true;
  }
  return false;
}

/**
 * Drop the list's first key and its entry (sequence `dropped`), then close the gap the entry leaves in its probe chain
 * by moving later entries back (linear probing's deletion without tombstones, Knuth's algorithm R).
 */
function dropFirst(index: ListIndex, list: string[]): void {
  const { slots, hashes } = index;
  const mask = slots.length - 1;
  let gap = hashes[index.dropped & mask]! & mask;
  while (slots[gap] !== index.dropped + 1) gap = (gap + 1) & mask;
  for (let slot = (gap + 1) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    const home = hashes[(slots[slot]! - 1) & mask]! & mask;
    // The entry may move into the gap unless its home slot lies cyclically within (gap, slot].
    if (gap <= slot ? home <= gap || home > slot : home <= gap && home > slot) {
      slots[gap] = slots[slot]!;
      gap = slot;
    }
  }
  slots[gap] = 0;
  index.dropped++;
  list.shift();
}

/** One call's key hashes, reused from call to call (a signed request brings two: its signature and its nonce). */
let keyHashes = new Int32Array(2);

/**
 * Record `keys` unless one of them is already in `list` (a replay). Beyond `max` entries the oldest are dropped.
 *
 * @example
 * const seen: string[] = [];
 * recordUnlessReplayed(seen, ['sig-1', 'nonce:a'], 1000) // true: first time
 * recordUnlessReplayed(seen, ['sig-2', 'nonce:a'], 1000) // false: the nonce was seen
 */
export function recordUnlessReplayed(list: string[], keys: readonly string[], max: number): boolean {
  const index = indexOf(list, keys.length);
  if (keyHashes.length < keys.length) keyHashes = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) keyHashes[i] = hashOf(keys[i]!);
  for (let i = 0; i < keys.length; i++) if (has(index, list, keys[i]!, keyHashes[i]!)) return false;
  for (let i = 0; i < keys.length; i++) {
    insert(index, keyHashes[i]!, list.length + index.dropped);
    list.push(keys[i]!);
  }
  while (list.length > max) dropFirst(index, list);
  return true;
}
