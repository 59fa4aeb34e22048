import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type SessionFile } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * The QA console's tools in a real chromium: scripted answers for one session, a session's clock (freeze, move, back to
 * real time) and session files (export as a download, import from a file picker), each checked against what the
 * sandbox then answers.
 */
const ADA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // scenarios/flashback/mfa-enabled.yaml
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await createSandbox();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  pageErrors = collectPageErrors(page, { httpErrors: false });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function openConsole(session: string) {
  await page.goto(`${sandbox.url}/__console/?session=${session}`);
  await page.locator('body[data-loaded="true"]').waitFor();
}

const clockOf = async (session: string) =>
  (await (await fetch(`${sandbox.url}/__admin/sessions/${session}/clock`)).json()) as { nowMs: number; frozen: boolean; offsetMs: number };

const flashback = async (session: string, path: string, body?: unknown) => {
  const response = await fetch(`${sandbox.url}/flashback${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...ADA, 'x-mock-session': session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
};

describe('the QA console, in chromium', () => {
  it("freezes a session's clock, moves it a TOTP step and past a magic link's life, and puts it back on real time", async () => {
    const session = 'console-clock';
    sandbox.session(session).useScenario('mfa-enabled', 'flashback');
    expect((await flashback(session, '/mfa/magic-link/send', {})).status).toBe(200);
    await openConsole(session);

    await page.getByRole('button', { name: 'Freeze' }).click();
    await page.locator('body[data-clock-frozen="true"]').waitFor();
    const frozen = await clockOf(session);
    expect(frozen.frozen).toBe(true);
    // The authenticator code the console shows is the one for the session's (frozen) time.
    await expect.poll(() => page.locator('#totp tbody code.otp').first().textContent()).toBe(authenticatorCode(ADA_SECRET, 0, frozen.nowMs));

    await page.getByRole('button', { name: '+30 s (next TOTP step)' }).click();
    await expect.poll(async () => (await clockOf(session)).nowMs).toBe(frozen.nowMs + 30_000);
    await expect.poll(() => page.locator('#totp tbody code.otp').first().textContent()).toBe(authenticatorCode(ADA_SECRET, 0, frozen.nowMs + 30_000));

    await page.getByRole('button', { name: '+10 min (links expire)' }).click();
    await expect.poll(async () => (await clockOf(session)).nowMs).toBe(frozen.nowMs + 30_000 + 600_001);
    const [link] = sandbox.session(session).outbox('flashback');
    expect((await flashback(session, '/mfa/magic-link/activate', { token: link!.token })).status).toBe(400);

    await page.locator('#clock-at').fill('2026-01-01T09:00:10');
    await page.getByRole('button', { name: 'Set' }).click();
    await expect.poll(async () => (await clockOf(session)).nowMs).toBe(Date.UTC(2026, 0, 1, 9, 0, 10));
    await expect.poll(() => page.locator('#clock-now').textContent()).toBe('2026-01-01 09:00:10 UTC');
    // A message sent on another day than the session's has its date (it read as sent today).
    const sentAt = new Date(link!.sentAt).toISOString();
    await expect.poll(() => page.locator('#outbox tbody tr td').first().textContent()).toBe(`${sentAt.slice(0, 10)} ${sentAt.slice(11, 19)}`);
    // Running again far from real time: the offset in days (it read "−8000 h").
    await page.getByRole('button', { name: 'Let it run' }).click();
    await page.locator('body[data-clock-frozen="false"]').waitFor();
    await expect.poll(() => page.locator('#clock-mode').textContent()).toMatch(/^−\d+ d$/);

    await page.getByRole('button', { name: 'Back to real time' }).click();
    await expect.poll(() => clockOf(session)).toMatchObject({ frozen: false, offsetMs: 0 });
    await expect.poll(() => page.locator('#clock-mode').textContent()).toBe('real time');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  /** Script a 500 for Flashback's GET status through the form (its After and Times fields as given); its table row, ov-1. */
  async function addStatusFailure(counts: { after?: string; times: string }) {
    await page.locator('#override-surface').selectOption('flashback');
    await page.locator('#override-operation').selectOption('getMFAStatus');
    await page.locator('#override-status').selectOption('500');
    if (counts.after !== undefined) await page.locator('#override-after').fill(counts.after);
    await page.locator('#override-times').fill(counts.times);
    await page.getByRole('button', { name: 'Add answer' }).click();
    return page.locator('#overrides tbody tr[data-override="ov-1"]');
  }

  it('adds a scripted answer for one session (answered `times` times, then the scenario again), refuses a bad one, and removes it', async () => {
    const session = 'console-override';
    const other = 'console-override-other';
    await openConsole(session);
    const row = await addStatusFailure({ times: '1' });
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('0 of 1');

    expect(await flashback(other, '/mfa/status'), 'another session is untouched').toMatchObject({ status: 200 });
    expect(await flashback(session, '/mfa/status')).toEqual({ status: 500, body: { success: false, error: 'Failed to get MFA status' } });
    expect((await flashback(session, '/mfa/status')).status, 'used up: the scenario answers again').toBe(200);
    // The requests' journal events refresh the console (its event stream): the use shows without a click.
    await expect.poll(() => row.locator('td').nth(4).textContent(), { timeout: 6_000 }).toBe('1 of 1');

    // A status the operation does not declare cannot be picked; a literal the server refuses shows its pointer.
    expect(await page.locator('#override-status option[value="418"]').count()).toBe(0);
    // The field's max (60000) stops a larger latency in the browser; past that check, the server refuses it.
    expect(await page.locator('#override-latency').getAttribute('max')).toBe('60000');
    await page.locator('#override-form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.locator('#override-latency').fill('60001');
    await page.getByRole('button', { name: 'Add answer' }).click();
    await expect.poll(() => page.locator('#error').textContent()).toContain('/latencyMs');
    await page.locator('#override-latency').fill('');
    await page.locator('#override-form').evaluate((form) => form.removeAttribute('novalidate'));

    // Removing answers by keyboard: focus moves to the next answer's remove button, then to "Add answer" (it fell back
    // to the page when the row went away), also after the live update that draws the table once more.
    await page.getByRole('button', { name: 'Add answer' }).click();
    const second = page.locator('#overrides tbody tr[data-override="ov-2"]');
    await second.waitFor();
    const hasFocus = (button: typeof row) => button.evaluate((element) => element.ownerDocument.activeElement === element);
    await row.getByRole('button', { name: 'remove' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#overrides tbody tr[data-override]').count()).toBe(1);
    const removeSecond = second.getByRole('button', { name: 'remove' });
    await expect.poll(() => hasFocus(removeSecond)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#overrides tbody tr[data-override]').count()).toBe(0);
    const addAnswer = page.getByRole('button', { name: 'Add answer' });
    await expect.poll(() => hasFocus(addAnswer)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await hasFocus(addAnswer)).toBe(true);
    expect(((await (await fetch(`${sandbox.url}/__admin/sessions/${session}/overrides`)).json()) as unknown[]).length).toBe(0);
  }, 60_000);

  it('keeps the answer for an override given only a fault or a latency, unless QA picked a status', async () => {
    const session = 'console-override-fault-only';
    await openConsole(session);
    await page.locator('#override-surface').selectOption('flashback');
    await page.locator('#override-operation').selectOption('getMFAStatus');
    expect(await page.locator('#override-status').inputValue(), 'an error is preselected').toBe('401');
    await page.locator('#override-fault').selectOption('slow-body');
    expect(await page.locator('#override-status').inputValue()).toBe('');
    // Cleared again, the preselected error is back; chosen again, gone again.
    await page.locator('#override-fault').selectOption('');
    expect(await page.locator('#override-status').inputValue()).toBe('401');
    await page.locator('#override-fault').selectOption('slow-body');
    expect(await page.locator('#override-status').inputValue()).toBe('');
    await page.locator('#override-latency').fill('1000');
    await page.getByRole('button', { name: 'Add answer' }).click();
    await page.locator('#overrides tbody tr[data-override="ov-1"]').waitFor();
    const [stored] = (await (await fetch(`${sandbox.url}/__admin/sessions/${session}/overrides`)).json()) as Array<Record<string, unknown>>;
    expect(stored).toMatchObject({ operationId: 'getMFAStatus', fault: 'slow-body', latencyMs: 1000 });
    expect(stored).not.toHaveProperty('status');
    // A status QA picked stays when a fault is added to it.
    await page.locator('#override-operation').selectOption('getAvailableMethods');
    await page.locator('#override-status').selectOption('500');
    await page.locator('#override-fault').selectOption('truncated-body');
    expect(await page.locator('#override-status').inputValue()).toBe('500');
  }, 60_000);

  it('fails only the third call with "After" 2 and "Times" 1, saying how many calls it still lets go by', async () => {
    const session = 'console-override-after';
    await openConsole(session);
    const row = await addStatusFailure({ after: '2', times: '1' });
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe('waiting: 0 of 2 calls let go by');
    expect((await flashback(session, '/mfa/status')).status).toBe(200);
    await expect.poll(() => row.locator('td').nth(4).textContent(), { timeout: 6_000 }).toBe('waiting: 1 of 2 calls let go by');
    const statuses = [];
    for (let call = 0; call < 3; call++) statuses.push((await flashback(session, '/mfa/status')).status);
    expect(statuses).toEqual([200, 500, 200]);
    await expect.poll(() => row.locator('td').nth(4).textContent(), { timeout: 6_000 }).toBe('1 of 1');
    // The first call's journal row (the oldest: last) says why the override did not answer it.
    const expanders = page.locator('#journal tbody tr.entry button.expand');
    await expect.poll(() => expanders.count()).toBe(4);
    await expanders.last().click();
    await expect
      .poll(() => page.locator('#journal tbody tr.bodies .override-notes').textContent())
      .toBe('Overrides tried that did not answer:ov-1: fitted, but let this call go by (answers after 2 requests, 0 requests let go by before this one)');
  }, 60_000);

  it('adds a scripted answer for the requests that fit its "Only when", and refuses one that is not JSON', async () => {
    const session = 'console-override-when';
    await openConsole(session);
    await page.locator('#override-surface').selectOption('flashback');
    await page.locator('#override-operation').selectOption('getMFAStatus');
    await page.locator('#override-status').selectOption('500');
    await page.locator('#override-when').fill('{"headers": {"Authorization": "Bearer flashback-token-bob"');
    await page.getByRole('button', { name: 'Add answer' }).click();
    await expect.poll(() => page.locator('#error').textContent()).toContain('Only when is not JSON');
    expect(((await (await fetch(`${sandbox.url}/__admin/sessions/${session}/overrides`)).json()) as unknown[]).length).toBe(0);

    await page.locator('#override-when').fill('{"headers": {"Authorization": "Bearer flashback-token-bob"}}');
    await page.getByRole('button', { name: 'Add answer' }).click();
    const row = page.locator('#overrides tbody tr[data-override="ov-1"]');
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('500, only when {"headers":{"Authorization":"Bearer flashback-token-bob"}}');
    const asBob = await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-bob', 'x-mock-session': session } });
    expect(asBob.status).toBe(500);
    expect((await flashback(session, '/mfa/status')).status, 'ada does not fit: the scenario answers her').toBe(200);
    await page.locator('#override-when').fill('');
  }, 60_000);

  it("says until when a scenario's lockout holds a user, on the session's clock", async () => {
    const session = 'console-locked-until';
    sandbox.session(session).useScenario('lockout', 'flashback');
    sandbox.session(session).clock.freeze(Date.UTC(2026, 0, 1, 9, 0, 0));
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await flashback(session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: '000000' })).status).toBe(400);
    await openConsole(session);
    const ada = page.locator('[data-world="flashback/lockout"] tbody tr[data-user="usr_ada"] td').last();
    await expect.poll(() => ada.textContent()).toBe('yes until 09:15:00 UTC unlock');
  }, 60_000);

  it("lists an override's fault rate, delay range and added headers: a fault on half the requests does not read as on all", async () => {
    const session = 'console-rates';
    sandbox.session(session).addOverride({
      surface: 'flashback',
      operationId: 'getMFAStatus',
      fault: 'service-unavailable',
      faultRate: 0.5,
      latency: { min: 10, max: 20 },
      headers: { 'Retry-After': '30' },
    });
    await openConsole(session);
    await expect
      .poll(() => page.locator('#overrides tbody tr[data-override="ov-1"] td').nth(3).textContent())
      .toBe('10-20 ms late, service-unavailable on 50 % of requests, headers Retry-After: 30');
  }, 60_000);

  it('exports a session as a download and imports it into another session, which then answers the same', async () => {
    const original = 'console-bug';
    sandbox.session(original).useScenario('mfa-enabled', 'flashback');
    sandbox.session(original).clock.freeze(Date.UTC(2026, 0, 1, 9, 0, 10));
    expect((await flashback(original, '/mfa/magic-link/send', {})).status).toBe(200); // a message in its outbox
    await openConsole(original);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export session file' }).click()]);
    expect(download.suggestedFilename()).toBe(`mfa-sandbox-session-${original}.json`);
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toBe(
        `Exported session "${original}" as mfa-sandbox-session-${original}.json (to the browser's downloads): import it here, or in another sandbox, to replay it.`,
      );
    const dir = await mkdtemp(join(tmpdir(), 'mfa-console-'));
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    const file = JSON.parse(await readFile(path, 'utf8')) as SessionFile;
    expect(file).toMatchObject({ format: 'mfa-sandbox-session', session: { id: original, scenarios: { flashback: 'mfa-enabled' } } });

    const replay = 'console-replay';
    await openConsole(replay);
    await page.locator('#import-session').setInputFiles(path);
    await expect.poll(() => page.locator('#notice').textContent()).toContain(`Imported mfa-sandbox-session-${original}.json`);
    await expect.poll(() => page.locator('#current-scenarios').textContent()).toContain('flashback: mfa-enabled');
    // The file's message shows in the outbox, and a screen reader hears of the import, not of a message arriving.
    await expect.poll(() => page.locator('#outbox tbody a', { hasText: 'open magic link' }).count()).toBe(1);
    await new Promise((settle) => setTimeout(settle, 500));
    expect(await page.locator('#announcer').textContent()).toContain(`Imported mfa-sandbox-session-${original}.json`);
    const code = authenticatorCode(ADA_SECRET, 0, Date.UTC(2026, 0, 1, 9, 0, 10));
    for (const [path, body] of [['/mfa/status', undefined] as const, ['/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code }] as const]) {
      const [there, here] = [await flashback(original, path, body), await flashback(replay, path, body)];
      expect(here.status, path).toBe(there.status);
      expect(JSON.stringify(here.body).replace(/"[^"]*[Tt]oken":"[^"]+"/g, '<minted>')).toBe(
        JSON.stringify(there.body).replace(/"[^"]*[Tt]oken":"[^"]+"/g, '<minted>'),
      );
    }
    expect((await flashback(replay, '/mfa/status')).body).toMatchObject({ data: { isEnabled: true } });

    // A failed import after it: the error shows, and the earlier success no longer does beside it.
    const broken = join(dir, 'broken.json');
    await writeFile(broken, 'not json');
    await page.locator('#import-session').setInputFiles(broken);
    await expect.poll(() => page.locator('#error').textContent()).toContain('broken.json is not JSON');
    expect(await page.locator('#notice').isHidden()).toBe(true);
  }, 60_000);

  it('a file that is not a session file is refused with its problems shown, and the session is unchanged', async () => {
    const session = 'console-bad-import';
    sandbox.session(session).useScenario('org-enforced', 'flashback');
    const dir = await mkdtemp(join(tmpdir(), 'mfa-console-'));
    const path = join(dir, 'not-a-session.json');
    await writeFile(path, JSON.stringify({ format: 'mfa-sandbox-session', version: 1, session: { id: 'x', scenarios: { flashback: 'nope' }, worlds: {} } }));
    await openConsole(session);
    await page.locator('#import-session').setInputFiles(path);
    await expect.poll(() => page.locator('#error').textContent()).toContain('/session/scenarios/flashback: no scenario "nope"');
    expect(sandbox.session(session).state()['flashback/org-enforced']).toBeDefined();
    expect(Object.keys(sandbox.session(session).state())).not.toContain('flashback/nope');
  }, 60_000);
});
