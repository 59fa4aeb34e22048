import { toPointerToken } from '../engine/json-pointer.js';
import { editDistance, toDidYouMean } from '../engine/edit-distance.js';
import { CONDITION_PARTS, type OverrideConditions } from '../engine/override-conditions.js';
import type { RouteDefinition } from '../openapi/to-route-definitions.js';
import type { OverrideProblem } from './check-override.js';
import { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN, MAX_HEADER_VALUE_LENGTH } from './check-override-headers.js';

const MAX_CONDITION_VALUES = 20;

const textValues = (what: string) => ({
  type: 'object',
  minProperties: 1,
  maxProperties: MAX_CONDITION_VALUES,
  description: what,
  additionalProperties: { type: 'string' },
});

/** JSON Schema of an override's `when` (scenario files; the admin API's shape check below says the same in words). */
export const WHEN_SCHEMA = {
  description:
    'Answer only the requests that fit every part given (without when, every request of the operation): params, ' +
    'query and headers exactly (header names in any letter case), body as JSON the request body contains.',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    params: textValues('Path parameters as the URL has them, e.g. {id: usr_01} for Lerian /v1/users/{id}/mfa.'),
    query: textValues('Query parameters, e.g. {userId: 6229ff...} for GenAuth get-mfa-status.'),
    headers: {
      ...textValues('Request headers, e.g. {Authorization: Bearer <token>} to answer one user.'),
      propertyNames: { pattern: HEADER_NAME_PATTERN },
      additionalProperties: { type: 'string', maxLength: MAX_HEADER_VALUE_LENGTH, pattern: HEADER_VALUE_PATTERN },
    },
    body: { description: 'JSON the request body must contain: every field given, recursively (arrays and other values whole), e.g. {code: "000000"}.' },
  },
} as const;

const nameTest = new RegExp(HEADER_NAME_PATTERN);
const headerValueTest = new RegExp(HEADER_VALUE_PATTERN);

/** How an override was written: a scenario file (YAML) or a request to the admin API (JSON). */
export type OverrideSyntax = 'yaml' | 'json';

/** The shape problems of a posted override's `when`, pointers relative to the override. */
export function conditionShapeProblems(when: unknown): OverrideProblem[] {
  const example = 'e.g. {"headers": {"Authorization": "Bearer <token>"}}';
  if (typeof when !== 'object' || when === null || Array.isArray(when))
    return [{ pointer: '/when', reason: `must be an object of params, query, headers and/or body, ${example}` }];
  const parts = Object.entries(when);
  if (parts.length === 0) return [{ pointer: '/when', reason: `give at least one of params, query, headers, body (or leave when out), ${example}` }];
  const problems: OverrideProblem[] = [];
  for (const [part, values] of parts) {
    const pointer = `/when/${toPointerToken(part)}`;
    if (!(CONDITION_PARTS as readonly string[]).includes(part))
      problems.push({ pointer, reason: `unknown field "${part}"${toDidYouMean(part, CONDITION_PARTS)}` });
    else if (part !== 'body') problems.push(...textValueProblems(values, pointer, part === 'headers'));
  }
  return problems;
}

function textValueProblems(values: unknown, pointer: string, areHeaders: boolean): OverrideProblem[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values))
    return [{ pointer, reason: 'must be an object of names and their values (strings)' }];
  const entries = Object.entries(values);
  if (entries.length === 0) return [{ pointer, reason: 'give at least one name (or leave it out)' }];
  if (entries.length > MAX_CONDITION_VALUES) return [{ pointer, reason: `at most ${MAX_CONDITION_VALUES} names` }];
  const problems: OverrideProblem[] = [];
  for (const [name, value] of entries) {
    const at = `${pointer}/${toPointerToken(name)}`;
    if (areHeaders && !nameTest.test(name)) problems.push({ pointer: at, reason: "not a header name (letters, digits and !#$%&'*+.^_`|~-)" });
    if (typeof value === 'number' || typeof value === 'boolean')
      problems.push({ pointer: at, reason: `must be a string (write numbers in quotes: "${String(value)}")` });
    else if (typeof value !== 'string') problems.push({ pointer: at, reason: 'must be a string' });
    // As WHEN_SCHEMA says for scenario files: Node reads a header's bytes as Latin-1 (é arrives as Ã©), so a value
    // outside one line of ASCII, or longer than the headers a server takes, fits no request.
    else if (areHeaders && (value.length > MAX_HEADER_VALUE_LENGTH || !headerValueTest.test(value)))
      problems.push({ pointer: at, reason: `must be one line of ASCII text, at most ${MAX_HEADER_VALUE_LENGTH} characters: no request's header could fit it` });
  }
  return problems;
}

