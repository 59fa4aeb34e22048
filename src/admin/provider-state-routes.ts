import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SandboxError } from '../errors.js';
import { SESSION_ID_PATTERN, SESSION_ID_RULE, type SessionRegistry } from '../engine/session-registry.js';
import { ProviderStateError } from '../contracts/provider-states.js';
import { createSessionProviderStates, type StateChange } from '../contracts/session-provider-states.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { toServedSurfaceOf } from './served-surface.js';

export interface ProviderStateRoutesOptions {
  sessions: SessionRegistry;
  /** URL prefix each served surface is mounted under ('' when one surface is served at `/`). */
  prefixes: ReadonlyMap<SurfaceId, string>;
}

const USAGE = 'body must be Pact\'s state change: {"state": "<provider state>", "params"?: {...}, "action"?: "setup" | "teardown"}';

function toStateChange(body: unknown): StateChange {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', USAGE);
  const { state, params = {}, action = 'setup' } = body as Record<string, unknown>;
  if (typeof state !== 'string' || typeof params !== 'object' || params === null || Array.isArray(params) || (action !== 'setup' && action !== 'teardown')) {
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', USAGE);
  }
  return { state, params: params as Record<string, unknown>, action };
}

/**
 * `POST /__admin/sessions/{id}/provider-states?surface=<id>`: Pact's `providerStatesSetupUrl` on a running sandbox, for
 * a team that verifies with Pact's own Verifier (a Pact Broker, its selectors, publishing results) instead of
 * `mfa-sandbox verify`. Its requests go to the session through the `/s/{id}/` prefix of `providerBaseUrl`; each
 * interaction starts that session afresh (session-provider-states.ts). A state the sandbox cannot set up answers 422,
 * which fails its interaction (the verifier reports a failed state change), never a silent default.
 */
export function providerStateRoutes(app: FastifyInstance, { sessions, prefixes }: ProviderStateRoutesOptions): void {
  // The enrolment states walk the vendor's API: into this server itself, as a client in the session would.
  const states = createSessionProviderStates(sessions, (surface) => async (path, headers, body) => {
    const answer = await app.inject({ method: 'POST', url: `${prefixes.get(surface) ?? ''}${path}`, headers, payload: body });
    return { status: answer.statusCode, text: answer.body };
  });

  // Pact's verifier reports only the status of a refused state change: the reason goes to the sandbox's log too, also
  // for a body refused before the handler runs (not JSON, or sent as text/plain by a team's own state-change proxy).
  const logRefusal = (request: FastifyRequest, _reply: FastifyReply, error: Error, done: () => void) => {
    if (error instanceof SandboxError) {
      request.log.warn(`provider state of session ${JSON.stringify((request.params as { id: string }).id)} not set up: ${error.message}`);
    }
    done();
  };

  app.post('/sessions/:id/provider-states', { onError: logRefusal }, async (request) => {
    const id = (request.params as { id: string }).id;
    if (!SESSION_ID_PATTERN.test(id)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `session ids ${SESSION_ID_RULE}`);
    const surface = toSurfaceOf((request.query as { surface?: unknown }).surface, prefixes);
    const change = toStateChange(request.body);
    try {
      const { values, warning } = await states.change(id, surface, change);
      if (warning) request.log.warn(warning);
      return values;
    } catch (error) {
      if (!(error instanceof ProviderStateError)) throw error;
      throw new SandboxError('MOCK_ERR_PROVIDER_STATE', `on ${surface}: ${error.message}`, { state: change.state });
    }
  });
}

/** The `surface` query parameter; optional when the sandbox serves one surface. */
function toSurfaceOf(raw: unknown, prefixes: ReadonlyMap<SurfaceId, string>): SurfaceId {
  const served = [...prefixes.keys()];
  if (raw === undefined && served.length === 1) return served[0]!;
  if (raw === undefined)
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `query parameter surface: name the surface the pact is for (${served.join(', ')})`);
  if (Array.isArray(raw)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', 'query parameter surface: give it once');
  return toServedSurfaceOf(prefixes)(raw);
}
