import { SandboxError } from '../errors.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { PasskeyKeyError, publicKeyOfPrivateKey, toCosePublicKey, toSpkiPublicKey } from './passkey-keys.js';
import type { RelyingParty } from './passkey.js';
import type { SessionRegistry, SessionState } from './session-registry.js';
import { toUnknownUserHint } from './unknown-user-hint.js';
import { newId, settleMfaState, userById, type PasskeyCredential, type User, type World } from './world.js';

/**
 * Passkeys shared with a browser's virtual authenticator: the sandbox's passkeys in exactly the shape Playwright's
 * `browserContext.credentials.create(rpId, credential)` takes and `credentials.get()` returns, and such a credential
 * (one a page registered in the browser) put into a user's world. The private keys involved are test keys.
 */

/** A virtual WebAuthn credential as Playwright's `browserContext.credentials` holds it; every key is base64url. */
export interface PlaywrightPasskey {
  /** Credential id. */
  id: string;
  /** The relying party id (the host a page must be served from, e.g. `localhost`). */
  rpId: string;
  userHandle: string;
  /** PKCS#8 (DER) ECDSA P-256 private key. */
  privateKey: string;
  /** SPKI (DER) public key. */
  publicKey: string;
  /** The signature counter the relying party last saw; the next assertion reports one more. */
  signCount: number;
}

/** A surface whose passkeys can be shared: its WebAuthn relying party and its name for the passkey factor. */
export interface PasskeySurface {
  id: string;
  relyingParty: RelyingParty;
  factorName: string;
}

/** Which passkeys: of one surface and/or one user (all when left out). */
export interface PasskeySelection {
  surface?: string;
  user?: string;
}

/** Where an imported passkey went. */
export interface ImportedPasskey {
  surface: string;
  scenario: string;
  userId: string;
  factorId: string;
}

const MAX_SIGN_COUNT = 0xffff_ffff;

/** The user handle a sandbox ceremony gives a user: the UTF-8 bytes of the user id (engine/passkey.ts `userID`). */
const defaultUserHandle = (userId: string) => toBase64Url(userId);

function chosenSurfaces(surfaces: readonly PasskeySurface[], surface: string | undefined): readonly PasskeySurface[] {
  if (surface === undefined) return surfaces;
  const chosen = surfaces.filter((candidate) => candidate.id === surface);
  if (chosen.length === 0) {
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `Surface "${surface}" has no passkeys`, { passkeySurfaces: surfaces.map(({ id }) => id) });
  }
  return chosen;
}

const currentWorld = (sessions: SessionRegistry, session: SessionState, surface: PasskeySurface): World =>
  sessions.world(session, sessions.scenarioFor(session, surface.id));

function toPlaywrightPasskey(credential: PasskeyCredential & { privateKey: string }, user: User, rp: RelyingParty): PlaywrightPasskey {
  return {
    id: credential.id,
    rpId: rp.id,
    userHandle: credential.userHandle ?? defaultUserHandle(user.id),
    privateKey: credential.privateKey,
    publicKey: toSpkiPublicKey(credential.publicKey),
    signCount: credential.counter,
  };
}

/**
 * The passkeys of the session's current worlds that the sandbox holds a private key for (a scenario's, or imported
 * ones), in Playwright's shape. A passkey registered through a vendor ceremony is not among them: its private key
 * never left the authenticator. A `user` no chosen world has is a 400 fault (a typo must not read as "no passkeys").
 *
 * @example
 * sessions.update('e2e-1', (session) => exportPasskeys(sessions, session, surfaces, { user: 'usr_ada' }));
 * // [{ id: 'j6b_gq3hMZsE3F9mYGLBww', rpId: 'localhost', userHandle: 'dXNyX2FkYQ', privateKey: 'MIGHAgEA...', publicKey: 'MFkw...', signCount: 0 }]
 */
export function exportPasskeys(
  sessions: SessionRegistry,
  session: SessionState,
  surfaces: readonly PasskeySurface[],
  selection: PasskeySelection = {},
): PlaywrightPasskey[] {
  const chosen = chosenSurfaces(surfaces, selection.surface);
  let userFound = false;
  const passkeys = chosen.flatMap((surface) => {
    const world = currentWorld(sessions, session, surface);
    const named = selection.user === undefined ? undefined : userById(world, selection.user);
    const users = selection.user === undefined ? Object.values(world.users) : named ? [named] : [];
    userFound ||= users.length > 0;
    return users.flatMap((user) =>
      user.factors.flatMap(({ kind, credential }) =>
        kind === 'passkey' && credential?.privateKey
          ? [toPlaywrightPasskey({ ...credential, privateKey: credential.privateKey }, user, surface.relyingParty)]
          : [],
      ),
    );
  });
  if (selection.user !== undefined && !userFound) {
    const hint = toUnknownUserHint(
      selection.user,
      chosen.map((surface) => currentWorld(sessions, session, surface)),
    );
    throw new SandboxError('MOCK_ERR_UNKNOWN_USER', `No user "${selection.user}" in session "${session.id}" (${chosen.map(({ id }) => id).join(', ')})${hint}`);
  }
  return passkeys;
}

