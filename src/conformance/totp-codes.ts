import { createGuardrails, generateSync } from 'otplib';

/**
 * Real authenticator codes for conformance flows, computed with otplib from the secret each side handed out, as a
 * user's authenticator app would.
 */

const STEP_SECONDS = 30;
/** Vendors hand out 16- to 20-byte secrets; a test's fixed secret may be shorter (10 bytes), which a real app accepts. */
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

/** The code of one 30-second step (steps since the epoch). */
export function totpAt(secret: string, step: number): string {
  return generateSync({ secret, epoch: step * STEP_SECONDS, guardrails });
}

/** A six-digit code that is none of the codes of steps now-2..now+2 for this secret: a wrong code, surely. */
export function wrongTotp(secret: string, nowMs = Date.now()): string {
  const now = Math.floor(nowMs / 1000 / STEP_SECONDS);
  const taken = new Set([-2, -1, 0, 1, 2].map((offset) => totpAt(secret, now + offset)));
  for (let candidate = 123456; ; candidate++) {
    const code = String(candidate % 1_000_000).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

/** Fresh and last-used codes per secret, for one side of a run. */
export interface TotpCodeClock {
  /** A code never used yet in this run that the server accepts now (waits for the next step when all are used). */
  next(secret: string): Promise<string>;
  /** The code used last for this secret (for "reused code" steps). */
  last(secret: string): string;
}

/**
 * Servers accept one step of drift (now-1..now+1), and refuse a code used before. A fresh code is the earliest step
 * after the last one used that stays valid for a few more seconds; when now-1..now+1 are used up, wait for the next.
 */
export function createTotpCodeClock(): TotpCodeClock {
  const used = new Map<string, { step: number; code: string }>();
  return {
    async next(secret) {
      for (;;) {
        const seconds = Date.now() / 1000;
        const now = Math.floor(seconds / STEP_SECONDS);
        const intoStep = seconds - now * STEP_SECONDS;
        const last = used.get(secret)?.step ?? -Infinity;
        const candidates = [...(STEP_SECONDS - intoStep > 4 ? [now - 1] : []), now, now + 1].filter((step) => step > last);
        if (candidates.length > 0) {
          const step = candidates[0]!;
          const code = totpAt(secret, step);
          used.set(secret, { step, code });
          return code;
        }
        await new Promise((resolve) => setTimeout(resolve, (STEP_SECONDS - intoStep) * 1000 + 50));
      }
    },
    last(secret) {
      const entry = used.get(secret);
      if (!entry) throw new Error('no TOTP code used yet for this secret');
      return entry.code;
    },
  };
}
