import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { SurfaceId } from '../surfaces/registry.js';
import type { SpecProblem } from './check-pact-against-spec.js';
import { PROVIDER_STATES, resolveProviderState } from './provider-states.js';
import { toProvidedValues } from './set-up-provider-state.js';

/**
 * `fromProviderState('${name}', example)` expressions that none of their interaction's provider states provides. The
 * Pact verifier then sends the example value (a stale `123456` for a TOTP code), and the interaction fails with a
 * status mismatch that says nothing of why, or passes without testing what it says; this says which name is missing
 * and what the states do provide. Each fails its interaction, beside the spec check's errors (a state the sandbox does
 * not know is reported by the verification itself).
 *
 * @example
 * checkProviderStateExpressions(pact.json, 'flashback')
 * // [{ code: 'provider-state.expression.unknown', message: '${totpKode}: ... provide totpCode, recoveryCode ...', ... }]
 */
export function checkProviderStateExpressions(pact: unknown, surface: SurfaceId, catalogue?: ScenarioCatalogue): SpecProblem[] {
  const interactions = (pact as { interactions?: unknown }).interactions;
  if (!Array.isArray(interactions)) return [];
  return interactions.flatMap((interaction: unknown, index) => {
    const names = new Set<string>();
    collectExpressionNames(interaction, names);
    if (names.size === 0) return [];
    const provided = providedBy(interaction, surface, catalogue);
    if (provided === undefined) return [];
    const description = (interaction as { description?: unknown }).description;
    return [...names]
      .filter((name) => !provided.has(name))
      .map((name) => ({
        code: 'provider-state.expression.unknown',
        message: `fromProviderState \${${name}}: its provider states provide ${provided.size > 0 ? [...provided].join(', ') : 'no values'}, so the verifier sent the example value instead (${whoProvides(name)})`,
        interaction: typeof description === 'string' ? description : undefined,
        location: `[root].interactions[${index}]`,
      }));
  });
}

/** Which states hand out a value of this name, or that none does (then it is a typo). */
function whoProvides(name: string): string {
  const states = PROVIDER_STATES.filter((definition) => definition.provides.includes(name)).map((definition) => `"${definition.sentence}"`);
  return states.length > 0 ? `${name} comes with ${states.join(', ')}` : 'the sandbox provides every value it knows: a name it lacks is a typo';
}

const EXPRESSION_NAME = /\$\{([^}]+)\}/g;

/** Every `${name}` of the ProviderState generators anywhere in an interaction (request and response, V3 and V4). */
function collectExpressionNames(value: unknown, names: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectExpressionNames(item, names);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const node = value as { type?: unknown; expression?: unknown };
  if (node.type === 'ProviderState' && typeof node.expression === 'string') {
    // `${name}` inside a template, or the bare key alone (`totpCode`), as Pact takes both.
    const templated = [...node.expression.matchAll(EXPRESSION_NAME)].map((match) => match[1]!.trim());
    for (const name of templated.length > 0 ? templated : [node.expression.trim()]) names.add(name);
  }
  for (const child of Object.values(value)) collectExpressionNames(child, names);
}

/** What an interaction's provider states hand to expressions; undefined when one of them is unknown (reported elsewhere). */
function providedBy(interaction: unknown, surface: SurfaceId, catalogue: ScenarioCatalogue | undefined): Set<string> | undefined {
  const raw = interaction as { providerState?: unknown; providerStates?: unknown };
  const states: Array<{ name: string; params: Record<string, unknown> }> =
    typeof raw.providerState === 'string'
      ? [{ name: raw.providerState, params: {} }]
      : Array.isArray(raw.providerStates)
        ? raw.providerStates.flatMap((state: { name?: unknown; params?: unknown }) =>
            typeof state?.name === 'string' ? [{ name: state.name, params: (state.params as Record<string, unknown> | undefined) ?? {} }] : [],
          )
        : [];
  const provided = new Set<string>();
  for (const state of states) {
    try {
      for (const name of toProvidedValues(resolveProviderState(state.name, state.params, surface), surface, catalogue)) provided.add(name);
    } catch {
      return undefined;
    }
  }
  return provided;
}
