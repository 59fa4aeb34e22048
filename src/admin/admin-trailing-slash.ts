import { SandboxError } from '../errors.js';

const ADMIN_PATH_START = '/__admin/';

/**
 * An admin URL as the admin routes take it: a trailing slash on its path dropped (`/__admin/health/` is
 * `/__admin/health`), for Fastify's `rewriteUrl`. The admin API is the sandbox's own, where a trailing slash is only a
 * typo: routed as sent, `/__admin/sessions/` read as the session with an empty id and `/__admin/health/` was a 404.
 * Vendor routes are left as sent: each surface routes them as its vendor does.
 *
 * @example
 * withoutAdminTrailingSlash('/__admin/sessions/?surface=lerian', 'GET') // '/__admin/sessions?surface=lerian'
 * withoutAdminTrailingSlash('/flashback/mfa/status/', 'GET')            // '/flashback/mfa/status/'
 */
export function withoutAdminTrailingSlash(url: string, method: string): string {
  // '_' after the first '/': one comparison for almost every URL that is not an admin one.
  if (url.charCodeAt(1) !== 95 || !url.startsWith(ADMIN_PATH_START)) return url;
  // A DELETE keeps its slash: `DELETE .../overrides/$OV` with $OV unset deleted every override of the session, as
  // `DELETE .../overrides` does; as sent, it names an empty id, and is refused (toEmptyIdInDelete).
  if (method === 'DELETE') return url;
  const query = url.indexOf('?');
  const pathEnd = query === -1 ? url.length : query;
  let end = pathEnd;
  // `/__admin/` itself stays: it is the admin API's index.
  while (end > ADMIN_PATH_START.length && url.charCodeAt(end - 1) === 47) end--;
  return end === pathEnd ? url : url.slice(0, end) + url.slice(pathEnd);
}

/**
 * The refusal of an admin DELETE whose path ends in `/`: an id left empty, most often a shell variable not set
 * (`.../overrides/$OV`). Taken without its slash, it deleted the collection above it (every override of the session);
 * it deletes nothing. Undefined for any other request.
 *
 * @example
 * toEmptyIdInDelete('/__admin/sessions/qa/overrides/', 'DELETE')?.message // 'DELETE /__admin/sessions/qa/overrides/: the path ends in / ...'
 */
export function toEmptyIdInDelete(url: string, method = 'DELETE'): SandboxError | undefined {
  const path = url.split('?', 1)[0]!;
  if (method !== 'DELETE' || !path.startsWith(ADMIN_PATH_START) || !path.endsWith('/')) return undefined;
  return new SandboxError(
    'MOCK_ERR_BAD_ADMIN_REQUEST',
    `DELETE ${path}: the path ends in / where an id belongs (a shell variable not set?); nothing was deleted. Write the id that belongs there, or drop the last / to delete what the path names without it`,
  );
}
