import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { toClosestBranchErrors } from './closest-branch-errors.js';
import type { JsonSchema } from './openapi-types.js';
import type { RouteDefinition } from './to-route-definitions.js';

// ajv-formats is CommonJS with `exports.default`: a default import is that whole module.exports object under Node
// (NodeNext) and either it or its `default` under a bundler; the plugin is `.default` of both, since the plugin function
// carries itself as `default`. (Ajv2020 is a named export that every loader resolves alike.)
const addFormats = ajvFormats.default;

/** Where in the request a problem was found; vendors phrase path, query and body errors differently. */
export type RequestLocation = 'path' | 'query' | 'body';

/** One thing wrong with a request, in terms a vendor error mapper can use. */
export interface RequestProblem {
  location: RequestLocation;
  /** `refused`: the vendor's body parser refused the body before reading it (with `status`: 413, 415). */
  kind: 'missing' | 'unexpected' | 'invalid' | 'malformed' | 'refused';
  /** For a refused body, the status its parser answers. */
  status?: number;
  /** Dotted field name (`mfaType`, `credential.response`), absent for the whole body. */
  field: string | undefined;
  message: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `type`...); absent for a body that could not be read. */
  keyword?: string;
  /** Where in the request, as a JSON pointer (`/body/mfaType`, `/query/userId`, `/path/id`). */
  pointer?: string;
  /** What the schema asks for at that place, in a few words (`one of A, B`, `string`, `minLength 6`). */
  expected?: string;
}

/**
 * The ajv a route's validators are compiled with: `coerce` for path and query parameters (text that the schema may
 * read as numbers or booleans, with defaults filled in), not for bodies. `source` keeps each validator's code, so the
 * build can write it out ahead of time (see snapshots/write-standalone-validators.ts).
 */
export function createAjv(coerce: boolean, validateSchema = true, source = false) {
  // strict: false because OpenAPI adds keywords (example, x-*) that are not JSON Schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce, useDefaults: coerce, validateSchema, code: { source } });
  addFormats(ajv);
  return ajv;
}

/**
 * Each compiles the JSON Schema meta-schema on first use (tens of ms), to check every schema it is given. Made on first
 * use too: a built server whose specs are in the build snapshot never needs them.
 */
let uncheckedAjv: { request: ReturnType<typeof createAjv>; body: ReturnType<typeof createAjv> } | undefined;
const schemaCheckingAjv = () => (uncheckedAjv ??= { request: createAjv(true), body: createAjv(false) });

/**
 * For specs whose every schema the build already checked against the meta-schema (checkRouteSchemas, stored in the
 * build snapshot), so a built server's first request does not compile the meta-schema again. Made on first use.
 */
let checkedAjv: { request: ReturnType<typeof createAjv>; body: ReturnType<typeof createAjv> } | undefined;
const schemaCheckedAjv = () => (checkedAjv ??= { request: createAjv(true, false), body: createAjv(false, false) });

/**
 * A route's validators as the build compiled them ahead of time (ajv standalone code, with the options createAjv sets),
 * by the part of the exchange each checks; responses by status. A part without a schema has none.
 */
export interface PrecompiledRouteValidators {
  params?: ValidateFunction;
  query?: ValidateFunction;
  body?: ValidateFunction;
  responses: Record<string, ValidateFunction | undefined>;
}

/** A spec's precompiled validators: those of the route with this operationId (undefined for an unknown one). */
export type PrecompiledValidators = (operationId: string) => PrecompiledRouteValidators | undefined;

/** The schemas a route's validators compile: path parameters, query, request body and every response body. */
function routeSchemas(route: RouteDefinition): JsonSchema[] {
  const schemas = [route.params, route.query, route.body?.schema, ...[...route.responses.values()].map((response) => response.schema)];
  return schemas.filter((schema): schema is JsonSchema => schema !== undefined);
}

/**
 * Check every schema of a route against the JSON Schema meta-schema, as compiling them would; the first problem, in
 * ajv's words, or undefined when all are valid. The build runs this so a snapshot can vouch for a spec's schemas.
 */
export function checkRouteSchemas(route: RouteDefinition): string | undefined {
  for (const schema of routeSchemas(route)) {
    const { body } = schemaCheckingAjv();
    if (!body.validateSchema(schema)) return `${route.operationId}: schema is invalid: ${body.errorsText(body.errors)}`;
  }
  return undefined;
}

function toField(error: ErrorObject): string | undefined {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path.length ? path.join('.') : undefined;
}

