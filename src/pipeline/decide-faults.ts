import { NO_FAULTS, toFaultPlan, type FaultPlan } from '../engine/injected-faults.js';
import type { ScenarioOverride } from '../engine/scenario.js';
import type { RequestContext } from './request-context.js';

/**
 * Decide this request's faults: its `Prefer: latency/fault` over its scenario override's. The delay is waited out by
 * the transport after the operation ran, so a dropped or broken answer still changed the state, as on a flaky network.
 */
export function decideFaults(context: RequestContext, override: ScenarioOverride | undefined, random: () => number): FaultPlan {
  if (!override && !context.latency && !context.fault) return NO_FAULTS;
  return toFaultPlan(override, { ...(context.latency ? { latency: context.latency } : {}), ...(context.fault ? { fault: context.fault } : {}) }, random);
}

/**
 * Whether an override that only shapes the delivery shaped this one: its latency (the request asked for none of its
 * own), its fault (the request asked for none, and the override's fault rate let it happen) or its headers (always
 * added). Only then did it answer the request, and only then does a `times` count it.
 */
export function isOverrideApplied(context: RequestContext, override: ScenarioOverride, plan: FaultPlan): boolean {
  // `latencyMs: 0` applies too (no delay), as `latency: { min: 0, max: 0 }` does: it answered, and a `times` counts it.
  // A slow-body override's latency is its body's time: a request its fault rate skipped got nothing from it.
  const skippedSlowBody = override.fault === 'slow-body' && !context.fault && plan.fault === undefined;
  const latency = !context.latency && (override.latency ?? override.latencyMs) !== undefined && !skippedSlowBody;
  const fault = !context.fault && override.fault !== undefined && plan.fault !== undefined;
  return latency || fault || override.headers !== undefined;
}
