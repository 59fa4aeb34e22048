import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { CodeAttempt } from '../../engine/code-attempts.js';
import { explained, type Explanation } from '../../engine/explanation.js';
import { explainMagicLinkRefusal } from '../../engine/magic-link-explanation.js';
import { explainTotpRefusal } from '../../engine/totp-explanation.js';
import { verifyTotpOnce, type TotpHolder } from '../../engine/totp-verification.js';
import { enrolMagicLinkFactor, findMagicLink, issueMagicLink, redeemMagicLink, toAppMagicLink, toLinkBase, toMagicLinkPath } from '../../engine/magic-links.js';
import { consumeCode, createNumericCode, createOpaqueToken } from '../../engine/random-codes.js';
import {
  createAuthenticationOptions,
  createRegistrationOptions,
  verifyAuthentication,
  verifyRegistration,
  type PasskeyRefusal,
  type RelyingParty,
} from '../../engine/passkey.js';
import { toQrCodeDataUrl } from '../../engine/qr-code.js';
import { createTotpSecret, toOtpauthUrl } from '../../engine/totp.js';
import { addIssuedToken } from '../../engine/world-limits.js';
import {
  enabledKinds,
  findFactor,
  newId,
  principalForToken,
  settleMfaState,
  userById,
  type FactorKind,
  type PasskeyCredential,
  type User,
  type World,
} from '../../engine/world.js';
import type { RequestProblem } from '../../openapi/schema-validators.js';
import { explainBearerRefusal } from '../../pipeline/bearer-explanation.js';
import { explainedByProblem } from '../../pipeline/refusal-explanations.js';
import { toBearerToken, type OperationCall, type OperationResult, type SurfaceBehaviour } from '../../pipeline/surface-behaviour.js';
import { defineHandlers, type ResponseBodyOf, type TypedCall, type TypedResult } from '../../pipeline/typed-handlers.js';
import type { components, exampleNames, operations } from '../../types/flashback.js';
import { createFactorNames } from '../factor-names.js';

/** Flashback platform API: `/mfa/*`, envelopes `{success,data|message}` / `{success:false,error}` (seeds 000, 003). */

type MFAType = components['schemas']['MFAType'];
/** Both passkey-completion routes (`/mfa/passkey/complete-registration` and its alias) take and answer the same. */
type CompleteRegistration = operations['completePasskeyRegistration'];
export const factorNames = createFactorNames<MFAType>({ GOOGLE_AUTH: 'totp', MAGIC_LINK: 'magic_link', PASSKEY: 'passkey' });

/** The vendor client's DEFAULT_MFA_CONFIG: 10 backup codes, a 2-step TOTP window, magic links valid for 10 minutes. */
const BACKUP_CODE_COUNT = 10;
const BACKUP_CODE_LENGTH = 8;
const TOTP_WINDOW_STEPS = 2;
const MAGIC_LINK_TTL_MS = 10 * 60_000;
const MAGIC_LINK_NOT_ENABLED: Explanation = Object.freeze({
  rule: 'magic-link',
  message: "the user's magic-link factor is not enabled, so no link signs them in",
  wouldPass: 'set up MAGIC_LINK and follow its link (activate), then send a link and use its token',
});
const MAGIC_LINK_NOT_ACTIVATED: Explanation = Object.freeze({
  rule: 'precondition',
  message: "the user's magic link was not followed yet: setup sends nothing, the link that confirms the address does",
  wouldPass: 'POST /mfa/magic-link/send, then follow the link from the outbox (or POST /mfa/magic-link/activate with its token), then verify-setup',
});
const ISSUER = 'Flashback';
/** The RP of every passkey ceremony: a page on any port of `localhost` may register and use the sandbox's passkeys. */
export const RELYING_PARTY: RelyingParty = { id: 'localhost', name: 'Flashback (mfa-sandbox)' };

function kindOf(call: { body: { mfaType: MFAType } }): FactorKind {
  return factorNames.toKind(call.body.mfaType);
}

/**
 * A token is full access when the sandbox issued it after verify-login, or when its user has no MFA to pass. A
 * scenario's own token for a user with MFA enabled stands for what sign-in handed out: the MFA step is still to come.
 */
function isSessionVerified(call: Pick<OperationCall, 'headers' | 'world'>, user: User): boolean {
  const token = toBearerToken(call.headers.authorization);
  return !user.mfaEnabled || (token !== undefined && call.world.mfaVerifiedTokens.includes(token));
}

