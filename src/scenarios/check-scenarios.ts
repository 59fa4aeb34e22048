import { GENERATED_FACTOR_KINDS, toGeneratedToken } from '../engine/generated-users.js';
import { toScenarioPublicKey, type Scenario } from '../engine/scenario.js';
import { FACTOR_KINDS, type FactorKind } from '../engine/world.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { UserIdRule } from '../engine/user-ids.js';
import type { RouteDefinition } from '../openapi/to-route-definitions.js';
import { checkOverrideAgainstSpec, isCausedByLeavingOut } from '../pipeline/check-override.js';
import { toConditionsKey } from '../engine/override-conditions.js';
import { isSurfaceId, toSurface } from '../surfaces/registry.js';
import type { ScenarioSoundPart } from './load-scenarios.js';
import { ScenarioError } from './scenario-problems.js';

function fileOf(scenario: Scenario): string {
  return scenario.file ?? `${scenario.surface}/${scenario.name}.yaml`;
}

/**
 * Every problem with one override against the spec (the checks runtime overrides share), pointed into the file. Of an
 * override whose `left out` fields had shape problems, only what those fields cannot have caused (see toSoundPart).
 */
function checkOverride(scenario: Scenario, index: number, routes: RouteDefinition[], file: string, leftOut?: ReadonlySet<string>): ScenarioError[] {
  const pointer = `/overrides/${index}`;
  return checkOverrideAgainstSpec(scenario.overrides[index]!, routes, scenario.surface, 'yaml')
    .filter((problem) => leftOut === undefined || !isCausedByLeavingOut(problem.pointer, leftOut))
    .map((problem) => new ScenarioError(file, `${pointer}${problem.pointer}`, problem.reason));
}

/**
 * A factor kind the surface's vendor has no word for, with the kinds it has; of those, for `generate`, only the ones
 * generated users can have (naming a passkey there only led to a second refusal).
 */
function noSuchFactor(
  surface: string,
  kind: string,
  factorNames: { toName(kind: FactorKind): string | undefined },
  among: readonly FactorKind[] = FACTOR_KINDS,
): string {
  const kinds = among.filter((known) => factorNames.toName(known) !== undefined).join(', ');
  return `${surface} has no ${kind} factor (its kinds${among === FACTOR_KINDS ? '' : ' generated users can have'}: ${kinds})`;
}

function checkWorld(scenario: Scenario, file: string): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const surface = isSurfaceId(scenario.surface) ? toSurface(scenario.surface) : undefined;
  const factorNames = surface?.factorNames;
  const checkUserId = userIdChecker(scenario, file, surface?.userIds);
  (scenario.world.users ?? []).forEach((user, index) => {
    const idProblem = checkUserId(user.id, index);
    if (idProblem) problems.push(idProblem);
    if (user.primaryMethod && !(user.factors ?? []).some((factor) => factor.kind === user.primaryMethod)) {
      problems.push(new ScenarioError(file, `/world/users/${index}/primaryMethod`, `user has no ${user.primaryMethod} factor`));
    }
    (user.factors ?? []).forEach((factor, f) => {
      // A kind the vendor has no word for is a factor no request can show or pass: MFA on with no way through it.
      if (factorNames && factorNames.toName(factor.kind) === undefined) {
        problems.push(new ScenarioError(file, `/world/users/${index}/factors/${f}/kind`, noSuchFactor(scenario.surface, factor.kind, factorNames)));
      }
      if (factor.kind === 'totp' && !factor.secret) problems.push(new ScenarioError(file, `/world/users/${index}/factors/${f}/secret`, 'a totp factor needs a secret'));
      const key = factor.credential && toScenarioPublicKey(factor.credential);
      if (key && 'problem' in key) problems.push(new ScenarioError(file, `/world/users/${index}/factors/${f}/credential`, key.problem));
    });
  });
  problems.push(...checkTokens(scenario, file));
  if (surface?.findsUsersByEmail) problems.push(...checkEmails(scenario, file));
  problems.push(...checkCredentials(scenario, file));
  problems.push(...checkGenerate(scenario, file));
  return problems;
}

