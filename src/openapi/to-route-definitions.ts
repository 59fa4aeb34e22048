import { HTTP_METHODS, type HttpMethod, type JsonSchema, type OpenApiDocument, type OperationObject, type ParameterObject } from './openapi-types.js';

/** One documented response of an operation: its schema and named examples (the first one is canonical). */
export interface ResponseDefinition {
  status: number;
  schema: JsonSchema | undefined;
  examples: ReadonlyMap<string, unknown>;
  /** Each named example's `summary`, where the spec gives one ("Phone Number Not Found" for `Error1016`). */
  exampleSummaries: ReadonlyMap<string, string>;
  canonicalExample: string | undefined;
}

/** Everything the server needs to mount, validate and answer one operation. Derived from the spec, never written by hand. */
export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** The vendor's path, e.g. `/v1/users/{id}/mfa`. */
  path: string;
  /** The same path in Fastify's syntax, e.g. `/v1/users/:id/mfa`. */
  routerPath: string;
  summary: string | undefined;
  /** True when the operation needs credentials (its effective `security` is non-empty). */
  secured: boolean;
  /** JSON Schemas of the path parameters and the query string, as one object schema each. */
  params: JsonSchema | undefined;
  query: JsonSchema | undefined;
  body: { schema: JsonSchema; required: boolean } | undefined;
  /** The request headers the operation reads, as its spec writes them: its header parameters, its credentials' headers. */
  headers: readonly string[];
  responses: ReadonlyMap<number, ResponseDefinition>;
}

function toObjectSchema(parameters: ParameterObject[]): JsonSchema | undefined {
  if (parameters.length === 0) return undefined;
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const parameter of parameters) {
    properties[parameter.name] = parameter.schema ?? {};
    if (parameter.required || parameter.in === 'path') required.push(parameter.name);
  }
  return { type: 'object', properties, required };
}

function isSecured(operation: OperationObject, api: OpenApiDocument): boolean {
  const security = operation.security ?? api.security ?? [];
  // `[]` or an alternative `{}` means anonymous access is allowed.
  return security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);
}

/** The header each of the operation's security schemes is sent in: `Authorization` for HTTP auth, an API key's own. */
function toCredentialHeaders(operation: OperationObject, api: OpenApiDocument): string[] {
  const schemes = (api.components?.securitySchemes ?? {}) as Record<string, { type?: string; in?: string; name?: string }>;
  const names = (operation.security ?? api.security ?? []).flatMap((requirement) => Object.keys(requirement));
  return names.flatMap((name) => {
    const scheme = schemes[name];
    if (scheme?.type === 'http' || scheme?.type === 'oauth2' || scheme?.type === 'openIdConnect') return ['Authorization'];
    return scheme?.type === 'apiKey' && scheme.in === 'header' && scheme.name ? [scheme.name] : [];
  });
}

function toResponses(operation: OperationObject): Map<number, ResponseDefinition> {
  const responses = new Map<number, ResponseDefinition>();
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const code = Number(status);
    if (!Number.isInteger(code)) continue; // `default` and `4XX` ranges are not used by our specs
    const media = response.content?.['application/json'];
    const named = Object.entries(media?.examples ?? {});
    const examples = new Map<string, unknown>(named.map(([name, example]) => [name, example.value]));
    const exampleSummaries = new Map(named.flatMap(([name, example]) => (typeof example.summary === 'string' ? [[name, example.summary] as const] : [])));
    responses.set(code, { status: code, schema: media?.schema, examples, exampleSummaries, canonicalExample: examples.keys().next().value });
  }
  return responses;
}

/**
 * Turn a dereferenced spec into route definitions, one per operation, in document order.
 *
 * @example
 * toRouteDefinitions(spec.api).map((r) => `${r.method} ${r.routerPath}`) // ['get /mfa/status', ...]
 */
export function toRouteDefinitions(api: OpenApiDocument): RouteDefinition[] {
  const routes: RouteDefinition[] = [];
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
      const media = operation.requestBody?.content?.['application/json'];
      routes.push({
        operationId: operation.operationId,
        method,
        path,
        routerPath: path.replace(/\{([^}]+)\}/g, ':$1'),
        summary: operation.summary,
        secured: isSecured(operation, api),
        params: toObjectSchema(parameters.filter((p) => p.in === 'path')),
        query: toObjectSchema(parameters.filter((p) => p.in === 'query')),
        body: media?.schema ? { schema: media.schema, required: operation.requestBody?.required ?? false } : undefined,
        headers: [...new Set([...parameters.filter((p) => p.in === 'header').map((p) => p.name), ...toCredentialHeaders(operation, api)])],
        responses: toResponses(operation),
      });
    }
  }
  return routes;
}
