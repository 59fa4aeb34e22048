import { toDidYouMean, toDidYouMeanOrList } from '../engine/edit-distance.js';
import { toExampleHint } from './example-bodies.js';
import { FAULT_KINDS, MAX_LATENCY_MS, isFaultKind } from '../engine/injected-faults.js';
import type { JournalVocabulary } from '../engine/journal-query.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { ScenarioOverride } from '../engine/scenario.js';
import type { SessionOverrideInput } from '../engine/session-overrides.js';
import { SandboxError } from '../errors.js';
import { createOperationValidators } from '../openapi/schema-validators.js';
import type { OpenApiDocument } from '../openapi/openapi-types.js';
import { toRouteDefinitions, type RouteDefinition } from '../openapi/to-route-definitions.js';
import { toEnvelopedHint } from './enveloped-errors.js';
import { checkOverrideHeaders, headerShapeProblems } from './check-override-headers.js';
import { checkConditionsAgainstRoutes, conditionShapeProblems, type OverrideSyntax } from './check-override-conditions.js';
import { toQuotedNumberHint } from '../engine/quoted-number.js';
import { isNestedDeeperThan, MAX_OVERRIDE_DEPTH } from '../engine/json-depth.js';

/** One problem with an override: where in it (JSON pointer relative to the override) and why. */
export interface OverrideProblem {
  pointer: string;
  reason: string;
}

/** Each surface's operations, to check an override against. */
export type RoutesBySurface = ReadonlyMap<string, readonly RouteDefinition[]>;

/** The operations of each surface's spec, as the override checks take them. */
export function toRoutesBySurface(specs: ReadonlyMap<string, { api: OpenApiDocument }>): RoutesBySurface {
  return new Map([...specs].map(([surface, spec]) => [surface, toRouteDefinitions(spec.api)]));
}

/**
 * Each surface's operation ids and paths and every scenario name, which journal filters and expectations are checked
 * against; `prefixes`, the path each surface is served under, makes a path be checked whole (else for its end only).
 */
export function toJournalVocabulary(routes: RoutesBySurface, catalogue: ScenarioCatalogue, prefixes?: ReadonlyMap<string, string>): JournalVocabulary {
  return {
    ...(prefixes ? { prefixes } : {}),
    operationIds: new Map([...routes].map(([surface, surfaceRoutes]) => [surface, surfaceRoutes.map((route) => route.operationId)])),
    paths: new Map([...routes].map(([surface, surfaceRoutes]) => [surface, surfaceRoutes.map((route) => route.path)])),
    scenarios: new Set([...catalogue.values()].flatMap((scenarios) => [...scenarios.keys()])),
  };
}

/**
 * Settings the schema cannot judge alone: an empty override, a range upside down, two latencies, a rate without a
 * fault, headers the sandbox sets itself.
 */
export function checkFaultSettings(override: ScenarioOverride): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  const answers = override.status !== undefined || override.example !== undefined || override.body !== undefined;
  const degrades = override.latencyMs !== undefined || override.latency !== undefined || override.fault !== undefined;
  if (!answers && !degrades && override.headers === undefined)
    problems.push({ pointer: '', reason: 'override sets neither an answer (status, example, body) nor a fault (latencyMs, latency, fault) nor headers' });
  problems.push(...checkOverrideHeaders(override));
  if (override.latencyMs !== undefined && override.latency !== undefined)
    problems.push({ pointer: '/latency', reason: 'give latencyMs (fixed) or latency (range), not both' });
  if (override.latency && override.latency.min > override.latency.max) {
    problems.push({ pointer: '/latency', reason: `min (${override.latency.min}) is greater than max (${override.latency.max})` });
  }
  if (override.faultRate !== undefined && override.fault === undefined) problems.push({ pointer: '/faultRate', reason: 'faultRate needs a fault' });
  return problems;
}

/** The problem with an override's scripted answer for one operation, if any: undeclared status, missing example, invalid body. */
function answerProblem(override: ScenarioOverride, route: RouteDefinition): { field: string; problem: string } | undefined {
  const status = override.status ?? 200;
  const response = route.responses.get(status);
  if (!response) {
    const hint = toEnvelopedHint(route, status, (name) => `{"example": "${name}"} without a status`);
    return {
      field: 'status',
      problem: `${route.operationId} declares no ${status} response${hint || `; it declares ${[...route.responses.keys()].join(', ')}`}`,
    };
  }
  if (override.body !== undefined) {
    const violations = createOperationValidators(route).validateResponse(status, override.body);
    // Every violation, so one fix-and-retry cycle is enough (the first alone hid a wrong type behind a missing field).
    if (violations.length) return { field: 'body', problem: `not a valid ${status} of ${route.operationId}: ${toListed(violations)}` };
  } else if (override.example !== undefined && !response.examples.has(override.example)) {
    return {
      field: 'example',
      problem: `${route.operationId} ${status} has no example "${override.example}"${toExampleHint(route, override.example, status, (code) => `give "status": ${code} with it`)}`,
    };
  } else if (override.example === undefined && override.status !== undefined && response.canonicalExample === undefined) {
    return { field: 'status', problem: `${route.operationId} ${status} has no example to answer with; give a body` };
  }
  return undefined;
}

