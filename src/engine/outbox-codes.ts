import { toExpiryIsoTime } from './session-clock.js';
import { appendOutboxMessage, appendSentCode } from './world-limits.js';
import { newId, type FactorKind, type User, type World } from './world.js';

/**
 * Deliver a one-time code by email or SMS at `nowMs`: it lands in the session's outbox (where QA and tests read it) and
 * is remembered until used or until `ttlMs` has passed.
 */
export function deliverCode(world: World, user: User, kind: FactorKind, code: string, subject: string, options: { nowMs: number; ttlMs: number }): void {
  const expiresAt = toExpiryIsoTime(options.nowMs + options.ttlMs);
  const channel = kind === 'sms' ? 'sms' : 'email';
  const to = channel === 'sms' ? `${user.phoneCountryCode ?? ''}${user.phone ?? ''}` || user.email : user.email;
  appendSentCode(world, { userId: user.id, kind, code, expiresAt, used: false });
  appendOutboxMessage(world, {
    id: newId('msg', options.nowMs),
    channel,
    userId: user.id,
    to,
    subject,
    text: `Your verification code is ${code}. It expires at ${expiresAt}.`,
    code,
    sentAt: new Date(options.nowMs).toISOString(),
  });
}

/** Use a delivered code once: true if it was sent to this user for this kind, unused and unexpired. */
export function redeemSentCode(world: World, userId: string, kind: FactorKind, code: string, nowMs: number): boolean {
  const sent = world.sentCodes.find((candidate) => candidate.userId === userId && candidate.kind === kind && candidate.code === code && !candidate.used);
  if (!sent || Date.parse(sent.expiresAt) <= nowMs) return false;
  sent.used = true;
  return true;
}
