import { SandboxError } from '../errors.js';

/**
 * A URL no router can read: its path is not valid percent-encoding (`%E9` alone is not UTF-8). Fastify refuses it
 * before routing, whatever route it resembles; the MSW handlers find it themselves and answer the same fault.
 */
export function toUnroutableUrlFault(reason: string): SandboxError {
  return new SandboxError('MOCK_ERR_BAD_REQUEST', `The sandbox cannot route this URL (${reason})`);
}

/** The reason Fastify gives (its FST_ERR_BAD_URL) for a path it cannot decode, for a transport that finds one itself. */
export function toUndecodablePathReason(path: string): string {
  return `'${path}' is not a valid url component`;
}

/**
 * Whether a URL path has a percent-escape that does not decode (a lone `%`, `%ZZ`, bytes that are not UTF-8).
 *
 * @example
 * isUndecodablePath('/users/%E9/mfa'); // true
 * isUndecodablePath('/users/%C3%A9/mfa'); // false
 */
export function isUndecodablePath(path: string): boolean {
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}