function isAdmin(user: User): boolean {
  return user.role === 'OWNER' || user.role === 'ADMINISTRATOR';
}

/** Why disable is refused under the organisation's enforcement, and who may lift it: the body says only that it is. */
function explainEnforcement(world: World): Explanation {
  const admins = Object.values(world.users).filter(isAdmin);
  const who =
    admins.length > 0
      ? `as an admin of the organisation (${admins.map((user) => user.id).join(', ')})`
      : 'as an admin of the organisation (this world has none)';
  return {
    rule: 'precondition',
    message: 'the organisation enforces MFA (its mfaEnforced, as in scenario org-enforced), so no method may be switched off',
    wouldPass: `POST /mfa/organization/enforce {"enforced": false} ${who} first, or a scenario whose organisation does not enforce MFA`,
  };
}

function addFactor(user: User, kind: FactorKind, details: Partial<User['factors'][number]>, nowMs: number): void {
  user.factors = user.factors.filter((factor) => factor.kind !== kind);
  user.factors.push({
    id: newId('mfa', nowMs),
    kind,
    name: factorNames.toName(kind) ?? kind,
    verified: true,
    enabled: true,
    createdAt: new Date(nowMs).toISOString(),
    ...details,
  });
  settleMfaState(user);
}

/**
 * The spec's credential as simplewebauthn's type. The spec lets a client leave out `clientExtensionResults`, which that
 * type requires and the library's verifiers never read, so the body is handed on as it is (a cast, no copy).
 */
/**
 * Why a sign-in code was refused. Flashback's `code` takes the authenticator's TOTP code or a backup code, so a code
 * that is not six digits was meant as a backup code (or not sent): said so, not called a malformed TOTP code.
 */
function explainSignInCodeRefusal(factor: TotpHolder, unusedBackupCodes: number, code: string, nowMs: number): Explanation {
  const explanation = explainTotpRefusal(factor, code, TOTP_WINDOW_STEPS, nowMs);
  if (code === '') explanation.message = "no code was sent: code takes the TOTP code of the user's authenticator, or one of their backup codes";
  else if (!/^\d{6}$/.test(code))
    explanation.message = `code ${JSON.stringify(code)} is neither a TOTP code (six digits) nor one of the user's ${unusedBackupCodes} unused backup codes (each is accepted once)`;
  return explanation;
}

function toRegistrationResponse(credential: components['schemas']['PasskeyRegistrationCredential']): RegistrationResponseJSON {
  return credential as RegistrationResponseJSON;
}

async function completeRegistration(call: TypedCall<CompleteRegistration>, user: User): Promise<TypedResult<CompleteRegistration>> {
  // The body's challenge must be one we issued, and the attestation must sign exactly that challenge.
  const credential = await verifyRegistration(RELYING_PARTY, toRegistrationResponse(call.body.credential), call.world.challenges, user, call.body.challenge);
  if ('refused' in credential) return explained(call.respond(400, 'passkeyRegistrationFailed'), toPasskeyExplanation(credential));
  const taken = refuseCredentialOfAnother(call.world, user, credential);
  if (taken) return explained(call.respond(400, 'passkeyRegistrationFailed'), taken);
  addFactor(user, 'passkey', { credential }, call.nowMs);
  delete user.pending.passkey;
  return call.respond(200);
}

/** A refused ceremony as a refusal's explanation: what the sandbox checked, and how a test gets a passkey that passes. */
function toPasskeyExplanation(refusal: PasskeyRefusal): Explanation {
  return {
    rule: 'passkey',
    message: refusal.refused,
    wouldPass: `a credential made by an authenticator for ${RELYING_PARTY.id} over a fresh challenge the same user got for the same ceremony (setup for a registration, auth-options for a sign-in)`,
  };
}

/**
 * A credential registered to another user of the world, refused as a relying party refuses it (a credential id is
 * unique to one account; the admin API's passkey import refuses the same), else undefined.
 */
function refuseCredentialOfAnother(world: World, user: User, credential: PasskeyCredential): Explanation | undefined {
  const owner = Object.values(world.users).find(
    (candidate) => candidate.id !== user.id && candidate.factors.some((factor) => factor.credential?.id === credential.id),
  );
  if (!owner) return undefined;
  return {
    rule: 'passkey',
    message: `credential ${credential.id} is already registered to ${owner.id}: a relying party registers a credential for one user only`,
    wouldPass: `a credential of ${user.id}'s own (a new one from the authenticator)`,
  };
}

