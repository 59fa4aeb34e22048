import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/engine/scenario.js';
import { toCredentialLessWarnings } from '../../../src/scenarios/credential-less-warnings.js';
import { loadSandboxDefinition } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';

const scenario = (surface: string, world: Scenario['world']): Scenario => ({ name: 'x', surface, description: 'x', world, overrides: [], file: `${surface}/x.yaml` });
const catalogueOf = (...scenarios: Scenario[]) => new Map(scenarios.map((one) => [one.surface, new Map([[one.name, one]])]));
const AFTER = (surface: string) =>
  `before anything else, the scenario's overrides included (a scenario's world is its own, never the default's: copy what you need from the shipped scenarios/${surface}/default.yaml)`;

const messagesOf = (warnings: readonly Error[]) => warnings.map((warning) => warning.message);

describe('scenarios whose world lets no request in', () => {
  it('are none of the shipped scenarios of any surface', async () => {
    const { catalogue } = await loadSandboxDefinition(DEFAULT_CONFIG);
    expect(toCredentialLessWarnings(catalogue)).toEqual([]);
  });

  it('are named with their file: no user, token or generated users; on GenAuth, whose requests are signed, no access key', () => {
    const warnings = toCredentialLessWarnings(
      catalogueOf(scenario('flashback', {}), scenario('genauth', { users: [{ id: 'u', email: 'u@example.com' }] })),
    );
    expect(messagesOf(warnings)).toEqual([
      `flashback/x.yaml#/world: no user, token or generated users, so every flashback request that needs one is refused ${AFTER('flashback')}`,
      `genauth/x.yaml#/world: no accessKeys, so every signed genauth request is refused (its signature cannot be checked) ${AFTER('genauth')}`,
    ]);
  });

  it('are not those with a user, a token alone (a user who is missing), generated users or, on GenAuth, an access key', () => {
    const warnings = toCredentialLessWarnings(
      catalogueOf(
        scenario('flashback', { users: [{ id: 'u', email: 'u@example.com' }] }),
        scenario('nest-auth', { tokens: { 'token-of-nobody': 'usr_gone' } }),
        scenario('lerian', { generate: { users: 10, seed: 1 } }),
        scenario('genauth', { accessKeys: [{ id: 'k', secret: 's' }] }),
      ),
    );
    expect(warnings).toEqual([]);
  });
});
