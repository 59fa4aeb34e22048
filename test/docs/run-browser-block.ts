import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../harness/chromium.js';
import { startMswPageServer, type MswPageServer } from '../harness/msw-page-server.js';
import type { CodeBlock } from './readme-blocks.js';

/** What the page reports after the README's module ran: a request the app makes as it would against `npm start`. */
interface BrowserBlockResult {
  status?: number;
  body?: { success?: boolean; data?: { isEnabled?: boolean } };
  journalled?: number;
  error?: string;
}

/**
 * A README block for the browser (it imports `msw/browser`): bundled with esbuild as an app would bundle it, served with
 * the `mockServiceWorker.js` that `msw init` writes (test/harness/msw-page-server.ts), and opened in chromium. After the block's module ran, the page
 * asks `http://localhost:4010/flashback/mfa/status` as Ada: only the worker can answer it (the test's own server is
 * elsewhere), and the block's exported `mfa` must have journalled that request.
 */
export async function runBrowserBlock(block: CodeBlock, root: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'readme-browser-'));
  let pages: MswPageServer | undefined;
  let browser: Browser | undefined;
  try {
    await writeFile(join(dir, 'readme-block.ts'), block.code);
    await writeFile(
      join(dir, 'page.ts'),
      [
        "import { mfa } from './readme-block.ts';",
        'const report = (result: object) => { (window as unknown as { result: object }).result = result; document.body.dataset.done = "true"; };',
        'try {',
        "  const response = await fetch('http://localhost:4010/flashback/mfa/status', { headers: { authorization: 'Bearer flashback-token-ada' } });",
        '  report({ status: response.status, body: await response.json(), journalled: mfa.journal().length });',
        '} catch (error) {',
        '  report({ error: String(error) });',
        '}',
      ].join('\n'),
    );
    pages = await startMswPageServer(join(dir, 'page.ts'), 'README browser block', {
      alias: { 'mfa-sandbox/msw': join(root, 'src/msw/create-mfa-handlers.ts') },
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${pages.origin}/`);
    await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const result = await page.evaluate<BrowserBlockResult>('window.result');
    if (result.error || result.status !== 200 || result.body?.data?.isEnabled !== false || result.journalled !== 1) {
      throw new Error(`README line ${block.line}: the browser snippet did not answer Flashback's status through the worker: ${JSON.stringify(result)}`);
    }
  } finally {
    await browser?.close();
    await pages?.close();
    await rm(dir, { recursive: true, force: true });
  }
}
