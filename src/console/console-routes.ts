import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SandboxError } from '../errors.js';
import { SOURCE_ROOT } from '../source-root.js';
import { SESSION_ID_PATTERN } from '../engine/session-registry.js';
import { toSessionCookie } from '../pipeline/session-cookie.js';

/** The console's files: plain HTML, CSS and JS that talk only to /__admin (copied next to this module by `npm run build`). */
const PUBLIC_DIR = new URL('console/public/', SOURCE_ROOT);

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/**
 * What the page may load and who may frame it: only its own files and the admin API (a journal entry or an imported
 * user name is text to it, but were one ever read as markup, no script of anyone else's could run), no page of another
 * site around it (clickjacking: a framed console made a click on it a click on "Reset").
 */
const PAGE_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

/**
 * The QA console at /__console: pick a session, switch its scenario, read its state, outbox, authenticator codes and
 * request journal. Files are read on first request and kept, so the console costs nothing at start-up.
 */
export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  const cache = new Map<string, Buffer>();

  async function send(file: string, reply: FastifyReply) {
    const type = Object.hasOwn(FILES, file) ? FILES[file] : undefined; // `/__console/constructor` is no file
    if (!type) throw new SandboxError('MOCK_ERR_ROUTE_NOT_FOUND', `No console file "${file}"`, { files: Object.keys(FILES) });
    let content = cache.get(file);
    if (!content) {
      content = await readFile(new URL(file, PUBLIC_DIR));
      cache.set(file, content);
    }
    if (file === 'index.html') reply.headers(PAGE_SECURITY_HEADERS);
    return reply.header('content-type', type).header('x-content-type-options', 'nosniff').header('cache-control', 'no-cache').send(content);
  }

  // index.html links its assets, and console.js the admin API, relative to the page's own address, so the console
  // works under any path a proxy serves the sandbox under (`/mfa/__console/`). That address ends in a slash:
  // `/__console` is sent there, by a relative Location that keeps the proxy's path. Opened with a session, the page
  // keeps the browser in that session (as a `/s/<id>/` URL does): the cookie goes with the page.
  app.get('/', async (request, reply) => {
    const [path, query] = request.url.split(/\?(.*)/s, 2);
    if (!path!.endsWith('/')) return reply.redirect(`__console/${query === undefined ? '' : `?${query}`}`, 302);
    const session = (request.query as { session?: unknown }).session;
    if (typeof session === 'string' && SESSION_ID_PATTERN.test(session)) reply.header('set-cookie', toSessionCookie(session, undefined));
    return send('index.html', reply);
  });
  app.get('/:file', async (request, reply) => send((request.params as { file: string }).file, reply));
}
