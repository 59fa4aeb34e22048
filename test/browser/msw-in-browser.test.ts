import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import { startMswPageServer, type MswPageServer } from '../harness/msw-page-server.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * The sandbox with no server: a page bundled with esbuild from `mfa-sandbox/msw`'s source starts msw's service worker
 * (the `mockServiceWorker.js` that `msw init` writes) with the handlers, and enrols TOTP on Flashback with a code it
 * computes itself, in Chromium. It also signs a GenAuth call with WebCrypto, which the core's own HMAC-SHA1 checks
 * inside the page. The page talks to a `.invalid` host, so only the worker can have answered.
 */
const ROOT = process.cwd();
const ENTRY = join(ROOT, 'test/browser/fixtures/msw-enrolment-page.ts');

let pages: MswPageServer;
let origin: string;
let browser: Browser;

interface MswPageResult {
  pageOrigin: string;
  before?: { status: number; contentType: string; data: { isEnabled: boolean } };
  setup?: { status: number; secret: string; qrCode: string };
  code?: string;
  verify?: { status: number; body: unknown };
  after?: { status: number; data: { isEnabled: boolean; enabledMethods: string[] } };
  sandboxCode?: string;
  journal?: string[];
  genauth?: Record<'signed' | 'wrongSecret', { status: number; statusCode: number; apiCode?: number; nickname?: string }>;
  dropped?: string;
  ownScenario?: { status: number; isEnforced?: boolean };
  refused?: string;
  error?: string;
}

beforeAll(async () => {
  pages = await startMswPageServer(ENTRY, 'mfa-sandbox in the browser');
  origin = pages.origin;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

describe('mfa-sandbox/msw in a browser (setupWorker, no sandbox server)', () => {
  it('a page enrols Flashback TOTP with a code it computes, reads the status enabled, and signs a GenAuth call the core verifies', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${origin}/`);
    await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const result = await page.evaluate<MswPageResult>('window.mswResult');
    await page.close();

    expect(result.error).toBeUndefined();
    expect(result.pageOrigin).toBe(origin);
    expect(result.before).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      data: expect.objectContaining({ isEnabled: false, enabledMethods: [] }),
    });
    expect(result.setup?.status).toBe(200);
    expect(result.setup?.secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    expect(result.setup?.qrCode).toBe('data:image/png;base64,');
    // The page's WebCrypto code is what an independent authenticator (otplib) shows around the same moment.
    expect([-1, 0, 1].map((offset) => authenticatorCode(result.setup!.secret, offset))).toContain(result.code);
    expect(result.verify).toEqual({ status: 200, body: { success: true, message: 'MFA setup verified and enabled' } });
    // The page's own scenario, given as an object, serves; a broken one is refused with the words `check` uses.
    expect(result.ownScenario).toEqual({ status: 200, isEnforced: true });
    expect(result.refused).toContain('scenarios.flashback.broken#/world/users/0/emial: unknown field "emial" (did you mean "email"?)');
    expect(result.after).toEqual({ status: 200, data: expect.objectContaining({ isEnabled: true, enabledMethods: ['GOOGLE_AUTH'] }) });
    expect([-1, 0, 1].map((offset) => authenticatorCode(result.setup!.secret, offset))).toContain(result.sandboxCode);
    expect(result.journal).toEqual(['GET /api/mfa/status 200', 'POST /api/mfa/setup 200', 'POST /api/mfa/verify-setup 200', 'GET /api/mfa/status 200']);
    expect(result.genauth).toEqual({
      signed: { status: 200, statusCode: 200, nickname: 'Ada' },
      wrongSecret: { status: 200, statusCode: 401, apiCode: 1300 },
    });
    expect(result.dropped).toBe('TypeError');
    // The one complaint is the dropped connection the page asked for; nothing else failed.
    expect(errors).toEqual(['Failed to load resource: net::ERR_FAILED http://flashback.mfa-sandbox.invalid/api/mfa/status']);
  }, 120_000);
});
