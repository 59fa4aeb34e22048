import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminGuard } from '../../src/admin/admin-guard.js';
import type { SandboxError } from '../../src/errors.js';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The QA console as a stranger used it (findings of a QA engineer's pass in a real browser, 2026-12-01): a session id
 * the server would refuse, errors that must stay readable, the form's defaults, forgetting a session, a frozen clock,
 * and what the keyboard and a screen reader reach.
 */
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await createSandbox();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  pageErrors = collectPageErrors(page, { httpErrors: false });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

async function openConsole(query = '') {
  await page.goto(`${sandbox.url}/__console/${query}`);
  await page.locator('body[data-loaded="true"]').waitFor();
}

/**
 * Ask for an override the server refuses (a latency over 60000) and wait for its error: the field's own max would
 * stop it in the browser, so the form's check is turned off first.
 */
async function addOverrideTheServerRefuses() {
  await page.locator('#override-surface').selectOption('flashback');
  await page.locator('#override-operation').selectOption('getMFAStatus');
  await page.locator('#override-form').evaluate((form) => form.setAttribute('novalidate', ''));
  await page.locator('#override-latency').fill('60001');
  await page.getByRole('button', { name: 'Add answer' }).click();
  await expect.poll(() => page.locator('#error').textContent()).toContain('/latencyMs');
}

const sessionIds = async () => ((await (await fetch(`${sandbox.url}/__admin/sessions`)).json()) as Array<{ id: string }>).map((session) => session.id);

const flashbackStatus = (session: string) => fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...ADA, 'x-mock-session': session } });

