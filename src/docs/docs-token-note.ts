import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { OpenApiDocument } from '../openapi/openapi-types.js';

/** How many of the start scenario's tokens the note names: enough to see the pattern (Ada's, Bob's), not a list. */
const NAMED_TOKENS = 3;

/**
 * The bearer tokens of the server's start scenario (else `default`) for a surface, as a docs page's Authorize dialog
 * can take them: a QA on the docs page alone was never told which token to enter (a tour).
 *
 * @example
 * toDocsTokens(catalogue, 'flashback', 'default') // ['flashback-token-ada', 'flashback-token-bob']
 */
export function toDocsTokens(catalogue: ScenarioCatalogue, surface: string, startScenario: string): string[] {
  const scenarios = catalogue.get(surface);
  const scenario = scenarios?.get(startScenario) ?? scenarios?.get('default');
  const users = scenario?.world.users ?? [];
  return users.flatMap((user) => (user.token ? [user.token] : [])).slice(0, NAMED_TOKENS);
}

/**
 * The docs copy with each HTTP bearer scheme's description ending in the tokens this sandbox takes, as the GenAuth
 * page's scheme names the access key it signs with.
 *
 * @example
 * withTokenNote(document, ['flashback-token-ada']).components.securitySchemes['flashback.bearerAuth'].description
 * // '... **In this sandbox** enter a token a scenario gives its users: `flashback-token-ada` ...'
 */
export function withTokenNote(document: OpenApiDocument, tokens: readonly string[]): OpenApiDocument {
  if (tokens.length === 0) return document;
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, { type?: string; scheme?: string; description?: string }>;
  const note =
    `\n\n**In this sandbox** enter a token a scenario gives its users: ${tokens.map((token) => `\`${token}\``).join(', ')} ` +
    '(the QA console lists each user of a session with its token).';
  const described = Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => [
      name,
      scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer' ? { ...scheme, description: `${scheme.description ?? ''}${note}` } : scheme,
    ]),
  );
  return { ...document, components: { ...document.components, securitySchemes: described } };
}
