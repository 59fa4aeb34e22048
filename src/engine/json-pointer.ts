/**
 * One key as a JSON pointer token (RFC 6901): `~` and `/` written `~0` and `~1`, so a header, field or path named
 * with them still points at itself (`/paths/~1mfa~1status`).
 */
export function toPointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
