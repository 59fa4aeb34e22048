const ADMIN_PATH_START = '/__admin/';

/**
 * An admin URL as the admin routes take it: a trailing slash on its path dropped (`/__admin/health/` is
 * `/__admin/health`), for Fastify's `rewriteUrl`. The admin API is the sandbox's own, where a trailing slash is only a
 * typo: routed as sent, `/__admin/sessions/` read as the session with an empty id and `/__admin/health/` was a 404.
 * Vendor routes are left as sent: each surface routes them as its vendor does.
 *
 * @example
 * withoutAdminTrailingSlash('/__admin/sessions/?surface=lerian') // '/__admin/sessions?surface=lerian'
 * withoutAdminTrailingSlash('/flashback/mfa/status/')            // '/flashback/mfa/status/'
 */
export function withoutAdminTrailingSlash(url: string): string {
  // '_' after the first '/': one comparison for almost every URL that is not an admin one.
  if (url.charCodeAt(1) !== 95 || !url.startsWith(ADMIN_PATH_START)) return url;
  const query = url.indexOf('?');
  const pathEnd = query === -1 ? url.length : query;
  let end = pathEnd;
  // `/__admin/` itself stays: it is the admin API's index.
  while (end > ADMIN_PATH_START.length && url.charCodeAt(end - 1) === 47) end--;
  return end === pathEnd ? url : url.slice(0, end) + url.slice(pathEnd);
}
