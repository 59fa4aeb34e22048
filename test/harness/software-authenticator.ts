import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A software WebAuthn authenticator for tests: it creates real P-256 credentials, answers registration with a real
 * `none` attestation and authentication with a real ES256 signature, exactly as a browser + platform authenticator
 * would. Nothing here is shared with the sandbox's verifier (@simplewebauthn/server), so a pass means the bytes agree.
 */

type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue> | { [key: string]: CborValue };

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const head = Buffer.alloc(5);
  head[0] = (major << 5) | 26;
  head.writeUInt32BE(length, 1);
  return head;
}

/** Just enough CBOR (RFC 8949) for attestation objects and COSE keys. */
export function encodeCbor(value: CborValue): Buffer {
  if (typeof value === 'number') return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map(encodeCbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([cborHead(5, entries.length), ...entries.flatMap(([key, item]) => [encodeCbor(key), encodeCbor(item)])]);
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

interface StoredCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  counter: number;
}

export interface RegistrationCredentialJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; attestationObject: string; transports: string[] };
  clientExtensionResults: Record<string, never>;
}

export interface AuthenticationCredentialJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; authenticatorData: string; signature: string };
  clientExtensionResults: Record<string, never>;
}

export class SoftwareAuthenticator {
  readonly #credentials = new Map<string, StoredCredential>();

  constructor(
    readonly origin = 'http://localhost:4010',
    readonly rpId = 'localhost',
  ) {}

  #coseKey(publicKey: KeyObject): Buffer {
    const jwk = publicKey.export({ format: 'jwk' });
    // COSE_Key for ES256: kty EC2 (1:2), alg -7 (3:-7), crv P-256 (-1:1), x (-2), y (-3).
    return encodeCbor(
      new Map<CborValue, CborValue>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
  }

  #clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }

  /**
   * navigator.credentials.create(): a new key pair and a `none` attestation over the given challenge; with
   * `reuseCredentialId`, the attestation of a credential this authenticator already holds (as a synced passkey
   * offered to a second account), to test that a relying party refuses it.
   */
  register(challenge: string, reuseCredentialId?: string): RegistrationCredentialJSON {
    const reused = reuseCredentialId === undefined ? undefined : this.#credentials.get(reuseCredentialId);
    if (reuseCredentialId !== undefined && !reused) throw new Error(`no credential ${reuseCredentialId}`);
    const { privateKey, publicKey } = reused ?? generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const id = reused?.id ?? randomBytes(16);
    if (!reused) this.#credentials.set(b64url(id), { id, privateKey, publicKey, counter: 0 });
    const idLength = Buffer.from([id.length >> 8, id.length & 0xff]);
    const flags = Buffer.from([0x45]); // user present, user verified, attested credential data included
    const authData = Buffer.concat([sha256(this.rpId), flags, Buffer.alloc(4), Buffer.alloc(16), idLength, id, this.#coseKey(publicKey)]);
    const attestationObject = encodeCbor({ fmt: 'none', attStmt: {}, authData });
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(this.#clientData('webauthn.create', challenge)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get(): an ES256 assertion by a credential this authenticator holds. */
  authenticate(challenge: string, credentialId: string): AuthenticationCredentialJSON {
    const credential = this.#credentials.get(credentialId);
    if (!credential) throw new Error(`no credential ${credentialId}`);
    credential.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authenticatorData = Buffer.concat([sha256(this.rpId), Buffer.from([0x05]), counter]);
    const clientDataJSON = this.#clientData('webauthn.get', challenge);
    const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key',
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
      clientExtensionResults: {},
    };
  }
}
