import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionStore } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { createControlledClock } from '../../src/engine/clock.js';
import { toServerSentEvents } from '../harness/openapi-answer-check.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { createInfoLog } from '../harness/info-log.js';

/**
 * A session the sandbox forgets on its own (the least recently used beyond --max-sessions, or idle past
 * --session-ttl) vanished without a trace: no log line, and a console watching it was not told. Both now say so.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
const { logger, messages: logged, warnings } = createInfoLog();

const clock = createControlledClock(Date.UTC(2026, 0, 1));
const limits = { maxSessions: 2, sessionTtlMs: 60_000 };
let sandbox: TestSandbox;
let base: string;

beforeAll(async () => {
  const store = await createSessionStore({ ...DEFAULT_CONFIG, ...limits }, clock);
  sandbox = await createTestSandbox(limits, { clock, shared: { store, logger } });
  base = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => sandbox?.close());

const status = (session: string) => fetch(`${base}/flashback/mfa/status`, { headers: { ...ADA, 'x-mock-session': session } });

/** An open event stream on a session, read up to the first batch of events that satisfies `done`. */
async function openEvents(session: string) {
  const controller = new AbortController();
  const stream = await fetch(`${base}/__admin/sessions/${session}/events`, { signal: controller.signal });
  const reader = stream.body!.getReader();
  let text = '';
  const readUntil = async (done: (events: ReturnType<typeof toServerSentEvents>) => boolean) => {
    while (!(text.endsWith('\n\n') && done(toServerSentEvents(text)))) {
      const read = await reader.read();
      if (read.done) throw new Error(`the stream ended after:\n${text}`);
      text += new TextDecoder().decode(read.value);
    }
    return toServerSentEvents(text);
  };
  await readUntil((events) => events.some((event) => event.event === 'ready'));
  return { readUntil, events: () => toServerSentEvents(text), close: () => controller.abort() };
}

const journalLength = async (session: string) => ((await (await fetch(`${base}/__admin/sessions/${session}/journal`)).json()) as unknown[]).length;

