import { newId, type FactorKind, type User, type World } from './world.js';

/**
 * Deliver a one-time code by email or SMS: it lands in the session's outbox (where QA and tests read it) and is
 * remembered until used or expired.
 */
export function deliverCode(world: World, user: User, kind: FactorKind, code: string, expiresAtMs: number, subject: string): void {
  const channel = kind === 'sms' ? 'sms' : 'email';
  const to = channel === 'sms' ? `${user.phoneCountryCode ?? ''}${user.phone ?? ''}` || user.email : user.email;
  world.sentCodes.push({ userId: user.id, kind, code, expiresAt: new Date(expiresAtMs).toISOString(), used: false });
  world.outbox.push({
    id: newId('msg'),
    channel,
    userId: user.id,
    to,
    subject,
    text: `Your verification code is ${code}. It expires at ${new Date(expiresAtMs).toISOString()}.`,
    code,
    sentAt: new Date().toISOString(),
  });
}

/** Use a delivered code once: true if it was sent to this user for this kind, unused and unexpired. */
export function redeemSentCode(world: World, userId: string, kind: FactorKind, code: string, nowMs: number): boolean {
  const sent = world.sentCodes.find(
    (candidate) => candidate.userId === userId && candidate.kind === kind && candidate.code === code && !candidate.used,
  );
  if (!sent || Date.parse(sent.expiresAt) < nowMs) return false;
  sent.used = true;
  return true;
}
