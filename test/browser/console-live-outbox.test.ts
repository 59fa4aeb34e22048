import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The QA console follows the open session's event stream (GET /__admin/sessions/<id>/events): a message sent through a
 * vendor API shows in its outbox, and the request in its journal, without a reload or a refresh (the console no longer
 * polls; with the stream switched off, nothing shows), and so does a change QA made to the session elsewhere. With an
 * admin token, which an EventSource cannot send, the console reads the same stream with fetch.
 */

const ADMIN_TOKEN = 'console-live-token-0123456789';
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

let open: RunningSandbox;
let guarded: RunningSandbox;
let browser: Browser;

beforeAll(async () => {
  [open, guarded] = await Promise.all([createSandbox(), createSandbox({ adminToken: ADMIN_TOKEN })]);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await open?.close();
  await guarded?.close();
});

const sendMagicLink = async (sandbox: RunningSandbox, session: string) => {
  const response = await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers: { ...ADA, 'x-mock-session': session }, body: '{}' });
  expect(response.status).toBe(200);
};

/** Marks the page, so a reload (which would also show the message) is caught: the mark would be gone. */
// Strings, run in the page (this file is compiled without the DOM's types).
const markPage = (page: Page) => page.evaluate("window.mark = 'still the same page'");
const markOf = (page: Page) => page.evaluate<string | undefined>('window.mark');

async function expectMessageShowsLive(page: Page, sandbox: RunningSandbox, session: string) {
  await page.locator('body[data-live="true"]').waitFor();
  await expect.poll(() => page.locator('#outbox tbody').textContent()).toContain('Nothing sent yet');
  await markPage(page);
  await sendMagicLink(sandbox, session);
  await page.locator('#outbox tbody a', { hasText: 'open magic link' }).waitFor({ timeout: 10_000 });
  await expect.poll(() => page.locator('#journal tbody').textContent()).toContain('POST /flashback/mfa/magic-link/send');
  expect(await markOf(page)).toBe('still the same page');
}

describe('the QA console, live', () => {
  it('shows a message sent through the vendor API without a reload or a refresh (EventSource)', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(`${open.url}/__console/?session=live-outbox`);
      await page.locator('body[data-loaded="true"]').waitFor();
      await expectMessageShowsLive(page, open, 'live-outbox');

      // Switched off, the console stays as it is: what showed above came from the stream.
      await page.locator('#auto-refresh').uncheck();
      await page.locator('body[data-live="false"]').waitFor();
      await sendMagicLink(open, 'live-outbox');
      await sendMagicLink(open, 'live-outbox-probe'); // a later request, so the server has long sent any event for the first
      const links = page.locator('#outbox tbody a', { hasText: 'open magic link' });
      expect(await links.count()).toBe(1);
      // Off, the Refresh button reads what was missed, in the same page, and leaves live updates off.
      expect(await page.locator('#refresh-now').isVisible()).toBe(true);
      await page.locator('#refresh-now').click();
      await expect.poll(() => links.count()).toBe(2);
      expect(await page.locator('#auto-refresh').isChecked()).toBe(false);
      expect(await markOf(page)).toBe('still the same page');
      await sendMagicLink(open, 'live-outbox');
      await sendMagicLink(open, 'live-outbox-probe');
      expect(await links.count()).toBe(2);
      await page.locator('#auto-refresh').check(); // on again: what was missed shows, and the button goes
      await expect.poll(() => links.count()).toBe(3);
      expect(await page.locator('#refresh-now').isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows a change made elsewhere (a test switching the scenario through the programmatic API) without a reload', async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(`${open.url}/__console/?session=live-change`);
      await page.locator('body[data-live="true"]').waitFor();
      await expect.poll(() => page.locator('#current-scenarios').textContent()).toContain('(server default) everywhere');
      await markPage(page);
      open.session('live-change').useScenario('org-enforced', 'flashback'); // no vendor request: nothing is journalled
      await expect.poll(() => page.locator('#current-scenarios').textContent(), { timeout: 10_000 }).toBe('flashback: org-enforced');
      expect(await markOf(page)).toBe('still the same page');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('with an admin token, reads the same stream with fetch', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${guarded.url}/__console/?session=live-guarded`);
      await page.locator('#admin-token').fill(ADMIN_TOKEN);
      await page.locator('#token-form button, #token-form [type="submit"]').first().click();
      await page.locator('body[data-loaded="true"]').waitFor();
      await expectMessageShowsLive(page, guarded, 'live-guarded');
    } finally {
      await page.close();
    }
  });
});
