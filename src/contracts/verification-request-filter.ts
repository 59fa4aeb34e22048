import { randomUUID } from 'node:crypto';
import type { SessionRegistry } from '../engine/session-registry.js';
import { parseAuthorization, sign, toHeaderPrefix, toStringToSign, type SignatureFlavour } from '../surfaces/genauth/request-signature.js';
import { SESSION_HEADER } from '../pipeline/request-context.js';
import type { SurfaceId } from '../surfaces/surface-ids.js';
import type { ProviderStateHandler } from './provider-state-handler.js';

/** The parts of the verifier proxy's (Express) request the filter reads and changes. */
export interface FilteredRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export type RequestFilter = (request: FilteredRequest, response: unknown, next: () => void) => void;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Re-sign a GenAuth request with the access key of the session's scenario. A pact cannot hold a valid signature (it
 * covers the date and a one-time nonce), so the recorded one is replaced, as an SDK would sign at send time; the mock
 * still checks the new signature for real. Pacts in either flavour (GenAuth / authing) keep their flavour.
 */
function signGenAuthRequest(request: FilteredRequest, sessions: SessionRegistry, sessionId: string): void {
  const session = sessions.session(sessionId);
  const world = sessions.world(session, sessions.scenarioFor(session, 'genauth'));
  const presented = parseAuthorization(single(request.headers.authorization));
  const keys = Object.entries(world.accessKeys);
  const key = keys.find(([id]) => id === presented?.accessKeyId) ?? keys[0];
  if (!key) return; // a scenario without access keys: the mock answers invalidSignature, as it should
  const flavour: SignatureFlavour = presented?.flavour ?? 'genauth';
  const prefix = toHeaderPrefix(flavour);
  request.headers.date = new Date().toUTCString();
  request.headers[`${prefix}signature-nonce`] = randomUUID().replaceAll('-', '');
  request.headers[`${prefix}signature-method`] ??= 'HMAC-SHA1';
  request.headers[`${prefix}signature-version`] ??= '1.0';
  const [path = '/', query = ''] = request.url.split('?');
  const fields = request.method.toUpperCase() === 'GET' ? Object.fromEntries(new URLSearchParams(query)) : ((request.body ?? {}) as Record<string, unknown>);
  const signature = sign(key[1], toStringToSign(request.method, path, request.headers, fields, flavour));
  request.headers.authorization = `${flavour === 'genauth' ? 'GenAuth' : 'authing'} ${key[0]}:${signature}`;
}

/**
 * The verifier's request filter: put each interaction's request in its own session, and sign GenAuth requests.
 *
 * @example
 * new Verifier({ ..., requestFilter: createVerificationRequestFilter({ handler, sessions, surface: 'genauth' }) })
 */
export function createVerificationRequestFilter(options: { handler: ProviderStateHandler; sessions: SessionRegistry; surface: SurfaceId }): RequestFilter {
  return (request, _response, next) => {
    const sessionId = options.handler.sessionForRequest();
    request.headers[SESSION_HEADER] = sessionId;
    if (options.surface === 'genauth') signGenAuthRequest(request, options.sessions, sessionId);
    next();
  };
}
