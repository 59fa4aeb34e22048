/**
 * A tiny fetch client typed by a surface's generated `paths` (src/types/<surface>.ts, openapi-typescript): the path,
 * method, path parameters, query and JSON body a consumer sends, and every status and body it can get back, all come
 * from the spec. The consumer clients of the pact tests are written on it, as a frontend team would write theirs.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation at `paths[P][M]` (openapi-typescript marks absent methods `?: never`). */
export type Operation<Paths, P extends keyof Paths, M extends HttpMethod> = NonNullable<Paths[P][M & keyof Paths[P]]>;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;

export type RequestBodyOf<Op> = Op extends { requestBody: infer Body }
  ? JsonContent<Body>
  : Op extends { requestBody?: infer Body }
    ? JsonContent<NonNullable<Body>> | undefined
    : undefined;

type ParametersOf<Op, Where extends string> = Op extends { parameters: infer Parameters }
  ? Where extends keyof Parameters
    ? NonNullable<Parameters[Where]>
    : never
  : never;

type ResponsesOf<Op> = Op extends { responses: infer Responses } ? Responses : never;

/** A response as the spec declares it: a status and the body that status carries, as a discriminated union. */
export type ApiResponse<Op> = { [Status in keyof ResponsesOf<Op>]: { status: Status; body: JsonContent<ResponsesOf<Op>[Status]> } }[keyof ResponsesOf<Op>];

export interface CallOptions<Op> {
  params?: ParametersOf<Op, 'path'>;
  query?: ParametersOf<Op, 'query'>;
  body?: RequestBodyOf<Op>;
  headers?: Record<string, string>;
}

export interface TypedClient<Paths> {
  call<P extends keyof Paths & string, M extends HttpMethod>(
    method: M,
    path: P,
    options?: CallOptions<Operation<Paths, P, M>>,
  ): Promise<ApiResponse<Operation<Paths, P, M>>>;
}

/** Headers per request: fixed ones, or computed from the request (GenAuth signs each one). */
export type HeaderSource = (request: { method: string; path: string; query: Record<string, string>; body: unknown }) => Record<string, string>;

/**
 * @example
 * const flashback = createTypedClient<paths>(baseUrl, () => ({ authorization: 'Bearer flashback-token-ada' }));
 * const status = await flashback.call('get', '/mfa/status');
 * if (status.status === 200) status.body.data.isEnforced; // boolean, from the spec
 */
export function createTypedClient<Paths>(baseUrl: string, headers: HeaderSource): TypedClient<Paths> {
  return {
    async call(method, template, options = {}) {
      const params = (options.params ?? {}) as Record<string, string>;
      const path = template.replace(/\{([^}]+)\}/g, (_whole, name: string) => encodeURIComponent(params[name] ?? ''));
      const query = Object.fromEntries(Object.entries((options.query ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
      const search = new URLSearchParams(query).toString();
      const hasBody = options.body !== undefined;
      const response = await fetch(`${baseUrl}${path}${search ? `?${search}` : ''}`, {
        method: method.toUpperCase(),
        headers: {
          ...headers({ method: method.toUpperCase(), path, query, body: options.body }),
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined } as never;
    },
  };
}
