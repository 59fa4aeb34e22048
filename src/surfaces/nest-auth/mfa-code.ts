import type { Explanation } from '../../engine/explanation.js';
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

/**
 * Why an e-mailed or texted code was refused, and where a good one is: the vendor's answer names only the kind of
 * failure (VERIFICATION_CODE_INVALID ...), and "refused in the session's current state" told QA nothing more.
 */
export function explainMfaCodeRefusal(outcome: Exclude<MfaCodeOutcome, 'ok'>, code: string, sessionId: string): Explanation {
  const outbox = `GET /__admin/sessions/${sessionId}/outbox`;
  const challenge = `a new code: POST /auth/mfa/challenge with the method (email or sms) puts one in the session's outbox (${outbox})`;
  const refusals: Record<typeof outcome, Explanation> = {
    blank: { rule: 'wrong-code', message: 'the otp is blank', wouldPass: `the code the challenge sent (${outbox})` },
    expired: { rule: 'wrong-code', message: `code ${code} was sent, but its ${CODE_TTL_MS / 60_000} minutes are over`, received: code, wouldPass: challenge },
    invalid: {
      rule: 'wrong-code',
      message: `code ${code} is not the user's current code (a newer challenge replaces the older code; none may be current)`,
      received: code,
      wouldPass: `the newest code in the session's outbox (${outbox}), or ${challenge}`,
    },
    'attempts-exhausted': {
      rule: 'wrong-code',
      message: `${MAX_CODE_ATTEMPTS} wrong codes used up the current code, so no code passes until a new challenge`,
      received: code,
      wouldPass: challenge,
    },
  };
  return refusals[outcome];
}