/** Why the user's passkey assertion is refused, or undefined when it verifies (and its counter moved on). */
async function refusePasskeyAssertion(call: TypedCall<operations['verifyMFALogin']>, user: User): Promise<Explanation | undefined> {
  // As for registration: the spec's assertion has no `clientExtensionResults`, which simplewebauthn's verifier never reads.
  const assertion = call.body.credential as AuthenticationResponseJSON | undefined;
  if (!assertion) return { rule: 'passkey', message: 'a PASSKEY sign-in needs the assertion in `credential`', pointer: '/body/credential' };
  const factor = user.factors.find((candidate) => candidate.credential?.id === assertion.id && candidate.enabled);
  if (!factor?.credential) {
    const known = user.factors.flatMap((candidate) => (candidate.credential && candidate.enabled ? [candidate.credential.id] : []));
    return {
      rule: 'passkey',
      message: `credential ${String(assertion.id)} is not an enabled passkey of ${user.id}`,
      received: String(assertion.id),
      ...(known.length > 0 ? { expected: known.join(', ') } : { wouldPass: 'register a passkey first (setup PASSKEY, then complete-registration)' }),
    };
  }
  const verdict = await verifyAuthentication(RELYING_PARTY, assertion, factor.credential, call.world.challenges, user);
  return verdict === true ? undefined : toPasskeyExplanation(verdict);
}

