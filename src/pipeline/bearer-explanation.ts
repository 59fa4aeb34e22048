import type { Explanation } from '../engine/explanation.js';
import type { World } from '../engine/world.js';

/** How many of the world's tokens an explanation names: enough to copy one, not the whole session. */
const TOKENS_SHOWN = 3;

/**
 * Why a bearer token was refused, naming tokens of the session's world that would pass. The tokens are the sandbox's
 * own test credentials (scenario files and the admin API show them too), never a vendor's.
 *
 * @example
 * explainBearerRefusal(call.world, undefined)
 * // { rule: 'authentication', message: 'no bearer token in Authorization', wouldPass: 'Authorization: Bearer flashback-token-ada (user usr_ada)', ... }
 */
export function explainBearerRefusal(world: World, token: string | undefined): Explanation {
  const known = Object.entries(world.tokens).filter(([, userId]) => world.users[userId] !== undefined);
  const examples = known.slice(0, TOKENS_SHOWN).map(([candidate, userId]) => `Authorization: Bearer ${candidate} (user ${userId})`);
  const explanation: Explanation = {
    rule: 'authentication',
    message:
      token === undefined
        ? 'no bearer token: the Authorization header is missing or not "Bearer <token>"'
        : `bearer token ${token} is not a token of this session's world (scenario ${world.scenario})`,
    expected: `a bearer token of the scenario ${world.scenario} (${known.length} known)`,
  };
  if (token !== undefined) explanation.received = token;
  if (examples.length > 0) explanation.wouldPass = examples.join(' or ');
  return explanation;
}
