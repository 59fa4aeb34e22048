/**
 * The state one session sees for one surface and scenario: users, their factors, the organisation, the
 * application's MFA policy and the outbox. Plain JSON-serialisable data so the admin API can show it as is and
 * a store can keep it anywhere. Vendor vocabulary (GOOGLE_AUTH, app, totp, OTP) is mapped to FactorKind at the edge.
 */

export const FACTOR_KINDS = ['totp', 'email', 'sms', 'magic_link', 'passkey', 'face'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];

export type Role = 'OWNER' | 'ADMINISTRATOR' | 'MEMBER';

export interface PasskeyCredential {
  /** base64url credential id. */
  id: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports?: string[];
  /**
   * base64url PKCS#8 private key, when the sandbox holds one: a scenario's passkey or one imported from a browser
   * (Playwright's `credentials`). Test keys only: a sandbox is test infrastructure, and this is what lets it hand the
   * passkey to a browser (`GET /__admin/sessions/{id}/passkeys`). A passkey registered through a vendor ceremony has none.
   */
  privateKey?: string;
  /** base64url user handle the authenticator keeps with the credential, when it is not the user id's UTF-8 bytes. */
  userHandle?: string;
}

export interface Factor {
  id: string;
  kind: FactorKind;
  name: string;
  /** The user proved possession (setup verified). */
  verified: boolean;
  /** The factor is active for sign-in. */
  enabled: boolean;
  /** Base32 TOTP secret. */
  secret?: string;
  /** Last accepted TOTP time step: a code from this step or earlier is a replay. */
  lastTimeStep?: number;
  credential?: PasskeyCredential;
  createdAt: string;
  lastUsedAt?: string;
}

/** A setup started but not finished (secret issued, challenge sent, passkey options handed out). */
export interface PendingSetup {
  kind: FactorKind;
  secret?: string;
  lastTimeStep?: number;
  /** When a code of this setup last verified (a Lerian setup is verified, then activated). */
  lastUsedAt?: string;
  challenge?: string;
  /** Recovery codes issued with this setup; they become the user's once the setup completes. */
  recoveryCodes?: string[];
  verified: boolean;
  createdAt: string;
}

export interface User {
  id: string;
  email: string;
  username?: string;
  name?: string;
  phone?: string;
  phoneCountryCode?: string;
  /**
   * GenAuth's MFA addresses (set-mfa-status `mfaEmail`, `mfaPhone`), kept apart from the account's: its answers show
   * both (`mfaPhone` beside `phone`), and users are still looked up by the account's. Without them the account's
   * address is the factor's.
   */
  mfaEmail?: string;
  mfaPhone?: string;
  mfaPhoneCountryCode?: string;
  /** The password a vendor's sign-in route checks (nest-auth login); scenario data, so kept in plain text. */
  password?: string;
  role: Role;
  /** False for a deactivated account (Flashback "User not found or inactive"). */
  active: boolean;
  /** Set by QA through the admin API to reproduce lock-outs, or by a scenario's `lockout` after too many wrong codes. */
  locked: boolean;
  /** Wrong codes in a row, counted only under a scenario's `lockout` (engine/code-attempts.ts); absent when none. */
  failedCodeAttempts?: number;
  /** When a lock the scenario's `lockout` set runs out (its `lockedForSeconds`); absent for a lock without an end. */
  lockedUntil?: string;
  mfaEnabled: boolean;
  primaryMethod?: FactorKind;
  factors: Factor[];
  /** Unused one-time recovery/backup codes. */
  recoveryCodes: string[];
  pending: Partial<Record<FactorKind, PendingSetup>>;
  /** Other names a vendor can address the user by (GenAuth's userIdType: external_id, identity, ...). */
  aliases?: UserAliases;
}

/** The ids a user has in other systems, as GenAuth's `userIdType` names them. */
export interface UserAliases {
  /** `external_id`: the user's id in the customer's own system. */
  externalId?: string;
  /** `identity`: an external identity provider's connection id and the user's id there (`<extIdpId>:<userIdInIdp>`). */
  identities?: Array<{ extIdpId: string; userIdInIdp: string }>;
  /** `sync_relation`: an organisation-sync provider and the user's id there (`<provider>:<userIdInIdp>`). */
  syncRelations?: Array<{ provider: string; userIdInIdp: string }>;
  /** `custom_field`: custom user fields (`<field>:<value>`). */
  customData?: Record<string, string>;
}

export interface Organization {
  id: string;
  name: string;
  mfaEnforced: boolean;
}

/** Application-level MFA configuration (nest-auth module options, GenAuth global and per-app settings). */
export interface MfaPolicy {
  /** MFA switched on for the application at all. */
  enabled: boolean;
  /** Methods the application offers. */
  methods: FactorKind[];
  allowUserToggle: boolean;
  allowMethodSelection: boolean;
  /** MFA is mandatory for every user. */
  required: boolean;
  applications: Record<string, { enabledFactors: FactorKind[] }>;
  /**
   * nest-auth's `appName`: the TOTP issuer and the default device name's prefix (`<appName> : <email>`). Absent: the
   * library's own default, `Nest Auth`.
   */
  appName?: string;
  /** nest-auth's `mfa.totp.issuer`: the TOTP issuer when it is not the appName. */
  totpIssuer?: string;
  /**
   * nest-auth's app sets `mfa.trustedDeviceSecret` (absent: it does). `false` plays an app that does not, as 2.11.1's
   * defaults leave it: a trusted device is then a 500, on the MFA step that asks for one and at every sign-in that
   * brings a trust token.
   */
  trustedDeviceSecret?: boolean;
}

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  userId: string;
  to: string;
  subject: string;
  text: string;
  link?: string;
  token?: string;
  code?: string;
  sentAt: string;
  /** Its place in the session's outbox (1, 2, ...): set when the unit of work that sent it ends (engine/outbox-query.ts). */
  seq?: number;
  /** A wait returned it (`outbox/next`, `waitForMessage`), so the next wait without a cursor looks past it. */
  waited?: boolean;
  /** A magic link's message: when its token was used (the link's page, or the app's sign-in), so QA sees the flow got there. */
  usedAt?: string;
}

