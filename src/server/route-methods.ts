/**
 * The methods the sandbox's own routes (the admin API) take at a concrete path, so a request with the wrong method is
 * told which one to use (`POST /__admin/sessions/x/scenario`: this path takes PUT). Vendor routes have near misses for
 * that; these routes are no vendor operation.
 *
 * @example
 * const index = createRouteMethodIndex();
 * index.add('/__admin/sessions/:id/scenario', 'PUT');
 * index.methodsAt('/__admin/sessions/x/scenario') // ['PUT']
 */
export function createRouteMethodIndex() {
  const routes: Array<{ pattern: RegExp; method: string }> = [];
  return {
    /** A route as Fastify states it: `:name` for a path parameter, `*` for the rest. */
    add(url: string, method: string | string[]) {
      const pattern = new RegExp(
        `^${url
          .split('/')
          .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/')}/?$`,
      );
      // HEAD answers wherever GET does (Fastify adds it); naming it beside GET says nothing new.
      for (const one of [method].flat()) if (one !== 'HEAD') routes.push({ pattern, method: one });
    },
    /** Every method some route takes at `path` (no query), in the order the routes were added, each once. */
    methodsAt(path: string): string[] {
      return [...new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method))];
    },
  };
}
