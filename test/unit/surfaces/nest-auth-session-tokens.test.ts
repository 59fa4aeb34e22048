import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionTokens } from '../../../src/surfaces/nest-auth/create-session-tokens.js';

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
      userId: 'user-ü',
      type: 'access',
      isMfaEnabled: true,
      isMfaVerified: false,
      exp: nowMs / 1000 + 3600,
    });
  });
});
