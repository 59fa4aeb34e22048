import { describe, expect, it } from 'vitest';
import { createTwinCredentials } from '../../../src/proxy/twin-credentials.js';
import { authenticatorCode } from '../../harness/totp.js';

/** Base32 secrets as the two sides hand them out (any 16+ characters of A-Z2-7). */
const secret = (n: number, side: 'U' | 'S') => `${side === 'U' ? 'UPSTREAM' : 'SANDBOXX'}${'ABCDEFGHIJKLMNOP'[n % 16]}${'234567'[n % 6]}AAAAAAAAAAAAAAAAAAAAAA`;

describe('the proxy twin credentials', () => {
  it('pairs tokens and recovery codes by their place in the two answers, and sends the sandbox its own in their place', () => {
    const twin = createTwinCredentials();
    twin.learn(
      { accessToken: 'up-access', data: { backupCodes: ['11112222', '33334444'] }, code: 'MFA_CODE_INVALID' },
      { accessToken: 'sb-access', data: { backupCodes: ['55556666', '77778888'] }, code: 'MFA_CODE_INVALID' },
    );
    expect(twin.tokenFor('up-access')).toBe('sb-access');
    expect(twin.toTwinBody({ refresh: 'up-access', code: '33334444' }, undefined, Date.now())).toEqual({ refresh: 'sb-access', code: '77778888' });
  });

  it("sends a sign-in with the twin user's e-mail and password, and remembers the upstream user's address", () => {
    const twin = createTwinCredentials();
    const body = { providerName: 'email', credentials: { email: 'qa@example.com', password: 'theirs' } };
    expect(twin.toTwinBody(body, { email: 'ada@example.com', password: 'sandbox-password' }, Date.now())).toEqual({
      providerName: 'email',
      credentials: { email: 'ada@example.com', password: 'sandbox-password' },
    });
    expect(twin.upstreamEmail).toBe('qa@example.com');
    // The same sign-in as a form (nest-auth reads forms as Express does): field by field.
    const form = new URLSearchParams(
      twin.toTwinForm(
        'providerName=email&credentials[email]=qa2%40example.com&credentials[password]=theirs',
        { email: 'ada@example.com', password: 'sandbox-password' },
        Date.now(),
      ),
    );
    expect(Object.fromEntries(form)).toEqual({ providerName: 'email', 'credentials[email]': 'ada@example.com', 'credentials[password]': 'sandbox-password' });
    expect(twin.upstreamEmail).toBe('qa2@example.com');
  });

  it("turns an authenticator code of the upstream's secret into the sandbox secret's code for the same step, for the newest 16 secrets", () => {
    const twin = createTwinCredentials();
    for (let n = 0; n < 17; n++) twin.learn({ secret: secret(n, 'U') }, { secret: secret(n, 'S') });
    const now = Date.now();
    expect(twin.toTwinBody({ otp: authenticatorCode(secret(16, 'U'), 0, now) }, undefined, now)).toEqual({ otp: authenticatorCode(secret(16, 'S'), 0, now) });
    expect(twin.toTwinBody({ otp: authenticatorCode(secret(16, 'U'), -1, now) }, undefined, now)).toEqual({ otp: authenticatorCode(secret(16, 'S'), -1, now) });
    // The oldest pair fell out: its code goes as it came (the sandbox refuses it, as the vendor would have long since).
    const oldest = authenticatorCode(secret(0, 'U'), 0, now);
    expect(twin.toTwinBody({ otp: oldest }, undefined, now)).toEqual({ otp: oldest });
    // The secret itself, sent back (nest-auth's verify-totp-setup names it), is the sandbox's.
    expect(twin.toTwinBody({ secret: secret(16, 'U') }, undefined, now)).toEqual({ secret: secret(16, 'S') });
  });
});
