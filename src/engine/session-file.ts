import { toPointerToken } from './json-pointer.js';
import { PasskeyKeyError, toSpkiPublicKey } from './passkey-keys.js';
import { retargetMagicLinks } from './magic-links.js';
import { isSessionMoment, sessionNow } from './session-clock.js';
import type { FactorKindsBySurface, ScenarioCatalogue, SessionState } from './session-registry.js';
import { keepWithinLimits } from './world-limits.js';
import type { UserIdRule, UserIdRules } from './user-ids.js';
import type { World } from './world.js';
import { setSessionSeed } from './seeded-draws.js';
import { isOverrideUsedUp, MAX_HELD_OVERRIDES } from './session-overrides.js';

/**
 * One session as a file: what decides its next answers (scenario choice, worlds, overrides, clock, dynamic seed), so a
 * bug QA reproduced can be attached to a ticket and replayed in another sandbox. The admin spec's `SessionFile` schema is its contract.
 */
export interface SessionFile {
  format: typeof SESSION_FILE_FORMAT;
  version: typeof SESSION_FILE_VERSION;
  exportedAt?: string;
  /** Everything of the session's state but its creation time: a replay is a new session with the same answers. */
  session: Omit<SessionState, 'createdAt'>;
}

export const SESSION_FILE_FORMAT = 'mfa-sandbox-session';
export const SESSION_FILE_VERSION = 1;

/** What is wrong with a session file, at a JSON pointer into it. */
export interface SessionFileProblem {
  pointer: string;
  message: string;
}

/** Checks a parsed file against the `SessionFile` schema; handed in by whoever holds the admin spec. */
export type SessionFileSchemaCheck = (file: unknown) => SessionFileProblem[];

/**
 * The session as a file: a deep copy, so later requests do not change what was exported.
 *
 * @example
 * toSessionFile(session, '2026-01-01T00:00:00.000Z').session.scenarios // { flashback: 'mfa-enabled' }
 */
export function toSessionFile(session: SessionState, exportedAt: string): SessionFile {
  const exported: SessionFile['session'] = {
    id: session.id,
    scenarios: structuredClone(session.scenarios),
    worlds: structuredClone(session.worlds),
  };
  if (session.clock) exported.clock = structuredClone(session.clock);
  if (session.overrides?.length) exported.overrides = structuredClone(session.overrides);
  if (session.overridesAdded !== undefined) exported.overridesAdded = session.overridesAdded;
  if (session.seed !== undefined) exported.seed = session.seed;
  return { format: SESSION_FILE_FORMAT, version: SESSION_FILE_VERSION, exportedAt, session: exported };
}

/**
 * Overrides the admin API could never have made: two with one id (a removal would take only the first), one used more
 * often than it may answer, or one that let more requests go by than its `after`.
 */
function overrideRecordProblems(overrides: NonNullable<SessionFile['session']['overrides']>): SessionFileProblem[] {
  const problems: SessionFileProblem[] = [];
  const held = overrides.filter((override) => !isOverrideUsedUp(override)).length;
  if (held > MAX_HELD_OVERRIDES)
    problems.push({ pointer: '/session/overrides', message: `${held} overrides that are not used up, more than a session holds (${MAX_HELD_OVERRIDES})` });
  const firstWithId = new Map<string, number>();
  for (const [index, override] of overrides.entries()) {
    const first = firstWithId.get(override.id);
    if (first === undefined) firstWithId.set(override.id, index);
    else problems.push({ pointer: `/session/overrides/${index}/id`, message: `"${override.id}" is already the id of override ${first}` });
    if (override.times !== undefined && override.used > override.times) {
      problems.push({ pointer: `/session/overrides/${index}/used`, message: `${override.used} uses of an override that answers ${override.times} time(s)` });
    }
    if (override.passed !== undefined && override.passed > (override.after ?? 0)) {
      const counted = `${override.passed} ${override.passed === 1 ? 'request' : 'requests'} let go by`;
      const message = override.after === undefined ? `${counted}, but the override has no after` : `${counted}, more than its after (${override.after})`;
      problems.push({ pointer: `/session/overrides/${index}/passed`, message });
    }
  }
  return problems;
}

/** Passkeys held twice in one world (by two users, or twice by one): a relying party registers a credential once. */
function sharedCredentialProblems(world: World, pointer: string): SessionFileProblem[] {
  const problems: SessionFileProblem[] = [];
  const holderOf = new Map<string, string>();
  for (const [userKey, user] of Object.entries(world.users)) {
    user.factors.forEach((factor, index) => {
      const id = factor.kind === 'passkey' ? factor.credential?.id : undefined;
      if (id === undefined) return;
      const holder = holderOf.get(id);
      const at = `${pointer}/users/${toPointerToken(userKey)}/factors/${index}/credential/id`;
      if (holder !== undefined) problems.push({ pointer: at, message: `credential "${id}" is already user "${holder}"'s passkey (each credential names one)` });
      else holderOf.set(id, user.id);
    });
  }
  return problems;
}

