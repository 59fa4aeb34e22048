import { toDidYouMeanOrList } from './edit-distance.js';
import type { World } from './world.js';

/**
 * What to add to "No user <id> in session ..." so the caller sees what to send instead: the user whose e-mail it is
 * (a control takes ids: nest-auth's are UUIDs, which a tester rarely knows by heart), a user id a typo away, or the
 * worlds' user ids when they are few.
 *
 * @example
 * toUnknownUserHint('ada@example.com', [nestAuthWorld]) // '; ada@example.com is the e-mail of user "4b3c9c9c-...-00000000ada1" (nest-auth): give its id'
 * toUnknownUserHint('usr_adaa', [flashbackWorld])       // ' (did you mean "usr_ada"?)'
 */
export function toUnknownUserHint(userId: string, worlds: readonly World[]): string {
  const users = worlds.flatMap((world) => Object.values(world.users).map((user) => ({ user, surface: world.surface })));
  const owners = users.filter(({ user }) => user.email.toLowerCase() === userId.trim().toLowerCase());
  if (owners.length > 0) {
    const named = [...new Set(owners.map(({ user, surface }) => `"${user.id}" (${surface})`))].join(', ');
    return `; ${userId} is the e-mail of user ${named}: give its id`;
  }
  return toDidYouMeanOrList(
    userId,
    users.map(({ user }) => user.id),
    'its users',
    '',
  );
}
