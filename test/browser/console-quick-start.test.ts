import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock, createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * The QA console in a real chromium, for the quick starts: a new session shows its starting state at once, a TOTP setup
 * in progress shows its code marked as pending (and that code verifies the setup), and a scenario switch shows the new
 * scenario's state and codes without any vendor request.
 */
const ADA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // Ada's device in every mfa-enabled scenario
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

/** The sandbox's time: it stands still, so a code the console shows is exactly the authenticator's at that time. */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
const phoneCode = (secret: string) => authenticatorCode(secret, 0, clock.now());

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await createSandbox({ clock });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  pageErrors = collectPageErrors(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function openConsole(session: string): Promise<void> {
  await page.goto(`${sandbox.url}/__console/?session=${session}`);
  await page.locator('body[data-loaded="true"]').waitFor();
}

const flashback = (path: string, session: string, body: object) =>
  fetch(`${sandbox.url}/flashback${path}`, { method: 'POST', headers: { ...ADA, ...sandbox.session(session).headers }, body: JSON.stringify(body) });

describe('QA console', () => {
  it('a session never used shows its default state at once, and a started TOTP setup shows its code as pending', async () => {
    const session = 'console-pending';
    await openConsole(session);
    await page.locator('[data-world="flashback/default"]').waitFor();
    expect(await page.locator('#worlds [data-world]').evaluateAll((worlds) => worlds.map((world) => world.getAttribute('data-world')).sort())).toEqual([
      'flashback/default',
      'genauth/default',
      'lerian/default',
      'nest-auth/default',
    ]);
    expect(await page.locator('#totp tbody').textContent()).toContain('No TOTP device or setup');

    const setup = await flashback('/mfa/setup', session, { mfaType: 'GOOGLE_AUTH' });
    const { secret } = ((await setup.json()) as { data: { secret: string } }).data;
    await openConsole(session);
    const row = page.locator('#totp tbody tr[data-totp-status="pending"]');
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toBe('pending setup');
    expect(await page.locator('[data-world="flashback/default"] [data-pending-setup="totp"]').textContent()).toBe('totp (setup started)');
    const shown = (await row.locator('code.otp').textContent()) ?? '';
    expect(shown).toBe(phoneCode(secret));

    // The code the console shows is the one that finishes the setup.
    const verify = await flashback('/mfa/verify-setup', session, { mfaType: 'GOOGLE_AUTH', code: shown });
    expect(verify.status).toBe(200);
    await openConsole(session);
    await page.locator('#totp tbody tr[data-totp-status="enrolled"]').waitFor();
    expect(await page.locator('#totp tbody tr[data-totp-status="pending"]').count()).toBe(0);
  }, 60_000);

  it("after Switch, the new scenario's state and authenticator codes are shown without a vendor request", async () => {
    const session = 'console-switch';
    await openConsole(session);
    await page.locator('#scenario-select').selectOption('mfa-enabled');
    await page.getByRole('button', { name: 'Switch' }).click();

    const world = page.locator('[data-world="flashback/mfa-enabled"]');
    await world.waitFor();
    expect(await world.locator('tbody tr').first().textContent()).toContain('usr_ada');
    await expect.poll(() => page.locator('#totp tbody tr[data-totp-status="enrolled"]').count()).toBe(4);
    const codes = await page.locator('#totp code.otp').allTextContents();
    for (const code of codes) expect(code).toBe(phoneCode(ADA_SECRET));
    expect(await page.locator('#journal tbody').textContent()).toContain('No requests yet');
    expect(sandbox.session(session).journal()).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