/** Users filed under a key that is not their id: the admin API finds a user by key, the answers name the id. */
function userKeyProblems(world: World, pointer: string): SessionFileProblem[] {
  return Object.entries(world.users).flatMap(([userKey, user]) =>
    userKey === user.id ? [] : [{ pointer: `${pointer}/users/${toPointerToken(userKey)}/id`, message: `user "${user.id}" filed under "${userKey}"` }],
  );
}

/**
 * Users a world of a surface with a user id rule (Lerian's UUIDs) files under an id of another shape or spelling: a
 * request could never name the first, and would look the second up in the stored spelling (lower case) and miss it.
 */
function userIdShapeProblems(world: World, pointer: string, rule: UserIdRule | undefined): SessionFileProblem[] {
  if (!rule) return [];
  return Object.keys(world.users).flatMap((userKey) => {
    const stored = rule.toStored(userKey);
    if (stored === userKey) return [];
    const at = `${pointer}/users/${toPointerToken(userKey)}`;
    const message =
      stored === undefined
        ? `user "${userKey}" is not ${rule.shape}: ${world.surface} user ids are (${rule.why})`
        : `user "${userKey}": ${world.surface} files users under the id as it stores it, "${stored}" (as an export writes it)`;
    return [{ pointer: at, message }];
  });
}

/**
 * Factors (and setups under way) of a kind the surface's vendor has no word for: imported, a Flashback user with a
 * `face` factor read as MFA on with no method enabled, and its TOTP code was still listed (an edited export).
 */
function factorKindProblems(world: World, pointer: string, kinds: readonly string[] | undefined): SessionFileProblem[] {
  if (!kinds) return [];
  const noSuchKind = (kind: string) => `${world.surface} has no ${kind} factor (its kinds: ${kinds.join(', ')})`;
  return Object.entries(world.users).flatMap(([userKey, user]) => {
    const at = `${pointer}/users/${toPointerToken(userKey)}`;
    return [
      ...(user.factors ?? []).flatMap((factor, index) =>
        kinds.includes(factor.kind) ? [] : [{ pointer: `${at}/factors/${index}/kind`, message: noSuchKind(factor.kind) }],
      ),
      ...Object.keys(user.pending ?? {}).flatMap((kind) =>
        kinds.includes(kind) ? [] : [{ pointer: `${at}/pending/${toPointerToken(kind)}`, message: noSuchKind(kind) }],
      ),
    ];
  });
}

/** Far more messages than any session sends, and far enough below 2^53 that numbers after it stay exact. */
const MAX_IMPORTED_OUTBOX_NUMBER = 2 ** 32;

/**
 * Outbox numbers a session could not have handed out: one number twice, numbers out of order within a world (messages
 * are appended as they are sent), a message without one before a numbered one (only the newest can wait for theirs),
 * or a number past MAX_IMPORTED_OUTBOX_NUMBER. A wait marks what it returned by number, so a repeat would hide a message.
 */
function outboxNumberProblems(worlds: SessionFile['session']['worlds']): SessionFileProblem[] {
  const problems: SessionFileProblem[] = [];
  const holderOf = new Map<number, string>();
  for (const [key, world] of Object.entries(worlds)) {
    let previous = 0;
    let unnumbered: number | undefined;
    world.outbox.forEach((message, index) => {
      if (message.seq === undefined) {
        unnumbered ??= index;
        return;
      }
      const pointer = `/session/worlds/${toPointerToken(key)}/outbox/${index}/seq`;
      const holder = holderOf.get(message.seq);
      if (message.seq > MAX_IMPORTED_OUTBOX_NUMBER) problems.push({ pointer, message: `outbox number ${message.seq} is over ${MAX_IMPORTED_OUTBOX_NUMBER}` });
      else if (unnumbered !== undefined) problems.push({ pointer, message: `a numbered message after outbox/${unnumbered}, which has no number` });
      else if (holder !== undefined) problems.push({ pointer, message: `outbox number ${message.seq} is also the number of ${holder}` });
      else if (message.seq <= previous) problems.push({ pointer, message: `outbox number ${message.seq} follows ${previous} in the same world` });
      if (holder === undefined) holderOf.set(message.seq, pointer.slice(0, -'/seq'.length));
      previous = Math.max(previous, message.seq);
    });
  }
  return problems;
}

/**
 * What a schema-valid file asks that this sandbox cannot give: a scenario or surface it does not have, a world filed
 * under a key that is not its own `<surface>/<scenario>`, a clock that would put the session before 1970 or after
 * 9999 at `baseMs` (the sandbox's time now), or overrides, users, passkeys and outbox numbers the admin API could
 * never have made (users included whose ids break their surface's rule in `userIdRules`).
 *
 * @example
 * checkSessionFileAgainst(file, catalogue, Date.now()) // [{ pointer: '/session/scenarios/flashback', message: 'no scenario "qa-special" for surface "flashback" in this sandbox' }]
 */
