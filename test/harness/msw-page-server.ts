import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** A frontend app's dev server for a page that runs the sandbox under msw's service worker. */
export interface MswPageServer {
  /** `http://127.0.0.1:<port>`: the app's page at every path, `/page.js` and `/mockServiceWorker.js`. */
  origin: string;
  close(): Promise<void>;
}

/** How the page's module is bundled, beyond the defaults. */
export interface MswPageOptions {
  /** Import specifiers esbuild resolves to these files (e.g. `mfa-sandbox/msw` to this checkout's source). */
  alias?: Record<string, string>;
}

/**
 * What a frontend project does: `msw init` writes the worker script, esbuild bundles the page's module `entry` for the
 * browser, and a dev server serves them, with the app's page at every other path (its client-side routes, a landing
 * route a link opens). Packages resolve from this checkout's node_modules, wherever `entry` lies.
 */
export async function startMswPageServer(entry: string, title: string, options: MswPageOptions = {}): Promise<MswPageServer> {
  const root = process.cwd();
  const dir = await mkdtemp(join(tmpdir(), 'mfa-msw-page-'));
  try {
    await writeFile(join(dir, 'package.json'), '{"name":"msw-page","private":true}');
    const init = spawnSync('node', [join(root, 'node_modules/msw/cli/index.js'), 'init', 'public', '--no-save'], { cwd: dir, encoding: 'utf8', input: '' });
    if (init.status !== 0) throw new Error(`msw init failed: ${init.stdout}${init.stderr}`);
    const bundle = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
      alias: options.alias ?? {},
      nodePaths: [join(root, 'node_modules')],
    });
    const files = new Map([
      ['/page.js', bundle.outputFiles[0]!.text],
      ['/mockServiceWorker.js', await readFile(join(dir, 'public/mockServiceWorker.js'), 'utf8')],
    ]);
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><script type="module" src="/page.js"></script></body></html>`;
    const server = createServer((request, response) => {
      const script = files.get(new URL(request.url ?? '/', 'http://page').pathname);
      if (script !== undefined) response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
      else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: async () => {
        await new Promise((resolve) => server.close(resolve));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
