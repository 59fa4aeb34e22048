import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxError } from '../errors.js';
import type { UnreadBody } from '../pipeline/plain-exchange.js';
import { undecodedBodyOf } from './request-content-encoding.js';

/**
 * How a vendor route answers a request Fastify refused before the route's handler ran (a body over the limit, one it
 * cannot decode or read): through the pipeline, which journals the fault in the session the request names. Those
 * refusals were answered by the app's error handler alone, so `journal?sandboxError=MOCK_ERR_BODY_TOO_LARGE` could
 * never find one. A promise when the answer goes out later (a session store over the network).
 */
export type TransportRefusal = (request: FastifyRequest, reply: FastifyReply, fault: SandboxError) => Promise<void> | undefined;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the surface plugin on every vendor route (see TransportRefusal). */
    refuseBeforeHandler?: TransportRefusal;
  }
}

/** The refusal of the vendor route a request reached, if it reached one. */
export function transportRefusalOf(request: FastifyRequest): TransportRefusal | undefined {
  return request.is404 ? undefined : request.routeOptions.config.refuseBeforeHandler;
}

/** Express's body parser's words for a body over its limit, as it answers every body the sandbox's limit refuses. */
const TOO_LARGE: UnreadBody = { status: 413, reason: 'request entity too large' };

/** Why the transport read none of the body `fault` refused, when the fault is about the body (see PlainRequest.unreadBody). */
export function unreadBodyOf(request: FastifyRequest, fault: SandboxError): UnreadBody | undefined {
  return fault.code === 'MOCK_ERR_BODY_TOO_LARGE' ? TOO_LARGE : undecodedBodyOf(request);
}
