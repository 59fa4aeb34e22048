import type { ScenarioCatalogue } from '../../src/engine/session-registry.js';
import { toSignedHeaders } from '../../src/surfaces/genauth/request-signature.js';
import type { SurfaceId } from '../../src/surfaces/registry.js';

/**
 * The credentials a scenario's own client would send: GenAuth's signature with the scenario's first access key, else
 * the bearer token of its first user with one (or of a bare token, as missing-user scenarios have); none if it has none.
 *
 * @example
 * scenarioCredentials(sessions.catalogue, 'flashback', 'mfa-enabled', 'GET', '/mfa/status', {}) // { authorization: 'Bearer flashback-token-ada' }
 */
export function scenarioCredentials(
  catalogue: ScenarioCatalogue,
  surface: SurfaceId,
  scenario: string,
  method: string,
  path: string,
  fields: Record<string, unknown>,
): Record<string, string> {
  const world = catalogue.get(surface)!.get(scenario)!.world;
  if (surface === 'genauth') {
    const key = world.accessKeys?.[0];
    return key ? toSignedHeaders({ method, path, fields, accessKeyId: key.id, accessKeySecret: key.secret }) : {};
  }
  const token = world.users?.find((user) => user.token)?.token ?? Object.keys(world.tokens ?? {})[0];
  return token ? { authorization: `Bearer ${token}` } : {};
}
