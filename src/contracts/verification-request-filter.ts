import type { SessionRegistry } from '../engine/session-registry.js';
import { SandboxError, toErrorAnswer } from '../errors.js';
import { SESSION_HEADER } from '../pipeline/request-context.js';
import { toSurface, type SurfaceId } from '../surfaces/registry.js';
import type { ReplayedRequest } from '../surfaces/surface-descriptor.js';
import type { ProviderStateHandler } from './provider-state-handler.js';

/** The parts of the verifier proxy's (Express) request the filter reads and changes. */
export type FilteredRequest = ReplayedRequest;

/** The part of the verifier proxy's (Express) response the filter uses to answer at once. */
export interface FilteredResponse {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
}

export type RequestFilter = (request: FilteredRequest, response: FilteredResponse, next: () => void) => void;

/**
 * A recorded request with a body but no Content-Type: the verifier's proxy parses bodies by their type, so it forwards
 * this one's length without its bytes, and the sandbox would wait for them until its request timeout (30 s each).
 */
function hasUntypedBody(request: FilteredRequest): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return (length > 0 || request.headers['transfer-encoding'] !== undefined) && request.headers['content-type'] === undefined;
}

const UNTYPED_BODY = new SandboxError(
  'MOCK_ERR_BAD_REQUEST',
  "the pact's request has a body but no Content-Type header: record the Content-Type your client sends with it (the Pact verifier's proxy cannot pass an untyped body on)",
);

/**
 * The verifier's request filter: put each interaction's request in its own session, and sign it again where the
 * vendor signs requests (GenAuth: a pact cannot hold a valid signature, it covers the date and a one-time nonce).
 *
 * @example
 * new Verifier({ ..., requestFilter: createVerificationRequestFilter({ handler, sessions, surface: 'genauth' }) })
 */
export function createVerificationRequestFilter(options: { handler: ProviderStateHandler; sessions: SessionRegistry; surface: SurfaceId }): RequestFilter {
  return (request, response, next) => {
    if (hasUntypedBody(request)) {
      const answer = toErrorAnswer(UNTYPED_BODY);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
      return;
    }
    const sessionId = options.handler.sessionForRequest();
    request.headers[SESSION_HEADER] = sessionId;
    const signing = toSurface(options.surface).requestSigning;
    if (signing) {
      // Signed with a key of the session's current world, as an SDK signs at send time; the mock checks it for real.
      const { sessions, surface } = options;
      const signed = sessions.update(sessionId, (session) => ({
        world: sessions.world(session, sessions.scenarioFor(session, surface)),
        nowMs: sessions.nowOf(session),
      }));
      // Pact verification runs on the embedded memory store, whose answer is immediate.
      if (signed instanceof Promise) throw new Error('Pact verification needs the memory state store');
      signing.sign(request, signed.world, signed.nowMs);
    }
    next();
  };
}