/**
 * A check of each user's id in turn: one given before, or, where the surface holds ids to a shape (Lerian's UUIDs),
 * one not of the shape (no request could name that user) or given before in another spelling (letter case does not
 * tell Lerian users apart: the world would keep one of the two).
 */
function userIdChecker(scenario: Scenario, file: string, rule: UserIdRule | undefined): (id: string, index: number) => ScenarioError | undefined {
  const firstWith = new Map<string, { index: number; id: string }>();
  return (id, index) => {
    const pointer = `/world/users/${index}/id`;
    const stored = rule ? rule.toStored(id) : id;
    if (stored === undefined) return new ScenarioError(file, pointer, `user id "${id}" is not ${rule!.shape}: ${scenario.surface} user ids are (${rule!.why})`);
    const first = firstWith.get(stored);
    if (first === undefined) {
      firstWith.set(stored, { index, id });
      return undefined;
    }
    if (first.id === id) return new ScenarioError(file, pointer, `duplicate user id "${id}"`);
    const same = `/world/users/${first.index} is "${first.id}", the same ${scenario.surface} user (its ids are read in any letter case, as "${stored}")`;
    return new ScenarioError(file, pointer, `duplicate user id "${id}": ${same}`);
  };
}

/**
 * An e-mail address given twice (in any letter case) on a surface that finds users by it: a sign-in or lookup by it
 * finds the first, and the other user could never sign in (a scenario author's tour: `check --strict` passed it, and
 * the second user's password got 401 INVALID_CREDENTIALS).
 */
function checkEmails(scenario: Scenario, file: string): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const firstWith = new Map<string, { index: number; id: string }>();
  (scenario.world.users ?? []).forEach((user, index) => {
    if (typeof user.email !== 'string') return;
    const address = user.email.toLowerCase();
    const first = firstWith.get(address);
    if (first === undefined) firstWith.set(address, { index, id: user.id });
    else {
      const why = `${scenario.surface} finds users by e-mail (in any letter case), so it would always find /world/users/${first.index} ("${first.id}") and this user could never sign in or be found by it`;
      problems.push(new ScenarioError(file, `/world/users/${index}/email`, `e-mail "${user.email}" is already user "${first.id}"'s: ${why}`));
    }
  });
  return problems;
}

/**
 * A passkey credential id given twice: a relying party registers a credential for one user, and the sandbox would
 * verify an assertion as whichever holder it found first (the admin API refuses such an import too).
 */
function checkCredentials(scenario: Scenario, file: string): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const holderOf = new Map<string, string>();
  (scenario.world.users ?? []).forEach((user, index) => {
    (user.factors ?? []).forEach((factor, f) => {
      const id = factor.credential?.id;
      if (id === undefined) return;
      const holder = holderOf.get(id);
      if (holder !== undefined) {
        problems.push(new ScenarioError(file, `/world/users/${index}/factors/${f}/credential/id`, `credential "${id}" is already user "${holder}"'s passkey (each credential names one)`));
      } else holderOf.set(id, user.id);
    });
  });
  return problems;
}

/** A JSON pointer's reference token for a key (RFC 6901: `~` and `/` escaped). */
const toPointerToken = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * A token a client can send as `Authorization: Bearer <token>`: one word of printable ASCII. One with a space is cut at
 * it, `fetch` throws on characters past Latin-1, and curl and fetch send an accented one as different bytes, so such a
 * token signed some clients in and not others, and `Prefer: explain` suggested sending it.
 */
const SENDABLE_TOKEN = /^[\x21-\x7e]+$/;

const unsendable = (token: string) =>
  `token ${JSON.stringify(token)} cannot be sent as "Authorization: Bearer <token>": a token is one word of printable ASCII (no spaces, accents or line breaks)`;

/**
 * A bearer token given twice: the sandbox would answer it as the last user it was given to, and the first could never
 * sign in, a mistake no request shows.
 */
