/**
 * Writes a path of a surface whose vendor routes paths in any letter case (nest-auth: Express's default) in the letter
 * case of the surface's spec, so the router, which matches letter for letter, finds its route:
 * `/nest-auth/auth/MFA/Status` is `/nest-auth/auth/mfa/status`. Only the vendor's part changes: the mount prefix is the
 * sandbox's and stays as written, a segment that is no literal segment of the spec's paths (a path parameter's value:
 * a device id) keeps its letters, and so does the query. Paths whose first segment is none of the surface's (the admin
 * API's, under `--surface`) and paths without an upper-case letter are left alone at the cost of one test.
 *
 * @example
 * const fold = createPathCaseFolder('/nest-auth', ['/auth/mfa/status', '/auth/mfa/devices/{deviceId}']);
 * fold('/nest-auth/auth/MFA/Status?x=A'); // '/nest-auth/auth/mfa/status?x=A'
 * fold('/nest-auth/AUTH/mfa/devices/AbC'); // '/nest-auth/auth/mfa/devices/AbC'
 * fold('/NEST-AUTH/auth/mfa/status'); // unchanged: the prefix is the sandbox's
 */
export function createPathCaseFolder(prefix: string, templates: Iterable<string>): (url: string) => string {
  const literals = new Map<string, string>();
  const firstSegments = new Set<string>();
  for (const template of templates) {
    const segments = template.split('/').slice(1);
    if (segments[0] !== undefined) firstSegments.add(segments[0].toLowerCase());
    for (const segment of segments) if (!PARAMETER.test(segment)) literals.set(segment.toLowerCase(), segment);
  }
  const start = `${prefix}/`;
  return (url) => {
    if (!url.startsWith(start)) return url;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    if (!UPPER_CASE.test(path.slice(prefix.length))) return url;
    const segments = path.slice(prefix.length).split('/');
    if (!firstSegments.has(segments[1]!.toLowerCase())) return url;
    const folded = segments.map((segment) => literals.get(segment.toLowerCase()) ?? segment).join('/');
    return `${prefix}${folded}${queryAt === -1 ? '' : url.slice(queryAt)}`;
  };
}

const PARAMETER = /^\{[^}]+\}$/;
const UPPER_CASE = /[A-Z]/;
