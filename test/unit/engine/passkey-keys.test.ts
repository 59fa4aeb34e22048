import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PasskeyKeyError, publicKeyOfPrivateKey, toCosePublicKey, toSpkiPublicKey } from '../../../src/engine/passkey-keys.js';
import { encodeCbor } from '../../harness/software-authenticator.js';

/** A P-256 key pair as Node (and so Playwright's virtual authenticator) writes it: PKCS#8 and SPKI, base64url. */
function nodeKeyPair(namedCurve = 'P-256') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
    jwk: publicKey.export({ format: 'jwk' }),
  };
}

describe('passkey key forms (COSE, SPKI, PKCS#8) by byte layout', () => {
  it("round-trips Node's SPKI through COSE, and the COSE key is the one a WebAuthn attestation carries", () => {
    const pair = nodeKeyPair();
    const cose = toCosePublicKey(pair.publicKey);
    expect(toSpkiPublicKey(cose)).toBe(pair.publicKey);
    // The COSE_Key an authenticator writes (the test harness's own CBOR encoder, independent of the module).
    const expected = encodeCbor(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(pair.jwk.x!, 'base64url')],
        [-3, Buffer.from(pair.jwk.y!, 'base64url')],
      ]),
    );
    expect(Buffer.from(cose, 'base64url').equals(expected)).toBe(true);
  });

  it('reads a COSE key whose map entries come in another order', () => {
    const pair = nodeKeyPair();
    const reordered = encodeCbor(
      new Map<number, number | Uint8Array>([
        [-3, Buffer.from(pair.jwk.y!, 'base64url')],
        [-2, Buffer.from(pair.jwk.x!, 'base64url')],
        [-1, 1],
        [3, -7],
        [1, 2],
      ]),
    );
    expect(toSpkiPublicKey(reordered.toString('base64url'))).toBe(pair.publicKey);
  });

  it('finds the public key a PKCS#8 private key carries, as Node and WebCrypto write it', async () => {
    const pair = nodeKeyPair();
    expect(publicKeyOfPrivateKey(pair.privateKey)).toBe(pair.publicKey);
    const generated = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', generated.privateKey)).toString('base64url');
    const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', generated.publicKey)).toString('base64url');
    expect(publicKeyOfPrivateKey(pkcs8)).toBe(spki);
  });

  it('refuses keys of other curves and algorithms, and bytes that are no key', () => {
    const p384 = nodeKeyPair('P-384');
    expect(() => toCosePublicKey(p384.publicKey)).toThrow(PasskeyKeyError);
    expect(() => publicKeyOfPrivateKey(p384.privateKey)).toThrow(/not an ECDSA P-256 key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64url');
    expect(() => toCosePublicKey(rsa)).toThrow(/not an ECDSA P-256 public key/);
    const rs256 = encodeCbor(
      new Map<number, number | Uint8Array>([
        [1, 3],
        [3, -257],
        [-1, new Uint8Array(256)],
        [-2, new Uint8Array([1, 0, 1])],
      ]),
    );
    expect(() => toSpkiPublicKey(rs256.toString('base64url'))).toThrow(/not an ES256/);
    for (const garbage of ['', 'AAAA', 'not base64url!']) {
      expect(() => toSpkiPublicKey(garbage)).toThrow(PasskeyKeyError);
      expect(() => toCosePublicKey(garbage)).toThrow(PasskeyKeyError);
      expect(() => publicKeyOfPrivateKey(garbage)).toThrow(PasskeyKeyError);
    }
  });
});
