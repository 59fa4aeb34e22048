import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { startNestAuthOracle, type NestAuthOracle, type SignedUpUser } from './nest-auth-oracle.js';
import { toSides, type Side } from './oracle-and-mock-sides.js';

/**
 * Cookie token mode (`x-access-token-type: cookie`, what @ackplus/nest-auth-client sends in cookie mode) against the
 * REAL 2.11.1 server: the same sign-in and MFA step on both, and each answer's body and `Set-Cookie` lines compared
 * with token values and dates put by shape. The oracle is given a trusted-device secret (without one, 2.11.1 answers
 * `trustDevice: true` with a 500; see the spec's trustToken decision).
 */

const COOKIE_MODE = { 'content-type': 'application/json', 'x-access-token-type': 'cookie' };

let oracle: NestAuthOracle;
let sandbox: RunningSandbox;
let user: SignedUpUser;

beforeAll(async () => {
  [oracle, sandbox] = await Promise.all([
    startNestAuthOracle({ mfa: { trustedDeviceSecret: 'oracle-trusted-device-secret-of-32-chars' } }),
    createSandbox({ surface: 'nest-auth' }),
  ]);
  user = await oracle.signUp('cookie-mode@example.com');
}, 90_000);

afterAll(async () => {
  await Promise.all([oracle?.stop(), sandbox?.close()]);
});

const sides = (session: string) => toSides(oracle, user, sandbox, session);

/** A Set-Cookie line with its token and its date by shape: what must be equal on both sides. */
const byShape = (line: string) =>
  line
    .replace(/^(accessToken|refreshToken)=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/, '$1=<jwt>')
    .replace(/^nest_auth_device_trust=[A-Za-z0-9_-]{43}/, 'nest_auth_device_trust=<token>')
    .replace(/Expires=(?!Thu, 01 Jan 1970)[^;]+/, 'Expires=<date>');

/** The value of a cookie among Set-Cookie lines, for sending it back as a browser would. */
const cookieValue = (lines: string[], name: string) => lines.find((line) => line.startsWith(`${name}=`))!.split(';')[0]!;

