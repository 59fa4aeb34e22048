import { verifyTotpCode } from './totp.js';

/** Anything that holds a TOTP secret and remembers the last step it accepted (an enrolled factor or a pending setup). */
export interface TotpHolder {
  secret?: string;
  lastTimeStep?: number;
  lastUsedAt?: string;
}

/**
 * Verify a TOTP code for a factor and remember its time step, so the same code (or an older one) is refused next time.
 *
 * @example
 * verifyTotpOnce(factor, '492039', 1, sessions.clock.now()) // true once, then false for the same code
 */
export function verifyTotpOnce(holder: TotpHolder, code: string, windowSteps: number, nowMs: number): boolean {
  if (!holder.secret) return false;
  const check = verifyTotpCode(holder.secret, code, {
    windowSteps,
    nowMs,
    ...(holder.lastTimeStep !== undefined ? { afterTimeStep: holder.lastTimeStep } : {}),
  });
  if (!check.valid) return false;
  holder.lastTimeStep = check.timeStep;
  holder.lastUsedAt = new Date(nowMs).toISOString();
  return true;
}
