import { describe, expect, it } from 'vitest';
import { toUnknownUserHint } from '../../../src/engine/unknown-user-hint.js';
import type { World } from '../../../src/engine/world.js';

/** A world of these users (id and e-mail): all the hint reads. */
const worldOf = (surface: string, users: Array<[string, string]>) =>
  ({ surface, users: Object.fromEntries(users.map(([id, email]) => [id, { id, email }])) }) as unknown as World;

const flashback = worldOf('flashback', [
  ['usr_ada', 'ada@example.com'],
  ['usr_bob', 'bob@example.com'],
]);

describe('toUnknownUserHint', () => {
  it('names the user an e-mail belongs to, in any letter case: controls take ids', () => {
    expect(toUnknownUserHint('Bob@Example.com', [flashback])).toBe('; Bob@Example.com is the e-mail of user "usr_bob" (flashback): give its id');
  });

  it('offers an id a typo away, else lists the ids when they are few', () => {
    expect(toUnknownUserHint('usr_bobb', [flashback])).toBe(' (did you mean "usr_bob"?)');
    expect(toUnknownUserHint('carol', [flashback])).toBe(' (its users: usr_ada, usr_bob)');
  });

  it('says nothing more of worlds with too many users to list and none near', () => {
    const crowded = worldOf(
      'flashback',
      Array.from({ length: 30 }, (_, index): [string, string] => [`usr_${index}`, `u${index}@example.com`]),
    );
    expect(toUnknownUserHint('somebody-else', [crowded])).toBe('');
  });
});
