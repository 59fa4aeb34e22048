import type { FastifyReply } from 'fastify';
import { FAULT_INJECTED_HEADER, LATENCY_HEADER, NO_FAULTS, toCorruptedBody, toFaultPlan, type FaultKind, type FaultPlan } from '../engine/faults.js';
import type { ScenarioOverride } from '../engine/scenario.js';
import type { RequestContext } from './request-context.js';
import type { OperationResult } from './surface-behaviour.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Decide this request's faults (its `Prefer: latency/fault` over its scenario override's) and wait out the delay.
 * Runs after the operation, so a dropped or broken answer still changed the state, as on a real flaky network.
 */
export async function decideFaultsAndDelay(context: RequestContext, override: ScenarioOverride | undefined, reply: FastifyReply): Promise<FaultPlan> {
  if (!override && !context.latency && !context.fault) return NO_FAULTS;
  const plan = toFaultPlan(override, { ...(context.latency ? { latency: context.latency } : {}), ...(context.fault ? { fault: context.fault } : {}) });
  if (plan.delayMs > 0) {
    await sleep(plan.delayMs);
    reply.header(LATENCY_HEADER, String(plan.delayMs));
  }
  return plan;
}

/**
 * Deliver an answer broken on purpose: the socket destroyed with no answer, or a JSON body that does not parse.
 * Broken bodies carry `x-mock-fault-injected: <kind>` so they are never mistaken for (or checked as) vendor answers.
 */
export function sendWithFault(reply: FastifyReply, result: OperationResult, fault: FaultKind): void {
  if (fault === 'drop-connection') {
    // A hijacked reply is never logged by Fastify: say here what happened to the request.
    reply.log.info({ fault, status: result.status }, `${reply.request.method} ${reply.request.url} -> connection dropped (injected fault)`);
    reply.hijack();
    reply.raw.destroy();
    return;
  }
  const json = result.body === undefined ? undefined : JSON.stringify(result.body);
  reply.header(FAULT_INJECTED_HEADER, fault).header('content-type', 'application/json; charset=utf-8').send(toCorruptedBody(json, fault));
}
