import type { Scenario, ScenarioUser } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { FACTOR_KINDS, type FactorKind } from '../engine/world.js';
import { isSurfaceId, toSurface, type SurfaceId } from '../surfaces/registry.js';
import { ScenarioError } from './scenario-problems.js';

/**
 * A warning for each setting of a scenario that its surface's behaviour never reads (the descriptors'
 * `ignoredWorldFields`: Lerian's `org` and `policy`, `accessKeys` outside GenAuth, ...), with its file and JSON pointer
 * and what to write instead. Warnings, not problems: the README's own scenario example sets `accessKeys` on Flashback
 * to show the field, and files that started before this check would stop a start for a setting that changed nothing.
 *
 * @example
 * toIgnoredFieldWarnings(catalogue).map((warning) => warning.message)
 * // ['/me/lerian/ids.yaml#/world/org: lerian never reads org, so it changes nothing: Lerian has no organisation: ...']
 */
export function toIgnoredFieldWarnings(catalogue: ScenarioCatalogue): ScenarioError[] {
  return [...catalogue.values()].flatMap((scenarios) => [...scenarios.values()].flatMap(ignoredFieldsOf));
}

/** For a surface none of whose operations checks a user's code (GenAuth's management API): nothing counts. */
const LOCKOUT_WITHOUT_CODES =
  "no request of it checks a user's code, so none counts as an attempt: lock the user with QA's lock (PUT /__admin/sessions/{id}/users/{userId}/lock)";

function ignoredFieldsOf(scenario: Scenario): ScenarioError[] {
  if (!isSurfaceId(scenario.surface)) return [];
  const surface = toSurface(scenario.surface);
  const file = scenario.file ?? `${scenario.surface}/${scenario.name}.yaml`;
  const warn = (pointer: string, field: string, instead: string) =>
    new ScenarioError(file, pointer, `${scenario.surface} never reads ${field}, so it changes nothing: ${instead}`);
  const warnings: ScenarioError[] = [];
  if (scenario.lockout !== undefined && !surface.behaviour.toCodeAttempt) warnings.push(warn('/lockout', 'lockout', LOCKOUT_WITHOUT_CODES));
  const ignored = surface.ignoredWorldFields;
  if (!ignored) return warnings;
  const { world } = scenario;
  for (const [field, instead] of Object.entries(ignored.world ?? {})) {
    if (Object.hasOwn(world, field)) warnings.push(warn(`/world/${field}`, field, instead));
  }
  const policy: unknown = world.policy;
  if (policy !== null && typeof policy === 'object' && !Object.hasOwn(ignored.world ?? {}, 'policy')) {
    for (const [field, instead] of Object.entries(ignored.policy ?? {})) {
      if (Object.hasOwn(policy, field)) warnings.push(warn(`/world/policy/${field}`, `policy.${field}`, instead));
    }
    warnings.push(...unknownPolicyKinds(scenario, file, policy as Record<string, unknown>, ignored.policy ?? {}));
  }
  // Also read for scenarios that have problems (check lists both), so a users field that is no list is skipped here.
  (Array.isArray(world.users) ? world.users : []).forEach((user, index) => {
    for (const [field, instead] of Object.entries(ignored.user ?? {})) {
      if (Object.hasOwn(user, field)) warnings.push(warn(`/world/users/${index}/${field}`, `a user's ${field}`, instead));
    }
    if (surface.recoveryCodesNeedTotp && hasRecoveryCodesWithoutTotp(user)) {
      const why = `this user has no TOTP factor, and ${surface.recoveryCodesNeedTotp}, so they change nothing: give the user a factor { kind: totp, secret: <base32> }`;
      warnings.push(new ScenarioError(file, `/world/users/${index}/recoveryCodes`, why));
    }
  });
  return warnings;
}

/** Recovery codes on a user without an enabled TOTP factor (a factor is enabled unless it says `enabled: false`). */
function hasRecoveryCodesWithoutTotp(user: ScenarioUser): boolean {
  if (!Array.isArray(user.recoveryCodes) || user.recoveryCodes.length === 0) return false;
  const factors = Array.isArray(user.factors) ? user.factors : [];
  return !factors.some((factor) => factor?.kind === 'totp' && factor.enabled !== false);
}

/**
 * A factor kind the vendor has no word for, in a policy list it reads (nest-auth's and GenAuth's `methods`, GenAuth's
 * `applications.<app>.enabledFactors`): dropped from every answer, as a user's factor of such a kind would be refused.
 */
function unknownPolicyKinds(scenario: Scenario, file: string, policy: Record<string, unknown>, ignoredPolicy: object): ScenarioError[] {
  const { factorNames } = toSurface(scenario.surface as SurfaceId);
  const lists: Array<[string, unknown]> = [];
  if (!Object.hasOwn(ignoredPolicy, 'methods')) lists.push(['/world/policy/methods', policy.methods]);
  if (!Object.hasOwn(ignoredPolicy, 'applications') && policy.applications !== null && typeof policy.applications === 'object') {
    for (const [app, settings] of Object.entries(policy.applications)) {
      lists.push([`/world/policy/applications/${app}/enabledFactors`, (settings as { enabledFactors?: unknown } | null)?.enabledFactors]);
    }
  }
  const kinds = FACTOR_KINDS.filter((kind) => factorNames.toName(kind) !== undefined).join(', ');
  return lists.flatMap(([pointer, list]) =>
    (Array.isArray(list) ? list : []).flatMap((kind: unknown, index) =>
      typeof kind === 'string' && factorNames.toName(kind as FactorKind) === undefined
        ? [new ScenarioError(file, `${pointer}/${index}`, `${scenario.surface} has no ${kind} factor, so it changes nothing (its kinds: ${kinds})`)]
        : [],
    ),
  );
}
