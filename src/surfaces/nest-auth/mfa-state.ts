import type { Factor, User, World } from '../../engine/world.js';
import type { components } from '../../types/nest-auth.js';
import type { Explanation } from '../../engine/explanation.js';
import { createFactorNames } from '../factor-names.js';

/**
 * What the library's MfaService (2.11.1 `mfa.service.js`) derives from a user and the app's MFA options: the methods
 * a user can use, the devices, the status body, and whether a sign-in needs the MFA step.
 */

export type MfaMethod = components['schemas']['MfaMethod'];
export const factorNames = createFactorNames<MfaMethod>({ email: 'email', sms: 'sms', totp: 'totp' });

/** `mfa.required`, or (sandbox) the scenario's organisation enforcing MFA. */
export function isRequired(world: World): boolean {
  return world.policy.required || (world.org?.mfaEnforced ?? false);
}

/** `mfa.methods`: the app's methods in its own order (client-config shows them even with app MFA off). */
export function offeredMethods(world: World): MfaMethod[] {
  return world.policy.methods.map((kind) => factorNames.toName(kind)).filter((name): name is MfaMethod => name !== undefined);
}

/** `getAvailableMethods`: the offered methods, none when app MFA is off. */
export function configuredMethods(world: World): MfaMethod[] {
  return world.policy.enabled ? offeredMethods(world) : [];
}

/** Most recently used first, never-used devices after them, newest first (`ORDER BY lastUsedAt DESC, createdAt DESC`). */
const byRecency = (a: Factor, b: Factor) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? '') || b.createdAt.localeCompare(a.createdAt);

export function totpDevices(user: User): Factor[] {
  return user.factors.filter((factor) => factor.kind === 'totp').sort(byRecency);
}

const hasVerifiedDevice = (user: User) => user.factors.some((factor) => factor.kind === 'totp' && factor.verified);

export function toDevice(factor: Factor): components['schemas']['MfaDeviceDto'] {
  return {
    id: factor.id,
    deviceName: factor.name,
    method: 'totp',
    lastUsedAt: factor.lastUsedAt ?? null,
    createdAt: factor.createdAt,
    verified: factor.verified,
  };
}

/**
 * `getVerifiedMethods`: totp with a verified device, email for a user with an e-mail address, sms for a user with a
 * phone number, each only when the app offers it, in that order.
 */
export function verifiedMethods(world: World, user: User): MfaMethod[] {
  if (!world.policy.enabled) return [];
  const offered = configuredMethods(world);
  const methods: MfaMethod[] = [];
  if (offered.includes('totp') && hasVerifiedDevice(user)) methods.push('totp');
  if (offered.includes('email') && user.email) methods.push('email');
  if (offered.includes('sms') && user.phone) methods.push('sms');
  return methods;
}

/**
 * `getEnabledMethods` (the login answer's `mfaMethods`): nothing while the user's own MFA is off; else email and sms
 * when offered (whether or not the user has a phone: the library does not look), then totp with a verified device.
 */
export function enabledMethods(world: World, user: User): MfaMethod[] {
  if (!world.policy.enabled || !user.mfaEnabled) return [];
  const offered = configuredMethods(world);
  const methods = (['email', 'sms'] as const).filter((method) => offered.includes(method));
  return hasVerifiedDevice(user) ? [...methods, 'totp'] : methods;
}

/** `isRequiresMfa`: app MFA on, and required for everyone or switched on by the user. */
export function requiresMfa(world: World, user: User): boolean {
  return world.policy.enabled && (isRequired(world) || user.mfaEnabled);
}

/** `canUserToggleMfa`. */
export function canToggle(world: World): boolean {
  return world.policy.allowUserToggle && !isRequired(world);
}

/**
 * Why `canToggle` is false, in the app's configuration words (`mfa.required`, `mfa.allowUserToggle`), which no request
 * changes: the body says only MFA_TOGGLING_NOT_ALLOWED.
 */
export function explainNoToggling(world: World): Explanation {
  const why = !world.policy.allowUserToggle
    ? "the app's mfa.allowUserToggle is false (the scenario's policy.allowUserToggle)"
    : world.policy.required
      ? "the app's mfa.required is true (the scenario's policy.required, as in org-enforced): every user must keep MFA on"
      : "the organisation enforces MFA (the world's org.mfaEnforced): every user must keep MFA on";
  return {
    rule: 'precondition',
    message: `users may not switch MFA on or off here: ${why}`,
    wouldPass: "a scenario whose policy has allowUserToggle: true and required: false (default, mfa-enabled); no request changes the app's configuration",
  };
}

/** The body of `GET /auth/mfa/status` (`MfaController.getStatus`). */
export function toStatus(world: World, user: User): components['schemas']['MfaStatusResponseDto'] {
  const { policy } = world;
  const on = policy.enabled;
  return {
    isEnabled: on && (isRequired(world) || user.mfaEnabled),
    verifiedMethods: verifiedMethods(world, user),
    configuredMethods: configuredMethods(world),
    allowUserToggle: on && policy.allowUserToggle,
    allowMethodSelection: policy.allowMethodSelection,
    totpDevices: on ? totpDevices(user).map(toDevice) : [],
    hasRecoveryCode: on && user.recoveryCodes.length > 0,
    required: isRequired(world),
    canToggle: on && canToggle(world),
  };
}
