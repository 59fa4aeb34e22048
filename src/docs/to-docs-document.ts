import { FAULT_KINDS } from '../engine/injected-faults.js';
import { SESSION_ID_PATTERN } from '../engine/session-registry.js';
import { HTTP_METHODS, type OpenApiDocument, type ParameterObject, type PathItemObject } from '../openapi/openapi-types.js';
import { SESSION_HEADER } from '../pipeline/request-context.js';

/** A sandbox control header shown on every operation of the docs UI, so "try it out" can pick a session and scenario. */
type ControlParameter = ParameterObject & { description: string; 'x-sandbox-control': true; examples?: Record<string, { summary: string; value: string }> };

function toControlParameters(scenarios: readonly string[]): ControlParameter[] {
  return [
    {
      name: 'X-Mock-Session',
      in: 'header',
      required: false,
      description: 'mfa-sandbox control, not a vendor header: the isolated session this request runs in (default `default`).',
      schema: { type: 'string', pattern: SESSION_ID_PATTERN.source },
      'x-sandbox-control': true,
    },
    {
      name: 'Prefer',
      in: 'header',
      required: false,
      description:
        'mfa-sandbox control, not a vendor header: `scenario=<name>`, `code=<status>`, `example=<name>`, ' +
        `\`latency=<ms>\` or \`latency=<min>-<max>\`, \`fault=${FAULT_KINDS.join('|')}\`, \`explain\` (why a refusal refused, in the ` +
        '`X-Mock-Explain` response header); comma-separated.',
      schema: { type: 'string' },
      examples: Object.fromEntries([
        ['none', { summary: 'no preference', value: '' }],
        ['prefer-explain', { summary: 'explain a refusal (X-Mock-Explain)', value: 'explain' }],
        ...scenarios.map((name): [string, { summary: string; value: string }] => [name, { summary: `scenario ${name}`, value: `scenario=${name}` }]),
      ]),
      'x-sandbox-control': true,
    },
  ];
}

function hasParameter(item: PathItemObject, name: string): boolean {
  const all = [
    item.parameters ?? [],
    ...Object.values(item).flatMap((operation) =>
      operation && typeof operation === 'object' && 'parameters' in operation ? [operation.parameters ?? []] : [],
    ),
  ];
  return all.flat().some((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === name.toLowerCase());
}

const PARAMETER_REF = '#/components/parameters/';

/**
 * Swagger UI leaves a `$ref` parameter unresolved (a nameless row without its input) in an operation opened through a
 * deep link (`/docs/lerian#/MFA%20API/getMfaStatus`), so "try it out" could not be given Lerian's path id there: the
 * docs copy inlines parameter references (each is a single object; schemas and examples keep their references).
 */
function toInlineParameters(item: PathItemObject, components: Record<string, ParameterObject>): PathItemObject {
  const inline = (parameters: ParameterObject[] | undefined) =>
    parameters?.map((parameter) => {
      const ref = (parameter as { $ref?: string }).$ref;
      return (ref?.startsWith(PARAMETER_REF) && components[ref.slice(PARAMETER_REF.length)]) || parameter;
    });
  const copy: PathItemObject = { ...item };
  if (item.parameters) copy.parameters = inline(item.parameters)!;
  for (const method of HTTP_METHODS) {
    const operation = item[method];
    if (operation?.parameters) copy[method] = { ...operation, parameters: inline(operation.parameters)! };
  }
  return copy;
}

/**
 * The document the docs UI shows for one surface: the spec as written, with the running mock as its servers (the
 * mount prefix, relative to the docs page's host, so "try it out" calls the mock itself; and the same behind
 * `/s/{session}`, the session prefix), the sandbox's control headers on every path and parameter references inlined.
 * Pure and copy-on-write: the loaded spec is never mutated.
 *
 * @example
 * toDocsDocument(spec.document, '/flashback', ['default', 'org-enforced']).servers // [{ url: '/flashback', ... }, { url: '/s/{session}/flashback', ... }]
 */
export function toDocsDocument(document: OpenApiDocument, prefix: string, scenarios: readonly string[]): OpenApiDocument {
  const controls = toControlParameters(scenarios);
  const parameters = (document.components as { parameters?: Record<string, ParameterObject> } | undefined)?.parameters ?? {};
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, written]) => {
      const item = toInlineParameters(written, parameters);
      const missing = controls.filter((control) => !hasParameter(item, control.name));
      return [path, { ...item, parameters: [...missing, ...(item.parameters ?? [])] }];
    }),
  );
  return toSurfaceScopedSchemes({
    ...withoutUnreferencedParameters({ ...document, paths }),
    servers: [
      { url: prefix || '/', description: `this mfa-sandbox (${SESSION_HEADER} and Prefer pick the session and scenario)` },
      {
        url: `/s/{session}${prefix}`,
        description: 'this mfa-sandbox, in the session the URL names (as a vendor SDK given this base URL would call it)',
        variables: { session: { default: 'docs', description: 'the session: 1 to 128 letters, digits, ".", "_", ":" or "-"' } },
      },
    ],
    paths,
  });
}

