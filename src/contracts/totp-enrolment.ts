import { currentTotpCode } from '../engine/totp.js';
import type { World } from '../engine/world.js';
import { PROVIDER_STATE_HEADER, SESSION_HEADER } from '../pipeline/request-context.js';
import { toSurface, type SurfaceId } from '../surfaces/registry.js';
import { ProviderStateError, type EnrolmentStep } from './provider-states.js';

/**
 * Walks a TOTP enrolment through each vendor's own API (the steps its descriptor declares), as the consumer's earlier steps would have, so that a pact
 * step like "verify the code" meets a real pending setup. A consumer cannot know a live TOTP code or a fresh secret;
 * the provider state hands them over (`fromProviderState('${totpCode}', '123456')`). Nothing here bypasses the mock:
 * the secret is the one the mock issued and the code is what an authenticator would show right now.
 */

/**
 * Sends one POST of the enrolment to the surface (`path` under its base URL, e.g. `/mfa/setup`): over HTTP to the
 * sandbox `verify` started, or into the serving app itself (`app.inject`) when a running sandbox sets up the state.
 */
export type SurfacePost = (path: string, headers: Record<string, string>, body: string) => Promise<{ status: number; text: string }>;

/** A SurfacePost over HTTP to a surface's base URL, e.g. `http://127.0.0.1:5123/flashback`. */
export function postOverHttp(surfaceUrl: string): SurfacePost {
  return async (path, headers, body) => {
    const response = await fetch(`${surfaceUrl}${path}`, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  };
}

export interface EnrolmentContext {
  post: SurfacePost;
  sessionId: string;
  /** The provider state being set up: its requests say so, and the session's journal marks them as the sandbox's. */
  providerState: string;
  /** The session's world for the scenario (to find credentials for the user). */
  world: World;
  userId: string;
  /** The session's time (its clock), for the codes an authenticator would show. */
  nowMs: number;
}

export interface EnrolmentValues {
  totpSecret: string;
  totpCode?: string;
  recoveryCode?: string;
}

/** A bearer token of the user, or (for Lerian, where operators manage users) of an administrator. */
function tokenFor(context: EnrolmentContext, allowAdministrator: boolean): string {
  const own = Object.entries(context.world.tokens).find(([, userId]) => userId === context.userId)?.[0];
  if (own) return own;
  const administrator = Object.values(context.world.users).find((user) => user.role === 'ADMINISTRATOR' || user.role === 'OWNER');
  const delegated = administrator && Object.entries(context.world.tokens).find(([, userId]) => userId === administrator.id)?.[0];
  if (allowAdministrator && delegated) return delegated;
  throw new ProviderStateError(`no bearer token for user ${context.userId} in this scenario, so the sandbox cannot start a TOTP setup for them`);
}

/** POST to the surface and return its 200 body; the descriptor's enrolment steps read what they need from it. */
async function callVendor(context: EnrolmentContext, token: string, path: string, body: unknown): Promise<unknown> {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    [SESSION_HEADER]: context.sessionId,
    [PROVIDER_STATE_HEADER]: encodeURIComponent(context.providerState),
  };
  const { status, text } = await context.post(path, headers, JSON.stringify(body));
  if (status !== 200) throw new ProviderStateError(`POST ${path} answered ${status} while preparing the state: ${text}`);
  return JSON.parse(text) as unknown;
}

/**
 * Start (and for `verified`, confirm) a TOTP setup for the user through the surface's API.
 * After `verified`, no `totpCode` is provided: the current code was just used, and the vendors refuse a replay.
 *
 * @example
 * await enrolTotp('lerian', 'started', context) // { totpSecret: 'KRSX...', totpCode: '492039', recoveryCode: 'a1b2c3d4e5' }
 */
export async function enrolTotp(surface: SurfaceId, step: EnrolmentStep, context: EnrolmentContext): Promise<EnrolmentValues> {
  const steps = toSurface(surface).totpEnrolment;
  if (!steps)
    throw new ProviderStateError(`${surface} has no TOTP enrolment API (MFA is switched on for a user with set-mfa-status), so TOTP setup states do not apply`);
  const token = tokenFor(context, steps.administratorMayAct === true);
  const started = await callVendor(context, token, steps.start.path(context.userId), steps.start.body);
  const secret = steps.start.secret(started);
  const recovery = steps.start.recoveryCode ? { recoveryCode: steps.start.recoveryCode(started) } : {};
  if (step === 'started') return { totpSecret: secret, totpCode: currentTotpCode(secret, context.nowMs), ...recovery };
  const verified = await callVendor(context, token, steps.verify.path(context.userId), steps.verify.body(secret, currentTotpCode(secret, context.nowMs)));
  if (steps.verify.confirmed && !steps.verify.confirmed(verified)) {
    throw new ProviderStateError(`the sandbox refused the current code for the secret it issued: ${JSON.stringify(verified)}`);
  }
  return { totpSecret: secret, ...recovery };
}
