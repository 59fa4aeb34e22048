import type { Scenario, ScenarioOverride } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import { createOperationValidators } from '../openapi/schema-validators.js';
import type { RouteDefinition } from '../openapi/to-route-definitions.js';
import { ScenarioError } from './scenario-problems.js';

function fileOf(scenario: Scenario): string {
  return scenario.file ?? `${scenario.surface}/${scenario.name}.yaml`;
}

/** Fault settings the schema cannot judge alone: an empty override, a range upside down, two latencies, a rate without a fault. */
function checkFaultSettings(override: ScenarioOverride, pointer: string, file: string): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const answers = override.status !== undefined || override.example !== undefined || override.body !== undefined;
  const degrades = override.latencyMs !== undefined || override.latency !== undefined || override.fault !== undefined;
  if (!answers && !degrades) problems.push(new ScenarioError(file, pointer, 'override sets neither an answer (status, example, body) nor a fault (latencyMs, latency, fault)'));
  if (override.latencyMs !== undefined && override.latency !== undefined) problems.push(new ScenarioError(file, `${pointer}/latency`, 'give latencyMs (fixed) or latency (range), not both'));
  if (override.latency && override.latency.min > override.latency.max) {
    problems.push(new ScenarioError(file, `${pointer}/latency`, `min (${override.latency.min}) is greater than max (${override.latency.max})`));
  }
  if (override.faultRate !== undefined && override.fault === undefined) problems.push(new ScenarioError(file, `${pointer}/faultRate`, 'faultRate needs a fault'));
  return problems;
}

/** The problem with an override's scripted answer for one operation, if any: undeclared status, missing example, invalid body. */
function answerProblem(override: ScenarioOverride, route: RouteDefinition): { field: string; problem: string } | undefined {
  const status = override.status ?? 200;
  const response = route.responses.get(status);
  if (!response) return { field: 'status', problem: `${route.operationId} declares no ${status} response` };
  if (override.body !== undefined) {
    const violations = createOperationValidators(route).validateResponse(status, override.body);
    if (violations.length) return { field: 'body', problem: `not a valid ${status} of ${route.operationId}: ${violations[0]}` };
  } else if (override.example !== undefined && !response.examples.has(override.example)) {
    return { field: 'example', problem: `${route.operationId} ${status} has no example "${override.example}"` };
  } else if (override.example === undefined && override.status !== undefined && response.canonicalExample === undefined) {
    return { field: 'status', problem: `${route.operationId} ${status} has no example to answer with; give a body` };
  }
  return undefined;
}

/** Every problem with one override against the spec: unknown operation, fault settings, and its answer for each operation it covers. */
function checkOverride(scenario: Scenario, index: number, routes: RouteDefinition[], file: string): ScenarioError[] {
  const override = scenario.overrides[index]!;
  const pointer = `/overrides/${index}`;
  const targets = override.operationId === '*' ? routes : routes.filter((route) => route.operationId === override.operationId);
  if (targets.length === 0) {
    return [new ScenarioError(file, `${pointer}/operationId`, `no operation "${override.operationId}" in the ${scenario.surface} spec`), ...checkFaultSettings(override, pointer, file)];
  }
  const problems = checkFaultSettings(override, pointer, file);
  // An override with only fault settings keeps the stateful answer: there is no scripted response to check.
  if (override.status === undefined && override.example === undefined && override.body === undefined) return problems;
  // For "*", one problem per field, naming every operation it breaks, rather than one line per operation.
  const byField = new Map<string, string[]>();
  for (const route of targets) {
    const found = answerProblem(override, route);
    if (found) byField.set(found.field, [...(byField.get(found.field) ?? []), found.problem]);
  }
  for (const [field, messages] of byField) problems.push(new ScenarioError(file, `${pointer}/${field}`, messages.join('; ')));
  return problems;
}

function checkWorld(scenario: Scenario, file: string): ScenarioError[] {
  const problems: ScenarioError[] = [];
  const seen = new Set<string>();
  (scenario.world.users ?? []).forEach((user, index) => {
    if (seen.has(user.id)) problems.push(new ScenarioError(file, `/world/users/${index}/id`, `duplicate user id "${user.id}"`));
    seen.add(user.id);
    if (user.primaryMethod && !(user.factors ?? []).some((factor) => factor.kind === user.primaryMethod)) {
      problems.push(new ScenarioError(file, `/world/users/${index}/primaryMethod`, `user has no ${user.primaryMethod} factor`));
    }
    (user.factors ?? []).forEach((factor, f) => {
      if (factor.kind === 'totp' && !factor.secret) problems.push(new ScenarioError(file, `/world/users/${index}/factors/${f}/secret`, 'a totp factor needs a secret'));
    });
  });
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
    for (const scenario of scenarios.values()) {
      const file = fileOf(scenario);
      problems.push(...checkWorld(scenario, file));
      scenario.overrides.forEach((_override, index) => problems.push(...checkOverride(scenario, index, routes, file)));
    }
  }
  return problems;
}
