import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { appendChallenge } from './world-limits.js';
import type { PasskeyCredential, User } from './world.js';

/**
 * Real WebAuthn ceremonies (via @simplewebauthn/server): options with a fresh challenge, and verification of
 * attestations and assertions. Challenges are single-use: verification removes the one it used from `challenges`.
 * Each is issued for one ceremony of one user, as a server keeps it beside the user's pending registration or sign-in:
 * a registration over a sign-in's challenge, or over another user's, is refused.
 */

export interface RelyingParty {
  id: string;
  name: string;
}

export const PASSKEY_TIMEOUT_MS = 60_000;

/**
 * @simplewebauthn/server and its crypto stack are loaded on the first ceremony, not at start: importing them was the
 * largest single share of the server's cold start, and most runs never see a passkey.
 */
const loadWebAuthn = () => import('@simplewebauthn/server');

/**
 * The public key algorithms offered and accepted (COSE ids: EdDSA, ES256, RS256), named rather than left to
 * @simplewebauthn's default, which depends on the runtime: where WebCrypto knows ML-DSA-44 (Node 24) it offers that
 * first, and asking WebCrypto prints two ExperimentalWarnings to the user's terminal. The same three on every Node:
 * the library's default before ML-DSA, which covers the authenticators in use (ES256 everywhere, RS256 for Windows
 * Hello, EdDSA on some security keys).
 */
const PASSKEY_ALGORITHMS = [-8, -7, -257];

/** Why a ceremony was refused, for a person: what the sandbox checked and what it found (a refusal's explanation). */
export interface PasskeyRefusal {
  refused: string;
}

/** What the browser signed over, as far as the sandbox checks it before the signature. */
interface ClientData {
  origin: string;
  challenge: string;
}

/** The ceremony a challenge was issued for: setup (registration) or auth-options (sign-in). */
type Ceremony = 'registration' | 'authentication';

const CEREMONY_WORDS: Readonly<Record<Ceremony, string>> = { registration: 'registration', authentication: 'sign-in' };

/** Whom and what a challenge was issued for: kept in the world's list beside it, as `<challenge> <ceremony> <user id>`. */
interface ChallengeUse {
  ceremony: Ceremony;
  userId: string;
}

/** A base64url challenge has no space, so the first two spaces end the challenge and the ceremony. */
function toIssued(challenge: string, use: ChallengeUse): string {
  return `${challenge} ${use.ceremony} ${use.userId}`;
}

/** The list entry of an issued challenge (a bare one, from a session file saved before challenges were bound, too). */
function findIssued(challenges: readonly string[], challenge: string): string | undefined {
  return challenges.find((entry) => entry === challenge || entry.startsWith(`${challenge} `));
}

/** Why an issued challenge does not fit this use, or undefined when it does (a bare one fits any). */
function toMisuse(entry: string, challenge: string, use: ChallengeUse): string | undefined {
  const [, ceremony, ...userId] = entry.split(' ');
  if (ceremony === undefined) return undefined;
  const owner = userId.join(' ');
  if (ceremony === use.ceremony && owner === use.userId) return undefined;
  const issued = ceremony === 'registration' ? 'by setup for a registration' : 'by auth-options for a sign-in';
  return `challenge ${challenge} was issued ${issued} of ${owner}, not for this ${CEREMONY_WORDS[use.ceremony]} of ${use.userId}`;
}

/**
 * The client data if its origin belongs to the relying party and its challenge is one this session issued (exactly
 * `required` when the client names one), else why not. A sandbox on localhost serves frontends on any port, so any
 * origin whose host is the RP ID is accepted instead of one fixed origin.
 */
function checkClientData(
  clientDataJSON: string | undefined,
  rp: RelyingParty,
  challenges: string[],
  use: ChallengeUse,
  required?: string,
): ClientData | PasskeyRefusal {
  let clientData: Partial<ClientData>;
  try {
    clientData = JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON ?? ''))) as Partial<ClientData>;
  } catch {
    return { refused: "the credential's clientDataJSON is not base64url-encoded JSON" };
  }
  const { origin, challenge } = clientData;
  let host: string | undefined;
  try {
    host = typeof origin === 'string' ? new URL(origin).hostname : undefined;
  } catch {
    host = undefined;
  }
  if (typeof origin !== 'string') return { refused: 'the client data names no origin' };
  if (host !== rp.id) return { refused: `the browser's origin ${origin} is not on the relying party's host ${rp.id}` };
  if (typeof challenge !== 'string') return { refused: 'the client data names no challenge' };
  if (required !== undefined && challenge !== required)
    return { refused: `the credential signs challenge ${challenge}, but the body names challenge ${required}` };
  const issued = findIssued(challenges, challenge);
  if (issued === undefined) return { refused: `challenge ${challenge} was not issued in this session, or was already used (each works once)` };
  const misuse = toMisuse(issued, challenge, use);
  if (misuse !== undefined) return { refused: misuse };
  return { origin, challenge };
}