/**
 * What only the spec can say is wrong with a `when`: a path or query parameter the operation does not have (for `*`,
 * none of the surface's has), a body condition on an operation that takes none. Such an override would never answer.
 *
 * @example
 * checkConditionsAgainstRoutes({ query: { userID: 'u-1' } }, [getUserMfaStatus], 'getUserMfaStatus')
 * // [{ pointer: '/when/query/userID', reason: 'getUserMfaStatus has no query parameter "userID", so no request would fit (did you mean "userId"?); it has userId, userIdType' }]
 */
export function checkConditionsAgainstRoutes(
  when: OverrideConditions,
  targets: readonly RouteDefinition[],
  operationId: string,
  surface: string,
  writtenIn: OverrideSyntax = 'json',
): OverrideProblem[] {
  const every = operationId === '*';
  const problems: OverrideProblem[] = [];
  for (const part of ['params', 'query'] as const) {
    const kind = part === 'params' ? 'path parameter' : 'query parameter';
    const declared = new Set(targets.flatMap((route) => Object.keys(route[part]?.properties ?? {})));
    for (const name of Object.keys(when[part] ?? {})) {
      if (declared.has(name)) continue;
      const missing = every ? `no ${surface} operation has a ${kind} "${name}"` : `${operationId} has no ${kind} "${name}"`;
      const known =
        declared.size > 0
          ? `${toDidYouMean(name, declared)}; ${every ? 'they have' : 'it has'} ${[...declared].join(', ')}`
          : ` (${every ? 'they have' : 'it has'} none)`;
      problems.push({ pointer: `/when/${part}/${toPointerToken(name)}`, reason: `${missing}, so no request would fit${known}` });
    }
  }
  problems.push(...headerConditionProblems(when.headers, [...COMMON_REQUEST_HEADERS, ...targets.flatMap((route) => route.headers)]));
  if (when.body !== undefined && targets.every((route) => route.body === undefined)) {
    const missing = every ? `no ${surface} operation takes a request body` : `${operationId} takes no request body`;
    problems.push({ pointer: '/when/body', reason: `${missing}, so no request would fit` });
  } else if (when.body !== undefined && !every) {
    problems.push(...bodyConditionProblems(when.body, targets[0]!.body!.schema, operationId, writtenIn));
  }
  return problems;
}

/** Headers a client of any surface may send, beside those an operation's spec names (its parameters, credentials). */
const COMMON_REQUEST_HEADERS = ['Accept', 'Accept-Language', 'Authorization', 'Content-Type', 'Cookie', 'Origin', 'Referer', 'User-Agent'];

/**
 * Header conditions no request can fit: one name twice in different letter case (a request has one value of it), a
 * value with a space at either end (Node trims those from what it received), and a misspelt name (`Authorisation`):
 * only a client with the same typo would send it.
 */
function headerConditionProblems(headers: Readonly<Record<string, string>> | undefined, known: readonly string[]): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    const pointer = `/when/headers/${toPointerToken(name)}`;
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) problems.push({ pointer, reason: `${name} is ${earlier} again (header names are read in any letter case): give it once` });
    seen.set(name.toLowerCase(), name);
    const meant = misspeltHeader(name, known);
    if (meant !== undefined)
      problems.push({
        pointer,
        reason: `"${name}" looks like a misspelling of "${meant}": only a request with the same typo would fit (did you mean "${meant}"?)`,
      });
    if (value !== value.trim()) problems.push({ pointer, reason: 'a request header never starts or ends with a space (they are trimmed): leave them out' });
  }
  return problems;
}

/**
 * The known header `name` is a typo of (as the spec or the HTTP standard writes it), if any; letter case aside.
 * Stricter than other "did you mean"s, as any header name is a client's to send: one edit for a short name, two for a
 * longer one, so a custom `X-Origin` is not taken for `Origin`.
 *
 * @example
 * misspeltHeader('authorisation', ['Authorization']) // 'Authorization'
 * misspeltHeader('X-Client', ['Authorization']) // undefined
 */
