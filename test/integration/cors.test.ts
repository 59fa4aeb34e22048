import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORS_EXPOSED_HEADERS } from '../../src/server/cors.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { BIN, startChildServer } from '../harness/child-server.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';

/**
 * CORS through the public surface (app.inject): what a browser on another origin (a dev server on another port) sends
 * and needs back, on every surface, the admin API, the docs and the specs, in the default mode, with `--cors off` and
 * with an origin list. The real browser check is test/browser/cross-origin-enrolment.test.ts.
 */
const DEV_SERVER = 'http://localhost:5173';
const OTHER_SITE = 'http://127.0.0.1:8080';
const JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';

/** The headers a browser app sends to the sandbox (the GenAuth SDK's signing headers among them). */
const SANDBOX_REQUEST_HEADERS = [
  'x-mock-session',
  'prefer',
  'authorization',
  'content-type',
  'x-genauth-signature-nonce',
  'x-genauth-signature-method',
  'x-genauth-signature-version',
  'x-genauth-app-id',
  'x-genauth-lang',
  'x-authing-signature-nonce',
  'x-authing-signature-method',
  'x-authing-signature-version',
  'x-authing-userpool-id',
].join(',');

interface Call {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  payload?: unknown;
  status: number;
}

const signedGenAuth = () =>
  signGenAuthRequest({
    method: 'GET',
    path: '/api/v3/get-mfa-status',
    fields: { userId: '6229ffaxxxxxxxxcade3e3d9' },
    accessKeyId: GENAUTH_ACCESS_KEY.id,
    accessKeySecret: GENAUTH_ACCESS_KEY.secret,
  });

/** One real call per surface and per sandbox route family, as a page would make it. */
const CALLS: Call[] = [
  {
    name: 'flashback',
    method: 'GET',
    url: '/flashback/mfa/status',
    headers: { authorization: 'Bearer flashback-token-ada', 'x-mock-session': 'cors-fb', prefer: 'scenario=mfa-enabled' },
    status: 200,
  },
  {
    name: 'flashback POST',
    method: 'POST',
    url: '/flashback/mfa/setup',
    headers: { authorization: 'Bearer flashback-token-ada', 'x-mock-session': 'cors-fb-post', 'content-type': 'application/json' },
    payload: { mfaType: 'GOOGLE_AUTH' },
    status: 200,
  },
  {
    name: 'nest-auth',
    method: 'GET',
    url: '/nest-auth/auth/mfa/status',
    headers: { authorization: 'Bearer nest-auth-token-ada', 'x-mock-session': 'cors-na' },
    status: 200,
  },
  {
    name: 'lerian',
    method: 'GET',
    url: `/lerian/v1/users/${JOHN}/mfa`,
    headers: { authorization: 'Bearer lerian-token-johndoe', 'x-mock-session': 'cors-le' },
    status: 200,
  },
  {
    name: 'genauth',
    method: 'GET',
    url: '/genauth/api/v3/get-mfa-status?userId=6229ffaxxxxxxxxcade3e3d9',
    headers: { 'x-mock-session': 'cors-ga' },
    status: 200,
  },
  { name: 'admin API', method: 'GET', url: '/__admin/health', headers: {}, status: 200 },
  {
    name: 'admin API PUT',
    method: 'PUT',
    url: '/__admin/sessions/cors-admin/scenario',
    headers: { 'content-type': 'application/json' },
    payload: { scenario: 'org-enforced' },
    status: 200,
  },
  { name: 'docs index', method: 'GET', url: '/docs', headers: {}, status: 200 },
  { name: 'docs page', method: 'GET', url: '/docs/flashback', headers: {}, status: 200 },
  { name: 'spec file', method: 'GET', url: '/specs/lerian.openapi.yaml', headers: {}, status: 200 },
  { name: 'console', method: 'GET', url: '/__console/', headers: {}, status: 200 },
];