export interface MagicLink {
  token: string;
  userId: string;
  expiresAt: string;
  used: boolean;
}

/** A one-time code sent by email/SMS (nest-auth challenge, Lerian email/sms). */
export interface SentCode {
  userId: string;
  kind: FactorKind;
  code: string;
  expiresAt: string;
  used: boolean;
  /** Wrong codes counted against this one (nest-auth deletes a code after `otp.maxAttempts` of them). */
  attempts?: number;
}

export interface TrustedDevice {
  userId: string;
  expiresAt: string;
}

/** A nest-auth session (the library's session row): what renews it, and until when. */
export interface SignInSession {
  userId: string;
  /** The newest refresh token of the session: an older one sent to refresh is a replay, which ends the session. */
  refreshToken: string;
  /** `refreshTokenValidity` after the sign-in or the last refresh. */
  expiresAt: string;
  /** Its tokens are refused where a full session is needed until the MFA step (a refresh keeps them so). */
  preMfa: boolean;
  /** The session passed the MFA step, or a trusted device let it skip it (the tokens' `isMfaVerified`). */
  mfaVerified: boolean;
}

export interface World {
  surface: string;
  scenario: string;
  org: Organization | null;
  users: Record<string, User>;
  /** Bearer token -> user id. */
  tokens: Record<string, string>;
  /** Bearer tokens handed out after a completed MFA step (full access); the scenario's own tokens are not among them. */
  mfaVerifiedTokens: string[];
  /**
   * Bearer tokens a sign-in handed out before its MFA step (nest-auth login with MFA on): routes that need a full
   * session refuse them until the step is done. The scenario's own tokens are never among them.
   */
  preMfaTokens: string[];
  /** Trusted-device tokens (nest-auth `trustDevice`): a sign-in of their user that presents one before it expires skips the MFA step. */
  trustTokens: Record<string, TrustedDevice>;
  /**
   * nest-auth's sessions by id (the `sessionId` of their tokens), for refresh and verify-session. Absent from a world
   * saved before sessions were kept: its tokens still work, a refresh of them finds no session.
   */
  signInSessions?: Record<string, SignInSession>;
  /**
   * The scenario's own tokens a logout or logout-all ended (token -> user id): refused as the library refuses an access
   * token whose session ended, not as a token it never issued. Absent until one is ended; a reset brings them back.
   */
  signedOutTokens?: Record<string, string>;
  /** Access key id -> secret (GenAuth/Authing request signing). */
  accessKeys: Record<string, string>;
  policy: MfaPolicy;
  outbox: OutboxMessage[];
  magicLinks: Record<string, MagicLink>;
  sentCodes: SentCode[];
  /** Passkey challenges handed out and not yet used (base64url). */
  challenges: string[];
  /** Signatures already seen (GenAuth replay protection, apiCode 1306). */
  seenSignatures: string[];
}

let counter = 0;
/** A short unique id; not a secret. The time (the session clock's) only spreads ids apart: the counter and random tail keep them unique. */
export function newId(prefix: string, nowMs: number): string {
  counter = (counter + 1) % 1_000_000;
  return `${prefix}_${Math.max(0, Math.floor(nowMs)).toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function findFactor(user: User, kind: FactorKind): Factor | undefined {
  return user.factors.find((factor) => factor.kind === kind);
}

/** Kinds the user can sign in with right now. */
export function enabledKinds(user: User): FactorKind[] {
  return FACTOR_KINDS.filter((kind) => user.factors.some((factor) => factor.kind === kind && factor.enabled && factor.verified));
}

/** Keep MFA on/off and the primary method consistent after factors change. */
export function settleMfaState(user: User): void {
  const kinds = enabledKinds(user);
  if (kinds.length === 0) {
    user.mfaEnabled = false;
    delete user.primaryMethod;
    return;
  }
  user.mfaEnabled = true;
  if (!user.primaryMethod || !kinds.includes(user.primaryMethod)) user.primaryMethod = kinds[0];
}

/**
 * The user id a bearer token stands for, if the world issued it. Own keys only: a token is the client's text, and
 * `constructor` or `__proto__` must not authenticate through Object.prototype.
 */
export function principalForToken(world: World, token: string): string | undefined {
  return Object.hasOwn(world.tokens, token) ? world.tokens[token] : undefined;
}

/** The user with this id, if the world has one. Own keys only, like principalForToken: ids come from requests. */
export function userById(world: World, userId: string): User | undefined {
  return Object.hasOwn(world.users, userId) ? world.users[userId] : undefined;
}
