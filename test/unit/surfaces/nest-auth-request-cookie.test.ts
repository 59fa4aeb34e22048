import { describe, expect, it } from 'vitest';
import { readRequestCookie } from '../../../src/surfaces/nest-auth/request-cookie.js';

const withCookie = (cookie: string | string[] | undefined) => ({ headers: { cookie } });

describe('readRequestCookie (a cookie as Express cookie-parser reads it)', () => {
  it('finds a cookie among others, trimmed, by its exact name', () => {
    const call = withCookie('theme=dark;  accessToken=eyJ.a.b ; x_accessToken=other');
    expect(readRequestCookie(call, 'accessToken')).toBe('eyJ.a.b');
    expect(readRequestCookie(call, 'Token')).toBeUndefined();
    expect(readRequestCookie(withCookie('myaccessToken=1'), 'accessToken')).toBeUndefined();
  });

  it('tells a cookie sent empty from one not sent', () => {
    expect(readRequestCookie(withCookie('nest_auth_remember=; a=1'), 'nest_auth_remember')).toBe('');
    expect(readRequestCookie(withCookie('a=1'), 'nest_auth_remember')).toBeUndefined();
    expect(readRequestCookie(withCookie(undefined), 'nest_auth_remember')).toBeUndefined();
  });

  it('undoes the percent-encoding res.cookie wrote, keeps a malformed escape, and strips quotes', () => {
    expect(readRequestCookie(withCookie(`t=${encodeURIComponent('a+b/c=')}`), 't')).toBe('a+b/c=');
    expect(readRequestCookie(withCookie('t=100%'), 't')).toBe('100%');
    expect(readRequestCookie(withCookie('t="quoted"'), 't')).toBe('quoted');
  });

  it('takes the first of a repeated name, across several Cookie headers too', () => {
    expect(readRequestCookie(withCookie('t=first; t=second'), 't')).toBe('first');
    expect(readRequestCookie(withCookie(['a=1', 't=from-the-second-header']), 't')).toBe('from-the-second-header');
  });
});
