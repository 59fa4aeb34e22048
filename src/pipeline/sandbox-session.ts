import type { JournalEntry } from '../engine/journal.js';
import { SESSION_ID_PATTERN, SESSION_ID_RULE, type SessionRegistry, type SessionState } from '../engine/session-registry.js';
import { SandboxError } from '../errors.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import { setUserLocked, type LockedWorld } from '../engine/set-user-locked.js';
import { setSessionSeed } from '../engine/seeded-draws.js';
import { toMomentMs } from '../engine/iso-time.js';
import type { Settled } from '../state/state-store.js';
import { findTotpCode, listTotpCodes, type TotpCodeStatus } from '../engine/current-totp-codes.js';
import type { OutboxMessage, World } from '../engine/world.js';
import { changeSessionClock, type SessionClockChange } from '../engine/session-clock.js';
import { checkAdvanceMs } from '../engine/clock.js';
import type { SessionFile, SessionFileSchemaCheck } from '../engine/session-file.js';
import { isDynamicSeed, MAX_DYNAMIC_SEED, SESSION_HEADER } from './request-context.js';
import { exportSession, importSession, type ImportedSession } from './session-files.js';
import {
  describeExpectation,
  filterJournal,
  toJournalExpectations,
  toJournalFilter,
  toIncompleteJournalNote,
  verifyJournal,
  type JournalExpectation,
  type JournalFilter,
  type JournalVerification,
  type JournalVocabulary,
} from '../engine/journal-query.js';
import { checkJournalUsers, toSessionUsers } from '../engine/journal-users.js';
import {
  addSessionOverride,
  clearSessionOverrides,
  removeSessionOverride,
  sessionOverridesOf,
  type SessionOverride,
  type SessionOverrideInput,
} from '../engine/session-overrides.js';
import { toCheckedOverride, toJournalVocabulary, type RoutesBySurface } from './check-override.js';
import { toSessionPrefix } from './session-prefix.js';
import { listOutbox, outboxCursorOf, toOutboxCriteria, type ListedOutboxMessage, type OutboxCriteria } from '../engine/outbox-query.js';
import { DEFAULT_IN_PROCESS_WAIT_MS, MAX_OUTBOX_WAIT_MS, OutboxWaitTimeoutError, waitForOutboxMessage } from './outbox-wait.js';
import {
  exportPasskeys,
  importPasskey,
  type ImportedPasskey,
  type PasskeySelection,
  type PasskeySurface,
  type PlaywrightPasskey,
} from '../engine/passkey-sharing.js';
import { isErrorOfClass, stampErrorClass } from '../errors.js';

/**
 * The in-process controls of one session, the same whichever transport carries its requests: `createSandbox()` (a
 * server on a port) and `createMfaHandlers()` (MSW, in the browser or in Node tests) both hand these out.
 */

/** `T` whose `surface`, when given, is one of `S`. */
type SurfaceFilter<T extends { surface?: string }, S extends string> = Omit<T, 'surface'> & { surface?: S };
/** `T` whose `surface` is one of `S` and whose `operationId` one of `O` (optional or required as in `T`). */
type OperationFilter<T extends { surface?: string; operationId?: string }, S extends string, O extends string> = Omit<T, 'surface' | 'operationId'> & {
  surface?: S;
} & (undefined extends T['operationId'] ? { operationId?: O } : { operationId: O });
/** `T` on one of the surfaces `S`. */
type OnSurface<T extends { surface: string }, S extends string> = Omit<T, 'surface'> & { surface: S };
/**
 * What a wait for a message that `contains` a link or a code returns: that link (with its token) or code for sure, so
 * a caller needs no `!` (a magic link's message always carries both, a code's message its code).
 */
export type WaitedMessage<S extends string, C extends OutboxCriteria['contains']> = OnSurface<ListedOutboxMessage, S> &
  (C extends 'link' ? { link: string; token: string } : C extends 'code' ? { code: string } : unknown);

