import { createNumericCode } from '../../engine/random-codes.js';
import { deliverCode } from '../../engine/outbox-codes.js';
import type { User, World } from '../../engine/world.js';

/**
 * The user's MFA code (2.11.1 `OtpFlowService` with type `mfa`): one code per user, whatever the method. A challenge
 * replaces the earlier code (even a challenge for TOTP or an unknown method, which sends nothing), and verify with
 * `email` or `sms` accepts the current code whichever channel it went by. Codes are 6 digits, valid 30 minutes
 * (`otp.codeExpiresIn`), used once.
 */

const CODE_LENGTH = 6;
const CODE_TTL_MS = 30 * 60_000;

const isMfaCode = (userId: string) => (sent: World['sentCodes'][number]) =>
  sent.userId === userId && !sent.used && (sent.kind === 'email' || sent.kind === 'sms');

export function issueMfaCode(world: World, user: User, method: unknown, nowMs: number): void {
  for (const sent of world.sentCodes.filter(isMfaCode(user.id))) sent.used = true;
  if (method !== 'email' && method !== 'sms') return;
  deliverCode(world, user, method, createNumericCode(CODE_LENGTH), 'Your verification code', { nowMs, ttlMs: CODE_TTL_MS });
}

/** `otp.maxAttempts` unset: wrong codes a current code survives, the last of which deletes it. */
export const MAX_CODE_ATTEMPTS = 5;

export type MfaCodeOutcome = 'ok' | 'expired' | 'invalid' | 'attempts-exhausted' | 'blank';

/**
 * `validateAndConsume`: the current code, once, unexpired. A blank code is refused before any lookup; every wrong
 * code counts against the user's unexpired codes, and the wrong code that reaches `MAX_CODE_ATTEMPTS` deletes them
 * (marked used here), so even the right code fails until a new challenge.
 */
export function redeemMfaCode(world: World, userId: string, code: string, nowMs: number): MfaCodeOutcome {
  const trimmed = code.trim();
  if (!trimmed) return 'blank';
  const current = world.sentCodes.filter(isMfaCode(userId));
  const sent = current.find((candidate) => candidate.code === trimmed);
  if (sent) {
    if (Date.parse(sent.expiresAt) <= nowMs) return 'expired';
    sent.used = true;
    return 'ok';
  }
  const active = current.filter((candidate) => Date.parse(candidate.expiresAt) > nowMs);
  if (active.length === 0) return 'invalid';
  for (const candidate of active) {
    candidate.attempts = (candidate.attempts ?? 0) + 1;
    if (candidate.attempts >= MAX_CODE_ATTEMPTS) candidate.used = true;
  }
  return active.every((candidate) => candidate.used) ? 'attempts-exhausted' : 'invalid';
}