function toMessage(error: ErrorObject, field: string | undefined): string {
  const subject = field ?? 'body';
  switch (error.keyword) {
    case 'required':
      return `${subject} is a required field`;
    case 'additionalProperties':
      return `${subject} is not an allowed field`;
    case 'enum':
      return `${subject} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${subject} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * A query parameter sent more than once (`?userId=a&userId=b`) reaches the schema as a list, which ajv calls the wrong
 * type ("userId must be string"): say it was given twice instead.
 */
function toRepeatedParameter(problem: RequestProblem, query: unknown): RequestProblem {
  const value = problem.keyword === 'type' && problem.field !== undefined ? (query as Record<string, unknown> | undefined)?.[problem.field] : undefined;
  if (!Array.isArray(value)) return problem;
  return { ...problem, message: `${problem.field} is given ${value.length} times; send it once` };
}

/** RFC 6901: `~` and `/` inside a name are escaped. */
function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The schema's demand behind an error, as short text (ajv's params: allowedValues, type, limit, pattern...). */
function toExpected(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'const':
      return JSON.stringify(params.allowedValue);
    case 'required':
      return `a value for ${String(params.missingProperty)}`;
    case 'additionalProperties':
      return 'no such field';
    default:
      return error.message ?? error.keyword;
  }
}

/** Turn ajv errors into request problems; for `oneOf`/`anyOf` noise only the most specific errors are kept. */
export function toRequestProblems(location: RequestLocation, errors: ErrorObject[] | null | undefined): RequestProblem[] {
  const relevant = (errors ?? []).filter((error) => !['oneOf', 'anyOf', 'if'].includes(error.keyword));
  return relevant.map((error) => {
    const field = toField(error);
    const kind = error.keyword === 'required' ? 'missing' : error.keyword === 'additionalProperties' ? 'unexpected' : 'invalid';
    const pointer = `/${location}${field === undefined ? '' : `/${field.split('.').map(escapePointerToken).join('/')}`}`;
    return { location, kind, field, message: toMessage(error, field), keyword: error.keyword, pointer, expected: toExpected(error) };
  });
}

/**
 * ajv's errors as lines, each at its JSON pointer; a field the schema does not allow is named (ajv's message says only
 * "must NOT have additional properties", once per field).
 *
 * @example
 * describeErrors(validate.errors) // ["/ must have required property 'error'", '/ must NOT have additional properties: message', '/success must be equal to constant (true)']
 */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return toClosestBranchErrors(errors ?? []).map((error) => {
    // ajv's "must be equal to constant" and "must be equal to one of the allowed values" name no value to write.
    const extra =
      error.keyword === 'additionalProperties'
        ? `: ${String(error.params.additionalProperty)}`
        : error.keyword === 'const' || error.keyword === 'enum'
          ? ` (${toExpected(error)})`
          : '';
    return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${extra}`;
  });
}

/** Validators for one operation, compiled on first use so start-up stays fast. */
export interface OperationValidators {
  validateRequest(part: { params: unknown; query: unknown; body: unknown; hasBody: boolean }): RequestProblem[];
  /** Problems with a response (undeclared status or a body its schema rejects); empty when valid. */
  validateResponse(status: number, body: unknown): string[];
}

function lazily(compile: () => ValidateFunction | undefined): () => ValidateFunction | undefined {
  let compiled: ValidateFunction | undefined;
  let done = false;
  return () => {
    if (!done) {
      compiled = compile();
      done = true;
    }
    return compiled;
  };
}

function compileWith(ajv: () => ReturnType<typeof createAjv>, schema: JsonSchema | undefined, precompiled: () => ValidateFunction | undefined) {
  return lazily(() => (schema ? (precompiled() ?? ajv().compile(schema)) : undefined));
}

/**
 * Compile (lazily) the request and response validators of one route.
 *
 * @example
 * const validators = createOperationValidators(route);
 * validators.validateResponse(200, { success: true }) // [] or ['/data must have required property ...']
 *
 * `schemasChecked`: every schema of the route already passed checkRouteSchemas (a spec from the build snapshot).
 * `precompiled`: the build's validators of this route, read on first use; what it lacks is compiled here.
 */
export function createOperationValidators(
  route: RouteDefinition,
  options: { schemasChecked?: boolean; precompiled?: () => PrecompiledRouteValidators | undefined } = {},
): OperationValidators {
  // The ajv instances too are made on first use: until a request comes, a route costs nothing.
  const ajv = options.schemasChecked ? schemaCheckedAjv : schemaCheckingAjv;
  const requestAjv = () => ajv().request;
  const bodyAjv = () => ajv().body;
  const built = options.precompiled ?? (() => undefined);
  const params = compileWith(requestAjv, route.params, () => built()?.params);
  const query = compileWith(requestAjv, route.query, () => built()?.query);
  const body = compileWith(bodyAjv, route.body?.schema, () => built()?.body);
  const responses = new Map(
    [...route.responses].map(([status, response]) => [status, compileWith(bodyAjv, response.schema, () => built()?.responses[String(status)])]),
  );

  return {
    validateRequest(request) {
      const problems: RequestProblem[] = [];
      const checkParams = params();
      if (checkParams && !checkParams(request.params ?? {})) problems.push(...toRequestProblems('path', checkParams.errors));
      const checkQuery = query();
      if (checkQuery && !checkQuery(request.query ?? {}))
        problems.push(...toRequestProblems('query', checkQuery.errors).map((problem) => toRepeatedParameter(problem, request.query)));
      const checkBody = body();
      if (route.body && !request.hasBody) {
        if (route.body.required)
          problems.push({
            location: 'body',
            kind: 'missing',
            field: undefined,
            message: 'a JSON request body is required',
            keyword: 'required',
            pointer: '/body',
          });
      } else if (checkBody && !checkBody(request.body)) {
        problems.push(...toRequestProblems('body', checkBody.errors));
      }
      return problems;
    },
    validateResponse(status, payload) {
      const compiled = responses.get(status);
      if (!compiled) return [`status ${status} is not declared for ${route.operationId}`];
      const check = compiled();
      if (!check) return payload === undefined ? [] : [`status ${status} of ${route.operationId} declares no body`];
      return check(payload) ? [] : describeErrors(check.errors);
    },
  };
}
