import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page served the way an app's dev server serves it: from its own origin, which is not the sandbox's. */
export interface AppPageServer {
  /** `http://<host>:<port>` of the page; open `${origin}/?<query>`. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serve one HTML page at `/` and `/?<query>` (anything else is a 404) on a free port of 127.0.0.1, for browser tests
 * whose page calls the sandbox from another origin. `host` names the origin (`localhost` where a passkey's relying
 * party id needs it); the port is the page's own, so it is another origin than the sandbox's either way.
 *
 * @example
 * const page = await serveAppPage('<!doctype html><script>...</script>');
 * await browserPage.goto(`${page.origin}/?base=${encodeURIComponent(sandboxUrl)}`);
 */
export async function serveAppPage(html: string, host: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<AppPageServer> {
  const server = createServer((request, response) => {
    if (request.url === '/' || request.url?.startsWith('/?')) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