/** What an import names: the credential, and optionally the surface and user it goes to. */
interface PasskeyImport {
  credential: { id: string; rpId: string; publicKey: string; privateKey?: string; userHandle?: string; signCount: number };
  surface?: string;
  user?: string;
}

const IMPORT_SHAPE =
  'body must be {"credential": {"id", "rpId", "publicKey", "privateKey"?, "userHandle"?, "signCount"?}, "surface"?, "user"?}: ' +
  "a credential as Playwright's context.credentials.get() returns it";

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isBase64Url(value: unknown): value is string {
  if (!isText(value) || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
  try {
    fromBase64Url(value);
    return true;
  } catch {
    return false;
  }
}

/** The import body, checked for shape (a 400 fault otherwise); what the keys hold is checked later. */
function toPasskeyImport(body: unknown): PasskeyImport {
  const bad = (why: string) => new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `${why}; ${IMPORT_SHAPE}`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('no JSON object');
  const { credential, surface, user, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw bad(`unknown field(s) ${Object.keys(rest).join(', ')}`);
  if (surface !== undefined && !isText(surface)) throw bad('surface must be a surface id');
  if (user !== undefined && !isText(user)) throw bad('user must be a user id');
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) throw bad('credential is missing');
  const { id, rpId, publicKey, privateKey, userHandle, signCount = 0 } = credential as Record<string, unknown>;
  if (!isBase64Url(id)) throw bad('credential.id must be base64url');
  if (!isText(rpId)) throw bad('credential.rpId must be a relying party id');
  if (!isBase64Url(publicKey)) throw bad('credential.publicKey must be base64url');
  if (privateKey !== undefined && !isBase64Url(privateKey)) throw bad('credential.privateKey must be base64url');
  if (userHandle !== undefined && !isBase64Url(userHandle)) throw bad('credential.userHandle must be base64url');
  if (typeof signCount !== 'number' || !Number.isInteger(signCount) || signCount < 0 || signCount > MAX_SIGN_COUNT) {
    throw bad(`credential.signCount must be an integer from 0 to ${MAX_SIGN_COUNT}`);
  }
  return {
    credential: { id, rpId, publicKey, signCount, ...(privateKey === undefined ? {} : { privateKey }), ...(userHandle === undefined ? {} : { userHandle }) },
    ...(surface === undefined ? {} : { surface }),
    ...(user === undefined ? {} : { user }),
  };
}

/** The credential's public key as the verifier keeps it (COSE), after checking the private key belongs to it. */
function toStoredPublicKey(credential: PasskeyImport['credential']): string {
  try {
    const cose = toCosePublicKey(credential.publicKey);
    const carried = credential.privateKey === undefined ? undefined : publicKeyOfPrivateKey(credential.privateKey);
    if (carried !== undefined && carried !== toSpkiPublicKey(cose)) throw new PasskeyKeyError('privateKey and publicKey are not one key pair');
    return cose;
  } catch (error) {
    if (error instanceof PasskeyKeyError) throw new SandboxError('MOCK_ERR_INVALID_PASSKEY', error.message, { credential: credential.id });
    throw error;
  }
}

/** The one surface the credential's RP id belongs to (of those chosen), or a fault saying why there is none. */
function surfaceForRpId(surfaces: readonly PasskeySurface[], rpId: string): PasskeySurface {
  const matching = surfaces.filter((surface) => surface.relyingParty.id === rpId);
  if (matching.length === 0) {
    const known = surfaces.map((surface) => `${surface.id}: "${surface.relyingParty.id}"`).join(', ');
    throw new SandboxError('MOCK_ERR_INVALID_PASSKEY', `rpId "${rpId}" is no relying party of this sandbox (${known})`, { rpId });
  }
  if (matching.length > 1) {
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `rpId "${rpId}" belongs to several surfaces; name one in "surface"`, {
      surfaces: matching.map(({ id }) => id),
    });
  }
  return matching[0]!;
}

