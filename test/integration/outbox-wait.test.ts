import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSandbox, OutboxWaitTimeoutError, type RunningSandbox } from '../../src/index.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { toServerSentEvents } from '../harness/openapi-answer-check.js';

/**
 * An outbox you can wait on (issue 19, item 3): the long-poll `GET /__admin/sessions/{id}/outbox/next`, the search
 * of `GET .../outbox`, the event stream `GET .../events` and `waitForMessage()` of createSandbox() sessions. Messages
 * are sent through the vendors' own APIs (Flashback magic-link send, nest-auth e-mail challenge). No test sleeps: a
 * wait that must start before the send is seen registered (the registry's watcher count) before the send is made; the
 * timeouts are real but short (≤ 200 ms).
 */

const FLASHBACK_ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
const NEST_ADA = { authorization: 'Bearer nest-auth-token-ada', 'content-type': 'application/json' };

let sandbox: TestSandbox;
let base: string;

beforeAll(async () => {
  sandbox = await createTestSandbox();
  base = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await sandbox.close();
});

interface Message {
  seq: number;
  surface: string;
  channel: string;
  to: string;
  subject: string;
  link?: string;
  code?: string;
  waited?: boolean;
}

const sendMagicLink = async (session: string) => {
  const response = await fetch(`${base}/flashback/mfa/magic-link/send`, {
    method: 'POST',
    headers: { ...FLASHBACK_ADA, 'x-mock-session': session },
    body: '{}',
  });
  expect(response.status).toBe(200);
};
const sendEmailCode = async (session: string) => {
  const response = await fetch(`${base}/nest-auth/auth/mfa/challenge`, {
    method: 'POST',
    headers: { ...NEST_ADA, 'x-mock-session': session },
    body: JSON.stringify({ method: 'email' }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
};
const next = (session: string, query: string, init: RequestInit = {}) => fetch(`${base}/__admin/sessions/${session}/outbox/next?${query}`, init);
const watchers = () => sandbox.sessions.watcherCount;

describe('waiting for an outbox message over HTTP (long-poll)', () => {
  it('a wait that began before the send is answered when the send happens', async () => {
    const waiting = next('lp-before', 'contains=link&timeoutMs=10000');
    await vi.waitFor(() => expect(watchers()).toBe(1)); // the wait is registered: the message is not there yet
    await sendMagicLink('lp-before');
    const response = await waiting;
    expect(response.status).toBe(200);
    const message = (await response.json()) as Message;
    expect(message).toMatchObject({ seq: 1, surface: 'flashback', channel: 'email', to: 'ada@example.com', waited: true });
    expect(message.link).toContain('/__admin/sessions/lp-before/magic-links/');
    expect(response.headers.get('x-mock-outbox-cursor')).toBe('1');
    expect(watchers()).toBe(0);
  });

  it('a wait that begins after the send returns the message at once (timeoutMs=0 looks once)', async () => {
    await sendMagicLink('lp-after');
    const response = await next('lp-after', 'timeoutMs=0');
    expect(response.status).toBe(200);
    expect(((await response.json()) as Message).seq).toBe(1);
  });

  it('answers 204 with the cursor when nothing matching came in time', async () => {
    await sendMagicLink('lp-timeout');
    const started = performance.now();
    const response = await next('lp-timeout', 'contains=code&timeoutMs=150');
    expect(response.status).toBe(204);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.headers.get('x-mock-outbox-cursor')).toBe('1');
    expect(await response.text()).toBe('');
    expect(watchers()).toBe(0);
  });

  it('returns only a message that meets every criterion', async () => {
    const session = 'lp-criteria';
    await sendMagicLink(session);
    await sendEmailCode(session);
    const code = (await (await next(session, 'contains=code&timeoutMs=0')).json()) as Message;
    expect(code).toMatchObject({ surface: 'nest-auth', subject: 'Your verification code' });
    expect(code.code).toMatch(/^\d{6}$/);
    const link = (await (await next(session, 'surface=flashback&to=ADA@EXAMPLE.COM&subject=magic&timeoutMs=0')).json()) as Message;
    expect(link.link).toBeDefined();
    expect((await next(session, 'channel=sms&timeoutMs=0')).status).toBe(204);
    expect((await next(session, 'userId=usr_bob&timeoutMs=0')).status).toBe(204);
  });

  it('two successive waits return two different messages, oldest first; a third finds none', async () => {
    const session = 'lp-successive';
    await sendMagicLink(session);
    await sendMagicLink(session);
    const first = (await (await next(session, 'timeoutMs=0')).json()) as Message;
    const second = (await (await next(session, 'timeoutMs=0')).json()) as Message;
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(first.link).not.toBe(second.link);
    expect((await next(session, 'timeoutMs=0')).status).toBe(204);
  });

  it('with after=<cursor>: the first message after it, returned before or not, and marked returned', async () => {
    const session = 'lp-cursor';
    await sendMagicLink(session);
    const listed = await fetch(`${base}/__admin/sessions/${session}/outbox`, { headers: { origin: 'http://localhost:5173' } });
    expect(listed.headers.get('access-control-expose-headers')).toContain('x-mock-outbox-cursor'); // a page on another origin reads it
    const cursor = listed.headers.get('x-mock-outbox-cursor')!;
    expect(cursor).toBe('1');
    expect((await next(session, `after=${cursor}&timeoutMs=0`)).status).toBe(204);
    await sendMagicLink(session);
    const after = (await (await next(session, `after=${cursor}&timeoutMs=0`)).json()) as Message;
    expect(after).toMatchObject({ seq: 2, waited: true });
    // Asked again with the same cursor: the same message (a cursor looks past what waits returned).
    expect(((await (await next(session, `after=${cursor}&timeoutMs=0`)).json()) as Message).seq).toBe(2);
    // A wait without a cursor starts with the oldest no wait returned, and does not return the cursor's message again.
    expect(((await (await next(session, 'timeoutMs=0')).json()) as Message).seq).toBe(1);
    expect((await next(session, 'timeoutMs=0')).status).toBe(204);
  });

  it('a client that disconnects releases its wait at once', async () => {
    const controller = new AbortController();
    const waiting = next('lp-gone', 'timeoutMs=60000', { signal: controller.signal }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(watchers()).toBe(1));
    controller.abort();
    expect(await waiting).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(watchers()).toBe(0));
  });
});

describe('searching the outbox', () => {
  it('filters by recipient, subject and content, keeps the latest N, and always names the cursor', async () => {
    const session = 'search';
    await sendMagicLink(session);
    await sendEmailCode(session);
    await sendMagicLink(session);
    const search = async (query: string) => {
      const response = await fetch(`${base}/__admin/sessions/${session}/outbox?${query}`);
      expect(response.headers.get('x-mock-outbox-cursor')).toBe('3');
      return ((await response.json()) as Message[]).map((message) => message.seq);
    };
    expect(await search('')).toEqual([1, 2, 3]);
    expect(await search('subject=magic')).toEqual([1, 3]);
    expect(await search('subject=magic&limit=1')).toEqual([3]);
    expect(await search('contains=code&to=ada@example.com')).toEqual([2]);
    expect(await search('after=1')).toEqual([2, 3]);
    expect(await search('to=bob@example.com')).toEqual([]);
    const refused = await fetch(`${base}/__admin/sessions/${session}/outbox?contains=qr`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { parameter: string }).parameter).toBe('contains');
  });
});

