import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { launchChromium } from '../harness/chromium.js';

/**
 * The QA console at the narrowest width it supports (760 px) and a common desktop width (1280 px): after loading a
 * session with journal entries, expanding a journal row and switching the scenario, nothing is wider than the
 * viewport, the journal keeps its columns, and the switch shows at once. Screenshots go to test-results/ (git-ignored)
 * for a human to look at.
 */
const WIDTHS = [760, 1280];
const RESULTS = join(process.cwd(), 'test-results');
const JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';
const JOURNAL_COLUMNS = 6;

let sandbox: RunningSandbox;
let browser: Browser;

/** Requests that make long journal cells: a long URL, a long query, JSON bodies with long unbroken strings. */
async function fillJournal(session: string): Promise<void> {
  const headers = (token: string) => ({ ...sandbox.session(session).headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const send = (path: string, token: string, init: RequestInit = {}) => fetch(`${sandbox.url}${path}`, { ...init, headers: headers(token) });
  expect((await send('/flashback/mfa/setup', 'flashback-token-ada', { method: 'POST', body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }) })).status).toBe(200);
  await send('/flashback/mfa/verify-setup', 'flashback-token-ada', {
    method: 'POST',
    body: JSON.stringify({ mfaType: 'GOOGLE_AUTH', code: '000000', note: 'x'.repeat(400) }),
  });
  expect((await send(`/lerian/v1/users/${JOHN}/mfa?${'include=factors,devices,recovery,'.repeat(6)}x=1`, 'lerian-token-johndoe')).status).toBe(200);
  await send(`/lerian/v1/users/${'a'.repeat(180)}/mfa`, 'lerian-token-johndoe');
  expect((await send('/flashback/mfa/status', 'flashback-token-ada')).status).toBe(200);
}

interface LayoutReport {
  innerWidth: number;
  scrollWidth: number;
  /** Elements whose box pokes out of the viewport, scrolled away or not. */
  tooWide: string[];
  /** Boxes whose content is wider than they are, scrolled sideways (e.g. a table in a card). */
  scrolledSideways: string[];
  /** Per journal body row: the sum of its cells' colspans, and whether each cell is laid out as a table cell. */
  journalRows: Array<{ columns: number; tableCells: boolean; widthRatio: number }>;
}

/** Measure the page in the browser. A string, so the test's TypeScript needs no DOM types. */
const MEASURE_LAYOUT = `(() => {
  const tooWide = [];
  for (const node of document.body.querySelectorAll('*')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if ((box.right > innerWidth + 0.5 || box.left < -0.5 || box.width > innerWidth)) {
      tooWide.push(node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + (node.className ? '.' + String(node.className).trim().replace(/\\s+/g, '.') : '') + ' right=' + Math.round(box.right));
    }
  }
  // Content scrolled sideways inside a box is hidden from view just the same (but in what is hidden on purpose: the
  // file input of "Import a session file", there only for the keyboard).
  const scrolledSideways = [...document.body.querySelectorAll('*')]
    .filter((node) => !node.matches('.visually-hidden') && node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== 'visible')
    .map((node) => node.tagName.toLowerCase() + (node.className ? '.' + String(node.className).trim().replace(/\\s+/g, '.') : '') + ' ' + node.scrollWidth + '>' + node.clientWidth);
  const table = document.querySelector('#journal');
  const journalRows = [...table.querySelectorAll('tbody tr')].map((row) => ({
    columns: [...row.cells].reduce((sum, cell) => sum + cell.colSpan, 0),
    tableCells: [...row.cells].every((cell) => getComputedStyle(cell).display === 'table-cell'),
    widthRatio: row.getBoundingClientRect().width / table.getBoundingClientRect().width,
  }));
  return { innerWidth, scrollWidth: document.documentElement.scrollWidth, tooWide: tooWide.slice(0, 20), scrolledSideways, journalRows };
})()`;

