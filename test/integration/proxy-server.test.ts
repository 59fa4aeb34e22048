import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_LOOPBACK_PORT } from '../harness/closed-port.js';
import { createAjv } from '../../src/openapi/schema-validators.js';
import type { ProxiedExchange } from '../../src/proxy/proxy-server.js';
import { startProxyServer, type RunningProxy } from '../../src/proxy/proxy-server.js';
import { runProxyCommand } from '../../src/proxy/proxy-command.js';

/**
 * The proxy's forwarding in-process (startProxyServer on port 0), for what the CLI tests cannot do quickly: an upstream
 * that refuses connections, one that never answers (a timeout of 300 ms), bodies over the limit. Each of these is the
 * proxy's own problem+json fault, valid against the admin spec's Problem schema, and never a hang.
 */

let validateProblem: ReturnType<ReturnType<typeof createAjv>['compile']>;
beforeAll(async () => {
  const admin = parse(await readFile(join(process.cwd(), 'specs/sandbox/admin.openapi.yaml'), 'utf8')) as { components: { schemas: { Problem: object } } };
  validateProblem = createAjv(false).compile(admin.components.schemas.Problem);
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function proxyTo(upstream: string, limits: { upstreamTimeoutMs?: number; bodyLimitBytes?: number } = {}) {
  const exchanges: ProxiedExchange[] = [];
  const proxy: RunningProxy = await startProxyServer(
    {
      upstream: new URL(upstream),
      upstreamTimeoutMs: limits.upstreamTimeoutMs ?? 5_000,
      bodyLimitBytes: limits.bodyLimitBytes ?? 1024,
      requestTimeoutMs: 10_000,
      onExchange: (exchange) => exchanges.push(exchange),
    },
    0,
    '127.0.0.1',
  );
  cleanups.push(() => proxy.close());
  return { proxy, exchanges };
}

async function expectFault(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('x-mock-error')).toBe('true');
  const problem = (await response.json()) as { code: string };
  expect(validateProblem(problem), JSON.stringify(validateProblem.errors)).toBe(true);
  expect(problem.code).toBe(code);
}

describe('startProxyServer', () => {
  it('answers 502 MOCK_ERR_UPSTREAM_UNREACHABLE at once when the upstream refuses connections', async () => {
    const { proxy, exchanges } = await proxyTo(`http://127.0.0.1:${CLOSED_LOOPBACK_PORT}`);
    const started = performance.now();
    await expectFault(await fetch(`${proxy.url}/mfa/status`), 502, 'MOCK_ERR_UPSTREAM_UNREACHABLE');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(exchanges).toEqual([expect.objectContaining({ fromUpstream: false, response: expect.objectContaining({ status: 502 }) })]);
  });

  it('answers 504 MOCK_ERR_UPSTREAM_TIMEOUT when the upstream does not answer within the timeout', async () => {
    const silent = createServer(() => {
      // never answers
    });
    const { proxy } = await proxyTo(await listen(silent), { upstreamTimeoutMs: 300 });
    const started = performance.now();
    await expectFault(await fetch(`${proxy.url}/mfa/status`), 504, 'MOCK_ERR_UPSTREAM_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('refuses a request body over the limit with 413 without calling the upstream, and an answer over it with 502', async () => {
    let calls = 0;
    const big = createServer((_incoming, outgoing) => {
      calls += 1;
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ padding: 'x'.repeat(2048) }));
    });
    const { proxy } = await proxyTo(await listen(big), { bodyLimitBytes: 1024 });
    await expectFault(await fetch(`${proxy.url}/mfa/setup`, { method: 'POST', body: 'y'.repeat(2048) }), 413, 'MOCK_ERR_BODY_TOO_LARGE');
    expect(calls).toBe(0);
    await expectFault(await fetch(`${proxy.url}/mfa/status`), 502, 'MOCK_ERR_UPSTREAM_UNREACHABLE');
    expect(calls).toBe(1);
  });

  it("refuses a path whose dot segments climb out of the upstream's base path, without calling the upstream", async () => {
    const called: string[] = [];
    const upstream = createServer((incoming, outgoing) => {
      called.push(incoming.url ?? '');
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const { proxy } = await proxyTo(`${await listen(upstream)}/flashback`);
    // fetch resolves dot segments itself; a raw request line keeps them, as a hostile client sends them.
    for (const path of ['/../../__admin/sessions', '/%2e%2e/__admin/sessions', '/mfa/../../x']) {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const sent = httpRequest(`${proxy.url}${path}`, { path }, (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
        sent.on('error', reject).end();
      });
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({
        code: 'MOCK_ERR_BAD_REQUEST',
        detail: expect.stringContaining("leaves the upstream's base path /flashback"),
      });
    }
    expect(called).toEqual([]);
    // Dot segments that stay under the base path are resolved and sent, as any URL.
    expect((await fetch(`${proxy.url}/mfa/../status`)).status).toBe(200);
    expect(called).toEqual(['/flashback/status']);
  });

  it('passes status, status text, repeated headers and an empty body on unchanged', async () => {
    const upstream = createServer((_incoming, outgoing) => {
      outgoing
        .writeHead(
          204,
          'Nothing Here',
          [
            ['x-one', 'a'],
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
          ].flat(),
        )
        .end();
    });
    const { proxy, exchanges } = await proxyTo(`${await listen(upstream)}/base`);
    const response = await fetch(`${proxy.url}/x`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.statusText).toBe('Nothing Here');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(exchanges[0]).toMatchObject({ upstreamUrl: expect.stringMatching(/\/base\/x$/), fromUpstream: true });
  });
});

describe('runProxyCommand', () => {
  /** Lerian's documented 401 (the spec's Error0008), for a user id in the UUID form its path wants. */
  const LERIAN_401 = { code: 'IDE-0008', title: 'Unauthorized', message: 'The authorization token is missing, invalid or expired.' };
  const LERIAN_USER = '019c96a0-0c21-71f9-a487-66a1258278a1';
  const base = {
    surface: 'lerian',
    specsDir: join(process.cwd(), 'specs'),
    port: 0,
    host: '127.0.0.1',
    upstreamTimeoutMs: 5_000,
    bodyLimitBytes: 1024,
    requestTimeoutMs: 10_000,
  };

  /** Starts the proxy before an upstream answering with `handler`, collecting every line it prints. */
  async function startProxyBefore(handler: RequestListener, options: { maxViolations?: number } = {}) {
    const lines: string[] = [];
    const running = await runProxyCommand({
      ...base,
      ...options,
      upstream: new URL(await listen(createServer(handler))),
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    });
    return { running, lines };
  }

  it('without the sandbox (--compare off) reports spec findings and no score', async () => {
    const { running, lines } = await startProxyBefore((_incoming, outgoing) => {
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ enabled: 'no' }));
    });
    const response = await fetch(`${running.url}/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa`);
    expect(await response.json()).toEqual({ enabled: 'no' });
    expect(await running.close()).toBe(0); // no threshold given
    expect(lines).toContainEqual(
      expect.stringMatching(/^spec violation: GET \/v1\/users\/[^ ]+\/mfa -> 200 \(getMfaStatus\): \/enabled must be boolean \[type\]$/),
    );
    // `enabled` is no boolean, and the four other required fields are missing.
    expect(lines.at(-1)).toBe('mfa-sandbox proxy: 1 exchange, 5 spec violations in 1 of them, 0 not answered by the upstream');
    expect(lines.join('\n')).not.toContain('sandbox agrees');
  });

  it("lists a route the spec has no operation for (a vendor's sign-up) as outside the spec: not a violation, --max-violations 0 passes", async () => {
    // The sign-up beside an MFA route the spec checks (its documented 401): a run of outside routes alone checks
    // nothing, which fails --max-violations (the next test).
    const { running, lines } = await startProxyBefore(
      (incoming, outgoing) => {
        if (incoming.url === '/v1/signup') outgoing.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'u1' }));
        else outgoing.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(LERIAN_401));
      },
      { maxViolations: 0 },
    );
    expect((await fetch(`${running.url}/v1/signup`, { method: 'POST' })).status).toBe(201);
    expect((await fetch(`${running.url}/v1/users/${LERIAN_USER}/mfa`)).status).toBe(401);
    expect(await running.close()).toBe(0);
    expect(lines.join('\n')).not.toContain('spec violation:');
    expect(lines).toContain('POST /v1/signup: 1 exchange (201 x1), outside the spec (not checked)');
    expect(lines.at(-1)).toBe('mfa-sandbox proxy: 2 exchanges, 0 spec violations, 1 outside the spec, 0 not answered by the upstream');
  });

  it('fails --max-violations when every exchange was outside the spec: it judged nothing', async () => {
    const { running, lines } = await startProxyBefore(
      (_incoming, outgoing) => {
        outgoing.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'u1' }));
      },
      { maxViolations: 0 },
    );
    expect((await fetch(`${running.url}/v1/signup`, { method: 'POST' })).status).toBe(201);
    expect(await running.close()).toBe(1);
    expect(lines.at(-1)).toMatch(
      /^mfa-sandbox proxy: failed: no exchange was checked against the lerian spec \(1 outside it, 0 not answered by the upstream\)/,
    );
  });

  it('refuses to start when the HAR file cannot be written, naming the flag and the path', async () => {
    // Missing directories are made, so the path is one where none can be: under /proc.
    await expect(
      runProxyCommand({ ...base, upstream: new URL('http://127.0.0.1:9'), harFile: '/proc/nope/run.har', out: () => undefined, err: () => undefined }),
    ).rejects.toThrow('--har /proc/nope/run.har: cannot write it there (ENOENT)');
  });
});
