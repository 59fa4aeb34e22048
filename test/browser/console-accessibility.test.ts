import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The pages the sandbox serves to people, as a keyboard and screen-reader user meets them, in a real chromium: axe-core
 * (the engine behind Lighthouse's and Deque's checks) finds no violation in the QA console or the magic-link pages; a
 * TOTP code stays selectable between the countdown's ticks and copies with its button; a page turn keeps the keyboard
 * on its button; every action is said through a live region; the pages reflow at 320 px (WCAG 1.4.10).
 */
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ADMIN_TOKEN = 'a11y-admin-token-0123456789';

let sandbox: RunningSandbox;
let guarded: RunningSandbox;
let browser: Browser;

beforeAll(async () => {
  [sandbox, guarded] = await Promise.all([createSandbox(), createSandbox({ adminToken: ADMIN_TOKEN })]);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([sandbox?.close(), guarded?.close()]);
});

/** A page of its own context: the magic-link pages' Content-Security-Policy would refuse axe's script otherwise. */
async function openPage(width = 1400): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sandbox.url });
  return context.newPage();
}

/** The console on `session`, loaded, in a page of its own `width` px wide. */
async function openConsole(session: string, width?: number): Promise<Page> {
  const page = await openPage(width);
  await page.goto(`${sandbox.url}/__console/?session=${session}`);
  await page.locator('body[data-loaded="true"]').waitFor();
  return page;
}

interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's violations on the page as it is now, each as `rule (impact): the first elements`. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

