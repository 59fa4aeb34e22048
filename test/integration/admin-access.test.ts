import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Sandbox } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { startSandboxProcess } from '../harness/child-server.js';
import { settledNow } from '../harness/settled-now.js';

/**
 * The admin API's safety: by default it answers clients on this machine only; with an admin token it also demands
 * `Authorization: Bearer <token>`. The client address is set through app.inject (a real remote client would need a
 * non-loopback interface, which tests must not open); the token is also checked on a real `mfa-sandbox serve`.
 */

/** Send bytes as written on a new connection and collect everything the server answers until it closes. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no whole answer within 5 s: ${answer}`)));
  });
}

const TOKEN = 'qa-admin-token-0123456789';
const REMOTE = '10.20.30.40';
const ADA = { authorization: 'Bearer flashback-token-ada' };

async function sandboxWith(overrides: Partial<Config>): Promise<Sandbox> {
  return buildApp({ ...DEFAULT_CONFIG, logLevel: 'silent', ...overrides });
}

function expectFault(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.headers['x-mock-error']).toBe('true');
  expect(response.json()).toMatchObject({ status, code });
}

describe('admin API, default settings (loopback only, no token)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await sandboxWith({});
  });
  afterAll(() => sandbox.app.close());

  it('answers loopback clients, IPv4, IPv6 and IPv4-mapped', async () => {
    for (const remoteAddress of ['127.0.0.1', '127.5.6.7', '::1', '::ffff:127.0.0.1']) {
      expect((await sandbox.app.inject({ url: '/__admin/health', remoteAddress })).statusCode, remoteAddress).toBe(200);
    }
  });

  it("answers this machine at its own network address (a laptop's page at its LAN address, beside the phone): it was a 403", async () => {
    const own = Object.values(networkInterfaces())
      .flatMap((entries) => entries ?? [])
      .find((entry) => !entry.internal && entry.family === 'IPv4')?.address;
    expect(own, 'this machine has a network address (it reached npm)').toBeDefined();
    for (const remoteAddress of [own!, `::ffff:${own}`]) {
      expect((await sandbox.app.inject({ url: '/__admin/health', remoteAddress })).statusCode, remoteAddress).toBe(200);
    }
  });

  it('refuses other hosts with a 403 fault, on every admin route, while vendor routes keep serving them', async () => {
    expectFault(await sandbox.app.inject({ url: '/__admin/health', remoteAddress: REMOTE }), 403, 'MOCK_ERR_ADMIN_FORBIDDEN');
    expectFault(await sandbox.app.inject({ method: 'POST', url: '/__admin/reset', remoteAddress: REMOTE }), 403, 'MOCK_ERR_ADMIN_FORBIDDEN');
    expectFault(await sandbox.app.inject({ url: '/__admin/sessions/default/totp-codes', remoteAddress: REMOTE }), 403, 'MOCK_ERR_ADMIN_FORBIDDEN');
    expect((await sandbox.app.inject({ url: '/flashback/mfa/status', headers: ADA, remoteAddress: REMOTE })).statusCode).toBe(200);
  });

  it('refuses other hosts the QA console too (its page would load, then fail on every admin call), and serves it locally', async () => {
    for (const url of ['/__console/', '/__console/console.js']) {
      const refused = await sandbox.app.inject({ url, remoteAddress: REMOTE });
      expectFault(refused, 403, 'MOCK_ERR_ADMIN_FORBIDDEN');
      expect(refused.json().detail).toBe(
        `The QA console (and the admin API it calls) answers loopback clients only (127.0.0.1, ::1, or this machine's own addresses); this request came from ${REMOTE}`,
      );
      expect((await sandbox.app.inject({ url, remoteAddress: '127.0.0.1' })).statusCode, url).toBe(200);
    }
  });
  it('lets a browser on another host follow a magic link (a sandbox in a container, opened from the host); the outbox and expiring stay local', async () => {
    const session = 'magic-remote';
    const send = await sandbox.app.inject({
      method: 'POST',
      url: '/flashback/mfa/magic-link/send',
      headers: { ...ADA, 'x-mock-session': session, prefer: 'scenario=mfa-enabled' },
      remoteAddress: REMOTE,
    });
    expect(send.statusCode).toBe(200);
    expectFault(await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox`, remoteAddress: REMOTE }), 403, 'MOCK_ERR_ADMIN_FORBIDDEN');
    const link = new URL((await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json()[0].link as string);
    expectFault(await sandbox.app.inject({ method: 'POST', url: `${link.pathname}/expire`, remoteAddress: REMOTE }), 403, 'MOCK_ERR_ADMIN_FORBIDDEN');
    const followed = await sandbox.app.inject({ url: link.pathname, remoteAddress: REMOTE });
    expect(followed.statusCode).toBe(200);
    expect(followed.headers['content-type']).toContain('text/html');
    expect(followed.body).toContain('Magic link activated');
    // The page a phone opens from its mail app is laid out for the phone's width.
    expect(followed.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });
});

describe('admin API with --admin-access any', () => {
  it('answers other hosts too', async () => {
    const sandbox = await sandboxWith({ adminAccess: 'any' });
    try {
      expect((await sandbox.app.inject({ url: '/__admin/health', remoteAddress: REMOTE })).statusCode).toBe(200);
      expect((await sandbox.app.inject({ url: '/__console/', remoteAddress: REMOTE })).statusCode).toBe(200);
    } finally {
      await sandbox.app.close();
    }
  });
});

describe('admin API with --admin-token', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await sandboxWith({ adminToken: TOKEN, adminAccess: 'any' });
  });
  afterAll(() => sandbox.app.close());

  it('refuses requests without the token or with a wrong one (401 fault), and nothing changes', async () => {
    await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 'kept' } });
    expectFault(await sandbox.app.inject({ url: '/__admin/sessions' }), 401, 'MOCK_ERR_ADMIN_UNAUTHORIZED');
    expectFault(
      await sandbox.app.inject({ method: 'POST', url: '/__admin/reset', headers: { authorization: `Bearer ${TOKEN}x` } }),
      401,
      'MOCK_ERR_ADMIN_UNAUTHORIZED',
    );
    expectFault(await sandbox.app.inject({ method: 'POST', url: '/__admin/reset', headers: { authorization: TOKEN } }), 401, 'MOCK_ERR_ADMIN_UNAUTHORIZED');
    expect(settledNow(sandbox.sessions.read('kept'))).toBeDefined();
  });

  it('accepts the token as a bearer credential, from any host when access is any', async () => {
    const listed = await sandbox.app.inject({ url: '/__admin/sessions', headers: { authorization: `Bearer ${TOKEN}` }, remoteAddress: REMOTE });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().map((session: { id: string }) => session.id)).toContain('kept');
    expect((await sandbox.app.inject({ method: 'POST', url: '/__admin/reset', headers: { authorization: `bearer ${TOKEN}` } })).statusCode).toBe(204);
    expect(settledNow(sandbox.sessions.read('kept'))).toBeUndefined();
  });

  it('accepts the token in its own header, beside a vendor credential in Authorization (as Pact sends custom headers)', async () => {
    const headers = { ...ADA, 'x-mock-admin-token': TOKEN };
    expect((await sandbox.app.inject({ url: '/__admin/sessions', headers })).statusCode).toBe(200);
    expectFault(
      await sandbox.app.inject({ url: '/__admin/sessions', headers: { ...ADA, 'x-mock-admin-token': `${TOKEN}x` } }),
      401,
      'MOCK_ERR_ADMIN_UNAUTHORIZED',
    );
    // The vendor request carrying it is the vendor's as ever: its Authorization is the user's.
    const status = await sandbox.app.inject({ url: '/flashback/mfa/status', headers });
    expect(status.statusCode).toBe(200);
    expect(status.headers['x-mock-header-ignored']).toBeUndefined();
  });

  it("lets a browser follow a magic link without the token (the link's own single-use token is the credential)", async () => {
    const session = 'magic';
    const send = await sandbox.app.inject({
      method: 'POST',
      url: '/flashback/mfa/magic-link/send',
      headers: { ...ADA, 'x-mock-session': session, prefer: 'scenario=mfa-enabled' },
    });
    expect(send.statusCode).toBe(200);
    const outbox = await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox`, headers: { authorization: `Bearer ${TOKEN}` } });
    const link = new URL(outbox.json()[0].link as string);
    // A link preview's HEAD first (it got the guard's 401): answered, and the link is still unused.
    const previewed = await sandbox.app.inject({ method: 'HEAD', url: link.pathname });
    expect([previewed.statusCode, previewed.headers['x-mock-error']]).toEqual([200, undefined]);
    const followed = await sandbox.app.inject({ url: link.pathname });
    expect(followed.statusCode).toBe(200);
    expect(followed.body).toContain('Magic link activated');
    // Opened by anyone's browser: a page of text, where nothing else may run or load, and no site may frame it.
    expect(followed.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    // Expiring a link is QA tooling, not the user's page: it needs the token.
    expectFault(await sandbox.app.inject({ method: 'POST', url: `${link.pathname}/expire` }), 401, 'MOCK_ERR_ADMIN_UNAUTHORIZED');
  });

  it('still applies the loopback rule when both are set', async () => {
    const both = await sandboxWith({ adminToken: TOKEN });
    try {
      expectFault(
        await both.app.inject({ url: '/__admin/health', headers: { authorization: `Bearer ${TOKEN}` }, remoteAddress: REMOTE }),
        403,
        'MOCK_ERR_ADMIN_FORBIDDEN',
      );
      expect((await both.app.inject({ url: '/__admin/health', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    } finally {
      await both.app.close();
    }
  });

  it('opens the magic-link page by the route that matched, not by the URL as sent (a raw "#" made a session look like one)', async () => {
    const guarded = await sandboxWith({ adminToken: TOKEN });
    try {
      await guarded.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = guarded.app.server.address() as AddressInfo;
      // curl and fetch drop a fragment; a client on a raw socket can send one, and the router ends the path at "#".
      const answer = await rawRequest(port, 'GET /__admin/sessions/default#/magic-links/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
      expect(answer).toContain('MOCK_ERR_ADMIN_UNAUTHORIZED');
    } finally {
      await guarded.app.close();
    }
  });

  it("answers readiness to every client without the token, and tells it nothing else (an ALB's health check sends no header)", async () => {
    const both = await sandboxWith({ adminToken: TOKEN });
    try {
      for (const method of ['GET', 'HEAD'] as const) {
        const ready = await both.app.inject({ method, url: '/__admin/ready', remoteAddress: REMOTE });
        expect(ready.statusCode, method).toBe(200);
        if (method === 'GET') expect(ready.json()).toEqual({ status: 'ok' });
      }
      // The rest of the admin API keeps both rules: the readiness path is an exact exception, not a prefix.
      expectFault(await both.app.inject({ url: '/__admin/health', remoteAddress: REMOTE }), 403, 'MOCK_ERR_ADMIN_FORBIDDEN');
      expectFault(await both.app.inject({ url: '/__admin/health' }), 401, 'MOCK_ERR_ADMIN_UNAUTHORIZED');
      expectFault(await both.app.inject({ url: '/__admin/ready/../sessions' }), 401, 'MOCK_ERR_ADMIN_UNAUTHORIZED');
    } finally {
      await both.app.close();
    }
  });
});

describe('mfa-sandbox serve with MFA_SANDBOX_ADMIN_TOKEN', () => {
  it('enforces the token over a real port and keeps vendor routes open', async () => {
    const server = await startSandboxProcess([], { MFA_SANDBOX_ADMIN_TOKEN: TOKEN });
    try {
      const without = await fetch(`${server.url}/__admin/health`);
      expect(without.status).toBe(401);
      expect(without.headers.get('x-mock-error')).toBe('true');
      expect(((await without.json()) as { code: string }).code).toBe('MOCK_ERR_ADMIN_UNAUTHORIZED');
      const withToken = await fetch(`${server.url}/__admin/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(withToken.status).toBe(200);
      expect((await fetch(`${server.url}/flashback/mfa/status`, { headers: ADA })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
