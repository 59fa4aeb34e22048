import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSignatureValid, parseAuthorization, sign, toSignedHeaders, toStringToSign } from '../../../src/surfaces/genauth/request-signature.js';

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