/** Screenshot first (so a failure has a picture to look at), then measure. */
async function expectLayoutFits(page: Page, label: string, screenshot: string): Promise<LayoutReport> {
  await page.screenshot({ path: join(RESULTS, screenshot), fullPage: true });
  const report = await page.evaluate<LayoutReport>(MEASURE_LAYOUT);
  expect(report.tooWide, `${label}: elements wider than the viewport`).toEqual([]);
  expect(report.scrollWidth, `${label}: horizontal scrolling`).toBeLessThanOrEqual(report.innerWidth);
  expect(report.scrolledSideways, `${label}: content scrolled sideways inside a box`).toEqual([]);
  for (const row of report.journalRows) {
    expect(row, `${label}: a journal row lost its columns`).toEqual({ columns: JOURNAL_COLUMNS, tableCells: true, widthRatio: expect.closeTo(1, 2) });
  }
  return report;
}

beforeAll(async () => {
  await mkdir(RESULTS, { recursive: true });
  sandbox = await createSandbox();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('the QA console layout', () => {
  it.each(WIDTHS)(
    'at %i px: journal rows expand inside the table, nothing overflows, a scenario switch shows at once',
    async (width) => {
      const session = `layout-${width}`;
      await fillJournal(session);
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      try {
        await page.goto(`${sandbox.url}/__console/?session=${session}`);
        await page.locator('body[data-loaded="true"]').waitFor();
        // Live updates are switched off: what the page shows below comes from the actions themselves.
        await page.locator('#auto-refresh').uncheck();
        const entries = page.locator('#journal tbody tr.entry');
        await expect.poll(() => entries.count()).toBe(5);
        await expectLayoutFits(page, `${width} px, loaded`, `console-${width}-loaded.png`);

        // Expand the journal row with the longest URL and the one with the longest body.
        await entries.filter({ hasText: 'a'.repeat(40) }).click();
        await entries.filter({ hasText: 'verify-setup' }).click();
        await expect.poll(() => page.locator('#journal tbody tr.bodies').count()).toBe(2);
        await expectLayoutFits(page, `${width} px, journal rows expanded`, `console-${width}-journal-expanded.png`);

        await page.locator('#scenario-select').selectOption('mfa-enabled');
        await page.locator('#surface-select').selectOption('flashback');
        await page.getByRole('button', { name: 'Switch' }).click();
        await expect.poll(() => page.locator('#current-scenarios').textContent(), { timeout: 1_500 }).toContain('flashback: mfa-enabled');
        // The old world is marked as no longer current; the new one is shown (or announced, until the sandbox builds it).
        expect(await page.locator('[data-world="flashback/default"]').getAttribute('data-current')).toBe('false');
        expect(await page.locator('[data-world="flashback/mfa-enabled"][data-current="true"], [data-waiting-world="flashback/mfa-enabled"]').count()).toBe(1);
        expect(await page.locator('[data-world="lerian/default"]').getAttribute('data-current')).toBe('true');
        await expectLayoutFits(page, `${width} px, after the scenario switch`, `console-${width}-after-switch.png`);
        expect(pageErrors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it('a scenario switch during a refresh in flight still shows the new scenario (the refresh is queued, not dropped)', async () => {
    const session = 'layout-race';
    await fillJournal(session);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${sandbox.url}/__console/?session=${session}`);
      await page.locator('body[data-loaded="true"]').waitFor();
      await page.locator('#auto-refresh').uncheck();

      // Hold the next read of the session: it is taken before the switch and answered only after it.
      let fetched!: () => void;
      let release!: () => void;
      const readBeforeSwitch = new Promise<void>((resolve) => (fetched = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      let armed = true;
      await page.route(`**/__admin/sessions/${session}`, async (route) => {
        if (!armed || route.request().method() !== 'GET') return route.continue();
        armed = false;
        const response = await route.fetch();
        fetched();
        await released;
        await route.fulfill({ response });
      });
      await page.locator(`#sessions a[data-session="${session}"]`).click(); // starts a refresh
      await readBeforeSwitch;

      await page.locator('#scenario-select').selectOption('org-enforced');
      const switched = page.waitForResponse((response) => response.request().method() === 'PUT' && response.url().endsWith(`/sessions/${session}/scenario`));
      await page.getByRole('button', { name: 'Switch' }).click();
      expect((await switched).status()).toBe(200);
      release(); // the stale read lands now; the switch's own refresh must follow it

      await expect.poll(() => page.locator('#current-scenarios').textContent(), { timeout: 1_500 }).toContain('flashback: org-enforced');
      expect(await page.locator('#current-scenarios').textContent()).toContain('nest-auth: org-enforced');
    } finally {
      await page.close();
    }
  }, 60_000);
});
