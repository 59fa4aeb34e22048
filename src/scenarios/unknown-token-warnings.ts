import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { toPointerToken } from '../engine/json-pointer.js';
import { toGeneratedToken } from '../engine/generated-users.js';
import { isSurfaceId, toSurface } from '../surfaces/registry.js';
import { ScenarioError } from './scenario-problems.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * A warning for each scenario override keyed on a bearer token its world never issued (`when: {headers:
 * {Authorization: Bearer flashback-token-bob}}` in a world without Bob, as a copy of the shipped one-user-fails with
 * Bob taken out has it): a request with that token is refused as unknown credentials before any override is tried, so
 * the override never answers (a scenario author's tour: `check --strict` passed it). Only where the world's tokens are
 * all there are: a vendor that signs users in with a password (nest-auth) issues its bearer tokens then, and one that
 * signs requests (GenAuth) takes none. A warning, as other overrides no request fits are problems only where the spec
 * alone tells (check-override-conditions.ts); `check --strict` fails on it.
 *
 * @example
 * toUnknownTokenWarnings(catalogue).map((warning) => warning.message)
 * // ['/me/flashback/bob-fails.yaml#/overrides/0/when/headers/Authorization: "Bearer flashback-token-bob" is no token of this world ...']
 */
export function toUnknownTokenWarnings(catalogue: ScenarioCatalogue): ScenarioError[] {
  return [...catalogue.values()].flatMap((scenarios) => [...scenarios.values()].flatMap(unknownTokenWarnings));
}

function unknownTokenWarnings(scenario: Scenario): ScenarioError[] {
  if (!isSurfaceId(scenario.surface)) return [];
  const surface = toSurface(scenario.surface);
  if (surface.requestSigning !== undefined || surface.defaultPassword !== undefined) return [];
  const tokens = namedTokens(scenario);
  const generated = scenario.world.generate?.users ?? 0;
  const issued = (token: string) => tokens.has(token) || isGeneratedToken(token, scenario.surface, generated);
  const file = scenario.file ?? `${scenario.surface}/${scenario.name}.yaml`;
  const warnings: ScenarioError[] = [];
  scenario.overrides.forEach((override, index) => {
    for (const [name, value] of Object.entries(override.when?.headers ?? {})) {
      const token = name.toLowerCase() === 'authorization' ? BEARER.exec(value)?.[1] : undefined;
      if (token === undefined || issued(token)) continue;
      const named = [...tokens].slice(0, 3);
      const known = named.length === 0 ? 'it has none' : `its tokens: ${named.join(', ')}${tokens.size > named.length ? ', ...' : ''}`;
      warnings.push(
        new ScenarioError(
          file,
          `/overrides/${index}/when/headers/${toPointerToken(name)}`,
          `"${value}" is no token of this scenario's world (${known}), so a request with it is refused as unknown credentials ` +
            'before any override is tried and this one never answers: give the world a user with that token (users[].token, ' +
            'or world.tokens), or key the override on a token it has',
        ),
      );
    }
  });
  return warnings;
}

/**
 * The bearer tokens the scenario's world names: its users', its extra ones. Read of scenarios that have problems too
 * (their warnings are shown with the problems), so anything but a list of users or a map of tokens counts as none.
 */
function namedTokens(scenario: Scenario): Set<string> {
  const { users, tokens } = scenario.world as { users?: unknown; tokens?: unknown };
  const named = new Set<string>();
  for (const user of Array.isArray(users) ? (users as unknown[]) : []) {
    const token = typeof user === 'object' && user !== null ? (user as { token?: unknown }).token : undefined;
    if (typeof token === 'string') named.add(token);
  }
  if (typeof tokens === 'object' && tokens !== null) for (const token of Object.keys(tokens)) named.add(token);
  return named;
}

/** Whether `token` is the token of one of the `count` generated users (`<surface>-token-gen-<n>`, n from 1). */
function isGeneratedToken(token: string, surface: string, count: number): boolean {
  const prefix = toGeneratedToken(surface, 0).slice(0, -1);
  if (!token.startsWith(prefix)) return false;
  const n = Number(token.slice(prefix.length));
  return Number.isInteger(n) && n >= 1 && n <= count && toGeneratedToken(surface, n) === token;
}
