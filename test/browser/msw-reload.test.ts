import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import { startMswPageServer, type MswPageServer } from '../harness/msw-page-server.js';

/**
 * Under MSW the sandbox lives in the page: a Flashback magic link opened into the app's own landing route is a new page
 * load, with new handlers. With `storage: sessionStorage` they read back the sessions the last load kept, so the
 * landing route redeems the token the first page had sent, in Chromium, with no sandbox server anywhere.
 */
const ROOT = process.cwd();
const ENTRY = join(ROOT, 'test/browser/fixtures/msw-reload-page.ts');

let pages: MswPageServer;
let browser: Browser;

beforeAll(async () => {
  pages = await startMswPageServer(ENTRY, 'app');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

describe('mfa-sandbox/msw with storage: sessionStorage, in a browser', () => {
  it("a magic link opened into the app's landing route (a new page load) is redeemed there", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${pages.origin}/`);
    await page.waitForURL(/\/landing\?token=/, { timeout: 60_000 });
    await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const result = await page.evaluate<unknown>('window.mswResult');
    await page.close();

    expect(result).toEqual({
      landing: { status: 200, body: { success: true, message: 'Magic link MFA activated successfully' } },
      enabledMethods: ['MAGIC_LINK'],
    });
    expect(errors).toEqual([]);
  }, 120_000);
});
