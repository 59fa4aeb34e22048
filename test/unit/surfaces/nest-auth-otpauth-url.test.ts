import fc from 'fast-check';
import { format } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toOtpauthUrl } from '../../../src/surfaces/nest-auth/otpauth-url.js';

/** What speakeasy's `otpauthURL` (the real nest-auth's) builds: Node's legacy url.format. */
function legacy(issuer: string, account: string, secret: string): string {
  return format({ protocol: 'otpauth', slashes: true, hostname: 'totp', pathname: account, query: { secret, issuer, period: 30 } });
}

describe('nest-auth otpauth URL without node:url', () => {
  it('is byte for byte what the legacy url.format writes, for any account, issuer and secret', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    const tricky = fc.constantFrom('', '/', '#', '?', '/a#b?c', '%41', ' ', '@', '&=+', 'ada@example.com', 'Zoë Ünïcode');
    fc.assert(
      fc.property(fc.oneof(text, tricky), fc.oneof(text, tricky), fc.oneof(text, tricky), (issuer, account, secret) => {
        expect(toOtpauthUrl(issuer, account, secret)).toBe(legacy(issuer, account, secret));
      }),
      { numRuns: 500 },
    );
    expect(toOtpauthUrl('nest-auth', 'ada@example.com', 'JBSWY3DPEHPK3PXP')).toBe(
      'otpauth://totp/ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=nest-auth&period=30',
    );
  });
});
