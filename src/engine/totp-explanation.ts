import type { Explanation } from './explanation.js';
import { nextAcceptableTotpCode, TOTP_PERIOD_SECONDS, verifyTotpCode } from './totp.js';
import type { TotpHolder } from './totp-verification.js';

/**
 * Why a TOTP code was refused, and the code that would have passed. Giving the current code away is deliberate: the
 * sandbox's secrets are test fixtures (the admin API's `totp-codes` route lists the same codes), and a test that sent
 * a stale or mistyped code learns at once which one its authenticator should have shown.
 *
 * @example
 * explainTotpRefusal(factor, '123456', 1, call.nowMs)
 * // { rule: 'wrong-code', message: 'code 123456 is not the TOTP code of the current step ...', expected: '492039', ... }
 */
export function explainTotpRefusal(holder: TotpHolder | undefined, code: string, windowSteps: number, nowMs: number): Explanation {
  if (!holder?.secret) {
    return {
      rule: 'precondition',
      message: 'the user has no TOTP secret to check a code against',
      wouldPass: 'set up TOTP first (its setup call hands out the secret)',
    };
  }
  const next = nextAcceptableTotpCode(holder.secret, holder.lastTimeStep, nowMs);
  const explanation: Explanation = { rule: 'wrong-code', message: '', expected: next.code, received: code, wouldPass: toWouldPass(next, windowSteps, nowMs) };
  if (!/^\d{6}$/.test(code)) {
    explanation.message = `code ${JSON.stringify(code)} is not six digits`;
  } else if (verifyTotpCode(holder.secret, code, { windowSteps, nowMs }).valid) {
    // Right for the time, refused as a replay: its step, or a later one, was already accepted (a code of an earlier
    // step than the one used is refused too, though it was never sent itself: time steps are used in order).
    const at = holder.lastUsedAt ?? 'an earlier request';
    explanation.message = `code ${code} is a replay: its time step, or a later one, was already used (at ${at}); a TOTP code is accepted once`;
  } else {
    const steps = windowSteps === 1 ? 'the previous, current or next step' : `the current step or up to ${windowSteps} steps either side`;
    explanation.message = `code ${code} is not the TOTP code of ${steps} of the user's secret`;
  }
  return explanation;
}

/**
 * The code to send instead. Once the current step was used, the current code is a replay, and on a frozen session
 * clock it stays one: the hint names the next step's code, which the drift window takes at once.
 */
function toWouldPass(next: { code: string; stepsAhead: number }, windowSteps: number, nowMs: number): string {
  const secondsLeft = TOTP_PERIOD_SECONDS - (Math.floor(nowMs / 1000) % TOTP_PERIOD_SECONDS);
  // The drift window keeps taking the current step's code for `windowSteps` steps after its own.
  if (next.stepsAhead === 0)
    return `code ${next.code} (the current step's: ${secondsLeft} s left in it, accepted ${secondsLeft + windowSteps * TOTP_PERIOD_SECONDS} s more)`;
  if (next.stepsAhead <= windowSteps)
    return `code ${next.code}, the next step's (the current step's code was already used; the drift window takes the next one now)`;
  const waitSeconds = secondsLeft + (next.stepsAhead - windowSteps - 1) * TOTP_PERIOD_SECONDS;
  return `code ${next.code}, once the session's time is ${waitSeconds} s later (steps up to ${next.stepsAhead - 1} ahead were used; a frozen session clock must be advanced: PUT /__admin/sessions/{id}/clock {"advanceMs":${waitSeconds * 1000}})`;
}