describe('the session event stream', () => {
  it('streams new outbox messages (resumable by id) and journal entries, with CORS for another origin, and releases its watcher on close', async () => {
    const session = 'sse';
    await sendMagicLink(session); // before the stream: not sent, unless asked for with after/Last-Event-ID
    const controller = new AbortController();
    const response = await fetch(`${base}/__admin/sessions/${session}/events`, { signal: controller.signal, headers: { origin: 'http://localhost:5173' } });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil(() => text.includes('event: ready'));
    await sendEmailCode(session);
    await readUntil(() => text.includes('event: outbox') && text.includes('event: journal') && text.endsWith('\n\n'));
    const events = toServerSentEvents(text);
    expect(events.map((event) => event.event)).toEqual(['ready', 'outbox', 'journal']);
    expect(JSON.parse(events[0]!.data)).toEqual({ session, cursor: 1 });
    expect(JSON.parse(events[1]!.data)).toMatchObject({ seq: 2, surface: 'nest-auth' });
    expect(JSON.parse(events[2]!.data)).toMatchObject({ method: 'POST', url: '/nest-auth/auth/mfa/challenge' });
    // Each id is the position after the event in every sequence: <outbox seq>:<journal number>:<revision>.
    const [ready, outbox, journal] = events.map((event) => toPosition(event.id));
    expect(ready!.outbox).toBe(1);
    expect(outbox).toEqual({ outbox: 2, journal: ready!.journal, revision: ready!.revision });
    expect(journal!.outbox).toBe(2);
    expect(journal!.journal).toBeGreaterThan(ready!.journal);
    expect(watchers()).toBe(1);
    controller.abort();
    await vi.waitFor(() => expect(watchers()).toBe(0));

    // A reconnecting EventSource sends the last id it saw and gets what it missed.
    const resumed = new AbortController();
    const again = await fetch(`${base}/__admin/sessions/${session}/events`, { signal: resumed.signal, headers: { 'last-event-id': '0' } });
    const resumedReader = again.body!.getReader();
    text = '';
    while (!(text.includes('"seq":2') && text.endsWith('\n\n'))) text += new TextDecoder().decode((await resumedReader.read()).value);
    expect(
      toServerSentEvents(text)
        .filter((event) => event.event === 'outbox')
        .map((event) => toPosition(event.id).outbox),
    ).toEqual([1, 2]);
    resumed.abort();
    await vi.waitFor(() => expect(watchers()).toBe(0));
  });

  it('resumes the journal after the last event id: what was missed, once, then what happens next', async () => {
    const session = 'sse-journal';
    await sendMagicLink(session);
    const first = await openEventStream(session);
    await first.readUntil((events) => events.some((event) => event.event === 'ready'));
    await sendEmailCode(session);
    const seen = await first.readUntil((events) => events.some((event) => event.event === 'journal'));
    const lastSeen = seen.at(-1)!.id!;
    await first.close();

    // While no one listens: two more requests.
    await sendMagicLink(session);
    await sendEmailCode(session);

    const resumed = await openEventStream(session, { 'last-event-id': lastSeen });
    const journalUrls = (events: ServerSentEvent[]) =>
      events.filter((event) => event.event === 'journal').map((event) => (JSON.parse(event.data) as { url: string }).url);
    let events = await resumed.readUntil((sofar) => journalUrls(sofar).length >= 2);
    expect(journalUrls(events)).toEqual(['/flashback/mfa/magic-link/send', '/nest-auth/auth/mfa/challenge']); // the missed two, not the seen one
    const outboxSeqs = events.filter((event) => event.event === 'outbox').map((event) => (JSON.parse(event.data) as { seq: number }).seq);
    expect(outboxSeqs).toEqual([3, 4]);

    await sendMagicLink(session); // and the stream goes on from there
    events = await resumed.readUntil((sofar) => journalUrls(sofar).length >= 3);
    expect(journalUrls(events)).toHaveLength(3);
    const journalNumbers = events.map((event) => toPosition(event.id).journal);
    expect(journalNumbers).toEqual([...journalNumbers].sort((x, y) => x - y));
    await resumed.close();
  });

  it('tells of each change QA makes to the session and of a reset, with nothing journalled or sent', async () => {
    const session = 'sse-changes';
    await sendMagicLink(session);
    const stream = await openEventStream(session);
    const ready = (await stream.readUntil((events) => events.some((event) => event.event === 'ready'))).find((event) => event.event === 'ready')!;
    const start = toPosition(ready.id).revision; // a session starts at a random revision (see the reset below)
    const changes = (events: ServerSentEvent[]) => events.filter((event) => event.event === 'session');
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${base}/__admin/sessions/${session}${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });

    // Made elsewhere (a QA script, another console): a scenario switch, then the session's clock frozen.
    expect((await admin('PUT', '/scenario', { scenario: 'org-enforced', surface: 'flashback' })).status).toBe(200);
    let events = await stream.readUntil((sofar) => changes(sofar).length >= 1);
    expect(JSON.parse(changes(events)[0]!.data)).toEqual({ session, revision: start + 1, reset: false });
    expect((await admin('PUT', '/clock', { frozen: true })).status).toBe(200);
    events = await stream.readUntil((sofar) => changes(sofar).length >= 2);
    expect(JSON.parse(changes(events)[1]!.data)).toEqual({ session, revision: start + 2, reset: false });
    expect(toPosition(changes(events)[1]!.id).revision).toBe(start + 2);
    // A refused change changes nothing and tells nothing: the next event is the reset's.
    expect((await admin('PUT', '/scenario', { scenario: 'no-such-scenario' })).status).toBe(422);
    expect((await admin('DELETE', '')).status).toBe(204);
    events = await stream.readUntil((sofar) => changes(sofar).length >= 3);
    const afterReset = JSON.parse(changes(events)[2]!.data) as { revision: number };
    expect(afterReset).toEqual({ session, revision: expect.any(Number), reset: true, why: 'deleted' });
    expect(afterReset.revision).not.toBe(start + 2); // the session made anew starts elsewhere
    expect(events.filter((event) => event.event === 'journal')).toEqual([]); // none of it was a vendor request
    // Forgotten while watched, it stays forgotten: the stream telling of the reset does not make it again.
    const listed = (await (await fetch(`${base}/__admin/sessions`)).json()) as Array<{ id: string }>;
    expect(listed.map((entry) => entry.id)).not.toContain(session);
    // Gone already, it is not reset again by a reset of every session, and the request that makes it anew is a change,
    // not a second reset: one event, before the request's journal entry.
    expect((await fetch(`${base}/__admin/reset`, { method: 'POST' })).status).toBe(204);
    await sendMagicLink(session);
    events = await stream.readUntil((sofar) => sofar.some((event) => event.event === 'journal'));
    expect(
      changes(events)
        .slice(3)
        .map((event) => JSON.parse(event.data) as object),
    ).toEqual([{ session, revision: expect.any(Number), reset: false }]);
    await stream.close();
  });

  it('sends nothing again when a scenario switch starts afresh the world that sent the newest message', async () => {
    const session = 'sse-switch';
    await sendMagicLink(session); // flashback's world: message 1
    await sendEmailCode(session); // nest-auth's world: message 2
    const stream = await openEventStream(session);
    await stream.readUntil((events) => events.some((event) => event.event === 'ready'));
    const scenario = 'default'; // the server's default, which the session runs in: its nest-auth world is made again
    const switched = await fetch(`${base}/__admin/sessions/${session}/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario, surface: 'nest-auth' }),
    });
    expect(switched.status).toBe(200);
    await sendMagicLink(session); // message 3, after the switch
    const events = await stream.readUntil((sofar) => sofar.some((event) => event.event === 'outbox'));
    await stream.close();
    // Message 1 is still in flashback's world and was seen before: only message 3 comes, and no id goes backwards.
    expect(events.filter((event) => event.event === 'outbox').map((event) => (JSON.parse(event.data) as { seq: number }).seq)).toEqual([3]);
    const outboxPositions = events.map((event) => toPosition(event.id).outbox);
    expect(outboxPositions).toEqual([...outboxPositions].sort((x, y) => x - y));
  });

  it('resumes with one session event when the session changed while no one listened, and none when it did not', async () => {
    const session = 'sse-resume-changes';
    await sendMagicLink(session);
    const first = await openEventStream(session);
    const lastSeen = (await first.readUntil((events) => events.some((event) => event.event === 'ready'))).at(-1)!.id!;
    await first.close();
    const seenRevision = toPosition(lastSeen).revision;

    const resumedSessionEvents = async (lastEventId: string) => {
      const stream = await openEventStream(session, { 'last-event-id': lastEventId });
      await stream.readUntil((events) => events.some((event) => event.event === 'ready'));
      await sendEmailCode(session); // something to wait for: its journal event comes after any session event
      const events = await stream.readUntil((sofar) => sofar.some((event) => event.event === 'journal'));
      await stream.close();
      return events.filter((event) => event.event === 'session').map((event) => JSON.parse(event.data) as { revision: number });
    };
    expect(await resumedSessionEvents(lastSeen)).toEqual([]);
    await fetch(`${base}/__admin/sessions/${session}/seed`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"seed":7}' });
    expect(await resumedSessionEvents(lastSeen)).toEqual([{ session, revision: seenRevision + 1, reset: false }]);
    // An id from before ids carried the revision: the stream cannot tell, so it says the session may have changed.
    const { outbox, journal } = toPosition(lastSeen);
    expect(await resumedSessionEvents(`${outbox}:${journal}`)).toEqual([{ session, revision: seenRevision + 1, reset: false }]);
    // Reset and changed as often as before while no one listened: the session made anew does not repeat the number.
    expect((await fetch(`${base}/__admin/sessions/${session}`, { method: 'DELETE' })).status).toBe(204);
    await fetch(`${base}/__admin/sessions/${session}/seed`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"seed":7}' });
    const afterReset = await resumedSessionEvents(lastSeen.replace(/:\d+$/, `:${seenRevision + 1}`));
    expect(afterReset).toHaveLength(1);
    expect(afterReset[0]!.revision).not.toBe(seenRevision + 1);
  });

  it('takes an id it cannot read as no id: only what happens from now on', async () => {
    const session = 'sse-bad-id';
    await sendMagicLink(session);
    const stream = await openEventStream(session, { 'last-event-id': 'not-ours' });
    await stream.readUntil((events) => events.some((event) => event.event === 'ready'));
    await sendEmailCode(session);
    const events = await stream.readUntil((sofar) => sofar.some((event) => event.event === 'journal'));
    const journal = events.filter((event) => event.event === 'journal');
    expect(journal.map((event) => (JSON.parse(event.data) as { url: string }).url)).toEqual(['/nest-auth/auth/mfa/challenge']);
    await stream.close();
  });
});

type ServerSentEvent = ReturnType<typeof toServerSentEvents>[number];

/** A session's event stream read as it arrives; `readUntil` returns every event so far once `done` holds for them. */
async function openEventStream(session: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${base}/__admin/sessions/${session}/events`, { signal: controller.signal, headers });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = '';
  return {
    async readUntil(done: (events: ServerSentEvent[]) => boolean): Promise<ServerSentEvent[]> {
      // Whole events only: a chunk may end inside one.
      while (!(text.endsWith('\n\n') && done(toServerSentEvents(text)))) text += new TextDecoder().decode((await reader.read()).value);
      return toServerSentEvents(text);
    },
    async close(): Promise<void> {
      controller.abort();
      await vi.waitFor(() => expect(watchers()).toBe(0));
    },
  };
}

/** An event id as the stream writes it: `<outbox seq>:<journal number>`. */
function toPosition(id: string | undefined): { outbox: number; journal: number; revision: number } {
  const match = /^(\d+):(\d+):(\d+)$/.exec(id ?? '');
  if (!match) throw new Error(`event id ${id} is not <outbox>:<journal>:<revision>`);
  return { outbox: Number(match[1]), journal: Number(match[2]), revision: Number(match[3]) };
}

describe('waitForMessage() of createSandbox() sessions', () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await createSandbox();
  });
  afterAll(async () => {
    await running.close();
  });
  const send = (session: string) =>
    fetch(`${running.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers: { ...FLASHBACK_ADA, 'x-mock-session': session }, body: '{}' });

  it('resolves when the message is sent after the wait began, and at once for one sent before', async () => {
    const qa = running.session('in-process');
    const waiting = qa.waitForMessage({ to: 'ada@example.com', contains: 'link' }, { timeoutMs: 10_000 }); // registered now
    expect((await send('in-process')).status).toBe(200);
    const first = await waiting;
    expect(first).toMatchObject({ seq: 1, surface: 'flashback', waited: true });
    expect((await send('in-process')).status).toBe(200);
    const second = await qa.waitForMessage({ contains: 'link' }, { timeoutMs: 0 });
    expect(second.seq).toBe(2);
    expect(second.token).not.toBe(first.token);
    expect(qa.outboxCursor()).toBe(2);
  });

  it('never returns a message twice when waits with a cursor and without one alternate (the README promises it)', async () => {
    const qa = running.session('in-process-mixed');
    const cursor = qa.outboxCursor();
    expect((await send('in-process-mixed')).status).toBe(200);
    const first = await qa.waitForMessage({ contains: 'link' }, { timeoutMs: 1_000, after: cursor });
    expect((await send('in-process-mixed')).status).toBe(200);
    // It handed out the first message's link again (seq 1): a test following it met 400 Invalid or expired token.
    const second = await qa.waitForMessage({ contains: 'link' }, { timeoutMs: 1_000 });
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second.token).not.toBe(first.token);
  });

  it('rejects after timeoutMs with an error that names what it waited for and what the outbox holds', async () => {
    const qa = running.session('in-process-timeout');
    expect((await send('in-process-timeout')).status).toBe(200);
    const error = await qa.waitForMessage({ contains: 'code' }, { timeoutMs: 100 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboxWaitTimeoutError);
    expect((error as Error).message).toMatch(
      /no outbox message \(contains=code\) in session "in-process-timeout" within 100 ms; the outbox holds:\n {4}#1 email to ada@example\.com: Your magic link/,
    );
    await expect(qa.waitForMessage({ channel: 'fax' as 'sms' })).rejects.toThrow(/channel: must be email or sms/);
  });

  it("gives up by default after 4 s: its own error, before a test runner's default 5 s timeout", async () => {
    const qa = running.session('in-process-default-timeout');
    const error = await qa.waitForMessage({ contains: 'code' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboxWaitTimeoutError);
    expect((error as OutboxWaitTimeoutError).timeoutMs).toBe(4_000);
  }, 10_000);

  it('refuses a misspelt criterion or option, and a cursor below 0, in the words of a call (not of a query string)', async () => {
    const qa = running.session('in-process-misspelt');
    await expect(qa.waitForMessage({ contain: 'code' } as never)).rejects.toThrow(
      'criterion contain: unknown (did you mean "contains"?) (criteria: surface, userId, to, channel, subject, contains)',
    );
    // Each waited the default 10 s without a word, or looked at every message.
    await expect(qa.waitForMessage({}, { tmeoutMs: 5 } as never)).rejects.toThrow(
      'waitForMessage option tmeoutMs: unknown (did you mean "timeoutMs"?) (options: timeoutMs, after)',
    );
    await expect(qa.waitForMessage({}, { after: -1 })).rejects.toThrow('waitForMessage option after: must be an outbox cursor');
    await expect(qa.waitForMessage({}, { timeoutMs: 1.5 })).rejects.toThrow('waitForMessage option timeoutMs: must be an integer from 0 to');
  });
});

describe('closing the sandbox', () => {
  it('ends open streams and answers open long-polls (503 MOCK_ERR_CLOSING, not "nothing came") instead of waiting for them', async () => {
    const closing = await createTestSandbox();
    const url = await closing.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await fetch(`${url}/__admin/sessions/closing/events`);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: ready');
    const waiting = fetch(`${url}/__admin/sessions/closing/outbox/next?timeoutMs=60000`);
    await vi.waitFor(() => expect(closing.sessions.watcherCount).toBe(2));
    const started = performance.now();
    await closing.close(); // the stream is not read meanwhile, and the long-poll's answer neither
    expect(performance.now() - started).toBeLessThan(5_000);
    const answer = await waiting;
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ code: 'MOCK_ERR_CLOSING', retryable: true });
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(closing.sessions.watcherCount).toBe(0);
  });
});
