import { describe, expect, it } from 'vitest';
import { recordCodeAttempt } from '../../../src/engine/code-attempts.js';
import { toWorld } from '../../../src/engine/scenario.js';
import type { User } from '../../../src/engine/world.js';

const LIMIT = { afterFailedAttempts: 3 };

function freshUser(): User {
  return toWorld({ name: 'x', surface: 'flashback', description: 'x', world: { users: [{ id: 'u', email: 'u@example.com' }] }, overrides: [] }).users.u!;
}

describe('recordCodeAttempt', () => {
  it('locks on the Nth wrong code in a row, and says so once', () => {
    const user = freshUser();
    expect([1, 2, 3].map(() => recordCodeAttempt(user, 'failed', LIMIT))).toEqual([false, false, true]);
    expect(user).toMatchObject({ locked: true, failedCodeAttempts: 3 });
    // Later wrong codes (none reach a locked user through a surface, but the rule holds) do not lock again.
    expect(recordCodeAttempt(user, 'failed', LIMIT)).toBe(false);
  });

  it('an accepted code clears the count; an answer that checked no code leaves it', () => {
    const user = freshUser();
    recordCodeAttempt(user, 'failed', LIMIT);
    recordCodeAttempt(user, 'failed', LIMIT);
    recordCodeAttempt(user, undefined, LIMIT);
    expect(user.failedCodeAttempts).toBe(2);
    recordCodeAttempt(user, 'succeeded', LIMIT);
    expect(user.failedCodeAttempts).toBeUndefined();
    expect([1, 2].map(() => recordCodeAttempt(user, 'failed', LIMIT))).toEqual([false, false]);
    expect(user.locked).toBe(false);
  });

  it('keeps the user plain JSON (the state stores save it as a document)', () => {
    const user = freshUser();
    recordCodeAttempt(user, 'failed', { afterFailedAttempts: 1 });
    expect(JSON.parse(JSON.stringify(user))).toEqual(user);
  });
});
