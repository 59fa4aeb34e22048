import { currentTotpCode, TOTP_PERIOD_SECONDS } from '../engine/totp.js';
// An error code (`MFA_CODE_INVALID`) is the vendor's word, not a code to stand in for.
import { ERROR_CODE, toFormFieldName } from './redact-credentials.js';

/**
 * What the proxy's sandbox twin learns as exchanges go by, so that it follows the app's sign-ins and sign-outs with
 * credentials of its own: each token the upstream hands out is paired with the token the sandbox handed out in the
 * same place of its answer to the same request, and a later request carrying the upstream's token carries the
 * sandbox's instead. A sign-in with an e-mail address and password is sent with the twin user's own (the sandbox
 * cannot know the upstream user's password), and the upstream user's address is remembered, so answers that echo
 * each side's address are compared as that side's (`<email>`), as `conformance` compares them. Codes are followed the
 * same way: recovery codes the two answers list in the same places are paired, as are the ids they hand out (a device's,
 * sent back in a later request's path or body), and a TOTP code of a secret the
 * upstream handed out is sent as the code of the secret the sandbox handed out in its place, for the same time step
 * (else the sandbox refuses the code, its device is never verified, and every later step differs).
 */

/** The twin's own user, where the vendor signs users in with e-mail and password. */
export interface TwinUser {
  email: string;
  password: string;
}

/** A field whose string value is a token the vendor hands out (accessToken, refreshToken, trustToken, mfaToken...). */
const TOKEN_FIELD = /token$/i;
/** A field holding one-time recovery codes (nest-auth's `code`/`codes`, Flashback's `backupCodes`, Lerian's `recoveryCodes`). */
const CODE_FIELD = /^(codes?|recoverycodes?|backupcodes?)$/i;
/**
 * A field holding an id the vendor made (a device's `id`, a `factorId`): the app sends it back in a later request's
 * path (`DELETE /auth/mfa/devices/<id>`) or body, where the sandbox needs its own. Not a `requestId`, which is never sent back.
 */
const ID_FIELD = /^(?!request)(id|\w+Id)$/;
/** What a made id looks like (a UUID, a cuid, `mfa_7x2...`): never a word that is also a path segment (`devices`). */
const MADE_ID = /^(?=.*\d)[\w-]{8,}$/;
/** A TOTP secret the vendor hands out (`secret`), base32. */
const SECRET_FIELD = /^secret$/i;
const BASE32 = /^[A-Z2-7]+=*$/;
/** A code an authenticator shows. */
const TOTP_CODE = /^\d{6}$/;
/** Time steps either side of now a code is looked for in (the vendors' drift windows are at most 2). */
const STEPS = [0, -1, 1, -2, 2];
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
/**
 * How much a long run keeps: the newest pairs only. A code is looked for among the newest secrets (each try is five
 * HMACs), and a token or code old enough to fall out was refused by the vendor long since.
 */
const MAX_SECRETS = 16;
const MAX_STAND_INS = 10_000;

function decodedOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // a malformed escape: sent as it is, as the upstream got it
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function createTwinCredentials() {
  /** The sandbox's token or recovery code standing in for each the upstream handed out. */
  const standIns = new Map<string, string>();
  /** Pairs of TOTP secrets the two sides handed out in the same place, newest first: [upstream's, sandbox's]. */
  const secrets: Array<[string, string]> = [];
  const standIn = (upstream: string, sandbox: string) => {
    standIns.delete(upstream);
    standIns.set(upstream, sandbox);
    if (standIns.size > MAX_STAND_INS) standIns.delete(standIns.keys().next().value!);
  };
  let upstreamEmail: string | undefined;

  /** The sandbox's code for the step a code of an upstream secret belongs to; the code itself when no secret makes it. */
  function toTwinCode(code: string, sandboxNowMs: number): string {
    const nowMs = Date.now();
    for (const [upstream, sandbox] of secrets) {
      for (const step of STEPS) {
        if (currentTotpCode(upstream, nowMs + step * STEP_MS) === code) return currentTotpCode(sandbox, sandboxNowMs + step * STEP_MS);
      }
    }
    return code;
  }

  /** The request body with paired tokens swapped and a sign-in's e-mail and password replaced by the twin user's. */
  function toTwinValue(value: unknown, user: TwinUser | undefined, sandboxNowMs: number): unknown {
    if (typeof value === 'string') return standIns.get(value) ?? (TOTP_CODE.test(value) && secrets.length > 0 ? toTwinCode(value, sandboxNowMs) : value);
    if (Array.isArray(value)) return value.map((item) => toTwinValue(item, user, sandboxNowMs));
    if (!isObject(value)) return value;
    const twin = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toTwinValue(item, user, sandboxNowMs)]));
    if (user && typeof value.email === 'string' && typeof value.password === 'string') {
      upstreamEmail = value.email;
      twin.email = user.email;
      twin.password = user.password;
    }
    return twin;
  }

  /** A form body (`credentials[email]=...`) for the sandbox: as toTwinValue does for JSON, field by field. */
  function toTwinForm(text: string, user: TwinUser | undefined, sandboxNowMs: number): string {
    const params = [...new URLSearchParams(text)].map(([name, value]) => ({ name, value, field: toFormFieldName(name) }));
    const signIn = user !== undefined && params.some(({ field }) => field === 'email') && params.some(({ field }) => field === 'password');
    const twin = new URLSearchParams();
    for (const { name, value, field } of params) {
      if (signIn && field === 'email') upstreamEmail = value;
      twin.append(
        name,
        signIn && field === 'email' ? user.email : signIn && field === 'password' ? user.password : (toTwinValue(value, undefined, sandboxNowMs) as string),
      );
    }
    return twin.toString();
  }

  /** Pair the tokens, recovery codes and TOTP secrets two answers to the same request hold in the same places. */
  function pair(upstream: unknown, sandbox: unknown, key?: string): void {
    if (typeof upstream === 'string' && typeof sandbox === 'string') {
      if (key === undefined || upstream === sandbox) return;
      if (TOKEN_FIELD.test(key) || (ID_FIELD.test(key) && MADE_ID.test(upstream)) || (CODE_FIELD.test(key) && !ERROR_CODE.test(upstream)))
        standIn(upstream, sandbox);
      else if (SECRET_FIELD.test(key) && BASE32.test(upstream) && BASE32.test(sandbox)) {
        secrets.unshift([upstream, sandbox]);
        secrets.length = Math.min(secrets.length, MAX_SECRETS);
        standIn(upstream, sandbox); // sent back as itself too (nest-auth's verify-totp-setup names the secret)
      }
      return;
    }
    if (Array.isArray(upstream) && Array.isArray(sandbox)) {
      upstream.forEach((item, index) => pair(item, sandbox[index], key));
      return;
    }
    if (isObject(upstream) && isObject(sandbox)) for (const [name, item] of Object.entries(upstream)) pair(item, sandbox[name], name);
  }

  /** A request target with each path segment the upstream handed out (a device id) swapped for the sandbox's own. */
  function toTwinTarget(target: string): string {
    const queryAt = target.indexOf('?');
    const path = queryAt === -1 ? target : target.slice(0, queryAt);
    const twinPath = path
      .split('/')
      .map((segment) => {
        const decoded = decodedOrUndefined(segment);
        const twin = decoded === undefined ? undefined : standIns.get(decoded);
        return twin === undefined ? segment : encodeURIComponent(twin);
      })
      .join('/');
    return queryAt === -1 ? twinPath : `${twinPath}${target.slice(queryAt)}`;
  }

  return {
    /** The sandbox's token paired with one the upstream handed out, if any. */
    tokenFor: (upstream: string): string | undefined => standIns.get(upstream),
    /** The request body for the sandbox, whose session's time is `sandboxNowMs` (its TOTP codes are of that time). */
    toTwinBody: (body: unknown, user: TwinUser | undefined, sandboxNowMs: number): unknown => toTwinValue(body, user, sandboxNowMs),
    /** The same for a form body (`application/x-www-form-urlencoded`), as text. */
    toTwinForm,
    learn: (upstreamBody: unknown, sandboxBody: unknown): void => pair(upstreamBody, sandboxBody),
    toTwinTarget,
    /** The upstream user's e-mail address, once a sign-in named it. */
    get upstreamEmail(): string | undefined {
      return upstreamEmail;
    },
  };
}

export type TwinCredentials = ReturnType<typeof createTwinCredentials>;
