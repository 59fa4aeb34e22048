import { format } from 'node:url';
import { TOTP_PERIOD_SECONDS } from '../../engine/totp.js';

/**
 * The key URI as the library builds it with speakeasy's `otpauthURL`: the account alone as the label (no
 * `issuer:` prefix, not URL-encoded beyond what the legacy `url.format` does to a pathname), then secret, issuer and
 * period. The legacy formatter is used on purpose, so the URI is byte for byte speakeasy's.
 *
 * @example
 * toOtpauthUrl('nest-auth', 'ada@example.com', 'JBSW...') // 'otpauth://totp/ada@example.com?secret=JBSW...&issuer=nest-auth&period=30'
 */
export function toOtpauthUrl(issuer: string, account: string, secret: string): string {
  return format({ protocol: 'otpauth', slashes: true, hostname: 'totp', pathname: account, query: { secret, issuer, period: TOTP_PERIOD_SECONDS } });
}
