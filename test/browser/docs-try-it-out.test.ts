import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * Every surface's docs page works end to end in a real chromium: "try it out" on one operation, authorised as the
 * README says (a bearer token, or for GenAuth nothing: the page signs each request with the sandbox's access key),
 * answers a 200 success from the mock itself, in the session the page names.
 */
let sandbox: RunningSandbox;
let browser: Browser;
let pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await createSandbox();
  browser = await launchChromium();
}, 60_000);

/**
 * A fresh browser context per call, as a new visitor: all docs pages share one origin, and Swagger UI persists an
 * authorisation per scheme name there (nest-auth's and Lerian's are both `bearer`).
 */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  pageErrors = collectPageErrors(page);
  return page;
}

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

interface TryItOut {
  surface: string;
  operationId: string;
  /** The bearer token to authorise with, where the surface has a bearer scheme. */
  token?: string;
  /** Parameter inputs to fill, by parameter name (X-Mock-Session is always filled with `session`). */
  parameters?: Record<string, string>;
  session: string;
  /** Call through the page's second server, `/s/{session}/<surface>`, with this session in the URL. */
  sessionInUrl?: string;
}

async function authorize(page: Page, token: string): Promise<void> {
  await page.locator('.swagger-ui button.authorize').first().click();
  // The bearer scheme's form (nest-auth also offers a cookie scheme in the same dialog).
  const form = page
    .locator('.modal-ux .auth-container')
    .filter({ hasText: /bearer/i })
    .first();
  await form.locator('input').first().fill(token);
  await form.locator('button.authorize').click();
  await page.locator('.modal-ux button.btn-done').first().click();
}

/** Execute one operation from its docs page; the status and JSON body the page shows. */
async function tryItOut({ surface, operationId, token, parameters = {}, session, sessionInUrl }: TryItOut): Promise<{ status: string; body: any }> {
  const page = await newPage();
  await page.goto(`${sandbox.url}/docs/${surface}`);
  const block = page.locator(`.opblock[id$="-${operationId}"]`);
  await block.waitFor();
  if (sessionInUrl) {
    await page.locator('.swagger-ui .servers select').selectOption({ index: 1 });
    await page.locator('.swagger-ui .servers table input').fill(sessionInUrl);
    await page
      .locator('.swagger-ui .servers .computed-url')
      .filter({ hasText: `/s/${sessionInUrl}/${surface}` })
      .waitFor();
  }
  if (token) await authorize(page, token);
  await block.locator('.opblock-summary').click();
  await block.locator('button.execute').waitFor();
  for (const [name, value] of Object.entries({ ...parameters, 'X-Mock-Session': session })) {
    await block.locator(`tr[data-param-name="${name}"] input`).fill(value);
  }
  await block.locator('button.execute').click();
  const live = block.locator('.live-responses-table');
  await live.locator('.response-col_description pre').first().waitFor();
  const status = ((await live.locator('tbody .response-col_status').first().textContent()) ?? '').trim();
  const body = JSON.parse((await live.locator('.response-col_description pre').first().textContent()) ?? '');
  await page.context().close();
  return { status, body };
}

