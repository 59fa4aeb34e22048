import type { RouteDefinition } from '../openapi/to-route-definitions.js';

/**
 * The named examples that answer `status` inside a declared response's envelope: GenAuth answers its errors (a 500
 * too) as HTTP 200 bodies with `statusCode`, so `Prefer: code=500` has no 500 to pick there, and the example is what a
 * user asking for one wants to hear of. Read from the spec's examples, not from a list of names kept here.
 *
 * @example
 * envelopedExamples(getUserMfaStatusRoute, 500) // ['serverError']
 */
export function envelopedExamples(route: RouteDefinition, status: number): string[] {
  const names: string[] = [];
  for (const response of route.responses.values()) {
    for (const [name, body] of response.examples) {
      if (typeof body === 'object' && body !== null && (body as { statusCode?: unknown }).statusCode === status) names.push(name);
    }
  }
  return names;
}

/** What to say after "declares no <status> response" when the spec has the status inside an envelope, else ''. */
export function toEnvelopedHint(route: RouteDefinition, status: number, how: (example: string) => string): string {
  const names = envelopedExamples(route, status);
  if (names.length === 0) return '';
  return `; the vendor answers a ${status} inside its HTTP 200 envelope (statusCode ${status}): ${names.map(how).join(' or ')}`;
}