/**
 * One isolated session: its header, scenario, state, outbox and authenticator codes. `S` is what names a surface: the
 * package's entry points give `SurfaceId`, so a misspelt surface (`'flashbak'`) is a compile error, not a test run.
 * `O` is what names an operation: the entry points give the shipped specs' operationIds, which editors offer, and any
 * other string (a spec of the user's own may add operations). `N` names a scenario the same way: the shipped ones, or
 * any other string (a scenarios directory of the user's own).
 */
export interface SandboxSession<S extends string = string, O extends string = string, N extends string = string> {
  readonly id: string;
  /** Headers that put a request in this session: spread them into fetch/axios headers. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The URL prefix that puts requests in this session without a header, for clients that cannot add one (a vendor SDK
   * given a base URL, a browser page): `${sandbox.url}${qa.pathPrefix}/flashback` is Flashback's base URL in this session.
   */
  readonly pathPrefix: string;
  /**
   * Switch the session (all surfaces that have the scenario, or one) and start it fresh. The new worlds exist at once:
   * `state()`, `totpCode()` and the admin API show them before any vendor request. Without `surface`, the surfaces
   * that have no such scenario start fresh in `default`. Returns the surfaces that switched.
   */
  useScenario(name: N, surface?: S): S[];
  /** Messages (magic links, one-time codes) the session's surfaces sent; of `surface` only (MOCK_ERR_UNKNOWN_SURFACE if not served). */
  outbox(surface?: S): Array<OutboxMessage & { surface: S }>;
  /**
   * Wait for the next message that meets `criteria` (all optional: `to`, `userId`, `channel`, `subject` (a part of
   * it), `contains: 'code' | 'link'`, `surface`), instead of polling or sleeping. It resolves at once when such a
   * message is already there (sent just before the call), else as soon as one is sent; after `timeoutMs` (default
   * 4 000, under a test runner's default 5 s; at most 60 000; wall time, fake timers or not) it rejects with an
   * `OutboxWaitTimeoutError` naming what it waited for.
   *
   * Which message is next: without `after`, the oldest matching message that no wait has returned yet (waits through
   * the admin API's `outbox/next` included), so successive waits return successive messages, never one twice. With
   * `after` (a cursor: a message's `seq`, or `outboxCursor()` taken before the action), the first matching message
   * numbered after it, whether a wait returned it or not. Either way the message counts as returned from then on.
   *
   * @example
   * await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers, body: '{}' });
   * const message = await qa.waitForMessage({ to: 'ada@example.com', contains: 'link' }, { timeoutMs: 5_000 });
   * await fetch(message.link); // follow it (typed: a wait for a link's message has its link)
   */
  waitForMessage<C extends OutboxCriteria['contains'] = undefined>(
    criteria?: SurfaceFilter<OutboxCriteria, S> & { contains?: C },
    options?: { timeoutMs?: number; after?: number },
  ): Promise<WaitedMessage<S, C>>;
  /** The `seq` of the session's latest outbox message (0 before any): `waitForMessage({...}, { after })` looks past it. */
  outboxCursor(): number;
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
  /**
   * The session as a file (scenario choice, worlds, clock): attach it to a ticket; `importFile` in another sandbox
   * replays it.
   */
  exportFile(): SessionFile;
  /**
   * Replace the session with a file's state (the file's session id does not matter). Throws, changing nothing, when
   * the file is not a session file or names a surface or scenario this sandbox lacks: a SandboxError
   * (`MOCK_ERR_INVALID_SESSION_FILE`) whose `extensions.problems` say where, each a `SessionFileProblem` (`{ pointer,
   * message }`), as the admin API's import lists them; the error's message names the first.
   *
   * @example
   * sandbox.session('replay').importFile(JSON.parse(readFileSync('bug-123.json', 'utf8')));
   * // catch (error) { (error as SandboxError).extensions.problems } // [{ pointer: '/session/scenarios/flashback', message: '...' }]
   */
  importFile(file: unknown): ImportedSession;
  /** The session's own time: freeze or move it to reproduce expiries; other sessions keep theirs. */
  readonly clock: SandboxSessionClock;
  /**
   * The session's journal, oldest first; with a filter, only the entries it keeps.
   *
   * @example
   * qa.journal({ operationId: 'verifyMFALogin', status: 401 }); // the refused logins of this session
   */
  journal(filter?: OperationFilter<JournalFilter, S, O>): JournalEntry[];
  /**
   * Assert call counts on the journal, as a test does: returns what each expectation counted when all hold, else throws
   * a `JournalVerificationError` (an assertion error any test runner shows) listing each broken one and its entries.
   *
   * @example
   * qa.verify({ operationId: 'verifyMFALogin', count: 1 });
   * qa.verify([{ operationId: 'sendMagicLink', atLeast: 1 }, { status: 500, count: 0 }]);
   */
  verify(expectations: OperationFilter<JournalExpectation, S, O> | Array<OperationFilter<JournalExpectation, S, O>>): JournalVerification[];
  /**
   * Forget the requests journalled so far, keeping the session's state (set up once, then verified per test).
   *
   * @example
   * beforeEach(() => qa.clearJournal());
   */
  clearJournal(): void;
  /**
   * Script an answer for this session only, checked against the spec now (a bad one throws, naming the JSON pointer of
   * each problem, and nothing is stored). It wins over the scenario's override of the same operation; the newest wins
   * among the session's. `surface` may be left out when one served surface has the operationId.
   *
   * @example
   * qa.addOverride({ surface: 'flashback', operationId: 'verifyMFALogin', status: 401, times: 1 }); // { id: 'ov-1', used: 0, ... }
   */
  addOverride(override: OperationFilter<SessionOverrideInput, S, O>): SessionOverride;
  /** The session's overrides, oldest first, with how often each answered (`used`; `used === times` is used up). */
  overrides(): SessionOverride[];
  /** Remove one override; false when the session has none of that id. */
  removeOverride(id: string): boolean;
  /** Remove every override of the session; returns how many there were. */
  clearOverrides(): number;
  /**
   * Lock a user in this session (or unlock it with `locked: false`), as `PUT /__admin/sessions/{id}/users/{userId}/lock`
   * does: each vendor's "account locked" answer at once, GenAuth's included (its management API checks no codes, so
   * only this locks there). Unlocking also clears the user's count of wrong codes. On every served surface that has
   * the user, or on `surface`; returns the worlds where it was found, and throws a SandboxError
   * (`MOCK_ERR_UNKNOWN_USER`) when none has it.
   *
   * @example
   * qa.lockUser('usr_ada'); // [{ surface: 'flashback', scenario: 'default' }]
   * qa.lockUser('usr_ada', { locked: false });
   */
  lockUser(userId: string, options?: { locked?: boolean; surface?: S }): Array<OnSurface<LockedWorld, S>>;
  /**
   * The session's worlds by `<surface>/<scenario>` (read-only view of the live state): the current world of every
   * surface (built now if the session has not used it yet, as its next request would) and any `Prefer` ones.
   */
  state(): Record<string, World>;
  /**
   * The session's passkeys the sandbox holds a private key for (a scenario's, or imported), in exactly the shape
   * Playwright's `browserContext.credentials.create(rpId, credential)` takes: seed a browser context with them and its
   * pages sign the surface's passkey challenges. Of one surface and/or user when `selection` says so (an unknown user
   * throws). A passkey registered through a vendor ceremony is not among them: import it from the browser first.
   *
   * @example
   * for (const passkey of qa.passkeys({ user: 'usr_ada' })) await context.credentials.create(passkey.rpId, passkey);
   * await context.credentials.install(); // the page's navigator.credentials.get() now answers with Ada's passkey
   */
  passkeys(selection?: SurfaceFilter<PasskeySelection, S>): PlaywrightPasskey[];
  /**
   * Put a passkey a browser holds (as Playwright's `context.credentials.get()` returns it) into a user's world: the user
   * `options.user`, else the one its user handle names; the surface whose relying party is its `rpId`, or
   * `options.surface`. The sandbox verifies its assertions from then on, and lists it in `passkeys()` when it came
   * with its private key. Throws a `SandboxError` (changing nothing) for keys it cannot use or an unknown user.
   *
   * @example
   * const [registered] = await context.credentials.get({ rpId: 'localhost' });
   * qa.importPasskey(registered); // { surface: 'flashback', scenario: 'default', userId: 'usr_ada', factorId: 'mfa_...' }
   */
  importPasskey(credential: Partial<PlaywrightPasskey>, options?: SurfaceFilter<PasskeySelection, S>): OnSurface<ImportedPasskey, S>;
  /** The seed of this session's `Prefer: dynamic=true` answers; undefined when none is set (each answer takes a fresh one). */
  seed(): number | undefined;
  /**
   * Set (or, with undefined or null, clear) the seed of this session's `Prefer: dynamic=true` answers: with one, the same
   * request gets the same generated body every time. A request's `Prefer: seed=<n>` wins over it.
   *
   * @example
   * qa.setSeed(7); // GET /flashback/mfa/status with `Prefer: dynamic=true` now answers the same body every time
   */
  setSeed(seed: number | null | undefined): void;
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
  /** Stop the session's time, at `at` (a Date, ms or an ISO 8601 date-time with its zone) or where it stands. */
  freeze(at?: Date | number | string): void;
  /** Let a frozen session's time run on from where it stands. */
  resume(): void;
  /** Jump to a moment (a Date, ms or an ISO 8601 date-time with its zone); a frozen clock stays frozen there. */
  set(at: Date | number | string): void;
  /** Move the session's time by `ms`, whole milliseconds (negative: back). */
  advance(ms: number): void;
  /** Back to the sandbox's clock. */
  reset(): void;
}

