import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentQuery } from '../../../src/surfaces/genauth/sent-query.js';

/** What the signature check read before the fast path: URLSearchParams over the query. */
const byUrlSearchParams = (path: string) => Object.fromEntries(new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : ''));

describe('GenAuth sent query', () => {
  it('reads the pairs the client signed', () => {
    expect(sentQuery('/api/v3/get-mfa-status?userId=u1&userIdType=user_id')).toEqual({ userId: 'u1', userIdType: 'user_id' });
    expect(sentQuery('/api/v3/get-mfa-status')).toEqual({});
  });

  it.each([
    ['a key without a value', '/p?flag&userId=u1', { flag: '', userId: 'u1' }],
    ['empty pairs', '/p?&&userId=u1&', { userId: 'u1' }],
    ['a repeated key (the last wins)', '/p?userId=u1&userId=u2', { userId: 'u2' }],
    ['an = inside the value', '/p?token=a=b', { token: 'a=b' }],
    ['encoded characters', '/p?name=Ada%20Lovelace&q=a+b', { name: 'Ada Lovelace', q: 'a b' }],
    ['a second ?', '/p?a=1?b=2', { a: '1?b=2' }],
    ['a doubled ? (URLSearchParams drops one)', '/p??a=1', { a: '1' }],
  ])('reads %s as URLSearchParams does', (_case, path, expected) => {
    expect(sentQuery(path)).toEqual(expected);
    expect(sentQuery(path)).toEqual(byUrlSearchParams(path));
  });

  it('keeps __proto__ as a field, never as the prototype', () => {
    const fields = sentQuery('/p?__proto__=x&userId=u1');
    expect(Object.keys(fields)).toEqual(['__proto__', 'userId']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('agrees with URLSearchParams on any query', () => {
    const queryChar = fc.constantFrom('a', 'b', 'Z', '0', '=', '&', '?', '+', '%', '2', '0', 'F', '_', '-', '.', ' ', 'é');
    fc.assert(
      fc.property(fc.array(queryChar, { maxLength: 30 }), (chars) => {
        const path = `/api/v3/get-mfa-status?${chars.join('')}`;
        let expected: Record<string, string> | Error;
        try {
          expected = byUrlSearchParams(path);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) expect(() => sentQuery(path)).toThrow();
        else expect(sentQuery(path)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
