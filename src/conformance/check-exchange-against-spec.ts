import type { ErrorObject, ValidateFunction } from 'ajv';
import { mediaTypeOf } from '../openapi/media-type.js';
import { createAjv } from '../openapi/schema-validators.js';
import { HTTP_METHODS, type JsonSchema, type OpenApiDocument, type ResponseObject } from '../openapi/openapi-types.js';

/**
 * Check one HTTP exchange (say, a real vendor's answer) against a surface's spec: which operation it is, whether the
 * status is documented, whether the content type and the body are what that status declares. A vendor change shows up
 * here even where the sandbox has no opinion.
 */

/** A request as sent; `path` is relative to the spec's paths (no upstream base path), with or without a query. */
export interface ExchangeRequest {
  method: string;
  path: string;
  headers?: Readonly<Record<string, string | undefined>>;
  body?: unknown;
}

/** An answer as received; `body` parsed from JSON when it was JSON, else its text (undefined when empty). */
export interface ExchangeResponse {
  status: number;
  headers?: Readonly<Record<string, string | undefined>>;
  body?: unknown;
}

export type SpecViolationKind = 'unknown-operation' | 'undocumented-status' | 'content-type' | 'schema';

export interface SpecViolation {
  kind: SpecViolationKind;
  message: string;
  /** For `schema`: where in the body (JSON pointer, `''` for the body itself) and the JSON Schema keyword that failed. */
  pointer?: string;
  keyword?: string;
}

export interface ExchangeCheck {
  /** The operation the request matched, if any. */
  operationId: string | undefined;
  violations: SpecViolation[];
  /** The body schema declared for this status and content type (to classify the answer's fields), if any. */
  responseSchema?: JsonSchema;
}

export type ExchangeChecker = (request: ExchangeRequest, response: ExchangeResponse) => ExchangeCheck;

interface Operation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments rank before parameters: `/devices/current` before `/devices/{id}`. */
  parameters: number;
  responses: Record<string, ResponseObject>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The requests of a spec path, loosely: with a trailing slash and in any letter case, as Express routes them (nest-auth
 * answers `GET /Auth/MFA/Status/` as its status). A real vendor's router decides what is an operation; matching loosely
 * names the operation a request meant, and the check then judges the vendor's answer to it against that operation.
 */
function toPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${source}/?$`, 'i');
}

function toOperations(api: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(api.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        operationId: operation.operationId ?? `${method} ${template}`,
        method: method.toUpperCase(),
        template,
        pattern: toPattern(template),
        parameters: (template.match(/\{/g) ?? []).length,
        responses: operation.responses ?? {},
      });
    }
  }
  return operations.sort((a, b) => a.parameters - b.parameters);
}

/** The operationId of a request (its path relative to the spec's, a query ignored); undefined when the spec has none. */
export type OperationMatcher = (request: Pick<ExchangeRequest, 'method' | 'path'>) => string | undefined;

function matcherOf(operations: readonly Operation[]) {
  return (request: Pick<ExchangeRequest, 'method' | 'path'>): Operation | undefined => {
    const path = request.path.split('?')[0]!;
    const method = request.method.toUpperCase();
    return operations.find((candidate) => candidate.method === method && candidate.pattern.test(path));
  };
}

/**
 * Name the operation a request is for, from the request alone: for an exchange with no answer of the upstream to
 * check (the proxy's own 502 or 504), which still belongs to its operation.
 *
 * @example
 * createOperationMatcher(spec.api)({ method: 'GET', path: '/auth/mfa/status' }) // 'getMfaStatus'
 */
export function createOperationMatcher(api: OpenApiDocument): OperationMatcher {
  const match = matcherOf(toOperations(api));
  return (request) => match(request)?.operationId;
}

function headerOf(headers: ExchangeResponse['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** The declared response of a status: exact, then its range (`4XX`), then `default`. */
function declaredResponse(responses: Record<string, ResponseObject>, status: number): ResponseObject | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

function toSchemaViolation(error: ErrorObject): SpecViolation {
  let pointer = error.instancePath;
  if (error.keyword === 'required') pointer += `/${String(error.params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') pointer += `/${String(error.params.additionalProperty)}`;
  return { kind: 'schema', pointer, keyword: error.keyword, message: `${pointer || '(body)'} ${error.message ?? 'is invalid'}` };
}

/**
 * Compile a checker for a dereferenced spec (validators compiled once per response on first use).
 *
 * @example
 * const check = createExchangeChecker(spec.api);
 * check({ method: 'GET', path: '/auth/mfa/status' }, { status: 200, headers: { 'content-type': 'application/json' }, body: {} })
 * // { operationId: 'getMfaStatus', violations: [{ kind: 'schema', pointer: '/isEnabled', keyword: 'required', ... }, ...] }
 */
export function createExchangeChecker(api: OpenApiDocument): ExchangeChecker {
  const match = matcherOf(toOperations(api));
  const ajv = createAjv(false);
  const validators = new Map<JsonSchema, ValidateFunction>();
  const validatorOf = (schema: JsonSchema) => {
    let validate = validators.get(schema);
    if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };

  return (request, response) => {
    const operation = match(request);
    if (!operation) {
      const message = `${request.method.toUpperCase()} ${request.path.split('?')[0]!} is no operation of the spec`;
      return { operationId: undefined, violations: [{ kind: 'unknown-operation', message }] };
    }
    const declared = declaredResponse(operation.responses, response.status);
    if (!declared) {
      const documented = Object.keys(operation.responses).join(', ');
      return {
        operationId: operation.operationId,
        violations: [
          { kind: 'undocumented-status', message: `status ${response.status} is not documented for ${operation.operationId} (documented: ${documented})` },
        ],
      };
    }
    const content = declared.content ?? {};
    const hasBody = response.body !== undefined && response.body !== '';
    if (Object.keys(content).length === 0) {
      const violations: SpecViolation[] = hasBody
        ? [{ kind: 'schema', pointer: '', keyword: 'body', message: `status ${response.status} of ${operation.operationId} declares no body, but one came` }]
        : [];
      return { operationId: operation.operationId, violations };
    }
    const mediaType = mediaTypeOf(headerOf(response.headers, 'content-type'));
    const media = mediaType === undefined ? undefined : content[mediaType];
    if (!media) {
      return {
        operationId: operation.operationId,
        responseSchema: Object.values(content)[0]?.schema,
        violations: [
          {
            kind: 'content-type',
            message: `content type ${mediaType ?? '(none)'} is not declared for status ${response.status} of ${operation.operationId} (declared: ${Object.keys(content).join(', ')})`,
          },
        ],
      };
    }
    if (!media.schema) return { operationId: operation.operationId, violations: [] };
    const validate = validatorOf(media.schema);
    const errors = validate(response.body) ? [] : (validate.errors ?? []).filter((error) => !['oneOf', 'anyOf', 'if'].includes(error.keyword));
    return { operationId: operation.operationId, violations: errors.map(toSchemaViolation), responseSchema: media.schema };
  };
}
