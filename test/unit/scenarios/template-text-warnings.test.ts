import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioOverride } from '../../../src/engine/scenario.js';
import { toTemplateTextWarnings } from '../../../src/scenarios/template-text-warnings.js';
import { loadSandboxDefinition } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';

const withOverrides = (...overrides: ScenarioOverride[]): Scenario => ({
  name: 'mail-down',
  surface: 'flashback',
  description: 'x',
  world: {},
  overrides,
  file: 'flashback/mail-down.yaml',
});
const catalogueOf = (scenario: Scenario) => new Map([[scenario.surface, new Map([[scenario.name, scenario]])]]);

describe('scenario overrides whose texts hold a template expression', () => {
  it('are none of the shipped scenarios', async () => {
    const { catalogue } = await loadSandboxDefinition(DEFAULT_CONFIG);
    expect(toTemplateTextWarnings(catalogue)).toEqual([]);
  });

  it('are named at each text, in a body at any depth and in headers, with what the sandbox does instead', () => {
    const warnings = toTemplateTextWarnings(
      catalogueOf(
        withOverrides(
          { operationId: 'sendMagicLink', status: 500, body: { success: false, error: 'Mail to {{request.body.email}} failed' } },
          { operationId: 'getMFAStatus', status: 200, body: { success: true, data: { methods: ['{{randomValue type="UUID"}}'] } }, headers: { 'Retry-After': '{{now}}' } },
        ),
      ),
    );
    expect(warnings.map((warning) => `${warning.pointer} ${warning.reason.split(':')[0]}`)).toEqual([
      '/overrides/0/body/error "{{request.body.email}}" is sent as written',
      '/overrides/1/body/data/methods/0 "{{randomValue type=\\"UUID\\"}}" is sent as written',
      '/overrides/1/headers/Retry-After "{{now}}" is sent as written',
    ]);
    expect(warnings[0]!.reason).toContain("the sandbox fills no templates (WireMock's response templating)");
  });

  it('leave braces that are no template alone', () => {
    const scenario = withOverrides({ operationId: 'sendMagicLink', status: 500, body: { success: false, error: 'set {a} or {{ }' } });
    expect(toTemplateTextWarnings(catalogueOf(scenario))).toEqual([]);
  });
});