/** A moment a clock control was given, or a fault saying what it takes. */
function toMoment(at: unknown): number {
  const ms = toMomentMs(at);
  if (ms === undefined)
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `A moment is a Date, ms since the epoch or an ISO 8601 date-time with its zone, got ${String(at)}`);
  return ms;
}

/** What `verify()` throws when an expectation does not hold: the message lists each broken one with its entries. */
export class JournalVerificationError extends Error {
  override name = 'JournalVerificationError';
  /** Also an error of this class that the package's other build threw (see stampErrorClass). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isErrorOfClass(this, JournalVerificationError, 'JournalVerificationError', value);
  }
  /** `journalSize`: what the journal keeps, named when a failure is `incomplete` (the journal dropped older requests). */
  constructor(
    readonly failures: readonly JournalVerification[],
    journalSize?: number,
  ) {
    const incomplete = journalSize !== undefined && failures.some((failure) => failure.incomplete);
    super(
      failures
        .map(({ expectation, actual, entries, incomplete }) => {
          const lines = entries.map(
            (entry) =>
              `    ${entry.at} ${entry.method} ${entry.url} -> ${entry.status}${entry.clientGone ? (entry.fault === 'slow-body' ? ', body cut short (client gone)' : ', never sent (client gone)') : ''}` +
              `${entry.operationId ? ` (${entry.operationId})` : ''}`,
          );
          const counted = `counted ${actual}${incomplete ? ` among the newest ${journalSize} kept` : ''}`;
          return `expected ${describeExpectation(expectation)}, ${counted}${lines.length ? `:\n${lines.join('\n')}` : ''}`;
        })
        .join('\n') + (incomplete ? `\n${toIncompleteJournalNote(journalSize)}` : ''),
    );
    stampErrorClass(this, 'JournalVerificationError');
  }
}

