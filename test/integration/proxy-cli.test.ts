import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, symlink } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AuthClient, MemoryStorage } from '@ackplus/nest-auth-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarLog } from '../../src/proxy/har-log.js';
import type { DriftReport, OperationDrift } from '../../src/proxy/drift-report.js';
import { BIN, startChildServer, type ChildServer } from '../harness/child-server.js';
import { CLOSED_LOOPBACK_PORT } from '../harness/closed-port.js';
import { startNestAuthOracle, type NestAuthOracle } from '../oracle/nest-auth-oracle.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * `mfa-sandbox proxy` as a user runs it: a separate process (through tsx), in front of a real upstream, its HAR and
 * drift report read back from disk, its exit code judged on SIGTERM.
 */

const MAIN = join(process.cwd(), 'src/main.ts');

/**
 * Through `node --import tsx`, not the tsx binary: tsx relays a signal to its child and kills it when the child does not
 * acknowledge within 30 ms, which a busy machine misses; the proxy must get the SIGTERM itself to write its files.
 */
function startProxy(args: string[]): Promise<ChildServer> {
  return startChildServer(process.execPath, ['--import', 'tsx', MAIN, 'proxy', '--port', '0', '--host', '127.0.0.1', ...args], {
    ready: /proxy listening: (http:\/\/\S+)/,
  });
}

async function stopAndWait(proxy: ChildServer): Promise<number | null> {
  await proxy.stop();
  return proxy.exitCode();
}

