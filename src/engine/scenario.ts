import type { LockoutSetting } from './code-attempts.js';
import { toGeneratedUsers, type GenerateUsersSetting } from './generated-users.js';
import type { FaultSettings } from './injected-faults.js';
import { fitsConditions, type OverrideConditions, type RequestParts } from './override-conditions.js';
import type { UserIdRule } from './user-ids.js';
import { PasskeyKeyError, publicKeyOfPrivateKey, toCosePublicKey, toSpkiPublicKey } from './passkey-keys.js';
import { FACTOR_KINDS, type FactorKind, type MfaPolicy, type PasskeyCredential, type Role, type User, type UserAliases, type World } from './world.js';

/** A factor as a scenario file declares it; ids and timestamps are filled in. */
export interface ScenarioFactor {
  /** Defaults to `<user id>-<kind>-<n>`; a vendor whose ids have a shape (nest-auth device UUIDs) declares its own. */
  id?: string;
  kind: FactorKind;
  name?: string;
  secret?: string;
  verified?: boolean;
  enabled?: boolean;
  credential?: ScenarioCredential;
}

/**
 * A scenario's passkey: its COSE public key, or a PKCS#8 private key (base64url, a test key) whose public key the
 * sandbox reads from it; with the private key the sandbox can hand the passkey to a browser (Playwright).
 */
export interface ScenarioCredential {
  id: string;
  publicKey?: string;
  privateKey?: string;
  counter?: number;
}

/** The COSE public key of a scenario's passkey, or why it has none (a problem the scenario check reports). */
export function toScenarioPublicKey(credential: ScenarioCredential): { publicKey: string } | { problem: string } {
  try {
    const carried = credential.privateKey === undefined ? undefined : publicKeyOfPrivateKey(credential.privateKey);
    if (credential.publicKey === undefined) {
      return carried === undefined
        ? { problem: 'a passkey needs a publicKey, or a privateKey that carries its public key' }
        : { publicKey: toCosePublicKey(carried) };
    }
    if (carried !== undefined && carried !== toSpkiPublicKey(credential.publicKey)) return { problem: 'privateKey and publicKey are not one key pair' };
    return { publicKey: credential.publicKey };
  } catch (error) {
    if (error instanceof PasskeyKeyError) return { problem: error.message };
    throw error;
  }
}

/**
 * The public key of each declared passkey, read once: a scenario is immutable once loaded, and reading the key out of
 * a private key is pure-JS ASN.1 and curve work that every new session's world repeated, keeping its own copy of it.
 */
const scenarioPublicKeys = new WeakMap<ScenarioCredential, string>();

function toCredential(declared: ScenarioCredential): PasskeyCredential {
  let publicKey = scenarioPublicKeys.get(declared);
  if (publicKey === undefined) {
    const key = toScenarioPublicKey(declared);
    // A scenario the boot check refused never serves; should one get here, an empty key verifies nothing.
    publicKey = 'publicKey' in key ? key.publicKey : '';
    scenarioPublicKeys.set(declared, publicKey);
  }
  return {
    id: declared.id,
    publicKey,
    counter: declared.counter ?? 0,
    ...(declared.privateKey === undefined ? {} : { privateKey: declared.privateKey }),
  };
}

export interface ScenarioUser {
  id: string;
  email: string;
  username?: string;
  name?: string;
  phone?: string;
  phoneCountryCode?: string;
  /** For vendors with a sign-in route (nest-auth login); each surface documents its default. */
  password?: string;
  token?: string;
  role?: Role;
  active?: boolean;
  locked?: boolean;
  primaryMethod?: FactorKind;
  factors?: ScenarioFactor[];
  recoveryCodes?: string[];
  aliases?: UserAliases;
}

/**
 * A scripted answer for one operation (or `*` for every operation), instead of the stateful behaviour. An override
 * with only fault settings (latency, fault) keeps the stateful answer and degrades its delivery.
 */
