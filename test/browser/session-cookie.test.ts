import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { launchChromium } from '../harness/chromium.js';

/**
 * The session cookie in a real browser: a page on another origin (another port of the same host, as a dev server is)
 * opens a prefixed URL with `credentials: 'include'`, and its later requests without the prefix stay in that session
 * and scenario, through CORS; the QA console sets the cookie when it opens a session.
 */

let browser: Browser;
let pageServer: Server;
let pageOrigin: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  pageServer = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>app</title>'),
  );
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  sandbox = await createSandbox();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => pageServer?.close(resolve));
});

interface Seen {
  isEnabled: boolean;
}

describe('the session cookie in chromium', () => {
  it('keeps a page on another origin in the session and scenario its prefixed URL opened', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(pageOrigin);
      const statusFrom = (url: string, credentials: 'include' | 'omit') =>
        page.evaluate(
          async ({ url, credentials }) => {
            const response = await fetch(url, { credentials, headers: { authorization: 'Bearer flashback-token-ada' } });
            return ((await response.json()) as { data: Seen }).data;
          },
          { url, credentials },
        );
      expect(await statusFrom(`${sandbox.url}/s/browser-a/scenario/mfa-enabled/flashback/mfa/status`, 'include')).toMatchObject({ isEnabled: true });
      // No prefix, no header: the cookie the prefixed answer set chooses the session and its scenario.
      expect(await statusFrom(`${sandbox.url}/flashback/mfa/status`, 'include')).toMatchObject({ isEnabled: true });
      // Without credentials the browser sends no cookie: the default session, in its own scenario.
      expect(await statusFrom(`${sandbox.url}/flashback/mfa/status`, 'omit')).toMatchObject({ isEnabled: false });
      expect(
        sandbox
          .session('browser-a')
          .journal()
          .map((entry) => `${entry.sessionFrom}:${entry.scenario}`),
      ).toEqual(['path:mfa-enabled', 'cookie:mfa-enabled']);
      expect(sandbox.journal().map((entry) => entry.sessionFrom)).toEqual(['default']);
    } finally {
      await context.close();
      sandbox.reset();
    }
  });

  it('is set by the console when it opens a session, and changed when another session is picked', async () => {
    const context = await browser.newContext();
    try {
      sandbox.session('browser-b').useScenario('default');
      sandbox.session('browser-c').useScenario('mfa-enabled');
      const cookieOf = async () => (await context.cookies(sandbox.url)).find((cookie) => cookie.name === 'mfa-sandbox-session')?.value;
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/__console/?session=browser-b`);
      expect(await cookieOf()).toBe('browser-b');
      await page.locator('#sessions a[data-session="browser-c"]').click();
      await expect.poll(cookieOf).toBe('browser-c');
      // The browser's next vendor request without a session lands in the session the console opened.
      const seen = await page.evaluate(async () => {
        const response = await fetch('/flashback/mfa/status', { headers: { authorization: 'Bearer flashback-token-ada' } });
        return ((await response.json()) as { data: Seen }).data;
      });
      expect(seen).toMatchObject({ isEnabled: true });
      expect(
        sandbox
          .session('browser-c')
          .journal()
          .map((entry) => entry.sessionFrom),
      ).toEqual(['cookie']);
    } finally {
      await context.close();
      sandbox.reset();
    }
  });
});
