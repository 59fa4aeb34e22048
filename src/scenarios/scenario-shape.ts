import type { ErrorObject } from 'ajv';
import type { Scenario } from '../engine/scenario.js';
import { namesAlike, toDidYouMean } from '../engine/edit-distance.js';
import { toQuotedNumberHint } from '../engine/quoted-number.js';
import { toPointerToken, valueAtPointer } from '../engine/json-pointer.js';
import { FACTOR_KINDS, type FactorKind } from '../engine/world.js';
import { toSurface, type SurfaceId } from '../surfaces/registry.js';
import { SCENARIO_EMAIL_PATTERN, SCENARIO_FILE_SCHEMA } from './scenario-file-schema.js';
import { ScenarioError, ScenarioProblems } from './scenario-problems.js';

// A scenario's content once read, its shape problems in words, and the Scenario it makes: no file access here, so the
// MSW handlers check scenarios given as objects in a browser with the words `check` uses for files.

/** A scenario file's content once parsed and shape-checked (what the build's snapshot stores). */
export type ScenarioFileData = Omit<Scenario, 'name' | 'surface' | 'world' | 'overrides' | 'lockout'> &
  Partial<Pick<Scenario, 'world' | 'overrides'>> & {
    /** As the file writes it: the engine's LockoutSetting counts in milliseconds. */
    lockout?: { afterFailedAttempts: number; lockedForSeconds?: number };
  };

/** The file schema's pattern of a TOTP secret. */
const BASE32_SECRET_PATTERN = '^[A-Z2-7]{16,}=*$';
/** What a pattern of the file schema asks for, in words: the bare regular expression told a user little. */
const PATTERN_MEANINGS: Readonly<Record<string, string>> = {
  [BASE32_SECRET_PATTERN]: 'must be a base32 secret in upper case (A-Z and 2-7, at least 16 characters), as authenticator apps export it',
  [SCENARIO_EMAIL_PATTERN]: 'must be an e-mail address (name@domain.tld; letters of any script allowed)',
};

/**
 * A schema error's message, with the values it allows where the schema lists them (ajv's enum message lists none) and
 * the one meant when the value is a typo or a case away from it (`role: member` for MEMBER).
 */
function toShapeMessage(error: ErrorObject, data: unknown, surface: SurfaceId | undefined): string {
  if (error.keyword === 'enum') {
    const allowed = surface && FACTOR_KIND_AT.test(error.instancePath) ? surfaceFactorKinds(surface) : (error.params.allowedValues as unknown[]);
    const value = valueAtPointer(data, error.instancePath);
    const meant = typeof value === 'string' ? toDidYouMean(value, allowed.filter((option): option is string => typeof option === 'string')) : '';
    return `must be one of: ${allowed.map((option) => JSON.stringify(option)).join(', ')}${meant}`;
  }
  if (error.keyword === 'const') return `must be ${JSON.stringify(error.params.allowedValue)}`;
  // YAML reads `id: 123` or `code: 000000` as numbers: an override's `when` compares text.
  if (error.keyword === 'type' && error.params.type === 'string' && /\/when\//.test(error.instancePath)) {
    return `must be a string (YAML reads ${JSON.stringify(valueAtPointer(data, error.instancePath))} unquoted as a number or boolean: write it in quotes)`;
  }
  if (error.keyword === 'type' && (error.params.type === 'integer' || error.params.type === 'number')) {
    return `must be ${error.params.type === 'integer' ? 'an integer' : 'a number'}${toQuotedNumberHint(valueAtPointer(data, error.instancePath))}`;
  }
  // ajv writes a choice of types as its list, `must be object,null`.
  if (error.keyword === 'type' && Array.isArray(error.params.type)) return `must be ${(error.params.type as string[]).map(toTypeWords).join(' or ')}`;
  if (error.keyword === 'pattern') {
    const pattern = String(error.params.pattern);
    const meaning = PATTERN_MEANINGS[pattern] ?? error.message ?? 'invalid';
    // A secret that is only in the wrong case (an app that shows it in lower case): the value to write.
    const value = valueAtPointer(data, error.instancePath);
    const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
    return pattern === BASE32_SECRET_PATTERN && upper !== undefined && new RegExp(pattern).test(upper) ? `${meaning}: write ${upper}` : meaning;
  }
  return error.message ?? 'invalid';
}

