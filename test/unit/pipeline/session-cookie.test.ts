import { describe, expect, it } from 'vitest';
import { readSessionCookie, toSessionCookie } from '../../../src/pipeline/session-cookie.js';

describe('the session cookie', () => {
  it.each([
    ['mfa-sandbox-session=qa-1', { session: 'qa-1', scenario: undefined }],
    ['theme=dark; mfa-sandbox-session=qa-1/mfa-enabled; lang=en', { session: 'qa-1', scenario: 'mfa-enabled' }],
    ['mfa-sandbox-session="qa-1"', { session: 'qa-1', scenario: undefined }],
    [['theme=dark', 'mfa-sandbox-session=qa-2'], { session: 'qa-2', scenario: undefined }],
    // A browser sends one per path it was set for, the most specific first: the first counts, another value is named.
    ['mfa-sandbox-session=qa-1; mfa-sandbox-session=qa-2/org-enforced', { session: 'qa-1', scenario: undefined, ignored: 'qa-2/org-enforced' }],
    ['mfa-sandbox-session=qa-1; mfa-sandbox-session=qa-1', { session: 'qa-1', scenario: undefined }],
    ['theme=dark', undefined],
    ['x-mfa-sandbox-session=qa-1', undefined],
  ])('reads %j', (header, expected) => {
    expect(readSessionCookie(header)).toEqual(expected);
  });

  it('is written as it is read, for the whole host, same-site, without expiry', () => {
    expect(toSessionCookie('qa-1', undefined)).toBe('mfa-sandbox-session=qa-1; Path=/; SameSite=Lax');
    const cookie = toSessionCookie('qa:1', 'mfa-enabled');
    expect(cookie).toBe('mfa-sandbox-session=qa%3A1/mfa-enabled; Path=/; SameSite=Lax');
    expect(readSessionCookie(cookie.split(';')[0]!)).toEqual({ session: 'qa%3A1', scenario: 'mfa-enabled' });
  });
});