const handlers = defineHandlers<operations, exampleNames>()({
  getMFAStatus: (call) => {
    const user = call.user!;
    const enforced = call.world.org?.mfaEnforced ?? false;
    const primary = user.primaryMethod && factorNames.toName(user.primaryMethod);
    // Filled in place rather than with a conditional spread, which made a slower object of a body frontends poll.
    // Without a primary method the key is absent, not undefined: a dynamic answer reads a key as a fact of the state.
    const data: ResponseBodyOf<operations['getMFAStatus'], 200>['data'] = {
      isEnabled: user.mfaEnabled,
      isRequired: enforced || call.world.policy.required,
      isEnforced: enforced,
      enabledMethods: factorNames.names(enabledKinds(user)),
    };
    if (primary) data.primaryMethod = primary;
    data.sessionVerified = isSessionVerified(call, user);
    return call.reply(200, { success: true, data });
  },

  // Names and descriptions are the vendor's own, taken from the documented example.
  getAvailableMethods: (call) => {
    const data = call.example(200, 'documented').data.map(({ type, name, description }) => {
      const factor = findFactor(call.user!, factorNames.toKind(type));
      return { type, name, description, isAvailable: true, isConfigured: Boolean(factor?.verified), isEnabled: Boolean(factor?.enabled && factor.verified) };
    });
    return call.reply(200, { success: true, data });
  },

  setupMFA: async (call) => {
    const user = call.user!;
    const kind = kindOf(call);
    const createdAt = new Date(call.nowMs).toISOString();
    if (kind === 'totp') {
      const secret = createTotpSecret();
      const otpauthUrl = toOtpauthUrl(ISSUER, user.email, secret);
      const backupCodes = Array.from({ length: BACKUP_CODE_COUNT }, () => createNumericCode(BACKUP_CODE_LENGTH));
      user.pending.totp = { kind, secret, recoveryCodes: backupCodes, verified: false, createdAt };
      return call.reply(200, { success: true, data: { secret, qrCode: await toQrCodeDataUrl(otpauthUrl), backupCodes: [...backupCodes], otpauthUrl } });
    }
    if (kind === 'magic_link') {
      user.pending.magic_link = { kind, verified: false, createdAt };
      return call.reply(200, { success: true, data: { email: call.body.email ?? user.email, verificationRequired: true } });
    }
    const options = await createRegistrationOptions(RELYING_PARTY, user, call.world.challenges);
    user.pending.passkey = { kind, challenge: options.challenge, verified: false, createdAt };
    return call.reply(200, {
      success: true,
      data: { challenge: options.challenge, rpName: options.rp.name, rpID: RELYING_PARTY.id, userName: options.user.name, userId: options.user.id },
    });
  },

  verifyMFASetup: async (call) => {
    const user = call.user!;
    const kind = kindOf(call);
    if (kind === 'totp') {
      const pending = user.pending.totp;
      const code = call.body.code ?? '';
      const codes = pending?.recoveryCodes ?? [];
      if (!pending) {
        const why = {
          rule: 'precondition',
          message: 'no Google Authenticator setup is in progress',
          wouldPass: 'POST /mfa/setup with mfaType GOOGLE_AUTH first',
        } as const;
        return explained(call.respond(400, 'setupVerificationFailed'), why);
      }
      if (!(verifyTotpOnce(pending, code, TOTP_WINDOW_STEPS, call.nowMs) || consumeCode(codes, code))) {
        return explained(call.respond(400, 'setupVerificationFailed'), explainTotpRefusal(pending, code, TOTP_WINDOW_STEPS, call.nowMs));
      }
      addFactor(user, 'totp', { secret: pending.secret!, ...(pending.lastTimeStep !== undefined ? { lastTimeStep: pending.lastTimeStep } : {}) }, call.nowMs);
      user.recoveryCodes = codes;
      delete user.pending.totp;
      return call.respond(200);
    }
    if (kind === 'passkey') {
      if (!call.body.credential) {
        const missing: Explanation = {
          rule: 'passkey',
          message: 'a PASSKEY setup is verified with the attestation in `credential`',
          pointer: '/body/credential',
        };
        return explained(call.respond(400, 'setupVerificationFailed'), missing);
      }
      const credential = await verifyRegistration(RELYING_PARTY, toRegistrationResponse(call.body.credential), call.world.challenges, user);
      if ('refused' in credential) return explained(call.respond(400, 'setupVerificationFailed'), toPasskeyExplanation(credential));
      const taken = refuseCredentialOfAnother(call.world, user, credential);
      if (taken) return explained(call.respond(400, 'setupVerificationFailed'), taken);
      addFactor(user, 'passkey', { credential }, call.nowMs);
      delete user.pending.passkey;
      return call.respond(200);
    }
    // A magic-link factor is verified by following the link (activate); verify-setup only confirms that happened.
    return findFactor(user, 'magic_link')?.verified ? call.respond(200) : explained(call.respond(400, 'setupVerificationFailed'), MAGIC_LINK_NOT_ACTIVATED);
  },

  enableMFA: (call) => {
    const factor = findFactor(call.user!, kindOf(call));
    if (!factor?.verified) return call.respond(400, 'methodNotConfigured');
    factor.enabled = true;
    settleMfaState(call.user!);
    return call.respond(200);
  },

  // Under organisation enforcement no method may be switched off (the documented 403).
  disableMFA: (call) => {
    if (call.world.org?.mfaEnforced) return explained(call.respond(403, 'enforcedByOrganization'), explainEnforcement(call.world));
    const factor = findFactor(call.user!, kindOf(call));
    if (!factor?.enabled) return call.respond(400, 'methodNotEnabled');
    factor.enabled = false;
    settleMfaState(call.user!);
    return call.respond(200);
  },

  setPrimaryMFA: (call) => {
    const kind = kindOf(call);
    if (!enabledKinds(call.user!).includes(kind)) return call.respond(400, 'methodNotEnabled');
    call.user!.primaryMethod = kind;
    return call.respond(200);
  },

  resetMFA: (call) => {
    const caller = call.user!;
    const targetId = call.body?.resetUserId ?? caller.id;
    if (targetId !== caller.id && !isAdmin(caller)) return call.respond(403, 'resetForbidden');
    const target = userById(call.world, targetId);
    if (!target) return call.respond(404, 'userNotFound');
    const wasEnabled = target.mfaEnabled;
    target.factors = [];
    target.recoveryCodes = [];
    target.pending = {};
    settleMfaState(target);
    // `enable: true` (client-only flag): MFA stays switched on, waiting for a new method; so it does under the
    // organisation's enforcement, where disable's documented 403 keeps MFA on too (decisions in the spec). Not a 403
    // of its own: a reset is how an admin helps a user who lost their phone, enforcement or not. Stays: a reset never
    // switches on MFA a user did not have (on with no method, nothing but another reset or a new method ends it).
    if (wasEnabled && (call.body?.enable === true || call.world.org?.mfaEnforced)) target.mfaEnabled = true;
    return call.respond(200);
  },

  enforceOrganizationMFA: (call) => {
    const org = call.world.org;
    if (!org) return call.respond(400, 'noOrganization');
    if (!isAdmin(call.user!)) return call.respond(403, 'enforceForbidden');
    org.mfaEnforced = call.body.enforced;
    return call.respond(200, org.mfaEnforced ? 'enabled' : 'disabled');
  },

  sendMagicLink: (call) => {
    const user = call.user!;
    issueMagicLink(call.world, user, {
      ttlMs: MAGIC_LINK_TTL_MS,
      nowMs: call.nowMs,
      // The vendor's mail links to the app, which redeems the token itself; without the app's page, the sandbox's own.
      toLink: (token) =>
        call.magicLinkUrl === undefined
          ? `${toLinkBase(call.headers)}${toMagicLinkPath(call.sessionId, token)}`
          : toAppMagicLink(call.magicLinkUrl, token, call.sessionId),
    });
    return call.respond(200);
  },

  activateMagicLink: (call) => {
    const outcome = redeemMagicLink(call.world, call.body.token, call.nowMs);
    if (outcome === 'invalid')
      return explained(
        call.respond(400, 'invalidOrExpiredToken'),
        explainMagicLinkRefusal(call.world, call.body.token, call.nowMs, { sessionId: call.sessionId }),
      );
    if (outcome === 'no-user') return call.respond(404, 'userNotFoundOrInactive');
    call.namedUser = outcome.user;
    enrolMagicLinkFactor(outcome.user, call.nowMs);
    return call.respond(200);
  },

  getPasskeyAuthOptions: async (call) => {
    const options = await createAuthenticationOptions(RELYING_PARTY, call.user!, call.world.challenges);
    return call.reply(200, {
      success: true,
      data: {
        challenge: options.challenge,
        rpId: RELYING_PARTY.id,
        userVerification: 'preferred',
        timeout: options.timeout ?? 60_000,
        // simplewebauthn makes every entry a 'public-key' one (its type says only string).
        ...(options.allowCredentials?.length ? { allowCredentials: options.allowCredentials.map(toAllowedCredential) } : {}),
      },
    });
  },

  completePasskeyRegistration: (call) => completeRegistration(call, call.user!),
  completePasskeyRegistrationAlt: (call) => completeRegistration(call, call.user!),

  verifyMFALogin: async (call) => {
    const user = call.user!;
    const kind = kindOf(call);
    let verified: boolean;
    if (kind === 'totp') {
      const factor = findFactor(user, 'totp');
      const code = call.body.code ?? '';
      verified = Boolean(factor?.enabled && (verifyTotpOnce(factor, code, TOTP_WINDOW_STEPS, call.nowMs) || consumeCode(user.recoveryCodes, code)));
      // Neither the TOTP code nor a backup code: say which code the enabled factor wanted.
      if (!verified && factor?.enabled)
        return explained(call.respond(400, 'mfaVerificationFailed'), explainSignInCodeRefusal(factor, user.recoveryCodes.length, code, call.nowMs));
    } else if (kind === 'passkey') {
      const refusal = await refusePasskeyAssertion(call, user);
      if (refusal) return explained(call.respond(400, 'mfaVerificationFailed'), refusal);
      verified = true;
    } else {
      // As for TOTP and passkeys, only an enabled factor signs in: a disabled (or never activated) magic-link factor
      // never verifies, and the link is not used up by the refusal.
      if (!findFactor(user, 'magic_link')?.enabled) return explained(call.respond(400, 'mfaVerificationFailed'), MAGIC_LINK_NOT_ENABLED);
      const token = call.body.token ?? '';
      // Another user's link is refused and left as it was: that user can still follow or use it.
      const link = findMagicLink(call.world, token);
      if (link && link.userId !== user.id) {
        const refusal = explainMagicLinkRefusal(call.world, token, call.nowMs, { sessionId: call.sessionId, signingIn: user });
        return explained(call.respond(400, 'mfaVerificationFailed'), refusal);
      }
      // Read before the link is redeemed, which marks it used.
      const refusal = explainMagicLinkRefusal(call.world, token, call.nowMs, { sessionId: call.sessionId, signingIn: user });
      const outcome = redeemMagicLink(call.world, token, call.nowMs);
      verified = outcome !== 'invalid' && outcome !== 'no-user';
      if (!verified) return explained(call.respond(400, 'mfaVerificationFailed'), refusal);
    }
    if (!verified) return call.respond(400, 'mfaVerificationFailed');
    const fullAccessToken = `flashback-full-${createOpaqueToken(32)}`;
    addIssuedToken(call.world, call.world.mfaVerifiedTokens, fullAccessToken, user.id);
    return call.reply(200, { success: true, message: call.example(200).message, fullAccessToken, refreshToken: `flashback-refresh-${createOpaqueToken(32)}` });
  },
});

