import type { Explanation } from '../engine/explanation.js';
import type { World } from '../engine/world.js';
import type { OperationCall, SurfaceBehaviour } from './surface-behaviour.js';

/** Where a token the request's world refused was issued: another world of the session, and whether it holds there. */
export interface TokenHolder {
  world: World;
  token: string;
  userId: string;
  /** The surface's authentication accepts the token in that world (not ended, expired or refused there too). */
  accepted: boolean;
}

/**
 * A session keeps a world per scenario it ran in (`<surface>/<scenario>`): an app that signed in before QA switched
 * the session's scenario, or that sends one request with `Prefer: scenario=`, presents a token of another world. Finds
 * the one that issued it, for a surface whose credentials are such tokens (`SurfaceBehaviour.presentedToken`).
 *
 * @example
 * findTokenHolder(nestAuthSurface, call, session.worlds)
 * // { world: <nest-auth/default>, token: 'eyJ...', userId: '4b3c9c9c-...', accepted: true }
 */
export function findTokenHolder(behaviour: SurfaceBehaviour, call: OperationCall, worlds: Record<string, World>): TokenHolder | undefined {
  const token = behaviour.presentedToken?.(call);
  // A token this world knows (a scenario's own, signed out here) was refused for what this world did to it.
  if (token === undefined || Object.hasOwn(call.world.tokens, token) || Object.hasOwn(call.world.signedOutTokens ?? {}, token)) return undefined;
  for (const world of Object.values(worlds)) {
    if (world === call.world || world.surface !== behaviour.id || !Object.hasOwn(world.tokens, token)) continue;
    // A refusal path only: a copy of the call (the request's own stays on its world) costs nothing measured.
    const accepted = behaviour.authenticate({ ...call, world }).ok;
    return { world, token, userId: world.tokens[token]!, accepted };
  }
  return undefined;
}

/** Why a token of another world of the session was refused in this one, and what passes instead. */
export function toOtherWorldExplanation(holder: TokenHolder, current: World, sessionId: string): Explanation {
  const issuedIn = holder.world.scenario;
  return {
    rule: 'authentication',
    message:
      `the token was issued in this session's world of scenario ${issuedIn} (user ${holder.userId}); this request runs in ` +
      `scenario ${current.scenario}, whose world has its own users and tokens`,
    received: holder.token,
    wouldPass:
      `a token of scenario ${current.scenario}: sign in again in it, or use one of its own (GET /__admin/sessions/${sessionId} lists them). ` +
      `To make an app signed in under ${issuedIn} get an error, script it there: Prefer: code=<status>, an override ` +
      `(POST /__admin/sessions/${sessionId}/overrides), or a scenario whose overrides answer every call (server-error), which answers its tokens too`,
  };
}
