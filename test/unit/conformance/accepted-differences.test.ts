import { describe, expect, it } from 'vitest';
import { NEST_AUTH_ACCEPTED } from '../../../src/conformance/catalogues/nest-auth-accepted.js';
import { isAccepted } from '../../../src/conformance/compare-step.js';

/** An accepted difference forgives exactly the vendor behaviour it names, never any answer at that place. */
describe('accepted differences', () => {
  const unknownRoute = NEST_AUTH_ACCEPTED.find((rule) => rule.step === 'unknown route' && rule.path === 'body')!;
  const field = (upstream: unknown) => ({ path: 'body', upstream, sandbox: { code: 'MOCK_ERR_ROUTE_NOT_FOUND' } });

  it("accept nest-auth's own 404 for an unknown route, and not a gateway's HTML page in its place", () => {
    expect(isAccepted(field({ message: 'Cannot GET /auth/nope', error: 'Not Found', statusCode: 404 }), 'auth', 'unknown route', unknownRoute)).toBe(true);
    expect(isAccepted(field('<html><body>Bad Gateway</body></html>'), 'auth', 'unknown route', unknownRoute)).toBe(false);
  });

  it("accept the body of nest-auth's crash on a numeric recovery code only in that case, not any answer of that step", () => {
    const crashBody = NEST_AUTH_ACCEPTED.find((rule) => rule.step === 'reset-totp {code: 5}' && rule.path === 'body.*')!;
    const message = { path: 'body.message', upstream: 'Internal server error', sandbox: 'Invalid recovery code' };
    expect(isAccepted(message, 'validation', 'reset-totp {code: 5}', crashBody, { upstream: 500, sandbox: 401 })).toBe(true);
    // The upstream refused the token instead (both 401): a real difference the rule must not hide.
    const refusedToken = { path: 'body.code', upstream: 'INVALID_TOKEN', sandbox: 'MFA_RECOVERY_CODE_INVALID' };
    expect(isAccepted(refusedToken, 'validation', 'reset-totp {code: 5}', crashBody, { upstream: 401, sandbox: 401 })).toBe(false);
    expect(isAccepted(refusedToken, 'validation', 'reset-totp {code: 5}', crashBody)).toBe(false);
  });

  it('take upstreamIncludes as text in the shown value, whatever its type', () => {
    const rule = { flow: '*', step: '*', path: 'status', upstreamIncludes: '50', reason: 'a 5xx of the vendor' };
    expect(isAccepted({ path: 'status', upstream: 503 }, 'f', 's', rule)).toBe(true);
    expect(isAccepted({ path: 'status', upstream: 404 }, 'f', 's', rule)).toBe(false);
    expect(isAccepted({ path: 'status' }, 'f', 's', rule)).toBe(false);
  });
});