async function post(side: Side, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${side.url}${path}`, { method: 'POST', headers: { ...COOKIE_MODE, ...side.headers, ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, cookies: response.headers.getSetCookie() };
}

/** Each side's answer, by shape; the two must be equal. */
async function compare(name: string, send: (side: Side) => Promise<Awaited<ReturnType<typeof post>>>, session: string) {
  const answers = [];
  for (const side of sides(session)) answers.push(await send(side));
  const [real, mock] = answers.map(({ status, body, cookies }) => ({ status, body, cookies: cookies.map(byShape) }));
  expect(mock, name).toEqual(real);
  return answers;
}

describe('nest-auth cookie token mode: the real 2.11.1 server vs the mock', () => {
  it('sign-in sets the tokens as cookies and leaves them out of the body, with and without rememberMe', async () => {
    const login = (rememberMe?: boolean) => (side: Side) =>
      post(side, '/auth/login', {
        providerName: 'email',
        credentials: { email: side.email, password: side.password },
        ...(rememberMe === undefined ? {} : { rememberMe }),
      });
    const [, mock] = await compare('login', login(), 'cookie-login');
    expect(mock!.cookies.map((line) => line.split('=')[0])).toEqual(['accessToken', 'refreshToken', 'nest_auth_remember']);
    expect(mock!.body).not.toHaveProperty('accessToken');
    await compare('login, rememberMe false', login(false), 'cookie-login');
    // The cookie is a session of the mock: the guard reads it as the real one does.
    const status = await fetch(`${sandbox.url}/auth/mfa/status`, {
      headers: { 'x-mock-session': 'cookie-login', cookie: cookieValue(mock!.cookies, 'accessToken') },
    });
    expect(status.status).toBe(200);
  });

  it('refresh reads the refreshToken cookie and sets the new tokens as cookies; verify-session and me read the access cookie', async () => {
    const session = 'cookie-refresh';
    const login = (side: Side) => post(side, '/auth/login', { providerName: 'email', credentials: { email: side.email, password: side.password } });
    const [realLogin, mockLogin] = await compare('login', login, session);
    const signedIn = {
      oracle: `${cookieValue(realLogin!.cookies, 'accessToken')}; ${cookieValue(realLogin!.cookies, 'refreshToken')}`,
      mock: `${cookieValue(mockLogin!.cookies, 'accessToken')}; ${cookieValue(mockLogin!.cookies, 'refreshToken')}`,
    };
    const [, refreshed] = await compare('refresh with the cookie', (side) => post(side, '/auth/refresh-token', {}, { cookie: signedIn[side.name] }), session);
    expect(refreshed!.cookies.map((line) => line.split('=')[0])).toEqual(['accessToken', 'refreshToken', 'nest_auth_remember']);
    expect(refreshed!.body).toEqual({ isRequiresMfa: false, message: 'Token refreshed successfully' });
    // Without the cookie mode header the cookie is not read: no refresh token at all.
    await compare(
      'refresh in header mode with only the cookie',
      (side) => post(side, '/auth/refresh-token', {}, { cookie: signedIn[side.name], 'x-access-token-type': 'header' }),
      session,
    );
    for (const path of ['/auth/verify-session', '/auth/me']) {
      const answers = [];
      for (const side of sides(session)) {
        const response = await fetch(`${side.url}${path}`, { headers: { ...side.headers, cookie: signedIn[side.name] } });
        answers.push([response.status, Object.keys((await response.json()) as object)]);
      }
      expect(answers[1], path).toEqual(answers[0]);
    }
  });

  it('the MFA step with a pre-MFA cookie: verify sets the full session and the trusted device as cookies; the trust cookie skips the next MFA step', async () => {
    const session = 'cookie-mfa';
    await compare('toggle on', (side) => post(side, '/auth/mfa/toggle', { enabled: true }, { authorization: `Bearer ${side.bearer}` }), session);
    const login = (side: Side, headers: Record<string, string> = {}) =>
      post(side, '/auth/login', { providerName: 'email', credentials: { email: side.email, password: side.password } }, headers);
    const [realLogin, mockLogin] = await compare('login with MFA on', (side) => login(side), session);
    const preMfa = { oracle: cookieValue(realLogin!.cookies, 'accessToken'), mock: cookieValue(mockLogin!.cookies, 'accessToken') };
    await compare(
      'challenge with the pre-MFA cookie',
      (side) => post(side, '/auth/mfa/challenge', { method: 'email' }, { cookie: preMfa[side.name] }),
      session,
    );
    const [realVerify, mockVerify] = await compare(
      'verify, trustDevice',
      async (side) => post(side, '/auth/mfa/verify', { method: 'email', otp: await side.code(), trustDevice: true }, { cookie: preMfa[side.name] }),
      session,
    );
    expect(mockVerify!.cookies.map((line) => line.split('=')[0])).toEqual(['accessToken', 'refreshToken', 'nest_auth_device_trust', 'nest_auth_remember']);
    const trust = { oracle: cookieValue(realVerify!.cookies, 'nest_auth_device_trust'), mock: cookieValue(mockVerify!.cookies, 'nest_auth_device_trust') };
    const [realTrusted, trusted] = await compare('login with the trust cookie', (side) => login(side, { cookie: trust[side.name] }), session);
    expect(trusted!.body.isRequiresMfa).toBe(false);

    // Logout clears the cookies and ends the session: its access cookie is refused from then on.
    const signedIn = { oracle: cookieValue(realTrusted!.cookies, 'accessToken'), mock: cookieValue(trusted!.cookies, 'accessToken') };
    const [, loggedOut] = await compare('logout', (side) => post(side, '/auth/logout', {}, { cookie: signedIn[side.name] }), session);
    expect(loggedOut!.cookies.map((line) => line.split('=')[0])).toEqual(['accessToken', 'refreshToken']);
    for (const side of sides(session)) {
      const status = await fetch(`${side.url}/auth/mfa/status`, { headers: { ...side.headers, cookie: signedIn[side.name] } });
      expect([side.name, status.status]).toEqual([side.name, 401]);
    }
  });
});
