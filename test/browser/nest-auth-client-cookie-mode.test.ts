import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock, createSandbox, type RunningSandbox } from '../../src/index.js';
import { serveAppPage, type AppPageServer } from '../harness/app-page-server.js';
import { journalSteps } from '../harness/journal-steps.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * The published @ackplus/nest-auth-client in cookie mode (`accessTokenType: 'cookie'`), bundled as an app would
 * bundle it, in a page on another origin: it keeps no tokens and sends no Authorization header, so every step after
 * sign-in works only if the sandbox set its session as cookies the browser keeps and sends back (HttpOnly, SameSite=Lax
 * across ports of one host), and the trusted-device cookie lets the next sign-in skip the MFA step.
 */

/** The TOTP secret the mfa-enabled scenario gives Ada's "Work laptop". */
const WORK_LAPTOP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const START = Date.UTC(2026, 0, 1, 9, 0, 10);

const PAGE_SCRIPT = `
const params = new URLSearchParams(location.search);
const result = (window.result = { steps: [] });
(async () => {
  try {
    const client = new NestAuthClient.AuthClient({ baseUrl: params.get('base'), accessTokenType: 'cookie' });
    const credentials = { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } };
    const login = await client.login(credentials);
    result.steps.push({ step: 'login', isRequiresMfa: login.isRequiresMfa, tokensInBody: 'accessToken' in login });
    const verified = await client.verify2fa({ method: 'totp', otp: params.get('code'), trustDevice: true });
    result.steps.push({ step: 'verify2fa', isRequiresMfa: verified.isRequiresMfa, tokensInBody: 'accessToken' in verified || 'trustToken' in verified });
    const status = await client.getMfaStatus();
    result.steps.push({ step: 'status', isEnabled: status.isEnabled });
    const live = await client.verifySession();
    result.steps.push({ step: 'verifySession', valid: live.valid });
    const refreshed = await client.refresh();
    result.steps.push({ step: 'refresh', tokensHandedToScript: refreshed !== null });
    const user = await client.getSessionUserData();
    result.steps.push({ step: 'me', email: user.email });
    const again = await client.login(credentials);
    result.steps.push({ step: 'login again', isRequiresMfa: again.isRequiresMfa });
    await client.logout();
    const afterLogout = await client.getMfaStatus().then(() => 'answered', (error) => error.statusCode);
    result.steps.push({ step: 'status after logout', afterLogout });
    const ended = await client.verifySession();
    result.steps.push({ step: 'verifySession after logout', valid: ended.valid });
    result.scriptSees = document.cookie;
  } catch (error) {
    result.error = String(error && (error.message || error));
  } finally {
    document.body.dataset.done = 'true';
  }
})();
`;

let browser: Browser;
let pageServer: AppPageServer | undefined;
let pageOrigin: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: "export { AuthClient } from '@ackplus/nest-auth-client';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'iife',
    globalName: 'NestAuthClient',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const html = `<!doctype html><html><body><script>${bundle.outputFiles[0]!.text}</script><script>${PAGE_SCRIPT}</script></body></html>`;
  pageServer = await serveAppPage(html);
  pageOrigin = pageServer.origin;
  [browser, sandbox] = await Promise.all([launchChromium(), createSandbox({ clock: createControlledClock(START) })]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await pageServer?.close();
});

describe('@ackplus/nest-auth-client in cookie mode, in a browser page on another origin', () => {
  it('signs in, completes the MFA step, reads the status, verifies and refreshes the session on cookies alone; the trusted-device cookie skips the next MFA step; logout ends it', async () => {
    const session = 'client-cookie-mode';
    const base = `${sandbox.url}/s/${session}/scenario/mfa-enabled/nest-auth`;
    const code = authenticatorCode(WORK_LAPTOP_SECRET, 0, START);
    const page = await browser.newPage();
    const consoleErrors = collectPageErrors(page);
    await page.goto(`${pageOrigin}/?base=${encodeURIComponent(base)}&code=${code}`);
    await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    const result = await page.evaluate<{ steps: unknown[]; error?: string; scriptSees: string }>('window.result');
    const cookies = await page.context().cookies(sandbox.url);
    await page.close();

    expect(result.error).toBeUndefined();
    expect(result.steps).toEqual([
      { step: 'login', isRequiresMfa: true, tokensInBody: false },
      { step: 'verify2fa', isRequiresMfa: false, tokensInBody: false },
      { step: 'status', isEnabled: true },
      { step: 'verifySession', valid: true },
      { step: 'refresh', tokensHandedToScript: false },
      { step: 'me', email: 'ada@example.com' },
      { step: 'login again', isRequiresMfa: false },
      { step: 'status after logout', afterLogout: 401 },
      { step: 'verifySession after logout', valid: false },
    ]);
    // The browser held the session as HttpOnly cookies of the sandbox's host (the client sends no Authorization in
    // cookie mode), which no script can read (cookies ignore ports, so the page's script sees the host's other cookies,
    // such as the sandbox's session cookie); logout cleared them, and the trusted device's stays.
    expect(result.scriptSees).toContain('mfa-sandbox-session=');
    expect(result.scriptSees).not.toMatch(/accessToken|refreshToken|nest_auth_device_trust/);
    expect(cookies.filter((cookie) => cookie.httpOnly).map((cookie) => cookie.name)).toEqual(['nest_auth_device_trust']);
    // The only console errors are Chromium's notes on the 401s after logout, which the page asked for (the client's
    // refresh attempts after them included: the cookies are gone).
    expect(consoleErrors.filter((text) => !/status of 401/.test(text))).toEqual([]);
    // Every step reached the sandbox in the page's session.
    const steps = journalSteps(sandbox.session(session).journal());
    expect(steps).toEqual([
      'login:200',
      'verifyMfa:200',
      'getMfaStatus:200',
      'verifySession:200',
      'refreshToken:200',
      'getSessionUserData:200',
      'login:200',
      'logout:200',
      'getMfaStatus:401',
      'refreshToken:401',
      'verifySession:401',
      'refreshToken:401',
    ]);
  }, 90_000);
});