/** Two COSE keys are one key when their SPKI forms agree (CBOR may order a map's entries either way). */
function isSameKey(cose: string, other: string): boolean {
  try {
    return toSpkiPublicKey(cose) === toSpkiPublicKey(other);
  } catch {
    return false;
  }
}

/** The user id a user handle stands for when a sandbox ceremony made it (UTF-8 text), else undefined. */
function userIdOfHandle(userHandle: string | undefined): string | undefined {
  if (userHandle === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(userHandle));
  } catch {
    return undefined;
  }
}

/**
 * Put a passkey a browser holds (Playwright's `credentials.get()` shape) into a user's current world, so the sandbox
 * verifies its assertions (and, with its private key, can hand it to another browser context). The user is `user`,
 * else the one the user handle names (a sandbox ceremony makes it from the user id). A credential id the user already
 * has keeps its factor and takes the new counter and keys; otherwise the passkey takes the place of the user's
 * passkey factor, as a vendor registration does (a world holds one factor per kind). Misuse is a sandbox fault:
 * 400 for a body of the wrong shape or an unknown user, 422 `MOCK_ERR_INVALID_PASSKEY` for keys the sandbox cannot
 * use (not P-256, a private key of another pair, an RP id of no surface) and for a credential another user of the
 * world holds.
 *
 * @example
 * sessions.update('e2e-1', (session) => importPasskey(sessions, session, surfaces, { credential: fromBrowser }, nowMs));
 * // { surface: 'flashback', scenario: 'default', userId: 'usr_ada', factorId: 'mfa_...' }
 */
export function importPasskey(
  sessions: SessionRegistry,
  session: SessionState,
  surfaces: readonly PasskeySurface[],
  body: unknown,
  nowMs: number,
): ImportedPasskey {
  const { credential, ...named } = toPasskeyImport(body);
  const surface = surfaceForRpId(chosenSurfaces(surfaces, named.surface), credential.rpId);
  const publicKey = toStoredPublicKey(credential);
  const userId = named.user ?? userIdOfHandle(credential.userHandle);
  if (userId === undefined) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', 'Name the user ("user"): the user handle is no user id');
  const world = currentWorld(sessions, session, surface);
  const user = userById(world, userId);
  if (!user && named.user === undefined)
    throw new SandboxError(
      'MOCK_ERR_BAD_ADMIN_REQUEST',
      `Name the user ("user"): the user handle names no user of session "${session.id}" (${surface.id}/${world.scenario})`,
    );
  if (!user) {
    const hint = toUnknownUserHint(userId, [world]);
    throw new SandboxError('MOCK_ERR_UNKNOWN_USER', `No user "${userId}" in session "${session.id}" (${surface.id}/${world.scenario})${hint}`);
  }
  const stored: PasskeyCredential = {
    id: credential.id,
    publicKey,
    counter: credential.signCount,
    ...(credential.privateKey === undefined ? {} : { privateKey: credential.privateKey }),
    ...(credential.userHandle === undefined || credential.userHandle === defaultUserHandle(user.id) ? {} : { userHandle: credential.userHandle }),
  };
  const holder = Object.values(world.users).find(
    (other) => other.id !== user.id && other.factors.some((factor) => factor.kind === 'passkey' && factor.credential?.id === credential.id),
  );
  if (holder) {
    throw new SandboxError(
      'MOCK_ERR_INVALID_PASSKEY',
      `Credential "${credential.id}" is already user "${holder.id}"'s passkey (${surface.id}/${world.scenario}): a relying party registers a credential for one user only`,
      { credential: credential.id, user: holder.id },
    );
  }
  const existing = user.factors.find((factor) => factor.kind === 'passkey' && factor.credential?.id === credential.id);
  if (existing?.credential) {
    if (!isSameKey(existing.credential.publicKey, publicKey)) {
      throw new SandboxError('MOCK_ERR_INVALID_PASSKEY', `User "${user.id}" has credential "${credential.id}" with another public key`, {
        credential: credential.id,
      });
    }
    // The registered COSE bytes stay as the authenticator wrote them; the counter and keys are the browser's now.
    existing.credential = { ...existing.credential, ...stored, publicKey: existing.credential.publicKey };
  } else {
    user.factors = user.factors.filter((factor) => factor.kind !== 'passkey');
    user.factors.push({
      id: newId('mfa', nowMs),
      kind: 'passkey',
      name: surface.factorName,
      verified: true,
      enabled: true,
      credential: stored,
      createdAt: new Date(nowMs).toISOString(),
    });
  }
  settleMfaState(user);
  return { surface: surface.id, scenario: world.scenario, userId: user.id, factorId: (existing ?? user.factors.at(-1)!).id };
}
