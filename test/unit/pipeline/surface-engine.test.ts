import { describe, expect, it } from 'vitest';
import { createControlledClock } from '../../../src/engine/clock.js';
import { SessionRegistry, type SessionState } from '../../../src/engine/session-registry.js';
import { toSandboxDefinition } from '../../../src/msw/sandbox-definition.js';
import { SANDBOX_DEFINITION_SNAPSHOT } from '../../../src/msw/sandbox-definition-snapshot.js';
import type { PlainAnswer, PlainRequest } from '../../../src/pipeline/plain-exchange.js';
import { createSurfaceEngine, type EngineRoute } from '../../../src/pipeline/surface-engine.js';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';
import { toSurface } from '../../../src/surfaces/registry.js';
import { settledNow } from '../../harness/settled-now.js';
import type { JournalRecord } from '../../../src/engine/journal.js';

/**
 * The request pipeline with no transport at all: plain values in, plain values out. These pin the order of its steps
 * (the vendors' middleware order), which every transport inherits.
 */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
const { specs, catalogue } = toSandboxDefinition(SANDBOX_DEFINITION_SNAPSHOT);
const sessions = new SessionRegistry({
  store: new MemoryStateStore<SessionState, JournalRecord>({ ttlMs: 60_000, maxEntries: 100, logSize: 10, now: () => clock.now() }),
  catalogue,
  defaultScenario: 'default',
  clock,
});
const routes = createSurfaceEngine({ spec: specs.get('flashback')!, behaviour: toSurface('flashback').behaviour, sessions, validateResponses: true });
const route = (operationId: string): EngineRoute => routes.find((candidate) => candidate.operationId === operationId)!;
const ADA = { authorization: 'Bearer flashback-token-ada' };

let sessionCount = 0;
async function answer(operationId: string, request: Partial<PlainRequest>): Promise<PlainAnswer & { json: unknown }> {
  const headers = { 'x-mock-session': `engine-${++sessionCount}`, ...request.headers };
  const plain: PlainRequest = { method: 'GET', url: '/mfa', query: {}, params: {}, body: undefined, ...request, headers };
  const settled = await route(operationId).answer(plain);
  let json: unknown;
  try {
    json = settled.body === undefined ? undefined : JSON.parse(settled.body);
  } catch {
    json = undefined; // a body broken on purpose (an injected fault)
  }
  return { ...settled, json };
}

describe('createSurfaceEngine (no transport)', () => {
  it('answers a plain request with status, headers and body text, and journals it at the clock time', async () => {
    const result = await answer('getMFAStatus', { headers: { ...ADA, 'x-mock-session': 'engine-journal' } });
    expect(result).toMatchObject({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, dropConnection: false, delayMs: 0 });
    expect(result.json).toMatchObject({ success: true, data: { isEnabled: false } });
    expect(settledNow(sessions.journal('engine-journal'))).toMatchObject([{ operationId: 'getMFAStatus', status: 200, at: '2026-01-01T09:00:10.000Z' }]);
  });

  it('refuses an unreadable body before it looks at the credentials (the body parser runs first)', async () => {
    const result = await answer('setupMFA', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mfaType":' });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ success: false });
  });

  it('checks the credentials before it validates the body', async () => {
    const result = await answer('setupMFA', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mfaType":"NOPE"}' });
    expect(result.status).toBe(401);
  });

  it('lets a scripted answer win over validation, but not over wrong credentials', async () => {
    const scripted = { 'content-type': 'application/json', prefer: 'code=500' };
    const withCredentials = await answer('setupMFA', { method: 'POST', headers: { ...ADA, ...scripted }, body: '{"mfaType":"NOPE"}' });
    expect(withCredentials.status).toBe(500);
    const without = await answer('setupMFA', { method: 'POST', headers: scripted, body: '{"mfaType":"NOPE"}' });
    expect(without.status).toBe(401);
  });

  it('turns a malformed sandbox header into a problem+json error and journals nothing', async () => {
    const result = await answer('getMFAStatus', { headers: { ...ADA, 'x-mock-session': 'not a session!' } });
    expect(result.status).toBe(400);
    expect(result.headers).toEqual({ 'content-type': 'application/problem+json', 'x-mock-error': 'true' });
    expect(result.json).toMatchObject({ code: 'MOCK_ERR_BAD_SESSION_ID' });
    expect(settledNow(sessions.read('not a session!'))).toBeUndefined();
  });

  it('says what to break instead of breaking it: the transport drops the connection or waits', async () => {
    const dropped = await answer('getMFAStatus', { headers: { ...ADA, prefer: 'fault=drop-connection' } });
    expect(dropped).toMatchObject({ status: 200, dropConnection: 'close', body: undefined });
    const reset = await answer('getMFAStatus', { headers: { ...ADA, prefer: 'fault=connection-reset' } });
    expect(reset).toMatchObject({ status: 200, dropConnection: 'reset', body: undefined });
    const late = await answer('getMFAStatus', { headers: { ...ADA, prefer: 'latency=250, fault=truncated-body' } });
    expect(late).toMatchObject({ delayMs: 250, headers: { 'x-mock-latency-ms': '250', 'x-mock-fault-injected': 'truncated-body' } });
    expect(() => JSON.parse(late.body!)).toThrow();
  });
});
