import { describe, expect, it } from 'vitest';
import { fitsConditions, toConditionsKey, type RequestParts } from '../../../src/engine/override-conditions.js';

const REQUEST: RequestParts = {
  params: { id: 'usr_01' },
  query: { userId: 'u-1', tag: ['a', 'b'] },
  headers: { authorization: 'Bearer bob', 'x-client': 'android' },
  body: { mfaType: 'GOOGLE_AUTH', code: '000000', device: { name: 'Pixel', os: 'android' }, methods: ['totp', 'email'] },
};

describe('override conditions', () => {
  it('fit when absent, and when every part they name fits', () => {
    expect(fitsConditions(undefined, REQUEST)).toBe(true);
    expect(fitsConditions({ params: { id: 'usr_01' }, query: { userId: 'u-1' }, headers: { 'X-Client': 'android' }, body: { code: '000000' } }, REQUEST)).toBe(
      true,
    );
    expect(fitsConditions({ query: { tag: 'b' } }, REQUEST)).toBe(true);
    expect(fitsConditions({ body: { device: { os: 'android' } } }, REQUEST)).toBe(true);
    // Objects inside an array are equal as JSON whatever the order of their keys (WireMock's equalToJson).
    const withFactors = { ...REQUEST, body: { factors: [{ kind: 'totp', status: 1 }] } };
    expect(fitsConditions({ body: { factors: [{ status: 1, kind: 'totp' }] } }, withFactors)).toBe(true);
  });

  it('do not fit when any part differs', () => {
    expect(fitsConditions({ params: { id: 'usr_02' } }, REQUEST)).toBe(false);
    expect(fitsConditions({ query: { userId: 'U-1' } }, REQUEST)).toBe(false);
    expect(fitsConditions({ query: { missing: 'x' } }, REQUEST)).toBe(false);
    expect(fitsConditions({ headers: { authorization: 'bearer bob' } }, REQUEST)).toBe(false);
    expect(fitsConditions({ headers: { authorization: 'Bearer bob' }, body: { code: '123456' } }, REQUEST)).toBe(false);
    expect(fitsConditions({ body: { methods: ['totp'] } }, REQUEST)).toBe(false);
    expect(fitsConditions({ body: { code: '000000' } }, { ...REQUEST, body: undefined })).toBe(false);
    expect(fitsConditions({ body: {} }, { ...REQUEST, body: 'text' })).toBe(false);
  });

  it('are keyed alike when written alike, whatever the key order or header name case', () => {
    const one = toConditionsKey({ headers: { Authorization: 'Bearer bob' }, body: { a: 1, b: { c: 2, d: 3 } } });
    const same = toConditionsKey({ body: { b: { d: 3, c: 2 }, a: 1 }, headers: { authorization: 'Bearer bob' } });
    expect(one).toBe(same);
    expect(toConditionsKey({ headers: { authorization: 'Bearer ada' } })).not.toBe(toConditionsKey({ headers: { authorization: 'Bearer bob' } }));
    expect(toConditionsKey(undefined)).toBe('');
  });
});