describe('"try it out" on every surface\'s docs page', () => {
  it('flashback: GET /mfa/status with Bearer flashback-token-ada', async () => {
    const { status, body } = await tryItOut({ surface: 'flashback', operationId: 'getMFAStatus', token: 'flashback-token-ada', session: 'docs-flashback' });
    expect(status).toBe('200');
    expect(body).toMatchObject({ success: true, data: { isEnabled: false, isEnforced: false } });
    expect(sandbox.session('docs-flashback').journal()).toEqual([expect.objectContaining({ operationId: 'getMFAStatus', status: 200 })]);
  }, 60_000);

  it('nest-auth: GET /auth/mfa/status with Bearer nest-auth-token-ada', async () => {
    const { status, body } = await tryItOut({ surface: 'nest-auth', operationId: 'getMfaStatus', token: 'nest-auth-token-ada', session: 'docs-nest-auth' });
    expect(status).toBe('200');
    expect(body).toMatchObject({ isEnabled: expect.any(Boolean), configuredMethods: expect.any(Array), required: false });
    expect(sandbox.session('docs-nest-auth').journal()).toEqual([expect.objectContaining({ operationId: 'getMfaStatus', status: 200 })]);
  }, 60_000);

  it('lerian: GET /v1/users/{id}/mfa for John Doe with Bearer lerian-token-johndoe', async () => {
    const { status, body } = await tryItOut({
      surface: 'lerian',
      operationId: 'getMfaStatus',
      token: 'lerian-token-johndoe',
      parameters: { id: '019c96a0-0c21-71f9-a487-66a1258278a1' },
      session: 'docs-lerian',
    });
    expect(status).toBe('200');
    expect(body).toMatchObject({ totpEnabled: false });
    expect(sandbox.session('docs-lerian').journal()).toEqual([expect.objectContaining({ operationId: 'getMfaStatus', status: 200 })]);
  }, 60_000);

  it('lerian: an operation opened by a deep link has its path id field (parameter references are inlined)', async () => {
    const page = await newPage();
    await page.goto(`${sandbox.url}/docs/lerian#/MFA%20API/getMfaStatus`);
    const id = page.locator('#operations-MFA_API-getMfaStatus tr[data-param-name="id"][data-param-in="path"] input');
    await id.waitFor();
    expect(await id.inputValue()).toBe('019c96a0-0c21-71f9-a487-66a1258278a1'); // the spec's example, filled in
    await page.context().close();
  }, 60_000);

  it('genauth: GET get-mfa-status and POST set-mfa-status, signed in the page with genauth-sandbox-key', async () => {
    const read = await tryItOut({ surface: 'genauth', operationId: 'getUserMfaStatus', session: 'docs-genauth' });
    expect(read.status).toBe('200');
    expect(read.body).toMatchObject({ statusCode: 200, data: { username: 'ada', totpMfaEnabled: false } });

    // A POST is signed over its JSON body: the example body as Swagger UI sends it.
    const write = await tryItOut({ surface: 'genauth', operationId: 'setUsersMfaStatus', session: 'docs-genauth' });
    expect(write.status).toBe('200');
    expect(write.body).toMatchObject({ statusCode: 200 });

    const journal = sandbox.session('docs-genauth').journal();
    expect(journal.map((entry) => [entry.operationId, entry.status, (entry.responseBody as { statusCode?: number }).statusCode])).toEqual([
      ['getUserMfaStatus', 200, 200],
      ['setUsersMfaStatus', 200, 200],
    ]);
  }, 60_000);

  it('genauth through the session-prefix server: signed over the vendor path, in the session the URL names', async () => {
    // X-Mock-Session names another session: the URL's wins, as for any client.
    const read = await tryItOut({ surface: 'genauth', operationId: 'getUserMfaStatus', session: 'docs-header', sessionInUrl: 'docs-in-url' });
    expect(read.status).toBe('200');
    expect(read.body).toMatchObject({ statusCode: 200, data: { username: 'ada' } });
    expect(sandbox.session('docs-in-url').journal()).toEqual([
      expect.objectContaining({
        operationId: 'getUserMfaStatus',
        status: 200,
        url: expect.stringMatching(/^\/s\/docs-in-url\/genauth\/api\/v3\/get-mfa-status/),
      }),
    ]);
    expect(sandbox.session('docs-header').journal()).toEqual([]);
  }, 60_000);

  it.each([
    ['flashback', 'getMFAStatus', 'flashback-token-ada'],
    ['genauth', 'getUserMfaStatus', undefined],
  ])(
    "%s: a page in a session by its cookie says it in the request's X-Mock-Session, which its curl line shows",
    async (surface, operationId, token) => {
      const session = `docs-cookie-${surface}`;
      const page = await newPage();
      // As the console or a /s/<session>/scenario/<name>/ URL leaves it.
      await page.context().addCookies([{ name: 'mfa-sandbox-session', value: `${session}/mfa-enabled`, url: sandbox.url }]);
      await page.goto(`${sandbox.url}/docs/${surface}`);
      const block = page.locator(`.opblock[id$="-${operationId}"]`);
      await block.waitFor();
      if (token) await authorize(page, token);
      await block.locator('.opblock-summary').click();
      await block.locator('button.execute').click(); // X-Mock-Session left empty
      await block.locator('.live-responses-table .response-col_description pre').first().waitFor();
      const curl = (await block.locator('.curl-command').textContent()) ?? '';
      expect(curl).toContain(`X-Mock-Session: ${session}`);
      expect(curl).toContain('Prefer: scenario=mfa-enabled');
      await page.context().close();
      expect(
        sandbox
          .session(session)
          .journal()
          .map((entry) => [entry.operationId, entry.scenario, entry.sessionFrom, entry.status]),
      ).toEqual([[operationId, 'mfa-enabled', 'header', 200]]);
    },
    60_000,
  );

  it('left no error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
