import { SandboxError } from '../errors.js';
import { toDidYouMean } from './edit-distance.js';
import { idAsGiven, type UserKey } from './user-ids.js';
import type { OutboxMessage } from './world.js';

/**
 * A session's outbox as one list across its worlds, in the order messages were sent: every message gets a
 * per-session sequence number (`seq`) when the unit of work that sent it ends, so a reader can say "after message N"
 * (a cursor) and a waiter can ask for the next one without missing a message sent just before it asked.
 */

/** The session's outbox cursor (the `seq` of its latest message) on every outbox answer of the admin API. */
export const OUTBOX_CURSOR_HEADER = 'x-mock-outbox-cursor';

/** A message as the outbox lists it: which surface and scenario sent it, and its place in the session's sequence. */
export type ListedOutboxMessage = OutboxMessage & { surface: string; scenario: string; seq: number };

/** What a reader or a waiter looks for; every criterion given must hold. */
export interface OutboxCriteria {
  surface?: string;
  userId?: string;
  /** The recipient (e-mail address or phone number), compared without regard to case. */
  to?: string;
  channel?: 'email' | 'sms';
  /** Part of the subject, compared without regard to case. */
  subject?: string;
  /** The message carries a one-time code, or a (magic) link. */
  contains?: 'code' | 'link';
}

/** The part of a session that keeps its outbox: its worlds and the last sequence number handed out. */
export interface OutboxHolder {
  worlds: Record<string, { surface: string; scenario: string; outbox: OutboxMessage[] }>;
  /** The last `seq` handed out in this session (0 or absent: none yet). */
  outboxSequence?: number;
}

const CRITERIA_FIELDS = ['surface', 'userId', 'to', 'channel', 'subject', 'contains'] as const;

/**
 * Number the messages sent since the last call, in the order they were sent: messages are only ever appended, so the
 * new ones are each world's tail without a `seq`. Runs at the end of every unit of work on a session, so it costs one
 * look at each world's last message when nothing was sent. Returns whether any message was numbered.
 */
export function stampOutboxMessages(session: OutboxHolder): boolean {
  let fresh: OutboxMessage[] | undefined;
  for (const key in session.worlds) {
    const outbox = session.worlds[key]!.outbox;
    let start = outbox.length;
    while (start > 0 && outbox[start - 1]!.seq === undefined) start--;
    if (start < outbox.length) (fresh ??= []).push(...outbox.slice(start));
  }
  if (!fresh) return false;
  fresh.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  let sequence = outboxCursorOf(session);
  for (const message of fresh) message.seq = ++sequence;
  session.outboxSequence = sequence;
  return true;
}

/**
 * The session's cursor: the `seq` of its latest message (0 before any). Also right for a session imported from a file
 * (which carries the messages' numbers but not the counter), so numbers are never handed out twice.
 */
export function outboxCursorOf(session: OutboxHolder): number {
  let cursor = session.outboxSequence ?? 0;
  for (const key in session.worlds) {
    const last = lastNumbered(session.worlds[key]!.outbox)?.seq;
    if (last !== undefined && last > cursor) cursor = last;
  }
  return cursor;
}

/**
 * A world's latest numbered message, which holds its highest number (messages are appended in order). Not simply the
 * last message: while a unit of work is being stamped, its new messages are the tail and have no number yet.
 */
function lastNumbered(outbox: readonly OutboxMessage[]): OutboxMessage | undefined {
  for (let index = outbox.length - 1; index >= 0; index--) if (outbox[index]!.seq !== undefined) return outbox[index];
  return undefined;
}

/**
 * Every message of the session, oldest first, with its surface, scenario and sequence number. A message whose unit of
 * work has not ended yet (an async one, still running) has no number and is not listed yet.
 */
export function listOutbox(session: OutboxHolder): ListedOutboxMessage[] {
  return Object.values(session.worlds)
    .flatMap((world) =>
      world.outbox.flatMap((message) =>
        message.seq === undefined ? [] : [{ surface: world.surface, scenario: world.scenario, ...message, seq: message.seq }],
      ),
    )
    .sort((a, b) => a.seq - b.seq);
}

/**
 * The session's messages numbered after `last`, oldest first: what `listOutbox` lists after it, read from each
 * world's newest message back to the first one at or below `last`, so an event stream's news costs what is new, not
 * the whole outbox. All of them when the session's newest is numbered below `last` (its numbers started again: a reset).
 */
export function listOutboxAfter(session: OutboxHolder, last: number): ListedOutboxMessage[] {
  const newer: ListedOutboxMessage[] = [];
  let newest = -1;
  for (const world of Object.values(session.worlds)) {
    const { outbox } = world;
    for (let index = outbox.length - 1; index >= 0; index--) {
      const message = outbox[index]!;
      if (message.seq === undefined) continue; // its unit of work has not ended yet
      if (message.seq > newest) newest = message.seq;
      if (message.seq <= last) break;
      newer.push({ surface: world.surface, scenario: world.scenario, ...message, seq: message.seq });
    }
  }
  // Numbers below `last` everywhere: they started again (a reset session) and nothing here was seen. Not when the
  // session's own counter has passed `last`: a scenario switch that emptied the world holding the newest messages
  // leaves only older ones, all of them seen (sending them again would move the stream's ids backwards).
  if (newest !== -1 && newest < last && (session.outboxSequence ?? 0) < last) return listOutbox(session);
  return newer.sort((a, b) => a.seq - b.seq);
}

