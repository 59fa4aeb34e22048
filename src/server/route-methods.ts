/**
 * The methods the sandbox's own routes (the admin API) take at a concrete path, so a request with the wrong method is
 * told which one to use (`POST /__admin/sessions/x/scenario`: this path takes PUT). Vendor routes have near misses for
 * that; these routes are no vendor operation.
 *
 * @example
 * const index = createRouteMethodIndex();
 * index.add('/__admin/sessions/:id/scenario', 'PUT');
 * index.methodsAt('/__admin/sessions/x/scenario') // ['PUT']
 * index.add('/__admin/health', 'GET');
 * index.methodsAt('/__admin/health') // ['GET', 'HEAD']
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
      for (const one of [method].flat()) routes.push({ pattern, method: one });
    },
    /**
     * Every method some route takes at `path` (no query), in the order the routes were added, each once. HEAD follows
     * GET: Fastify answers it wherever GET is routed, and a 405's Allow lists every method the path takes (RFC 9110
     * §10.2.1), whether or not Fastify announced its HEAD route to this index.
     */
    methodsAt(path: string): string[] {
      const methods = routes.filter((route) => route.pattern.test(path)).map((route) => route.method);
      return [...new Set(methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])))];
    },
  };
}
