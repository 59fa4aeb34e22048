import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The docs pages (Swagger UI) for keyboard and screen-reader users, in a real chromium: axe-core's WCAG 2.2 AA rules
 * find no violation on any surface's page with an operation open, no page scrolls sideways at 320 px, Execute keeps
 * the keyboard when Swagger UI replaces it, and the Authorize window is a modal dialog that keeps the keyboard in and gives it back to Authorize when it closes
 * (src/docs/public/docs-accessibility.*).
 */
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let sandbox: RunningSandbox;
let browser: Browser;

beforeAll(async () => {
  sandbox = await createSandbox();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** A docs page in a context of its own, its first operation open; `bypassCSP` lets axe's script in. */
async function openDocs(surface: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${sandbox.url}/docs/${surface}/`);
  await page.locator('.opblock-summary-control').first().click();
  await page.locator('.opblock.is-open .opblock-body').first().waitFor();
  return page;
}

/** axe-core's WCAG violations on the page as it is now, each as `rule: the first elements`. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate<Array<{ id: string; nodes: Array<{ target: string[] }> }>>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } }).then((result) => result.violations)`,
  );
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

const focused = (page: Page) => page.evaluate<string>('document.activeElement?.className ?? ""');

describe('the docs pages for keyboard and screen-reader users', () => {
  for (const surface of ['flashback', 'nest-auth', 'lerian', 'genauth']) {
    it(`has no axe violation on the ${surface} page with an operation open`, async () => {
      const page = await openDocs(surface);
      const errors = collectPageErrors(page);
      // Swagger UI's top bar (a URL box loading any document, a logo without a name) is not there.
      expect(await page.locator('.topbar').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }, 60_000);
  }

  // WCAG 1.4.10 (reflow): at 320 CSS px nothing but a table's own box scrolls sideways, with every operation open.
  for (const surface of ['flashback', 'nest-auth', 'lerian', 'genauth']) {
    it(`does not scroll the ${surface} page sideways at 320 px, every operation open`, async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/docs/${surface}/`);
      const summaries = page.locator('.opblock-summary-control');
      await summaries.first().waitFor();
      const operations = await summaries.count();
      for (let index = 0; index < operations; index++) await summaries.nth(index).click();
      await expect.poll(() => page.locator('.opblock.is-open .responses-inner').count()).toBe(operations);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBe(320);
      await context.close();
    }, 60_000);
  }

  it('keeps the keyboard on Execute when Swagger UI replaces the button as the request goes out', async () => {
    const page = await openDocs('flashback');
    await page.locator('.opblock.is-open .btn.execute').focus(); // "try it out" is on from the start
    await page.keyboard.press('Enter');
    await page.locator('.opblock.is-open .responses-inner .live-responses-table').waitFor();
    await expect.poll(() => focused(page)).toContain('execute');
    await page.context().close();
  }, 60_000);

  it('opens Authorize as a modal dialog that keeps the keyboard in until it is closed', async () => {
    const page = await openDocs('flashback');
    await page.locator('.btn.authorize').first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.modal-ux[role="dialog"][aria-modal="true"]');
    await dialog.waitFor();
    expect(await page.locator(`#${await dialog.getAttribute('aria-labelledby')}`).textContent()).toBe('Available authorizations');
    // Its X was a button without a name (axe's button-name, critical).
    expect(await axeViolations(page)).toEqual([]);
    for (let tab = 0; tab < 12; tab++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate<boolean>('document.querySelector(".modal-ux").contains(document.activeElement)'), `Tab ${tab + 1}`).toBe(true);
    }
    // Authorize inside it re-renders the window: the keyboard stays in it (it fell to the page's start).
    await page.locator('.modal-ux input').first().fill('flashback-token-ada');
    await page.locator('.modal-ux input').first().press('Enter');
    await expect.poll(() => page.evaluate<boolean>('document.querySelector(".modal-ux").contains(document.activeElement)')).toBe(true);
    // Closed, it gives the keyboard back to the Authorize button that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focused(page)).toContain('authorize');
    await page.context().close();
  }, 60_000);
});
