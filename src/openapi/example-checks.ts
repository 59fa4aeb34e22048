import { toPointerToken } from '../engine/json-pointer.js';
import { createOperationValidators } from './schema-validators.js';
import type { RouteDefinition } from './to-route-definitions.js';

/** A problem with a spec's response examples, where in the spec it is (a JSON pointer to the example, or to the response that lacks one). */
export interface ExampleProblem {
  pointer: string;
  message: string;
}

/** The JSON pointer of a route's response for a status: `/paths/~1mfa~1status/get/responses/200`. */
function responsePointer(route: RouteDefinition, status: number): string {
  return `/paths/${toPointerToken(route.path)}/${route.method}/responses/${status}`;
}

/** The JSON pointer of one named example of a response (the sandbox reads application/json's). */
function examplePointer(route: RouteDefinition, status: number, name: string): string {
  return `${responsePointer(route, status)}/content/application~1json/examples/${toPointerToken(name)}`;
}

/**
 * Every named response example that its own schema refuses. The sandbox answers with these examples (Prefer, overrides,
 * the handlers' documented errors) and checks every answer against the spec, so such an example could only ever come
 * out as a 500 `MOCK_ERR_RESPONSE_INVALID`: a spec given with --specs is refused for it at start, check and reload.
 *
 * @example
 * toInvalidExamples(routes) // [{ pointer: '/paths/~1mfa~1status/get/responses/500/content/application~1json/examples/busy', message: 'getMFAStatus 500 example "busy": / must have required property \'error\'' }]
 */
export function toInvalidExamples(routes: readonly RouteDefinition[]): ExampleProblem[] {
  const problems: ExampleProblem[] = [];
  for (const route of routes) {
    const validators = createOperationValidators(route);
    for (const [status, response] of route.responses) {
      for (const [name, value] of response.examples) {
        const violations = validators.validateResponse(status, value);
        if (violations.length > 0)
          problems.push({
            pointer: examplePointer(route, status, name),
            message: `${route.operationId} ${status} example "${name}": ${violations.join('; ')}`,
          });
      }
    }
  }
  return problems;
}

/**
 * The shipped spec's named response examples that an edited copy of it lacks. The surfaces' handlers answer their
 * documented errors with the shipped spec's examples by name (Lerian `Error1003`, Flashback `mfaVerificationFailed`),
 * and the shipped scenarios pick them too, so a copy that renamed or removed one failed only when a request reached it
 * (a 500 `MOCK_ERR_INTERNAL`). An operation the copy lacks is left to the handler check, which names it already.
 *
 * @example
 * toMissingShippedExamples(editedRoutes, shippedRoutes)
 * // [{ pointer: '/paths/~1mfa~1verify-login/post/responses/400', message: 'verifyMFALogin 400 has no example "mfaVerificationFailed", ...' }]
 */
export function toMissingShippedExamples(routes: readonly RouteDefinition[], shippedRoutes: readonly RouteDefinition[]): ExampleProblem[] {
  const byOperation = new Map(routes.map((route) => [route.operationId, route]));
  const problems: ExampleProblem[] = [];
  for (const shipped of shippedRoutes) {
    const route = byOperation.get(shipped.operationId);
    if (!route) continue;
    for (const [status, response] of shipped.responses) {
      const kept = route.responses.get(status)?.examples;
      const missing = [...response.examples.keys()].filter((name) => !kept?.has(name));
      if (missing.length === 0) continue;
      const names = missing.map((name) => `"${name}"`).join(', ');
      problems.push({
        pointer: responsePointer(route, status),
        message:
          `${route.operationId} ${status} has no example ${names}, which the shipped spec names: the sandbox answers with its ` +
          `examples by name, so keep each name (edit its value, or add examples beside it)` +
          (kept?.size ? `; this spec's ${status} examples: ${[...kept.keys()].join(', ')}` : `; this spec declares no ${status} examples`),
      });
    }
  }
  return problems;
}
