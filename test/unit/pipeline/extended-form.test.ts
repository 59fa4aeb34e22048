import { describe, expect, it } from 'vitest';
import { parseExtendedForm } from '../../../src/pipeline/extended-form.js';

/** Forms as Express's urlencoded parser (extended: qs) hands them to a NestJS route. */
describe('parseExtendedForm', () => {
  it('nests bracketed keys, as a sign-in form sends its credentials', () => {
    expect(parseExtendedForm('providerName=email&credentials%5Bemail%5D=ada%40example.com&credentials[password]=s+cret%21')).toEqual({
      providerName: 'email',
      credentials: { email: 'ada@example.com', password: 's cret!' },
    });
  });

  it('makes lists of [] keys, repeated keys and small indices; a large index is an object key', () => {
    expect(parseExtendedForm('a[]=1&a[]=2&b=1&b=2&c[1]=y&c[0]=x&d[21]=z')).toEqual({ a: ['1', '2'], b: ['1', '2'], c: ['x', 'y'], d: { '21': 'z' } });
  });

  it('keeps every value a string, a malformed escape as written, and drops prototype keys', () => {
    expect(parseExtendedForm('enabled=true&n=%E0%A4%A&empty=&flag')).toEqual({ enabled: 'true', n: '%E0%A4%A', empty: '', flag: '' });
    const parsed = parseExtendedForm('__proto__[admin]=1&a[constructor][prototype]=2&ok=1');
    expect(parsed).toEqual({ ok: '1' });
    expect(({} as { admin?: unknown }).admin).toBeUndefined();
  });
});
