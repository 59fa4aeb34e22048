import type { SurfaceId } from '../surfaces/registry.js';
import type { SpecProblem } from './check-pact-against-spec.js';

/**
 * Interactions whose request path starts with the sandbox's own prefix for the surface (`/flashback/mfa/status`): a
 * consumer recorded its client's base URL into the paths. The spec check says the path is not the spec's and the mock
 * answers 404 for `/flashback/flashback/...` ("expected 200 but was 404"), neither why. No vendor path starts with a
 * surface id, so this names the fix.
 *
 * @example
 * checkSurfacePrefixedPaths(pact.json, 'flashback')
 * // [{ code: 'request.path.sandbox-prefix', message: 'the path /flashback/mfa/status starts with ...', ... }]
 */
export function checkSurfacePrefixedPaths(pact: unknown, surface: SurfaceId): SpecProblem[] {
  const interactions = (pact as { interactions?: unknown }).interactions;
  if (!Array.isArray(interactions)) return [];
  const prefix = `/${surface}`;
  return interactions.flatMap((interaction: unknown, index) => {
    const path = (interaction as { request?: { path?: unknown } }).request?.path;
    if (typeof path !== 'string' || (path !== prefix && !path.startsWith(`${prefix}/`))) return [];
    const description = (interaction as { description?: unknown }).description;
    return [
      {
        code: 'request.path.sandbox-prefix',
        message:
          `the path ${path} starts with the sandbox's prefix ${prefix}, which belongs in the client's base URL ` +
          `(http://localhost:4010${prefix}), not in the pact: record the vendor's path (${path.slice(prefix.length) || '/'})`,
        interaction: typeof description === 'string' ? description : undefined,
        location: `[root].interactions[${index}].request.path`,
      },
    ];
  });
}