/** The controls of every session at once: `session(id)` for one, the others act on the `default` session. */
export interface SandboxSessions<S extends string = string, O extends string = string, N extends string = string> extends Omit<
  SandboxSession<S, O, N>,
  'id' | 'headers' | 'pathPrefix'
> {
  session(id: string): SandboxSession<S, O, N>;
  /** Forget every session; each starts again from its scenario on its next request. */
  reset(): void;
}

const WAIT_OPTIONS = ['timeoutMs', 'after'];

/**
 * `waitForMessage`'s options, checked: a misspelt one (`tmeoutMs`) waited the default time without a word, and a
 * negative `after` looked at every message.
 */
function checkWaitOptions(options: Record<string, unknown>): void {
  const refuse = (message: string) => new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `waitForMessage option ${message}`);
  for (const name of Object.keys(options)) {
    if (!WAIT_OPTIONS.includes(name)) throw refuse(`${name}: unknown${toDidYouMean(name, WAIT_OPTIONS)} (options: ${WAIT_OPTIONS.join(', ')})`);
  }
  const { timeoutMs, after } = options;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || (timeoutMs as number) < 0 || (timeoutMs as number) > MAX_OUTBOX_WAIT_MS)) {
    throw refuse(`timeoutMs: must be an integer from 0 to ${MAX_OUTBOX_WAIT_MS}, got ${JSON.stringify(timeoutMs)}`);
  }
  if (after !== undefined && (!Number.isSafeInteger(after) || (after as number) < 0)) {
    throw refuse(`after: must be an outbox cursor, an integer from 0 (outboxCursor() gives one), got ${JSON.stringify(after)}`);
  }
}

