import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { namesAlike, toMeantNames } from '../engine/edit-distance.js';
import { toPointerToken } from '../engine/json-pointer.js';
import { ScenarioError } from './scenario-problems.js';

/**
 * A warning for each `world.tokens` entry whose user is no user of the world but a typo away from one (`usr_dnaa` for
 * `usr_dana`): such a token is meant for a user that does not exist (a deleted user's, answered as the vendor answers
 * it), so `check` passed the typo, and the token answered 401 at run time (a scenario author's tour). A world with
 * generated users is left alone: their ids are not written in the file.
 *
 * @example
 * toTokenUserWarnings(catalogue).map((warning) => warning.message)
 * // ['/me/flashback/dana.yaml#/world/tokens/flashback-token-dana2: user "usr_dnaa" is no user of this world (did you mean "usr_dana"?) ...']
 */
export function toTokenUserWarnings(catalogue: ScenarioCatalogue): ScenarioError[] {
  return [...catalogue.values()].flatMap((scenarios) => [...scenarios.values()].flatMap(tokenUserWarnings));
}

function tokenUserWarnings(scenario: Scenario): ScenarioError[] {
  const { world } = scenario;
  if (world.generate !== undefined) return [];
  const file = scenario.file ?? `${scenario.surface}/${scenario.name}.yaml`;
  const userIds = new Set((world.users ?? []).map((user) => user.id));
  return Object.entries(world.tokens ?? {}).flatMap(([token, userId]) => {
    if (userIds.has(userId)) return [];
    const meant = toMeantNames(namesAlike(userId, userIds));
    if (meant === '') return [];
    return [
      new ScenarioError(
        file,
        `/world/tokens/${toPointerToken(token)}`,
        `user "${userId}" is no user of this world${meant}, so this token answers as a deleted user's (the vendor's ` +
          'answer for a user that does not exist); if that is meant, name a user id no user is close to',
      ),
    ];
  });
}
