import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The sandbox behind a reverse proxy that serves it under `/mfa/` (nginx's `location /mfa/ { proxy_pass
 * http://sandbox/; }` with `X-Forwarded-Prefix /mfa`), in a real chromium: the console, a magic link from its outbox
 * and the docs UI all work through the proxy, and nothing the pages load leaves its path. Before, the console's page
 * loaded its files from `/__console/` (the proxy's 404) and stayed empty, and a magic link pointed outside the path.
 */
let sandbox: RunningSandbox;
let proxy: Server;
let proxyUrl: string;
let browser: Browser;
let page: Page;
let pageErrors: string[];
/** Every path the browser asked the proxy for. */
const asked: string[] = [];

beforeAll(async () => {
  sandbox = await createSandbox();
  const upstream = new URL(sandbox.url);
  proxy = createServer((incoming, outgoing) => {
    asked.push(incoming.url!);
    if (!incoming.url!.startsWith('/mfa/')) return void outgoing.writeHead(404).end('not behind the proxy');
    const headers = { ...incoming.headers, host: upstream.host, 'x-forwarded-host': incoming.headers.host!, 'x-forwarded-prefix': '/mfa' };
    const request = forward(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url!.slice('/mfa'.length), headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(request);
  });
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
  proxyUrl = `http://localhost:${(proxy.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  pageErrors = collectPageErrors(page, { httpErrors: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((closed) => proxy?.close(closed));
  await sandbox?.close();
});

describe('behind a proxy that serves the sandbox under /mfa/', () => {
  it('the console loads, shows the outbox, and its magic link opens through the proxy', async () => {
    const sent = await fetch(`${proxyUrl}/mfa/flashback/mfa/magic-link/send`, {
      method: 'POST',
      headers: { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json', 'x-mock-session': 'behind-proxy' },
      body: '{}',
    });
    expect(sent.status).toBe(200);
    await page.goto(`${proxyUrl}/mfa/__console?session=behind-proxy`);
    await page.locator('body[data-loaded="true"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/mfa/__console/');
    const link = page.locator('a[href*="/magic-links/"]').first();
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href.startsWith(`${proxyUrl}/mfa/__admin/sessions/behind-proxy/magic-links/`)).toBe(true);
    const opened = await page.goto(href);
    expect(opened?.status()).toBe(200);
    expect(pageErrors).toEqual([]);
    expect(asked.filter((path) => !path.startsWith('/mfa/'))).toEqual([]);
  }, 60_000);

  it('the docs index leads to a Swagger UI whose "try it out" servers stay under the path', async () => {
    await page.goto(`${proxyUrl}/mfa/`, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/mfa/docs');
    await page.getByRole('link', { name: /Flashback/ }).click();
    await page.locator('.swagger-ui .information-container .title').filter({ hasText: 'Flashback' }).waitFor();
    expect(await page.locator('.swagger-ui .opblock').count()).toBe(15);
    expect(await page.locator('.swagger-ui .servers select option').allTextContents()).toEqual([
      expect.stringContaining('/mfa/flashback'),
      expect.stringContaining('/mfa/s/{session}/flashback'),
    ]);
    expect(pageErrors).toEqual([]);
    expect(asked.filter((path) => !path.startsWith('/mfa/'))).toEqual([]);
  }, 60_000);
});
