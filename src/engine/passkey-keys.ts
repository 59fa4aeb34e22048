import { fromBase64Url, toBase64Url } from './base64url.js';

/**
 * The three forms a passkey's ES256 (ECDSA P-256) key takes, converted by byte layout alone (no EC arithmetic, no
 * WebCrypto, so synchronously and in a browser): the COSE key WebAuthn puts in an attestation and the sandbox verifies
 * with, and the DER forms Playwright's virtual authenticator (`browserContext.credentials`) takes and hands back:
 * SPKI for the public key, PKCS#8 for the private key. Every value is base64url text.
 */

/** DER of SubjectPublicKeyInfo { id-ecPublicKey, prime256v1 } up to the BIT STRING's content: an uncompressed point follows. */
const P256_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
]);
/** DER of AlgorithmIdentifier { id-ecPublicKey, prime256v1 }, as PKCS#8 names a P-256 key. */
const P256_ALGORITHM = P256_SPKI_PREFIX.slice(2, 23);
const COORDINATE_LENGTH = 32;
/** 0x04 || x || y. */
const POINT_LENGTH = 1 + 2 * COORDINATE_LENGTH;

/** A key this module cannot read; the message says what was wrong. */
export class PasskeyKeyError extends Error {
  override name = 'PasskeyKeyError';
}

function decode(text: string, what: string): Uint8Array {
  try {
    return fromBase64Url(text);
  } catch {
    throw new PasskeyKeyError(`${what} is not base64url`);
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, index) => byte === b[index]);

/** The uncompressed point of a P-256 SPKI, or a PasskeyKeyError. */
function pointOfSpki(spki: Uint8Array): Uint8Array {
  const prefix = spki.subarray(0, P256_SPKI_PREFIX.length);
  const point = spki.subarray(P256_SPKI_PREFIX.length);
  if (!sameBytes(prefix, P256_SPKI_PREFIX) || point.length !== POINT_LENGTH || point[0] !== 0x04) {
    throw new PasskeyKeyError('publicKey is not an ECDSA P-256 public key in SPKI (DER) form');
  }
  return point;
}

const toSpki = (point: Uint8Array) => toBase64Url(Uint8Array.from([...P256_SPKI_PREFIX, ...point]));

// --- COSE (RFC 9052), as much CBOR as an EC2 key needs: small ints, byte strings, one map ----------------------------

/** A CBOR item's head: major type and argument, and where its content starts. */
function readHead(bytes: Uint8Array, at: number): { major: number; value: number; next: number } {
  const initial = bytes[at];
  if (initial === undefined) throw new PasskeyKeyError('the COSE key ends too early');
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info < 24) return { major, value: info, next: at + 1 };
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
  if (size === 0 || at + size >= bytes.length) throw new PasskeyKeyError('the COSE key has a CBOR length this reader does not take');
  let value = 0;
  for (let index = 1; index <= size; index++) value = value * 256 + bytes[at + index]!;
  return { major, value, next: at + 1 + size };
}

/** A COSE key's int labels and their int or byte-string values (anything else is skipped as unreadable). */
function readCoseMap(bytes: Uint8Array): Map<number, number | Uint8Array> {
  const head = readHead(bytes, 0);
  if (head.major !== 5) throw new PasskeyKeyError('publicKey is not a COSE key (a CBOR map)');
  const entries = new Map<number, number | Uint8Array>();
  let at = head.next;
  const readItem = (): number | Uint8Array => {
    const item = readHead(bytes, at);
    if (item.major === 0 || item.major === 1) {
      at = item.next;
      return item.major === 0 ? item.value : -1 - item.value;
    }
    if (item.major === 2 || item.major === 3) {
      at = item.next + item.value;
      if (at > bytes.length) throw new PasskeyKeyError('the COSE key ends too early');
      return bytes.slice(item.next, at);
    }
    throw new PasskeyKeyError('the COSE key holds a CBOR item an EC2 key never has');
  };
  for (let index = 0; index < head.value; index++) {
    const label = readItem();
    const value = readItem();
    if (typeof label === 'number') entries.set(label, value);
  }
  return entries;
}

/** COSE_Key of an ES256 key: kty EC2 (1: 2), alg ES256 (3: -7), crv P-256 (-1: 1), x (-2), y (-3). */
function toCoseBytes(x: Uint8Array, y: Uint8Array): Uint8Array {
  // Map of 5; 1: 2; 3: -7; -1: 1; -2: bstr(32); -3: bstr(32)
  return Uint8Array.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, COORDINATE_LENGTH, ...x, 0x22, 0x58, COORDINATE_LENGTH, ...y]);
}

/**
 * The SPKI (DER, base64url) of a COSE ES256 public key, as Playwright's `credentials.create()` takes it.
 *
 * @throws PasskeyKeyError for a key that is not ES256 on P-256.
 * @example
 * toSpkiPublicKey(world.users.usr_ada.factors[1].credential.publicKey) // 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...'
 */
