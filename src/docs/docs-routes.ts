import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { SandboxError } from '../errors.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { LoadedSpec } from '../openapi/load-spec.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { loadGenAuthDocsSigning, toDocsAccessKey } from './genauth-docs-signing.js';
import { toDocsDocument } from './to-docs-document.js';
import { toDocsTokens, withTokenNote } from './docs-token-note.js';
import { toForwardedPrefix } from '../engine/magic-links.js';
import { loadDocsAccessibility } from './docs-accessibility.js';
import { docsSessionInterceptor, loadDocsSessionScript } from './docs-session.js';

export interface DocsRoutesOptions {
  specs: ReadonlyMap<SurfaceId, LoadedSpec<SurfaceId>>;
  /** URL prefix each surface is mounted under ('' when one surface is served at `/`). */
  prefixes: ReadonlyMap<SurfaceId, string>;
  catalogue: ScenarioCatalogue;
  /** The server's default scenario: the GenAuth page signs with the access key it declares. */
  defaultScenario: string;
}

interface ThemeFile {
  filename: string;
  content: string;
}

/** Request headers worth passing to the docs app (caching); the rest concerns only the outer connection. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-encoding', 'if-none-match', 'if-modified-since'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

/**
 * What a docs page may load and run: its own files only (Swagger UI and the GenAuth signer are files of the docs app;
 * "try it out" calls the sandbox itself), no plugin, no other page framing it, no form posting elsewhere. The pages
 * show texts from the specs and from scenario files, which a team edits: were one of them to smuggle in markup, it
 * could run nothing here. Inline styles stay allowed (Swagger UI's and the index's `style` attributes), inline
 * scripts do not (none is sent). Not @fastify/swagger-ui's `staticCSP`: its `upgrade-insecure-requests` would send a
 * page served over http://<LAN address> to https, where nothing answers.
 */
const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The docs app: @fastify/swagger in static mode plus @fastify/swagger-ui for every surface, at `/docs/<surface>`.
 * Static mode holds one document per registration, so each surface gets its own encapsulated context (its own
 * `swagger` decorator and UI routes).
 */
async function createDocsApp(options: DocsRoutesOptions): Promise<FastifyInstance> {
  const [{ default: swagger }, { default: swaggerUi }] = await Promise.all([import('@fastify/swagger'), import('@fastify/swagger-ui')]);
  const docs = Fastify({ logger: false });
  const [accessibility, sessionScript] = await Promise.all([loadDocsAccessibility(), loadDocsSessionScript()]);
  for (const [surface, spec] of options.specs) {
    const prefix = options.prefixes.get(surface) ?? `/${surface}`;
    let document = toDocsDocument(spec.document, prefix, [...(options.catalogue.get(surface)?.keys() ?? [])]);
    document = withTokenNote(document, toDocsTokens(options.catalogue, surface, options.defaultScenario));
    const uiConfig: Record<string, unknown> = {
      deepLinking: true,
      tryItOutEnabled: true,
      persistAuthorization: true,
      displayRequestDuration: true,
      docExpansion: 'list',
      // Without Swagger UI's top bar: its URL box and logo loaded no other document here, and failed accessibility checks.
      layout: 'BaseLayout',
      // Each request in the browser's session (its cookie), said in a header its curl line shows too.
      requestInterceptor: docsSessionInterceptor,
    };
    const theme: { title: string; js: ThemeFile[]; css: ThemeFile[] } = {
      title: `${spec.document.info.title} · mfa-sandbox docs`,
      js: [
        { filename: 'docs-accessibility.js', content: accessibility.script },
        { filename: 'docs-session.js', content: sessionScript },
      ],
      css: [{ filename: 'docs-accessibility.css', content: accessibility.css }],
    };
    // GenAuth requests carry an HMAC signature over the request itself: the page computes it for each "try it out".
    const accessKey = surface === 'genauth' ? toDocsAccessKey(options.catalogue, options.defaultScenario) : undefined;
    if (accessKey) {
      const signing = await loadGenAuthDocsSigning(document, prefix, accessKey);
      document = signing.document;
      uiConfig.requestInterceptor = signing.requestInterceptor;
      theme.js.push({ filename: 'genauth-request-signer.js', content: signing.script });
    }
    await docs.register(async (context) => {
      await context.register(swagger, { mode: 'static', specification: { document: document as never } });
      await context.register(swaggerUi, { routePrefix: `/docs/${surface}`, theme, uiConfig: uiConfig });
    });
  }
  await docs.ready();
  return docs;
}

