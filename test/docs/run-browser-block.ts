import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { launchChromium } from '../harness/chromium.js';
import type { CodeBlock } from './readme-blocks.js';

const run = promisify(execFile);

/** What the page reports after the README's module ran: a request the app makes as it would against `npm start`. */
interface BrowserBlockResult {
  status?: number;
  body?: { success?: boolean; data?: { isEnabled?: boolean } };
  journalled?: number;
  error?: string;
}

/**
 * A README block for the browser (it imports `msw/browser`): bundled with esbuild as an app would bundle it, served with
 * the `mockServiceWorker.js` that `msw init` writes, and opened in chromium. After the block's module ran, the page
 * asks `http://localhost:4010/flashback/mfa/status` as Ada: only the worker can answer it (the test's own server is
 * elsewhere), and the block's exported `mfa` must have journalled that request.
 */
export async function runBrowserBlock(block: CodeBlock, root: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'readme-browser-'));
  const server = createServer();
  const browser = await launchChromium();
  try {
    await writeFile(join(dir, 'package.json'), '{"name":"readme-browser-block","private":true}');
    await run('node', [join(root, 'node_modules/msw/cli/index.js'), 'init', 'public', '--no-save'], { cwd: dir });
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
    const bundle = await build({
      entryPoints: [join(dir, 'page.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
      alias: { 'mfa-sandbox/msw': join(root, 'src/msw/create-mfa-handlers.ts') },
      nodePaths: [join(root, 'node_modules')],
    });
    const files = new Map([
      ['/', { type: 'text/html; charset=utf-8', body: '<!doctype html><html><body><script type="module" src="/page.js"></script></body></html>' }],
      ['/page.js', { type: 'text/javascript; charset=utf-8', body: bundle.outputFiles[0]!.text }],
      ['/mockServiceWorker.js', { type: 'text/javascript; charset=utf-8', body: await readFile(join(dir, 'public/mockServiceWorker.js'), 'utf8') }],
    ]);
    server.on('request', (request, response) => {
      const file = files.get(request.url ?? '');
      if (file) response.writeHead(200, { 'content-type': file.type }).end(file.body);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    const result = await page.evaluate<BrowserBlockResult>('window.result');
    if (result.error || result.status !== 200 || result.body?.data?.isEnabled !== false || result.journalled !== 1) {
      throw new Error(`README line ${block.line}: the browser snippet did not answer Flashback's status through the worker: ${JSON.stringify(result)}`);
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  }
}