const MAX_LISTED_VIOLATIONS = 5;

/** Up to five violations, then how many more. */
function toListed(violations: readonly string[]): string {
  const shown = violations.slice(0, MAX_LISTED_VIOLATIONS).join('; ');
  return violations.length > MAX_LISTED_VIOLATIONS ? `${shown}; and ${violations.length - MAX_LISTED_VIOLATIONS} more` : shown;
}

/**
 * Every problem with an override against its surface's operations: unknown operation, fault settings, and its answer
 * for each operation it covers (for `*`, one problem per field naming every operation it breaks). Scenario files at
 * boot and runtime overrides share it, so both refuse the same things; `writtenIn` says which, for hints about how
 * YAML reads a value.
 *
 * @example
 * checkOverrideAgainstSpec({ operationId: 'getMfaStatus', status: 418 }, routes, 'flashback')
 * // [{ pointer: '/status', reason: 'getMfaStatus declares no 418 response' }]
 */
export function checkOverrideAgainstSpec(
  override: ScenarioOverride,
  routes: readonly RouteDefinition[],
  surface: string,
  writtenIn: OverrideSyntax = 'json',
): OverrideProblem[] {
  const targets = override.operationId === '*' ? routes : routes.filter((route) => route.operationId === override.operationId);
  if (targets.length === 0) {
    const known = routes.map((route) => route.operationId);
    const reason = `no operation "${override.operationId}" in the ${surface} spec${toDidYouMeanOrList(override.operationId, known, `${surface}'s operations`, '')}`;
    return [{ pointer: '/operationId', reason }, ...checkFaultSettings(override)];
  }
  const problems = checkFaultSettings(override);
  // Refused before anything copies or compares them (recursively): see MAX_OVERRIDE_DEPTH.
  const tooDeep = [
    ...(isNestedDeeperThan(override.when?.body, MAX_OVERRIDE_DEPTH) ? ['/when/body'] : []),
    ...(isNestedDeeperThan(override.body, MAX_OVERRIDE_DEPTH) ? ['/body'] : []),
  ];
  if (tooDeep.length > 0) return [...problems, ...tooDeep.map((pointer) => ({ pointer, reason: `nested more than ${MAX_OVERRIDE_DEPTH} levels deep` }))];
  if (override.when) problems.push(...checkConditionsAgainstRoutes(override.when, targets, override.operationId, surface, writtenIn));
  // An override with only fault settings keeps the stateful answer: there is no scripted response to check.
  if (override.status === undefined && override.example === undefined && override.body === undefined) return problems;
  const byField = new Map<string, string[]>();
  for (const route of targets) {
    const found = answerProblem(override, route);
    if (found) byField.set(found.field, [...(byField.get(found.field) ?? []), found.problem]);
  }
  for (const [field, messages] of byField) problems.push({ pointer: `/${field}`, reason: toShortened(field, messages, targets) });
  return problems;
}

/** Beyond this many operations broken by a `*` override, the rest are named, not explained again. */
const MAX_EXPLAINED_OPERATIONS = 1;

/**
 * One field's problems across the operations of a `*` override, the first in full and the rest by name: every
 * operation of a surface said "declares no 404 response; it declares ..." in a dozen near-identical clauses. For a
 * status, the statuses every operation declares are said too: those a `*` override can use.
 */
function toShortened(field: string, messages: readonly string[], targets: readonly RouteDefinition[]): string {
  if (messages.length <= MAX_EXPLAINED_OPERATIONS + 1) return messages.join('; ');
  const rest = messages.slice(MAX_EXPLAINED_OPERATIONS).map((message) => message.split(' ')[0]);
  const everywhere = [...targets[0]!.responses.keys()].filter((status) => targets.every((route) => route.responses.has(status)));
  const common = field === 'status' && everywhere.length > 0 ? ` (the statuses every operation declares: ${everywhere.join(', ')})` : '';
  return `${messages.slice(0, MAX_EXPLAINED_OPERATIONS).join('; ')}; and likewise ${rest.length} more: ${rest.join(', ')}${common}`;
}

