import { createGuardrails, generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/** RFC 6238 defaults every vendor here uses: SHA-1, 6 digits, 30 s steps. */
export const TOTP_PERIOD_SECONDS = 30;

/**
 * otplib refuses secrets under 16 bytes by default, but 80-bit secrets (16 base32 characters, like the vendors' own
 * documented `JBSWY3DPEHPK3PXP`) are what many real authenticators and servers use. The sandbox must accept what the
 * vendors accept, so the floor is RFC 4226's minimum of 128 bits relaxed to 80 (10 bytes). New secrets stay 160-bit.
 */
const GUARDRAILS = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** A fresh base32 secret of 20 random bytes (160 bits, the RFC 4226 recommendation). */
export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function toOtpauthUrl(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS });
}

/** The code an authenticator shows at `nowMs` (the session clock's time, never the wall clock's behind its back). */
export function currentTotpCode(secret: string, nowMs: number): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000), period: TOTP_PERIOD_SECONDS, guardrails: GUARDRAILS });
}

/** The RFC 6238 time step `nowMs` falls in. */
export function totpTimeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The first code a secret still takes at `nowMs` once the step `lastTimeStep` was accepted: the current step's, or,
 * when that step (or a later one) was used already, the first later step's. `stepsAhead` says how far that step lies
 * past the current one: a verifier whose drift window is at least that wide accepts the code now (every surface
 * here takes the next step), otherwise it is accepted once the time reaches its window.
 *
 * @example
 * nextAcceptableTotpCode(secret, undefined, nowMs) // { code: '492039', stepsAhead: 0 }
 * nextAcceptableTotpCode(secret, totpTimeStep(nowMs), nowMs) // { code: '118204', stepsAhead: 1 }
 */
export function nextAcceptableTotpCode(secret: string, lastTimeStep: number | undefined, nowMs: number): { code: string; stepsAhead: number } {
  const current = totpTimeStep(nowMs);
  const step = lastTimeStep === undefined ? current : Math.max(current, lastTimeStep + 1);
  return { code: currentTotpCode(secret, step * TOTP_PERIOD_SECONDS * 1000), stepsAhead: step - current };
}

export interface TotpCheck {
  valid: boolean;
  /** The time step the code belongs to; store it to refuse replays. */
  timeStep?: number;
}

/**
 * Verify a TOTP code, accepting `windowSteps` steps of clock drift either way, and refusing any code from a time step
 * at or before `afterTimeStep` (a replay).
 *
 * @example
 * verifyTotpCode(secret, '123456', { windowSteps: 1, nowMs: sessions.clock.now() }) // { valid: false }
 */
export function verifyTotpCode(secret: string, code: string, options: { windowSteps: number; afterTimeStep?: number; nowMs: number }): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  try {
    const result = verifySync({
      secret,
      token: code,
      epoch: Math.floor(options.nowMs / 1000),
      period: TOTP_PERIOD_SECONDS,
      guardrails: GUARDRAILS,
      epochTolerance: options.windowSteps * TOTP_PERIOD_SECONDS,
      ...(options.afterTimeStep !== undefined ? { afterTimeStep: options.afterTimeStep } : {}),
    });
    // The TOTP strategy always reports the time step it matched (the shared result type also covers HOTP).
    return result.valid ? { valid: true, timeStep: (result as { timeStep: number }).timeStep } : { valid: false };
  } catch {
    // A malformed secret (e.g. one a client invented) is simply not a match.
    return { valid: false };
  }
}
