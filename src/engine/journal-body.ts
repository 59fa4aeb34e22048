/**
 * What the request journal keeps of a body. Bodies come from clients, so they can be anything JSON allows: nested
 * thousands of levels deep (which JSON.stringify cannot write back: the admin API would fail on that session) or
 * megabytes of text (which, kept for a hundred requests in each of thousands of sessions, would let a long-running
 * shared mock grow without bound). The journal is for reading what a client sent, so it keeps the shape and the
 * beginning of each string, and says where it cut.
 */

export const JOURNAL_MAX_DEPTH = 32;
export const JOURNAL_MAX_STRING = 16 * 1024;
export const JOURNAL_MAX_ENTRIES = 1_000;

function truncated(what: string): string {
  return `[truncated by the sandbox: ${what}]`;
}

function copy(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    return value.length > JOURNAL_MAX_STRING ? `${value.slice(0, JOURNAL_MAX_STRING)}${truncated(`${value.length} characters`)}` : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= JOURNAL_MAX_DEPTH) return truncated(`nested deeper than ${JOURNAL_MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    const items = value.slice(0, JOURNAL_MAX_ENTRIES).map((item) => copy(item, depth + 1));
    if (value.length > JOURNAL_MAX_ENTRIES) items.push(truncated(`${value.length} items`));
    return items;
  }
  // Keys, not entries: this runs for every journalled body, and Object.entries allocates a pair per field.
  const keys = Object.keys(value);
  const kept = Math.min(keys.length, JOURNAL_MAX_ENTRIES);
  const result: Record<string, unknown> = {};
  for (let index = 0; index < kept; index++) {
    const key = keys[index]!;
    result[key] = copy((value as Record<string, unknown>)[key], depth + 1);
  }
  if (keys.length > JOURNAL_MAX_ENTRIES) result['…'] = truncated(`${keys.length} keys`);
  return result;
}

/**
 * A bounded copy of a body for the journal: at most 32 levels deep, 1,000 items per level, 16 KiB per string.
 *
 * @example
 * toJournalBody({ code: '123456' }) // { code: '123456' } (small bodies are kept as they are)
 */
export function toJournalBody(body: unknown): unknown {
  return copy(body, 0);
}