const OVERRIDE_FIELDS = new Set([
  'surface',
  'operationId',
  'when',
  'status',
  'example',
  'body',
  'headers',
  'latencyMs',
  'latency',
  'fault',
  'faultRate',
  'times',
  'after',
]);

const isInteger = (value: unknown, min: number, max: number): boolean => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** The shape problems of a posted override (types, ranges, unknown fields), before it is checked against the spec. */
function shapeProblems(raw: Record<string, unknown>): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  for (const key of Object.keys(raw))
    if (!OVERRIDE_FIELDS.has(key)) problems.push({ pointer: `/${key}`, reason: `unknown field "${key}"${toDidYouMean(key, OVERRIDE_FIELDS)}` });
  if (typeof raw.operationId !== 'string' || raw.operationId.length === 0)
    problems.push({ pointer: '/operationId', reason: 'must be an operationId of the surface, or "*"' });
  if (raw.surface !== undefined && typeof raw.surface !== 'string') problems.push({ pointer: '/surface', reason: 'must be a surface id' });
  if (raw.status !== undefined && !isInteger(raw.status, 100, 599))
    problems.push({ pointer: '/status', reason: `must be an integer HTTP status (100-599)${toQuotedNumberHint(raw.status)}` });
  if (raw.example !== undefined && (typeof raw.example !== 'string' || raw.example.length === 0))
    problems.push({ pointer: '/example', reason: 'must be the name of an example' });
  if (raw.when !== undefined) problems.push(...conditionShapeProblems(raw.when));
  if (raw.headers !== undefined) problems.push(...headerShapeProblems(raw.headers));
  if (raw.latencyMs !== undefined && !isInteger(raw.latencyMs, 0, MAX_LATENCY_MS))
    problems.push({ pointer: '/latencyMs', reason: `must be an integer from 0 to ${MAX_LATENCY_MS}${toQuotedNumberHint(raw.latencyMs)}` });
  if (raw.latency !== undefined) {
    const latency = raw.latency as Record<string, unknown> | null;
    if (typeof latency !== 'object' || latency === null || Array.isArray(latency))
      problems.push({ pointer: '/latency', reason: 'must be {"min": ms, "max": ms}' });
    else {
      for (const key of Object.keys(latency))
        if (key !== 'min' && key !== 'max') problems.push({ pointer: `/latency/${key}`, reason: `unknown field "${key}"` });
      for (const key of ['min', 'max'])
        if (!isInteger(latency[key], 0, MAX_LATENCY_MS))
          problems.push({ pointer: `/latency/${key}`, reason: `must be an integer from 0 to ${MAX_LATENCY_MS}${toQuotedNumberHint(latency[key])}` });
    }
  }
  if (raw.fault !== undefined && (typeof raw.fault !== 'string' || !isFaultKind(raw.fault)))
    problems.push({ pointer: '/fault', reason: `must be one of ${FAULT_KINDS.join(', ')}` });
  if (raw.faultRate !== undefined && !(typeof raw.faultRate === 'number' && raw.faultRate > 0 && raw.faultRate <= 1)) {
    problems.push({ pointer: '/faultRate', reason: `must be a number greater than 0 and at most 1${toQuotedNumberHint(raw.faultRate)}` });
  }
  if (raw.times !== undefined && !isInteger(raw.times, 1, Number.MAX_SAFE_INTEGER))
    problems.push({ pointer: '/times', reason: `must be a positive integer${toQuotedNumberHint(raw.times)}` });
  if (raw.after !== undefined && !isInteger(raw.after, 0, Number.MAX_SAFE_INTEGER))
    problems.push({ pointer: '/after', reason: `must be an integer of 0 or more (the fitting requests to let go by first)${toQuotedNumberHint(raw.after)}` });
  return problems;
}

/** The surface an override names, or the only one whose spec has its operationId; a problem otherwise. */
function surfaceOf(raw: Record<string, unknown>, routesBySurface: RoutesBySurface): string | OverrideProblem {
  const known = [...routesBySurface.keys()];
  if (typeof raw.surface === 'string')
    return routesBySurface.has(raw.surface)
      ? raw.surface
      : { pointer: '/surface', reason: `no surface "${raw.surface}"${toDidYouMean(raw.surface, known)} (known: ${known.join(', ')})` };
  if (raw.operationId === '*') return { pointer: '/surface', reason: '"*" needs a surface' };
  const owners = known.filter((surface) => routesBySurface.get(surface)!.some((route) => route.operationId === raw.operationId));
  if (owners.length === 1) return owners[0]!;
  if (owners.length === 0) {
    const meant =
      typeof raw.operationId === 'string'
        ? toDidYouMean(
            raw.operationId,
            [...routesBySurface.values()].flat().map((route) => route.operationId),
          )
        : '';
    return { pointer: '/operationId', reason: `no operation "${String(raw.operationId)}" in any served spec (${known.join(', ')})${meant}` };
  }
  return { pointer: '/surface', reason: `"${String(raw.operationId)}" exists in ${owners.join(', ')}; name the surface` };
}

