import { editDistance } from '../engine/edit-distance.js';
import type { Explanation, NearMiss } from '../engine/explanation.js';

/**
 * The operations closest to a request no operation matched, as WireMock lists near misses: the right path with another
 * method, the right path without its surface's prefix, or a path one typo away. Pure, so the server's not-found
 * handler and the MSW handlers give the same answer.
 */

/** One operation where a transport mounts it. */
export interface MountedOperation {
  surface: string;
  operationId: string;
  /** Upper case. */
  method: string;
  /** The path template with the mount prefix, e.g. `/flashback/users/{id}/mfa`. */
  path: string;
  /** The mount prefix (`/flashback`, or `` for a surface served at `/`). */
  prefix: string;
}

/** How many near misses are named: enough to spot the right one, few enough to read in a header. */
export const NEAR_MISSES_SHOWN = 3;
/** A candidate this far off (in segment edits) is no near miss. */
const MAX_DISTANCE = 1;
/** Cost of a different method on top of the path's distance, and of a missing prefix. */
const METHOD_COST = 0.5;
const PREFIX_COST = 0.5;

function toSegments(path: string): string[] {
  return path.split('?')[0]!.split('/').filter(Boolean);
}

/**
 * A sent segment longer than this is no typo of a template's (vendor path words are a few dozen characters at most):
 * it costs a whole segment without comparing its characters, which a client could otherwise make take seconds.
 */
const MAX_COMPARED_SEGMENT = 64;

/** 0 for a segment the template takes (its own text, or any text for a `{param}`), up to 1 for a different word. */
function segmentCost(sent: string, template: string): number {
  if (sent === template || (template.startsWith('{') && template.endsWith('}'))) return 0;
  if (sent.length > MAX_COMPARED_SEGMENT) return 1;
  return editDistance(sent.toLowerCase(), template.toLowerCase()) / Math.max(sent.length, template.length);
}

/**
 * Levenshtein distance over segments: a missing or extra segment costs 1, a misspelt one its share of typos. Paths
 * whose segment counts differ by more than MAX_DISTANCE are at least that far apart, so they are not compared: a 15 KB
 * path of 7,500 one-letter segments took 1.7 s of CPU per request against every operation.
 */
function pathDistance(sent: readonly string[], template: readonly string[]): number {
  if (Math.abs(sent.length - template.length) > MAX_DISTANCE) return Infinity;
  let previous = Array.from({ length: template.length + 1 }, (_, index) => index);
  for (let i = 1; i <= sent.length; i++) {
    const current = [i];
    for (let j = 1; j <= template.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + segmentCost(sent[i - 1]!, template[j - 1]!));
    }
    previous = current;
  }
  return previous[template.length]!;
}

/** The cost of a path whose words are the template's in another order or split (`totp/verify-setup`). */
const SHUFFLED_WORDS_COST = 0.5;

/** A path's words, sorted (`/auth/mfa/verify-totp-setup` → `auth mfa setup totp verify`); undefined for one with parameters. */
function toWordsKey(segments: readonly string[]): string | undefined {
  if (segments.some((segment) => segment.includes('{'))) return undefined;
  return segments
    .flatMap((segment) => segment.toLowerCase().split(/[-_.]/))
    .filter(Boolean)
    .sort()
    .join(' ');
}

/**
 * The distance of a path to a template, or, when the typo distance is too far, SHUFFLED_WORDS_COST for a path with
 * the template's words in another order or another split (`/auth/mfa/totp/verify-setup` for
 * `/auth/mfa/verify-totp-setup`): a word-for-word guess at a route, which no typo count catches.
 */
function toDistance(sent: readonly string[], template: readonly string[]): number {
  const distance = pathDistance(sent, template);
  if (distance <= MAX_DISTANCE || sent.length > template.length + 2) return distance;
  const templateWords = toWordsKey(template);
  return templateWords !== undefined && templateWords === toWordsKey(sent) ? Math.min(distance, SHUFFLED_WORDS_COST) : distance;
}

/**
 * The closest operations to `method path` (best first, at most NEAR_MISSES_SHOWN), each with why it is near.
 *
 * @example
 * findNearMisses(operations, 'GET', '/flashback/mfa/staus')
 * // [{ method: 'GET', path: '/flashback/mfa/status', surface: 'flashback', operationId: 'getMFAStatus', why: 'path' }]
 */
export function findNearMisses(operations: readonly MountedOperation[], method: string, path: string): NearMiss[] {
  const sent = toSegments(path);
  const verb = method.toUpperCase();
  const scored = operations.map((operation) => {
    const full = toDistance(sent, toSegments(operation.path));
    const bareDistance = operation.prefix ? toDistance(sent, toSegments(operation.path.slice(operation.prefix.length))) : Infinity;
    const bare = bareDistance + PREFIX_COST;
    const sameMethod = operation.method === verb;
    // Same segments and method (a trailing or doubled slash) is a path near miss, not a method one.
    const why: NearMiss['why'] = bare < full ? 'prefix' : full === 0 && !sameMethod ? 'method' : 'path';
    return { operation, why, exactPath: full === 0 || bareDistance === 0, score: Math.min(full, bare) + (sameMethod ? 0 : METHOD_COST) };
  });
  // The very path (with or without its surface prefix) comes first, whatever its method: a typo in the path, even one
  // letter, is the less likely mistake when the path names an operation exactly.
  const rank = (candidate: (typeof scored)[number]) => (candidate.exactPath ? 0 : 1);
  return scored
    .filter(({ score }) => score <= MAX_DISTANCE)
    .sort((a, b) => rank(a) - rank(b) || a.score - b.score)
    .slice(0, NEAR_MISSES_SHOWN)
    .map(({ operation, why }) => ({ method: operation.method, path: operation.path, surface: operation.surface, operationId: operation.operationId, why }));
}

/**
 * The explanation of a request no operation matched: its near misses, in the words of the first. `sessionPrefix` is
 * the `/s/<session>/` part a server's router took off the URL before matching: the near misses are named under it, as
 * the client would send them.
 */
export function explainUnknownRoute(
  operations: readonly MountedOperation[],
  method: string,
  path: string,
  sessionPrefix = '',
): Explanation & { nearMisses: NearMiss[] } {
  const nearMisses = findNearMisses(operations, method, path).map((nearMiss) => ({ ...nearMiss, path: `${sessionPrefix}${nearMiss.path}` }));
  const best = nearMisses[0];
  const closest = best ? `; closest: ${best.method} ${best.path} (${best.operationId})` : '';
  const explanation: Explanation & { nearMisses: NearMiss[] } = {
    rule: 'unknown-route',
    message: `no operation is ${method.toUpperCase()} ${sessionPrefix}${path.split('?')[0]}${closest}`,
    nearMisses,
  };
  if (best) explanation.wouldPass = `${best.method} ${best.path}`;
  return explanation;
}