const announced = (page: Page) => page.locator('#announcer').textContent();
/** An attribute of the element the keyboard is on (page scripts as text: this file is type-checked without the DOM's types). */
const focused = (page: Page, attribute: string) => page.evaluate<string | null>(`document.activeElement?.getAttribute(${JSON.stringify(attribute)}) ?? null`);
const selectedText = (page: Page) => page.evaluate<string>('getSelection()?.toString() ?? ""');
const flashback = (path: string, session: string, body?: unknown) =>
  fetch(`${sandbox.url}/flashback${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json', 'x-mock-session': session },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A session with something in every card: a TOTP device, a magic link sent, a scripted answer, requests, two worlds. */
async function busySession(id: string): Promise<void> {
  const session = sandbox.session(id);
  session.useScenario('mfa-enabled', 'flashback');
  expect((await flashback('/mfa/magic-link/send', id, {})).status).toBe(200);
  session.addOverride({ surface: 'flashback', operationId: 'getMFAStatus', status: 500, times: 1 });
  session.useScenario('default', 'nest-auth');
  expect((await flashback('/mfa/status', id)).status).toBe(500);
  // A world of another scenario stays in the session, marked as such.
  session.useScenario('org-enforced', 'flashback');
}

describe('the QA console for keyboard and screen-reader users', () => {
  it('has no axe violation, with every card filled and a journal entry opened', async () => {
    await busySession('a11y-axe');
    const page = await openPage();
    const errors = collectPageErrors(page);
    await page.goto(`${sandbox.url}/__console/?session=a11y-axe`);
    await page.locator('body[data-loaded="true"]').waitFor();
    await page.locator('[data-world].other-scenario').waitFor();
    await page.locator('#journal [data-journal-key]').first().click();
    await page.locator('#journal .bodies').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.title()).toBe('a11y-axe · mfa-sandbox QA console');
    expect(await page.locator('#sessions [aria-current="page"]').textContent()).toBe('a11y-axe');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('has no axe violation with the clock frozen and a long answer open, its body reachable by keyboard', async () => {
    const id = 'a11y-frozen';
    sandbox.session(id).useScenario('default', 'flashback');
    expect((await flashback('/mfa/setup', id, { mfaType: 'GOOGLE_AUTH' })).status).toBe(200); // a QR code: a long body
    const page = await openConsole(id);
    await page.locator('#clock-freeze').click();
    await page.locator('#clock-mode.frozen').waitFor();
    await page.locator('#journal [data-journal-key]').first().click();
    await page.locator('#journal .bodies').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#journal .bodies pre[aria-label="response body"]').focus();
    expect(await focused(page, 'aria-label')).toBe('response body');
    await page.context().close();
  }, 60_000);

  it('says what is wrong with a field beside it, in view at 320 px, marks it invalid, and unmarks it once it changes', async () => {
    sandbox.session('a11y-field').useScenario('default', 'flashback');
    const page = await openConsole('a11y-field', 320);
    await page.locator('#override-when').fill('{bad');
    await page.locator('[data-focus-key="add-override"]').press('Enter');
    const note = page.locator('#override-when-error');
    await expect.poll(() => note.textContent()).toMatch(/^Only when is not JSON/);
    expect(await focused(page, 'id')).toBe('override-when');
    expect(await focused(page, 'aria-invalid')).toBe('true');
    expect(await focused(page, 'aria-describedby')).toBe('override-when-error');
    const box = (await note.boundingBox())!; // relative to the viewport
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900); // the viewport's height
    await page.keyboard.type('x');
    await expect.poll(() => note.count()).toBe(0);
    expect(await focused(page, 'aria-invalid')).toBeNull();
    await page.context().close();
  }, 60_000);

  it("says the sandbox's refusal of an override or a clock jump beside the field it is about, not only in the page's error box", async () => {
    sandbox.session('a11y-refused').useScenario('default', 'flashback');
    const page = await openConsole('a11y-refused', 320);
    // Valid JSON the page sends, which the sandbox refuses with a problem at /when/headers/Authorisation.
    await page.locator('#override-when').fill('{"headers": {"Authorisation": "Bearer x"}}');
    await page.locator('[data-focus-key="add-override"]').press('Enter');
    const note = page.locator('#override-when-error');
    await expect.poll(() => note.textContent()).toContain('looks like a misspelling of "Authorization"');
    expect(await focused(page, 'id')).toBe('override-when');
    expect(await focused(page, 'aria-invalid')).toBe('true');
    const box = (await note.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    // A time before 1970, which the session clock refuses.
    await page.locator('#clock-at').fill('1900-01-01T00:00:00');
    await page.locator('#clock-at').press('Enter');
    await expect.poll(() => page.locator('#clock-at-error').count()).toBe(1);
    expect(await focused(page, 'id')).toBe('clock-at');
    expect(await focused(page, 'aria-describedby')).toBe('clock-at-error');
    await page.context().close();
  }, 60_000);

  it('keeps a TOTP code selected while its countdown ticks, and its copy button copies it', async () => {
    const session = sandbox.session('a11y-totp');
    session.useScenario('mfa-enabled', 'flashback');
    const page = await openConsole('a11y-totp');
    const code = page.locator('#totp code.otp').first();
    await code.dblclick();
    const selected = await selectedText(page);
    expect(selected).toMatch(/^\d{6}$/);
    const left = page.locator('#totp [data-valid-for]').first();
    const before = await left.textContent();
    await expect.poll(() => left.textContent(), { timeout: 5_000 }).not.toBe(before); // a tick went by
    // The code may have turned over meanwhile (a 30 s step): then the row is new, and that is the one case it is not kept.
    if ((await code.textContent()) === selected) expect(await selectedText(page)).toBe(selected);

    // A refresh (a request in the session) reads the codes again, seconds after the first read: the rows stay, and
    // the time left shown is the server's, not the first read's.
    const secondsLeft = async () => Number((await left.textContent())!.replace(' s', ''));
    // Far from the step's end, so the code does not turn over meanwhile (that draws new rows, which is right anyway).
    if ((await secondsLeft()) < 12) await expect.poll(secondsLeft, { timeout: 15_000 }).toBeGreaterThan(20);
    await page.waitForTimeout(4_000);
    await flashback('/mfa/status', 'a11y-totp');
    await expect.poll(() => page.locator('#journal tbody').textContent()).toContain('GET /flashback/mfa/status');
    const served = await fetch(`${sandbox.url}/__admin/sessions/a11y-totp/totp-codes`);
    const { validForSeconds } = ((await served.json()) as Array<{ validForSeconds: number }>)[0]!;
    const shown = await secondsLeft();
    expect(Math.abs(shown - validForSeconds), `shown ${shown} s, served ${validForSeconds} s`).toBeLessThanOrEqual(2);

    await page.locator('#totp [data-copy-code]').first().focus();
    await page.keyboard.press('Enter');
    const copied = (await code.textContent())!;
    await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toBe(copied);
    await expect.poll(() => announced(page)).toBe(`Copied ${copied} to the clipboard.`);
    await page.context().close();
  }, 60_000);

  it('keeps the keyboard on a page button after the page turns, and says which items show', async () => {
    sandbox.session('a11y-pages').useScenario('many-users', 'flashback');
    const page = await openConsole('a11y-pages');
    const next = page.locator('#totp-pager [data-pager-move="next"]');
    await next.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => announced(page)).toBe('Showing 51–100 of 150');
    expect(await focused(page, 'data-pager-move')).toBe('next');
    await page.keyboard.press('Enter');
    await expect.poll(() => announced(page)).toBe('Showing 101–150 of 150');
    // The last page: "next" is disabled, so the keyboard is on "prev".
    expect(await focused(page, 'data-pager-move')).toBe('prev');
    await page.context().close();
  }, 60_000);

  it('takes the keyboard past the list of sessions to the open one with its first Tab, and hides that link with no session open', async () => {
    for (let index = 0; index < 30; index++) await flashback('/mfa/status', `a11y-skip-${index}`);
    const page = await openConsole('a11y-skip-0');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe('Skip to the open session');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string | null>('document.activeElement?.id ?? null')).toBe('session');
    // The next Tab goes on inside the session, not back to the list.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<boolean>("document.activeElement?.closest('#session') !== null")).toBe(true);
    await page.goto(`${sandbox.url}/__console/`);
    await page.locator('body[data-loaded="true"]').waitFor();
    expect(await page.locator('#skip-to-session').isHidden()).toBe(true);
    await page.context().close();
  }, 60_000);

  it('says what each action did, and puts the keyboard somewhere useful when its button goes away', async () => {
    const page = await openConsole('a11y-actions');
    await page.locator('#scenario-select').selectOption('org-enforced');
    expect(await page.locator('#scenario-description').textContent()).toContain('flashback:');
    await page.locator('#scenario-form button[type="submit"]').press('Enter');
    await expect.poll(() => announced(page)).toBe('Switched every surface that has it to scenario "org-enforced": it starts fresh.');

    await page.locator('#override-form button[type="submit"]').press('Enter');
    await expect.poll(() => announced(page)).toMatch(/^Added ov-1: every operation of flashback answers as scripted\.$/);
    await page.locator('[data-remove-override="ov-1"]').press('Enter');
    await expect.poll(() => announced(page)).toBe('Removed ov-1.');

    await page.locator('#clock-freeze').press('Enter');
    await expect.poll(() => announced(page)).toMatch(/^Session time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(frozen\)\.$/);

    // A message sent while the console is open is said as it arrives.
    await flashback('/mfa/magic-link/send', 'a11y-actions', {});
    await expect.poll(() => announced(page), { timeout: 10_000 }).toMatch(/^New email to ada@example\.com: /);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('#reset-session').press('Enter');
    await expect.poll(() => announced(page)).toBe('Forgot session "a11y-actions".');
    expect(await focused(page, 'id')).toBe('session-input');
    await page.context().close();
  }, 60_000);

  it('asks a guarded sandbox for its token with the keyboard on the token box, and again after a wrong one', async () => {
    const page = await browser.newPage();
    await page.goto(`${guarded.url}/__console/`);
    await page.locator('#token-form').waitFor();
    expect(await focused(page, 'id')).toBe('admin-token');
    expect(await page.locator('#error').textContent()).toContain('enter it below');
    await page.keyboard.type('not-the-token-at-all');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#error').textContent()).toContain('was refused');
    expect(await focused(page, 'id')).toBe('admin-token');
    await page.close();

    // In a new tab (the wrong token was kept for that one): the prompt in a person's words, with no header advice for
    // an HTTP client beside it and no doubled full stop; then the right token moves the keyboard on, not to the page.
    const fresh = await browser.newPage();
    await fresh.goto(`${guarded.url}/__console/`);
    await fresh.locator('#token-form').waitFor();
    const prompt = await fresh.locator('#error').textContent();
    expect(prompt).not.toContain('To fix');
    expect(prompt).not.toContain('..');
    await fresh.keyboard.type(ADMIN_TOKEN);
    await fresh.keyboard.press('Enter');
    await expect.poll(() => focused(fresh, 'id')).toBe('session-input');
    await fresh.close();
  }, 60_000);

  it("opens the server's root in a browser on the page that lists the docs and the console; an API client's GET / stays a 404", async () => {
    const page = await openPage();
    const landed = await page.goto(`${sandbox.url}/`);
    expect([landed?.url(), await page.locator('h1').textContent()]).toEqual([`${sandbox.url}/docs`, 'mfa-sandbox docs']);
    expect(await page.getByRole('link', { name: 'QA console' }).getAttribute('href')).toBe('/__console/');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
    const api = await fetch(`${sandbox.url}/`, { headers: { accept: 'application/json' } });
    expect([api.status, ((await api.json()) as { code: string }).code]).toEqual([404, 'MOCK_ERR_ROUTE_NOT_FOUND']);
  }, 60_000);

  it('reflows at 320 px: no sideways scrolling in the console or on a sign-in link page', async () => {
    await busySession('a11y-narrow');
    const page = await openConsole('a11y-narrow', 320);
    await page.locator('#overrides tbody tr[data-override]').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    // The state tables scroll in their card rather than squeeze a user's id into a letter a line (it was ~35 px wide).
    const idColumnWidths = await page.evaluate<number[]>(
      "[...document.querySelectorAll('.world td:first-child')].map((cell) => cell.getBoundingClientRect().width)",
    );
    expect(idColumnWidths.length).toBeGreaterThan(0);
    expect(Math.min(...idColumnWidths)).toBeGreaterThanOrEqual(120);

    // A link followed once sets magic links up; once enabled, the next one is a sign-in link, whose page shows its token.
    const newestLink = () => sandbox.session('a11y-narrow').outbox('flashback').at(-1)!.link!;
    sandbox.session('a11y-narrow').useScenario('default', 'flashback');
    await flashback('/mfa/magic-link/send', 'a11y-narrow', {});
    await page.goto(newestLink());
    expect(await page.locator('h1').textContent()).toBe('Magic link activated');
    expect((await flashback('/mfa/enable', 'a11y-narrow', { mfaType: 'MAGIC_LINK' })).status).toBe(200);
    await flashback('/mfa/magic-link/send', 'a11y-narrow', {});
    await page.goto(newestLink());
    expect(await page.locator('h1').textContent()).toBe('Sign-in link');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
