import type { OpenApiDocument, ParameterObject } from '../../src/openapi/openapi-types.js';
import type { RouteDefinition } from '../../src/openapi/to-route-definitions.js';

/** A request built only from the spec's own examples: path and query parameter examples, the first request-body example. */
export interface SpecRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

function exampleOf(parameter: ParameterObject & { example?: unknown; examples?: Record<string, { value?: unknown }> }): string | undefined {
  const value = parameter.example ?? Object.values(parameter.examples ?? {})[0]?.value ?? (parameter.schema as { example?: unknown } | undefined)?.example;
  return value === undefined || typeof value === 'string' ? value : JSON.stringify(value);
}

export function toSpecRequest(api: OpenApiDocument, route: RouteDefinition): SpecRequest {
  const operation = api.paths[route.path]![route.method]!;
  const parameters = [...(api.paths[route.path]!.parameters ?? []), ...(operation.parameters ?? [])];
  let path = route.path;
  const query: Record<string, string> = {};
  for (const parameter of parameters) {
    const value = exampleOf(parameter);
    if (value === undefined) continue;
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    if (parameter.in === 'query' && parameter.required) query[parameter.name] = value;
  }
  const examples = operation.requestBody?.content?.['application/json']?.examples;
  const body = examples ? Object.values(examples)[0]?.value : undefined;
  return { method: route.method.toUpperCase(), path, query, body };
}