/** What `passkeys()` and `importPasskey()` choose by. */
const PASSKEY_OPTIONS = ['surface', 'user'];

/**
 * `passkeys` and `importPasskey` options, checked in the call's own words: a misspelt one (`{ usr: 'usr_ada' }`) chose
 * nothing, so `passkeys` gave every user's passkeys back, and `importPasskey` answered about a request body.
 */
function checkPasskeyOptions(call: 'passkeys' | 'importPasskey', options: unknown): PasskeySelection {
  if (options === undefined) return {};
  const refuse = (message: string) => new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `${call} option${message}`);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw refuse(`s are { surface?: string, user?: string }, got ${JSON.stringify(options)}`);
  }
  for (const name of Object.keys(options)) {
    if (!PASSKEY_OPTIONS.includes(name)) throw refuse(` ${name}: unknown${toDidYouMean(name, PASSKEY_OPTIONS)} (options: ${PASSKEY_OPTIONS.join(', ')})`);
  }
  return options;
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
 * What the controls check input against: the specs' routes (overrides) and the session file schema (imports); and the
 * served surfaces that have passkeys.
 */
export interface SandboxSessionTools {
  routes: RoutesBySurface;
  checkSessionFile: SessionFileSchemaCheck;
  passkeySurfaces: readonly PasskeySurface[];
  /** The path each surface is served under (`/flashback`, an MSW base URL's path): a journal filter's path is checked whole. */
  prefixes?: ReadonlyMap<string, string>;
  /**
   * Aborted when the sandbox closes: a wait for a message still pending then ends at once, with an error, and every
   * control fails from then on (`MOCK_ERR_CLOSING`).
   */
  closed?: AbortSignal;
  /** What closed it, for those errors: `sandbox.close()` (the default) or the MSW handlers' `mfa.close()`. */
  closeCall?: { call: string; restart: string };
}

const SANDBOX_CLOSE = { call: 'sandbox.close()', restart: 'createSandbox()' };

/**
 * `controls` with each function failing once `closed` is aborted (the sandbox was closed): a `SandboxError`
 * (`MOCK_ERR_CLOSING`) saying so, thrown, or for `waitForMessage` a rejected promise, as it fails otherwise. The
 * sessions went with the sandbox: a control that went on working (`useScenario` listing its surfaces on a store made
 * afresh) would hide a test that drives a sandbox it already closed. Without `closed`, the controls as they are.
 */
function refusedOnceClosed<T extends object>(closed: AbortSignal | undefined, controls: T, closeCall = SANDBOX_CLOSE): T {
  if (closed === undefined) return controls;
  const toError = () =>
    new SandboxError(
      'MOCK_ERR_CLOSING',
      `This sandbox is closed (${closeCall.call} was called) and its sessions went with it; start another with ${closeCall.restart}`,
    );
  for (const [name, control] of Object.entries(controls)) {
    if (typeof control !== 'function') continue;
    const call = control as (...args: unknown[]) => unknown;
    const refused =
      name === 'waitForMessage'
        ? (...args: unknown[]) => (closed.aborted ? Promise.reject(toError()) : call(...args))
        : (...args: unknown[]) => {
            if (closed.aborted) throw toError();
            return call(...args);
          };
    Object.assign(controls, { [name]: refused });
  }
  return controls;
}

