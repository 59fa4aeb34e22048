import type { GeneratedIdFormat } from '../engine/generated-users.js';
import type { RelyingParty } from '../engine/passkey.js';
import type { UserIdRule } from '../engine/user-ids.js';
import type { World } from '../engine/world.js';
import type { SurfaceBehaviour } from '../pipeline/surface-behaviour.js';
import type { FactorNames } from './factor-names.js';
import type { IgnoredWorldFields } from './ignored-world-fields.js';

/**
 * A TOTP enrolment walked through the vendor's own API (Pact provider states hand the fresh secret and the current
 * code to a consumer): the two calls and where their answers keep the secret. Data, so the contracts layer runs it.
 */
export interface TotpEnrolmentSteps {
  /** The vendor lets an administrator act on another user (Lerian's operators do): use their token when the user has none. */
  administratorMayAct?: boolean;
  start: {
    path(userId: string): string;
    body: Record<string, unknown>;
    secret(answer: any): string;
    recoveryCode?(answer: any): string;
  };
  verify: {
    path(userId: string): string;
    body(secret: string, code: string): Record<string, unknown>;
    /** For vendors that answer 200 to a wrong code: whether the answer confirms the setup. */
    confirmed?(answer: any): boolean;
  };
}

/** A request on its way to the mock during Pact verification, as the verifier's proxy holds it. */
export interface ReplayedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/**
 * How a vendor's requests are signed (GenAuth): a pact cannot hold a valid signature (it covers the date and a
 * one-time nonce), so a replayed request is signed again at send time with a key of the session's world.
 */
export interface RequestSigning {
  sign(request: ReplayedRequest, world: World, nowMs: number): void;
}

/**
 * Everything that makes one vendor surface, declared once in its folder (`src/surfaces/<id>/<id>-descriptor.ts`) and
 * listed in src/surfaces/registry.ts. Its spec is `specs/<id>.openapi.yaml`, its scenarios `scenarios/<id>/`, its
 * URL prefix `/<id>`, its generated types `src/types/<id>.ts` (exported as `mfa-sandbox/types/<id>`): the id is the
 * one name everywhere, so those are not declared again.
 */
export interface SurfaceDescriptor<Id extends string = string> {
  readonly id: Id;
  /** Who the vendor is, for people: CLI help, docs, reports. */
  readonly vendor: string;
  /** Handlers, authentication and the vendor's words for refusals: what the request pipeline calls. */
  readonly behaviour: SurfaceBehaviour;
  /** The vendor's names for factor kinds. */
  readonly factorNames: FactorNames<string>;
  /** The shape of the ids a scenario's generated users (and their factors) get, one the vendor's spec and clients accept. */
  readonly generatedUserIds: GeneratedIdFormat;
  /**
   * The shape the vendor holds user ids to and the spelling it stores them in, where it has one (Lerian: UUIDs, in
   * lower case): scenario users must have the shape, and ids are looked up in the stored spelling. Absent: any id,
   * matched exactly.
   */
  readonly userIds?: UserIdRule;
  /**
   * The scenario settings the vendor's behaviour never reads (another vendor's), with what to write instead: a scenario
   * that sets one gets a warning naming the field. Absent: it reads every one.
   */
  readonly ignoredWorldFields?: IgnoredWorldFields;
  /**
   * The vendor takes a recovery code only in place of a TOTP code, so a scenario user's `recoveryCodes` without a TOTP
   * factor change nothing (a warning); the text says where the vendor takes them.
   */
  readonly recoveryCodesNeedTotp?: string;
  /**
   * The vendor finds users by their e-mail address, in any letter case (nest-auth's sign-in, GenAuth's `userIdType:
   * email`): a scenario's users must each have their own, or all but the first could never be found.
   */
  readonly findsUsersByEmail?: true;
  /** "The user" of Pact provider states: the user its scenarios and README are written around. */
  readonly providerStateUser: string;
  /**
   * The password of a scenario user who declares none, where the vendor signs users in with e-mail and password: the
   * proxy's sandbox twin signs its own user in with it when the app signs the upstream's in.
   */
  readonly defaultPassword?: string;
  /** How a TOTP enrolment runs through the vendor's API; absent when the vendor has no enrolment API (GenAuth). */
  readonly totpEnrolment?: TotpEnrolmentSteps;
  /** How replayed requests are signed; absent when the vendor uses bearer tokens only. */
  readonly requestSigning?: RequestSigning;
  /**
   * The WebAuthn relying party of the vendor's passkey ceremonies (its id is the host a browser's passkeys are scoped
   * to): the admin API and `createSandbox()` share the surface's passkeys with Playwright under it. Absent when the
   * vendor has no passkeys.
   */
  readonly relyingParty?: RelyingParty;
}
