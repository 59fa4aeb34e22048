import { SandboxError } from '../errors.js';
import { toDidYouMean, toDidYouMeanOrList } from './edit-distance.js';
import type { AvailabilityListener, ForgottenListener, LogWriter, NumberedLogEntry, Settled, StateStore, SweptKeys } from '../state/state-store.js';
import { systemClock, type Clock } from './clock.js';
import { toJournalEntry, toKeptRecord, type JournalEntry, type JournalRecord } from './journal.js';
import { toWorld, type Scenario } from './scenario.js';
import { sessionNow, type SessionClock } from './session-clock.js';
import type { SessionOverride } from './session-overrides.js';
import { toUserKey, type UserIdRules, type UserKey } from './user-ids.js';
import type { FactorKind, World } from './world.js';
import { stampOutboxMessages } from './outbox-query.js';
import { toShownInput } from './shown-input.js';
import { isLocked } from './code-attempts.js';

/**
 * Everything one `X-Mock-Session` owns but its journal (which the store keeps beside it, as a bounded log). Worlds are
 * keyed by `<surface>/<scenario>`, so a request that names a scenario with `Prefer` keeps its own consistent state
 * without disturbing the session's default one. Plain JSON, so a store can keep it anywhere.
 */
export interface SessionState {
  id: string;
  createdAt: string;
  /** Scenario chosen per surface through the admin API; surfaces not listed use the server default. */
  scenarios: Record<string, string>;
  worlds: Record<string, World>;
  /** The session's own time, when QA froze or moved it; absent, the session runs on the sandbox's clock. */
  clock?: SessionClock;
  /** Answers scripted at runtime (admin API, `session.addOverride`), oldest first; they win over the scenario's. */
  overrides?: SessionOverride[];
  /** How many overrides were ever added, so ids (`ov-<n>`) are never reused. */
  overridesAdded?: number;
  /** The seed of the session's `Prefer: dynamic=true` answers, when QA set one (a request's `Prefer: seed` wins). */
  seed?: number;
  /** How many numbers the session's injected faults drew from its seed so far (engine/seeded-draws.ts). */
  faultDraws?: number;
  /** The last outbox sequence number handed out (engine/outbox-query.ts): a cursor names a message by it. */
  outboxSequence?: number;
  /**
   * Grows by one with each change QA makes to the session (`SessionRegistry.change`): a watcher that saw another number
   * missed one. A session starts at a random number, so one made anew (after a reset or an expiry) does not repeat
   * the numbers of the one before and a watcher that saw those still notices. Absent in sessions made before it existed.
   */
  revision?: number;
}

/** What a session's watchers hear: `reset` when the session was forgotten (it starts again on its next use). */
export interface SessionNews {
  reset: boolean;
  /**
   * Why a reset session went, where this replica knows: a DELETE, or an admin reset of all. Never idleness or the
   * cap: a watched session is in use, which the store forgets neither for (see `watch`).
   */
  why?: SessionForgetReason;
}

/** Why a session was forgotten while watched: deleted alone, or in an admin reset of every session. */
export type SessionForgetReason = 'deleted' | 'reset';

/** The store of sessions: each session's state, and its request journal as the log. */
export type SessionStore = StateStore<SessionState, JournalRecord>;

/** Where one unit of work on a session records the requests it answered. */
export type JournalWriter = LogWriter<JournalRecord>;

/** All scenarios, by surface and name. */
export type ScenarioCatalogue = ReadonlyMap<string, ReadonlyMap<string, Scenario>>;

export interface SessionRegistryOptions {
  store: SessionStore;
  catalogue: ScenarioCatalogue;
  defaultScenario: string;
  /** Where the sessions take their time from (the wall clock unless a test or a session controls it). */
  clock?: Clock;
  /**
   * Who listens to which session (createSessionWatchers), when registries take turns on one store: each version of a
   * watched server has its own registry, and a wait begun on one must hear of a message sent through the next.
   */
  watchers?: SessionWatchers;
  /** The user id rules of the surfaces that have one (surfaces/registry.ts toUserIdRules); none: every id as given. */
  userIdRules?: UserIdRules;
  /** The factor kinds each surface's vendor has (surfaces/registry.ts toFactorKinds), which an imported file must keep to. */
  factorKinds?: FactorKindsBySurface;
}

/** Per surface, the factor kinds its vendor has a word for (a GenAuth user has no passkey). */
export type FactorKindsBySurface = ReadonlyMap<string, readonly FactorKind[]>;