describe('a session the sandbox forgets on its own', () => {
  it('is logged with why: the least recently used beyond --max-sessions, and one idle past --session-ttl', async () => {
    await fetch(`${base}/__admin/reset`, { method: 'POST' });
    await status('first');
    await status('second');
    await status('third'); // beyond 2: "first", the least recently used, goes
    // At warn, CI's level: a session pushed out while its test ran fails it in ways that read as app bugs.
    expect(warnings).toContain(
      'session "first" forgotten: the least recently used beyond --max-sessions 2; a client still using it starts again in the default scenario',
    );
    clock.advance(60_001);
    await fetch(`${base}/__admin/sessions/third/journal`); // read after the TTL: it expired
    await vi.waitFor(() => expect(logged).toContain('session "third" forgotten: idle longer than --session-ttl 60 s'));
  });

  it('is never one a console or a test is watching: the least recently used of the others goes, and it outlives the TTL', async () => {
    await fetch(`${base}/__admin/reset`, { method: 'POST' });
    await status('watched');
    const events = await openEvents('watched');
    await status('second');
    await status('third'); // beyond 2: "watched" is the least recently used, but in use
    expect(warnings.at(-1)).toBe(
      'session "second" forgotten: the least recently used not watched (1 watched, by event streams, consoles or outbox waits, are kept meanwhile) beyond --max-sessions 2; a client still using it starts again in the default scenario',
    );
    clock.advance(10 * 60_000);
    expect(await journalLength('watched')).toBe(1);
    await status('watched');
    expect(await journalLength('watched')).toBe(2);
    await events.readUntil((sofar) => sofar.some((event) => event.event === 'journal')); // the request since it opened
    expect(
      events
        .events()
        .filter((event) => event.event === 'session')
        .map((event) => JSON.parse(event.data).reset),
    ).not.toContain(true);
    events.close();
    // Idle again from when the console closed: the TTL later it is forgotten, as any session.
    await vi.waitFor(() => expect(sandbox.sessions.watcherCount).toBe(0));
    clock.advance(60_001);
    expect(await journalLength('watched')).toBe(0);
  });

  it('is never one a stream makes as it opens, beside a cap full of watched sessions: the sandbox holds more meanwhile', async () => {
    await fetch(`${base}/__admin/reset`, { method: 'POST' });
    const watching = [await openEvents('w1'), await openEvents('w2')];
    const third = await openEvents('w3'); // made by its stream, with the cap of 2 already taken by watched sessions
    await status('w3');
    await third.readUntil((sofar) => sofar.some((event) => event.event === 'journal'));
    expect(third.events().filter((event) => event.event === 'session')).toEqual([]);
    const listed = (await (await fetch(`${base}/__admin/sessions`)).json()) as Array<{ id: string }>;
    expect(listed.map((session) => session.id).sort()).toEqual(['w1', 'w2', 'w3']);
    for (const stream of [...watching, third]) stream.close();
    await vi.waitFor(() => expect(sandbox.sessions.watcherCount).toBe(0));
  });

  it('is never one a test waits on for its message (GET .../outbox/next) while the wait lasts', async () => {
    await fetch(`${base}/__admin/reset`, { method: 'POST' });
    await status('waiting');
    const wait = fetch(`${base}/__admin/sessions/waiting/outbox/next?timeoutMs=5000`);
    await vi.waitFor(() => expect(sandbox.sessions.watcherCount).toBe(1));
    await status('second');
    await status('third');
    clock.advance(10 * 60_000);
    const sent = await fetch(`${base}/flashback/mfa/magic-link/send`, {
      method: 'POST',
      headers: { ...ADA, 'x-mock-session': 'waiting', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(sent.status).toBe(200);
    expect((await wait).status).toBe(200);
    expect(await journalLength('waiting')).toBe(2); // its first request too: the session was kept, not made again
  });

  it('is counted at warn when an admin reset forgets it: on a sandbox shared by test workers, the others start again', async () => {
    await fetch(`${base}/__admin/reset`, { method: 'POST' });
    await status('worker-1');
    await status('worker-2');
    expect((await fetch(`${base}/__admin/reset`, { method: 'POST' })).status).toBe(204);
    expect(warnings.at(-1)).toBe('admin reset: 2 sessions forgotten, each starts again in the default scenario');
    const before = warnings.length;
    await fetch(`${base}/__admin/reset`, { method: 'POST' }); // nothing left to forget: no line
    expect(warnings.length).toBe(before);
  });

  it('is never one QA set up, made room for by reading an unknown id (a typo in a CI check)', async () => {
    await fetch(`${base}/__admin/reset`, { method: 'POST' });
    await status('keep-1');
    await status('keep-2');
    const reads = [
      fetch(`${base}/__admin/sessions/typo-1/journal`),
      fetch(`${base}/__admin/sessions/typo-2/journal/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ operationId: 'getMFAStatus', count: 0 }]),
      }),
      fetch(`${base}/__admin/sessions/typo-3/overrides`),
      fetch(`${base}/__admin/sessions/typo-4/outbox`),
      fetch(`${base}/__admin/sessions/typo-5/outbox/next?timeoutMs=50`),
    ];
    const answers = await Promise.all(reads);
    // Verifying its journal is refused (404), not "0 calls": that held for a typo too (a platform team's tour).
    expect(answers.map((answer) => answer.status)).toEqual([200, 404, 200, 200, 204]);
    expect(await answers[1]!.json()).toMatchObject({ code: 'MOCK_ERR_UNKNOWN_SESSION' });
    expect(answers[4]!.headers.get('x-mock-outbox-cursor')).toBe('0');
    expect(await answers[0]!.json()).toEqual([]);
    expect(await answers[3]!.json()).toEqual([]);
    const listed = (await (await fetch(`${base}/__admin/sessions`)).json()) as Array<{ id: string }>;
    expect(listed.map((session) => session.id).sort()).toEqual(['keep-1', 'keep-2']);
    expect(logged.filter((line) => line.includes('"keep-'))).toEqual([]);
  });

  it('is never one QA set up, made room for by a change the admin API refused', async () => {
    await fetch(`${base}/__admin/reset`, { method: 'POST' });
    await status('keep-1');
    await status('keep-2');
    const put = (path: string, body: unknown) =>
      fetch(`${base}/__admin/sessions/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const refused = await Promise.all([put('typo-1/scenario', { scenario: 'org-enforcd' }), put('typo-2/users/usr_nobody/lock', { locked: true })]);
    expect(refused.map((answer) => answer.status)).toEqual([422, 404]);
    expect(((await refused[1].json()) as { code: string }).code).toBe('MOCK_ERR_UNKNOWN_USER');
    const listed = (await (await fetch(`${base}/__admin/sessions`)).json()) as Array<{ id: string }>;
    expect(listed.map((session) => session.id).sort()).toEqual(['keep-1', 'keep-2']);
    expect(logged.filter((line) => line.includes('"keep-'))).toEqual([]);
  });
});

describe('what kept a session in use, in the log', () => {
  it('logs an event stream the server closes once: its ended line, not also a bare 200 (a QA tour)', async () => {
    const log = createInfoLog();
    const store = await createSessionStore(DEFAULT_CONFIG, clock);
    const closing = await createTestSandbox({}, { clock, shared: { store, logger: log.logger } });
    const url = await closing.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await fetch(`${url}/__admin/sessions/closed-stream/events`);
    const reader = stream.body!.getReader();
    await reader.read(); // the ready event: the stream is open
    await closing.close();
    const lines = log.messages.filter((line) => line.startsWith('GET /__admin/sessions/closed-stream/events'));
    expect(lines).toEqual([expect.stringMatching(/ -> 200 event stream ended: the server is closing \(/)]);
  });

  it('logs an event stream when it ends, and a long-poll whose client left while it waited (neither had a line)', async () => {
    const events = await openEvents('logged-stream');
    events.close();
    await vi.waitFor(() =>
      expect(logged).toContainEqual(
        expect.stringMatching(
          /^GET \/__admin\/sessions\/logged-stream\/events -> 200 event stream ended: the client left \(\d+\.\d ms, session logged-stream\)$/,
        ),
      ),
    );
    const controller = new AbortController();
    const waiting = fetch(`${base}/__admin/sessions/logged-wait/outbox/next?timeoutMs=5000`, { signal: controller.signal }).catch(() => undefined);
    await vi.waitFor(() => expect(sandbox.sessions.watcherCount).toBe(1));
    controller.abort();
    await waiting;
    await vi.waitFor(() =>
      expect(logged).toContainEqual(
        expect.stringMatching(
          /^GET \/__admin\/sessions\/logged-wait\/outbox\/next\?timeoutMs=5000 -> not answered: the client left while it waited for a message \(/,
        ),
      ),
    );
  });
});