/**
 * A posted runtime override, checked against its surface's spec (as scenario files are at boot) and returned with its
 * surface filled in. Without `surface`, the one served surface whose spec has the operationId is taken. Anything wrong
 * is a 422 `MOCK_ERR_INVALID_OVERRIDE` listing every problem with its JSON pointer into what was posted (a body that
 * is not a JSON object at all is a 400 `MOCK_ERR_BAD_ADMIN_REQUEST`); nothing is stored then.
 *
 * @example
 * toCheckedOverride({ operationId: 'getMfaStatus', status: 418 }, routesBySurface)
 * // throws SandboxError 422 { problems: [{ pointer: '/status', reason: 'getMfaStatus declares no 418 response' }] }
 */
export function toCheckedOverride(raw: unknown, routesBySurface: RoutesBySurface): SessionOverrideInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', 'an override is a JSON object: {"operationId": ..., "status"?: ..., "times"?: ...}');
  }
  const fields = raw as Record<string, unknown>;
  const shape = shapeProblems(fields);
  if (shape.length > 0) throw invalidOverride([...shape, ...soundFieldProblems(fields, shape, routesBySurface)], 'is malformed');
  const surface = surfaceOf(fields, routesBySurface);
  if (typeof surface !== 'string') throw invalidOverride([surface]);
  const override = { ...fields, surface } as SessionOverrideInput;
  const problems = checkOverrideAgainstSpec(override, routesBySurface.get(surface)!, surface);
  if (problems.length > 0) throw invalidOverride(problems);
  return override;
}

/**
 * The problems of the fields whose shape is sound, against the spec as well (`latency` upside down, or a status the
 * operation lacks, beside a misspelt field), so one answer lists them all. Those that a broken field would make up
 * are left out (see isCausedByLeavingOut).
 */
function soundFieldProblems(fields: Record<string, unknown>, shape: readonly OverrideProblem[], routesBySurface: RoutesBySurface): OverrideProblem[] {
  const broken = new Set(shape.map((problem) => problem.pointer.split('/')[1] ?? ''));
  const sound = Object.fromEntries(Object.entries(fields).filter(([key]) => !broken.has(key))) as unknown as ScenarioOverride;
  const surface = broken.has('operationId') || broken.has('surface') ? undefined : surfaceOf(sound as unknown as Record<string, unknown>, routesBySurface);
  const problems =
    typeof surface === 'string'
      ? checkOverrideAgainstSpec(sound, routesBySurface.get(surface)!, surface)
      : [...(surface ? [surface] : []), ...checkFaultSettings(sound)];
  return problems.filter((problem) => !isCausedByLeavingOut(problem.pointer, broken));
}

/** The answer an override scripts: one of these left out changes what the others are checked for. */
const ANSWER_FIELDS = ['status', 'example', 'body'];

/**
 * Whether a problem of an override checked without its `leftOut` fields (their shape was wrong) may come from their
 * absence rather than from what was written: an override "setting nothing" (its one answer field was malformed), a
 * status "with no example to answer with" (its example was), a `faultRate` "without a fault", latencies "given both".
 *
 * @example
 * isCausedByLeavingOut('/faultRate', new Set(['fault'])); // true
 * isCausedByLeavingOut('/status', new Set(['when'])); // false: a status the operation lacks, whatever the when
 */
export function isCausedByLeavingOut(pointer: string, leftOut: ReadonlySet<string>): boolean {
  if (pointer === '') return true;
  const field = pointer.split('/')[1]!;
  if (ANSWER_FIELDS.includes(field)) return ANSWER_FIELDS.some((answer) => leftOut.has(answer));
  if (field === 'faultRate') return leftOut.has('fault');
  if (field === 'latency' || field === 'latencyMs') return leftOut.has('latency') || leftOut.has('latencyMs');
  return false;
}

function invalidOverride(problems: OverrideProblem[], what = 'does not fit the spec'): SandboxError {
  const summary = problems.map((problem) => `${problem.pointer || '/'}: ${problem.reason}`).join('; ');
  return new SandboxError('MOCK_ERR_INVALID_OVERRIDE', `The override ${what}: ${summary}`, { problems });
}
