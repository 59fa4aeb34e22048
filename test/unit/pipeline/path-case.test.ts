import { describe, expect, it } from 'vitest';
import { createPathCaseFolder } from '../../../src/pipeline/path-case.js';
import { toTemplatePattern } from '../../../src/msw/path-patterns.js';

const TEMPLATES = ['/auth/mfa/status', '/auth/mfa/devices/{deviceId}', '/auth/login'];

describe('createPathCaseFolder (a surface whose vendor routes paths in any letter case)', () => {
  const fold = createPathCaseFolder('/nest-auth', TEMPLATES);

  it("writes the vendor's part in the spec's letter case, keeping the query as sent", () => {
    expect(fold('/nest-auth/Auth/MFA/Status')).toBe('/nest-auth/auth/mfa/status');
    expect(fold('/nest-auth/AUTH/LOGIN?Next=/Home')).toBe('/nest-auth/auth/login?Next=/Home');
    expect(fold('/nest-auth/auth/mfa/status/')).toBe('/nest-auth/auth/mfa/status/');
  });

  it("keeps a path parameter's letters, the sandbox's prefix as written, and paths of no route of the surface", () => {
    expect(fold('/nest-auth/auth/MFA/devices/AbC-123')).toBe('/nest-auth/auth/mfa/devices/AbC-123');
    expect(fold('/NEST-AUTH/auth/mfa/status')).toBe('/NEST-AUTH/auth/mfa/status');
    expect(fold('/flashback/MFA/Status')).toBe('/flashback/MFA/Status');
    expect(fold('/nest-auth/Other/MFA')).toBe('/nest-auth/Other/MFA');
  });

  it('under --surface (no prefix), leaves the sandbox paths alone', () => {
    const atRoot = createPathCaseFolder('', TEMPLATES);
    expect(atRoot('/AUTH/mfa/Status')).toBe('/auth/mfa/status');
    expect(atRoot('/__admin/sessions/Qa-1/journal')).toBe('/__admin/sessions/Qa-1/journal');
    expect(atRoot('/docs/Login')).toBe('/docs/Login');
  });
});

describe('toTemplatePattern with anyCase (the same routing under MSW)', () => {
  it("matches the template's letters in either case, the prefix as written", () => {
    const pattern = toTemplatePattern('/auth/mfa/devices/{deviceId}', { prefix: '/nest-auth', anyCase: true });
    expect(pattern.test('/nest-auth/AUTH/Mfa/devices/AbC')).toBe(true);
    expect(pattern.test('/NEST-AUTH/auth/mfa/devices/AbC')).toBe(false);
    expect(toTemplatePattern('/auth/mfa/status', { prefix: '/nest-auth' }).test('/nest-auth/auth/MFA/status')).toBe(false);
  });
});
