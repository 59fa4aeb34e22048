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

/** `validateAndConsume`: the current code, once, unexpired. */
export function redeemMfaCode(world: World, userId: string, code: string, nowMs: number): 'ok' | 'expired' | 'invalid' {
  const sent = world.sentCodes.find((candidate) => isMfaCode(userId)(candidate) && candidate.code === code.trim());
  if (!sent) return 'invalid';
  if (Date.parse(sent.expiresAt) <= nowMs) return 'expired';
  sent.used = true;
  return 'ok';
}
