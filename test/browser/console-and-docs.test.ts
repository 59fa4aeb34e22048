import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock, createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * A real chromium (found by test/harness/chromium.ts, driven by playwright-core) against a sandbox on a real port: Swagger UI's "try it out" and
 * the QA console, as a QA engineer uses them. The console screenshot is kept as a test artifact.
 */
const SESSION = 'browser-qa';
const ADA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // scenarios/flashback/org-enforced.yaml
const SCREENSHOT = join(process.cwd(), 'test-results', 'console.png');
/** The sandbox's time stands still: the console's code is exactly the authenticator's at that time. */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await createSandbox({ clock });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  pageErrors = collectPageErrors(page, { httpErrors: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('in a browser', () => {
  it('/docs/flashback renders every operation, with the running sandbox as its servers (plain and behind a session prefix)', async () => {
    await page.goto(`${sandbox.url}/docs/flashback`);
    await page.locator('.swagger-ui .information-container .title').filter({ hasText: 'Flashback' }).waitFor();
    expect(await page.locator('.swagger-ui .opblock').count()).toBe(15);
    expect(await page.locator('.swagger-ui .servers select option').allTextContents()).toEqual([
      expect.stringContaining('/flashback'),
      expect.stringContaining('/s/{session}/flashback'),
    ]);
  }, 60_000);

  it('the console switches a session to org-enforced; "try it out" on GET /mfa/status then reports enforcement', async () => {
    await page.goto(`${sandbox.url}/__console/?session=${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    await page.locator('#scenario-select').selectOption('org-enforced');
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('#current-scenarios').textContent()).toContain('flashback: org-enforced');
    // Opened again, the console offers the scenario the session runs in, so Switch without looking changes nothing.
    await page.goto(`${sandbox.url}/__console/?session=${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    expect(await page.locator('#scenario-select').inputValue()).toBe('org-enforced');
    await page.goto(`${sandbox.url}/__console/?session=another-${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    expect(await page.locator('#scenario-select').inputValue()).toBe('default');

    // Swagger UI, deep-linked to the operation, authorised with Ada's token, in the console's session.
    await page.goto(`${sandbox.url}/__console/?session=${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    await page.goto(`${sandbox.url}/docs/flashback#/Status/getMFAStatus`);
    // The page says which session its requests go to, and links back to it in the console (nothing said so before).
    const banner = page.locator('#mfa-sandbox-session');
    await expect.poll(() => banner.textContent()).toBe(`"Try it out" sends to session "${SESSION}": open it in the QA console.`);
    expect(await banner.locator('a').getAttribute('href')).toBe(`/__console/?session=${SESSION}`);
    // The deep link opens and scrolls to the operation once the spec is drawn: the page moves until then, and on a
    // loaded CI machine the Authorize button was never still long enough to be clicked (30 s).
    await page.locator('#operations-Status-getMFAStatus .opblock-body').waitFor();
    await page.locator('button.authorize').first().click();
    await page.locator('.modal-ux .auth-container input').first().fill('flashback-token-ada');
    await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();
    const operation = page.locator('#operations-Status-getMFAStatus');
    await operation.locator('tr[data-param-name="X-Mock-Session"] input').fill(SESSION);
    await operation.locator('button.execute').click();
    const live = operation.locator('.live-responses-table');
    await live.locator('.response-col_status').filter({ hasText: '200' }).first().waitFor();
    const body = JSON.parse((await live.locator('.response-col_description pre').first().textContent()) ?? '');
    expect(body).toMatchObject({ success: true, data: { isEnforced: true, enabledMethods: ['GOOGLE_AUTH'] } });
    // It really went to the mock, in that session: the journal has it.
    expect(sandbox.session(SESSION).journal().at(-1)).toMatchObject({ operationId: 'getMFAStatus', scenario: 'org-enforced', status: 200 });
  }, 60_000);

  it('a docs page of a browser that chose no session says its requests go to "default", and links to the console', async () => {
    const fresh = await browser.newContext();
    try {
      const docs = await fresh.newPage();
      await docs.goto(`${sandbox.url}/docs/nest-auth/`);
      const banner = docs.locator('#mfa-sandbox-session');
      await expect
        .poll(() => banner.textContent())
        .toBe('"Try it out" sends to session "default": this browser has chosen no session; choose one in the QA console.');
      expect(await banner.locator('a').getAttribute('href')).toBe('/__console/');
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('the scenario list says which surfaces have each scenario, so switching "every surface" shows what it moves', async () => {
    await page.goto(`${sandbox.url}/__console/?session=scenario-list-${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    const labels = async () => page.locator('#scenario-select option').allTextContents();
    const everySurface = await labels();
    expect(everySurface).toContain('default (every surface)');
    expect(everySurface).toContain('flaky-network (flashback)');
    expect(everySurface).toContain('org-enforced (flashback, nest-auth, genauth)');
    expect(await page.locator('#scenario-select option[value="rate-limited"]').getAttribute('title')).toMatch(/^genauth: GenAuth throttles/);
    // One surface chosen: only its scenarios, by their names alone.
    await page.locator('#surface-select').selectOption('lerian');
    expect(await labels()).toEqual(['default', 'lockout', 'mfa-enabled', 'missing-user', 'server-error']);
    // A scenario chosen that the surface chosen next lacks: the list falls back to another, and says so.
    await page.locator('#surface-select').selectOption('flashback');
    await page.locator('#scenario-select').selectOption('flaky-network');
    await page.locator('#surface-select').selectOption('lerian');
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toBe('lerian has no scenario "flaky-network": "default" is chosen instead; pick one before switching.');
  }, 60_000);

  it('the console shows the state, the authenticator code, a clickable magic link and the journal', async () => {
    const sent = await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, {
      method: 'POST',
      headers: { authorization: 'Bearer flashback-token-ada', ...sandbox.session(SESSION).headers },
    });
    expect(sent.status).toBe(200);

    await page.goto(`${sandbox.url}/__console/?session=${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    const world = page.locator('[data-world="flashback/org-enforced"]');
    await expect.poll(() => world.locator('[data-enforced]').getAttribute('data-enforced')).toBe('true');
    expect(await world.locator('tbody tr').count()).toBe(2); // Ada and Bob
    // What a request sends as Ada, and that the organisation requires MFA (as GET /mfa/status says isRequired).
    expect(await world.locator('tr[data-user="usr_ada"] .tokens').textContent()).toBe('token flashback-token-ada');
    expect(await world.locator('p').first().textContent()).toContain('required: yes (by the organisation)');

    const shownCode = (await page.locator('#totp code.otp').first().textContent()) ?? '';
    expect(shownCode).toBe(authenticatorCode(ADA_SECRET, 0, clock.now()));

    const journal = await page.locator('#journal tbody').textContent();
    expect(journal).toContain('sendMagicLink');
    expect(journal).toContain('getMFAStatus');

    await mkdir(join(process.cwd(), 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const [activation] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'open magic link' }).click()]);
    await activation.waitForLoadState();
    expect(await activation.locator('h1').textContent()).toBe('Magic link activated');
    await activation.close();
    // The outbox row says the link was used, at the session's time (the clock stands still here).
    const used = page.locator('#outbox [data-used]');
    await expect.poll(() => used.textContent(), { timeout: 6_000 }).toBe(`used ${new Date(clock.now()).toISOString().slice(11, 19)}`);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the console locks a user, the vendor then answers "account locked", and unlocks them again', async () => {
    const status = () =>
      fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada', ...sandbox.session(SESSION).headers } });
    await page.goto(`${sandbox.url}/__console/?session=${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    const lockButton = page.locator('[data-world="flashback/org-enforced"] [data-lock-user="usr_ada"]');
    expect(await lockButton.textContent()).toBe('lock');

    await lockButton.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => lockButton.textContent()).toBe('unlock');
    // Said, and the keyboard stays on the button (the table was drawn anew; focus fell back to the page).
    await expect.poll(() => page.locator('#notice').textContent()).toBe('Locked usr_ada on flashback.');
    // Also after the live update the lock brings (the session's event stream redraws the users once more).
    await expect.poll(() => lockButton.evaluate((button) => button.ownerDocument.activeElement === button)).toBe(true);
    await page.waitForTimeout(500);
    expect(await lockButton.evaluate((button) => button.ownerDocument.activeElement === button)).toBe(true);
    const locked = await status();
    expect(locked.status).toBe(403);
    expect(await locked.json()).toEqual({ success: false, error: 'Account locked' });

    await page.keyboard.press('Enter');
    await expect.poll(() => lockButton.textContent()).toBe('lock');
    await expect.poll(() => page.locator('#notice').textContent()).toBe('Unlocked usr_ada on flashback.');
    expect((await status()).status).toBe(200);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
