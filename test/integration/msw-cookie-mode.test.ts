import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMfaHandlers } from '../../src/msw/create-mfa-handlers.js';

/**
 * nest-auth's cookie token mode under MSW: the handlers set no cookies (a service worker may not, and MSW's own cookie
 * store would carry them into every later request of the process), and cookie mode leaves the tokens out of the body,
 * so a client signed in that way holds nothing. The handlers say so once, on the console a developer watches.
 */
const NEST_AUTH = 'http://localhost:4010/nest-auth';
const LOGIN = JSON.stringify({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } });
const mfa = createMfaHandlers();
const server = setupServer(...mfa.handlers);
const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mfa.reset());
afterAll(() => {
  server.close();
  warn.mockRestore();
});

const post = (path: string, headers: Record<string, string> = {}, body?: string) =>
  fetch(`${NEST_AUTH}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe("nest-auth's cookie token mode under MSW", () => {
  it('header mode signs in with tokens in the body, and a logout (whose answer clears cookies) warns of nothing', async () => {
    const login = await post('/auth/login', {}, LOGIN);
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect([login.status, typeof accessToken]).toEqual([200, 'string']);
    expect((await post('/auth/logout', { authorization: `Bearer ${accessToken}` })).status).toBe(200);
    expect(warn).not.toHaveBeenCalled();
  });

  it('cookie mode signs in with neither tokens nor cookies, and says so once, naming header mode', async () => {
    const signIn = () => post('/auth/login', { 'x-access-token-type': 'cookie' }, LOGIN);
    const login = await signIn();
    expect([login.status, await login.json(), login.headers.get('set-cookie')]).toEqual([200, { isRequiresMfa: false, message: 'Login successful' }, null]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^mfa-sandbox\/msw: warning: .*cookie token mode.*the client holds no token\. Use header mode under MSW/);
    expect((await signIn()).status).toBe(200);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
