/**
 * The session cookie: the sandbox sets it when a `/s/<session>/` URL is answered (and the QA console sets it when it
 * opens a session), so a browser's later requests without the prefix (an app's own relative fetches, a redirect) stay
 * in that session. One cookie holds the session and, after a `/`, the scenario a prefixed URL named (`qa-1` or
 * `qa-1/mfa-enabled`): the two are set and replaced together, so a scenario never outlives the session it came with.
 */

/** The cookie's name. */
export const SESSION_COOKIE = 'mfa-sandbox-session';

/** The session and scenario a cookie names, still percent-encoded (decoded where they are checked). */
export interface SessionCookie {
  session: string;
  scenario: string | undefined;
  /**
   * The value of a later cookie of the same name that differs (a browser sends one per path it was set for, the most
   * specific path first): the first counts, as in most servers, and this one is named as ignored.
   */
  ignored?: string;
}

/**
 * The session cookie in a `Cookie` header (several headers are joined by the transport, or given as a list), if any.
 *
 * @example
 * readSessionCookie('theme=dark; mfa-sandbox-session=qa-1/mfa-enabled') // { session: 'qa-1', scenario: 'mfa-enabled' }
 */
export function readSessionCookie(header: string | string[]): SessionCookie | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  // Most cookies are the app's own: only a header that holds ours is split.
  if (!text.includes(SESSION_COOKIE)) return undefined;
  let first: SessionCookie | undefined;
  let firstValue: string | undefined;
  for (const pair of text.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0 || pair.slice(0, equals).trim() !== SESSION_COOKIE) continue;
    const value = pair
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (first !== undefined) {
      if (value !== firstValue) first.ignored ??= value;
      continue;
    }
    const slash = value.indexOf('/');
    first = slash < 0 ? { session: value, scenario: undefined } : { session: value.slice(0, slash), scenario: value.slice(slash + 1) };
    firstValue = value;
  }
  return first;
}

/**
 * The `Set-Cookie` value that keeps a browser in a session (and scenario): for the whole host (`Path=/`, so the
 * console, the docs and every surface see it), `SameSite=Lax` (sent by pages of the same site, e.g. a dev server on
 * another port of localhost), not HttpOnly (a test or the console may read and change it), gone with the browser.
 *
 * @example
 * toSessionCookie('qa-1', 'mfa-enabled') // 'mfa-sandbox-session=qa-1/mfa-enabled; Path=/; SameSite=Lax'
 */
export function toSessionCookie(session: string, scenario: string | undefined): string {
  const value = scenario === undefined ? encodeURIComponent(session) : `${encodeURIComponent(session)}/${encodeURIComponent(scenario)}`;
  return `${SESSION_COOKIE}=${value}; Path=/; SameSite=Lax`;
}