function checkTokens(scenario: Scenario, file: string): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const ownerOf = new Map<string, string>();
  (scenario.world.users ?? []).forEach((user, index) => {
    if (user.token === undefined) return;
    if (!SENDABLE_TOKEN.test(user.token)) problems.push(new ScenarioError(file, `/world/users/${index}/token`, unsendable(user.token)));
    const owner = ownerOf.get(user.token);
    if (owner !== undefined) problems.push(new ScenarioError(file, `/world/users/${index}/token`, `token "${user.token}" is already user "${owner}"'s (each token names one user)`));
    else ownerOf.set(user.token, user.id);
  });
  for (const [token, userId] of Object.entries(scenario.world.tokens ?? {})) {
    if (!SENDABLE_TOKEN.test(token)) problems.push(new ScenarioError(file, `/world/tokens/${toPointerToken(token)}`, unsendable(token)));
    const owner = ownerOf.get(token);
    if (owner !== undefined && owner !== userId) {
      problems.push(new ScenarioError(file, `/world/tokens/${toPointerToken(token)}`, `token "${token}" is already user "${owner}"'s (each token names one user)`));
    }
  }
  problems.push(...checkGeneratedTokens(scenario, file));
  return problems;
}

/**
 * A written token that `generate` also hands out (`<surface>-token-gen-<n>`): the generated user would take it, and
 * the user it was written for could never sign in.
 */
function checkGeneratedTokens(scenario: Scenario, file: string): ScenarioError[] {
  const count = scenario.world.generate?.users ?? 0;
  if (count === 0) return [];
  const generated = new Set(Array.from({ length: count }, (_unused, index) => toGeneratedToken(scenario.surface, index + 1)));
  const clash = (token: string) =>
    `token "${token}" is one generate hands out (${toGeneratedToken(scenario.surface, 1)} to ${toGeneratedToken(scenario.surface, count)}): pick another`;
  const problems: ScenarioError[] = [];
  (scenario.world.users ?? []).forEach((user, index) => {
    if (user.token !== undefined && generated.has(user.token)) problems.push(new ScenarioError(file, `/world/users/${index}/token`, clash(user.token)));
  });
  for (const token of Object.keys(scenario.world.tokens ?? {})) {
    if (generated.has(token)) problems.push(new ScenarioError(file, `/world/tokens/${toPointerToken(token)}`, clash(token)));
  }
  return problems;
}

/**
 * An override the file's earlier ones leave no request for: one of the same operation (or a second `*`) after one
 * without `when`, which answers every request first, or after one whose `when` is the same. Silently unused otherwise.
 */
function checkRepeatedOverrides(scenario: Scenario, file: string, skipped: ReadonlySet<number>): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const earlierOf = new Map<string, Array<{ index: number; conditions: string }>>();
  scenario.overrides.forEach((override, index) => {
    if (skipped.has(index)) return;
    const conditions = toConditionsKey(override.when);
    const earlier = earlierOf.get(override.operationId) ?? [];
    const answersAll = earlier.find((one) => one.conditions === '');
    const same = earlier.find((one) => one.conditions === conditions);
    const operation = override.operationId === '*' ? 'every operation ("*")' : override.operationId;
    if (answersAll) {
      const fix = override.when ? 'put the overrides with when before it' : 'merge them';
      problems.push(
        new ScenarioError(file, `/overrides/${index}/operationId`, `${operation} already has an override without when (/overrides/${answersAll.index}), which answers every request first: this one would never be used; ${fix}`),
      );
    } else if (same) {
      problems.push(new ScenarioError(file, `/overrides/${index}/when`, `${operation} already has an override with this when (/overrides/${same.index}), which answers first: this one would never be used; merge them`));
    }
    earlierOf.set(override.operationId, [...earlier, { index, conditions }]);
  });
  return problems;
}

/**
 * A `generate` setting the surface cannot honour: a factor kind the vendor has no word for, factors nobody gets, or
 * ids of a format the vendor's user ids never have (a request could reach none of those users).
 */