describe('the QA console keeps bad input harmless', () => {
  it('refuses "." and ".." as a session before any request (a browser would resolve them into other admin paths)', async () => {
    await flashbackStatus('existing');
    await openConsole();
    const before = await sessionIds();
    for (const id of ['.', '..']) {
      await page.locator('#session-input').fill(id);
      await page.getByRole('button', { name: 'Open' }).click();
      await expect
        .poll(() => page.locator('#error').textContent())
        .toBe(`"${id}" is no session id: a session id is 1 to 128 letters, digits and . _ : - (and not "." or "..").`);
      // Beside the box too, which is marked invalid (the page's error box may be a screen above it).
      expect(await page.locator('#session-input-error').textContent()).toBe(await page.locator('#error').textContent());
      expect(await page.locator('#session-input').getAttribute('aria-invalid')).toBe('true');
    }
    // A pasted 3,000 characters: shown by their start and length, and the page does not widen (it scrolled sideways).
    const long = 'x'.repeat(3_000);
    await page.locator('#session-input').fill(long);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect
      .poll(() => page.locator('#session-input-error').textContent())
      .toBe(`"${'x'.repeat(60)}…" (3000 characters) is no session id: a session id is 1 to 128 letters, digits and . _ : - (and not "." or "..").`);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    expect(await sessionIds()).toEqual(before);
    expect(await page.locator('#session').isHidden()).toBe(true);
  }, 60_000);

  it('shows the hint of a refusal, e.g. how to open the admin API to a laptop or phone on the LAN', async () => {
    // The admin guard's own refusal of a client off loopback (this test's browser is on loopback, so it is routed in).
    const refusal = await createAdminGuard({ access: 'loopback', token: undefined })({
      method: 'GET',
      url: '/__admin/sessions',
      routeOptions: { url: '/__admin/sessions' },
      headers: {},
      socket: { remoteAddress: '198.51.100.7' }, // TEST-NET-2, which no machine running this has (192.0.2.2 was the CI machine's own address)
    } as never).then(
      () => undefined,
      (error: SandboxError) => error,
    );
    expect(refusal?.code).toBe('MOCK_ERR_ADMIN_FORBIDDEN');
    await page.route(`${sandbox.url}/__admin/sessions`, (route) =>
      route.fulfill({ status: 403, contentType: 'application/problem+json', body: JSON.stringify(refusal!.toProblem('/__admin/sessions')) }),
    );
    try {
      await openConsole();
      await expect
        .poll(() => page.locator('#error').textContent())
        .toContain('this request came from 198.51.100.7. To fix: start the sandbox with --admin-access any');
    } finally {
      await page.unroute(`${sandbox.url}/__admin/sessions`);
      // The browser's note on the routed 403 is this test's doing, not a console error.
      for (let index = pageErrors.length - 1; index >= 0; index--) if (pageErrors[index]!.includes('status of 403')) pageErrors.splice(index, 1);
    }
  }, 60_000);

  it('opened with a ?session= that is no session id, says so and still lists the sessions to pick from', async () => {
    await flashbackStatus('listed');
    await openConsole('?session=..');
    await expect.poll(() => page.locator('#error').textContent()).toContain('?session=.. names no session');
    await expect.poll(() => page.locator('#sessions a[data-session="listed"]').count()).toBe(1);
    expect(await sessionIds()).not.toContain('totp-codes');
  }, 60_000);

  it('opened with a ?session= the sandbox does not hold, says the session is new and names a held one a letter or two away', async () => {
    await flashbackStatus('checkout-bug-42');
    await openConsole('?session=checkout-bug-24');
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toBe(
        'Session "checkout-bug-24" is new: the sandbox held none of that name, so it started empty when this page opened it. Did you mean "checkout-bug-42"? Pick it from the list.',
      );
    // A held session opens without a word; so does a new one with no held session near its name.
    await openConsole('?session=checkout-bug-42');
    expect(await page.locator('#notice').isHidden()).toBe(true);
    await openConsole('?session=entirely-other-name');
    expect(await page.locator('#notice').textContent()).toBe(
      'Session "entirely-other-name" is new: the sandbox held none of that name, so it started empty when this page opened it.',
    );
  }, 60_000);

  it('a session name typed in the box that the sandbox does not hold says so too, as a link does', async () => {
    await flashbackStatus('typed-session-77');
    await openConsole();
    await page.locator('#session-input').fill('typed-session-71');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toBe(
        'Session "typed-session-71" is new: the sandbox held none of that name, so it started empty when this page opened it. Did you mean "typed-session-77"? Pick it from the list.',
      );
    // A held session opens without a word, and the notice about the one before goes.
    await page.locator('#session-input').fill('typed-session-77');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.locator('#notice').isHidden()).toBe(true);
  }, 60_000);

  it("a tab whose session another tab took the browser's cookie from says so when it is back in front", async () => {
    await Promise.all([flashbackStatus('tab-one'), flashbackStatus('tab-two')]);
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const [first, second] = [await context.newPage(), await context.newPage()];
      for (const [tab, session] of [
        [first, 'tab-one'],
        [second, 'tab-two'],
      ] as const) {
        await tab.goto(`${sandbox.url}/__console/?session=${session}`);
        await tab.locator('body[data-loaded="true"]').waitFor();
      }
      expect(await first.locator('#notice').isHidden()).toBe(true);
      // Back in front: headless Chromium gives a tab brought to front no focus event, so the test sends the one a
      // desktop browser does.
      await first.bringToFront();
      await first.evaluate("window.dispatchEvent(new FocusEvent('focus'))");
      await expect
        .poll(() => first.locator('#notice').textContent())
        .toBe(
          'This browser\'s requests now go to session "tab-two" (another tab or a prefixed URL set its cookie), not to "tab-one" shown here. Open "tab-one" again from the list to bring them back.',
        );
      // The tab of the browser's own session says nothing.
      await second.bringToFront();
      await second.evaluate("window.dispatchEvent(new FocusEvent('focus'))");
      expect(await second.locator('#notice').isHidden()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("keeps an action's error on screen while live updates refresh the view, until the next action", async () => {
    const session = 'console-error-stays';
    await openConsole(`?session=${session}`);
    await addOverrideTheServerRefuses();

    // A frontend polling the mock: each request's journal event refreshes the console.
    await flashbackStatus(session);
    await expect.poll(() => page.locator('#journal tbody tr.entry').count()).toBe(1);
    await flashbackStatus(session);
    await expect.poll(() => page.locator('#journal tbody tr.entry').count()).toBe(2);
    expect(await page.locator('#error').isVisible()).toBe(true);

    await page.locator('#override-latency').fill('');
    await page.getByRole('button', { name: 'Add answer' }).click();
    await expect.poll(() => page.locator('#overrides tbody tr[data-override]').count()).toBe(1);
    expect(await page.locator('#error').isHidden()).toBe(true);
  }, 60_000);

  it("clears an earlier action's error when the browser refuses the form itself, so the message never blames another field", async () => {
    await openConsole('?session=console-error-cleared');
    await addOverrideTheServerRefuses();

    await page.locator('#override-form').evaluate((form) => form.removeAttribute('novalidate'));
    await page.locator('#override-latency').fill('');
    await page.locator('#override-times').fill('0'); // below the field's min: the browser sends nothing
    await page.getByRole('button', { name: 'Add answer' }).click();
    await expect.poll(() => page.locator('#error').isHidden()).toBe(true);
    expect(
      await page.locator('#override-times').evaluate((input) => (input as unknown as { validity: { rangeUnderflow: boolean } }).validity.rangeUnderflow),
    ).toBe(true);
    await page.locator('#override-times').fill('');
  }, 60_000);

  it('says in the form\'s words that "keep the answer" alone scripts nothing (the server\'s refusal names API fields)', async () => {
    const session = 'console-empty-answer';
    await openConsole(`?session=${session}`);
    await page.locator('#override-surface').selectOption('flashback');
    await page.locator('#override-operation').selectOption('getMFAStatus');
    await page.locator('#override-status').selectOption('');
    await page.getByRole('button', { name: 'Add answer' }).click();
    await expect
      .poll(() => page.locator('#error').textContent())
      .toBe('Status "keep the answer" scripts nothing by itself: pick a status to answer with, or give a Latency ms or a Fault.');
    expect(await page.locator('#override-status').evaluate((select) => select === (select.ownerDocument as { activeElement: unknown }).activeElement)).toBe(
      true,
    );
    expect(await (await fetch(`${sandbox.url}/__admin/sessions/${session}/overrides`)).json()).toEqual([]);
  }, 60_000);

  it('offers for "*" only the statuses every operation declares, so "Add answer" with its defaults is accepted', async () => {
    const session = 'console-star';
    await openConsole(`?session=${session}`);
    for (const surface of ['flashback', 'nest-auth', 'lerian', 'genauth']) {
      await page.locator('#override-surface').selectOption(surface);
      expect(await page.locator('#override-operation').inputValue()).toBe('*');
      await page.getByRole('button', { name: 'Add answer' }).click();
      await expect.poll(() => page.locator(`#overrides tbody tr[data-override]`).filter({ hasText: surface }).count(), { message: surface }).toBe(1);
      expect(await page.locator('#error').isHidden(), surface).toBe(true);
    }
    // GenAuth's operations share one status only: "*" can script its success (e.g. with a latency), nothing else.
    const statuses = await page
      .locator('#override-status option')
      .evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value));
    expect(statuses).toEqual(['', '200']);
  }, 60_000);

  it('lists a session made elsewhere (a test run, curl) without a click, with its request count moving on', async () => {
    await openConsole('?session=console-watcher');
    await flashbackStatus('made-elsewhere');
    const entry = page.locator('#sessions li').filter({ has: page.locator('a[data-session="made-elsewhere"]') });
    await expect.poll(() => entry.locator('small').textContent(), { timeout: 12_000 }).toBe(' 1 req');
    await flashbackStatus('made-elsewhere');
    await expect.poll(() => entry.locator('small').textContent(), { timeout: 12_000 }).toBe(' 2 req');
  }, 60_000);

  it('goes Back to the session open before a pick from the list, and Forward again, staying in the console', async () => {
    await flashbackStatus('back-second');
    await openConsole('?session=back-first');
    await page.locator('#sessions a[data-session="back-second"]').click();
    await expect.poll(() => page.locator('#session-id').textContent()).toBe('back-second');
    await page.goBack();
    await expect.poll(() => page.locator('#session-id').textContent()).toBe('back-first');
    expect(new URL(page.url()).pathname).toBe('/__console/');
    expect(new URL(page.url()).searchParams.get('session')).toBe('back-first');
    await page.goForward();
    await expect.poll(() => page.locator('#session-id').textContent()).toBe('back-second');
    // Back and Forward move the browser's session cookie with the view: its requests go where the page says.
    expect((await page.context().cookies()).find((cookie) => cookie.name === 'mfa-sandbox-session')?.value).toBe('back-second');
  }, 60_000);

  it('going Back to a session deleted meanwhile says it is new, as a typed name does, rather than make it again silently', async () => {
    await flashbackStatus('back-deleted-first');
    await flashbackStatus('back-deleted-second');
    await openConsole('?session=back-deleted-first');
    await page.locator('#sessions a[data-session="back-deleted-second"]').click();
    await expect.poll(() => page.locator('#session-id').textContent()).toBe('back-deleted-second');
    expect((await fetch(`${sandbox.url}/__admin/sessions/back-deleted-first`, { method: 'DELETE' })).status).toBe(204);
    await page.goBack();
    await expect.poll(() => page.locator('#notice').textContent()).toMatch(/^Session "back-deleted-first" is new/);
  }, 60_000);

  it('keeps the keyboard on a session link, a magic link and a page button when a live update draws them anew', async () => {
    const session = 'focus-kept';
    sandbox.session(session).useScenario('many-users', 'flashback');
    expect(
      (await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers: { ...ADA, 'x-mock-session': session }, body: '{}' })).status,
    ).toBe(200);
    await openConsole(`?session=${session}`);
    await page.locator('body[data-live="true"]').waitFor();
    const focusKey = () => page.evaluate<string | undefined>('document.activeElement?.dataset?.focusKey');
    const requestsShown = () =>
      page
        .locator('#sessions li', { has: page.locator(`a[data-session="${session}"]`) })
        .locator('small')
        .textContent();
    const targets = [
      page.locator(`#sessions a[data-session="${session}"]`),
      page.locator('#outbox tbody a', { hasText: 'open magic link' }),
      page.locator('[data-pager-move="next"]').first(),
    ];
    for (const target of targets) {
      await target.focus();
      const before = await focusKey();
      expect(before).toBeTruthy();
      const shown = await requestsShown();
      await flashbackStatus(session); // a vendor request: its event redraws the session and the list
      await expect.poll(requestsShown).not.toBe(shown);
      expect(await focusKey()).toBe(before);
    }
  }, 60_000);

  it('says what a failed fetch means when the sandbox cannot be reached, and Refresh says what it read', async () => {
    // A page of its own: the aborted request is logged as a browser error, which the shared page must not collect.
    const own = await browser.newPage();
    try {
      await own.goto(`${sandbox.url}/__console/?session=unreachable-action`);
      await own.locator('body[data-loaded="true"]').waitFor();
      await own.locator('#auto-refresh').uncheck();
      await own.route('**/__admin/**', (route) => route.abort());
      await own.getByRole('button', { name: 'Freeze' }).click();
      await expect
        .poll(() => own.locator('#error').textContent())
        .toBe('The sandbox cannot be reached (it stopped, or this page lost the network): start it again, then retry.');
      await own.unroute('**/__admin/**');
      await own.locator('#refresh-now').click();
      await expect.poll(() => own.locator('#announcer').textContent()).toBe('Session "unreachable-action" read again');
    } finally {
      await own.close();
    }
  }, 60_000);

  it('preselects the scenario most surfaces run, counting those in the default: one surface switched does not lead', async () => {
    const session = 'preselect-most';
    sandbox.session(session).useScenario('lockout', 'lerian');
    await openConsole(`?session=${session}`);
    await expect.poll(() => page.locator('#scenario-select').inputValue()).toBe('default');
  }, 60_000);

  it("describes the scenario it preselects: the session's own, not the one chosen before (QA tour)", async () => {
    const session = 'preselect-described';
    sandbox.session(session).useScenario('org-enforced');
    await openConsole(`?session=${session}`);
    await expect.poll(() => page.locator('#scenario-select').inputValue()).toBe('org-enforced');
    // The text under the list is the chosen option's: it read the default's "does not enforce it" here.
    await expect.poll(() => page.locator('#scenario-description').textContent()).toContain('flashback: Acme enforces MFA for every member');
    expect(await page.locator('#scenario-description').textContent()).toBe(await page.locator('#scenario-select option:checked').getAttribute('title'));
  }, 60_000);

  it('forgets a session after asking, closes it instead of reading it anew, and the sandbox no longer lists it', async () => {
    const session = 'console-forget';
    await flashbackStatus(session);
    await openConsole(`?session=${session}`);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Forget session' }).click();
    expect(await sessionIds()).toContain(session);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Forget session' }).click();
    await expect.poll(() => page.locator('#notice').textContent()).toBe(`Forgot session "${session}".`);
    expect(await page.locator('#session').isHidden()).toBe(true);
    expect(await sessionIds()).not.toContain(session);
    expect(new URL(page.url()).search).toBe('');
  }, 60_000);

  it('closes a session deleted elsewhere while it is open, says so, and does not make it again by reading it', async () => {
    const session = 'console-deleted-elsewhere';
    await flashbackStatus(session);
    await openConsole(`?session=${session}`);
    await page.locator('body[data-live="true"]').waitFor();
    expect((await fetch(`${sandbox.url}/__admin/sessions/${session}`, { method: 'DELETE' })).status).toBe(204);
    // Named as deleted: the event says why (it read "deleted, or idle past the session TTL" for every reset).
    await expect
      .poll(() => page.locator('#notice').textContent())
      .toBe(`Session "${session}" was deleted: its next request starts it fresh. Open it again to see that.`);
    expect(await page.locator('#session').isHidden()).toBe(true);
    await page.waitForTimeout(1_000);
    expect(await sessionIds()).not.toContain(session);
  }, 60_000);

  it("names each scripted example with the spec's summary beside it (Lerian's Error1016 told a QA nothing)", async () => {
    const session = 'console-example-names';
    await flashbackStatus(session);
    await openConsole(`?session=${session}`);
    await page.locator('#override-surface').selectOption('lerian');
    await page.locator('#override-operation').selectOption('initiateMfaSetup');
    await page.locator('#override-status').selectOption('400');
    const labels = await page.locator('#override-example option').allTextContents();
    expect(labels).toContain('Error1016: Phone Number Not Found');
    expect(await page.locator('#override-example option', { hasText: 'Error1016' }).getAttribute('value')).toBe('Error1016');
  }, 60_000);

  it("stops the TOTP countdown while the session's clock is frozen, and shows a running clock ticking", async () => {
    const session = 'console-frozen-codes';
    sandbox.session(session).useScenario('mfa-enabled', 'flashback');
    await openConsole(`?session=${session}`);
    const clock = page.locator('#clock-now');
    const ticking = await clock.textContent();
    await expect.poll(() => clock.textContent(), { timeout: 4_000 }).not.toBe(ticking);

    await page.getByRole('button', { name: 'Freeze' }).click();
    await page.locator('body[data-clock-frozen="true"]').waitFor();
    const validFor = page.locator('#totp tbody tr').first().locator('td').nth(4);
    await expect.poll(() => validFor.textContent()).toContain('(clock frozen)');
    const [frozenClock, frozenValidFor] = [await clock.textContent(), await validFor.textContent()];
    await page.waitForTimeout(2_200);
    expect(await validFor.textContent()).toBe(frozenValidFor);
    expect(await clock.textContent()).toBe(frozenClock);
  }, 60_000);
});

