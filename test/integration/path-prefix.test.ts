import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * A proxy that serves the sandbox under a path (`https://qa.example.test/mfa/` -> the sandbox's `/`, as nginx's
 * `location /mfa/ { proxy_pass http://sandbox/; }` or an ingress with a rewrite does) says so in `X-Forwarded-Prefix`:
 * every address the sandbox writes for a person to follow then stays under it. Before, a magic link, the root's
 * redirect, the docs index and "try it out" left the proxy's path (404 at the proxy), and the console's files did too.
 */
const BEHIND_PROXY = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'qa.example.test', 'x-forwarded-prefix': '/mfa' };
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await createTestSandbox({ validateResponses: true });
});
afterAll(async () => {
  await sandbox?.close();
});

async function magicLinkSent(session: string, headers: Record<string, string>): Promise<string> {
  const sent = await sandbox.app.inject({
    method: 'POST',
    url: '/flashback/mfa/magic-link/send',
    headers: { ...ADA, ...headers, 'x-mock-session': session },
    payload: '{}',
  });
  expect(sent.statusCode).toBe(200);
  const outbox = await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` });
  return outbox.json<Array<{ link?: string }>>().at(-1)!.link!;
}

describe('served under a path prefix (X-Forwarded-Prefix)', () => {
  it('writes magic links under the prefix, and ignores a forwarded value that is no path prefix', async () => {
    expect(await magicLinkSent('prefixed', BEHIND_PROXY)).toMatch(/^https:\/\/qa\.example\.test\/mfa\/__admin\/sessions\/prefixed\/magic-links\/[\w-]+$/);
    expect(await magicLinkSent('trailing-slash', { ...BEHIND_PROXY, 'x-forwarded-prefix': '/qa/mfa/' })).toMatch(
      /^https:\/\/qa\.example\.test\/qa\/mfa\/__admin\//,
    );
    for (const [session, prefix] of [
      ['no-slash', 'mfa'],
      ['dot-dot', '/mfa/../admin'],
      ['space', '/m fa'],
      ['scheme', '//evil.test'],
    ] as const) {
      expect(await magicLinkSent(session, { ...BEHIND_PROXY, 'x-forwarded-prefix': prefix }), prefix).toMatch(/^https:\/\/qa\.example\.test\/__admin\//);
    }
  });

  it('sends a browser at the root to the docs under the prefix; the docs index links the UIs and the console there', async () => {
    const root = await sandbox.app.inject({ url: '/', headers: { ...BEHIND_PROXY, accept: 'text/html' } });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/mfa/docs');
    const index = await sandbox.app.inject({ url: '/docs', headers: BEHIND_PROXY });
    const links = [...index.body.matchAll(/href="([^"]+)"/g)].map(([, href]) => href);
    expect(links).toEqual(['/mfa/docs/flashback/', '/mfa/docs/nest-auth/', '/mfa/docs/lerian/', '/mfa/docs/genauth/', '/mfa/__console/']);
    // Without a proxy, the same addresses at the root.
    expect((await sandbox.app.inject({ url: '/', headers: { accept: 'text/html' } })).headers.location).toBe('/docs');
  });

  it('gives "try it out" servers under the prefix; the document of a request without one keeps its own', async () => {
    const servers = async (headers: Record<string, string>) => {
      const document = await sandbox.app.inject({ url: '/docs/flashback/json', headers });
      expect(document.statusCode).toBe(200);
      return document.json<{ servers: Array<{ url: string }> }>().servers.map((server) => server.url);
    };
    expect(await servers(BEHIND_PROXY)).toEqual(['/mfa/flashback', '/mfa/s/{session}/flashback']);
    expect(await servers({})).toEqual(['/flashback', '/s/{session}/flashback']);
  });

  it('writes the files of a docs page asked for without its slash under the prefix, and only then', async () => {
    const fileAddresses = async (headers: Record<string, string>) => {
      const page = await sandbox.app.inject({ url: '/docs/flashback', headers });
      expect(page.statusCode).toBe(200);
      return [...page.body.matchAll(/(?:href|src)="([^"]+)"/g)].map(([, address]) => address!);
    };
    const behindProxy = await fileAddresses(BEHIND_PROXY);
    expect(behindProxy).toContain('/mfa/docs/flashback/static/swagger-ui-bundle.js');
    expect(behindProxy.filter((address) => !address.startsWith('/mfa/docs/flashback/static/'))).toEqual([]);
    expect(await fileAddresses({})).toContain('/docs/flashback/static/swagger-ui-bundle.js');
    // The page with its slash loads its files relative to itself: nothing to rewrite there.
    const withSlash = await sandbox.app.inject({ url: '/docs/flashback/', headers: BEHIND_PROXY });
    expect(withSlash.body).toContain('src="./static/swagger-ui-bundle.js"');
  });

  it('serves the console at an address ending in a slash, its files and the admin API found relative to it', async () => {
    const bare = await sandbox.app.inject({ url: '/__console?session=qa-1', headers: BEHIND_PROXY });
    expect(bare.statusCode).toBe(302);
    // Relative, so it keeps whatever path the proxy serves the sandbox under, told or not.
    expect(bare.headers.location).toBe('__console/?session=qa-1');
    const page = await sandbox.app.inject({ url: '/__console/?session=qa-1' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<link rel="stylesheet" href="console.css" />');
    expect(page.body).toContain('<script type="module" src="console.js"></script>');
    expect(page.body).not.toMatch(/(?:href|src)="\//);
  });
});
