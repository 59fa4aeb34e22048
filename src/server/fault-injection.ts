import type { FastifyReply } from 'fastify';
import { FAULT_INJECTED_HEADER, LATENCY_HEADER, NO_FAULTS, toCorruptedBody, toFaultPlan, type FaultKind, type FaultPlan } from '../engine/faults.js';
import type { ScenarioOverride } from '../engine/scenario.js';
import type { RequestContext } from '../pipeline/request-context.js';

/**
 * Decide this request's faults: its `Prefer: latency/fault` over its scenario override's. The delay is waited out by
 * the caller after the operation ran, so a dropped or broken answer still changed the state, as on a flaky network.
 */
export function decideFaults(context: RequestContext, override: ScenarioOverride | undefined): FaultPlan {
  if (!override && !context.latency && !context.fault) return NO_FAULTS;
  return toFaultPlan(override, { ...(context.latency ? { latency: context.latency } : {}), ...(context.fault ? { fault: context.fault } : {}) });
}

/** Wait out an injected delay and say so in `x-mock-latency-ms`. */
export async function delayReply(reply: FastifyReply, delayMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  reply.header(LATENCY_HEADER, String(delayMs));
}

/**
 * Deliver an answer broken on purpose: the socket destroyed with no answer, or a JSON body that does not parse.
 * Broken bodies carry `x-mock-fault-injected: <kind>` so they are never mistaken for (or checked as) vendor answers.
 */
export function sendWithFault(reply: FastifyReply, status: number, json: string | undefined, fault: FaultKind): void {
  if (fault === 'drop-connection') {
    // A hijacked reply is never logged by Fastify: say here what happened to the request.
    reply.log.info({ fault, status }, `${reply.request.method} ${reply.request.url} -> connection dropped (injected fault)`);
    reply.hijack();
    reply.raw.destroy();
    return;
  }
  reply.header(FAULT_INJECTED_HEADER, fault).header('content-type', 'application/json; charset=utf-8').send(toCorruptedBody(json, fault));
}
