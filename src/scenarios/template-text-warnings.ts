import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { toPointerToken } from '../engine/json-pointer.js';
import { ScenarioError } from './scenario-problems.js';

/** `{{request.body.email}}`, `{{now}}`: a Handlebars expression, as WireMock's response templates (and Mockoon's) write them. */
const TEMPLATE_EXPRESSION = /\{\{[^{}]*\}\}/;

/**
 * A warning for each text of an override's body or headers that holds a template expression: the sandbox sends a
 * scripted answer as written, so `"Mail to {{request.body.email}} failed"` went out with its braces, and `check`
 * passed it (a scenario author coming from WireMock). A warning, not a problem: braces are fair text.
 *
 * @example
 * toTemplateTextWarnings(catalogue).map((warning) => warning.message)
 * // ['/me/flashback/mail.yaml#/overrides/0/body/error: "{{request.body.email}}" is sent as written: ...']
 */
export function toTemplateTextWarnings(catalogue: ScenarioCatalogue): ScenarioError[] {
  return [...catalogue.values()].flatMap((scenarios) => [...scenarios.values()].flatMap(templateTextWarnings));
}

function templateTextWarnings(scenario: Scenario): ScenarioError[] {
  const file = scenario.file ?? `${scenario.surface}/${scenario.name}.yaml`;
  return scenario.overrides.flatMap((override, index) =>
    [
      ...templateTexts(override.body, `/overrides/${index}/body`),
      ...templateTexts(override.headers, `/overrides/${index}/headers`),
    ].map(
      ({ pointer, expression }) =>
        new ScenarioError(
          file,
          pointer,
          `${JSON.stringify(expression)} is sent as written: the sandbox fills no templates (WireMock's response ` +
            'templating); write the value itself, or leave the body out and let the operation answer from its state',
        ),
    ),
  );
}

/** Every string under `value` holding a template expression, with its JSON pointer and the first expression in it. */
function templateTexts(value: unknown, pointer: string): Array<{ pointer: string; expression: string }> {
  if (typeof value === 'string') {
    const expression = TEMPLATE_EXPRESSION.exec(value)?.[0];
    return expression === undefined ? [] : [{ pointer, expression }];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => templateTexts(child, `${pointer}/${toPointerToken(key)}`));
}
