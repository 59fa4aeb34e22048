import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSignatureValid, isSignedWith, parseAuthorization, sign, toSignedHeaders, toStringToSign } from '../../../src/surfaces/genauth/request-signature.js';
import { genauthStringToSign } from '../../harness/genauth-signer.js';

describe('GenAuth request signature', () => {
  it('builds the string to sign as the vendor SDK does: method, sorted signing headers + date, sorted resource', () => {
    const headers = {
      date: 'Mon, 23 Nov 2026 16:00:00 GMT',
      'x-genauth-signature-nonce': 'n1',
      'x-genauth-signature-method': 'HMAC-SHA1',
      'x-genauth-signature-version': '1.0',
      'content-type': 'application/json',
    };
    const text = toStringToSign('get', '/api/v3/get-mfa-status', headers, { userIdType: 'user_id', userId: 'u1', skipped: undefined }, 'genauth');
    expect(text).toBe(
      'GET\n' +
        'date:Mon, 23 Nov 2026 16:00:00 GMT\n' +
        'x-genauth-signature-method:HMAC-SHA1\n' +
        'x-genauth-signature-nonce:n1\n' +
        'x-genauth-signature-version:1.0\n' +
        '/api/v3/get-mfa-status?userId=u1&userIdType=user_id',
    );
  });

  it('JSON-stringifies object fields and leaves the path bare without fields', () => {
    expect(toStringToSign('POST', '/p', {}, { b: { x: 1 }, a: [1, 2] }, 'genauth')).toBe('POST\n/p?a=[1,2]&b={"x":1}');
    expect(toStringToSign('GET', '/p', {}, {}, 'genauth')).toBe('GET\n/p');
  });

  it("signs only date and the flavour's headers, and a repeated header as its values joined, trimmed", () => {
    const headers = { host: 'h', 'x-mock-session': 's', 'x-genauth-signature-nonce': [' n1', 'n2 '], date: ' d\t', dnt: '1' };
    expect(toStringToSign('GET', '/p', headers, {}, 'genauth')).toBe('GET\ndate:d\nx-genauth-signature-nonce:n1,n2\n/p');
  });

  it('uses x-authing-* headers for the Authing flavour', () => {
    const text = toStringToSign('GET', '/p', { 'x-authing-signature-nonce': 'a', 'x-genauth-signature-nonce': 'g' }, {}, 'authing');
    expect(text).toBe('GET\nx-authing-signature-nonce:a\n/p');
  });

  it('signs with base64 HMAC-SHA1 and emits a parseable authorization header', () => {
    expect(sign('secret', 'text')).toBe(createHmac('sha1', 'secret').update('text').digest('base64'));
    const headers = toSignedHeaders({ method: 'GET', path: '/p', fields: {}, accessKeyId: 'ak', accessKeySecret: 'sk', flavour: 'authing' });
    expect(parseAuthorization(headers.authorization)).toMatchObject({ flavour: 'authing', accessKeyId: 'ak' });
    expect(parseAuthorization('Bearer x')).toBeUndefined();
    expect(parseAuthorization('GenAuth no-colon')).toBeUndefined();
  });
});

describe('GenAuth signature bytes and comparison without node:crypto', () => {
  it('signs any UTF-8 secret and text exactly as Node HMAC-SHA1 does', () => {
    for (const [secret, text] of [
      ['', ''],
      ['sk-ünïcode-✓', 'GET\n/p?name=Zoë 🔑'],
      ['k'.repeat(100), 'long key: HMAC hashes a key over 64 bytes first'],
    ]) {
      expect(sign(secret!, text!)).toBe(createHmac('sha1', secret!).update(text!, 'utf8').digest('base64'));
    }
  });

  it('accepts only the identical signature', () => {
    const expected = sign('sk', 'text');
    expect(isSignatureValid(expected, expected)).toBe(true);
    expect(isSignatureValid(expected, `${expected.slice(0, -2)}A=`)).toBe(false);
    expect(isSignatureValid(expected, expected.slice(1))).toBe(false);
    expect(isSignatureValid(expected, '')).toBe(false);
  });
});

describe('a signature checked by isSignedWith (without making the expected signature)', () => {
  const name = fc.oneof(
    fc.constantFrom('date', 'host', 'authorization', 'x-mock-session', 'content-type', 'x-genauth-', 'x-authing-'),
    fc.constantFrom('x-genauth-', 'x-authing-', 'd', 'x').chain((start) => fc.string({ maxLength: 12 }).map((rest) => `${start}${rest}`.toLowerCase())),
  );
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\f', '\u00a0', 'é', '🔑', 'a', '\ud800'), maxLength: 24 }),
    fc.string({ unit: 'binary', maxLength: 24 }),
  );
  const field = fc.oneof(
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(text, text, { maxKeys: 2 }),
  );
  const request = fc.record({
    method: fc.constantFrom('GET', 'post', 'Put'),
    path: fc.string({ maxLength: 30 }).map((rest) => `/api/v3/${rest}`),
    headers: fc.dictionary(name, text, { maxKeys: 8 }),
    fields: fc.dictionary(fc.string({ maxLength: 8 }), field, { maxKeys: 5 }),
    flavour: fc.constantFrom('genauth' as const, 'authing' as const),
  });

  it('accepts exactly the SDK signature of the request, as the test harness computes it with node:crypto', () => {
    fc.assert(
      fc.property(request, fc.string({ maxLength: 70 }), ({ method, path, headers, fields, flavour }, secret) => {
        const reference = genauthStringToSign(method.toUpperCase(), path, headers, fields, flavour === 'genauth' ? 'GenAuth' : 'authing');
        expect(toStringToSign(method, path, headers, fields, flavour)).toBe(reference);
        const signature = createHmac('sha1', secret).update(reference, 'utf8').digest('base64');
        expect(isSignedWith(secret, signature, { method, path, headers, fields, flavour })).toBe(true);
        const other = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
        expect(isSignedWith(secret, other, { method, path, headers, fields, flavour })).toBe(false);
        expect(isSignedWith(`${secret}x`, signature, { method, path, headers, fields, flavour })).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('checks a signed body far larger than the shared message buffer, and a short one after it', () => {
    const fields = { blob: 'ü'.repeat(20_000), userId: 'u1' };
    const signature = createHmac('sha1', 'sk')
      .update(genauthStringToSign('POST', '/p', {}, fields, 'GenAuth'), 'utf8')
      .digest('base64');
    expect(isSignedWith('sk', signature, { method: 'POST', path: '/p', headers: {}, fields, flavour: 'genauth' })).toBe(true);
    const short = createHmac('sha1', 'sk').update('GET\n/p', 'utf8').digest('base64');
    expect(isSignedWith('sk', short, { method: 'GET', path: '/p', headers: {}, fields: {}, flavour: 'genauth' })).toBe(true);
  });
});
