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
/**
 * About how much of a body is kept in all, counted as its JSON text would be. Each bound above alone let a 1 MiB body of sixty-odd 16 KiB strings be kept whole: a
 * hundred such requests held 100 MB in one session, and a few sessions took a shared mock past its heap.
 */
export const JOURNAL_MAX_BODY = 32 * 1024;

function truncated(what: string): string {
  return `[truncated by the sandbox: ${what}]`;
}

/** What is left of the body's JOURNAL_MAX_BODY as the copy goes; spent, the rest is left out. */
interface Budget {
  left: number;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * The beginning of a string as a string of its own. V8 makes a slice of a long string a view into it, so the 16 KiB
 * kept of a 1 MB string held the whole megabyte: a journal of such bodies grew by the body limit per request. Encoding
 * and decoding copies the characters (in a browser too, where the engine also runs; a lone half of a surrogate pair
 * cut at the end becomes U+FFFD).
 */
function detachedBeginning(text: string, length: number): string {
  return utf8Decoder.decode(utf8Encoder.encode(text.slice(0, length)));
}

function copy(value: unknown, depth: number, budget: Budget): unknown {
  if (typeof value === 'string') {
    const kept = Math.min(value.length, JOURNAL_MAX_STRING, Math.max(budget.left, 0));
    budget.left -= kept + 2;
    return kept < value.length ? `${detachedBeginning(value, kept)}${truncated(`${value.length} characters`)}` : value;
  }
  if (typeof value !== 'object' || value === null) {
    budget.left -= String(value).length + 1; // its JSON text and a comma
    return value;
  }
  budget.left -= 2;
  if (depth >= JOURNAL_MAX_DEPTH) return truncated(`nested deeper than ${JOURNAL_MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    const kept = Math.min(value.length, JOURNAL_MAX_ENTRIES);
    for (let index = 0; index < kept && budget.left > 0; index++) items.push(copy(value[index], depth + 1, budget));
    if (items.length < value.length) items.push(truncated(`${value.length} items`));
    return items;
  }
  // Keys, not entries: this runs for every journalled body, and Object.entries allocates a pair per field.
  const keys = Object.keys(value);
  const kept = Math.min(keys.length, JOURNAL_MAX_ENTRIES);
  const result: Record<string, unknown> = {};
  let index = 0;
  for (; index < kept && budget.left > 0; index++) {
    const key = keys[index]!;
    budget.left -= key.length + 3;
    result[key] = copy((value as Record<string, unknown>)[key], depth + 1, budget);
  }
  if (index < keys.length) result['…'] = truncated(`${keys.length} keys`);
  return result;
}

/**
 * A bounded copy of a body for the journal: at most 32 levels deep, 1,000 items per level, 16 KiB per string and
 * about 32 KiB in all.
 *
 * @example
 * toJournalBody({ code: '123456' }) // { code: '123456' } (small bodies are kept as they are)
 */
export function toJournalBody(body: unknown): unknown {
  return copy(body, 0, { left: JOURNAL_MAX_BODY });
}