/** Per session, who wants to hear of its new outbox messages and journal entries (waits, event streams). */
export type SessionWatchers = Map<string, Set<(news: SessionNews) => void>>;

export function createSessionWatchers(): SessionWatchers {
  return new Map();
}

/**
 * What a session id may be: it travels as a URL path segment (`/s/<id>/`, the admin API's `/sessions/<id>/`), where
 * `.` and `..` would be resolved away by browsers and HTTP clients, so those two are not ids.
 */
export const SESSION_ID_PATTERN = /^(?!\.\.?$)[A-Za-z0-9._:-]{1,128}$/;
/**
 * The two halves of SESSION_ID_PATTERN apart, for a fault that tells a long id from one with a wrong character: the
 * longest id it takes, and the characters it takes (any number of them).
 */
export const MAX_SESSION_ID_LENGTH = 128;
export const SESSION_ID_CHARACTERS = /^[A-Za-z0-9._:-]+$/;

/** The rule of SESSION_ID_PATTERN in words, for error messages. */
export const SESSION_ID_RULE = 'must match /^[A-Za-z0-9._:-]{1,128}$/ and not be "." or ".."';

/** What a scenario switch did: the surfaces that switched, and those without the scenario, started fresh in `default`. */
export interface ScenarioSwitch {
  surfaces: string[];
  defaulted: string[];
}

/** The scenario every surface has; sessions of a surface that lacks the server's default scenario start in it. */
export const FALLBACK_SCENARIO = 'default';

/**
 * Where a session keeps its world of a scenario: `<surface>/<scenario>`, made once per loaded scenario. Built on every
 * request, the key was a new concatenated string that V8 had to flatten and look up each time, and each session kept
 * its own copy of it.
 */
const worldKeys = new WeakMap<Scenario, string>();

function worldKeyOf(scenario: Scenario): string {
  let key = worldKeys.get(scenario);
  if (key === undefined) {
    key = `${scenario.surface}/${scenario.name}`;
    worldKeys.set(scenario, key);
  }
  return key;
}

/**
 * What ends a unit of work that did not throw: the messages it sent numbered, and a change counted (only then: a
 * change refused part-way counts nothing). Whether that is news to the session's watchers.
 */
function finishUnit(session: SessionState, isChange: boolean): boolean {
  const sent = stampOutboxMessages(session);
  if (!isChange) return sent;
  session.revision = (session.revision ?? 0) + 1;
  return true;
}

/**
 * Whether a journal entry is the record of this request: its arrival time and duration (to a hundredth of a ms) with its
 * method and URL. Two requests alike in all four (one URL sent twice in a millisecond, each answered in the same
 * hundredth of one) are not told apart: the newer is taken.
 */
function isSameRequest(entry: JournalRecord, record: JournalRecord): boolean {
  return entry.atMs === record.atMs && entry.durationMs === record.durationMs && entry.method === record.method && entry.url === record.url;
}

/**
 * Sessions, their scenarios and worlds. Transport-free: the HTTP edge parses headers and hands typed values in.
 *
 * @example
 * const sessions = new SessionRegistry({ store, catalogue, defaultScenario: 'default' });
 * sessions.update('qa-1', (session) => sessions.scenarioFor(session, 'flashback').name); // 'default'
 */
export class SessionRegistry {
  readonly #store: SessionStore;
  readonly #catalogue: ScenarioCatalogue;
  readonly #defaultScenario: string;
  /** Per surface, the scenario its sessions start in: the server's default where the surface has it. */
  readonly #startScenarios: ReadonlyMap<string, string>;
  readonly clock: Clock;
  readonly #watchers: SessionWatchers;
  readonly #userIdRules: UserIdRules;
  readonly #factorKinds: FactorKindsBySurface;

