import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { createExchangeChecker, createOperationMatcher, type ExchangeChecker } from '../../../src/conformance/check-exchange-against-spec.js';
import { loadSpec } from '../../../src/openapi/load-spec.js';

const json = { 'content-type': 'application/json; charset=utf-8' };
const status = {
  isEnabled: false,
  verifiedMethods: ['email'],
  configuredMethods: ['email', 'totp'],
  allowUserToggle: true,
  allowMethodSelection: true,
  totpDevices: [],
  hasRecoveryCode: false,
  required: false,
  canToggle: true,
};

let check: ExchangeChecker;
beforeAll(async () => {
  check = createExchangeChecker((await loadSpec(DEFAULT_CONFIG.specsDir, 'nest-auth')).api);
});

describe('checking an exchange against the nest-auth spec', () => {
  it('a documented answer has no violations and names its operation and schema', () => {
    const result = check({ method: 'GET', path: '/auth/mfa/status' }, { status: 200, headers: json, body: status });
    expect(result.operationId).toBe('getMfaStatus');
    expect(result.violations).toEqual([]);
    expect(result.responseSchema?.type).toBe('object');
  });

  it('a path with a parameter and a query string finds its operation', () => {
    const result = check(
      { method: 'delete', path: '/auth/mfa/devices/00000000-0000-4000-8000-000000000000?x=1' },
      { status: 200, headers: json, body: { message: 'ok' } },
    );
    expect(result.operationId).toBe('removeMfaDevice');
  });

  it('an unknown operation, an undocumented status, a wrong content type', () => {
    expect(check({ method: 'GET', path: '/auth/mfa/nope' }, { status: 404, headers: json, body: {} }).violations).toEqual([
      { kind: 'unknown-operation', message: 'GET /auth/mfa/nope is no operation of the spec' },
    ]);
    const undocumented = check({ method: 'GET', path: '/auth/mfa/status' }, { status: 418, headers: json, body: {} });
    expect(undocumented.violations.map((violation) => violation.kind)).toEqual(['undocumented-status']);
    expect(undocumented.violations[0]!.message).toContain('status 418 is not documented for getMfaStatus');
    const wrongType = check({ method: 'GET', path: '/auth/mfa/status' }, { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' });
    expect(wrongType.violations).toEqual([
      expect.objectContaining({ kind: 'content-type', message: expect.stringContaining('content type text/html is not declared') }),
    ]);
  });

  it('a body that breaks the schema: each violation with its JSON pointer and keyword', () => {
    const { isEnabled: _renamed, ...rest } = status;
    const result = check({ method: 'GET', path: '/auth/mfa/status' }, { status: 200, headers: json, body: { ...rest, enabled: false, canToggle: 'yes' } });
    expect(result.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'schema', pointer: '/isEnabled', keyword: 'required' }),
        expect.objectContaining({ kind: 'schema', pointer: '/canToggle', keyword: 'type' }),
      ]),
    );
  });

  it("names a request's operation from the request alone (an exchange the upstream never answered), as the checker does", async () => {
    const operationOf = createOperationMatcher((await loadSpec(DEFAULT_CONFIG.specsDir, 'nest-auth')).api);
    expect(operationOf({ method: 'get', path: '/auth/mfa/status?x=1' })).toBe('getMfaStatus');
    expect(operationOf({ method: 'DELETE', path: '/auth/mfa/devices/00000000-0000-4000-8000-000000000000' })).toBe('removeMfaDevice');
    expect(operationOf({ method: 'GET', path: '/auth/mfa/nope' })).toBeUndefined();
  });
});
