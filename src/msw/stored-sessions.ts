import type { SessionRegistry } from '../engine/session-registry.js';
import { exportSession, importSession, type SessionFileTools } from '../pipeline/session-files.js';
import { MemoryStateStore, type MemoryStateStoreOptions } from '../state/memory-state-store.js';
import type { LogWriter, Settled } from '../state/state-store.js';

/**
 * The handlers' sessions kept in a Web Storage (`sessionStorage`) across reloads of the page: under MSW in a browser
 * the sandbox lives in the page, so a reload, or following a magic link into the app's own landing route, started a
 * sandbox that had never issued the link's token (and forgot an enrolled authenticator, a switched scenario, a lock).
 * Each session is kept as its session file (the admin API's export: scenario choice, worlds, overrides, clock), and
 * read back through the same import, which checks it against this sandbox's scenarios and specs.
 */

/** What the handlers need of a Web Storage; `sessionStorage` (one tab's), or any object with these two methods. */
export interface SessionStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The one item the sessions are kept under. */
export const STORED_SESSIONS_KEY = 'mfa-sandbox/msw:sessions';

/** The item's shape: a format name, so that another item under the key is never read as sessions. */
interface StoredSessions {
  format: 'mfa-sandbox-stored-sessions';
  sessions: Record<string, unknown>;
}

const settledNow = <T>(value: Settled<T>): T => {
  // The handlers' store is the memory store, whose answers are immediate.
  if (value instanceof Promise) throw new Error('mfa-sandbox/msw: stored sessions need the memory store');
  return value;
};

/**
 * Import the sessions `storage` holds into `sessions`; returns a warning for each one it could not (a scenario renamed
 * since it was stored: that session starts afresh) and for an item that is not the handlers' own.
 *
 * @example
 * restoreSessions(sessions, sessionStorage, tools) // [] after a reload that kept two sessions
 */
export function restoreSessions(sessions: SessionRegistry, storage: SessionStorageLike, tools: SessionFileTools): string[] {
  const text = storage.getItem(STORED_SESSIONS_KEY);
  if (text === null) return [];
  let stored: StoredSessions | undefined;
  try {
    const parsed = JSON.parse(text) as Partial<StoredSessions> | null;
    if (parsed?.format === 'mfa-sandbox-stored-sessions' && typeof parsed.sessions === 'object' && parsed.sessions !== null) stored = parsed as StoredSessions;
  } catch {
    // Not JSON: said below.
  }
  if (!stored) return [`storage item "${STORED_SESSIONS_KEY}" holds no sessions of these handlers; starting afresh (it is replaced on the next change)`];
  const warnings: string[] = [];
  for (const [id, file] of Object.entries(stored.sessions)) {
    try {
      settledNow(importSession(sessions, id, file, tools));
    } catch (error) {
      warnings.push(`session "${id}" kept in storage could not be restored, it starts afresh: ${(error as Error).message}`);
    }
  }
  return warnings;
}

/**
 * Write every session to `storage`: all of them, as their files, in one item. A storage that refuses the write (its
 * quota) leaves the last item as it was, and `warn` is told why.
 */
export function storeSessions(sessions: SessionRegistry, storage: SessionStorageLike, warn: (message: string) => void): void {
  const stored: StoredSessions = { format: 'mfa-sandbox-stored-sessions', sessions: {} };
  for (const id of settledNow(sessions.ids())) stored.sessions[id] = settledNow(exportSession(sessions, id));
  try {
    storage.setItem(STORED_SESSIONS_KEY, JSON.stringify(stored));
  } catch (error) {
    warn(`the sessions could not be kept in storage (${(error as Error).message}); a reload will start them afresh`);
  }
}

/**
 * The memory store, telling `changed` after every unit of work on a session (a request, a control), a deletion and a
 * reset: the moments a stored copy of the sessions falls behind.
 */
export class ChangeReportingMemoryStore<D, L> extends MemoryStateStore<D, L> {
  readonly #changed: () => void;

  constructor(options: MemoryStateStoreOptions<L>, changed: () => void) {
    super(options);
    this.#changed = changed;
  }

  override update<R>(key: string, create: () => D, work: (document: D, log: LogWriter<L>) => R): R {
    const result = super.update(key, create, work);
    if (result instanceof Promise) void result.then(this.#changed, this.#changed);
    else this.#changed();
    return result;
  }

  override delete(key: string): boolean {
    const deleted = super.delete(key);
    this.#changed();
    return deleted;
  }

  override clear(): number {
    const cleared = super.clear();
    this.#changed();
    return cleared;
  }
}
