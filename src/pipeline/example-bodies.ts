import { namesAlike } from '../engine/edit-distance.js';
import type { RouteDefinition } from '../openapi/to-route-definitions.js';

/**
 * Whether JSON.parse(JSON.stringify(value)) gives back exactly `value` (what node:util's isDeepStrictEqual used to
 * check, without Node): only finite numbers other than -0, strings, booleans, null, dense arrays and plain objects
 * without a toJSON, all the way down.
 */
function isJsonFaithful(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonFaithful(value[i])) return false;
    return Object.keys(value).length === value.length;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) return false;
  return Object.entries(value).every(([key, entry]) => key !== 'toJSON' && isJsonFaithful(entry));
}

/**
 * Each example's JSON text, made on first use; null when JSON would not copy it exactly (NaN, Infinity, undefined).
 * Parsing that text is several times cheaper than structuredClone, and most answers are a copy of an example.
 */
const exampleJson = new WeakMap<object, string | null>();

function freshCopy(example: unknown): unknown {
  if (typeof example !== 'object' || example === null) return example;
  let json = exampleJson.get(example);
  if (json === undefined) {
    json = isJsonFaithful(example) ? JSON.stringify(example) : null;
    exampleJson.set(example, json);
  }
  return json === null ? structuredClone(example) : JSON.parse(json);
}

/**
 * A fresh copy of a spec example of one operation. Without a name, the status's canonical (first) example.
 * A missing example is a bug in a handler or scenario (scenarios are checked at boot), so it throws.
 *
 * @example
 * toExampleBody(route, 403) // { success: false, error: 'Cannot disable MFA when enforced by organization' }
 */
export function toExampleBody(route: RouteDefinition, status: number, name?: string): any {
  const response = route.responses.get(status);
  if (!response) throw new Error(`${route.operationId} declares no ${status} response`);
  const key = name ?? response.canonicalExample;
  if (key === undefined || !response.examples.has(key)) {
    throw new Error(`${route.operationId} ${status} has no example "${key ?? '(canonical)'}"`);
  }
  return freshCopy(response.examples.get(key));
}

/**
 * What to say after `has no <status> example "<name>"`: the status that has it (an error example named without its
 * status, which is then looked for among the 200's), with `howToAsk` for that status and name; else the example a
 * typo away from it (`notEnable` for `notEnabled`), in this status or another; else the examples the status has.
 *
 * @example
 * toExampleHint(getMfaStatus, 'Error1003', 200, (code) => `give "status": ${code} with it`) // ': it is a 404 example, so give "status": 404 with it'
 * toExampleHint(getMfaStatus, 'getStatusEror', 200, (code, name) => `give "status": ${code}`) // ': did you mean "getStatusError", a 500 example? then give "status": 500'
 */
export function toExampleHint(route: RouteDefinition, name: string, status: number, howToAsk: (status: number, example: string) => string): string {
  const elsewhere = statusesWithExample(route, name);
  if (elsewhere.length > 0) return `: it is a ${elsewhere.join(' and ')} example, so ${howToAsk(elsewhere[0]!, name)}`;
  const names = [...(route.responses.get(status)?.examples.keys() ?? [])];
  const listed = names.length > 0 ? `; its ${status} examples: ${names.join(', ')}` : `; it has no named ${status} example`;
  const meant = namesAlike(name, new Set([...route.responses.values()].flatMap((response) => [...response.examples.keys()])));
  if (meant.length !== 1) return listed;
  const [meantName] = meant as [string];
  if (names.includes(meantName)) return ` (did you mean "${meantName}"?)${listed}`;
  const [meantStatus] = statusesWithExample(route, meantName) as [number];
  return `: did you mean "${meantName}", a ${meantStatus} example? then ${howToAsk(meantStatus, meantName)}`;
}

function statusesWithExample(route: RouteDefinition, name: string): number[] {
  return [...route.responses].filter(([, response]) => response.examples.has(name)).map(([code]) => code);
}