function misspeltHeader(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  if (known.some((candidate) => candidate.toLowerCase() === lower)) return undefined;
  const allowed = lower.length <= 8 ? 1 : 2;
  return known.find((candidate) => editDistance(candidate.toLowerCase(), lower) <= allowed);
}

/**
 * Body conditions the operation's request body could never hold, field by field, into the objects whose fields the schema names: a field the schema
 * refuses (or a typo of one it has), a value of another type than the field's (YAML reads `code: 000000` as the
 * number 0, which no request's `"000000"` equals; JSON's `"code": 123456` is no text either), and a `when.body` that
 * is no object where the body is one.
 */
function bodyConditionProblems(body: unknown, schema: Record<string, unknown>, operationId: string, writtenIn: OverrideSyntax): OverrideProblem[] {
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (properties === undefined) return [];
  if (!isObject(body)) {
    return [{ pointer: '/when/body', reason: `must be an object of ${operationId}'s body fields, e.g. {"${Object.keys(properties)[0]}": ...}` }];
  }
  return fieldProblems(body, schema, { operationId, writtenIn, pointer: '/when/body', within: undefined });
}

/** Where in an operation's request body a `when.body` object is being checked. */
interface BodyPlace {
  operationId: string;
  writtenIn: OverrideSyntax;
  pointer: string;
  /** The fields leading there (`credential.response`); undefined at the top of the body. */
  within: string | undefined;
}

/** A property's schema as these checks read it: its type(s), and for an object its own fields. */
interface PropertySchema {
  type?: unknown;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
}

/**
 * The problems of each field of `body` against the object schema at its place, and of the objects inside it, as
 * deep as the schema names their fields (a QA tour's `{"credential": {"idd": "x"}}` was taken, and fitted nothing).
 */
function fieldProblems(body: Record<string, unknown>, schema: PropertySchema, place: BodyPlace): OverrideProblem[] {
  const properties = schema.properties as Record<string, PropertySchema>;
  const fields = Object.keys(properties);
  const inBody = `${place.within === undefined ? '' : `${place.within} of `}${place.operationId}'s request body`;
  const problems: OverrideProblem[] = [];
  for (const [field, value] of Object.entries(body)) {
    const pointer = `${place.pointer}/${toPointerToken(field)}`;
    const property = properties[field];
    if (property === undefined) {
      const meant = toDidYouMean(field, fields);
      // An extra field is the client's to send where the vendor ignores them (Flashback, nest-auth): only a typo is wrong there.
      if (schema.additionalProperties === false || meant !== '')
        problems.push({ pointer, reason: `${inBody} has no field "${field}", so no request would fit${meant}; its fields: ${fields.join(', ')}` });
      continue;
    }
    const types = toTypes(property.type);
    if (types !== undefined && !types.some((type) => isOfType(value, type))) {
      const quoted = types.includes('string') && (typeof value === 'number' || typeof value === 'boolean');
      // A JSON client wrote the number itself; a YAML author may have written `000000`, which YAML reads as 0.
      const hint = !quoted
        ? ''
        : place.writtenIn === 'yaml'
          ? ` (YAML reads ${JSON.stringify(value)} unquoted as a ${typeof value}: write it in quotes)`
          : ` (${JSON.stringify(value)} is a ${typeof value}: write it in quotes, "${String(value)}")`;
      problems.push({ pointer, reason: `must be ${types.map(withArticle).join(' or ')}, as ${field} is in ${inBody}${hint}` });
    } else if (isObject(value) && property.properties !== undefined) {
      problems.push(...fieldProblems(value, property, { ...place, pointer, within: place.within === undefined ? field : `${place.within}.${field}` }));
    }
  }
  return problems;
}

/** A schema's `type` as a list (`["boolean", "null"]` for a nullable flag); undefined when it names none. */
function toTypes(type: unknown): string[] | undefined {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) && type.every((one) => typeof one === 'string') ? type : undefined;
}

function withArticle(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isOfType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
  if (type === 'null') return value === null;
  return typeof value === type;
}
