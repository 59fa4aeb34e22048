import standalone from 'ajv/dist/standalone/index.js';
import { createAjv } from '../openapi/schema-validators.js';
import type { JsonSchema } from '../openapi/openapi-types.js';
import type { RouteDefinition } from '../openapi/to-route-definitions.js';

// CommonJS with `exports.default`, like ajv-formats (see schema-validators.ts): the function is `.default` under Node.
export const standaloneCode = standalone.default;

/** Where a precompiled validator goes: which ajv (parameters coerce, bodies do not), and the part of which route. */
interface Part {
  coerce: boolean;
  operationId: string;
  part: 'params' | 'query' | 'body' | `responses.${number}`;
  schema: JsonSchema;
}

function toParts(route: RouteDefinition): Part[] {
  const { operationId } = route;
  const parts: Array<Omit<Part, 'schema'> & { schema: JsonSchema | undefined }> = [
    { coerce: true, operationId, part: 'params', schema: route.params },
    { coerce: true, operationId, part: 'query', schema: route.query },
    { coerce: false, operationId, part: 'body', schema: route.body?.schema },
    ...[...route.responses].map(([status, response]) => ({ coerce: false, operationId, part: `responses.${status}` as const, schema: response.schema })),
  ];
  return parts.filter((part): part is Part => part.schema !== undefined);
}

/** One ajv's validators as a scope of their own (standalone code declares top-level names that must not clash). */
function toScope(parts: Part[], coerce: boolean, firstIndex: number): { code: string; names: Map<Part, string> } {
  const ajv = createAjv(coerce, false, true);
  const names = new Map<Part, string>();
  const exportsByName: Record<string, string> = {};
  parts.forEach((part, index) => {
    const name = `v${firstIndex + index}`;
    ajv.addSchema(part.schema, name);
    exportsByName[name] = name;
    names.set(part, name);
  });
  const code = parts.length === 0 ? '' : standaloneCode(ajv, exportsByName);
  return { code: `(function () {\nconst exports = {};\n${code}\nreturn exports;\n})()`, names };
}

/**
 * The CommonJS module that gives one route its validators, compiled now instead of on a server's first request:
 * ajv's standalone code, with the options the server compiles with (createAjv), exported as a
 * `PrecompiledRouteValidators`. One module per route, so a server loads only the validators of the routes it is asked.
 * Formats that are functions, not patterns, come from ajv-formats at run time (the code requires it), as they do for
 * validators ajv compiles at run time.
 */
export function toStandaloneValidatorsModule(route: RouteDefinition): string {
  const parts = toParts(route);
  const parameterParts = parts.filter((part) => part.coerce);
  const bodyParts = parts.filter((part) => !part.coerce);
  const parameters = toScope(parameterParts, true, 0);
  const bodies = toScope(bodyParts, false, parameterParts.length);
  const reference = (part: Part) => `${part.coerce ? 'parameters' : 'bodies'}.${(part.coerce ? parameters : bodies).names.get(part)!}`;
  const fields = parts.filter((part) => !part.part.startsWith('responses.')).map((part) => `${part.part}: ${reference(part)}`);
  const responses = parts
    .filter((part) => part.part.startsWith('responses.'))
    .map((part) => `${JSON.stringify(part.part.slice('responses.'.length))}: ${reference(part)}`);
  return [
    '"use strict";',
    `// Written by \`npm run build\` (src/snapshots/write-standalone-validators.ts): ajv standalone code for ${route.operationId}.`,
    `const parameters = ${parameters.code};`,
    `const bodies = ${bodies.code};`,
    `module.exports = { ${[...fields, `responses: { ${responses.join(', ')} }`].join(', ')} };`,
    '',
  ].join('\n');
}
