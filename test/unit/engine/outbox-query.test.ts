import { describe, expect, it } from 'vitest';
import { SandboxError } from '../../../src/errors.js';
import {
  listOutbox,
  listOutboxAfter,
  outboxCursorOf,
  stampOutboxMessages,
  takeNextOutboxMessage,
  toOutboxCriteria,
  type OutboxHolder,
} from '../../../src/engine/outbox-query.js';
import type { OutboxMessage } from '../../../src/engine/world.js';

const message = (id: string, fields: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id,
  channel: 'email',
  userId: 'usr_ada',
  to: 'ada@example.com',
  subject: 'Your verification code',
  text: 'Your verification code is 123456.',
  code: '123456',
  sentAt: '2026-01-01T09:00:00.000Z',
  ...fields,
});

const session = (): OutboxHolder => ({
  worlds: {
    'flashback/default': { surface: 'flashback', scenario: 'default', outbox: [] },
    'nest-auth/default': { surface: 'nest-auth', scenario: 'default', outbox: [] },
  },
});

describe('listOutboxAfter (what an event stream sends next)', () => {
  it('lists what listOutbox lists after a number, across worlds, oldest first; everything when the numbers started again', () => {
    const held = session();
    for (const [world, id] of [
      ['flashback', 'a'],
      ['nest-auth', 'b'],
      ['flashback', 'c'],
      ['nest-auth', 'd'],
      ['flashback', 'e'],
    ] as const) {
      held.worlds[`${world}/default`]!.outbox.push(message(id));
      stampOutboxMessages(held);
    }
    for (const last of [0, 1, 2, 3, 4, 5]) expect(listOutboxAfter(held, last), `after ${last}`).toEqual(listOutbox(held).filter((listed) => listed.seq > last));
    // A message whose unit of work has not ended has no number yet: not listed, and no reason to stop looking.
    held.worlds['flashback/default']!.outbox.push(message('pending'));
    expect(listOutboxAfter(held, 3).map((listed) => listed.id)).toEqual(['d', 'e']);
    // A reset session numbers from 1 again: a stream that had seen 5 gets all of it.
    const reset = session();
    reset.worlds['flashback/default']!.outbox.push(message('x'));
    stampOutboxMessages(reset);
    expect(listOutboxAfter(reset, 5).map((listed) => `${listed.id}${listed.seq}`)).toEqual(['x1']);
    expect(listOutboxAfter(session(), 5)).toEqual([]);
  });

  it('sends nothing again after a scenario switch emptied the world that held the newest messages', () => {
    const held = session();
    held.worlds['flashback/default']!.outbox.push(message('a'));
    stampOutboxMessages(held);
    held.worlds['nest-auth/default']!.outbox.push(message('b'));
    stampOutboxMessages(held);
    // The nest-auth world starts fresh (useScenario builds it anew): only a (1) is left, and the stream had seen 2.
    held.worlds['nest-auth/default']!.outbox = [];
    expect(listOutboxAfter(held, 2)).toEqual([]);
    held.worlds['nest-auth/default']!.outbox.push(message('c'));
    stampOutboxMessages(held);
    expect(listOutboxAfter(held, 2).map((listed) => `${listed.id}${listed.seq}`)).toEqual(['c3']);
  });
});

