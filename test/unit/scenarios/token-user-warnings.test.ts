import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/engine/scenario.js';
import { toTokenUserWarnings } from '../../../src/scenarios/token-user-warnings.js';
import { loadSandboxDefinition } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';

const DANA = { id: 'usr_dana', email: 'dana@example.com', token: 'flashback-token-dana' };
const withWorld = (world: Scenario['world']): Scenario => ({ name: 'dana', surface: 'flashback', description: 'x', world, overrides: [], file: 'flashback/dana.yaml' });
const warningsOf = (world: Scenario['world']) =>
  toTokenUserWarnings(new Map([['flashback', new Map([['dana', withWorld(world)]])]])).map((warning) => warning.message);

describe("world.tokens naming a user a typo away from one of the world's", () => {
  it('are none of the shipped scenarios (their ghost users are far from every real one)', async () => {
    const { catalogue } = await loadSandboxDefinition(DEFAULT_CONFIG);
    expect(toTokenUserWarnings(catalogue)).toEqual([]);
  });

  it('are named with the user meant; a second token of a real user, and a ghost no user is close to, are not', () => {
    const world = { users: [DANA], tokens: { 'flashback-token-dana2': 'usr_dnaa', 'flashback-token-dana3': 'usr_dana', 'flashback-token-ghost': 'usr_deleted' } };
    expect(warningsOf(world)).toEqual([
      'flashback/dana.yaml#/world/tokens/flashback-token-dana2: user "usr_dnaa" is no user of this world (did you mean "usr_dana"?), so this token ' +
        "answers as a deleted user's (the vendor's answer for a user that does not exist); if that is meant, name a user id no user is close to",
    ]);
  });

  it('leave a world with generated users alone (their ids are not in the file)', () => {
    expect(warningsOf({ users: [DANA], tokens: { t: 'usr_dnaa' }, generate: { users: 3, seed: 1 } })).toEqual([]);
  });
});
