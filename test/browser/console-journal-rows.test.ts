import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock, createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The QA console's journal in a real chromium, for requests alike to the millisecond (a client's retry): each row
 * opens and closes on its own. The sandbox's clock stands still, so every request is journalled at the same instant.
 */
let sandbox: RunningSandbox;
let browser: Browser;

beforeAll(async () => {
  sandbox = await createSandbox({ clock: createControlledClock(Date.UTC(2026, 0, 1)) });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

/** The console open on `session`'s journal, kept still (no auto-refresh): the buttons that open its rows. */
async function openJournal(page: Page, session: string) {
  await page.goto(`${sandbox.url}/__console/?session=${session}`);
  await page.locator('body[data-loaded="true"]').waitFor();
  await page.locator('#auto-refresh').uncheck();
  return page.locator('#journal tbody tr.entry button.expand');
}

describe('the QA console journal', () => {
  it('opens one of two requests alike to the millisecond without the other', async () => {
    const session = 'alike-requests';
    const headers = { ...sandbox.session(session).headers, authorization: 'Bearer flashback-token-ada' };
    for (let sent = 0; sent < 2; sent++) expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers })).status).toBe(200);
    const journal = (await (await fetch(`${sandbox.url}/__admin/sessions/${session}/journal`)).json()) as Array<{ at: string; url: string }>;
    expect(journal.map(({ at, url }) => `${at} ${url}`)).toEqual(Array(2).fill('2026-01-01T00:00:00.000Z /flashback/mfa/status'));

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = collectPageErrors(page, { httpErrors: false });
    try {
      const expanders = await openJournal(page, session);
      await expect.poll(() => expanders.count()).toBe(2);
      await expanders.first().click();
      await expect.poll(() => page.locator('#journal tbody tr.bodies').count()).toBe(1);
      expect(await expanders.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-expanded')))).toEqual(['true', 'false']);
      await expanders.last().click();
      await expect.poll(() => page.locator('#journal tbody tr.bodies').count()).toBe(2);
      await expanders.first().click();
      expect(await expanders.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-expanded')))).toEqual(['false', 'true']);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('filters the journal by operation and by status class, saying how many of its requests it shows', async () => {
    const session = 'journal-filter';
    const headers = { ...sandbox.session(session).headers, authorization: 'Bearer flashback-token-ada' };
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers })).status).toBe(200);
    expect((await fetch(`${sandbox.url}/flashback/mfa/methods`, { headers })).status).toBe(200);
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: sandbox.session(session).headers })).status).toBe(401);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = collectPageErrors(page, { httpErrors: false });
    try {
      const expanders = await openJournal(page, session);
      await expect.poll(() => expanders.count()).toBe(3);
      const operations = page.locator('#journal tbody tr.entry td:nth-child(3)');
      const statuses = page.locator('#journal tbody tr.entry td:nth-child(5)');
      // Each operation with its surface: two surfaces may name operations alike.
      expect(await page.locator('#journal-operation option').allTextContents()).toEqual(['any', 'flashback · getAvailableMethods', 'flashback · getMFAStatus']);
      await page.locator('#journal-status').selectOption('not-2');
      await expect.poll(() => statuses.allTextContents()).toEqual(['401']);
      expect(await page.locator('#journal-shown').textContent()).toBe('1 of 3 requests shown');
      await page.locator('#journal-status').selectOption('2');
      await page.locator('#journal-operation').selectOption('flashback/getMFAStatus');
      await expect.poll(() => operations.allTextContents()).toEqual(['getMFAStatus']);
      // The filter is in the address: a reload (or the link shared) shows the same rows.
      await page.reload();
      await page.locator('body[data-loaded="true"]').waitFor();
      await expect.poll(() => operations.allTextContents()).toEqual(['getMFAStatus']);
      expect([await page.locator('#journal-operation').inputValue(), await page.locator('#journal-status').inputValue()]).toEqual([
        'flashback/getMFAStatus',
        '2',
      ]);
      await page.locator('#auto-refresh').uncheck();
      await page.locator('#journal-operation').selectOption('flashback/getAvailableMethods');
      await page.locator('#journal-status').selectOption('5');
      await expect.poll(() => page.locator('#journal tbody').textContent()).toBe('No request fits the filter');
      await page.locator('#journal-status').selectOption('');
      await page.locator('#journal-operation').selectOption('');
      await expect.poll(() => expanders.count()).toBe(3);
      expect(await page.locator('#journal-shown').textContent()).toBe('');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('marks a request whose client left during its delay, live in an open console: it never got the status shown', async () => {
    const session = 'client-gone';
    const headers = { ...sandbox.session(session).headers, authorization: 'Bearer flashback-token-ada' };
    const page = await browser.newPage();
    try {
      // Open first: the row of the request is shown (journalled before its delay) before its client leaves.
      await page.goto(`${sandbox.url}/__console/?session=${session}`);
      await page.locator('body[data-loaded="true"]').waitFor();
      const statuses = page.locator('#journal tbody tr.entry td:nth-child(5)');
      const given = new AbortController();
      const abandoned = fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...headers, prefer: 'latency=20000' }, signal: given.signal });
      await expect.poll(() => statuses.allTextContents()).toEqual(['200']);
      given.abort();
      await expect(abandoned).rejects.toThrow();
      // Marked without a reload, and with no other request that would make the page read the journal again.
      await expect.poll(() => statuses.allTextContents(), { timeout: 5_000 }).toEqual(['200client gone']);
      expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers })).status).toBe(200);
      // Newest first: the answered request, then the one given up on.
      await expect.poll(() => statuses.allTextContents()).toEqual(['200', '200client gone']);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says, in an opened row, which override answered and why the others tried did not', async () => {
    const session = 'override-notes';
    const bob = 'Bearer flashback-token-bob';
    const added = await fetch(`${sandbox.url}/__admin/sessions/${session}/overrides`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'getMFAStatus', when: { headers: { Authorization: bob } }, status: 500, times: 1 }),
    });
    expect(added.status).toBe(201);
    const headers = sandbox.session(session).headers;
    // Bob with a doubled space: the vendor takes it, the override's text does not; the console must show why.
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...headers, authorization: 'Bearer  flashback-token-bob' } })).status).toBe(200);
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...headers, authorization: bob } })).status).toBe(500);
    // Bob once more: the override fits, but its one answer is given.
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...headers, authorization: bob } })).status).toBe(200);
    // A delay the request's own Prefer sets aside: the override fitted, and did not answer.
    const delayed = await fetch(`${sandbox.url}/__admin/sessions/${session}/overrides`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationId: 'getAvailableMethods', latencyMs: 300 }),
    });
    expect(delayed.status).toBe(201);
    expect((await fetch(`${sandbox.url}/flashback/mfa/methods`, { headers: { ...headers, authorization: bob, prefer: 'latency=0' } })).status).toBe(200);

    const page = await browser.newPage();
    const pageErrors = collectPageErrors(page, { httpErrors: false });
    try {
      const expanders = await openJournal(page, session);
      await expect.poll(() => expanders.count()).toBe(4);
      for (const index of [0, 1, 2, 3]) await expanders.nth(index).click();
      const notes = page.locator('#journal tbody tr.bodies .override-notes');
      await expect
        .poll(() => notes.allTextContents())
        .toEqual([
          "Overrides tried that did not answer:ov-2: fitted, but the request's own Prefer: latency=0 replaced its /latencyMs (300 ms)",
          'Overrides tried that did not answer:ov-1: fitted, but used up (at most 1 answer, 1 answer given)',
          'Answered by override ov-1.',
          'Overrides tried that did not answer:ov-1: /when/headers/Authorization wanted "Bearer flashback-token-bob", the request had "Bearer  flashback-token-bob"',
        ]);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says in an opened row why a request was refused, and strikes the status of an answer the client never got', async () => {
    const session = 'explained-rows';
    const headers = sandbox.session(session).headers;
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...headers, authorization: 'Bearer flashback-token-bobby' } })).status).toBe(401);
    await fetch(`${sandbox.url}/flashback/mfa/status`, {
      headers: { ...headers, authorization: 'Bearer flashback-token-ada', prefer: 'fault=drop-connection' },
    }).then(
      () => expect.unreachable('the connection should have been dropped'),
      () => undefined,
    );
    const page = await browser.newPage();
    const pageErrors = collectPageErrors(page, { httpErrors: false });
    try {
      const expanders = await openJournal(page, session);
      await expect.poll(() => expanders.count()).toBe(2);
      // Newest first: the dropped answer, then the refusal.
      expect(await page.locator('#journal tbody tr.entry .status').evaluateAll((spans) => spans.map((span) => span.className))).toEqual([
        'status unsent',
        'status s4',
      ]);
      await expanders.nth(1).click();
      const explanation = page.locator('#journal tbody tr.bodies .explanation');
      await expect
        .poll(() => explanation.locator('p').first().textContent())
        .toMatch(/^Why: bearer token flashback-token-bobby is not a token of this session's world/);
      const facts = explanation.locator('[data-fact]');
      expect(await facts.evaluateAll((lines) => lines.map((line) => line.getAttribute('data-fact')))).toEqual(['wanted', 'received', 'would pass']);
      expect(await facts.last().textContent()).toContain('Authorization: Bearer flashback-token-ada');
      // The status filter as the admin API's: an answer never received is no 2xx, and is among "not 2xx".
      await page.locator('#journal-status').selectOption('2');
      await expect.poll(() => page.locator('#journal tbody').textContent()).toBe('No request fits the filter');
      await page.locator('#journal-status').selectOption('not-2');
      await expect.poll(() => expanders.count()).toBe(2);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says of an answer a fault cut short that the body shown is the answer as made, not what its client read', async () => {
    const session = 'broken-body';
    const headers = { ...sandbox.session(session).headers, authorization: 'Bearer flashback-token-ada', prefer: 'fault=truncated-body' };
    const cut = await fetch(`${sandbox.url}/flashback/mfa/status`, { headers }).then((response) => response.text().catch(() => ''));
    expect(() => JSON.parse(cut)).toThrow(); // the client read part of it
    const page = await browser.newPage();
    try {
      const expanders = await openJournal(page, session);
      await expect.poll(() => expanders.count()).toBe(1);
      await expanders.first().click();
      const headings = page.locator('#journal tbody tr.bodies h4');
      await expect.poll(() => headings.last().textContent()).toBe('response body, as made (cut short on the way by the truncated-body fault)');
      expect(await page.locator('#journal tbody tr.bodies pre[aria-label="response body"]').textContent()).toContain('"isEnabled"');
    } finally {
      await page.close();
    }
  }, 60_000);

  it("shows a gateway fault's 502 as the status its client got, among the 5xx, and says the body shown was never sent", async () => {
    const session = 'gateway-row';
    const headers = { ...sandbox.session(session).headers, authorization: 'Bearer flashback-token-ada', prefer: 'fault=bad-gateway' };
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers })).status).toBe(502);
    const page = await browser.newPage();
    try {
      const expanders = await openJournal(page, session);
      await expect.poll(() => expanders.count()).toBe(1);
      const status = page.locator('#journal tbody tr.entry .status');
      expect([await status.textContent(), await status.getAttribute('class'), await status.getAttribute('title')]).toEqual([
        '502',
        'status s5',
        "a gateway answered 502 in place of the operation's 200",
      ]);
      await page.locator('#journal-status').selectOption('5');
      await expect.poll(() => expanders.count()).toBe(1);
      await page.locator('#journal-status').selectOption('2');
      await expect.poll(() => page.locator('#journal tbody').textContent()).toBe('No request fits the filter');
      await page.locator('#journal-status').selectOption('');
      await expanders.first().click();
      await expect
        .poll(() => page.locator('#journal tbody tr.bodies h4').last().textContent())
        .toBe("response body, as made (never sent: the bad-gateway fault's 502 page went in its place)");
      expect(await page.locator('#journal tbody tr.bodies .entry-user').textContent()).toBe('User: usr_ada');
    } finally {
      await page.close();
    }
  }, 60_000);

  it("shows each request's time in UTC, as the Clock card shows the session's, whatever the browser's time zone", async () => {
    const session = 'utc-times';
    const headers = { ...sandbox.session(session).headers, authorization: 'Bearer flashback-token-ada' };
    expect((await fetch(`${sandbox.url}/flashback/mfa/status`, { headers })).status).toBe(200);
    const context = await browser.newContext({ timezoneId: 'America/New_York' }); // 2026-01-01T00:00Z is 19:00 there
    const page = await context.newPage();
    try {
      await page.goto(`${sandbox.url}/__console/?session=${session}`);
      await page.locator('body[data-loaded="true"]').waitFor();
      await expect.poll(() => page.locator('#journal tbody tr.entry td').first().textContent()).toMatch(/^▸ 00:00:00$/);
      // The sandbox's clock, said so: a frozen session's outbox ("session clock") showed another time for the same send.
      expect(await page.locator('#journal thead th').first().textContent()).toBe('at (UTC, sandbox clock)');
      expect(await page.locator('#outbox thead th').first().textContent()).toBe('sent (UTC, session clock)');
    } finally {
      await context.close();
    }
  }, 60_000);
});