const preflight = (sandbox: TestSandbox, url: string, method: string, origin = DEV_SERVER, requestHeaders = SANDBOX_REQUEST_HEADERS) =>
  sandbox.app.inject({
    method: 'OPTIONS',
    url,
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': requestHeaders },
  });

function corsHeaders(response: LightMyRequestResponse): Record<string, unknown> {
  return Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.startsWith('access-control-')));
}

function expectPreflightAllowed(response: LightMyRequestResponse, method: string, origin = DEV_SERVER): void {
  expect(response.statusCode).toBe(204);
  expect(response.body).toBe('');
  expect(response.headers['access-control-allow-origin']).toBe(origin);
  expect(response.headers['access-control-allow-credentials']).toBe('true');
  expect(String(response.headers['access-control-allow-methods']).split(', ')).toContain(method);
  const allowed = String(response.headers['access-control-allow-headers']).split(',');
  for (const header of SANDBOX_REQUEST_HEADERS.split(',')) expect(allowed).toContain(header);
  expect(String(response.headers.vary)).toContain('Origin');
}

function expectReadableByOrigin(response: LightMyRequestResponse, origin = DEV_SERVER): void {
  expect(response.headers['access-control-allow-origin']).toBe(origin);
  expect(response.headers['access-control-allow-credentials']).toBe('true');
  expect(String(response.headers['access-control-expose-headers']).split(', ')).toEqual(
    expect.arrayContaining([
      'x-mock-error',
      'x-mock-fault-injected',
      'x-mock-latency-ms',
      'x-mock-dynamic',
      'x-mock-dynamic-seed',
      'x-mock-outbox-cursor',
      'x-mock-explain',
      'x-mock-prefer-ignored',
      'x-mock-header-ignored',
    ]),
  );
  expect(String(response.headers.vary)).toContain('Origin');
}

it("the README's CORS paragraph names every header a page may read", async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const paragraph = readme.slice(
    readme.indexOf('Your dev server can call the sandbox'),
    readme.indexOf('```sh', readme.indexOf('Your dev server can call the sandbox')),
  );
  for (const header of CORS_EXPOSED_HEADERS.split(', ')) expect(paragraph, header).toContain(`\`${header}\``);
});

