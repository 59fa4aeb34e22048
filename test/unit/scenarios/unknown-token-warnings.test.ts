import { describe, expect, it } from 'vitest';
import type { Scenario, ScenarioOverride } from '../../../src/engine/scenario.js';
import { toUnknownTokenWarnings } from '../../../src/scenarios/unknown-token-warnings.js';
import { loadSandboxDefinition } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';

const ADA = { id: 'usr_ada', email: 'ada@example.com', token: 'flashback-token-ada' };
const scenario = (surface: string, world: Scenario['world'], overrides: ScenarioOverride[]): Scenario => ({
  name: 'x',
  surface,
  description: 'x',
  world,
  overrides,
  file: `${surface}/x.yaml`,
});
const catalogueOf = (...scenarios: Scenario[]) => new Map(scenarios.map((one) => [one.surface, new Map([[one.name, one]])]));
const keyedOn = (authorization: string, name = 'Authorization'): ScenarioOverride => ({ operationId: '*', status: 500, when: { headers: { [name]: authorization } } });

describe('scenario overrides keyed on a bearer token the world never issued', () => {
  it('are none of the shipped scenarios', async () => {
    const { catalogue } = await loadSandboxDefinition(DEFAULT_CONFIG);
    expect(toUnknownTokenWarnings(catalogue)).toEqual([]);
  });

  it('are named with their file and pointer, the tokens the world has, and what to do (a copy of one-user-fails without Bob)', () => {
    const warnings = toUnknownTokenWarnings(
      catalogueOf(scenario('flashback', { users: [ADA] }, [keyedOn('Bearer flashback-token-ada'), keyedOn('bearer flashback-token-bob', 'authorization')])),
    );
    expect(warnings.map((warning) => warning.message)).toEqual([
      'flashback/x.yaml#/overrides/1/when/headers/authorization: "bearer flashback-token-bob" is no token of this scenario\'s world ' +
        '(its tokens: flashback-token-ada), so a request with it is refused as unknown credentials before any override is tried ' +
        'and this one never answers: give the world a user with that token (users[].token, or world.tokens), or key the override on a token it has',
    ]);
  });

  it("take the world's extra tokens and its generated users' (up to their number) as issued", () => {
    const world: Scenario['world'] = { users: [ADA], tokens: { 'token-of-nobody': 'usr_gone' }, generate: { users: 3, seed: 1 } };
    const overrides = ['Bearer token-of-nobody', 'Bearer lerian-token-gen-3', 'Bearer lerian-token-gen-4', 'Bearer lerian-token-gen-03'].map((value) => keyedOn(value));
    const warnings = toUnknownTokenWarnings(catalogueOf(scenario('lerian', world, overrides)));
    expect(warnings.map((warning) => warning.message.split(':')[0])).toEqual(['lerian/x.yaml#/overrides/2/when/headers/Authorization', 'lerian/x.yaml#/overrides/3/when/headers/Authorization']);
  });

  it('leave nest-auth (its tokens are issued at sign-in), GenAuth (signed requests) and headers other than a bearer token alone', () => {
    const warnings = toUnknownTokenWarnings(
      catalogueOf(
        scenario('nest-auth', { users: [ADA] }, [keyedOn('Bearer eyJhbGciOi.issued.at-login')]),
        scenario('genauth', { accessKeys: [{ id: 'k', secret: 's' }] }, [keyedOn('Bearer anything')]),
        scenario('flashback', { users: [ADA] }, [keyedOn('Basic dXNlcjpwYXNz'), keyedOn('Bearer flashback-token-bob', 'X-Token')]),
      ),
    );
    expect(warnings).toEqual([]);
  });
});
