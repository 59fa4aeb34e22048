import { containsJson, toSortedJson } from './json-contains.js';

/**
 * Which requests an override answers (WireMock's request matching, in the vendor's own terms): every part given must
 * fit, so `{ headers: { authorization: 'Bearer bob' }, body: { code: '000000' } }` is bob sending that code.
 * Without `when` an override answers every request of its operation.
 */
export interface OverrideConditions {
  /** Path parameters as the URL has them (`{ id: 'usr_01' }` on Lerian's `/v1/users/{id}/mfa`). */
  params?: Record<string, string>;
  /** Query parameters, exactly (one of a repeated parameter's values is enough). */
  query?: Record<string, string>;
  /** Request headers, exactly; names in any letter case (`Authorization: Bearer <token>` picks a user). */
  headers?: Record<string, string>;
  /** JSON the request body must contain: every field given, recursively (arrays and other values whole). */
  body?: unknown;
}

/** The parts of a request an override's `when` looks at, as the router parsed them. */
export interface RequestParts {
  params: unknown;
  query: unknown;
  /** Names in lower case, as Node gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body; anything else (no body, an unreadable one) fits no `when.body`. */
  body: unknown;
  /** Why a body that arrived is not JSON (the parser's words): a miss says so rather than "no body". */
  bodyProblem?: string;
}

/** The parts a `when` may name, in the order messages list them. */
export const CONDITION_PARTS = ['params', 'query', 'headers', 'body'] as const;

/**
 * Whether the request is one the override answers: no `when`, or every part it names fits.
 *
 * @example
 * fitsConditions({ headers: { Authorization: 'Bearer bob' } }, { params: {}, query: {}, headers: { authorization: 'Bearer bob' }, body: undefined }); // true
 */
export function fitsConditions(when: OverrideConditions | undefined, request: RequestParts): boolean {
  if (when === undefined) return true;
  if (when.params !== undefined && !fitsValues(when.params, request.params, false)) return false;
  if (when.query !== undefined && !fitsValues(when.query, request.query, false)) return false;
  if (when.headers !== undefined && !fitsValues(when.headers, request.headers, true)) return false;
  return when.body === undefined || containsJson(request.body, when.body);
}

function fitsValues(wanted: Record<string, string>, actual: unknown, foldNames: boolean): boolean {
  if (actual === null || typeof actual !== 'object') return false;
  const values = actual as Record<string, unknown>;
  for (const name in wanted) {
    const value = values[foldNames ? name.toLowerCase() : name];
    const expected = wanted[name];
    if (Array.isArray(value) ? !value.some((one) => isText(one, expected)) : !isText(value, expected)) return false;
  }
  return true;
}

/** Compared as text, as a URL has them, whatever a parser made of them (a number, a boolean). */
function isText(value: unknown, expected: string | undefined): boolean {
  if (typeof value === 'string') return value === expected;
  return (typeof value === 'number' || typeof value === 'boolean') && String(value) === expected;
}

/**
 * The same conditions written the same way: header names in lower case, keys sorted. Two overrides of one operation
 * with equal keys answer the same requests, so a scenario's second one would never be used.
 */
export function toConditionsKey(when: OverrideConditions | undefined): string {
  if (when === undefined) return '';
  const headers = when.headers && Object.fromEntries(Object.entries(when.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return toSortedJson({ ...when, ...(headers ? { headers } : {}) });
}
