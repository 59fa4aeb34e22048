import { FAULT_KINDS } from '../engine/faults.js';
import type { OpenApiDocument, ParameterObject, PathItemObject } from '../openapi/openapi-types.js';
import { SESSION_HEADER } from '../surfaces/request-context.js';

/** A sandbox control header shown on every operation of the docs UI, so "try it out" can pick a session and scenario. */
type ControlParameter = ParameterObject & { description: string; 'x-sandbox-control': true; examples?: Record<string, { summary: string; value: string }> };

function toControlParameters(scenarios: readonly string[]): ControlParameter[] {
  return [
    {
      name: 'X-Mock-Session',
      in: 'header',
      required: false,
      description: 'mfa-sandbox control, not a vendor header: the isolated session this request runs in (default `default`).',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
      'x-sandbox-control': true,
    },
    {
      name: 'Prefer',
      in: 'header',
      required: false,
      description:
        'mfa-sandbox control, not a vendor header: `scenario=<name>`, `code=<status>`, `example=<name>`, ' +
        `\`latency=<ms>\` or \`latency=<min>-<max>\`, \`fault=${FAULT_KINDS.join('|')}\`; comma-separated.`,
      schema: { type: 'string' },
      examples: Object.fromEntries([
        ['none', { summary: 'no preference', value: '' }],
        ...scenarios.map((name) => [name, { summary: `scenario ${name}`, value: `scenario=${name}` }]),
      ]),
      'x-sandbox-control': true,
    },
  ];
}

function hasParameter(item: PathItemObject, name: string): boolean {
  const all = [item.parameters ?? [], ...Object.values(item).flatMap((operation) => (operation && typeof operation === 'object' && 'parameters' in operation ? [operation.parameters ?? []] : []))];
  return all.flat().some((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === name.toLowerCase());
}

/**
 * The document the docs UI shows for one surface: the spec as written, with one server (the running prefix, relative
 * to the docs page's host, so "try it out" calls the mock itself) and the sandbox's control headers on every path.
 * Pure and copy-on-write: the loaded spec is never mutated.
 *
 * @example
 * toDocsDocument(spec.document, '/flashback', ['default', 'org-enforced']).servers // [{ url: '/flashback', ... }]
 */
export function toDocsDocument(document: OpenApiDocument, prefix: string, scenarios: readonly string[]): OpenApiDocument {
  const controls = toControlParameters(scenarios);
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const missing = controls.filter((control) => !hasParameter(item, control.name));
      return [path, { ...item, parameters: [...missing, ...(item.parameters ?? [])] }];
    }),
  );
  return {
    ...document,
    servers: [{ url: prefix || '/', description: `this mfa-sandbox (${SESSION_HEADER} and Prefer pick the session and scenario)` }],
    paths,
  };
}
