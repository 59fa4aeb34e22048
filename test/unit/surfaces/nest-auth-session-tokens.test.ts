import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionTokens, readSessionId } from '../../../src/surfaces/nest-auth/create-session-tokens.js';

/** The HS256 key the sandbox signs nest-auth tokens with (a fixed, public sandbox key, never a secret). */
const SANDBOX_JWT_KEY = 'mfa-sandbox-nest-auth-hs256-key';

describe('nest-auth session tokens without node:crypto', () => {
  it('are HS256 JWTs that Node verifies with the sandbox key, carrying the claims the client reads', () => {
    const nowMs = Date.UTC(2026, 10, 23, 16, 0, 0);
    const { accessToken, refreshToken } = createSessionTokens('user-ü', nowMs, { isMfaEnabled: true, isMfaVerified: false });
    for (const token of [accessToken, refreshToken]) {
      const [header, claims, signature] = token.split('.');
      expect(signature).toBe(createHmac('sha256', SANDBOX_JWT_KEY).update(`${header}.${claims}`).digest('base64url'));
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    }
    expect(JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString())).toMatchObject({
      sub: 'user-ü',
      type: 'access',
      isMfaEnabled: true,
      isMfaVerified: false,
      exp: nowMs / 1000 + 3600,
    });
    // 2.11.1's claims, in its order; only the refresh token has a jti.
    const claimNames = (token: string) => Object.keys(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()));
    const payload = ['id', 'sub', 'sessionId', 'email', 'phone', 'emailVerifiedAt', 'phoneVerifiedAt', 'roles', 'tenantId', 'isMfaEnabled', 'isMfaVerified'];
    expect(claimNames(accessToken)).toEqual([...payload.filter((name) => name !== 'email'), 'type', 'iat', 'exp']);
    expect(claimNames(refreshToken)).toEqual([...payload.filter((name) => name !== 'email'), 'type', 'jti', 'iat', 'exp']);
  });

  it("carry the user's claims as 2.11.1's generateTokensPayload writes them, and the session id given", () => {
    const nowMs = Date.UTC(2026, 10, 23, 16, 0, 0);
    const first = createSessionTokens('usr-1', nowMs, undefined, { email: 'ada@example.com', phone: null });
    const sessionId = readSessionId(first.accessToken)!;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const second = createSessionTokens('usr-1', nowMs, undefined, { email: 'ada@example.com', sessionId });
    const claims = JSON.parse(Buffer.from(second.accessToken.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ id: 'usr-1', sub: 'usr-1', sessionId, email: 'ada@example.com', phone: null, roles: [], tenantId: null });
    expect(readSessionId(second.refreshToken)).toBe(sessionId);
    expect(readSessionId('nest-auth-token-ada')).toBeUndefined();
  });
});