/**
 * The controls of session `id` (created on first use, as a request would create it).
 *
 * @example
 * const qa = createSandboxSession(sessions, 'checkout-test', { routes, checkSessionFile }); // check addOverride and importFile
 * qa.useScenario('org-enforced'); // ['flashback', 'nest-auth', 'genauth']
 */
export function createSandboxSession(sessions: SessionRegistry, id: string, tools: SandboxSessionTools): SandboxSession {
  const { routes, checkSessionFile, passkeySurfaces, closed, closeCall = SANDBOX_CLOSE } = tools;
  // As a request would be refused with it: controls for an id no request can name would be of no use.
  if (typeof id !== 'string' || !SESSION_ID_PATTERN.test(id)) {
    throw new SandboxError('MOCK_ERR_BAD_SESSION_ID', `session ids ${SESSION_ID_RULE}, got ${JSON.stringify(id)}`);
  }
  const withSession = <R>(work: (session: SessionState) => R): R => now(sessions.update(id, work));
  let journalVocabulary: JournalVocabulary | undefined;
  const vocabulary = () => (journalVocabulary ??= toJournalVocabulary(routes, sessions.catalogue, tools.prefixes));
  /** A change QA makes (SessionRegistry.change): an open event stream of the session hears of it. */
  const changeSession = <R>(work: (session: SessionState) => R): R => now(sessions.change(id, work));
  const changeClock = (change: SessionClockChange) =>
    changeSession((session) => void (session.clock = changeSessionClock(session.clock, change, sessions.clock.now())));
  const clock: SandboxSessionClock = refusedOnceClosed(
    closed,
    {
      now: () => withSession((session) => sessions.nowOf(session)),
      freeze: (at) => changeClock(at === undefined ? { frozen: true } : { at: toMoment(at), frozen: true }),
      resume: () => changeClock({ frozen: false }),
      set: (at) => changeClock({ at: toMoment(at) }),
      advance: (ms) => {
        checkAdvanceMs(ms);
        changeClock({ advanceMs: ms });
      },
      reset: () => changeSession((session) => void delete session.clock),
    },
    closeCall,
  );
  const entries = () => withSession(() => now(sessions.journal(id)));
  /** The users a journal filter of this session may name (see toSessionUsers). */
  const sessionUsers = (held: JournalEntry[]) => toSessionUsers(sessions.catalogue, now(sessions.read(id)), held, sessions.userKey);
  const served = () => [...sessions.catalogue.keys()];
  /** `surface` if this sandbox serves it; else a SandboxError naming the served ones (and the nearest). */
  const servedSurface = (surface: string): string => {
    if (served().includes(surface)) return surface;
    throw new SandboxError('MOCK_ERR_UNKNOWN_SURFACE', `No surface ${JSON.stringify(surface)}${toDidYouMean(String(surface), served())}`, { known: served() });
  };
  return refusedOnceClosed(
    closed,
    {
      clock,
      exportFile: () => now(exportSession(sessions, id)),
      importFile: (file) => now(importSession(sessions, id, file, { checkSchema: checkSessionFile, routes })),
      id,
      headers: { [SESSION_HEADER]: id },
      pathPrefix: toSessionPrefix(id),
      useScenario: (name, surface) => changeSession((session) => sessions.useScenario(session, name, surface).surfaces),
      outbox: (surface) => {
        // A misspelt surface would list nothing, which reads as "no message was sent".
        if (surface !== undefined) servedSurface(surface);
        return Object.values(now(sessions.read(id))?.worlds ?? {})
          .filter((world) => surface === undefined || world.surface === surface)
          .flatMap((world) => world.outbox.map((message) => ({ ...message, surface: world.surface })));
      },
      waitForMessage: async (criteria = {}, options = {}) => {
        const checked = toOutboxCriteria({ ...criteria }, [], served(), 'criterion');
        checkWaitOptions(options);
        const timeoutMs = options.timeoutMs ?? DEFAULT_IN_PROCESS_WAIT_MS;
        const after = options.after === undefined ? {} : { after: options.after };
        const signal = closed === undefined ? {} : { signal: closed };
        const message = await waitForOutboxMessage(sessions, id, checked, { timeoutMs, ...after, ...signal });
        // It met the criteria: a message that `contains` a link or a code has it (the type WaitedMessage says so).
        if (message) return message as never;
        // A closed sandbox sends nothing more; waiting on would only keep the process alive until the timeout.
        if (closed?.aborted) {
          throw new SandboxError('MOCK_ERR_CLOSING', `The sandbox closed (${closeCall.call} was called) while waiting for a message in session "${id}"`);
        }
        throw new OutboxWaitTimeoutError(
          id,
          checked,
          timeoutMs,
          withSession((session) => listOutbox(session).slice(-5)),
        );
      },
      outboxCursor: () => withSession((session) => outboxCursorOf(session)),
      lockUser: (userId, options = {}) => {
        // Plain JavaScript (a devtools console) may pass the flag itself: `lockUser(id, false)` locked.
        const given: unknown = options;
        if (typeof given !== 'object' || given === null || Array.isArray(given)) {
          const unlock = given === false ? `; to unlock: lockUser(${JSON.stringify(userId)}, { locked: false })` : '';
          throw new SandboxError(
            'MOCK_ERR_BAD_ADMIN_REQUEST',
            `lockUser options are { locked?: true | false, surface?: string }, got ${JSON.stringify(given)}${unlock}`,
          );
        }
        // As strict as the admin API's body: `{ locked: 'false' }` from an environment variable must not lock.
        const unknown = Object.keys(options).filter((name) => name !== 'locked' && name !== 'surface');
        if (unknown.length > 0 || (options.locked !== undefined && typeof options.locked !== 'boolean')) {
          throw new SandboxError(
            'MOCK_ERR_BAD_ADMIN_REQUEST',
            `lockUser options are { locked?: true | false, surface?: string }, got ${JSON.stringify(options)}`,
          );
        }
        const surfaces = options.surface === undefined ? served() : [servedSurface(options.surface)];
        return changeSession((session) => setUserLocked(sessions, session, userId, options.locked ?? true, surfaces));
      },
      totpCode: (factorOrUserId, options = {}) =>
        withSession((session) => {
          // The session's time, so a controlled or session clock gives the code the sandbox accepts at its own time.
          const entries = listTotpCodes(sessions.worldsForReading(session), sessions.nowOf(session));
          const entry = findTotpCode(entries, factorOrUserId, options.status, sessions.userKey);
          if (!entry) {
            // What the session does have, so a wrong id or a device not set up yet is told apart at a glance.
            const held = entries.map((listed) => `${listed.userId}${listed.factorId === undefined ? '' : `/${listed.factorId}`} (${listed.status})`);
            throw new SandboxError(
              'MOCK_ERR_UNKNOWN_USER',
              `No TOTP factor or setup "${factorOrUserId}"${options.status ? ` (${options.status})` : ''} in session "${id}"; ` +
                (held.length ? `it has ${held.join(', ')}` : 'it has none: enrol TOTP first (its setup gives the code)'),
            );
          }
          return entry.code;
        }),
      journal: (filter) => {
        if (!filter) return entries();
        const checked = toJournalFilter({ ...filter }, '', [], vocabulary());
        const held = entries();
        checkJournalUsers(
          [checked],
          () => '/user',
          () => sessionUsers(held),
        );
        return filterJournal(held, checked);
      },
      clearJournal: () => void now(sessions.clearJournal(id)),
      verify: (expectations) => {
        const checked = toJournalExpectations(expectations, vocabulary());
        const held = entries();
        checkJournalUsers(
          checked,
          (index) => (Array.isArray(expectations) ? `/${index}/user` : '/user'),
          () => sessionUsers(held),
        );
        const results = verifyJournal(
          held,
          checked,
          withSession(() => now(sessions.journalDropped(id))),
        );
        const failures = results.filter((result) => !result.holds);
        if (failures.length > 0) throw new JournalVerificationError(failures, sessions.journalSize);
        return results;
      },
      addOverride: (override) => {
        const checked = toCheckedOverride(override, routes);
        return structuredClone(changeSession((session) => addSessionOverride(session, checked, new Date(sessions.clock.now()).toISOString())));
      },
      overrides: () => structuredClone(withSession((session) => sessionOverridesOf(session))),
      removeOverride: (overrideId) => changeSession((session) => removeSessionOverride(session, overrideId)),
      clearOverrides: () => changeSession((session) => clearSessionOverrides(session)),
      state: () =>
        withSession((session) => {
          sessions.worldsForReading(session);
          return session.worlds;
        }),
      passkeys: (selection) => {
        const checked = checkPasskeyOptions('passkeys', selection);
        return withSession((session) => exportPasskeys(sessions, session, passkeySurfaces, checked));
      },
      importPasskey: (credential, options) => {
        const checked = checkPasskeyOptions('importPasskey', options);
        return changeSession((session) => importPasskey(sessions, session, passkeySurfaces, { ...checked, credential }, sessions.nowOf(session)));
      },
      seed: () => withSession((session) => session.seed),
      setSeed: (seed) => {
        if (seed !== undefined && seed !== null && !isDynamicSeed(seed)) {
          throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `A seed is an integer from 0 to ${MAX_DYNAMIC_SEED}, got ${String(seed)}`);
        }
        changeSession((session) => setSessionSeed(session, seed ?? undefined));
      },
      reset: () => void now(sessions.reset(id)),
    },
    closeCall,
  );
}