/**
 * The document without the component parameters nothing refers to any more once the paths' references are inlined:
 * linters (Redocly, Spectral) warn of each unused component, and the copy had a handful per surface.
 */
function withoutUnreferencedParameters(document: OpenApiDocument): OpenApiDocument {
  const components = document.components as { parameters?: Record<string, ParameterObject> } | undefined;
  if (!components?.parameters) return document;
  const elsewhere = JSON.stringify({ ...document, components: { ...components, parameters: undefined } });
  const referenced = new Set([...elsewhere.matchAll(/"#\/components\/parameters\/([^"]+)"/g)].map((match) => match[1]!));
  const parameters = Object.fromEntries(Object.entries(components.parameters).filter(([name]) => referenced.has(name)));
  const { parameters: _all, ...rest } = components;
  return { ...document, components: { ...rest, ...(Object.keys(parameters).length > 0 ? { parameters } : {}) } };
}

type SecurityRequirement = Record<string, string[]>;

/**
 * Swagger UI keeps what was entered under Authorize per scheme name, for every docs page of this origin
 * (`persistAuthorization`): nest-auth and Lerian both name theirs `bearer`, so a token typed on one page was sent by
 * the other. The docs copy prefixes each scheme with its surface (`lerian.bearer`: a component name may hold letters,
 * digits, `.`, `_` and `-` only, and a space made the copy an invalid OpenAPI document), here and in every requirement.
 */
function toSurfaceScopedSchemes(document: OpenApiDocument): OpenApiDocument {
  const surface = (document.info as { 'x-sandbox-surface'?: string })['x-sandbox-surface'];
  const schemes = (document.components as { securitySchemes?: Record<string, unknown> } | undefined)?.securitySchemes;
  if (!surface || !schemes) return document;
  const scoped = (name: string) => `${surface}.${name}`;
  const requirements = (list: SecurityRequirement[] | undefined) =>
    list?.map((requirement) => Object.fromEntries(Object.entries(requirement).map(([name, scopes]) => [scoped(name), scopes])));
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const copy: PathItemObject = { ...item };
      for (const method of HTTP_METHODS) {
        const operation = item[method] as (typeof item)[typeof method] & { security?: SecurityRequirement[] };
        if (operation?.security) copy[method] = { ...operation, security: requirements(operation.security)! };
      }
      return [path, copy];
    }),
  );
  const security = requirements((document as { security?: SecurityRequirement[] }).security);
  return {
    ...document,
    ...(security ? { security } : {}),
    paths,
    components: { ...document.components, securitySchemes: Object.fromEntries(Object.entries(schemes).map(([name, scheme]) => [scoped(name), scheme])) },
  };
}
