import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { createTestDatabase } from '../harness/postgres-test-database.js';
import { startReplicaPair, type ReplicaPair } from '../harness/replica-pair.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { toServerSentEvents } from '../harness/openapi-answer-check.js';

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

  it("a replica's event stream tells of a change QA made through another replica", async () => {
    const url = await replicaA.app.listen({ port: 0, host: '127.0.0.1' });
    await sendMagicLink(replicaA, 'pg-events');
    const controller = new AbortController();
    const reader = (await fetch(`${url}/__admin/sessions/pg-events/events`, { signal: controller.signal })).body!.getReader();
    let text = '';
    while (!(text.includes('event: ready') && text.endsWith('\n\n'))) text += new TextDecoder().decode((await reader.read()).value);
    const start = Number(toServerSentEvents(text)[0]!.id!.split(':')[2]); // a session starts at a random revision
    const switched = await replicaB.app.inject({ method: 'PUT', url: '/__admin/sessions/pg-events/scenario', payload: { scenario: 'org-enforced' } });
    expect(switched.statusCode, switched.body).toBe(200);
    // Replica A hears nothing from B: its stream finds the new revision when it looks again (every 200 ms).
    while (!(text.includes('event: session') && text.endsWith('\n\n'))) text += new TextDecoder().decode((await reader.read()).value);
    const change = toServerSentEvents(text).find((event) => event.event === 'session')!;
    expect(JSON.parse(change.data)).toEqual({ session: 'pg-events', revision: start + 1, reset: false });
    controller.abort();
  });

  it("a replica's event stream tells of a reset made through another replica as a reset, and does not make the session again", async () => {
    const url = await replicaB.app.listen({ port: 0, host: '127.0.0.1' }); // A listens since the test before
    await sendMagicLink(replicaB, 'pg-reset');
    const stream = await readEvents(`${url}/__admin/sessions/pg-reset/events`);
    await stream.until((events) => events.some((event) => event.event === 'ready'));
    expect((await replicaA.app.inject({ method: 'DELETE', url: '/__admin/sessions/pg-reset' })).statusCode).toBe(204);
    const events = await stream.until((sofar) => sofar.some((event) => event.event === 'session'));
    const reset = JSON.parse(events.find((event) => event.event === 'session')!.data) as Record<string, unknown>;
    expect(reset).toMatchObject({ session: 'pg-reset', reset: true });
    expect(reset).not.toHaveProperty('why'); // replica B saw it gone, and cannot know why
    await new Promise((resolve) => setTimeout(resolve, 500)); // two more looks of the stream
    expect((await replicaB.app.inject({ url: '/__admin/sessions' })).json().map((session: { id: string }) => session.id)).not.toContain('pg-reset');
    stream.close();
  });
});

describe('an event stream on PostgreSQL and the session TTL', () => {
  it('a watched session outlives --session-ttl while a console watches it, and is forgotten the TTL after the stream closes', async () => {
    const database = await createTestDatabase();
    const replica = await createTestSandbox({ ...DEFAULT_CONFIG, stateUrl: database.url, sessionTtlMs: 1_500 });
    const listed = async () => (await replica.app.inject({ url: '/__admin/sessions' })).json<Array<{ id: string }>>().map((session) => session.id);
    try {
      const url = await replica.app.listen({ port: 0, host: '127.0.0.1' });
      await sendMagicLink(replica, 'pg-ttl');
      const stream = await readEvents(`${url}/__admin/sessions/pg-ttl/events`);
      await stream.until((events) => events.some((event) => event.event === 'ready'));
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // twice the TTL, no request
      expect(await listed()).toEqual(['pg-ttl']);
      expect(stream.events().filter((event) => event.event === 'session')).toEqual([]);
      stream.close();
      await vi.waitFor(async () => expect(await listed()).toEqual([]), { timeout: 5_000, interval: 200 });
    } finally {
      await replica.close();
      await database.drop();
    }
  }, 30_000);
});

/** An event stream read as it arrives: `until` returns every event so far once `done` holds for them. */
async function readEvents(url: string) {
  const controller = new AbortController();
  const reader = (await fetch(url, { signal: controller.signal })).body!.getReader();
  let text = '';
  return {
    async until(done: (events: ReturnType<typeof toServerSentEvents>) => boolean) {
      while (!(text.endsWith('\n\n') && done(toServerSentEvents(text)))) {
        const read = await reader.read();
        if (read.done) throw new Error(`the stream ended after:\n${text}`);
        text += new TextDecoder().decode(read.value);
      }
      return toServerSentEvents(text);
    },
    events: () => toServerSentEvents(text),
    close: () => controller.abort(),
  };
}