/** The challenge, removed so it cannot be used twice: called by the verifier only for the one checked above. */
function takeChallenge(challenges: string[]) {
  return (challenge: string) => {
    const issued = findIssued(challenges, challenge);
    if (issued === undefined) return false;
    challenges.splice(challenges.indexOf(issued), 1);
    return true;
  };
}

export async function createRegistrationOptions(rp: RelyingParty, user: User, challenges: string[]) {
  const { generateRegistrationOptions } = await loadWebAuthn();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    timeout: PASSKEY_TIMEOUT_MS,
    excludeCredentials: user.factors.flatMap((factor) => (factor.credential ? [{ id: factor.credential.id }] : [])),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
  });
  appendChallenge(challenges, toIssued(options.challenge, { ceremony: 'registration', userId: user.id }));
  return options;
}

/**
 * The new credential if the attestation is genuine, for this RP, and answers a challenge we issued to `user` for a
 * registration (exactly `requiredChallenge` when the client names one); else why not.
 */
export async function verifyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  challenges: string[],
  user: Pick<User, 'id'>,
  requiredChallenge?: string,
): Promise<PasskeyCredential | PasskeyRefusal> {
  const clientData = checkClientData(response.response?.clientDataJSON, rp, challenges, { ceremony: 'registration', userId: user.id }, requiredChallenge);
  if ('refused' in clientData) return clientData;
  const { verifyRegistrationResponse } = await loadWebAuthn();
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: takeChallenge(challenges),
      expectedOrigin: clientData.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
    });
    if (!result.verified) return { refused: 'the attestation did not verify' };
    const { credential } = result.registrationInfo;
    return {
      id: credential.id,
      publicKey: toBase64Url(credential.publicKey),
      counter: credential.counter,
      ...(credential.transports ? { transports: [...credential.transports] } : {}),
    };
  } catch (error) {
    return { refused: `the attestation did not verify: ${toReason(error)}` }; // malformed or tampered
  }
}

export async function createAuthenticationOptions(rp: RelyingParty, user: User, challenges: string[]) {
  const { generateAuthenticationOptions } = await loadWebAuthn();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: PASSKEY_TIMEOUT_MS,
    userVerification: 'preferred',
    // With the transports the authenticator named at registration: a browser uses them to offer the right device
    // (this phone, a security key) without asking which.
    allowCredentials: user.factors.flatMap(({ credential }) =>
      credential ? [{ id: credential.id, ...(credential.transports?.length ? { transports: credential.transports } : {}) }] : [],
    ),
  });
  appendChallenge(challenges, toIssued(options.challenge, { ceremony: 'authentication', userId: user.id }));
  return options;
}

/**
 * True if the assertion is signed by this stored credential over a challenge we issued to `user` for a sign-in (and
 * bumps the counter), else why not.
 */
export async function verifyAuthentication(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  credential: PasskeyCredential,
  challenges: string[],
  user: Pick<User, 'id'>,
): Promise<true | PasskeyRefusal> {
  const clientData = checkClientData(response.response?.clientDataJSON, rp, challenges, { ceremony: 'authentication', userId: user.id });
  if ('refused' in clientData) return clientData;
  const { verifyAuthenticationResponse } = await loadWebAuthn();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: takeChallenge(challenges),
      expectedOrigin: clientData.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      credential: { id: credential.id, publicKey: fromBase64Url(credential.publicKey), counter: credential.counter },
    });
    if (!result.verified) return { refused: 'the assertion did not verify' };
    credential.counter = result.authenticationInfo.newCounter;
    return true;
  } catch (error) {
    return { refused: `the assertion did not verify: ${toReason(error)}` };
  }
}

/** The verifier's own words for a refusal (its errors say which check failed). */
function toReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