describe('the QA console when the sandbox goes away', () => {
  it('says that live updates are lost while the sandbox cannot be reached', async () => {
    const own = await createSandbox();
    const tab = await browser.newPage();
    try {
      await tab.goto(`${own.url}/__console/?session=goes-away`);
      await tab.locator('body[data-live="true"]').waitFor();
      expect(await tab.locator('#live-lost').isHidden()).toBe(true);
      await own.close();
      await tab.locator('#live-lost').waitFor({ state: 'visible' });
      expect(await tab.locator('#live-lost').textContent()).toContain('Live updates lost');
    } finally {
      await tab.close();
      await own.close();
    }
  }, 60_000);
});

describe('the QA console by keyboard and screen reader', () => {
  it('reaches the session-file import by Tab, opens a journal entry with Enter, and names each lock button by its user', async () => {
    const session = 'console-keyboard';
    await flashbackStatus(session);
    await openConsole(`?session=${session}`);
    await page.getByRole('button', { name: 'Export session file' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('import-session');

    const expand = page.getByRole('button', { name: /^bodies of GET \/flashback\/mfa\/status/ });
    await expand.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#journal tbody tr.bodies').count()).toBe(1);
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-expanded')")).toBe('true');
    await expect.poll(() => page.locator('#journal tr.bodies pre').last().textContent()).toContain('"success": true');
    // A request arriving redraws the journal: the keyboard's focus stays on that entry's button.
    await flashbackStatus(session);
    await expect.poll(() => page.locator('#journal tbody tr.entry').count()).toBe(2);
    expect(await page.evaluate("document.activeElement?.getAttribute('aria-expanded')")).toBe('true');

    expect(await page.getByRole('button', { name: 'lock usr_ada (flashback)', exact: true }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'for surface' }).count()).toBe(1);
  }, 60_000);

  it('finds a generated user by the bearer token QA holds', async () => {
    const session = 'console-token-filter';
    sandbox.session(session).useScenario('many-users', 'flashback');
    await openConsole(`?session=${session}`);
    await page.getByRole('searchbox', { name: 'Filter the users of flashback/many-users' }).fill('flashback-token-gen-123');
    await expect.poll(() => page.locator('[data-pager-status="users:flashback/many-users"]').textContent()).toMatch(/^1–1 of 1 matching/);
  }, 60_000);

  it("shows a session file's magic link that is no web address (javascript:) as text, never as a link to click", async () => {
    const sent = 'console-link-sent';
    const response = await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers: { ...ADA, 'x-mock-session': sent } });
    expect(response.status).toBe(200);
    const file = JSON.stringify(sandbox.session(sent).exportFile()).replace(/"link":"http[^"]*"/g, '"link":"javascript:document.title=\'owned\'"');
    expect(file).toContain('"link":"javascript:');
    const session = 'console-link-imported';
    sandbox.session(session).importFile(JSON.parse(file));
    await openConsole(`?session=${session}`);
    await expect.poll(() => page.getByText("javascript:document.title='owned'").count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'open magic link' }).count()).toBe(0);
  }, 60_000);

  it('raised no page errors but the refused overrides it asked for', () => {
    const refused = /status of 422.*\/sessions\/console-error-(stays|cleared)\/overrides/;
    expect(pageErrors.filter((error) => !refused.test(error))).toEqual([]);
  });
});