  constructor(options: SessionRegistryOptions) {
    this.#store = options.store;
    this.#catalogue = options.catalogue;
    this.#defaultScenario = options.defaultScenario;
    this.#startScenarios = new Map(
      [...options.catalogue].map(([surface, scenarios]) => [surface, scenarios.has(options.defaultScenario) ? options.defaultScenario : FALLBACK_SCENARIO]),
    );
    this.clock = options.clock ?? systemClock;
    this.#watchers = options.watchers ?? createSessionWatchers();
    this.#userIdRules = options.userIdRules ?? new Map();
    this.#factorKinds = options.factorKinds ?? new Map();
  }

  get userIdRules(): UserIdRules {
    return this.#userIdRules;
  }

  get factorKinds(): FactorKindsBySurface {
    return this.#factorKinds;
  }

  /**
   * The key the worlds of `surface` file the user `id` names under (Lerian's UUIDs in lower case): what QA's lookups by
   * user id compare with.
   */
  readonly userKey: UserKey = (surface, id) => toUserKey(this.#userIdRules, surface, id);

  /**
   * The time a session's requests run at: the sandbox's clock, or the session's own when QA froze or moved it. Every
   * expiry, TOTP window and timestamp check of the engine takes its time from here.
   */
  nowOf(session: SessionState): number {
    return sessionNow(session.clock, this.clock.now());
  }

  /** Which mechanism keeps the sessions (`memory`, `postgres`). */
  get storeKind(): string {
    return this.#store.kind;
  }

  /** Requests each session's journal keeps, the newest: a journal holding this many may have lost older ones. */
  get journalSize(): number {
    return this.#store.logSize;
  }

  get catalogue(): ScenarioCatalogue {
    return this.#catalogue;
  }

  get defaultScenario(): string {
    return this.#defaultScenario;
  }

  /** The scenario a surface's sessions start in: the server's default, or `default` on a surface that lacks it. */
  startScenarioOf(surface: string): string {
    return this.#startScenarios.get(surface) ?? this.#defaultScenario;
  }

  /**
   * One unit of work on a session, created on first use: a request, or an admin change. Units on one session run as if
   * one after the other, across replicas sharing a store; what `work` leaves in the session is saved. Immediate with
   * the memory store; a promise with a networked one. `work` may run again after a conflict, so it changes nothing
   * but the session and the journal.
   */
  update<R>(id: string, work: (session: SessionState, journal: JournalWriter) => Settled<R>): Settled<R> {
    const unit = this.#unitOfWork(work);
    return this.#announce(
      id,
      unit,
      this.#store.update(id, () => this.#newSession(id), unit.run),
    );
  }

  /** As `update`, for a session that exists: an unknown (or expired) one is not created, and the answer is undefined. */
  updateExisting<R>(id: string, work: (session: SessionState, journal: JournalWriter) => Settled<R>): Settled<R | undefined> {
    const unit = this.#unitOfWork(work);
    return this.#announce(id, unit, this.#store.updateExisting(id, unit.run));
  }

  /**
   * A change QA makes to how the session is set up (its scenario, overrides, clock, seed, a user's lock, an imported
   * passkey): a unit of work as `update`, whose session's `revision` then grows. It is news to the session's watchers
   * even when it sent no message and journalled no request, so an open console shows it at once.
   */
  change<R>(id: string, work: (session: SessionState) => Settled<R>): Settled<R> {
    const unit = this.#unitOfWork(work, true);
    return this.#announce(
      id,
      unit,
      this.#store.update(id, () => this.#newSession(id), unit.run),
    );
  }

  /** As `change`, for a session that exists: an unknown (or expired) one is not created, and the answer is undefined. */
  changeExisting<R>(id: string, work: (session: SessionState) => Settled<R>): Settled<R | undefined> {
    const unit = this.#unitOfWork(work, true);
    return this.#announce(id, unit, this.#store.updateExisting(id, unit.run));
  }

  /**
   * Call `listener` after each unit of work on session `id` (in this process) that sent a message, journalled a
   * request or changed the session (`change`), and when the session is reset; returns the function that stops it. A
   * plain callback list, so the core stays browser-safe: the long-poll and the event stream of the admin API, and
   * `waitForMessage()`, wake up through it instead of polling. A watched session is in use: it neither expires nor
   * is forgotten to make room under `--max-sessions` while watched (a console left open on it, a test waiting for
   * its e-mail), and its idle time counts from when the last watcher stops.
   */
  watch(id: string, listener: (news: SessionNews) => void): () => void {
    const listeners = this.#watchers.get(id) ?? new Set();
    this.#watchers.set(id, listeners.add(listener));
    const release = this.#store.hold(id);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#watchers.get(id) === listeners) this.#watchers.delete(id);
      release();
    };
  }

  /**
   * Keep session `id` in use until the returned function is called, as a watcher does (see `watch`): for what must
   * hold it before it can watch, such as an event stream that makes its session first.
   */
  hold(id: string): () => void {
    return this.#store.hold(id);
  }

  /** How many sessions are watched now (each kept past the TTL and the cap meanwhile). */
  get watchedSessionCount(): number {
    return this.#watchers.size;
  }

  /** How many listeners are watching sessions now (a closed long-poll or stream must leave none behind). */
  get watcherCount(): number {
    let count = 0;
    for (const listeners of this.#watchers.values()) count += listeners.size;
    return count;
  }

  /**
   * The work as the store runs it: journal records kept in their bounded form, the messages it sent numbered when it
   * ends, a change (`isChange`) counted in the session's revision, and whether any of that happened (for the
   * watchers). The store may run it again after a lost race: each run starts counting afresh, and the run that was
   * saved is the last (its revision counted once, on the row it was saved on).
   */
  #unitOfWork<R>(work: (session: SessionState, journal: JournalWriter) => Settled<R>, isChange = false) {
    const unit = {
      news: false,
      run: (session: SessionState, log: LogWriter<JournalRecord>): Settled<R> => {
        unit.news = false;
        const answer = work(session, (record) => {
          unit.news = true;
          log(toKeptRecord(record));
        });
        if (!(answer instanceof Promise)) {
          if (finishUnit(session, isChange)) unit.news = true;
          return answer;
        }
        return answer.then((value) => {
          if (finishUnit(session, isChange)) unit.news = true;
          return value;
        });
      },
    };
    return unit;
  }

  /** Tell the session's watchers, once the unit is saved, that it brought news; the answer passes through untouched. */
  #announce<T>(id: string, unit: { news: boolean }, answer: Settled<T>): Settled<T> {
    if (!(answer instanceof Promise)) {
      if (unit.news && this.#watchers.size > 0) this.#notify(id);
      return answer;
    }
    // Asked when the unit ends, not when it began: a watcher may have started meanwhile.
    return answer.then((value) => {
      if (unit.news && this.#watchers.size > 0) this.#notify(id);
      return value;
    });
  }

  #notify(id: string, news: SessionNews = { reset: false }): void {
    for (const listener of [...(this.#watchers.get(id) ?? [])]) listener(news);
  }

  /** The session as stored, without creating it or building worlds (a listing). */
  read(id: string): Settled<SessionState | undefined> {
    return this.#store.read(id);
  }

  /** The session's last `limit` requests (all it keeps without one), oldest first. */
  journal(id: string, limit?: number): Settled<JournalEntry[]> {
    const records = this.#store.readLog(id, limit);
    return records instanceof Promise ? records.then((settled) => settled.map(toJournalEntry)) : records.map(toJournalEntry);
  }

  /**
   * The session's journal as `journal` gives it, each entry with its number: numbers grow along the session's journal,
   * also across the session being reset or expiring and made again, so a reader can resume after the last it saw.
   */
  numberedJournal(id: string): Settled<Array<{ seq: number; entry: JournalEntry }>> {
    const toNumbered = (records: Array<{ seq: number; entry: JournalRecord }>) => records.map(({ seq, entry }) => ({ seq, entry: toJournalEntry(entry) }));
    const records = this.#store.readNumberedLog(id);
    return records instanceof Promise ? records.then(toNumbered) : toNumbered(records);
  }

  /**
   * Whether the session's journal let go of requests to keep its size: known for the memory store; for one that cannot
   * tell, a full journal counts as one that may have.
   */
  journalDropped(id: string): Settled<boolean> {
    if (this.#store.logDropped) return this.#store.logDropped(id);
    const length = this.#store.logLength(id);
    return length instanceof Promise ? length.then((count) => count >= this.journalSize) : length >= this.journalSize;
  }

  /**
   * Empty the session's journal, keeping its state (WireMock's `DELETE /__admin/requests`, for one session): later
   * requests are numbered after the cleared ones. A change QA made, as a scenario switch is: the session's revision
   * grows and its watchers hear of it, so an open console shows the empty journal. False when there is no such session.
   */
  clearJournal(id: string): Settled<boolean> {
    const announce = (found: boolean): Settled<boolean> => {
      if (!found) return false;
      const changed = this.changeExisting(id, () => true);
      return changed instanceof Promise ? changed.then(() => true) : true;
    };
    const cleared = this.#store.clearLog(id);
    return cleared instanceof Promise ? cleared.then(announce) : announce(cleared);
  }

  /**
   * Say on a journalled request that its client closed the connection before the answer was written (during the
   * answer's injected delay), `goneAfterMs` after it arrived: the session's newest entry that is `record` (the same
   * arrival time, duration, method and URL) gets `clientGone: true` and that `durationMs` (how long the client waited;
   * `latencyMs` keeps the delay it was to wait), in its place. False when the journal no longer holds it (cleared, the
   * session reset or forgotten, or dropped to keep the journal's size). A change to the session, as clearing its journal is, so an
   * open console (which has shown the entry already) reloads it.
   */
  markClientGone(id: string, record: JournalRecord, goneAfterMs: number): Settled<boolean> {
    const announce = (replaced: boolean): Settled<boolean> => {
      if (!replaced) return false;
      const changed = this.changeExisting(id, () => true);
      return changed instanceof Promise ? changed.then(() => true) : true;
    };
    const mark = (numbered: Array<NumberedLogEntry<JournalRecord>>): Settled<boolean> => {
      for (let index = numbered.length - 1; index >= 0; index--) {
        const { seq, entry } = numbered[index]!;
        if (!isSameRequest(entry, record)) continue;
        const replaced = this.#store.replaceLogEntry(id, seq, { ...entry, clientGone: true, durationMs: goneAfterMs });
        return replaced instanceof Promise ? replaced.then(announce) : announce(replaced);
      }
      return false;
    };
    const numbered = this.#store.readNumberedLog(id);
    return numbered instanceof Promise ? numbered.then(mark) : mark(numbered);
  }

  /** How many requests the session's journal holds. */
  journalLength(id: string): Settled<number> {
    return this.#store.logLength(id);
  }

  ids(): Settled<string[]> {
    return this.#store.keys();
  }

  count(): Settled<number> {
    return this.#store.count();
  }

  #newSession(id: string): SessionState {
    return { id, createdAt: new Date(this.clock.now()).toISOString(), scenarios: {}, worlds: {}, revision: Math.floor(Math.random() * 2 ** 31) };
  }

  /** The named scenario of a surface, or a 422 fault listing the known ones. */
  scenario(surface: string, name: string): Scenario {
    const scenarios = this.#catalogue.get(surface);
    const scenario = scenarios?.get(name);
    if (!scenario) {
      const known = [...(scenarios?.keys() ?? [])];
      // Far from every name (`Prefer: scenario=nope`), the surface's scenarios are listed, as a session switch lists them.
      const meant = toDidYouMeanOrList(name, known, 'its scenarios', ` (GET /__admin/scenarios/${surface} lists them)`);
      const shown = toShownInput(name);
      // A scenario of other surfaces (a Lerian one asked for on Flashback): where it is, not only what this one has.
      const elsewhere = [...this.#catalogue].filter(([, other]) => other.has(name)).map(([id]) => id);
      const onOthers = elsewhere.length > 0 ? `; it is a scenario of ${elsewhere.join(', ')}` : '';
      throw new SandboxError('MOCK_ERR_UNKNOWN_SCENARIO', `No scenario "${shown}" for surface "${surface}"${meant}${onOthers}`, {
        surface,
        scenario: shown,
        known,
      });
    }
    return scenario;
  }

  /** The scenario a request runs in: the one it prefers, else the session's choice, else the surface's start scenario. */
  scenarioFor(session: SessionState, surface: string, preferred?: string): Scenario {
    return this.scenario(surface, preferred ?? session.scenarios[surface] ?? this.startScenarioOf(surface));
  }

  /** The session's world for this scenario, built from the scenario's starting state on first use. */
  world(session: SessionState, scenario: Scenario): World {
    return (session.worlds[worldKeyOf(scenario)] ??= toWorld(scenario, this.#userIdRules.get(scenario.surface)));
  }

  /**
   * The session's current world of every surface, built now where the session has not used that surface yet (as its
   * next request would), so a read shows the state the next request meets without a vendor request first. A surface
   * that lacks the scenario the session would run in is left out.
   */
  currentWorlds(session: SessionState): World[] {
    return [...this.#catalogue.keys()].flatMap((surface) => {
      try {
        return [this.world(session, this.scenarioFor(session, surface))];
      } catch (error) {
        // scenarioFor decides which scenario applies; when none does, a read has nothing to show (no fault to raise).
        if (error instanceof SandboxError) return [];
        throw error;
      }
    });
  }

  /**
   * Every world of the session: its current ones first (built if needed), then those `Prefer` requests made. A lock
   * whose end has passed (a scenario's `lockout.lockedForSeconds`) is lifted first, as the next request would lift it,
   * so QA reads no user as locked who is not.
   */
  worldsForReading(session: SessionState): World[] {
    const current = this.currentWorlds(session);
    const worlds = [...current, ...Object.values(session.worlds).filter((world) => !current.includes(world))];
    const nowMs = this.nowOf(session);
    for (const world of worlds) for (const user of Object.values(world.users)) if (user.lockedUntil !== undefined) isLocked(user, nowMs);
    return worlds;
  }

  /**
   * Switch a session to a scenario, starting it fresh: its world of every switched surface is built at once, so its
   * state and codes are there before any vendor request. Without `surface`, every surface that has a scenario of that
   * name switches, and every other one starts fresh in `default` (`defaulted`): switching is how a test case starts
   * clean, and a surface left as it was kept the last case's locks and codes. A name no surface knows is a 422 fault,
   * and nothing changes. Call it inside `update`.
   */
  useScenario(session: SessionState, name: string, surface?: string): ScenarioSwitch {
    if (surface !== undefined && !this.#catalogue.has(surface))
      throw new SandboxError(
        'MOCK_ERR_UNKNOWN_SURFACE',
        `No surface ${JSON.stringify(surface)}${toDidYouMean(typeof surface === 'string' ? surface : '', this.#catalogue.keys())}`,
        {
          known: [...this.#catalogue.keys()],
        },
      );
    const surfaces = surface ? [surface] : [...this.#catalogue.keys()].filter((id) => this.#catalogue.get(id)?.has(name));
    if (surfaces.length === 0) {
      const known = [...new Set([...this.#catalogue.values()].flatMap((scenarios) => [...scenarios.keys()]))].sort();
      // Far from every name (`nope`), the names are listed, as createSandbox({ scenario }) lists them.
      const meant = toDidYouMeanOrList(name, known, 'scenarios', ' (GET /__admin/scenarios lists the scenarios)');
      const shown = toShownInput(name);
      throw new SandboxError('MOCK_ERR_UNKNOWN_SCENARIO', `No surface has a scenario named "${shown}"${meant}`, { scenario: shown, known });
    }
    const defaulted = surface ? [] : [...this.#catalogue.keys()].filter((id) => !surfaces.includes(id));
    // Validate all before changing anything.
    const scenarios = [...surfaces.map((id) => this.scenario(id, name)), ...defaulted.map((id) => this.scenario(id, FALLBACK_SCENARIO))];
    for (const scenario of scenarios) {
      session.scenarios[scenario.surface] = scenario.name;
      session.worlds[worldKeyOf(scenario)] = toWorld(scenario, this.#userIdRules.get(scenario.surface));
    }
    return { surfaces, defaulted };
  }

  /** Forget a session entirely; its next request starts from the default scenario. */
  reset(sessionId: string): Settled<boolean> {
    const deleted = this.#store.delete(sessionId);
    const tell = <T>(value: T) => {
      if (this.#watchers.size > 0) this.#notify(sessionId, { reset: true, why: 'deleted' });
      return value;
    };
    return deleted instanceof Promise ? deleted.then(tell) : tell(deleted);
  }

  /** Forget every session; returns how many live ones went. */
  resetAll(): Settled<number> {
    const cleared = this.#store.clear();
    const tell = (forgotten: number) => {
      for (const id of [...this.#watchers.keys()]) this.#notify(id, { reset: true, why: 'reset' });
      return forgotten;
    };
    return cleared instanceof Promise ? cleared.then(tell) : tell(cleared);
  }

  sweep(): Settled<SweptKeys> {
    return this.#store.sweep();
  }

  /** Hear when the state store stops being reachable and when it is again (see StateStore.onAvailabilityChange). */
  onStateAvailabilityChange(listener: AvailabilityListener): () => void {
    return this.#store.onAvailabilityChange?.(listener) ?? (() => undefined);
  }

  /** Whether `onForgotten` hears of each forgotten session; else only `sweep`'s count tells (PostgreSQL forgets in SQL). */
  get tellsForgotten(): boolean {
    return this.#store.onForgotten !== undefined;
  }

  /**
   * Hear of each session the store forgot on its own (idle past the TTL, or evicted beyond the cap), for the log: none
   * was watched (see `watch`). Returns the function that stops it; a store that cannot tell (PostgreSQL, which forgets
   * in SQL) never calls it.
   */
  onForgotten(listener: ForgottenListener): () => void {
    return this.#store.onForgotten?.(listener) ?? (() => undefined);
  }

  /** Release the store (a networked one's connections). */
  close(): Promise<void> {
    return this.#store.close();
  }
}
