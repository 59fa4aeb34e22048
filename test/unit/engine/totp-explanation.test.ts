import { describe, expect, it } from 'vitest';
import { explainTotpRefusal } from '../../../src/engine/totp-explanation.js';
import { verifyTotpOnce } from '../../../src/engine/totp-verification.js';
import { authenticatorCode, wrongCode } from '../../harness/totp.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NOW = Date.UTC(2026, 0, 1, 9, 0, 10);

describe('explainTotpRefusal', () => {
  it('a wrong code is told the current code and how long it lasts', () => {
    const sent = wrongCode(SECRET, NOW);
    expect(explainTotpRefusal({ secret: SECRET }, sent, 1, NOW)).toEqual({
      rule: 'wrong-code',
      message: `code ${sent} is not the TOTP code of the previous, current or next step of the user's secret`,
      expected: authenticatorCode(SECRET, 0, NOW),
      received: sent,
      wouldPass: `code ${authenticatorCode(SECRET, 0, NOW)} (valid 20 s more)`,
    });
  });

  it('a code used once already is a replay, told to wait for the next step', () => {
    const factor = { secret: SECRET };
    const code = authenticatorCode(SECRET, 0, NOW);
    expect(verifyTotpOnce(factor, code, 1, NOW)).toBe(true);
    expect(explainTotpRefusal(factor, code, 1, NOW)).toMatchObject({
      message: expect.stringContaining('already used'),
      wouldPass: 'the next code, after the step rolls over in 20 s',
    });
  });

  it('no secret is a precondition, not a wrong code', () => {
    expect(explainTotpRefusal(undefined, '123456', 1, NOW).rule).toBe('precondition');
  });
});
