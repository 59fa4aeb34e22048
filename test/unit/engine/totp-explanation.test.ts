import { describe, expect, it } from 'vitest';
import { explainTotpRefusal } from '../../../src/engine/totp-explanation.js';
import { verifyTotpOnce } from '../../../src/engine/totp-verification.js';
import { authenticatorCode, wrongCode } from '../../harness/totp.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NOW = Date.UTC(2026, 0, 1, 9, 0, 10);

describe('explainTotpRefusal', () => {
  it('a wrong code is told the current code, how long its step lasts and how long the drift window takes it', () => {
    const sent = wrongCode(SECRET, NOW);
    expect(explainTotpRefusal({ secret: SECRET }, sent, 1, NOW)).toEqual({
      rule: 'wrong-code',
      message: `code ${sent} is not the TOTP code of the previous, current or next step of the user's secret`,
      expected: authenticatorCode(SECRET, 0, NOW),
      received: sent,
      wouldPass: `code ${authenticatorCode(SECRET, 0, NOW)} (the current step's: 20 s left in it, accepted 50 s more)`,
    });
    // What the hint promises is what verification does: taken 49 s from now, refused from 50 s.
    expect(verifyTotpOnce({ secret: SECRET }, authenticatorCode(SECRET, 0, NOW), 1, NOW + 49_000)).toBe(true);
    expect(verifyTotpOnce({ secret: SECRET }, authenticatorCode(SECRET, 0, NOW), 1, NOW + 50_000)).toBe(false);
  });

  it("a code used once already is a replay, told the next step's code, which the drift window takes at once", () => {
    const factor = { secret: SECRET };
    const code = authenticatorCode(SECRET, 0, NOW);
    expect(verifyTotpOnce(factor, code, 1, NOW)).toBe(true);
    const next = authenticatorCode(SECRET, 1, NOW);
    const explanation = explainTotpRefusal(factor, code, 1, NOW);
    expect(explanation).toMatchObject({
      message: expect.stringMatching(
        new RegExp(`^code ${code} is a replay: its time step, or a later one, was already used \\(at .+\\); a TOTP code is accepted once$`),
      ),
      expected: next,
      wouldPass: expect.stringMatching(new RegExp(`^code ${next}, the next step's`)),
    });
    // The hint holds on a frozen clock: the code it names passes now, once.
    expect(verifyTotpOnce(factor, next, 1, NOW)).toBe(true);
    // A code of an earlier step, never sent itself, is refused for the later step used, and said so (not "this step was used").
    const previous = authenticatorCode(SECRET, -1, NOW);
    expect(explainTotpRefusal(factor, previous, 1, NOW).message).toMatch(
      new RegExp(`^code ${previous} is a replay: its time step, or a later one, was already used`),
    );
  });

  it("after a used step, a wrong code is told the next step's code, not the used one (which would be refused)", () => {
    const factor = { secret: SECRET };
    expect(verifyTotpOnce(factor, authenticatorCode(SECRET, 0, NOW), 1, NOW)).toBe(true);
    const sent = wrongCode(SECRET, NOW);
    expect(explainTotpRefusal(factor, sent, 1, NOW)).toMatchObject({ expected: authenticatorCode(SECRET, 1, NOW) });
  });

  it('with the next step used too, the hint says how far to move the clock', () => {
    const factor = { secret: SECRET };
    expect(verifyTotpOnce(factor, authenticatorCode(SECRET, 1, NOW), 1, NOW)).toBe(true);
    const explanation = explainTotpRefusal(factor, '000000', 1, NOW);
    expect(explanation.expected).toBe(authenticatorCode(SECRET, 2, NOW));
    expect(explanation.wouldPass).toContain('20 s later');
    expect(explanation.wouldPass).toContain('{"advanceMs":20000}');
    expect(verifyTotpOnce(factor, explanation.expected!, 1, NOW + 20_000)).toBe(true);
  });

  it('no secret is a precondition, not a wrong code', () => {
    expect(explainTotpRefusal(undefined, '123456', 1, NOW).rule).toBe('precondition');
  });
});
