import type { JournalEntry } from '../engine/journal.js';
import type { SessionRegistry, SessionState } from '../engine/session-registry.js';
import type { Settled } from '../state/state-store.js';
import { findTotpCode, listTotpCodes, type TotpCodeStatus } from '../engine/current-totp-codes.js';
import type { OutboxMessage, World } from '../engine/world.js';
import { changeSessionClock, type SessionClockChange } from '../engine/session-clock.js';
import type { SessionFile, SessionFileSchemaCheck } from '../engine/session-file.js';
import { SESSION_HEADER } from './request-context.js';
import { exportSession, importSession, type ImportedSession } from './session-files.js';

/**
 * The in-process controls of one session, the same whichever transport carries its requests: `createSandbox()` (a
 * server on a port) and `createMfaHandlers()` (MSW, in the browser or in Node tests) both hand these out.
 */

/** One isolated session: its header, scenario, state, outbox and authenticator codes. */
export interface SandboxSession {
  readonly id: string;
  /** Headers that put a request in this session: spread them into fetch/axios headers. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Switch the session (all surfaces that have the scenario, or one) and start it fresh. The new worlds exist at once:
   * `state()`, `totpCode()` and the admin API show them before any vendor request.
   */
  useScenario(name: string, surface?: string): string[];
  /** Messages (magic links, one-time codes) the session's surfaces sent. */
  outbox(surface?: string): Array<OutboxMessage & { surface: string }>;
  /**
   * The code an authenticator shows now for a TOTP secret of this session. By factor id: that factor, verified or not.
   * By user id: the user's enrolled (verified) device; when the user has none, their TOTP setup in progress (Flashback
   * `POST /mfa/setup` `GOOGLE_AUTH`, nest-auth `setup/totp`, Lerian `totp`), i.e. the code that verifies the setup.
   * `options.status` asks for one kind only (`'pending'`: the setup's code even when a device is already enrolled).
   * The session's current worlds are searched first. Throws when nothing matches.
   *
   * @example
   * await fetch(`${sandbox.url}/flashback/mfa/setup`, { method: 'POST', headers, body: '{"mfaType":"GOOGLE_AUTH"}' });
   * const code = qa.totpCode('usr_ada'); // verifies the setup: POST /flashback/mfa/verify-setup {"mfaType":"GOOGLE_AUTH","code":code}
   */
  totpCode(factorOrUserId: string, options?: { status?: TotpCodeStatus }): string;
  journal(): JournalEntry[];
  /**
   * The session as a file (scenario choice, worlds, clock): attach it to a ticket; `importFile` in another sandbox
   * replays it.
   */
  exportFile(): SessionFile;
  /**
   * Replace the session with a file's state (the file's session id does not matter). Throws, changing nothing, when
   * the file is not a session file or names a surface or scenario this sandbox lacks; `problems` on the error say where.
   *
   * @example
   * sandbox.session('replay').importFile(JSON.parse(readFileSync('bug-123.json', 'utf8')));
   */
  importFile(file: unknown): ImportedSession;
  /** The session's own time: freeze or move it to reproduce expiries; other sessions keep theirs. */
  readonly clock: SandboxSessionClock;
  /**
   * The session's worlds by `<surface>/<scenario>` (read-only view of the live state): the current world of every
   * surface (built now if the session has not used it yet, as its next request would) and any `Prefer` ones.
   */
  state(): Record<string, World>;
  reset(): void;
}

/**
 * One session's time. Every expiry and time check of its vendor requests uses it (TOTP windows, code and magic-link
 * expiry, GenAuth's timestamp skew); `totpCode()` and the admin API's codes follow it too.
 *
 * @example
 * qa.clock.freeze();
 * const code = qa.totpCode('usr_ada');
 * qa.clock.advance(90_000); // three steps later: the code is outside the window, the vendor's wrong-code answer
 */
export interface SandboxSessionClock {
  /** The session's time now, in ms since the epoch. */
  now(): number;
  /** Stop the session's time, at `at` or where it stands. */
  freeze(at?: Date | number): void;
  /** Let a frozen session's time run on from where it stands. */
  resume(): void;
  /** Jump to a moment; a frozen clock stays frozen there. */
  set(at: Date | number): void;
  /** Move the session's time by `ms` (negative: back). */
  advance(ms: number): void;
  /** Back to the sandbox's clock. */
  reset(): void;
}

