import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { fromBase64Url, toBase64Url } from './base64url.js';
import type { PasskeyCredential, User } from './world.js';

/**
 * Real WebAuthn ceremonies (via @simplewebauthn/server): options with a fresh challenge, and verification of
 * attestations and assertions. Challenges are single-use: verification removes the one it used from `challenges`.
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
 * The origin the browser reported, if it belongs to the relying party. A sandbox on localhost serves frontends on
 * any port, so any origin whose host is the RP ID is accepted instead of one fixed origin.
 */
function toExpectedOrigin(clientDataJSON: string, rp: RelyingParty): string | undefined {
  try {
    const clientData = JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON))) as { origin?: string };
    return clientData.origin && new URL(clientData.origin).hostname === rp.id ? clientData.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Accept a challenge we issued (and, if given, exactly `required`), removing it so it cannot be used twice. */
function takeChallenge(challenges: string[], required?: string) {
  return (challenge: string) => {
    if (required !== undefined && challenge !== required) return false;
    const index = challenges.indexOf(challenge);
    if (index === -1) return false;
    challenges.splice(index, 1);
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
  });
  challenges.push(options.challenge);
  return options;
}

/**
 * The new credential if the attestation is genuine, for this RP, and answers a challenge we issued (exactly
 * `requiredChallenge` when the client names one); else undefined.
 */
export async function verifyRegistration(
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  challenges: string[],
  requiredChallenge?: string,
): Promise<PasskeyCredential | undefined> {
  const origin = toExpectedOrigin(response.response?.clientDataJSON, rp);
  if (!origin) return undefined;
  const { verifyRegistrationResponse } = await loadWebAuthn();
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: takeChallenge(challenges, requiredChallenge),
      expectedOrigin: origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    if (!result.verified) return undefined;
    const { credential } = result.registrationInfo;
    return {
      id: credential.id,
      publicKey: toBase64Url(credential.publicKey),
      counter: credential.counter,
      ...(credential.transports ? { transports: [...credential.transports] } : {}),
    };
  } catch {
    return undefined; // malformed or tampered attestation
  }
}

export async function createAuthenticationOptions(rp: RelyingParty, user: User, challenges: string[]) {
  const { generateAuthenticationOptions } = await loadWebAuthn();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: PASSKEY_TIMEOUT_MS,
    userVerification: 'preferred',
    allowCredentials: user.factors.flatMap((factor) => (factor.credential ? [{ id: factor.credential.id }] : [])),
  });
  challenges.push(options.challenge);
  return options;
}

/** True if the assertion is signed by this stored credential over a challenge we issued; bumps the counter. */
export async function verifyAuthentication(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  credential: PasskeyCredential,
  challenges: string[],
): Promise<boolean> {
  const origin = toExpectedOrigin(response.response?.clientDataJSON, rp);
  if (!origin) return false;
  const { verifyAuthenticationResponse } = await loadWebAuthn();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: takeChallenge(challenges),
      expectedOrigin: origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
      credential: { id: credential.id, publicKey: fromBase64Url(credential.publicKey), counter: credential.counter },
    });
    if (result.verified) credential.counter = result.authenticationInfo.newCounter;
    return result.verified;
  } catch {
    return false;
  }
}
