import type { OperationCall } from '../../pipeline/surface-behaviour.js';

/**
 * A cookie of the request as 2.11.1 reads it through Express's cookie-parser (the `cookie` package): the first pair
 * of that name, its value trimmed, unquoted and percent-decoded (undoing the encoding `res.cookie` wrote). '' for a
 * cookie sent empty (the remember cookie is cleared that way), undefined for one not sent.
 */
export function readRequestCookie(call: Pick<OperationCall, 'headers'>, name: string): string | undefined {
  const header = call.headers.cookie;
  const pairs = (Array.isArray(header) ? header.join('; ') : (header ?? '')).split(';');
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== name) continue;
    const value = pair.slice(equals + 1).trim();
    return decodeCookieValue(value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);
  }
  return undefined;
}

/** A malformed escape is kept as sent, as the `cookie` package does. */
function decodeCookieValue(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