export interface ScenarioOverride extends FaultSettings {
  operationId: string;
  /** HTTP status to answer with; defaults to 200. */
  status?: number;
  /** Named example of that status in the spec; defaults to the canonical (first) one. */
  example?: string;
  /** A literal body; wins over `example`. Checked against the spec at boot. */
  body?: unknown;
  /**
   * Response headers added to the answer the override gives (`Retry-After` on a 429 or 503): its scripted answer, or
   * with no status, example or body, the usual answer. Never the ones that frame the message or the sandbox's own.
   */
  headers?: Record<string, string>;
  /** Answer only the requests that fit (a user's token, a path parameter, a body field); without it, every request. */
  when?: OverrideConditions;
}

/** A scenario as loaded from `scenarios/<surface>/<name>.yaml`. */
export interface Scenario {
  name: string;
  surface: string;
  description: string;
  world: {
    org?: { id: string; name: string; mfaEnforced?: boolean } | null;
    policy?: Partial<Omit<MfaPolicy, 'applications'>> & { applications?: Record<string, { enabledFactors: FactorKind[] }> };
    users?: ScenarioUser[];
    /** Extra bearer tokens (token -> user id); the user need not exist, which is how missing-user keeps a valid token. */
    tokens?: Record<string, string>;
    accessKeys?: Array<{ id: string; secret: string }>;
    /** Many users made by json-schema-faker next to the named ones (engine/generated-users.ts). */
    generate?: GenerateUsersSetting;
  };
  overrides: ScenarioOverride[];
  /** Opt-in attempt limit: a user is locked after this many wrong codes in a row (engine/code-attempts.ts). */
  lockout?: LockoutSetting;
  /** The file it was read from, for messages (a later scenarios directory can replace a shipped file of the same name). */
  file?: string;
}

export const DEFAULT_POLICY: MfaPolicy = {
  enabled: true,
  methods: ['totp', 'email'],
  allowUserToggle: true,
  allowMethodSelection: true,
  required: false,
  applications: {},
};

/** A fixed point in time for factors a scenario declares, so state dumps are stable. */
const SCENARIO_EPOCH = '2026-01-01T00:00:00.000Z';

/** The ids of a declared user's factors that the scenario does not name: made once, so sessions share the strings. */
const defaultFactorIds = new WeakMap<ScenarioUser, string[]>();

function factorIdsOf(declared: ScenarioUser): string[] {
  let ids = defaultFactorIds.get(declared);
  if (!ids) {
    ids = (declared.factors ?? []).map((factor, index) => factor.id ?? `${declared.id}-${factor.kind}-${index + 1}`);
    defaultFactorIds.set(declared, ids);
  }
  return ids;
}

/** A declared user as a world holds it, filed under `id` (the declared one in the vendor's stored spelling). */
function toUser(declared: ScenarioUser, id: string): User {
  const ids = factorIdsOf(declared);
  const factors = (declared.factors ?? []).map((factor, index) => ({
    id: ids[index]!,
    kind: factor.kind,
    name: factor.name ?? factor.kind,
    verified: factor.verified ?? true,
    enabled: factor.enabled ?? true,
    ...(factor.secret ? { secret: factor.secret } : {}),
    ...(factor.credential ? { credential: toCredential(factor.credential) } : {}),
    createdAt: SCENARIO_EPOCH,
  }));
  const enabled = FACTOR_KINDS.filter((kind) => factors.some((f) => f.kind === kind && f.enabled && f.verified));
  return {
    id,
    email: declared.email,
    ...(declared.username ? { username: declared.username } : {}),
    ...(declared.name ? { name: declared.name } : {}),
    ...(declared.phone ? { phone: declared.phone } : {}),
    ...(declared.phoneCountryCode ? { phoneCountryCode: declared.phoneCountryCode } : {}),
    ...(declared.password ? { password: declared.password } : {}),
    role: declared.role ?? 'MEMBER',
    active: declared.active ?? true,
    locked: declared.locked ?? false,
    mfaEnabled: enabled.length > 0,
    ...(enabled.length > 0 ? { primaryMethod: declared.primaryMethod ?? enabled[0] } : {}),
    factors,
    recoveryCodes: [...(declared.recoveryCodes ?? [])],
    pending: {},
    ...(declared.aliases ? { aliases: structuredClone(declared.aliases) } : {}),
  };
}