export function toSpkiPublicKey(cose: string): string {
  const entries = readCoseMap(decode(cose, 'publicKey'));
  const x = entries.get(-2);
  const y = entries.get(-3);
  if (entries.get(1) !== 2 || entries.get(3) !== -7 || entries.get(-1) !== 1 || !(x instanceof Uint8Array) || !(y instanceof Uint8Array)) {
    throw new PasskeyKeyError('publicKey is not an ES256 (ECDSA P-256) COSE key');
  }
  if (x.length !== COORDINATE_LENGTH || y.length !== COORDINATE_LENGTH) throw new PasskeyKeyError('publicKey has coordinates of the wrong length');
  return toSpki(Uint8Array.from([0x04, ...x, ...y]));
}

/**
 * The COSE ES256 key (base64url) of a P-256 SPKI public key, as the sandbox's verifier keeps it.
 *
 * @throws PasskeyKeyError for anything but a P-256 SPKI.
 * @example
 * toCosePublicKey(credential.publicKey) // 'pQECAyYgASFYI...'
 */
export function toCosePublicKey(spki: string): string {
  const point = pointOfSpki(decode(spki, 'publicKey'));
  return toBase64Url(toCoseBytes(point.subarray(1, 1 + COORDINATE_LENGTH), point.subarray(1 + COORDINATE_LENGTH)));
}

// --- PKCS#8 (RFC 5208) holding an ECPrivateKey (RFC 5915) ------------------------------------------------------------

interface DerItem {
  tag: number;
  content: Uint8Array;
}

/** The DER items one after another in `bytes` (short and long definite lengths). */
function readDerItems(bytes: Uint8Array): DerItem[] {
  const items: DerItem[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at]!;
    let length = bytes[at + 1];
    let start = at + 2;
    if (length === undefined) throw new PasskeyKeyError('privateKey is not DER: it ends inside an item');
    if (length & 0x80) {
      const size = length & 0x7f;
      if (size < 1 || size > 2) throw new PasskeyKeyError('privateKey is not DER: an item length this reader does not take');
      length = 0;
      for (let index = 0; index < size; index++) length = length * 256 + (bytes[start + index] ?? 0);
      start += size;
    }
    const end = start + length;
    if (end > bytes.length) throw new PasskeyKeyError('privateKey is not DER: an item runs past its end');
    items.push({ tag, content: bytes.subarray(start, end) });
    at = end;
  }
  return items;
}

const SEQUENCE = 0x30;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
/** ECPrivateKey's `[1] publicKey` field (context-specific, constructed). */
const EC_PUBLIC_KEY_FIELD = 0xa1;

/**
 * The public key (SPKI, base64url) a P-256 PKCS#8 private key carries in its ECPrivateKey's optional `publicKey` field,
 * which Node, WebCrypto and Playwright all write; undefined when the key leaves it out (its public key could then only
 * be computed, which this module does not do).
 *
 * @throws PasskeyKeyError for anything but a PKCS#8 ECDSA P-256 private key.
 * @example
 * publicKeyOfPrivateKey(credential.privateKey) === credential.publicKey // for what Playwright's credentials.get() returns
 */
export function publicKeyOfPrivateKey(pkcs8: string): string | undefined {
  const [outer] = readDerItems(decode(pkcs8, 'privateKey'));
  if (outer?.tag !== SEQUENCE) throw new PasskeyKeyError('privateKey is not PKCS#8 (DER)');
  const [version, algorithm, wrapped] = readDerItems(outer.content);
  const algorithmDer = algorithm && Uint8Array.from([algorithm.tag, algorithm.content.length, ...algorithm.content]);
  if (version?.tag !== 0x02 || !algorithmDer || !sameBytes(algorithmDer, P256_ALGORITHM) || wrapped?.tag !== OCTET_STRING) {
    throw new PasskeyKeyError('privateKey is not an ECDSA P-256 key in PKCS#8 (DER) form');
  }
  const [ecPrivateKey] = readDerItems(wrapped.content);
  if (ecPrivateKey?.tag !== SEQUENCE) throw new PasskeyKeyError('privateKey holds no ECPrivateKey');
  const field = readDerItems(ecPrivateKey.content).find((item) => item.tag === EC_PUBLIC_KEY_FIELD);
  if (!field) return undefined;
  const [bits] = readDerItems(field.content);
  if (bits?.tag !== BIT_STRING || bits.content[0] !== 0) throw new PasskeyKeyError("privateKey's public key field is not a BIT STRING");
  return toSpki(pointOfSpki(Uint8Array.from([...P256_SPKI_PREFIX, ...bits.content.subarray(1)])));
}