/** Whether a message meets every criterion given; `userKey` reads `userId` as the message's surface stores ids (sessions.userKey). */
export function matchesOutboxCriteria(message: ListedOutboxMessage, criteria: OutboxCriteria, userKey: UserKey = idAsGiven): boolean {
  if (criteria.surface !== undefined && message.surface !== criteria.surface) return false;
  if (criteria.userId !== undefined && message.userId !== userKey(message.surface, criteria.userId)) return false;
  if (criteria.to !== undefined && message.to.toLowerCase() !== criteria.to.toLowerCase()) return false;
  if (criteria.channel !== undefined && message.channel !== criteria.channel) return false;
  if (criteria.subject !== undefined && !message.subject.toLowerCase().includes(criteria.subject.toLowerCase())) return false;
  if (criteria.contains === 'code' && message.code === undefined) return false;
  if (criteria.contains === 'link' && message.link === undefined) return false;
  return true;
}

/** The message `takeNextOutboxMessage` would return now, claiming nothing (a HEAD of `outbox/next`). */
export function findNextOutboxMessage(
  session: OutboxHolder,
  criteria: OutboxCriteria,
  after?: number,
  userKey: UserKey = idAsGiven,
): ListedOutboxMessage | undefined {
  const candidates = listOutbox(session).filter((message) => (after === undefined ? !message.waited : message.seq > after));
  return candidates.find((message) => matchesOutboxCriteria(message, criteria, userKey));
}

/**
 * The next message a wait returns, found and claimed in one unit of work. With `after` (a cursor), the first matching
 * message numbered after it, returned before or not; without, the oldest matching message no wait has returned yet,
 * so successive waits never return one message twice while a message sent just before the wait began is still found.
 * Either way the message is then marked (`waited: true`): a wait with a cursor that returned it is a wait that
 * returned it, and a later wait without one, in the same test, must not hand the same magic link out again.
 */
export function takeNextOutboxMessage(
  session: OutboxHolder,
  criteria: OutboxCriteria,
  after?: number,
  userKey: UserKey = idAsGiven,
): ListedOutboxMessage | undefined {
  const found = findNextOutboxMessage(session, criteria, after, userKey);
  if (!found) return found;
  for (const world of Object.values(session.worlds)) {
    const original = world.outbox.find((message) => message.seq === found.seq);
    if (original) original.waited = true;
  }
  return { ...found, waited: true };
}

/** What a caller calls a criterion: a query parameter of the admin API, or a field of an in-process call's criteria. */
export type CriterionNaming = 'query parameter' | 'criterion';

function badParameter(name: string, reason: string, naming: CriterionNaming = 'query parameter'): SandboxError {
  return new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `${naming} ${name}: ${reason}`, { parameter: name, reason });
}

/** A non-negative integer from a query string: digits only, so `1e3`, `-1` and `0x10` are refused. */
export function toQueryInteger(raw: unknown, name: string, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw badParameter(name, 'give it once');
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw) || Number(raw) > max) {
    throw badParameter(name, `must be an integer from 0 to ${max}, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

/**
 * Criteria from query parameters (or an in-process call), checked: an unknown parameter, a repeated one or a bad value
 * is a 400 `MOCK_ERR_BAD_ADMIN_REQUEST` naming it. `allowed` lists the parameters the caller reads itself.
 *
 * @example
 * toOutboxCriteria({ to: 'ada@example.com', contains: 'code' }, ['timeoutMs']) // { to: 'ada@example.com', contains: 'code' }
 */
export function toOutboxCriteria(
  raw: Record<string, unknown>,
  allowed: readonly string[] = [],
  surfaces?: readonly string[],
  naming: CriterionNaming = 'query parameter',
): OutboxCriteria {
  const criteria: OutboxCriteria = {};
  const bad = (name: string, reason: string) => badParameter(name, reason, naming);
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || allowed.includes(name)) continue;
    if (!(CRITERIA_FIELDS as readonly string[]).includes(name)) {
      const also = naming === 'criterion' ? '' : `; also ${allowed.join(', ') || 'none'}`;
      throw bad(name, `unknown${toDidYouMean(name, CRITERIA_FIELDS)} (criteria: ${CRITERIA_FIELDS.join(', ')}${also})`);
    }
    if (Array.isArray(value)) throw bad(name, 'give it once');
    if (typeof value !== 'string' || value.length === 0) throw bad(name, `must be a non-empty string, got ${JSON.stringify(value)}`);
    if (name === 'channel' && value !== 'email' && value !== 'sms') throw bad(name, `must be email or sms, got ${JSON.stringify(value)}`);
    if (name === 'contains' && value !== 'code' && value !== 'link') throw bad(name, `must be code or link, got ${JSON.stringify(value)}`);
    if (name === 'surface' && surfaces && !surfaces.includes(value)) {
      throw new SandboxError('MOCK_ERR_UNKNOWN_SURFACE', `No surface ${JSON.stringify(value)}${toDidYouMean(value, surfaces)}`, {
        known: [...surfaces],
      });
    }
    (criteria as Record<string, string>)[name] = value;
  }
  return criteria;
}

/** The criteria in words, for a timeout's message: `to=ada@example.com, contains=code`. */
export function describeOutboxCriteria(criteria: OutboxCriteria): string {
  const parts = Object.entries(criteria).map(([name, value]) => `${name}=${String(value)}`);
  return parts.length > 0 ? parts.join(', ') : 'any message';
}
