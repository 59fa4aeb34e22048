import { WORLD_LIMITS } from './world-limits.js';
import type { Explanation } from './explanation.js';
import { findMagicLink } from './magic-links.js';
import type { User, World } from './world.js';

/** How a test finds the links a session sent (the admin API's outbox search). */
const whereLinksAre = (sessionId: string) =>
  `the token of a fresh link from the outbox (GET /__admin/sessions/${encodeURIComponent(sessionId)}/outbox?contains=link)`;

/**
 * Why a magic-link token was refused (unknown, already followed, expired, or sent to someone else), read from the
 * world after the refusal, which changed nothing. The token itself is test data, so the explanation repeats it.
 *
 * @example
 * explainMagicLinkRefusal(world, token, call.nowMs, { sessionId: call.sessionId })
 * // { rule: 'magic-link', message: 'this magic link expired at 2026-01-01T09:15:00.000Z; the session's time is ...', ... }
 */
export function explainMagicLinkRefusal(world: World, token: string, nowMs: number, context: { sessionId: string; signingIn?: User }): Explanation {
  const { sessionId, signingIn } = context;
  const link = findMagicLink(world, token);
  const kept = Object.keys(world.magicLinks).length;
  if (!link) {
    // A world keeps its newest links only: at the limit, this may be one sent before them.
    const which = kept >= WORLD_LIMITS.magicLinks ? `the newest ${kept} kept` : `${kept} sent`;
    return {
      rule: 'magic-link',
      message: `no magic link with this token was sent in this session's world, or it is older than its newest ${WORLD_LIMITS.magicLinks} (${which} in scenario ${world.scenario})`,
      received: token,
      wouldPass: whereLinksAre(sessionId),
    };
  }
  if (link.used)
    return {
      rule: 'magic-link',
      message: 'this magic link was already used (followed, or redeemed by a sign-in): a link works once',
      received: token,
      wouldPass: `send a new link, then use ${whereLinksAre(sessionId)}`,
    };
  if (Date.parse(link.expiresAt) <= nowMs) {
    return {
      rule: 'magic-link',
      message: `this magic link expired at ${link.expiresAt}; the session's time is ${new Date(nowMs).toISOString()}`,
      expected: `a link valid until after ${new Date(nowMs).toISOString()}`,
      received: token,
      wouldPass: `send a new link, then use ${whereLinksAre(sessionId)}`,
    };
  }
  if (signingIn && link.userId !== signingIn.id) {
    return {
      rule: 'magic-link',
      message: `this magic link was sent to user ${link.userId}, not to ${signingIn.id} who is signing in`,
      received: token,
      wouldPass: `a link sent to ${signingIn.id}`,
    };
  }
  return { rule: 'magic-link', message: 'the user of this magic link no longer exists or is inactive', received: token };
}
