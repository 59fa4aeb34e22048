import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReplicaPair, type ReplicaPair } from '../harness/replica-pair.js';
import type { TestSandbox } from '../harness/test-sandbox.js';

/**
 * Waiting on the outbox with the PostgreSQL state store: a long-poll on one replica (one app) is answered by a message
 * another replica sends on the same database, and two waits on two replicas never get the same message (each claim is
 * made in its own unit of work, which the store serialises across replicas).
 */

const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
let replicas: ReplicaPair | undefined;
let replicaA: TestSandbox;
let replicaB: TestSandbox;

beforeAll(async () => {
  replicas = await startReplicaPair();
  ({ a: replicaA, b: replicaB } = replicas);
}, 60_000);
afterAll(() => replicas?.close());

const sendMagicLink = async (replica: TestSandbox, session: string) =>
  expect((await replica.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', session, headers: ADA, payload: {} })).statusCode).toBe(200);

describe('outbox waits on PostgreSQL', () => {
  it('a wait on one replica is answered by a message another replica sends', async () => {
    const waiting = replicaA.app.inject({ url: '/__admin/sessions/pg-wait/outbox/next?contains=link&timeoutMs=10000' });
    await vi.waitFor(() => expect(replicaA.sessions.watcherCount).toBe(1));
    await sendMagicLink(replicaB, 'pg-wait');
    const answer = await waiting;
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ seq: 1, surface: 'flashback', waited: true });
    expect(replicaA.sessions.watcherCount).toBe(0);
  });

  it('two waits on two replicas get two different messages', async () => {
    await sendMagicLink(replicaA, 'pg-two');
    await sendMagicLink(replicaB, 'pg-two');
    const answers = await Promise.all(
      [replicaA, replicaB].map(async (replica) => (await replica.app.inject({ url: '/__admin/sessions/pg-two/outbox/next?timeoutMs=0' })).json().seq),
    );
    expect(answers.sort()).toEqual([1, 2]);
    expect((await replicaB.app.inject({ url: '/__admin/sessions/pg-two/outbox/next?timeoutMs=0' })).statusCode).toBe(204);
    const listed = await replicaA.app.inject({ url: '/__admin/sessions/pg-two/outbox' });
    expect(listed.headers['x-mock-outbox-cursor']).toBe('2');
  });
});
