import { describe, expect, it } from 'vitest';
import { splitSessionPrefix, toSessionPrefix, withoutSessionPrefix } from '../../../src/pipeline/session-prefix.js';

describe('splitSessionPrefix', () => {
  it.each([
    ['/s/qa-1/flashback/mfa/status', { session: 'qa-1', scenario: undefined, rest: '/flashback/mfa/status' }],
    ['/s/qa-1/scenario/mfa-enabled/flashback/mfa/status?x=1', { session: 'qa-1', scenario: 'mfa-enabled', rest: '/flashback/mfa/status?x=1' }],
    ['/s/qa-1', { session: 'qa-1', scenario: undefined, rest: '/' }],
    ['/s/qa-1?x=1', { session: 'qa-1', scenario: undefined, rest: '/?x=1' }],
    ['/s/qa-1/scenario/org-enforced', { session: 'qa-1', scenario: 'org-enforced', rest: '/' }],
    // An empty scenario segment names none: the rest is routed as it is (and is then no route).
    ['/s/qa-1/scenario//v1', { session: 'qa-1', scenario: undefined, rest: '/scenario//v1' }],
    ['/s/a%20b/v1', { session: 'a%20b', scenario: undefined, rest: '/v1' }],
  ])('%s', (url, expected) => {
    expect(splitSessionPrefix(url)).toEqual(expected);
  });

  it.each(['/flashback/mfa/status', '/s//v1', '/s', '/sessions/x', '/', ''])('%j has no prefix', (url) => {
    expect(splitSessionPrefix(url)).toBeUndefined();
    expect(withoutSessionPrefix(url)).toBe(url);
  });
});

describe('toSessionPrefix', () => {
  it('writes the prefix splitSessionPrefix reads, percent-encoding what a path segment cannot hold', () => {
    expect(toSessionPrefix('qa-1')).toBe('/s/qa-1');
    expect(toSessionPrefix('qa:1', 'org-enforced')).toBe('/s/qa%3A1/scenario/org-enforced');
    expect(splitSessionPrefix(`${toSessionPrefix('qa-1', 'mfa-enabled')}/v1`)).toEqual({ session: 'qa-1', scenario: 'mfa-enabled', rest: '/v1' });
  });
});
