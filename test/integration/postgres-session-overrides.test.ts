import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplicaPair, type ReplicaPair } from '../harness/replica-pair.js';
import type { TestSandbox } from '../harness/test-sandbox.js';

/**
 * Runtime overrides on the PostgreSQL state store: two replicas (two apps on one database) share a session's
 * overrides, and a `times` override answers exactly `times` requests in total, whichever replica gets them, because
 * each use is counted in the request's own unit of work.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
let replicas: ReplicaPair | undefined;
let replicaA: TestSandbox;
let replicaB: TestSandbox;

beforeAll(async () => {
  replicas = await startReplicaPair();
  ({ a: replicaA, b: replicaB } = replicas);
}, 60_000);
afterAll(() => replicas?.close());

describe('session overrides on PostgreSQL', () => {
  it('are stored with the session, shared by replicas, and counted across them', async () => {
    const added = await replicaA.app.inject({
      method: 'POST',
      url: '/__admin/sessions/pg-ov/overrides',
      payload: { surface: 'flashback', operationId: 'getMFAStatus', status: 500, times: 3 },
    });
    expect(added.statusCode, added.body).toBe(201);

    const statuses = await Promise.all(
      [replicaA, replicaB, replicaA, replicaB, replicaB].map(
        async (replica) => (await replica.request({ url: '/flashback/mfa/status', session: 'pg-ov', headers: ADA })).statusCode,
      ),
    );
    expect(statuses.filter((status) => status === 500)).toHaveLength(3);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect((await replicaB.request({ url: '/flashback/mfa/status', session: 'pg-other', headers: ADA })).statusCode).toBe(200);

    const listed = await replicaB.app.inject({ url: '/__admin/sessions/pg-ov/overrides' });
    expect(listed.json()).toEqual([expect.objectContaining({ id: 'ov-1', surface: 'flashback', times: 3, used: 3 })]);
    expect((await replicaA.app.inject({ url: '/__admin/sessions/pg-other/overrides' })).json()).toEqual([]);

    const verified = await replicaA.app.inject({
      method: 'POST',
      url: '/__admin/sessions/pg-ov/journal/verify',
      payload: { operationId: 'getMFAStatus', status: 500, count: 3 },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect((await replicaB.app.inject({ method: 'DELETE', url: '/__admin/sessions/pg-ov/overrides/ov-1' })).statusCode).toBe(204);
    expect((await replicaA.app.inject({ url: '/__admin/sessions/pg-ov/overrides' })).json()).toEqual([]);
  });
});
