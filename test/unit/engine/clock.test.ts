import { describe, expect, it } from 'vitest';
import { createControlledClock, systemClock } from '../../../src/engine/clock.js';
import { SandboxError } from '../../../src/errors.js';
import { SessionRegistry, type SessionState } from '../../../src/engine/session-registry.js';
import type { Scenario } from '../../../src/engine/scenario.js';
import { deliverCode, redeemSentCode } from '../../../src/engine/outbox-codes.js';
import { newId } from '../../../src/engine/world.js';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';
import { settledNow } from '../../harness/settled-now.js';
import type { JournalRecord } from '../../../src/engine/journal.js';

const START = Date.UTC(2026, 0, 1, 9, 0, 10);

describe('createControlledClock', () => {
  it('stands still until it is set or advanced', () => {
    const clock = createControlledClock(START);
    expect(clock.now()).toBe(START);
    expect(clock.now()).toBe(START);
    clock.advance(30_000);
    expect(clock.now()).toBe(START + 30_000);
    clock.set(START - 1);
    expect(clock.now()).toBe(START - 1);
  });

  it('refuses a time no session can run at, where it is given, and stays where it was', () => {
    const clock = createControlledClock(START);
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, 30_000.5, 2 ** 53])
      expect(() => clock.advance(ms), String(ms)).toThrow(/advance takes whole milliseconds/);
    expect(() => clock.advance(-START - 1)).toThrow(/advance\(-\d+\) must leave it at whole milliseconds between 1970 and the end of 9999/);
    expect(() => clock.set(Number.NaN)).toThrow(/set\(NaN\) must leave it at whole milliseconds/);
    expect(() => clock.set(Date.UTC(10_000, 0, 1))).toThrow(SandboxError);
    expect(clock.now()).toBe(START);
    expect(() => createControlledClock(Number.NaN)).toThrow(/start must leave it at whole milliseconds .* got NaN/);
  });

  it('starts at the wall clock when given no time, and the system clock is the wall clock', () => {
    const before = Date.now();
    const clock = createControlledClock();
    const wall = systemClock.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    expect(clock.now()).toBeLessThanOrEqual(wall);
    expect(wall).toBeLessThanOrEqual(Date.now());
  });
});

const scenario: Scenario = { name: 'default', surface: 'flashback', description: 'empty world', world: {}, overrides: [] };

function registry(options: { clock?: ReturnType<typeof createControlledClock>; ttlMs?: number } = {}) {
  const { clock, ttlMs = 60_000 } = options;
  return new SessionRegistry({
    store: new MemoryStateStore<SessionState, JournalRecord>({ ttlMs, maxEntries: 10, logSize: 10, now: () => (clock ?? systemClock).now() }),
    catalogue: new Map([['flashback', new Map([['default', scenario]])]]),
    defaultScenario: 'default',
    ...(clock ? { clock } : {}),
  });
}

describe('SessionRegistry and its clock', () => {
  it('runs on the wall clock unless given one, and exposes the clock it runs on', () => {
    expect(registry().clock).toBe(systemClock);
    const clock = createControlledClock(START);
    expect(registry({ clock }).clock).toBe(clock);
  });

  it("stamps a new session's createdAt with the clock's time", () => {
    const clock = createControlledClock(START);
    const sessions = registry({ clock });
    expect(settledNow(sessions.update('a', (session) => session)).createdAt).toBe('2026-01-01T09:00:10.000Z');
    clock.advance(5_000);
    expect(settledNow(sessions.update('b', (session) => session)).createdAt).toBe('2026-01-01T09:00:15.000Z');
    expect(settledNow(sessions.update('a', (session) => session)).createdAt).toBe('2026-01-01T09:00:10.000Z'); // the same session, not a new one
  });

  it('sweeps idle sessions when the clock (not the wall clock) passes the TTL', () => {
    const clock = createControlledClock(START);
    const sessions = registry({ clock, ttlMs: 60_000 });
    settledNow(sessions.update('idle', (session) => session));
    clock.advance(60_000);
    expect(sessions.sweep()).toEqual({ expired: 0, evicted: 0 });
    settledNow(sessions.update('busy', (session) => session)); // touched at START + 60 s
    clock.advance(1);
    expect(sessions.sweep()).toEqual({ expired: 1, evicted: 0 });
    expect(sessions.ids()).toEqual(['busy']);
  });
});

describe('engine times come from the nowMs they are given', () => {
  it('a delivered code is stamped and expires on the given time', () => {
    const world = { sentCodes: [], outbox: [] } as never as Parameters<typeof deliverCode>[0];
    const user = { id: 'usr_ada', email: 'ada@example.com' } as never as Parameters<typeof deliverCode>[1];
    deliverCode(world, user, 'email', '123456', 'Your code', { nowMs: START, ttlMs: 600_000 });
    expect(world.outbox[0]).toMatchObject({
      sentAt: '2026-01-01T09:00:10.000Z',
      text: 'Your verification code is 123456. It expires at 2026-01-01T09:10:10.000Z.',
    });
    // "It expires at 09:10:10": at that very millisecond it is expired, as nest-auth's codes and tokens are (it was
    // still taken then, a QA tour found, while the link page said "expired at" the same instant).
    expect(redeemSentCode(world, 'usr_ada', 'email', '123456', START + 600_000)).toBe(false);
    expect(redeemSentCode(world, 'usr_ada', 'email', '123456', START + 599_999)).toBe(true);
  });

  it("an id carries the given time, not the wall clock's", () => {
    expect(newId('msg', START)).toMatch(new RegExp(`^msg_${START.toString(36)}`));
    expect(newId('msg', START)).not.toBe(newId('msg', START));
  });
});
