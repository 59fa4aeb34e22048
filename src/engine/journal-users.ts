import { SandboxError } from '../errors.js';
import { toDidYouMeanOrList } from './edit-distance.js';
import type { JournalEntry } from './journal.js';
import type { ScenarioCatalogue, SessionState } from './session-registry.js';
import type { UserKey } from './user-ids.js';

/**
 * The user ids a journal filter's `user` may name in one session: every user a scenario declares, every user of the
 * session's worlds (a generated one, one made by a flow) and every user its journal names, by surface, as each surface
 * stores its ids. A misspelt id (`usr_bbo`) kept no entry, and "Bob never verified" held for it.
 */
export interface SessionUsers {
  /** The stored ids of each surface's users. */
  readonly bySurface: ReadonlyMap<string, ReadonlySet<string>>;
  readonly userKey: UserKey;
}

/**
 * @example
 * toSessionUsers(sessions.catalogue, session, entries, sessions.userKey).bySurface.get('flashback') // Set { 'usr_ada', 'usr_bob' }
 */
export function toSessionUsers(
  catalogue: ScenarioCatalogue,
  session: SessionState | undefined,
  entries: readonly JournalEntry[],
  userKey: UserKey,
): SessionUsers {
  const bySurface = new Map<string, Set<string>>();
  const add = (surface: string, id: string) => {
    const ids = bySurface.get(surface) ?? bySurface.set(surface, new Set()).get(surface)!;
    ids.add(userKey(surface, id));
  };
  for (const [surface, scenarios] of catalogue) for (const scenario of scenarios.values()) for (const user of scenario.world.users ?? []) add(surface, user.id);
  for (const world of Object.values(session?.worlds ?? {})) for (const id of Object.keys(world.users)) add(world.surface, id);
  for (const entry of entries) if (entry.user !== undefined) add(entry.surface, entry.user);
  return { bySurface, userKey };
}

/**
 * The id a filter's `user` names as the journal holds it (a Lerian UUID in capitals finds John Doe's entries, stored in
 * lower case); a 400 `MOCK_ERR_BAD_ADMIN_REQUEST` at `pointer` naming the near spellings when no user has it.
 *
 * @example
 * toJournalUser('019C96A0-0C21-71F9-A487-66A1258278A1', '/user', users) // '019c96a0-0c21-71f9-a487-66a1258278a1'
 * toJournalUser('usr_bbo', '/user', users) // throws: /user: no user "usr_bbo" in this session's scenarios, worlds or journal (did you mean "usr_bob"?)
 */
export function toJournalUser(user: string, pointer: string, users: SessionUsers): string {
  for (const [surface, ids] of users.bySurface) {
    const stored = users.userKey(surface, user);
    if (ids.has(stored)) return stored;
  }
  const known = [...users.bySurface.values()].flatMap((ids) => [...ids]);
  const meant = toDidYouMeanOrList(user, known, 'its users', ' (GET /__admin/sessions/{id} lists its users)');
  const reason = `no user "${user}" in this session's scenarios, worlds or journal${meant}`;
  throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `${pointer}: ${reason}`, { pointer, reason });
}

/**
 * Check the `user` of each filter (a journal query's, or each of a verification's expectations) and put it as the
 * journal holds it; `pointerOf` says where a filter is in the request (`/user`, `/1/user`). `users` is read only when
 * some filter names a user.
 */
export function checkJournalUsers(filters: ReadonlyArray<{ user?: string }>, pointerOf: (index: number) => string, users: () => SessionUsers): void {
  let known: SessionUsers | undefined;
  filters.forEach((filter, index) => {
    if (filter.user !== undefined) filter.user = toJournalUser(filter.user, pointerOf(index), (known ??= users()));
  });
}