export function checkSessionFileAgainst(
  file: SessionFile,
  catalogue: ScenarioCatalogue,
  baseMs: number,
  userIdRules: UserIdRules = new Map(),
  factorKinds: FactorKindsBySurface = new Map(),
): SessionFileProblem[] {
  const problems: SessionFileProblem[] = [];
  const known = (surface: string, scenario: string, pointer: string) => {
    const scenarios = catalogue.get(surface);
    if (!scenarios) problems.push({ pointer, message: `surface "${surface}" is not served by this sandbox (it serves ${[...catalogue.keys()].join(', ')})` });
    else if (!scenarios.has(scenario))
      problems.push({
        pointer,
        message: `no scenario "${scenario}" for surface "${surface}" in this sandbox (start it with the scenarios directory that has it)`,
      });
  };
  for (const [surface, scenario] of Object.entries(file.session.scenarios)) known(surface, scenario, `/session/scenarios/${toPointerToken(surface)}`);
  for (const [index, override] of (file.session.overrides ?? []).entries()) {
    if (!catalogue.has(override.surface)) known(override.surface, '', `/session/overrides/${index}/surface`);
  }
  for (const [key, world] of Object.entries(file.session.worlds)) {
    const pointer = `/session/worlds/${toPointerToken(key)}`;
    if (key !== `${world.surface}/${world.scenario}`) problems.push({ pointer, message: `a world of ${world.surface}/${world.scenario} filed under "${key}"` });
    else known(world.surface, world.scenario, pointer);
  }
  const { clock } = file.session;
  // A running clock stops at the end of 9999 (an export made there imports again); an offset no clock could have
  // (not a whole number of ms within 2^53) is refused however it lands.
  const clockNowMs = clock ? sessionNow(clock, baseMs) : baseMs;
  if (clock !== undefined && !Number.isSafeInteger(clock.offsetMs)) {
    // Named as itself: the time it puts the clock at is clamped to the end of 9999, which read as the offending value.
    problems.push({
      pointer: '/session/clock/offsetMs',
      message: `${clock.offsetMs} is no whole number of milliseconds a clock can be moved by (at most ${Number.MAX_SAFE_INTEGER} either way)`,
    });
  } else if (!isSessionMoment(clockNowMs)) {
    problems.push({ pointer: '/session/clock', message: `puts the session's time at ${clockNowMs} ms; it must stay between 1970 and the end of 9999` });
  }
  problems.push(...overrideRecordProblems(file.session.overrides ?? []));
  for (const [key, world] of Object.entries(file.session.worlds)) {
    const pointer = `/session/worlds/${toPointerToken(key)}`;
    problems.push(
      ...userKeyProblems(world, pointer),
      ...userIdShapeProblems(world, pointer, userIdRules.get(world.surface)),
      ...factorKindProblems(world, pointer, factorKinds.get(world.surface)),
      ...sharedCredentialProblems(world, pointer),
    );
  }
  problems.push(...outboxNumberProblems(file.session.worlds));
  problems.push(...passkeyKeyProblems(file.session.worlds));
  return problems;
}

/**
 * Passkey public keys no ceremony could use (not base64url, no COSE key): once imported, every passkey ceremony of
 * the user and `GET .../passkeys` failed with a 500 (a security tour edited an exported file).
 */
function passkeyKeyProblems(worlds: SessionFile['session']['worlds']): SessionFileProblem[] {
  const problems: SessionFileProblem[] = [];
  for (const [key, world] of Object.entries(worlds)) {
    for (const [userId, user] of Object.entries(world.users)) {
      (user.factors ?? []).forEach((factor, index) => {
        if (factor.credential === undefined) return;
        try {
          toSpkiPublicKey(factor.credential.publicKey);
        } catch (error) {
          if (!(error instanceof PasskeyKeyError)) throw error;
          const pointer = `/session/worlds/${toPointerToken(key)}/users/${toPointerToken(userId)}/factors/${index}/credential/publicKey`;
          problems.push({ pointer, message: error.message });
        }
      });
    }
  }
  return problems;
}

/**
 * Replace what a session holds with the file's: its scenario choice, worlds, overrides and clock (none: the sandbox's
 * clock).
 * The session keeps its own id and creation time. Call it inside `SessionRegistry.update`, with a checked file.
 *
 * @example
 * sessions.update('dev-replay', (session) => applySessionFile(session, file));
 */
export function applySessionFile(session: SessionState, file: SessionFile, linkBase?: string): void {
  session.scenarios = structuredClone(file.session.scenarios);
  session.worlds = structuredClone(file.session.worlds);
  for (const world of Object.values(session.worlds)) keepWithinLimits(world);
  retargetMagicLinks(session.worlds, file.session.id, session.id, linkBase);
  if (file.session.clock) session.clock = structuredClone(file.session.clock);
  else delete session.clock;
  if (file.session.overrides?.length) session.overrides = structuredClone(file.session.overrides);
  else delete session.overrides;
  const highestId = Math.max(0, ...(file.session.overrides ?? []).map((override) => Number(override.id.slice('ov-'.length))));
  session.overridesAdded = Math.max(file.session.overridesAdded ?? 0, highestId);
  setSessionSeed(session, file.session.seed);
}