describe('CORS by default (any origin, reflected, with credentials)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox();
  });
  afterAll(() => sandbox?.close());

  it.each(CALLS)('$name: the preflight is allowed and the real request is readable from another origin', async (call) => {
    expectPreflightAllowed(await preflight(sandbox, call.url, call.method), call.method);
    const headers = { ...call.headers, ...(call.name === 'genauth' ? signedGenAuth() : {}), origin: DEV_SERVER };
    const response = await sandbox.request({ method: call.method, url: call.url, headers, ...(call.payload ? { payload: call.payload } : {}) });
    expect(response.statusCode).toBe(call.status);
    if (call.name === 'genauth') expect(response.data).toMatchObject({ statusCode: 200 });
    expectReadableByOrigin(response);
  });

  it('allows the header names a preflight asks for, and only header names (it echoed "a b, c;d" back as sent)', async () => {
    const asked = await preflight(sandbox, '/flashback/mfa/status', 'GET', DEV_SERVER, 'Authorization, x-mock-session , a b, c;d, \u00e9, ');
    expect(asked.statusCode).toBe(204);
    expect(asked.headers['access-control-allow-headers']).toBe('Authorization,x-mock-session');
    expect((await preflight(sandbox, '/flashback/mfa/status', 'GET', DEV_SERVER, 'a b')).headers['access-control-allow-headers']).toBeUndefined();
  });

  it("allows no proxy's headers to a page: one of another site could make a session's magic links point at its own host", async () => {
    const asked = await preflight(
      sandbox,
      '/flashback/mfa/magic-link/send',
      'POST',
      DEV_SERVER,
      'authorization,X-Forwarded-Host,x-forwarded-proto,x-forwarded-prefix,forwarded',
    );
    expect(asked.statusCode).toBe(204);
    expect(asked.headers['access-control-allow-headers']).toBe('authorization');
  });

  it('reflects any origin, including one a file:// page sends ("null")', async () => {
    const status = { url: '/flashback/mfa/status', headers: { authorization: 'Bearer flashback-token-ada' } };
    for (const origin of [OTHER_SITE, 'null', 'https://any-site.example']) {
      const answer = await sandbox.request({ ...status, headers: { ...status.headers, origin } });
      expect(answer.statusCode, origin).toBe(200);
      expectReadableByOrigin(answer, origin);
    }
  });

  it("the admin API answers this machine's pages only (a dev server on localhost or one of its addresses); another site's, a bare public address's too, is a 403 it can read", async () => {
    for (const origin of [DEV_SERVER, OTHER_SITE, 'http://[::1]:3000', 'http://app.localhost:5173']) {
      const answer = await sandbox.request({ url: '/__admin/sessions/default/totp-codes', headers: { origin } });
      expect(answer.statusCode, origin).toBe(200);
      expectReadableByOrigin(answer, origin);
    }
    // A page of one of this machine's own addresses (a phone on the LAN opening the dev server) is this machine's.
    const ownAddress = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (ownAddress)
      expect((await sandbox.request({ url: '/__admin/sessions/default/totp-codes', headers: { origin: `http://${ownAddress}:5173` } })).statusCode).toBe(200);
    // Any site open in the developer's browser read the sessions' TOTP secrets (and passkey private keys) before; so
    // did a site served from a bare address that is not this machine's, IPv4 or IPv6 (a security review).
    for (const origin of ['https://any-site.example', 'null', 'http://203.0.113.5', 'https://[2001:db8::1]:8443']) {
      const refused = await sandbox.request({ url: '/__admin/sessions/default/totp-codes', headers: { origin } });
      expect([refused.statusCode, refused.json().code], origin).toEqual([403, 'MOCK_ERR_ADMIN_FORBIDDEN']);
      expect(refused.json().detail).toContain(`under --cors any; this request came from a page of ${origin}`);
    }
    // A form's simple POST (no preflight) changes nothing either; a script or test sends no Origin and is answered.
    for (const origin of ['https://any-site.example', 'http://203.0.113.5']) {
      const reset = await sandbox.request({ method: 'POST', url: '/__admin/reset', headers: { origin } });
      expect(reset.statusCode, origin).toBe(403);
    }
    expect((await sandbox.request({ url: '/__admin/health' })).statusCode).toBe(200);
    // A page under a rebound name (DNS rebinding: same-origin to itself, so its GETs carry no Origin) is refused too.
    const rebound = await sandbox.request({ url: '/__admin/sessions/default/totp-codes', headers: { host: 'any-site.example:4010' } });
    expect(rebound.statusCode).toBe(403);
  });

  it('a sandbox error (problem+json) carries the CORS headers, so the page can read the error and x-mock-error', async () => {
    const response = await sandbox.request({
      url: '/flashback/mfa/status',
      headers: { authorization: 'Bearer flashback-token-ada', prefer: 'scenario=no-such-scenario', origin: DEV_SERVER },
    });
    expect(response.statusCode).toBe(422);
    expect(response.isFault).toBe(true);
    expectReadableByOrigin(response);
  });

  it('an unknown route: the preflight is answered like any other, and the 404 fault is readable', async () => {
    expectPreflightAllowed(await preflight(sandbox, '/flashback/mfa/no-such-route', 'DELETE'), 'DELETE');
    const response = await sandbox.request({ url: '/nowhere', headers: { origin: DEV_SERVER } });
    expect(response.statusCode).toBe(404);
    expect(response.data).toMatchObject({ code: 'MOCK_ERR_ROUTE_NOT_FOUND' });
    expectReadableByOrigin(response);
  });

  it("a path that does not decode: the router's 400 fault is readable too (it is answered before any hook runs)", async () => {
    const response = await sandbox.request({ url: '/flashback/mfa/%E9', headers: { origin: DEV_SERVER } });
    expect([response.statusCode, response.data.code]).toEqual([400, 'MOCK_ERR_BAD_REQUEST']);
    expectReadableByOrigin(response);
  });

  it('an injected fault exposes its marker headers (x-mock-latency-ms, x-mock-fault-injected)', async () => {
    const response = await sandbox.request({
      url: '/flashback/mfa/status',
      headers: { authorization: 'Bearer flashback-token-ada', prefer: 'latency=1, fault=malformed-body', origin: DEV_SERVER },
    });
    expect(response.headers['x-mock-latency-ms']).toBe('1');
    expect(response.headers['x-mock-fault-injected']).toBe('malformed-body');
    expectReadableByOrigin(response);
  });

  it('a vendor route never answers a preflight itself: no 404/405 for any method of a known path', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      expectPreflightAllowed(await preflight(sandbox, '/flashback/mfa/status', method), method);
    }
    expect(
      (await sandbox.app.inject({ url: '/flashback/mfa/status', method: 'OPTIONS', headers: { origin: DEV_SERVER, 'access-control-request-method': 'GET' } }))
        .statusCode,
    ).toBe(204);
  });

  it('a plain OPTIONS (not a preflight) gets the usual 404 fault, readable cross-origin', async () => {
    const response = await sandbox.app.inject({ method: 'OPTIONS', url: '/flashback/mfa/status', headers: { origin: DEV_SERVER } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'MOCK_ERR_ROUTE_NOT_FOUND' });
    expectReadableByOrigin(response);
    // Its body is never read: with a JSON content type and no body (or one that is not JSON) it is the same 404, as
    // under the MSW handlers, not a 400 from the body parser that also closed the connection.
    for (const payload of [undefined, '{not json']) {
      const withContentType = await sandbox.app.inject({
        method: 'OPTIONS',
        url: '/flashback/mfa/status',
        headers: { 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { payload }),
      });
      expect(withContentType.statusCode, String(payload)).toBe(404);
      expect(withContentType.json()).toMatchObject({ code: 'MOCK_ERR_ROUTE_NOT_FOUND', detail: 'No route OPTIONS /flashback/mfa/status in the sandbox' });
      expect(withContentType.headers.connection).not.toBe('close');
    }
  });

  it('a request without Origin (curl, a server) gets no CORS header at all, Vary included (it costs every request)', async () => {
    const response = await sandbox.request({ url: '/flashback/mfa/status', headers: { authorization: 'Bearer flashback-token-ada' } });
    expect(response.statusCode).toBe(200);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.vary).toBeUndefined();
  });
});