// Generating hundreds of users costs json-schema-faker a few hundred milliseconds: done once per loaded scenario, on its
// first use, then copied into each session's world like the named users. The result depends only on the (immutable)
// scenario, so the cache cannot make a unit of work that runs twice behave differently.
const generatedUsers = new WeakMap<GenerateUsersSetting, ScenarioUser[]>();

/** The scenario's generated users (none without `world.generate`), made on first use and kept. */
export function generatedUsersOf(scenario: Scenario): ScenarioUser[] {
  const setting = scenario.world.generate;
  if (!setting) return [];
  let users = generatedUsers.get(setting);
  if (!users) {
    const named = scenario.world.users ?? [];
    users = toGeneratedUsers(setting, scenario.surface, {
      ids: new Set([...named.map((user) => user.id), ...Object.values(scenario.world.tokens ?? {})]),
      emails: new Set(named.map((user) => user.email)),
    });
    generatedUsers.set(setting, users);
  }
  return users;
}

/**
 * The starting world of a scenario: a fresh deep copy every time, so sessions never share state. With the surface's
 * `userIds` rule, users (and the users tokens name) are filed under the ids as the vendor stores them (Lerian's UUIDs
 * in lower case), so a scenario's `019C96A0-...` is the user a request's `019c96a0-...` finds.
 *
 * @example
 * const world = toWorld(scenario); world.users['user-1'].factors // [{ kind: 'totp', ... }]
 */
export function toWorld(scenario: Scenario, userIds?: UserIdRule): World {
  const stored = (id: string) => userIds?.toStored(id) ?? id;
  const declared = [...(scenario.world.users ?? []), ...generatedUsersOf(scenario)];
  const users = declared.map((user) => toUser(user, stored(user.id)));
  const tokens: Record<string, string> = {};
  for (const [token, userId] of Object.entries(scenario.world.tokens ?? {})) tokens[token] = stored(userId);
  for (const user of declared) if (user.token) tokens[user.token] = stored(user.id);
  const { applications, ...policy } = scenario.world.policy ?? {};
  return {
    surface: scenario.surface,
    scenario: scenario.name,
    org: scenario.world.org ? { mfaEnforced: false, ...scenario.world.org } : null,
    users: Object.fromEntries(users.map((user) => [user.id, user])),
    tokens,
    mfaVerifiedTokens: [],
    preMfaTokens: [],
    trustTokens: {},
    signInSessions: {},
    accessKeys: Object.fromEntries((scenario.world.accessKeys ?? []).map((key) => [key.id, key.secret])),
    policy: { ...DEFAULT_POLICY, ...policy, applications: structuredClone(applications ?? {}) },
    outbox: [],
    magicLinks: {},
    sentCodes: [],
    challenges: [],
    seenSignatures: [],
  };
}

/**
 * The override that answers this request in this scenario, if any: the first for its exact operationId whose `when`
 * the request fits, else the first such `*` one.
 */
export function findOverride(scenario: Scenario, operationId: string, request: RequestParts): ScenarioOverride | undefined {
  const { overrides } = scenario;
  if (overrides.length === 0) return undefined;
  return firstFitting(overrides, operationId, request) ?? firstFitting(overrides, '*', request);
}

function firstFitting(overrides: readonly ScenarioOverride[], operationId: string, request: RequestParts): ScenarioOverride | undefined {
  for (const override of overrides) if (override.operationId === operationId && fitsConditions(override.when, request)) return override;
  return undefined;
}
