import { describe, expect, it } from 'vitest';
import { isLocked, recordCodeAttempt } from '../../../src/engine/code-attempts.js';
import { toWorld } from '../../../src/engine/scenario.js';
import type { User } from '../../../src/engine/world.js';

const LIMIT = { afterFailedAttempts: 3 };
const NOW = Date.UTC(2026, 0, 1, 9, 0, 0);

function freshUser(): User {
  return toWorld({ name: 'x', surface: 'flashback', description: 'x', world: { users: [{ id: 'u', email: 'u@example.com' }] }, overrides: [] }).users.u!;
}

describe('recordCodeAttempt', () => {
  it('locks on the Nth wrong code in a row, and says so once', () => {
    const user = freshUser();
    expect([1, 2, 3].map(() => recordCodeAttempt(user, 'failed', LIMIT, NOW))).toEqual([false, false, true]);
    expect(user).toMatchObject({ locked: true, failedCodeAttempts: 3 });
    // Later wrong codes (none reach a locked user through a surface, but the rule holds) do not lock again.
    expect(recordCodeAttempt(user, 'failed', LIMIT, NOW)).toBe(false);
  });

  it('an accepted code clears the count; an answer that checked no code leaves it', () => {
    const user = freshUser();
    recordCodeAttempt(user, 'failed', LIMIT, NOW);
    recordCodeAttempt(user, 'failed', LIMIT, NOW);
    recordCodeAttempt(user, undefined, LIMIT, NOW);
    expect(user.failedCodeAttempts).toBe(2);
    recordCodeAttempt(user, 'succeeded', LIMIT, NOW);
    expect(user.failedCodeAttempts).toBeUndefined();
    expect([1, 2].map(() => recordCodeAttempt(user, 'failed', LIMIT, NOW))).toEqual([false, false]);
    expect(user.locked).toBe(false);
  });

  it('keeps the user plain JSON (the state stores save it as a document)', () => {
    const user = freshUser();
    recordCodeAttempt(user, 'failed', { afterFailedAttempts: 1 }, NOW);
    expect(JSON.parse(JSON.stringify(user))).toEqual(user);
  });

  it('a lockout with a duration locks until then on the given clock, and is lifted by the first look after it', () => {
    const user = freshUser();
    const lockout = { afterFailedAttempts: 2, lockedForMs: 15 * 60_000 };
    expect([1, 2].map(() => recordCodeAttempt(user, 'failed', lockout, NOW))).toEqual([false, true]);
    expect(user).toMatchObject({ locked: true, failedCodeAttempts: 2, lockedUntil: '2026-01-01T09:15:00.000Z' });
    expect(isLocked(user, NOW + 15 * 60_000 - 1)).toBe(true);
    expect(isLocked(user, NOW + 15 * 60_000)).toBe(false);
    // Lifted as QA's unlock lifts a lock: the count starts again.
    expect(user).toMatchObject({ locked: false });
    expect(user).not.toHaveProperty('lockedUntil');
    expect(user).not.toHaveProperty('failedCodeAttempts');
  });

  it("a lock without an end (QA's, or a lockout without a duration) holds whatever the time", () => {
    const user = freshUser();
    [1, 2, 3].forEach(() => recordCodeAttempt(user, 'failed', LIMIT, NOW));
    expect(user).not.toHaveProperty('lockedUntil');
    expect(isLocked(user, NOW + 365 * 86_400_000)).toBe(true);
    expect(isLocked(freshUser(), NOW)).toBe(false);
  });
});