describe('CORS and the admin guard', () => {
  const TOKEN = 'cors-admin-token-0123456789';
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox({ adminToken: TOKEN });
  });
  afterAll(() => sandbox?.close());

  it('a preflight to /__admin succeeds without the token; the real request still needs it and its 401 is readable', async () => {
    expectPreflightAllowed(await preflight(sandbox, '/__admin/sessions/cors/scenario', 'PUT'), 'PUT');
    const refused = await sandbox.request({ url: '/__admin/health', headers: { origin: DEV_SERVER } });
    expect(refused.statusCode).toBe(401);
    expect(refused.data).toMatchObject({ code: 'MOCK_ERR_ADMIN_UNAUTHORIZED' });
    expectReadableByOrigin(refused);
    const allowed = await sandbox.request({ url: '/__admin/health', headers: { origin: DEV_SERVER, authorization: `Bearer ${TOKEN}` } });
    expect(allowed.statusCode).toBe(200);
    expectReadableByOrigin(allowed);
  });

  it('a client off this machine: the preflight is answered, the real request is refused (403) readably', async () => {
    const remote = { remoteAddress: '203.0.113.7' };
    const answered = await sandbox.app.inject({
      method: 'OPTIONS',
      url: '/__admin/health',
      ...remote,
      headers: { origin: DEV_SERVER, 'access-control-request-method': 'GET' },
    });
    expect(answered.statusCode).toBe(204);
    const refused = await sandbox.app.inject({ url: '/__admin/health', ...remote, headers: { origin: DEV_SERVER, authorization: `Bearer ${TOKEN}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'MOCK_ERR_ADMIN_FORBIDDEN' });
    expectReadableByOrigin(refused);
  });
});

describe('--cors off', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox({ cors: 'off' });
  });
  afterAll(() => sandbox?.close());

  it('sends no CORS header at all, and a preflight is an unknown route', async () => {
    for (const call of CALLS.filter((candidate) => candidate.method === 'GET' && candidate.name !== 'genauth')) {
      const response = await sandbox.request({ url: call.url, headers: { ...call.headers, origin: DEV_SERVER } });
      // The vendor routes answer (the browser withholds it); the admin API refuses every page of another origin.
      expect(response.statusCode).toBe(call.url.startsWith('/__admin') ? 403 : call.status);
      expect(corsHeaders(response)).toEqual({});
      expect(response.headers.vary).toBeUndefined();
    }
    const refused = await preflight(sandbox, '/flashback/mfa/status', 'GET');
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'MOCK_ERR_ROUTE_NOT_FOUND' });
    expect(corsHeaders(refused)).toEqual({});
    expect(corsHeaders(await sandbox.request({ url: '/flashback/mfa/%E9', headers: { origin: OTHER_SITE } }))).toEqual({});
  });
});

describe('--cors with an origin list', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox({ cors: [DEV_SERVER, 'http://localhost:3000'] });
  });
  afterAll(() => sandbox?.close());

  it('allows each listed origin', async () => {
    for (const origin of [DEV_SERVER, 'http://localhost:3000']) {
      expectPreflightAllowed(await preflight(sandbox, '/lerian/v1/users/x/mfa', 'GET', origin), 'GET', origin);
      expectReadableByOrigin(await sandbox.request({ url: '/__admin/health', headers: { origin } }), origin);
    }
  });

  it('gives another origin no CORS header; its preflight is a 403 fault naming the allowed origins', async () => {
    const response = await sandbox.request({ url: '/flashback/mfa/status', headers: { authorization: 'Bearer flashback-token-ada', origin: OTHER_SITE } });
    expect(response.statusCode).toBe(200); // served (CORS is the browser's check), but the browser withholds it
    expect(corsHeaders(response)).toEqual({});
    const refused = await preflight(sandbox, '/__admin/health', 'GET', OTHER_SITE);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'MOCK_ERR_CORS_ORIGIN_NOT_ALLOWED', allowedOrigins: [DEV_SERVER, 'http://localhost:3000'] });
    expect(corsHeaders(refused)).toEqual({});
  });
});

describe('the admin API under --cors with an origin list: what CORS alone leaves open to other pages', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox({ cors: [DEV_SERVER] });
  });
  afterAll(() => sandbox?.close());

  it("refuses another origin's simple request, which no preflight stops (a form POST resetting every session)", async () => {
    await sandbox.request({ url: '/flashback/mfa/status', headers: { authorization: 'Bearer flashback-token-ada', 'x-mock-session': 'kept' } });
    const posted = await sandbox.app.inject({
      method: 'POST',
      url: '/__admin/reset',
      headers: { origin: OTHER_SITE, 'content-type': 'text/plain' },
      payload: '',
    });
    expect([posted.statusCode, posted.json().code]).toEqual([403, 'MOCK_ERR_ADMIN_FORBIDDEN']);
    expect(posted.json().detail).toContain(OTHER_SITE);
    const sessions = (await sandbox.app.inject({ url: '/__admin/sessions' })).json<Array<{ id: string }>>();
    expect(sessions.map((session) => session.id)).toContain('kept');
  });

  it('answers its own pages (the console: Origin is the host asked for), listed origins and clients without an Origin', async () => {
    const own = await sandbox.app.inject({ url: '/__admin/health', headers: { host: 'localhost:4010', origin: 'http://localhost:4010' } });
    expect(own.statusCode).toBe(200);
    expect((await sandbox.app.inject({ url: '/__admin/health', headers: { origin: DEV_SERVER } })).statusCode).toBe(200);
    expect((await sandbox.app.inject({ url: '/__admin/health' })).statusCode).toBe(200);
  });

  it("refuses a request for a host name that is not this machine's (DNS rebinding: the page is same-origin, so no Origin)", async () => {
    const rebound = await sandbox.app.inject({ url: '/__admin/sessions', headers: { host: 'attacker.example:4010' } });
    expect([rebound.statusCode, rebound.json().code]).toEqual([403, 'MOCK_ERR_ADMIN_FORBIDDEN']);
    // Its mDNS name (`<name>.local`, how Macs and phones on the LAN reach a laptop) too: it was refused.
    const mdns = hostname().endsWith('.local') ? hostname().slice(0, -'.local'.length) : `${hostname()}.local:4010`;
    for (const host of ['localhost:4010', '127.0.0.1:4010', '[::1]:4010', 'app.localhost:4010', hostname(), mdns]) {
      expect((await sandbox.app.inject({ url: '/__admin/sessions', headers: { host } })).statusCode, host).toBe(200);
    }
  });
});

describe('one surface at / (--surface lerian)', () => {
  it('answers preflights for the vendor paths served at the root', async () => {
    const sandbox = await createTestSandbox({ surface: 'lerian' });
    try {
      expectPreflightAllowed(await preflight(sandbox, `/v1/users/${JOHN}/mfa`, 'GET'), 'GET');
      const response = await sandbox.request({ url: `/v1/users/${JOHN}/mfa`, headers: { authorization: 'Bearer lerian-token-johndoe', origin: DEV_SERVER } });
      expect(response.statusCode).toBe(200);
      expectReadableByOrigin(response);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the CLI: --cors and MFA_SANDBOX_CORS', () => {
  const MAIN = join(process.cwd(), 'src/main.ts');

  it('serve --cors <list> allows exactly those origins over a real port; the environment variable works too', async () => {
    for (const [args, env] of [[['--cors', DEV_SERVER]], [[], { MFA_SANDBOX_CORS: DEV_SERVER }]] as const) {
      const server = await startChildServer(BIN('tsx'), [MAIN, 'serve', '--port', '0', ...args], {
        ready: /listening: .* at (http:\/\/[^/\s]+)\//,
        env: { ...env },
      });
      try {
        const ask = (origin: string) =>
          fetch(`${server.url}/__admin/health`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
        const allowed = await ask(DEV_SERVER);
        expect(allowed.status).toBe(204);
        expect(allowed.headers.get('access-control-allow-origin')).toBe(DEV_SERVER);
        const refused = await ask(OTHER_SITE);
        expect(refused.status).toBe(403);
        expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      } finally {
        await server.stop();
      }
    }
  }, 60_000);

  it('a bad --cors value is a configuration error naming the value; --help documents the flag', () => {
    const bad = spawnSync(BIN('tsx'), [MAIN, 'serve', '--port', '0', '--cors', 'localhost:5173'], { encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('mfa-sandbox: configuration: --cors: cors origin "localhost:5173" is not an origin');
    const help = spawnSync(BIN('tsx'), [MAIN, '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(help.stdout).toContain('--cors <off|any|origins>');
    expect(help.stdout).toContain('MFA_SANDBOX_CORS');
  }, 60_000);
});
