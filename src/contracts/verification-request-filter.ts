import type { SessionRegistry } from '../engine/session-registry.js';
import { SESSION_HEADER } from '../pipeline/request-context.js';
import { toSurface, type SurfaceId } from '../surfaces/registry.js';
import type { ReplayedRequest } from '../surfaces/surface-descriptor.js';
import type { ProviderStateHandler } from './provider-state-handler.js';

/** The parts of the verifier proxy's (Express) request the filter reads and changes. */
export type FilteredRequest = ReplayedRequest;

export type RequestFilter = (request: FilteredRequest, response: unknown, next: () => void) => void;

/**
 * The verifier's request filter: put each interaction's request in its own session, and sign it again where the
 * vendor signs requests (GenAuth: a pact cannot hold a valid signature, it covers the date and a one-time nonce).
 *
 * @example
 * new Verifier({ ..., requestFilter: createVerificationRequestFilter({ handler, sessions, surface: 'genauth' }) })
 */
export function createVerificationRequestFilter(options: { handler: ProviderStateHandler; sessions: SessionRegistry; surface: SurfaceId }): RequestFilter {
  return (request, _response, next) => {
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
