import { SandboxError } from '../errors.js';
import type { SessionRegistry, SessionState } from './session-registry.js';
import { toUnknownUserHint } from './unknown-user-hint.js';
import { userById, type World } from './world.js';

export interface LockedWorld {
  surface: string;
  scenario: string;
}

/**
 * Lock or unlock a user in one session, so QA can reproduce a vendor's "account locked" answer at once. The lock is
 * world state: it applies to the session's current world of each surface (created now if the session has not used
 * the surface yet) and to every other world the session already has (`Prefer: scenario=...` ones); switching the
 * session's scenario later starts that scenario fresh, unlocked. Unlocking also clears the user's count of wrong codes
 * (a scenario's `lockout`). The id is read as each surface stores its ids (a Lerian UUID in any letter case). Returns
 * the worlds where the user was found; throws `MOCK_ERR_UNKNOWN_USER` when there is
 * none, inside the unit of work, so a refused lock leaves no session behind (the store drops a session made for it).
 *
 * @example
 * sessions.update('bug-123', (session) => setUserLocked(sessions, session, 'usr_ada', true, ['flashback'])); // -> [{ surface: 'flashback', scenario: 'default' }]
 */
export function setUserLocked(sessions: SessionRegistry, session: SessionState, userId: string, locked: boolean, surfaces: readonly string[]): LockedWorld[] {
  const current = surfaces.map((surface) => sessions.world(session, sessions.scenarioFor(session, surface)));
  const others = Object.values(session.worlds).filter((world) => surfaces.includes(world.surface) && !current.includes(world));
  // Each world looks the user up by its surface's spelling of the id (a Lerian UUID in any letter case finds its user).
  const found = [...current, ...others].filter((world: World) => userById(world, sessions.userKey(world.surface, userId)));
  if (found.length === 0) {
    const hint = toUnknownUserHint(userId, [...current, ...others]);
    throw new SandboxError('MOCK_ERR_UNKNOWN_USER', `No user "${userId}" in session "${session.id}" (${surfaces.join(', ')})${hint}`);
  }
  return found.map((world) => {
    const user = world.users[sessions.userKey(world.surface, userId)]!;
    user.locked = locked;
    // QA's lock lasts until QA unlocks, whatever end a scenario's lockout had set; and it is QA's, not the count's
    // (a refusal's explanation names the wrong codes only for a lock they made). Unlocking starts a scenario's
    // attempt limit (`lockout`) over: the user gets afterFailedAttempts tries again.
    delete user.lockedUntil;
    delete user.failedCodeAttempts;
    return { surface: world.surface, scenario: world.scenario };
  });
}
