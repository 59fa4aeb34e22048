import { createHmac, randomBytes } from 'node:crypto';
import { secretOf, type CatalogueDriver, type Exchange, type JsonBody, type SideContext, type Step } from '../catalogue-flow.js';

/** The steps of @ackplus/nest-auth 2.11.1's MFA routes, as the nest-auth catalogue and the test suite's oracle use them. */

export const status = (name = 'status'): Step => ({ name, method: 'GET', path: '/auth/mfa/status' });
export const devices = (name = 'devices'): Step => ({ name, method: 'GET', path: '/auth/mfa/devices' });
export const toggle = (name: string, body: JsonBody): Step => ({ name, method: 'POST', path: '/auth/mfa/toggle', body });
export const challenge = (name: string, body: JsonBody): Step => ({ name, method: 'POST', path: '/auth/mfa/challenge', body });

export const generateRecoveryCodes = (name = 'generate-recovery-code'): Step => ({
  name,
  method: 'POST',
  path: '/auth/mfa/generate-recovery-code',
  after: (ctx, answer) => {
    if (answer.status !== 200) return;
    const body = answer.body as { codes?: string[]; code?: string };
    ctx.vars.recoveryCodes = body.codes ?? (body.code === undefined ? [] : [body.code]);
  },
});

export function setupTotp(name: string, body: JsonBody = {}): Step {
  return {
    name,
    method: 'POST',
    path: '/auth/mfa/setup-totp',
    body,
    after: (ctx, answer) => {
      if (answer.status !== 200) return;
      ctx.vars.secret = (answer.body as { secret: string }).secret;
    },
  };
}

export const verifyTotpSetup = (
  name: string,
  otp: (ctx: SideContext) => string | Promise<string>,
  secret: (ctx: SideContext) => string = (ctx) => secretOf(ctx),
): Step => ({
  name,
  method: 'POST',
  path: '/auth/mfa/verify-totp-setup',
  body: async (ctx) => ({ otp: await otp(ctx), secret: secret(ctx) }),
});

/** Take the access token a side's answer hands out (login, verify): each side then signs in its own way. */
export const takeToken = (ctx: SideContext, answer: Exchange) => {
  const token = (answer.body as { accessToken?: unknown } | undefined)?.accessToken;
  if (answer.status === 200 && typeof token === 'string') ctx.token = token;
};

/** POST /auth/login with the side's own user and password; the token it answers replaces the side's token. */
export const login = (name = 'login'): Step => ({
  name,
  method: 'POST',
  path: '/auth/login',
  body: (ctx) => ({ providerName: 'email', credentials: { email: ctx.email, password: ctx.password } }),
  auth: 'none',
  after: takeToken,
});

/** POST /auth/mfa/verify-recovery-code; the token a right code answers replaces the side's token. */
export const verifyRecoveryCode = (name: string, body: Step['body']): Step => ({
  name,
  method: 'POST',
  path: '/auth/mfa/verify-recovery-code',
  body,
  after: takeToken,
});

export const verify = (name: string, body: (ctx: SideContext) => unknown): Step => ({ name, method: 'POST', path: '/auth/mfa/verify', body, after: takeToken });

/**
 * A database that stores createdAt with one-second precision (sql.js, MySQL DATETIME) ties two devices set up within
 * a second, and lists them in insertion order; waiting keeps a comparison about ordering, not about clock precision.
 */
export const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

/** Set up a TOTP device and verify it with a real authenticator code (both compared). */
export async function enrolTotp(d: CatalogueDriver, prefix = '', body: JsonBody = {}) {
  await d.step(setupTotp(`${prefix}setup-totp`, body));
  await d.step(verifyTotpSetup(`${prefix}verify-totp-setup`, (ctx) => ctx.nextTotp(secretOf(ctx))));
}

/** A JWT shaped like nest-auth's (HS256, same claims) but signed with a random key: a forged token. */
export function forgedJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1', sub: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1', sessionId: '4b3c9c9c-0000-4d1e-8d9f-000000000001', type: 'access', isMfaEnabled: false, iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', randomBytes(32)).update(unsigned).digest('base64url')}`;
}
