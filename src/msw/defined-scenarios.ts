import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { OpenApiDocument } from '../openapi/openapi-types.js';
import { toRouteDefinitions } from '../openapi/to-route-definitions.js';
import { checkEachScenario, checkSoundParts } from '../scenarios/check-scenarios.js';
import { toCredentialLessWarnings } from '../scenarios/credential-less-warnings.js';
import { toIgnoredFieldWarnings } from '../scenarios/ignored-field-warnings.js';
import { toTemplateTextWarnings } from '../scenarios/template-text-warnings.js';
import { toTokenUserWarnings } from '../scenarios/token-user-warnings.js';
import { toUnknownTokenWarnings } from '../scenarios/unknown-token-warnings.js';
import { toDefinedScenarios } from '../scenarios/scenario-definitions.js';
import { throwIfProblems } from '../scenarios/scenario-problems.js';

/**
 * The shipped scenarios with those the caller gives as objects (`createMfaHandlers({ scenarios })`), checked as
 * `mfa-sandbox check` checks files: their shape, then against each surface's spec. Every problem at once, as
 * ScenarioProblems; with the warnings a start would print (a shipped scenario replaced, a setting the surface never
 * reads, a world no request can sign in to).
 */
export function withDefinedScenarios(
  shipped: ScenarioCatalogue,
  specs: ReadonlyMap<string, { api: OpenApiDocument }>,
  definitions: unknown,
): { catalogue: ScenarioCatalogue; warnings: string[] } {
  const { scenarios: defined, problems, soundParts } = toDefinedScenarios(definitions, 'scenarios');
  const surfaces = new Set([...defined, ...soundParts.map((part) => part.scenario)].map((scenario) => scenario.surface));
  const routes = new Map([...surfaces].map((surface) => [surface, toRouteDefinitions(specs.get(surface)!.api)]));
  // In the order a start lists a file's: its shape, then the spec's word on what is sound.
  throwIfProblems([...problems, ...checkEachScenario(defined, routes), ...checkSoundParts(soundParts, routes)]);
  const catalogue = new Map([...shipped].map(([surface, scenarios]) => [surface, new Map(scenarios)]));
  const own = new Map<string, Map<string, Scenario>>();
  const warnings: string[] = [];
  for (const scenario of defined) {
    if (shipped.get(scenario.surface)?.has(scenario.name)) {
      warnings.push(`${scenario.file} replaces the shipped ${scenario.surface} scenario "${scenario.name}"; give it another name to keep both`);
    }
    catalogue.get(scenario.surface)!.set(scenario.name, scenario);
    (own.get(scenario.surface) ?? own.set(scenario.surface, new Map()).get(scenario.surface)!).set(scenario.name, scenario);
  }
  return {
    catalogue,
    warnings: [
      ...warnings,
      ...[
        ...toIgnoredFieldWarnings(own),
        ...toCredentialLessWarnings(own),
        ...toUnknownTokenWarnings(own),
        ...toTemplateTextWarnings(own),
        ...toTokenUserWarnings(own),
      ].map((warning) => warning.message),
    ],
  };
}
