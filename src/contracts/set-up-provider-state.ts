import type { ScenarioCatalogue, SessionRegistry } from '../engine/session-registry.js';
import { currentTotpCode } from '../engine/totp.js';
import { userById } from '../engine/world.js';
import { toSurface, type SurfaceId } from '../surfaces/registry.js';
import { ProviderStateError, resolveProviderState, type ResolvedProviderState } from './provider-states.js';
import { enrolTotp, type SurfacePost } from './totp-enrolment.js';

/** Two states of one interaction need different scenarios (or, on a running sandbox, two runs share a session). */
export class ConflictingStatesError extends ProviderStateError {}

/** Where one provider state is set up: a session of the sandbox, one surface, and how to call that surface. */
export interface ProviderStateTarget {
  sessions: SessionRegistry;
  surface: SurfaceId;
  sessionId: string;
  /** Sends the vendor requests of a TOTP enrolment state into the session. */
  post: SurfacePost;
}

/**
 * Set up one provider state of an interaction in its session: its scenario becomes the session's on the surface, the
 * sentence is checked against that scenario's world (the mock must not pretend), a TOTP enrolment is walked through
 * the vendor API where the state asks for one, and the values for `fromProviderState` are returned. `chosenScenario`
 * is the scenario an earlier state of the same interaction chose: every state of an interaction must agree on one.
 * Shared by `mfa-sandbox verify` (a session per interaction) and a running sandbox's provider-states endpoint.
 *
 * @example
 * await setUpProviderState(target, 'the user has MFA enabled', {}, undefined)
 * // { scenario: 'mfa-enabled', values: { userId: 'usr_ada', totpSecret: 'JBSW...', totpCode: '492039', recoveryCode: '40213377' } }
 */
export async function setUpProviderState(
  target: ProviderStateTarget,
  name: string,
  params: Record<string, unknown>,
  chosenScenario: string | undefined,
): Promise<{ scenario: string; values: Record<string, string> }> {
  const { sessions, surface } = target;
  const state = resolveProviderState(name, params, surface);
  const known = sessions.catalogue.get(surface);
  if (!known?.has(state.scenario)) {
    throw new ProviderStateError(
      `provider state "${name}" needs scenario "${state.scenario}", which ${surface} does not have (it has: ${[...(known?.keys() ?? [])].join(', ')})`,
    );
  }
  if (chosenScenario && chosenScenario !== state.scenario) {
    throw new ConflictingStatesError(
      `provider state "${name}" needs scenario "${state.scenario}" but another state of the same interaction chose "${chosenScenario}"`,
    );
  }
  const { world, nowMs } = await sessions.update(target.sessionId, (session) => {
    if (!chosenScenario) sessions.useScenario(session, state.scenario, surface);
    return { world: sessions.world(session, sessions.scenario(surface, state.scenario)), nowMs: sessions.nowOf(session) };
  });
  // The user as the world files it (a Lerian UUID in lower case, whatever case the pact wrote).
  const userId = sessions.userKey(surface, state.userId);
  const user = userById(world, userId);
  const reason = state.definition.whyNot?.(world, user, userId);
  if (reason) throw new ProviderStateError(`provider state "${name}" does not hold in scenario "${state.scenario}" of ${surface}: ${reason}`);

  if (state.definition.enrolment) {
    const context = { post: target.post, sessionId: target.sessionId, providerState: name, world, userId, nowMs };
    const values = await enrolTotp(surface, state.definition.enrolment, context);
    return { scenario: state.scenario, values: { userId, ...values } };
  }
  // Every state hands back the user it is about, as the world files it: a pact that builds its path from its own state
  // parameter (`fromProviderState('/v1/users/${userId}/mfa', ...)`) reads it back, as Pact users do.
  const values: Record<string, string> = { userId };
  const secret = user?.factors.find((factor) => factor.kind === 'totp' && factor.enabled && factor.secret)?.secret;
  if (state.definition.provides.includes('totpSecret') && secret) values.totpSecret = secret;
  if (state.definition.provides.includes('totpCode') && secret) values.totpCode = currentTotpCode(secret, nowMs);
  if (state.definition.provides.includes('recoveryCode') && user?.recoveryCodes[0]) values.recoveryCode = user.recoveryCodes[0];
  return { scenario: state.scenario, values };
}

/**
 * The names a state hands to `fromProviderState` on a surface, told before any run from its scenario as shipped: what
 * setUpProviderState returns there (a recovery code only where the user has one, or where the surface's TOTP setup
 * hands one out). The vocabulary's list when the catalogue does not name the user (a generated one).
 *
 * @example
 * toProvidedValues(resolveProviderState('the user has verified TOTP setup', {}, 'nest-auth'), 'nest-auth', catalogue) // ['userId', 'totpSecret']
 */
export function toProvidedValues(state: ResolvedProviderState, surface: SurfaceId, catalogue?: ScenarioCatalogue): string[] {
  const { definition } = state;
  if (definition.enrolment) {
    const steps = toSurface(surface).totpEnrolment;
    if (!steps) return [];
    return ['userId', 'totpSecret', ...(definition.enrolment === 'started' ? ['totpCode'] : []), ...(steps.start.recoveryCode ? ['recoveryCode'] : [])];
  }
  const user = catalogue
    ?.get(surface)
    ?.get(state.scenario)
    ?.world.users?.find((candidate) => candidate.id === state.userId);
  if (!user) return ['userId', ...definition.provides];
  const hasTotp = user.factors?.some((factor) => factor.kind === 'totp' && factor.secret !== undefined && factor.enabled !== false) ?? false;
  return ['userId', ...definition.provides.filter((name) => (name === 'recoveryCode' ? (user.recoveryCodes?.length ?? 0) > 0 : hasTotp))];
}
