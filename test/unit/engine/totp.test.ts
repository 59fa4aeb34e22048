import { describe, expect, it } from 'vitest';
import { verifyTotpOnce } from '../../../src/engine/totp-verification.js';
import { createTotpSecret, currentTotpCode, toOtpauthUrl, verifyTotpCode } from '../../../src/engine/totp.js';

// RFC 6238 Appendix B: the SHA-1 secret is ASCII "12345678901234567890" (base32 below), 8-digit codes; the
// 6-digit code is the last six digits of the same truncation.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: Array<[number, string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('at T=%i the code is %s (RFC 6238 test vectors)', (seconds, code) => {
    expect(currentTotpCode(RFC_SECRET, seconds * 1000)).toBe(code);
    expect(verifyTotpCode(RFC_SECRET, code, { windowSteps: 0, nowMs: seconds * 1000 }).valid).toBe(true);
  });

  it('accepts drift within the window and refuses beyond it', () => {
    const now = 1_700_000_000_000;
    const previous = currentTotpCode(RFC_SECRET, now - 30_000);
    expect(verifyTotpCode(RFC_SECRET, previous, { windowSteps: 1, nowMs: now }).valid).toBe(true);
    expect(verifyTotpCode(RFC_SECRET, currentTotpCode(RFC_SECRET, now - 90_000), { windowSteps: 1, nowMs: now }).valid).toBe(false);
  });

  it("accepts the vendors' documented 80-bit secret JBSWY3DPEHPK3PXP", () => {
    const now = 1_700_000_000_000;
    const code = currentTotpCode('JBSWY3DPEHPK3PXP', now);
    expect(code).toMatch(/^\d{6}$/);
    expect(verifyTotpCode('JBSWY3DPEHPK3PXP', code, { windowSteps: 0, nowMs: now }).valid).toBe(true);
  });

  it('refuses malformed codes and malformed secrets without throwing', () => {
    const nowMs = 1_700_000_000_000;
    expect(verifyTotpCode(RFC_SECRET, '12345', { windowSteps: 1, nowMs }).valid).toBe(false);
    expect(verifyTotpCode(RFC_SECRET, 'abcdef', { windowSteps: 1, nowMs }).valid).toBe(false);
    expect(verifyTotpCode('not base32 !!', '123456', { windowSteps: 1, nowMs }).valid).toBe(false);
  });

  it('a factor accepts a code once: the same code (or an older one) is a replay', () => {
    const now = 1_700_000_000_000;
    const factor = { secret: RFC_SECRET };
    const code = currentTotpCode(RFC_SECRET, now);
    expect(verifyTotpOnce(factor, code, 1, now)).toBe(true);
    expect(verifyTotpOnce(factor, code, 1, now)).toBe(false);
    expect(verifyTotpOnce(factor, currentTotpCode(RFC_SECRET, now - 30_000), 1, now)).toBe(false);
    expect(verifyTotpOnce(factor, currentTotpCode(RFC_SECRET, now + 30_000), 1, now + 30_000)).toBe(true);
  });

  it('creates 160-bit secrets and otpauth URLs an authenticator can scan', () => {
    const secret = createTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(createTotpSecret()).not.toBe(secret);
    const url = new URL(toOtpauthUrl('Flashback', 'ada@example.com', secret));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Flashback');
  });
});
