import type { Scenario } from '../../src/engine/scenario.js';
import type { ScenarioCatalogue } from '../../src/engine/session-registry.js';
import type { LoadedSpec } from '../../src/openapi/load-spec.js';
import { toRouteDefinitions } from '../../src/openapi/to-route-definitions.js';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import { toSpecRequest } from './spec-requests.js';
import type { Credentials, VendorRequest } from './vendor-request.js';

/** One request of the scenario replay: every scenario of every surface, every operation, built from the spec's examples. */
export interface ScenarioExchange extends VendorRequest {
  scenario: string;
  operationId: string;
  /** The scenario scripts this operation's answer (status, example or body), so a 5xx may be what it asks for. */
  scripted: boolean;
  /** The scenario injects network faults into this operation (a dropped connection, a broken body), on purpose. */
  faults: boolean;
  /** The scenario delays this operation's answers on purpose (latency). */
  delayed: boolean;
}

/** The credentials a scenario's own world offers: its access key (GenAuth) or the first user's bearer token. */
export function scenarioCredentials(surface: SurfaceId, scenario: Scenario): Credentials {
  const { world } = scenario;
  if (surface === 'genauth') {
    const key = world.accessKeys?.[0];
    return key ? { kind: 'access-key', id: key.id, secret: key.secret } : { kind: 'none' };
  }
  const token = world.users?.find((user) => user.token)?.token ?? Object.keys(world.tokens ?? {})[0];
  return token ? { kind: 'bearer', token } : { kind: 'none' };
}

function overridesOf(scenario: Scenario, operationId: string) {
  return scenario.overrides.filter((override) => override.operationId === operationId || override.operationId === '*');
}

/** Whether the scenario scripts the answer of this operation (rather than leaving it to the stateful behaviour). */
export function isScripted(scenario: Scenario, operationId: string): boolean {
  return overridesOf(scenario, operationId).some((override) => override.status !== undefined || override.example !== undefined || override.body !== undefined);
}

/** Whether the scenario delays this operation's answers on purpose (see src/engine/faults.ts). */
export function injectsLatency(scenario: Scenario, operationId: string): boolean {
  return overridesOf(scenario, operationId).some((override) => Boolean(override.latencyMs) || override.latency !== undefined);
}

/** Whether the scenario breaks the delivery of this operation's answers on purpose (see src/engine/faults.ts). */
export function injectsFaults(scenario: Scenario, operationId: string): boolean {
  return overridesOf(scenario, operationId).some((override) => override.fault !== undefined);
}

/**
 * Every scenario's requests, as data: for each surface, scenario and operation, the request the spec's own examples
 * describe, with the scenario's credentials, in one session per surface and scenario (`<sessionPrefix>-<surface>-<scenario>`).
 *
 * @example
 * const { specs, catalogue } = await loadSandboxDefinition(loadConfig({}));
 * toScenarioExchanges(specs, catalogue, 'oracle').length // one per (surface, scenario, operation)
 */
export function toScenarioExchanges(
  specs: ReadonlyMap<SurfaceId, Pick<LoadedSpec<SurfaceId>, 'api'>>,
  catalogue: ScenarioCatalogue,
  sessionPrefix: string,
): ScenarioExchange[] {
  const exchanges: ScenarioExchange[] = [];
  for (const [surface, spec] of specs) {
    for (const scenario of catalogue.get(surface)?.values() ?? []) {
      for (const route of toRouteDefinitions(spec.api)) {
        const request = toSpecRequest(spec.api, route);
        exchanges.push({
          surface,
          scenario: scenario.name,
          operationId: route.operationId,
          scripted: isScripted(scenario, route.operationId),
          faults: injectsFaults(scenario, route.operationId),
          delayed: injectsLatency(scenario, route.operationId),
          method: request.method,
          path: request.path,
          query: request.query,
          ...(request.body === undefined ? {} : { body: request.body }),
          credentials: scenarioCredentials(surface, scenario),
          session: `${sessionPrefix}-${surface}-${scenario.name}`,
        });
      }
    }
  }
  return exchanges;
}
