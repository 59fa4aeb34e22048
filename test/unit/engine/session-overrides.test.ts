import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src/engine/session-registry.js';
import {
  addSessionOverride,
  clearSessionOverrides,
  removeSessionOverride,
  sessionOverridesOf,
  countOverrideUse,
  findSessionOverride,
  letWaitingOverridesPass,
  MAX_HELD_OVERRIDES,
  USED_UP_KEPT,
  type SessionOverride,
} from '../../../src/engine/session-overrides.js';

const AT = '2026-01-01T00:00:00.000Z';
const newSession = (): SessionState => ({ id: 's', createdAt: AT, scenarios: {}, worlds: {} });
const ANY_REQUEST = { params: {}, query: {}, headers: {}, body: undefined };
const asUser = (token: string) => ({ ...ANY_REQUEST, headers: { authorization: `Bearer ${token}` } });

describe('session overrides', () => {
  it('picks the newest active exact override, then the newest active "*", of the request surface only', () => {
    const session = newSession();
    addSessionOverride(session, { surface: 'flashback', operationId: '*', status: 500 }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 401 }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 403 }, AT);
    addSessionOverride(session, { surface: 'lerian', operationId: 'getMfaStatus', status: 500 }, AT);
    expect(findSessionOverride(session, 'flashback', 'getMFAStatus', ANY_REQUEST)?.status).toBe(403);
    expect(findSessionOverride(session, 'flashback', 'enableMFA', ANY_REQUEST)?.status).toBe(500);
    expect(findSessionOverride(session, 'nest-auth', 'getMfaStatus', ANY_REQUEST)).toBeUndefined();
    // Finding one uses none up: only a request it answers does (the pipeline counts it then).
    expect(sessionOverridesOf(session).map((override) => override.used)).toEqual([0, 0, 0, 0]);
  });

  it(`keeps the newest ${USED_UP_KEPT} used-up overrides listed, and every active one`, () => {
    const session = newSession();
    const standing = addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 500 }, AT);
    for (let job = 0; job < USED_UP_KEPT + 20; job++) {
      const once = addSessionOverride(session, { surface: 'flashback', operationId: 'verifyMFALogin', status: 401, times: 1 }, AT);
      countOverrideUse(sessionOverridesOf(session), once);
    }
    const waiting = addSessionOverride(session, { surface: 'flashback', operationId: 'verifyMFALogin', status: 401, times: 1 }, AT);
    const ids = sessionOverridesOf(session).map((override) => override.id);
    expect(ids).toHaveLength(USED_UP_KEPT + 2);
    expect(ids[0]).toBe(standing.id);
    expect(ids.at(-1)).toBe(waiting.id);
    expect(ids[1]).toBe('ov-22'); // ov-2 to ov-21, the 20 oldest used-up ones, are gone
  });

  it(`keeps the newest ${USED_UP_KEPT} used-up overrides also when all were added first and used up afterwards`, () => {
    const session = newSession();
    const add = (count: number) =>
      Array.from({ length: count }, () => addSessionOverride(session, { surface: 'flashback', operationId: 'verifyMFALogin', status: 401, times: 1 }, AT));
    // Newest first, as requests find them: each used up by its request.
    const useUp = (overrides: SessionOverride[]) => {
      for (const override of [...overrides].reverse()) countOverrideUse(sessionOverridesOf(session), override);
    };
    // As many as a session holds (MAX_HELD_OVERRIDES), half used up, then more added while the other half waits:
    // 150 in all, none of them trimmed on the way (no more than 100 used up when one was added).
    const first = add(MAX_HELD_OVERRIDES);
    useUp(first.slice(MAX_HELD_OVERRIDES / 2));
    const later = add(MAX_HELD_OVERRIDES / 2);
    expect(sessionOverridesOf(session)).toHaveLength(MAX_HELD_OVERRIDES * 1.5);
    // Counted only where one was added, all 150 stayed once used up.
    useUp([...first.slice(0, MAX_HELD_OVERRIDES / 2), ...later]);
    const ids = sessionOverridesOf(session).map((override) => override.id);
    expect(ids).toHaveLength(USED_UP_KEPT);
    // The newest added are kept (ov-51 to ov-150), as when each was used up before the next was added.
    expect(ids[0]).toBe(`ov-${MAX_HELD_OVERRIDES * 1.5 - USED_UP_KEPT + 1}`);
    expect(ids.at(-1)).toBe(`ov-${MAX_HELD_OVERRIDES * 1.5}`);
  });

  it('stops applying after `times` uses and falls back to the next one', () => {
    const session = newSession();
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 401 }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 500, times: 2 }, AT);
    const statuses = [1, 2, 3].map(() => {
      const found = findSessionOverride(session, 'flashback', 'getMFAStatus', ANY_REQUEST)!;
      countOverrideUse(sessionOverridesOf(session), found);
      return found.status;
    });
    expect(statuses).toEqual([500, 500, 401]);
    expect(sessionOverridesOf(session)[1]).toMatchObject({ used: 2, times: 2 });
  });

  it('with `after`, lets fitting requests of its operation (or any, for "*") go by first, and is never pruned as used up meanwhile', () => {
    const session = newSession();
    addSessionOverride(session, { surface: 'flashback', operationId: '*', status: 500, after: 2 }, AT);
    for (let job = 0; job < USED_UP_KEPT + 1; job++) {
      countOverrideUse(sessionOverridesOf(session), addSessionOverride(session, { surface: 'flashback', operationId: 'enableMFA', status: 401, times: 1 }, AT));
    }
    expect(sessionOverridesOf(session)[0]).toMatchObject({ id: 'ov-1', passed: 0 });
    const seen = [];
    for (const operationId of ['getMFAStatus', 'disableMFA', 'getMFAStatus']) {
      seen.push(findSessionOverride(session, 'flashback', operationId, ANY_REQUEST)?.status);
      letWaitingOverridesPass(session, 'flashback', operationId, ANY_REQUEST);
    }
    letWaitingOverridesPass(session, 'lerian', 'getMfaStatus', ANY_REQUEST); // another surface's request is not counted
    expect(seen).toEqual([undefined, undefined, 500]);
    expect(sessionOverridesOf(session)[0]).toMatchObject({ passed: 2 });
  });

  it('passes over an override whose `when` the request does not fit, to an older one or the "*" one', () => {
    const session = newSession();
    addSessionOverride(session, { surface: 'flashback', operationId: '*', status: 500, when: { headers: { Authorization: 'Bearer carol' } } }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 401 }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 403, when: { headers: { Authorization: 'Bearer bob' } } }, AT);
    expect(findSessionOverride(session, 'flashback', 'getMFAStatus', asUser('bob'))?.status).toBe(403);
    expect(findSessionOverride(session, 'flashback', 'getMFAStatus', asUser('ada'))?.status).toBe(401);
    // An exact override that fits wins over a fitting "*", whatever their age; a "*" answers what no exact one fits.
    expect(findSessionOverride(session, 'flashback', 'getMFAStatus', asUser('carol'))?.status).toBe(401);
    expect(findSessionOverride(session, 'flashback', 'enableMFA', asUser('carol'))?.status).toBe(500);
    expect(findSessionOverride(session, 'flashback', 'enableMFA', asUser('ada'))).toBeUndefined();
  });

  it('survives a JSON round trip, removes by id and never reuses an id', () => {
    const session = newSession();
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', body: { success: true }, times: 1 }, AT);
    const copy = JSON.parse(JSON.stringify(session)) as SessionState;
    expect(copy).toEqual(session);
    expect(removeSessionOverride(copy, 'ov-1')).toBe(true);
    expect(removeSessionOverride(copy, 'ov-1')).toBe(false);
    expect(addSessionOverride(copy, { surface: 'flashback', operationId: '*', latencyMs: 1 }, AT).id).toBe('ov-2');
    expect(clearSessionOverrides(copy)).toBe(1);
    expect(findSessionOverride(copy, 'flashback', 'getMFAStatus', ANY_REQUEST)).toBeUndefined();
  });
});
