import { describe, expect, it } from 'vitest';
import { explainUnknownRoute, findNearMisses, type MountedOperation } from '../../../src/pipeline/near-misses.js';

const mounted = (surface: string, method: string, path: string, operationId: string, prefix = `/${surface}`): MountedOperation => ({
  surface,
  operationId,
  method,
  path: `${prefix}${path}`,
  prefix,
});

const OPERATIONS = [
  mounted('flashback', 'GET', '/mfa/status', 'getMFAStatus'),
  mounted('flashback', 'POST', '/mfa/setup', 'setupMFA'),
  mounted('lerian', 'GET', '/v1/users/{id}/mfa', 'getMfaStatus'),
  mounted('lerian', 'POST', '/v1/users/{id}/mfa/verify', 'verifyMfaPasscode'),
];

describe('findNearMisses', () => {
  it('a misspelt segment is a path near miss', () => {
    expect(findNearMisses(OPERATIONS, 'GET', '/flashback/mfa/staus')[0]).toEqual({
      method: 'GET',
      path: '/flashback/mfa/status',
      surface: 'flashback',
      operationId: 'getMFAStatus',
      why: 'path',
    });
  });

  it('the right path with another method is a method near miss, ahead of other paths', () => {
    expect(findNearMisses(OPERATIONS, 'delete', '/flashback/mfa/status')[0]).toMatchObject({ operationId: 'getMFAStatus', why: 'method' });
    // GET /mfa/setup is as far from GET /mfa/status (setup/status: half the letters) as from POST /mfa/setup by score;
    // the exact path wins.
    expect(findNearMisses(OPERATIONS, 'GET', '/flashback/mfa/setup').map(({ operationId, why }) => `${operationId} ${why}`)).toEqual([
      'setupMFA method',
      'getMFAStatus path',
    ]);
    // Without the surface prefix too; and a trailing slash with the right method is a path near miss.
    expect(findNearMisses(OPERATIONS, 'GET', '/mfa/setup').map(({ operationId, why }) => `${operationId} ${why}`)[0]).toBe('setupMFA prefix');
    expect(findNearMisses(OPERATIONS, 'GET', '/flashback/mfa/status/')[0]).toMatchObject({ operationId: 'getMFAStatus', why: 'path' });
  });

  it('a path without its surface prefix is a prefix near miss; a template parameter takes any segment', () => {
    expect(findNearMisses(OPERATIONS, 'POST', '/v1/users/abc/mfa/verify?x=1')[0]).toMatchObject({ operationId: 'verifyMfaPasscode', why: 'prefix' });
  });

  it("a path with the template's words in another order or split is a path near miss", () => {
    const nestAuth = [...OPERATIONS, mounted('nest-auth', 'POST', '/auth/mfa/verify-totp-setup', 'verifyTotpSetup')];
    expect(findNearMisses(nestAuth, 'POST', '/nest-auth/auth/mfa/totp/verify-setup')[0]).toMatchObject({ operationId: 'verifyTotpSetup', why: 'path' });
    expect(findNearMisses(nestAuth, 'POST', '/auth/mfa/setup-totp/verify')[0]).toMatchObject({ operationId: 'verifyTotpSetup', why: 'prefix' });
    // Other words are no near miss, however they are ordered.
    expect(findNearMisses(nestAuth, 'POST', '/nest-auth/auth/mfa/totp/confirm-setup')).toEqual([]);
  });

  it('names at most three, best first, and nothing for a path far from every operation', () => {
    const many = Array.from({ length: 6 }, (_, index) => mounted('flashback', 'GET', `/mfa/statu${index}`, `op${index}`));
    expect(findNearMisses(many, 'GET', '/flashback/mfa/status')).toHaveLength(3);
    expect(findNearMisses(OPERATIONS, 'GET', '/okta/api/v1/users')).toEqual([]);
  });
});

describe('explainUnknownRoute', () => {
  it('says what was asked, what is closest and what would pass', () => {
    expect(explainUnknownRoute(OPERATIONS, 'get', '/mfa/status')).toMatchObject({
      rule: 'unknown-route',
      message: 'no operation is GET /mfa/status; closest: GET /flashback/mfa/status (getMFAStatus)',
      wouldPass: 'GET /flashback/mfa/status',
    });
    expect(explainUnknownRoute(OPERATIONS, 'GET', '/nothing/near')).toEqual({
      rule: 'unknown-route',
      message: 'no operation is GET /nothing/near',
      nearMisses: [],
    });
  });
});