function checkGenerate(scenario: Scenario, file: string): ScenarioError[] {
  const generate = scenario.world.generate;
  if (!generate) return [];
  const problems: ScenarioError[] = [];
  const surface = isSurfaceId(scenario.surface) ? toSurface(scenario.surface) : undefined;
  (generate.factors ?? []).forEach((kind, index) => {
    if (surface && surface.factorNames.toName(kind) === undefined) {
      problems.push(new ScenarioError(file, `/world/generate/factors/${index}`, noSuchFactor(scenario.surface, kind, surface.factorNames, GENERATED_FACTOR_KINDS)));
    }
  });
  const rule = surface?.userIds;
  if (rule && generate.idFormat !== undefined && !rule.generatedIdFormats.includes(generate.idFormat)) {
    const formats = rule.generatedIdFormats.join(' or ');
    const why = `${scenario.surface} user ids are (${rule.why}); use ${formats}, or leave idFormat out`;
    problems.push(new ScenarioError(file, '/world/generate/idFormat', `${generate.idFormat} ids are not ${rule.shape}: ${why}`));
  }
  if (generate.factors && !generate.mfaEnabled) {
    problems.push(new ScenarioError(file, '/world/generate/factors', 'no generated user gets these factors: mfaEnabled is 0 (set the fraction of users with MFA on)'));
  }
  return problems;
}

/**
 * Check every scenario against its surface's spec, and that each surface has the `fallbackScenario` its sessions can
 * start in. Returns every problem (file + JSON pointer), so one run lists them all; the server refuses to start on any,
 * since a scenario that breaks its spec would make the mock lie.
 */
export function checkScenarios(catalogue: ScenarioCatalogue, routesBySurface: ReadonlyMap<string, RouteDefinition[]>, fallbackScenario: string): ScenarioError[] {
  const problems: ScenarioError[] = [];
  for (const [surface, scenarios] of catalogue) {
    const routes = routesBySurface.get(surface) ?? [];
    if (!scenarios.has(fallbackScenario)) {
      problems.push(new ScenarioError(`${surface}/${fallbackScenario}.yaml`, '', `surface "${surface}" has no "${fallbackScenario}" scenario to start sessions in`));
    }
    for (const scenario of scenarios.values()) problems.push(...checkScenario(scenario, routes));
  }
  return problems;
}

/**
 * Every problem of the scenarios given, each against its surface's spec: for scenarios added beside the shipped ones
 * (the MSW handlers' `scenarios` option), which need not check those again.
 */
export function checkEachScenario(scenarios: readonly Scenario[], routesBySurface: ReadonlyMap<string, RouteDefinition[]>): ScenarioError[] {
  return scenarios.flatMap((scenario) => checkScenario(scenario, routesBySurface.get(scenario.surface) ?? []));
}

/**
 * Every problem of one scenario against its surface's operations, but in the overrides `skipped` names, and of those
 * with `brokenFields` what the rest of them shows.
 */
function checkScenario(
  scenario: Scenario,
  routes: RouteDefinition[],
  skipped: ReadonlySet<number> = new Set(),
  brokenFields: ReadonlyMap<number, ReadonlySet<string>> = new Map(),
): ScenarioError[] {
  const file = fileOf(scenario);
  const problems = checkWorld(scenario, file);
  scenario.overrides.forEach((_override, index) => {
    if (!skipped.has(index)) problems.push(...checkOverride(scenario, index, routes, file, brokenFields.get(index)));
  });
  // An override without its broken `when` would read as one that answers every request: repeats wait for the fix.
  problems.push(...checkRepeatedOverrides(scenario, file, new Set([...skipped, ...brokenFields.keys()])));
  return problems;
}

/**
 * The spec problems of the sound parts of files whose shape is wrong (readScenarios' `soundParts`), so one run lists
 * them beside the shape problems instead of after those are fixed.
 */
export function checkSoundParts(soundParts: readonly ScenarioSoundPart[], routesBySurface: ReadonlyMap<string, RouteDefinition[]>): ScenarioError[] {
  return soundParts.flatMap(({ scenario, brokenOverrides, brokenFields }) =>
    checkScenario(scenario, routesBySurface.get(scenario.surface) ?? [], brokenOverrides, brokenFields),
  );
}