describe('outbox sequence numbers', () => {
  it('number new messages in the order they were sent, across worlds, and only once', () => {
    const held = session();
    expect(stampOutboxMessages(held)).toBe(false);
    held.worlds['nest-auth/default']!.outbox.push(message('b', { sentAt: '2026-01-01T09:00:02.000Z' }));
    held.worlds['flashback/default']!.outbox.push(message('a', { sentAt: '2026-01-01T09:00:01.000Z' }));
    expect(stampOutboxMessages(held)).toBe(true);
    expect(listOutbox(held).map(({ id, seq }) => `${id}${seq}`)).toEqual(['a1', 'b2']);
    expect(stampOutboxMessages(held)).toBe(false);
    held.worlds['flashback/default']!.outbox.push(message('c'));
    stampOutboxMessages(held);
    expect(outboxCursorOf(held)).toBe(3);
  });

  it('never hand a number out twice: not after a world is replaced, nor for a session imported without its counter', () => {
    const held = session();
    held.worlds['flashback/default']!.outbox.push(message('a'), message('b'));
    stampOutboxMessages(held);
    held.worlds['flashback/default']!.outbox = []; // a scenario switch starts the world afresh
    held.worlds['flashback/default']!.outbox.push(message('c'));
    stampOutboxMessages(held);
    expect(listOutbox(held)[0]!.seq).toBe(3);

    const imported: OutboxHolder = { worlds: structuredClone(held.worlds) }; // a session file carries no counter
    imported.worlds['nest-auth/default']!.outbox.push(message('d'));
    stampOutboxMessages(imported);
    expect(listOutbox(imported).map((listed) => listed.seq)).toEqual([3, 4]);

    // The very world that holds the imported message sends the next one: numbered after it too.
    const sameWorld: OutboxHolder = { worlds: structuredClone(held.worlds) };
    sameWorld.worlds['flashback/default']!.outbox.push(message('e'));
    stampOutboxMessages(sameWorld);
    expect(listOutbox(sameWorld).map(({ id, seq }) => `${id}${seq}`)).toEqual(['c3', 'e4']);
    expect(outboxCursorOf(sameWorld)).toBe(4);
  });
});

describe('the next message of a wait', () => {
  it('without a cursor: the oldest matching one no wait returned yet, then marked; with one: after it, marking nothing', () => {
    const held = session();
    held.worlds['flashback/default']!.outbox.push(message('link', { code: undefined, link: 'http://x/y', subject: 'Your magic link' }), message('code'));
    stampOutboxMessages(held);
    expect(takeNextOutboxMessage(held, { contains: 'code' })).toMatchObject({ id: 'code', seq: 2, waited: true });
    expect(takeNextOutboxMessage(held, { contains: 'code' })).toBeUndefined();
    expect(takeNextOutboxMessage(held, {})).toMatchObject({ id: 'link', seq: 1 });
    expect(takeNextOutboxMessage(held, {})).toBeUndefined();
    expect(takeNextOutboxMessage(held, { subject: 'MAGIC' }, 0)).toMatchObject({ id: 'link' });
    expect(takeNextOutboxMessage(held, { to: 'ADA@example.com' }, 1)).toMatchObject({ id: 'code' });
    expect(takeNextOutboxMessage(held, {}, 2)).toBeUndefined();
  });

  it("reads a userId as the message's surface stores user ids (the session registry's userKey)", () => {
    const held = session();
    held.worlds['nest-auth/default']!.outbox.push(message('nest', { userId: 'u-lower' }));
    stampOutboxMessages(held);
    const lowerOnNestAuth = (surface: string, id: string) => (surface === 'nest-auth' ? id.toLowerCase() : id);
    expect(takeNextOutboxMessage(held, { userId: 'U-LOWER' }, 0)).toBeUndefined();
    expect(takeNextOutboxMessage(held, { userId: 'U-LOWER' }, 0, lowerOnNestAuth)).toMatchObject({ id: 'nest', userId: 'u-lower' });
  });
});

describe('outbox criteria from a query', () => {
  it('keeps the criteria and refuses, naming the parameter, what is unknown, repeated or malformed', () => {
    expect(toOutboxCriteria({ to: 'ada@example.com', contains: 'code', timeoutMs: '5' }, ['timeoutMs'])).toEqual({ to: 'ada@example.com', contains: 'code' });
    for (const [query, parameter] of [
      [{ colour: 'red' }, 'colour'],
      [{ to: ['a', 'b'] }, 'to'],
      [{ channel: 'fax' }, 'channel'],
      [{ contains: 'qr' }, 'contains'],
      [{ subject: '' }, 'subject'],
    ] as const) {
      const error = (() => {
        try {
          toOutboxCriteria(query);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(SandboxError);
      expect((error as SandboxError).extensions.parameter).toBe(parameter);
    }
    expect(() => toOutboxCriteria({ surface: 'okta' }, [], ['flashback'])).toThrow(/No surface "okta"/);
  });
});