/**
 * Swagger UI for every surface at `/docs/<surface>`, "try it out" calling the mock itself. The docs app (the swagger
 * plugins, their static-file server and four UIs) is built on the first visit to /docs and requests are handed to it
 * in-process, so a sandbox that nobody reads the docs of never pays for them at start-up.
 */
export async function docsRoutes(app: FastifyInstance, options: DocsRoutesOptions): Promise<void> {
  let docsApp: Promise<FastifyInstance> | undefined;
  app.addHook('onClose', async () => {
    if (docsApp) await (await docsApp).close();
  });

  // Links under the path a proxy serves the sandbox under (X-Forwarded-Prefix), to each UI's address with a slash: there
  // Swagger UI loads its files by relative path (without one, by absolute paths the answer below has to rewrite).
  app.get('/', async (request, reply) => {
    const prefix = escapeHtml(toForwardedPrefix(request.headers));
    const items = [...options.specs.values()]
      .map((spec) => `<li><a href="${prefix}/docs/${spec.surface}/">${escapeHtml(spec.document.info.title)}</a> (<code>${spec.surface}</code>)</li>`)
      .join('');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>mfa-sandbox docs</title></head><body style="font-family:system-ui;margin:1.5rem"><main><h1>mfa-sandbox docs</h1><ul>${items}</ul><p><a href="${prefix}/__console/">QA console</a></p></main></body></html>`,
      );
  });

  app.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    docsApp ??= createDocsApp(options);
    const headers = Object.fromEntries(FORWARDED_REQUEST_HEADERS.flatMap((name) => (request.headers[name] ? [[name, request.headers[name] as string]] : [])));
    const response = await (await docsApp).inject({ method: request.method as 'GET', url: request.url, headers });
    // The static file server's 403 for a path that climbs out of its folder (`static/..%5c..`) names no page either.
    if (response.statusCode === 404 || response.statusCode === 403) {
      throw new SandboxError('MOCK_ERR_ROUTE_NOT_FOUND', `No docs page ${request.url.split('?')[0]}`, {
        docs: [...options.specs.keys()].map((surface) => `/docs/${surface}`),
      });
    }
    const prefix = toForwardedPrefix(request.headers);
    const rewrite = prefix !== '' && response.statusCode === 200 ? toPrefixRewrite(request.url.split('?')[0]!) : undefined;
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name) && !(rewrite && name === 'etag')) reply.header(name, value);
    }
    reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff');
    return reply.code(response.statusCode).send(rewrite ? rewrite(response.rawPayload, prefix) : response.rawPayload);
  });
}

/** A docs UI's document (`/docs/<surface>/json`), whose servers are where "try it out" sends requests. */
const DOCUMENT_PATH = /^\/docs\/[^/]+\/json$/;
/** A docs UI's page without its trailing slash (`/docs/<surface>`), which Swagger UI writes absolute file paths into. */
const PAGE_WITHOUT_SLASH = /^\/docs\/[^/]+$/;

/**
 * How an answer of the docs app is put under the path a proxy serves the sandbox under (X-Forwarded-Prefix), if it
 * needs to be: the rest (the page with a slash, its files) uses relative paths, which stay under it by themselves.
 */
function toPrefixRewrite(path: string): ((payload: Buffer, prefix: string) => string) | undefined {
  if (DOCUMENT_PATH.test(path)) return withServersUnder;
  if (PAGE_WITHOUT_SLASH.test(path)) return withFilesUnder;
  return undefined;
}

/**
 * The page Swagger UI serves at `/docs/<surface>` (no slash) with its files (`/docs/<surface>/static/...`) under the
 * prefix: it writes them as absolute paths there, which a browser would ask for outside the proxy's path.
 */
function withFilesUnder(html: Buffer, prefix: string): string {
  return html.toString('utf8').replaceAll('="/docs/', `="${prefix}/docs/`);
}

/**
 * The document with its servers (`/flashback`, `/s/{session}/flashback`) under the path a proxy serves the sandbox
 * under (X-Forwarded-Prefix), so "try it out" stays behind the proxy; the prefix is the request's, so its ETag goes.
 */
function withServersUnder(json: Buffer, prefix: string): string {
  const document = JSON.parse(json.toString('utf8')) as { servers?: Array<{ url: string }> };
  for (const server of document.servers ?? []) if (server.url.startsWith('/')) server.url = `${prefix}${server.url}`;
  return JSON.stringify(document);
}