/** A JSON Schema type in words: `an object`, `a string`, `null`. */
function toTypeWords(type: string): string {
  if (type === 'null') return 'null';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** Where a user's factor kind is: the schema lists every vendor's kinds there, a file of one surface needs its own. */
const FACTOR_KIND_AT = /^\/world\/users\/\d+\/factors\/\d+\/kind$/;

/**
 * The factor kinds the surface's vendor has a word for: `kind: totpp` in a Flashback file was offered sms, which the
 * next run refused as a kind Flashback lacks (a scenario author's tour).
 */
function surfaceFactorKinds(surface: SurfaceId): FactorKind[] {
  const { factorNames } = toSurface(surface);
  return FACTOR_KINDS.filter((kind) => factorNames.toName(kind) !== undefined);
}

/** The field names the schema allows where an `additionalProperties` error was raised, read along its schemaPath. */
function allowedFieldsAt(schemaPath: string): string[] {
  let node: unknown = SCENARIO_FILE_SCHEMA;
  for (const key of schemaPath.split('/').slice(1, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
  const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

/** The one meant, or for a field of runtime overrides only (`times`, `after`: they count a session's requests), where it belongs. */
function toUnknownFieldHint(field: string, meant: string | undefined, at: string): string {
  if (meant !== undefined) return ` (did you mean "${meant}"?)`;
  if ((field === 'times' || field === 'after') && /^\/overrides\/\d+$/.test(at))
    return ` (${field} is for a session override: POST /__admin/sessions/{id}/overrides, or addOverride)`;
  return '';
}

/**
 * Each schema error as a problem at its JSON pointer (an unknown field points at the field itself), once each. A
 * misspelt field is named with the one meant, and that field's "must have required property" is then left out: it is
 * the same mistake.
 */
export function toShapeProblems(file: string, errors: readonly ErrorObject[], data: unknown, surface?: SurfaceId): ScenarioError[] {
  const problems = new Map<string, ScenarioError>();
  const meantAt = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const field = String(error.params.additionalProperty);
    // The closest allowed field, if one is a typo away (`overides` for overrides).
    const meant = namesAlike(field, allowedFieldsAt(error.schemaPath))[0];
    if (meant !== undefined) meantAt.add(`${error.instancePath}/${meant}`);
    const problem = new ScenarioError(file, `${error.instancePath}/${field}`, `unknown field "${field}"${toUnknownFieldHint(field, meant, error.instancePath)}`);
    problems.set(problem.message, problem);
  }
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') continue;
    if (error.keyword === 'required' && meantAt.has(`${error.instancePath}/${String(error.params.missingProperty)}`)) continue;
    const problem = new ScenarioError(file, error.instancePath, toShapeMessage(error, data, surface));
    problems.set(problem.message, problem);
  }
  return [...problems.values()];
}

/** A file whose shape is wrong, with what it parsed to: its sound parts can still be checked against the spec. */
export class ScenarioShapeProblems extends ScenarioProblems {
  constructor(
    problems: readonly ScenarioError[],
    readonly data: unknown,
  ) {
    super(problems);
  }
}


/**
 * The scenario a file's (or an object's) checked content makes: generated users take the vendor's id shape unless it
 * names one, and the lockout's seconds become the engine's milliseconds.
 */
export function toScenarioFromData(name: string, surface: SurfaceId, declared: ScenarioFileData, file: string): Scenario {
  const world = declared.world ?? {};
  const scenario: Scenario = { name, surface, description: declared.description, world, overrides: declared.overrides ?? [], file };
  // A copy, as `declared` may be shared (a build snapshot, a cache, the caller's object).
  if (world.generate) scenario.world = { ...world, generate: { idFormat: toSurface(surface).generatedUserIds, ...world.generate } };
  if (declared.lockout) {
    const { afterFailedAttempts, lockedForSeconds } = declared.lockout;
    scenario.lockout = { afterFailedAttempts, ...(lockedForSeconds === undefined ? {} : { lockedForMs: lockedForSeconds * 1000 }) };
  }
  return scenario;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A shape-broken file as far as it can be checked against the spec: its overrides but the broken ones, its world if sound. */
export interface ScenarioSoundPart {
  scenario: Scenario;
  /** Indexes of the overrides that cannot be checked at all (not an object, no sound operationId): their pointers kept. */
  brokenOverrides: ReadonlySet<number>;
  /**
   * Per override with a shape problem in some of its fields only, those fields: the scenario holds the override
   * without them, checked against the spec as far as the rest allows.
   */
  brokenFields: ReadonlyMap<number, ReadonlySet<string>>;
}

/** What of a shape-broken file (or object) can be checked against the spec (see ScenarioSoundPart). */
export function toSoundPart(error: ScenarioShapeProblems, name: string, surface: string, file: string): ScenarioSoundPart | undefined {
  if (!isPlainObject(error.data)) return undefined;
  const broken = (pointer: string) => error.problems.some((problem) => problem.pointer === pointer || problem.pointer.startsWith(`${pointer}/`));
  const { overrides, world } = error.data;
  const list: unknown[] = Array.isArray(overrides) ? overrides : [];
  const brokenOverrides = new Set<number>();
  const brokenFields = new Map<number, Set<string>>();
  const soundOverrides = list.map((override, index) => {
    const at = `/overrides/${index}`;
    if (!broken(at)) return override;
    // Broken as a whole (a missing field, not an object) or in the operation it is for: nothing of it can be checked.
    const whole = error.problems.some((problem) => problem.pointer === at);
    if (!isPlainObject(override) || whole || broken(`${at}/operationId`) || typeof override.operationId !== 'string') {
      brokenOverrides.add(index);
      return override;
    }
    const fields = new Set(Object.keys(override).filter((field) => broken(`${at}/${toPointerToken(field)}`)));
    brokenFields.set(index, fields);
    return Object.fromEntries(Object.entries(override).filter(([field]) => !fields.has(field)));
  });
  const scenario: Scenario = {
    name,
    surface,
    description: '',
    world: isPlainObject(world) ? toSoundWorld(world, broken) : {},
    overrides: soundOverrides as Scenario['overrides'],
    file,
  };
  return { scenario, brokenOverrides, brokenFields };
}

/**
 * The parts of a shape-broken world the world checks read (users, tokens, generate), each only where no shape problem
 * lies: a user with one is left out as a hole of a sparse array, so every other user keeps its index (the checks walk
 * users with forEach, which skips holes, and point at `/world/users/<index>`). So one run lists a repeated token of two
 * sound users beside a third user's misspelt field; what involves a broken user is listed once it is fixed.
 */
function toSoundWorld(world: Record<string, unknown>, broken: (pointer: string) => boolean): Scenario['world'] {
  if (!broken('/world')) return world;
  const sound: Record<string, unknown> = {};
  if (Array.isArray(world.users)) {
    const users: unknown[] = new Array(world.users.length);
    world.users.forEach((user, index) => {
      if (!broken(`/world/users/${index}`)) users[index] = user;
    });
    sound.users = users;
  }
  for (const key of ['tokens', 'generate'] as const) {
    if (isPlainObject(world[key]) && !broken(`/world/${key}`)) sound[key] = world[key];
  }
  return sound;
}
