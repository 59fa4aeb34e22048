import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock, createSandbox, type RunningSandbox } from '../../src/index.js';
import { serveAppPage, type AppPageServer } from '../harness/app-page-server.js';
import { journalSteps } from '../harness/journal-steps.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * A frontend on a second origin (its own tiny HTTP server on another random port, as a dev server would be) runs a
 * full Flashback TOTP enrolment against the sandbox with fetch: custom headers (Authorization, X-Mock-Session,
 * Prefer, JSON bodies) force real CORS preflights, and the page computes the authenticator code itself (WebCrypto).
 * The same page against a sandbox with `--cors off` must fail with a CORS error: proof that the browser enforces CORS
 * here, so the passing run means something.
 */
const PAGE = join(process.cwd(), 'test/browser/fixtures/cross-origin-enrolment.html');
/** The one time the sandbox's clock and the page's clock both show, so the page's code is exactly otplib's. */
const START = Date.UTC(2026, 0, 1, 9, 0, 10);

interface EnrolmentResult {
  pageOrigin: string;
  before?: { isEnabled: boolean };
  latencyHeader?: string | null;
  setupStatus?: number;
  secret?: string;
  code?: string;
  verify?: { status: number; body: unknown };
  after?: { isEnabled: boolean; enabledMethods: string[] };
  admin?: { status: number; session: string };
  fault?: { status: number; code: string; marker: string | null };
  error?: string;
}

let browser: Browser;
let pageServer: AppPageServer | undefined;
let pageOrigin: string;

beforeAll(async () => {
  const html = await readFile(PAGE, 'utf8');
  pageServer = await serveAppPage(html);
  pageOrigin = pageServer.origin;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
});

/** Open the page against a sandbox and wait for its script to finish; collect what the browser complained about. */
async function runEnrolmentPage(sandbox: RunningSandbox, session: string): Promise<{ result: EnrolmentResult; consoleErrors: string[]; page: Page }> {
  const page = await browser.newPage();
  await page.clock.setFixedTime(START); // Date in the page; its timers still run
  const consoleErrors = collectPageErrors(page);
  await page.goto(`${pageOrigin}/?sandbox=${encodeURIComponent(sandbox.url)}&session=${encodeURIComponent(session)}`);
  await page.locator('body[data-done="true"]').waitFor({ timeout: 30_000 });
  const result = await page.evaluate<EnrolmentResult>('window.enrolmentResult');
  return { result, consoleErrors, page };
}

describe('a page on another origin', () => {
  it('runs a full TOTP enrolment and reads the admin API against the default sandbox, with no CORS error', async () => {
    const sandbox = await createSandbox({ clock: createControlledClock(START) });
    try {
      const session = 'cross-origin-enrolment';
      const { result, consoleErrors, page } = await runEnrolmentPage(sandbox, session);
      await page.close();
      expect(new URL(sandbox.url).origin).not.toBe(pageOrigin); // really another origin (another port)
      expect(result.pageOrigin).toBe(pageOrigin);
      expect(result.error).toBeUndefined();

      expect(result.before).toMatchObject({ isEnabled: false });
      expect(result.latencyHeader).toBe('5'); // an exposed sandbox header, readable from script
      expect(result.setupStatus).toBe(200);
      expect(result.secret).toMatch(/^[A-Z2-7]{16,}=*$/);
      // The page's WebCrypto RFC 6238 agrees with an independent implementation (otplib) at the same moment.
      expect(result.code).toBe(authenticatorCode(result.secret!, 0, START));
      expect(result.verify).toEqual({ status: 200, body: { success: true, message: expect.any(String) } });
      expect(result.after).toMatchObject({ isEnabled: true, enabledMethods: ['GOOGLE_AUTH'] });
      expect(result.admin).toEqual({ status: 200, session });
      expect(result.fault).toEqual({ status: 422, code: 'MOCK_ERR_UNKNOWN_SCENARIO', marker: 'true' });

      // Each request reached the sandbox in the page's session; the enrolment is in the session's state.
      const operations = journalSteps(sandbox.session(session).journal());
      expect(operations).toEqual(expect.arrayContaining(['getMFAStatus:200', 'setupMFA:200', 'verifyMFASetup:200']));

      // The only console error is Chromium's note on the deliberate 422; nothing about CORS.
      expect(consoleErrors.filter((text) => !/status of 422/.test(text))).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('is blocked by the browser when the sandbox runs with --cors off (the check above can fail)', async () => {
    const sandbox = await createSandbox({ cors: 'off' });
    try {
      const { result, consoleErrors, page } = await runEnrolmentPage(sandbox, 'cross-origin-blocked');
      await page.close();
      expect(result.error).toBe('TypeError: Failed to fetch');
      expect(result.before).toBeUndefined();
      expect(consoleErrors.join('\n')).toMatch(/has been blocked by CORS policy/);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('reads the Retry-After an override adds to a scripted 500 (not a header CORS lets a page read by itself)', async () => {
    const sandbox = await createSandbox();
    const qa = sandbox.session('cross-origin-retry-after');
    qa.addOverride({ operationId: 'getMFAStatus', status: 500, headers: { 'Retry-After': '30' } });
    const page = await browser.newPage();
    try {
      await page.goto(`${pageOrigin}/`);
      const read = await page.evaluate(
        async ({ url, headers }) => {
          const response = await fetch(`${url}/flashback/mfa/status`, { headers });
          return { status: response.status, retryAfter: response.headers.get('retry-after') };
        },
        { url: sandbox.url, headers: { ...qa.headers, authorization: 'Bearer flashback-token-ada' } },
      );
      expect(read).toEqual({ status: 500, retryAfter: '30' });
    } finally {
      await page.close();
      await sandbox.close();
    }
  }, 60_000);
});