/**
 * `session(id)` plus the `default` session's controls at the top level, as `createSandbox()` returns them;
 * `reset()` forgets every session. `S`, `O` and `N` name its surfaces, operations and scenarios (the entry points give
 * `SurfaceId`, `OperationName` and `ScenarioName`).
 */
export function createSandboxSessions<S extends string = string, O extends string = string, N extends string = string>(
  sessions: SessionRegistry,
  tools: SandboxSessionTools,
): SandboxSessions<S, O, N> {
  const defaultSession = createSandboxSession(sessions, 'default', tools);
  // Every surface a control takes is checked against the served ones, and every surface it returns is one of them.
  return refusedOnceClosed<SandboxSessions>(
    tools.closed,
    {
      session: (id) => createSandboxSession(sessions, id, tools),
      exportFile: () => defaultSession.exportFile(),
      importFile: (file) => defaultSession.importFile(file),
      useScenario: (name, surface) => defaultSession.useScenario(name, surface),
      outbox: (surface) => defaultSession.outbox(surface),
      waitForMessage: (criteria, options) => defaultSession.waitForMessage(criteria, options),
      outboxCursor: () => defaultSession.outboxCursor(),
      totpCode: (factorOrUserId, options) => defaultSession.totpCode(factorOrUserId, options),
      clock: defaultSession.clock,
      journal: (filter) => defaultSession.journal(filter),
      verify: (expectations) => defaultSession.verify(expectations),
      clearJournal: () => defaultSession.clearJournal(),
      addOverride: (override) => defaultSession.addOverride(override),
      overrides: () => defaultSession.overrides(),
      removeOverride: (overrideId) => defaultSession.removeOverride(overrideId),
      clearOverrides: () => defaultSession.clearOverrides(),
      lockUser: (userId, options) => defaultSession.lockUser(userId, options),
      state: () => defaultSession.state(),
      passkeys: (selection) => defaultSession.passkeys(selection),
      importPasskey: (credential, options) => defaultSession.importPasskey(credential, options),
      seed: () => defaultSession.seed(),
      setSeed: (seed) => defaultSession.setSeed(seed),
      reset: () => now(sessions.resetAll()),
    },
    tools.closeCall,
  ) as SandboxSessions<S, O, N>;
}
