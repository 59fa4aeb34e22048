import { createGuardrails, generateSync } from 'otplib';

/**
 * What a phone authenticator would show for this secret at `atMs` (the wall clock unless a test's controlled clock
 * says otherwise), computed independently of the sandbox's own TOTP module. `offsetSteps` moves the time by whole
 * 30-second steps (e.g. -1 for the previous code).
 */
export function authenticatorCode(secret: string, offsetSteps = 0, atMs = Date.now()): string {
  // Real authenticators accept 80-bit secrets; otplib's default floor is 128 bits.
  return generateSync({ secret, epoch: Math.floor(atMs / 1000) + offsetSteps * 30, guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
}

/** A code guaranteed not to be the one at `atMs` (or its neighbours) for this secret. */
export function wrongCode(secret: string, atMs = Date.now()): string {
  const taken = new Set([-2, -1, 0, 1, 2].map((offset) => authenticatorCode(secret, offset, atMs)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

/** Parse the secret out of an otpauth:// URL, as an authenticator app scanning the QR code would. */
export function secretFromOtpauthUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'otpauth:') throw new Error(`not an otpauth URL: ${url}`);
  return parsed.searchParams.get('secret')!;
}