/** Runs `use` against a proxy started with `args`, stopping the proxy whatever `use` does. */
async function withProxy(args: string[], use: (proxy: ChildServer) => Promise<void>): Promise<void> {
  const proxy = await startProxy(args);
  try {
    await use(proxy);
  } finally {
    await proxy.stop();
  }
}

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A tiny upstream whose answers the test scripts, recording what reached it. */
async function startScriptedUpstream(answer: (request: Received) => { status: number; headers: OutgoingHttpHeaders; body: string | Buffer }) {
  const received: Received[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = { method: incoming.method!, url: incoming.url!, headers: incoming.headers, body: Buffer.concat(chunks).toString() };
      received.push(request);
      const { status, headers, body } = answer(request);
      outgoing.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function rawRequest(url: string, options: { method: string; headers: Record<string, string>; body: string }) {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve, reject) => {
    const outgoing = request(url, { method: options.method, headers: options.headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body: Buffer.concat(chunks).toString() }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

describe('mfa-sandbox proxy in front of a scripted upstream', () => {
  let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
  let proxy: ChildServer;
  let dir: string;
  let exitCode: number | null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mfa-proxy-'));
    upstream = await startScriptedUpstream((request) => {
      if (request.url.startsWith('/api/mfa/status')) {
        // The spec says isEnabled is a boolean and enabledMethods is required: this upstream breaks both.
        const body = JSON.stringify({ success: true, data: { isEnabled: 'yes', isRequired: false, isEnforced: false, sessionVerified: true } });
        return { status: 200, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-vendor-trace': 'abc' }, body: gzipSync(body) };
      }
      return {
        status: 201,
        headers: { 'content-type': 'application/json', 'set-cookie': ['sid=upstream-session-cookie-1; HttpOnly'], 'x-vendor-trace': 'def' },
        // Flashback's answer but for its secret's form (the docs' 16 characters; the sandbox draws 32).
        body: JSON.stringify({
          success: true,
          data: { secret: 'JBSWY3DPEHPK3PXP', qrCode: 'data:image/png;base64,AAAA', backupCodes: ['55556666'], echoed: request.body.length },
        }),
      };
    });
    proxy = await startProxy([
      '--surface',
      'flashback',
      '--upstream',
      `${upstream.url}/api/`,
      '--har',
      join(dir, 'run.har'),
      '--report',
      join(dir, 'report.json'),
      '--max-violations',
      '0',
      '--min-score',
      '1',
    ]);
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await upstream?.close();
  });

  it('forwards method, path under the base path, query, headers and body, and answers with the upstream reply unchanged', async () => {
    // node:http, not fetch: fetch refuses to send a Connection header naming another header.
    const response = await rawRequest(`${proxy.url}/mfa/setup?trace=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer flashback-secret-token-1', 'content-type': 'application/json', connection: 'keep-alive, x-hop', 'x-hop': 'drop me' },
      body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers['x-vendor-trace']).toBe('def');
    expect(response.headers['set-cookie']).toEqual(['sid=upstream-session-cookie-1; HttpOnly']);
    expect(JSON.parse(response.body)).toMatchObject({ data: { echoed: 25, backupCodes: ['55556666'] } });

    const received = upstream.received.at(-1)!;
    expect(received).toMatchObject({ method: 'POST', url: '/api/mfa/setup?trace=1', body: '{"mfaType":"GOOGLE_AUTH"}' });
    expect(received.headers.host).toBe(new URL(upstream.url).host);
    expect(received.headers.authorization).toBe('Bearer flashback-secret-token-1');
    expect(received.headers['x-hop']).toBeUndefined(); // named by Connection: hop-by-hop
  });

  it('passes a compressed answer on as it came, and reports what the spec forbids in it as it happens', async () => {
    const response = await fetch(`${proxy.url}/mfa/status`, { headers: { authorization: 'Bearer flashback-secret-token-1' } });
    expect(response.headers.get('content-encoding')).toBe('gzip'); // fetch decompresses; the bytes came gzipped
    expect(((await response.json()) as { data: { isEnabled: unknown } }).data.isEnabled).toBe('yes');
    await expect
      .poll(() => proxy.output(), { timeout: 5_000 })
      .toContain('spec violation: GET /mfa/status -> 200 (getMFAStatus): /data/isEnabled must be boolean [type]');
    expect(proxy.output()).toContain('spec violation: GET /mfa/status -> 200 (getMFAStatus): /data/enabledMethods must have required property');
  });

  it('on SIGTERM writes the HAR and the drift report, prints the summary, and exits 1 over --max-violations and under --min-score', async () => {
    exitCode = await stopAndWait(proxy);
    expect(exitCode).toBe(1);
    expect(proxy.output()).toMatch(/getMFAStatus: 1 exchange \(200 x1\), 2 spec violations/);
    expect(proxy.output()).toContain('mfa-sandbox proxy: failed: 2 exchanges broke the spec (--max-violations 0)');
    expect(proxy.output()).toMatch(/mfa-sandbox proxy: failed: sandbox score 0\.\d{3} is under --min-score 1/);

    const har = JSON.parse(await readFile(join(dir, 'run.har'), 'utf8')) as HarLog;
    expect(har.log).toMatchObject({ version: '1.2', creator: { name: 'mfa-sandbox proxy' } });
    const [setup, status] = har.log.entries;
    expect(setup!.request).toMatchObject({
      method: 'POST',
      url: `${upstream.url}/api/mfa/setup?trace=1`,
      postData: { mimeType: 'application/json', text: '{"mfaType":"GOOGLE_AUTH"}' },
    });
    expect(setup!.response).toMatchObject({ status: 201, cookies: [{ name: 'sid', value: '[redacted]' }] });
    expect(setup!.request.headers).toContainEqual({ name: 'authorization', value: '[redacted]' });
    expect(status!.response.content).toMatchObject({ mimeType: 'application/json', text: expect.stringContaining('"isEnabled":"yes"') });
    expect(status!._violations).toContainEqual(expect.objectContaining({ kind: 'schema', pointer: '/data/isEnabled', keyword: 'type' }));

    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as DriftReport;
    // The 201 of the first exchange is no status setupMFA documents: a violation too.
    expect(setup!._violations).toEqual([expect.objectContaining({ kind: 'undocumented-status' })]);
    expect(report).toMatchObject({ surface: 'flashback', exchanges: 2, exchangesWithViolations: 2, violations: 3, proxyFaults: 0 });
    expect(report.operations.find((drift) => drift.operation === 'getMFAStatus')!.violations).toContainEqual(
      expect.objectContaining({ pointer: '/data/isEnabled', keyword: 'type', count: 1 }),
    );
    // Secrets are compared, and shown, by their form only: how they differ, never what they are.
    const setupDrift = report.operations.find((drift) => drift.operation === 'setupMFA')!.sandbox!.differences;
    expect(setupDrift).toContainEqual(
      expect.objectContaining({ path: 'body.data.secret', outcome: 'differ', upstream: '<base32 16>', sandbox: '<base32 32>' }),
    );
    expect(setupDrift.map((difference) => difference.path)).not.toContain('body.data.backupCodes[0]'); // 8 digits on both sides
    for (const written of [JSON.stringify(har), JSON.stringify(report), proxy.output()]) {
      expect(written).not.toContain('flashback-secret-token-1');
      expect(written).not.toContain('upstream-session-cookie-1');
      expect(written).not.toContain('55556666');
      expect(written).not.toContain('JBSWY3DPEHPK3PXP');
    }
  });
});

describe('mfa-sandbox proxy in front of an upstream that cannot be reached', () => {
  it("lists the 502 under its operation in the report, counted as a proxy fault and as no status of the upstream's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-proxy-unreachable-'));
    const report = join(dir, 'report.json');
    await withProxy(['--surface', 'nest-auth', '--upstream', `http://127.0.0.1:${CLOSED_LOOPBACK_PORT}`, '--report', report], async (proxy) => {
      const answer = await fetch(`${proxy.url}/auth/mfa/status`, { headers: { authorization: 'Bearer x' } });
      expect(answer.status).toBe(502);
      // Said as it happens, once per kind (it was silent until the summary).
      const live = 'mfa-sandbox proxy: not answered by the upstream: GET /auth/mfa/status -> 502 MOCK_ERR_UPSTREAM_UNREACHABLE';
      await expect.poll(() => proxy.output(), { timeout: 10_000 }).toContain(live);
      expect((await fetch(`${proxy.url}/auth/mfa/status`, { headers: { authorization: 'Bearer x' } })).status).toBe(502);
      expect(await stopAndWait(proxy)).toBe(0);
      expect(proxy.output().split(live).length - 1).toBe(1);
      const drift = JSON.parse(await readFile(report, 'utf8')) as DriftReport;
      expect(drift).toMatchObject({ exchanges: 2, violations: 0, proxyFaults: 2 });
      expect(drift.operations).toEqual([{ operation: 'getMfaStatus', exchanges: 2, statuses: {}, violations: [], proxyFaults: 2 }]);
      expect(proxy.output()).toContain('getMfaStatus: 2 exchanges (not answered by the upstream x2), 0 spec violations');
    });
  }, 60_000);

  it('fails --max-violations when nothing was checked: an upstream that answered nothing passed a CI gate', async () => {
    await withProxy(['--surface', 'nest-auth', '--upstream', `http://127.0.0.1:${CLOSED_LOOPBACK_PORT}`, '--max-violations', '0'], async (proxy) => {
      expect((await fetch(`${proxy.url}/auth/mfa/status`, { headers: { authorization: 'Bearer x' } })).status).toBe(502);
      expect(await stopAndWait(proxy)).toBe(1);
      expect(proxy.output()).toContain(
        'mfa-sandbox proxy: failed: no exchange was checked against the nest-auth spec (0 outside it, 1 not answered by the upstream), so --max-violations 0 judged nothing',
      );
    });
  }, 60_000);
});

describe('mfa-sandbox proxy given the wrong --surface', () => {
  it("fails --max-violations when every exchange was outside that surface's spec (a nest-auth server proxied as flashback)", async () => {
    const upstream = await startScriptedUpstream(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"isEnabled":false}' }));
    try {
      await withProxy(['--surface', 'flashback', '--upstream', upstream.url, '--max-violations', '0'], async (proxy) => {
        expect((await fetch(`${proxy.url}/auth/mfa/status`, { headers: { authorization: 'Bearer x' } })).status).toBe(200);
        expect(await stopAndWait(proxy)).toBe(1);
        expect(proxy.output()).toContain(
          "mfa-sandbox proxy: failed: no exchange was checked against the flashback spec (1 outside it, 0 not answered by the upstream), so --max-violations 0 judged nothing: is --surface flashback the upstream's vendor",
        );
      });
    } finally {
      await upstream.close();
    }
  }, 60_000);
});

describe('mfa-sandbox proxy in front of an upstream that never answers', () => {
  it('stopped with a request still waiting: that request gets 503 MOCK_ERR_CLOSING at once, the summary is printed, exit 0', async () => {
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const hanging = createServer(() => arrived()); // read, never answered
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'mfa-proxy-hang-'));
    const proxy = await startProxy([
      '--surface',
      'flashback',
      '--upstream',
      `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
      '--upstream-timeout',
      '30',
      '--report',
      join(dir, 'report.json'),
    ]);
    try {
      const answer = fetch(`${proxy.url}/mfa/status`, { headers: { authorization: 'Bearer x' } });
      await reached;
      const stoppedAt = Date.now();
      // Before, the close waited for the upstream (30 s), gave up after 10 s and exited 1 with no summary.
      expect(await stopAndWait(proxy)).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);
      const response = await answer;
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: 'MOCK_ERR_CLOSING' });
      expect(proxy.output()).toContain('mfa-sandbox proxy: 1 exchange, 0 spec violations, 1 not answered by the upstream');
      const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as DriftReport;
      expect(report).toMatchObject({ exchanges: 1, proxyFaults: 1 });
      expect(report.operations).toEqual([{ operation: 'getMFAStatus', exchanges: 1, statuses: {}, violations: [], proxyFaults: 1 }]);
    } finally {
      await proxy.stop();
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  }, 60_000);
});

/** An app's calls through the proxy: a JSON request with a bearer token, and a password sign-in's access token. */
function appClient(proxyUrl: string, user: { email: string; password: string }) {
  const send = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${proxyUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const login = async () =>
    (
      (await (await send('POST', '/auth/login', undefined, { providerName: 'email', credentials: { email: user.email, password: user.password } })).json()) as {
        accessToken: string;
      }
    ).accessToken;
  return { send, login };
}

describe('mfa-sandbox proxy in front of the real @ackplus/nest-auth 2.11.1 server', () => {
  let oracle: NestAuthOracle;
  let proxy: ChildServer;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mfa-proxy-'));
    [oracle] = await Promise.all([startNestAuthOracle()]);
    proxy = await startProxy([
      '--surface',
      'nest-auth',
      '--upstream',
      oracle.url,
      '--har',
      join(dir, 'nest.har'),
      '--report',
      join(dir, 'nest.json'),
      '--min-score',
      '0.5',
    ]);
  }, 90_000);
  afterAll(async () => {
    await proxy?.stop();
    await oracle?.stop();
  });

  /** A proxy of its own in front of the oracle, driven by `drive` and stopped whatever happens; its report by operation. */
  async function driftOf(name: string, drive: (proxyUrl: string) => Promise<void>): Promise<Map<string, OperationDrift>> {
    const report = join(dir, `${name}.json`);
    const own = await startProxy(['--surface', 'nest-auth', '--upstream', oracle.url, '--report', report]);
    try {
      await drive(own.url);
    } finally {
      await own.stop(); // also when a step fails: no proxy left running
    }
    const drift = JSON.parse(await readFile(report, 'utf8')) as DriftReport;
    return new Map(drift.operations.map((operation) => [operation.operation, operation]));
  }
  /** The fields on which the sandbox answered an operation differently. */
  const differingFields = (drift: OperationDrift | undefined) => drift!.sandbox!.differences.map((difference) => difference.path);

  it("records the published client's traffic, redacts its credentials, and reports the sandbox's known differences", async () => {
    const user = await oracle.signUp('proxy-user@example.com');
    const storage = new MemoryStorage();
    storage.set('access_token', user.accessToken);
    const client = new AuthClient({ baseUrl: proxy.url, storage, accessTokenType: 'header' });
    await client.ready();

    expect(await client.getMfaStatus()).toMatchObject({ isEnabled: false, verifiedMethods: ['email'] });
    const setup = await client.setupTotp({ deviceName: 'Pixel 8' });
    expect(setup.secret).toMatch(/^[A-Z2-7]+$/);
    // An accepted difference (test/oracle/accepted-differences.ts): 2.11.1 crashes (500) on a non-string recovery code,
    // where the sandbox answers 401 MFA_RECOVERY_CODE_INVALID.
    const crash = await fetch(`${proxy.url}/auth/mfa/reset-totp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
      body: '{"code":5}',
    });
    expect(crash.status).toBe(500);

    expect(await stopAndWait(proxy)).toBe(0);
    const harText = await readFile(join(dir, 'nest.har'), 'utf8');
    const har = JSON.parse(harText) as HarLog;
    expect(har.log.entries.map((entry) => [entry.request.method, new URL(entry.request.url).pathname, entry.response.status, entry._operationId])).toEqual([
      ['GET', '/auth/mfa/status', 200, 'getMfaStatus'],
      ['POST', '/auth/mfa/setup-totp', 200, 'setupTotp'],
      ['POST', '/auth/mfa/reset-totp', 500, 'resetTotp'],
    ]);
    expect(JSON.parse(har.log.entries[1]!.response.content.text!)).toMatchObject({
      secret: '[redacted]',
      // The URL keeps its account and issuer (a difference in them is shown), not its secret.
      otpAuthUrl: `otpauth://totp/${user.email}?secret=[redacted]&issuer=Nest%20Auth&period=30`,
      qrCode: '[redacted]',
      issuer: 'Nest Auth',
    });
    const reportText = await readFile(join(dir, 'nest.json'), 'utf8');
    for (const written of [harText, reportText, proxy.output()]) {
      expect(written).not.toContain(user.accessToken);
      expect(written).not.toContain(setup.secret);
    }

    const report = JSON.parse(reportText) as DriftReport;
    expect(report).toMatchObject({ surface: 'nest-auth', exchanges: 3, violations: 0, proxyFaults: 0 });
    const byOperation = new Map(report.operations.map((drift) => [drift.operation, drift]));
    expect(byOperation.get('getMfaStatus')!.sandbox).toMatchObject({ score: 1, differences: [] });
    expect(byOperation.get('resetTotp')!.sandbox!.differences).toEqual(
      expect.arrayContaining([
        { path: 'status', outcome: 'differ', upstream: 500, sandbox: 401, count: 1, firstExchange: 3 },
        expect.objectContaining({ path: 'body.code', outcome: 'extra', sandbox: 'MFA_RECOVERY_CODE_INVALID' }),
      ]),
    );
    // The exchange a difference was first seen in is the HAR's entry of that number, which lists what differed there.
    expect(har.log.entries[3 - 1]!._sandboxDifferences).toEqual(expect.arrayContaining([{ path: 'status', outcome: 'differ', upstream: 500, sandbox: 401 }]));
    expect(har.log.entries[0]!._sandboxDifferences).toBeUndefined(); // the status agreed
    expect(report.score).toBeGreaterThan(0.5);
    expect(report.score).toBeLessThan(1);
    expect(proxy.output()).toMatch(/resetTotp: 1 exchange \(500 x1\), 0 spec violations; sandbox agrees on \d+\/\d+ fields/);
    expect(proxy.output()).toContain('  differ status (x1): upstream 500, sandbox 401');
  });

  it('follows sign-ins and sign-outs on the sandbox side with its own user: a status after logout and a new login agrees', async () => {
    const byOperation = await driftOf('sessions', async (proxyUrl) => {
      const user = await oracle.signUp('proxy-sessions@example.com');
      const { send, login } = appClient(proxyUrl, user);
      const first = await login();
      expect((await send('GET', '/auth/mfa/status', first)).status).toBe(200);
      expect((await send('POST', '/auth/logout', first)).status).toBe(200);
      expect((await send('GET', '/auth/mfa/status', first)).status).toBe(401); // its session ended, on both sides
      // Signed in again with a form (nest-auth reads forms as Express does): the sandbox side signs its user in too.
      const formLogin = await fetch(`${proxyUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ providerName: 'email', 'credentials[email]': user.email, 'credentials[password]': user.password }).toString(),
      });
      expect(formLogin.status).toBe(200);
      const second = await login();
      expect((await send('GET', '/auth/mfa/status', second)).status).toBe(200);
      const setup = (await (await send('POST', '/auth/mfa/setup-totp', second, {})).json()) as { otpAuthUrl: string; secret: string };
      expect(setup.otpAuthUrl).toContain(encodeURIComponent(user.email).replace('%40', '@'));
      // An authenticator's code of the vendor's secret: the sandbox gets its own secret's code for the same step.
      const verified = await send('POST', '/auth/mfa/verify-totp-setup', second, { secret: setup.secret, otp: authenticatorCode(setup.secret) });
      expect(verified.status).toBe(200);
      expect((await send('POST', '/auth/mfa/toggle', second, { enabled: true })).status).toBe(200);
      const third = await login(); // MFA is on now: a pre-MFA token, finished by a TOTP code
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await send('POST', '/auth/mfa/verify', third, { method: 'totp', otp: authenticatorCode(setup.secret, 1) })).status).toBe(200);
    });
    // The sandbox signed its own user in (the upstream user's password is not its), so both answered 200 ...
    expect(differingFields(byOperation.get('login'))).not.toContain('status');
    // ... and its tokens stood in for the upstream's: the status after the second login, and the 401 after logout, agree.
    expect(byOperation.get('getMfaStatus')!.statuses).toEqual({ '200': 2, '401': 1 });
    expect(differingFields(byOperation.get('getMfaStatus'))).not.toContain('status');
    // Each side's own address in the otpauth URL's account reads as <email>: no difference there.
    expect(differingFields(byOperation.get('setupTotp'))).not.toContain('body.otpAuthUrl');
    // The codes of the two secrets verified on both sides, so the enrolment and the MFA sign-in agree throughout.
    for (const operation of ['verifyTotpSetup', 'toggleMfa', 'verifyMfa']) expect(byOperation.get(operation)!.sandbox, operation).toMatchObject({ score: 1 });
  }, 60_000);

  it("sends the sandbox credentials it refuses where the vendor refused the app's: a junk token, a wrong password", async () => {
    const byOperation = await driftOf('refused', async (proxyUrl) => {
      const user = await oracle.signUp('proxy-refused@example.com');
      const { send } = appClient(proxyUrl, user);
      expect((await send('GET', '/auth/mfa/status', 'garbage')).status).toBe(401);
      const wrongPassword = { providerName: 'email', credentials: { email: user.email, password: 'not-the-password' } };
      expect((await send('POST', '/auth/login', undefined, wrongPassword)).status).toBe(401);
      // A token the vendor took, though no sign-in through the proxy paired it: the sandbox's own user's goes.
      expect((await send('GET', '/auth/mfa/status', user.accessToken)).status).toBe(200);
    });
    // Both sides refused (the sandbox answered 200 to both before: its user's token, its user's password).
    expect(byOperation.get('getMfaStatus')!.statuses).toEqual({ '200': 1, '401': 1 });
    expect(differingFields(byOperation.get('getMfaStatus'))).not.toContain('status');
    expect(differingFields(byOperation.get('login'))).not.toContain('status');
  }, 60_000);

  it('follows an e-mailed code the vendor accepted: the sandbox gets the code it e-mailed in the same challenge', async () => {
    const byOperation = await driftOf('emailed', async (proxyUrl) => {
      const user = await oracle.signUp('proxy-emailed@example.com');
      const { send, login } = appClient(proxyUrl, user);
      const signedIn = await login();
      const setup = (await (await send('POST', '/auth/mfa/setup-totp', signedIn, {})).json()) as { secret: string };
      expect((await send('POST', '/auth/mfa/verify-totp-setup', signedIn, { secret: setup.secret, otp: authenticatorCode(setup.secret) })).status).toBe(200);
      expect((await send('POST', '/auth/mfa/toggle', signedIn, { enabled: true })).status).toBe(200);
      const pending = await login(); // MFA is on: a pre-MFA token, finished here by an e-mailed code
      expect((await send('POST', '/auth/mfa/challenge', pending, { method: 'email' })).status).toBe(200);
      // A wrong code first: refused on both sides, as sent.
      expect((await send('POST', '/auth/mfa/verify', pending, { method: 'email', otp: '000000' })).status).toBe(400);
      expect((await send('POST', '/auth/mfa/verify', pending, { method: 'email', otp: await oracle.lastCode(user.email) })).status).toBe(200);
      expect((await send('GET', '/auth/mfa/status', pending)).status).toBe(200);
    });
    // Without it the sandbox got the vendor's code, which it never sent: a 400 against the vendor's 200, tokens missing.
    expect(byOperation.get('verifyMfa')!.statuses).toEqual({ '200': 1, '400': 1 });
    expect(differingFields(byOperation.get('verifyMfa'))).not.toContain('status');
    expect(differingFields(byOperation.get('getMfaStatus'))).not.toContain('status');
  }, 60_000);

  it("follows ids the vendor made: a device deleted by the id the upstream listed is the sandbox's own device there", async () => {
    const byOperation = await driftOf('devices', async (proxyUrl) => {
      const user = await oracle.signUp('proxy-devices@example.com');
      const send = (method: string, path: string, body?: unknown) =>
        fetch(`${proxyUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${user.accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      await send('POST', '/auth/mfa/setup-totp', { deviceName: 'Phone' });
      const listed = (await (await send('GET', '/auth/mfa/devices')).json()) as Array<{ id: string }>;
      expect(listed).toHaveLength(1);
      expect((await send('DELETE', `/auth/mfa/devices/${listed[0]!.id}`)).status).toBe(200);
      expect(await (await send('GET', '/auth/mfa/devices')).json()).toEqual([]);
    });
    // Without the pairing the sandbox got the upstream's id, answered 404 and kept its device: both steps differed.
    expect(byOperation.get('removeMfaDevice')!.sandbox).toMatchObject({ score: 1, differences: [] });
    expect(byOperation.get('listMfaDevices')!.sandbox).toMatchObject({ score: 1, differences: [] });
  }, 60_000);
});

describe('mfa-sandbox proxy: usage', () => {
  // Each case is a tsx process (1-3 s; more on a loaded machine): a test of several needs more than the default 20 s.
  const run = (args: string[]) =>
    spawnSync(BIN('tsx'), [MAIN, 'proxy', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });

  it('needs --surface and an http(s) --upstream without credentials in it: exit 2 (a usage problem, not drift) with the reason, no stack', () => {
    const noSurface = run(['--upstream', 'http://127.0.0.1:9']);
    expect(noSurface.status).toBe(2);
    expect(noSurface.stderr).toContain('mfa-sandbox: configuration: proxy needs --surface <flashback|nest-auth|lerian|genauth>');
    const withPassword = run(['--surface', 'lerian', '--upstream', 'https://me:hunter2-secret@vendor.example.com']);
    expect(withPassword.status).toBe(2);
    expect(withPassword.stderr).toContain('upstream must not carry credentials');
    expect(withPassword.stderr).not.toContain('hunter2-secret');
    expect(withPassword.stderr).not.toMatch(/\n\s+at /);
    const noScheme = run(['--surface', 'lerian', '--upstream', 'localhost:9/lerian']);
    expect(noScheme.status).toBe(2);
    expect(noScheme.stderr).toContain('--upstream must be an http:// or https:// URL, got "localhost:9/lerian" (e.g. http://localhost:9/lerian)');
    // A value a flag cannot take is named by its flag, as serve's are (`--port: ...`).
    const upstream = ['--surface', 'lerian', '--upstream', 'http://127.0.0.1:9'];
    for (const [flag, value, message] of [
      ['--max-violations', '-1', 'max violations must be an integer between 0 and 9007199254740991, got "-1"'],
      ['--min-score', '2', 'min score must be a number between 0 and 1, got "2"'],
      ['--upstream-timeout', '0', 'upstream timeout (seconds) must be an integer between 1 and 3600, got "0"'],
    ]) {
      const refused = run([...upstream, flag!, value!]);
      expect([refused.status, refused.stderr], flag).toEqual([2, `mfa-sandbox: configuration: ${flag}: ${message}\n`]);
    }
  }, 60_000);

  it('refuses --har and --report on one path, and a path it cannot write, before listening: exit 2, each named by its flag', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'proxy-cli-'));
    const same = join(dir, 'h.json');
    const clash = run(['--surface', 'lerian', '--upstream', 'http://127.0.0.1:9', '--port', '0', '--har', same, '--report', same]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain(`--report ${same}: --har writes there too; give each its own file`);
    const link = join(dir, 'report-link.json'); // a symbolic link to the HAR's path, which does not exist yet
    await symlink(same, link);
    const linked = run(['--surface', 'lerian', '--upstream', 'http://127.0.0.1:9', '--port', '0', '--har', same, '--report', link]);
    expect(linked.status).toBe(2);
    expect(linked.stderr).toContain(`--report ${link}: --har writes there too; give each its own file`);
    const unwritable = '/proc/nope/h.har'; // no directory can be made there
    const refused = run(['--surface', 'lerian', '--upstream', 'http://127.0.0.1:9', '--port', '0', '--har', unwritable]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`--har ${unwritable}: cannot write it there (ENOENT)`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('refuses --min-score with --compare off (there is never a score) and a port already taken: exit 2, not the drift verdict', async () => {
    const noScore = run(['--surface', 'lerian', '--upstream', 'http://127.0.0.1:9', '--port', '0', '--compare', 'off', '--min-score', '0.9']);
    expect(noScore.status).toBe(2);
    expect(noScore.stderr).toContain("--min-score 0.9: the score compares the sandbox's answers, which --compare off turns off");
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      const busy = run(['--surface', 'lerian', '--upstream', 'http://127.0.0.1:9', '--port', port, '--compare', 'off']);
      expect(busy.status).toBe(2);
      expect(busy.stderr).toContain(
        `--port ${port} on 127.0.0.1: cannot listen there (EADDRINUSE: another process listens there); pick another port (--port 0 takes any free one)`,
      );
    } finally {
      taken.close();
    }
  }, 60_000);
});
