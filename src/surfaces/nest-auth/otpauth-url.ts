import { TOTP_PERIOD_SECONDS } from '../../engine/totp.js';

/**
 * The account as the legacy `url.format` writes a pathname: only `#` and `?` escaped (anything else, `@` and spaces
 * included, is left as it is), and a `/` in front, since the URL has a host.
 */
function toLegacyPathname(account: string): string {
  const pathname = account.replace(/[#?]/g, (char) => (char === '#' ? '%23' : '%3F'));
  return pathname && !pathname.startsWith('/') ? `/${pathname}` : pathname;
}

/**
 * The key URI as the library builds it with speakeasy's `otpauthURL`: the account alone as the label (no
 * `issuer:` prefix, not URL-encoded beyond what the legacy `url.format` does to a pathname), then secret, issuer and
 * period. Written out by hand (no `node:url`, so it runs in a browser), byte for byte what speakeasy's
 * `url.format({ protocol: 'otpauth', slashes: true, hostname: 'totp', pathname, query })` returns: the query values
 * escaped as `querystring.stringify` does, which is `encodeURIComponent`'s set.
 *
 * @example
 * toOtpauthUrl('nest-auth', 'ada@example.com', 'JBSW...') // 'otpauth://totp/ada@example.com?secret=JBSW...&issuer=nest-auth&period=30'
 */
export function toOtpauthUrl(issuer: string, account: string, secret: string): string {
  const query = [`secret=${encodeURIComponent(secret)}`, `issuer=${encodeURIComponent(issuer)}`, `period=${TOTP_PERIOD_SECONDS}`].join('&');
  return `otpauth://totp${toLegacyPathname(account)}?${query}`;
}