function rejectRequest(problems: RequestProblem[], call: OperationCall): OperationResult {
  // An unknown MFA type is the documented "Invalid MFA type specified"; anything else is spelled out.
  const badType = problems.find((problem) => problem.field === 'mfaType' && problem.kind === 'invalid');
  if (badType) return explainedByProblem(call.respond(400, 'invalidMfaType'), problems, badType, call);
  // Where the spec words a field's problem (`emailRequired`, `enforcedRequired`, `resetUserIdInvalid` ...), that is the
  // answer: `<field>Required` covers a missing field (and one of the wrong type where it is the only wording),
  // `<field>Invalid` a field of the wrong type or shape. A value of the right type in the wrong form (an e-mail that is
  // not one) is not "required": it got "Email is required for magic link setup" on a GOOGLE_AUTH setup.
  for (const problem of problems) {
    const names =
      problem.kind === 'missing'
        ? [`${problem.field}Required`]
        : problem.keyword === 'type'
          ? [`${problem.field}Invalid`, `${problem.field}Required`]
          : [`${problem.field}Invalid`];
    const declared = names.find((name) => call.declares(400, name));
    if (declared) return explainedByProblem(call.respond(400, declared), problems, problem, call);
  }
  return { status: 400, body: { success: false, error: `Invalid request: ${problems.map((problem) => problem.message).join('; ')}` } };
}