/** The controls of every session at once: `session(id)` for one, the others act on the `default` session. */
export interface SandboxSessions extends Omit<SandboxSession, 'id' | 'headers'> {
  session(id: string): SandboxSession;
  /** Forget every session; each starts again from its scenario on its next request. */
  reset(): void;
}

/**
 * The value of a store call the in-process controls make. They are synchronous (`qa.totpCode('usr_ada')` reads like a
 * fact, in a test or a browser), which the embedded memory store allows; a networked store is for served replicas,
 * whose sessions are read and changed through the admin API.
 */
function now<T>(value: Settled<T>): T {
  if (value instanceof Promise)
    throw new Error('The in-process session controls need the memory state store; use the admin API (/__admin) with a networked one');
  return value;
}

/**
 * The controls of session `id` (created on first use, as a request would create it).
 *
 * @example
 * const qa = createSandboxSession(sessions, 'checkout-test');
 * qa.useScenario('org-enforced'); // ['flashback', 'nest-auth', 'genauth']
 */
export function createSandboxSession(sessions: SessionRegistry, id: string, checkSessionFile: SessionFileSchemaCheck): SandboxSession {
  const withSession = <R>(work: (session: SessionState) => R): R => now(sessions.update(id, work));
  const changeClock = (change: SessionClockChange) =>
    withSession((session) => void (session.clock = changeSessionClock(session.clock, change, sessions.clock.now())));
  const clock: SandboxSessionClock = {
    now: () => withSession((session) => sessions.nowOf(session)),
    freeze: (at) => changeClock(at === undefined ? { frozen: true } : { at: Number(at), frozen: true }),
    resume: () => changeClock({ frozen: false }),
    set: (at) => changeClock({ at: Number(at) }),
    advance: (ms) => changeClock({ advanceMs: ms }),
    reset: () => withSession((session) => void delete session.clock),
  };
  return {
    clock,
    exportFile: () => now(exportSession(sessions, id)),
    importFile: (file) => now(importSession(sessions, id, file, checkSessionFile)),
    id,
    headers: { [SESSION_HEADER]: id },
    useScenario: (name, surface) => withSession((session) => sessions.useScenario(session, name, surface)),
    outbox: (surface) =>
      Object.values(now(sessions.read(id))?.worlds ?? {})
        .filter((world) => !surface || world.surface === surface)
        .flatMap((world) => world.outbox.map((message) => ({ ...message, surface: world.surface }))),
    totpCode: (factorOrUserId, options = {}) =>
      withSession((session) => {
        // The session's time, so a controlled or session clock gives the code the sandbox accepts at its own time.
        const entries = listTotpCodes(sessions.worldsForReading(session), sessions.nowOf(session));
        const entry = findTotpCode(entries, factorOrUserId, options.status);
        if (!entry) throw new Error(`No TOTP factor or setup "${factorOrUserId}"${options.status ? ` (${options.status})` : ''} in session "${id}"`);
        return entry.code;
      }),
    journal: () => withSession(() => now(sessions.journal(id))),
    state: () =>
      withSession((session) => {
        sessions.worldsForReading(session);
        return session.worlds;
      }),
    reset: () => void now(sessions.reset(id)),
  };
}

/**
 * `session(id)` plus the `default` session's controls at the top level, as `createSandbox()` returns them;
 * `reset()` forgets every session.
 */
export function createSandboxSessions(sessions: SessionRegistry, checkSessionFile: SessionFileSchemaCheck): SandboxSessions {
  const defaultSession = createSandboxSession(sessions, 'default', checkSessionFile);
  return {
    session: (id) => createSandboxSession(sessions, id, checkSessionFile),
    exportFile: () => defaultSession.exportFile(),
    importFile: (file) => defaultSession.importFile(file),
    useScenario: (name, surface) => defaultSession.useScenario(name, surface),
    outbox: (surface) => defaultSession.outbox(surface),
    totpCode: (factorOrUserId, options) => defaultSession.totpCode(factorOrUserId, options),
    journal: () => defaultSession.journal(),
    clock: defaultSession.clock,
    state: () => defaultSession.state(),
    reset: () => now(sessions.resetAll()),
  };
}
