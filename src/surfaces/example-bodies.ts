import type { RouteDefinition } from '../openapi/to-route-definitions.js';

/**
 * A fresh copy of a spec example of one operation. Without a name, the status's canonical (first) example.
 * A missing example is a bug in a handler or scenario (scenarios are checked at boot), so it throws.
 *
 * @example
 * toExampleBody(route, 403) // { success: false, error: 'Cannot disable MFA when enforced by organization' }
 */
export function toExampleBody(route: RouteDefinition, status: number, name?: string): any {
  const response = route.responses.get(status);
  if (!response) throw new Error(`${route.operationId} declares no ${status} response`);
  const key = name ?? response.canonicalExample;
  if (key === undefined || !response.examples.has(key)) {
    throw new Error(`${route.operationId} ${status} has no example "${key ?? '(canonical)'}"`);
  }
  return structuredClone(response.examples.get(key));
}