/**
 * The answers a scenario's `lockout` counts: every verify-login (TOTP or backup code, passkey assertion, magic-link
 * token: the vendor refuses them all with one "MFA verification failed"), and verify-setup of Google Authenticator,
 * whose code is a TOTP code like any other. Finishing a passkey or magic-link setup proves no secret, so it is no attempt.
 */
function toCodeAttempt(call: OperationCall, result: OperationResult): CodeAttempt {
  const checksCode = call.operationId === 'verifyMFALogin' || (call.operationId === 'verifyMFASetup' && call.body?.mfaType === 'GOOGLE_AUTH');
  if (!checksCode) return undefined;
  return result.status === 200 ? 'succeeded' : 'failed';
}

/** The transports the spec names (AuthenticatorTransport); a newer one an authenticator reported (`smart-card`) is left out. */
const SPEC_TRANSPORTS = new Set(['ble', 'hybrid', 'internal', 'nfc', 'usb']);

/** A credential of auth-options' allowCredentials, with the transports its authenticator named at registration. */
function toAllowedCredential({ id, transports }: { id: string; transports?: string[] }) {
  const named = (transports ?? []).filter((transport) => SPEC_TRANSPORTS.has(transport)) as Array<'ble' | 'hybrid' | 'internal' | 'nfc' | 'usb'>;
  return { id, type: 'public-key' as const, ...(named.length > 0 ? { transports: named } : {}) };
}

/** The user a magic link in the request's body was sent to, if the token is one of the session's links. */
function magicLinkOwner(call: OperationCall): User | undefined {
  const link = typeof call.body?.token === 'string' ? findMagicLink(call.world, call.body.token) : undefined;
  return link ? userById(call.world, link.userId) : undefined;
}

export const flashbackSurface: SurfaceBehaviour = {
  id: 'flashback',
  handlers,
  authenticate(call) {
    const token = toBearerToken(call.headers.authorization);
    const principalId = token === undefined ? undefined : principalForToken(call.world, token);
    if (principalId !== undefined) return { ok: true, principalId };
    return { ok: false, result: explained(call.respond(401, 'unauthorized'), explainBearerRefusal(call.world, token)) };
  },
  presentedToken: (call) => toBearerToken(call.headers.authorization),
  // A token whose user is gone: 404 "User not found" where the vendor documents it, otherwise the token is no good.
  onMissingUser: (call) => (call.declares(404) ? call.respond(404) : call.respond(401, 'unauthorized')),
  // The caller is the user acted on (a locked admin cannot reset anyone either); on the public activate, the user the
  // link was sent to: a locked account cannot switch magic links on by following one (a Flashback tour found it could).
  addressedUser: (call) => (call.operationId === 'activateMagicLink' ? magicLinkOwner(call) : call.user),
  onLockedUser: (call) => call.respond(403, 'accountLocked'),
  toCodeAttempt,
  rejectRequest,
};
