import type { Scenario, ScenarioUser } from '../engine/scenario.js';
import type { MfaPolicy } from '../engine/world.js';

/**
 * The scenario settings a vendor's behaviour never reads, each with what to write instead. The scenario file's schema
 * is one for every surface (a world holds what any vendor needs), so a field meant for another vendor passes its
 * shape check and would change nothing: `check` and a start warn of it (src/scenarios/ignored-field-warnings.ts).
 */
export interface IgnoredWorldFields {
  /** Fields of `world`. */
  readonly world?: Readonly<Partial<Record<keyof Scenario['world'], string>>>;
  /** Fields of each user of `world.users`. */
  readonly user?: Readonly<Partial<Record<keyof ScenarioUser, string>>>;
  /** Fields of `world.policy` (for a surface that reads the policy, but not all of it). */
  readonly policy?: Readonly<Partial<Record<keyof MfaPolicy, string>>>;
}

// What the vendors that authenticate with bearer tokens write instead of another vendor's credentials and ids.
export const BEARER_NOT_ACCESS_KEYS = "only GenAuth signs requests with access keys; this vendor's users authenticate with their bearer `token`";
export const ID_NOT_ALIASES = 'only GenAuth finds a user by another id (its userIdType); requests name the user by `id`';
export const TOKEN_NOT_PASSWORD = "only nest-auth signs users in with a password; this vendor's users authenticate with their bearer `token`";
/** nest-auth's module options (the app's name in an authenticator, its trusted devices); no other vendor has them. */
export const NEST_AUTH_MODULE_OPTIONS_ONLY = {
  appName: "only nest-auth takes its TOTP issuer and device names from an appName; this vendor's issuer is its own (leave it out)",
  totpIssuer: "only nest-auth's TOTP issuer is a setting (mfa.totp.issuer); this vendor's issuer is its own (leave it out)",
  trustedDeviceSecret: 'only nest-auth has trusted devices (mfa.trustedDeviceSecret); this vendor has none (leave it out)',
} as const;

/** Flashback's answers read one policy setting: `required` (GET /mfa/status's isRequired). */
const FLASHBACK_POLICY_REQUIRED_ONLY = "Flashback reads only policy.required: a user's methods are the factors the user has (give the user factors)";
export const FLASHBACK_IGNORED_POLICY = {
  ...NEST_AUTH_MODULE_OPTIONS_ONLY,
  enabled: FLASHBACK_POLICY_REQUIRED_ONLY,
  methods: FLASHBACK_POLICY_REQUIRED_ONLY,
  allowUserToggle: FLASHBACK_POLICY_REQUIRED_ONLY,
  allowMethodSelection: FLASHBACK_POLICY_REQUIRED_ONLY,
  applications: 'only GenAuth has per-application MFA settings',
} as const;

/** GenAuth's management API reads the pool's factors and each application's: no user chooses or turns MFA off there. */
const GENAUTH_POLICY_FACTORS_ONLY = "the GenAuth management API reads the pool's factors (`methods`) and each application's (`applications`)";
export const GENAUTH_IGNORED_POLICY = {
  ...NEST_AUTH_MODULE_OPTIONS_ONLY,
  allowUserToggle: GENAUTH_POLICY_FACTORS_ONLY,
  allowMethodSelection: GENAUTH_POLICY_FACTORS_ONLY,
} as const;

export const NEST_AUTH_IGNORED_POLICY = { applications: 'only GenAuth has per-application MFA settings' } as const;
