import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src/engine/session-registry.js';
import {
  addSessionOverride,
  clearSessionOverrides,
  removeSessionOverride,
  sessionOverridesOf,
  takeSessionOverride,
} from '../../../src/engine/session-overrides.js';

const AT = '2026-01-01T00:00:00.000Z';
const newSession = (): SessionState => ({ id: 's', createdAt: AT, scenarios: {}, worlds: {} });

describe('session overrides', () => {
  it('picks the newest active exact override, then the newest active "*", of the request surface only', () => {
    const session = newSession();
    addSessionOverride(session, { surface: 'flashback', operationId: '*', status: 500 }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 401 }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 403 }, AT);
    addSessionOverride(session, { surface: 'lerian', operationId: 'getMfaStatus', status: 500 }, AT);
    expect(takeSessionOverride(session, 'flashback', 'getMFAStatus')?.status).toBe(403);
    expect(takeSessionOverride(session, 'flashback', 'enableMFA')?.status).toBe(500);
    expect(takeSessionOverride(session, 'nest-auth', 'getMfaStatus')).toBeUndefined();
    expect(sessionOverridesOf(session).map((override) => [override.id, override.used])).toEqual([
      ['ov-1', 1],
      ['ov-2', 0],
      ['ov-3', 1],
      ['ov-4', 0],
    ]);
  });

  it('stops applying after `times` uses and falls back to the next one', () => {
    const session = newSession();
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 401 }, AT);
    addSessionOverride(session, { surface: 'flashback', operationId: 'getMFAStatus', status: 500, times: 2 }, AT);
    const statuses = [1, 2, 3].map(() => takeSessionOverride(session, 'flashback', 'getMFAStatus')?.status);
    expect(statuses).toEqual([500, 500, 401]);
    expect(sessionOverridesOf(session)[1]).toMatchObject({ used: 2, times: 2 });
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
    expect(takeSessionOverride(copy, 'flashback', 'getMFAStatus')).toBeUndefined();
  });
});
