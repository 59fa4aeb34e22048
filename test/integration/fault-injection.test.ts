import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { createAdminAnswerCheck } from '../harness/admin-answer-check.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * Injected faults (latency, dropped connections, broken bodies, rate limits), per request with `Prefer` and per
 * scenario. Dropped connections are exercised over a real port: only a real socket can be destroyed.
 */
const ADA = { authorization: 'Bearer flashback-token-ada' };
let sandbox: TestSandbox;
let server: RunningSandbox;
let check: Awaited<ReturnType<typeof createAdminAnswerCheck>>;

beforeAll(async () => {
  [sandbox, server] = await Promise.all([createTestSandbox(), createSandbox()]);
  check = await createAdminAnswerCheck(sandbox.app);
});
afterAll(async () => {
  console.log(`fault injection: ${sandbox.checkedResponses} responses checked against the spec`);
  await Promise.all([sandbox.close(), server.close()]);
});

async function timed<T>(action: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await action();
  return { value, ms: performance.now() - started };
}

describe('latency', () => {
  it('Prefer: latency=<ms> delays a spec-valid answer and reports the delay', async () => {
    const { value: res, ms } = await timed(() =>
      sandbox.request({ url: '/flashback/mfa/status', session: 'lat-fixed', headers: { ...ADA, prefer: 'latency=300' } }),
    );
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-mock-latency-ms']).toBe('300');
    expect(res.data.data.isEnabled).toBe(false);
  });

  it('journals how an answer was made: the injected delay, and the seed of a generated answer to replay it with', async () => {
    const session = 'journal-how';
    await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    await sandbox.request({ url: '/flashback/mfa/status', session, headers: { ...ADA, prefer: 'latency=20' } });
    const generated = await sandbox.request({ url: '/flashback/mfa/status', session, headers: { ...ADA, prefer: 'dynamic=true, seed=7' } });
    const journal = await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` });
    expect(check('getJournal', journal)).toEqual([]);
    const [plain, delayed, dynamic] = journal.json<Array<Record<string, unknown>>>();
    expect(plain).not.toHaveProperty('latencyMs');
    expect(plain).not.toHaveProperty('dynamicSeed');
    expect(delayed).toMatchObject({ latencyMs: 20 });
    expect(dynamic).toMatchObject({ dynamicSeed: 7 });
    // The seed replays it: the same body again.
    const again = await sandbox.request({
      url: '/flashback/mfa/status',
      session: 'journal-how-2',
      headers: { ...ADA, prefer: `dynamic=true, seed=${String(dynamic!.dynamicSeed)}` },
    });
    expect(again.body).toBe(generated.body);
  });

  it('Prefer: latency=<min>-<max> draws each delay from the range', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => sandbox.request({ url: '/flashback/mfa/status', session: 'lat-range', headers: { ...ADA, prefer: 'latency=50-250' } })),
    );
    const delays = responses.map((res) => Number(res.headers['x-mock-latency-ms']));
    for (const delay of delays) expect(delay).toSatisfy((ms: number) => ms >= 50 && ms <= 250);
    expect(new Set(delays).size).toBeGreaterThan(1); // 12 equal draws from 201 values would be a broken random source
  });

  it('in a session with a seed, random delays and fault rates draw from it: the same requests replay the same way', async () => {
    const admin = (method: 'PUT' | 'POST', url: string, payload: object) => sandbox.app.inject({ method, url: `/__admin/sessions/${url}`, payload });
    // What a run of 12 requests met: each one's delay and whether its body was broken.
    const run = async (session: string) => {
      const met: string[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': session, prefer: 'latency=1-9' } });
        met.push(`${String(res.headers['x-mock-latency-ms'])}${res.headers['x-mock-fault-injected'] ? '!' : ''}`);
      }
      return met;
    };
    const flaky = { surface: 'flashback', operationId: 'getMFAStatus', fault: 'malformed-body', faultRate: 0.5 };
    for (const session of ['seeded-a', 'seeded-b']) {
      expect((await admin('POST', `${session}/overrides`, flaky)).statusCode).toBe(201);
      expect((await admin('PUT', `${session}/seed`, { seed: 7 })).statusCode).toBe(200);
    }
    const first = await run('seeded-a');
    expect(new Set(first).size).toBeGreaterThan(2); // draws that vary: delays and faults both
    expect(first.some((met) => met.endsWith('!')) && first.some((met) => !met.endsWith('!'))).toBe(true);
    expect(await run('seeded-b')).toEqual(first); // another session with the same seed
    expect((await admin('PUT', 'seeded-a/seed', { seed: 7 })).statusCode).toBe(200); // setting it again starts it over
    expect(await run('seeded-a')).toEqual(first);
    expect((await admin('PUT', 'seeded-a/seed', { seed: 8 })).statusCode).toBe(200);
    expect(await run('seeded-a')).not.toEqual(first);
  });

  it('scenario "slow" keeps the stateful answers and delays each by 1.5 s', async () => {
    const session = 'slow-session';
    const { value: setup, ms } = await timed(() =>
      sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', session, scenario: 'slow', headers: ADA, payload: { mfaType: 'GOOGLE_AUTH' } }),
    );
    expect(ms).toBeGreaterThanOrEqual(1495);
    expect(setup.statusCode).toBe(200);
    expect(setup.data.data.secret).toMatch(/^[A-Z2-7]+$/);
    expect(setup.headers['x-mock-latency-ms']).toBe('1500');
    // A request's own latency wins over its scenario's.
    const { ms: quick } = await timed(() =>
      sandbox.request({ url: '/flashback/mfa/status', session, headers: { ...ADA, prefer: 'scenario=slow, latency=0' } }),
    );
    expect(quick).toBeLessThan(1000);
  });
});

describe('broken bodies', () => {
  it('malformed-body sends the real answer as invalid JSON, marked as injected', async () => {
    const clean = await sandbox.request({
      url: '/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa',
      session: 'malformed',
      headers: { authorization: 'Bearer lerian-token-johndoe' },
    });
    const broken = await sandbox.request({
      url: '/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa',
      session: 'malformed',
      headers: { authorization: 'Bearer lerian-token-johndoe', prefer: 'fault=malformed-body' },
    });
    expect(broken.statusCode).toBe(200);
    expect(broken.headers['x-mock-fault-injected']).toBe('malformed-body');
    expect(broken.headers['content-type']).toContain('application/json');
    expect(() => JSON.parse(broken.body)).toThrow(SyntaxError);
    expect(broken.body).toBe(`${clean.body.slice(0, -1)},}`);
  });

  it('truncated-body sends the first half of the answer', async () => {
    const clean = await sandbox.request({ url: '/flashback/mfa/methods', session: 'truncated', headers: ADA });
    const broken = await sandbox.request({ url: '/flashback/mfa/methods', session: 'truncated', headers: { ...ADA, prefer: 'fault=truncated-body' } });
    expect(broken.headers['x-mock-fault-injected']).toBe('truncated-body');
    expect(broken.body.length).toBe(Math.floor(clean.body.length / 2));
    expect(clean.body.startsWith(broken.body)).toBe(true);
    expect(() => JSON.parse(broken.body)).toThrow(SyntaxError);
    expect(Number(broken.headers['content-length'])).toBe(Buffer.byteLength(broken.body));
  });

  it('sandbox errors are never degraded: a bad scenario name is still a clean problem+json', async () => {
    const res = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'scenario=nope, fault=malformed-body' } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['x-mock-fault-injected']).toBeUndefined();
    expect(res.json().code).toBe('MOCK_ERR_UNKNOWN_SCENARIO');
  });
});

describe('a gateway in front of the vendor', () => {
  const journalOf = async (session: string, query = '') => {
    const journal = await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal${query}` });
    expect(check('getJournal', journal)).toEqual([]);
    return journal.json<Array<{ operationId: string; status: number; fault?: string }>>();
  };

  it.each([
    ['bad-gateway', 502, '502 Bad Gateway'],
    ['service-unavailable', 503, '503 Service Temporarily Unavailable'],
    ['gateway-timeout', 504, '504 Gateway Time-out'],
  ])("%s answers %i with the gateway's own HTML page, after the operation ran", async (fault, status, title) => {
    const session = `gateway-${status}`;
    const res = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/organization/enforce',
      session,
      headers: { ...ADA, prefer: `fault=${fault}` },
      payload: { enforced: true },
    });
    expect([res.statusCode, res.headers['content-type'], res.headers['x-mock-fault-injected']]).toEqual([status, 'text/html', fault]);
    expect(res.body).toBe(
      `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    );
    const after = await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    expect(after.data.data.isEnforced).toBe(true); // the operation ran: a retry meets its effect
    // The journal keeps what the operation answered, and a status filter counts what the client got.
    expect((await journalOf(session))[0]).toMatchObject({ operationId: 'enforceOrganizationMFA', status: 200, fault });
    expect((await journalOf(session, `?status=${status}`)).map((entry) => entry.operationId)).toEqual(['enforceOrganizationMFA']);
    expect((await journalOf(session, '?status=200')).map((entry) => entry.operationId)).toEqual(['getMFAStatus']);
  });

  it("keeps an override's added headers (a 503's Retry-After), never the vendor's own headers or cookies", async () => {
    const session = 'gateway-retry-after';
    const added = await sandbox.app.inject({
      method: 'POST',
      url: `/__admin/sessions/${session}/overrides`,
      payload: { surface: 'nest-auth', operationId: 'login', fault: 'service-unavailable', headers: { 'Retry-After': '30' }, times: 1 },
    });
    expect(added.statusCode).toBe(201);
    const login = () =>
      sandbox.request({
        method: 'POST',
        url: '/nest-auth/auth/login',
        session,
        headers: { 'x-access-token-type': 'cookie' },
        payload: { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } },
      });
    const unavailable = await login();
    expect([unavailable.statusCode, unavailable.headers['retry-after'], unavailable.headers['set-cookie']]).toEqual([503, '30', undefined]);
    const signedIn = await login(); // the override was used up
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['set-cookie']).toBeDefined();
  });
});

describe('dropped connections (real port)', () => {
  it('destroys the socket after the operation ran; the server keeps serving and the journal says so', async () => {
    const session = server.session('drop-real');
    const dropped = fetch(`${server.url}/flashback/mfa/organization/enforce`, {
      method: 'POST',
      headers: { ...ADA, ...session.headers, 'content-type': 'application/json', prefer: 'fault=drop-connection' },
      body: JSON.stringify({ enforced: true }),
    });
    await expect(dropped).rejects.toThrow(TypeError); // undici: "fetch failed", cause: other side closed
    const after = await fetch(`${server.url}/flashback/mfa/status`, { headers: { ...ADA, ...session.headers } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as any).data.isEnforced).toBe(true); // the answer was lost, the change was not
    expect(session.journal().map(({ operationId, status, fault }) => ({ operationId, status, fault }))).toEqual([
      { operationId: 'enforceOrganizationMFA', status: 200, fault: 'drop-connection' },
      { operationId: 'getMFAStatus', status: 200, fault: undefined },
    ]);
  });

  it('connection-reset resets the connection (ECONNRESET) where drop-connection closes it; both after the operation ran', async () => {
    const session = server.session('reset-real');
    const ended = async (fault: string) => {
      const failure = await fetch(`${server.url}/flashback/mfa/status`, { headers: { ...ADA, ...session.headers, prefer: `fault=${fault}` } }).then(
        () => undefined,
        (error: Error & { cause?: { code?: string } }) => error.cause?.code,
      );
      return failure;
    };
    expect(await ended('connection-reset')).toBe('ECONNRESET');
    expect(await ended('drop-connection')).toBe('UND_ERR_SOCKET'); // undici: "other side closed"
    expect(session.journal().map(({ fault }) => fault)).toEqual(['connection-reset', 'drop-connection']);
    expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
  });

  it('scenario "flaky-network" drops about one answer in four and delays the rest by 100-1200 ms', async () => {
    const session = server.session('flaky');
    session.useScenario('flaky-network', 'flashback');
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${server.url}/flashback/mfa/status`, { headers: { ...ADA, ...session.headers } }).then(
          (res) => Number(res.headers.get('x-mock-latency-ms')),
          () => 'dropped' as const,
        ),
      ),
    );
    const delays = outcomes.filter((outcome): outcome is number => outcome !== 'dropped');
    // With p = 0.25 over 40 requests, no drop (p ~ 1e-5) or fewer than 20 answers (p ~ 1e-4) means the rate is ignored.
    expect(delays.length).toBeLessThan(40);
    expect(delays.length).toBeGreaterThanOrEqual(20);
    for (const delay of delays) expect(delay).toSatisfy((ms: number) => ms >= 100 && ms <= 1200);
    const health = await fetch(`${server.url}/__admin/health`);
    expect(health.status).toBe(200);
  });

  it('closed-mid-body sends the status, the whole Content-Length and half the body, then closes: the client reads a short body', async () => {
    const session = server.session('mid-body');
    const whole = await (await fetch(`${server.url}/flashback/mfa/methods`, { headers: { ...ADA, ...session.headers } })).text();
    const cut = await fetch(`${server.url}/flashback/mfa/methods`, { headers: { ...ADA, ...session.headers, prefer: 'fault=closed-mid-body' } });
    expect([cut.status, cut.headers.get('x-mock-fault-injected'), cut.headers.get('content-length')]).toEqual([
      200,
      'closed-mid-body',
      String(Buffer.byteLength(whole)),
    ]);
    await expect(cut.text()).rejects.toThrow(/terminated/); // undici's short read; its cause: "other side closed"
    // node:http reads the half, then the response's 'aborted' error: what its JSON parser never gets to see.
    const { get } = await import('node:http');
    const read = await new Promise<{ bytes: number; error: string }>((resolve) => {
      get(`${server.url}/flashback/mfa/methods`, { headers: { ...ADA, ...session.headers, prefer: 'fault=closed-mid-body' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('error', (error) => resolve({ bytes, error: error.message }));
      });
    });
    expect(read).toEqual({ bytes: Math.floor(Buffer.byteLength(whole) / 2), error: 'aborted' });
    // A HEAD answer has no body to cut: its headers arrive whole (Node would send nothing at all for a HEAD's body).
    const head = await fetch(`${server.url}/flashback/mfa/methods`, {
      method: 'HEAD',
      headers: { ...ADA, ...session.headers, prefer: 'fault=closed-mid-body' },
    });
    expect([head.status, head.headers.get('x-mock-fault-injected'), head.headers.get('content-length')]).toEqual([
      200,
      'closed-mid-body',
      String(Buffer.byteLength(whole)),
    ]);
    // A page on another origin may read the headers an override added, as on any answer.
    session.addOverride({ surface: 'flashback', operationId: 'getAvailableMethods', fault: 'closed-mid-body', headers: { 'Retry-After': '30' }, times: 1 });
    const page = await fetch(`${server.url}/flashback/mfa/methods`, { headers: { ...ADA, ...session.headers, origin: 'http://localhost:5173' } });
    expect([page.headers.get('retry-after'), page.headers.get('access-control-expose-headers')?.split(', ').includes('Retry-After')]).toEqual(['30', true]);
    await page.text().catch(() => undefined);
    expect(session.journal().map(({ method, fault }) => `${method} ${fault}`)).toEqual([
      'GET undefined',
      'GET closed-mid-body',
      'GET closed-mid-body',
      'HEAD closed-mid-body',
      'GET closed-mid-body',
    ]);
    expect((await fetch(`${server.url}/__admin/health`)).status).toBe(200);
  });

  it('slow-body without a latency takes 3 s; a HEAD answer has no body to send slowly; a scenario override spreads its latency over the body', async () => {
    const session = server.session('slow-body-real');
    const leaving = new AbortController();
    const slow = await fetch(`${server.url}/flashback/mfa/methods`, {
      headers: { ...ADA, ...session.headers, prefer: 'fault=slow-body' },
      signal: leaving.signal,
    });
    expect([slow.headers.get('x-mock-fault-injected'), slow.headers.get('x-mock-latency-ms')]).toEqual(['slow-body', '3000']);
    leaving.abort();
    const head = await timed(() =>
      fetch(`${server.url}/flashback/mfa/methods`, { method: 'HEAD', headers: { ...ADA, ...session.headers, prefer: 'fault=slow-body, latency=5000' } }),
    );
    expect([head.value.status, head.value.headers.get('x-mock-fault-injected'), head.ms < 2_500]).toEqual([200, 'slow-body', true]);
    session.addOverride({ surface: 'flashback', operationId: 'getAvailableMethods', latencyMs: 600, fault: 'slow-body', times: 1 });
    const overridden = await timed(async () => {
      const response = await fetch(`${server.url}/flashback/mfa/methods`, { headers: { ...ADA, ...session.headers } });
      return { headers: Object.fromEntries(response.headers), body: (await response.json()) as { success: boolean } };
    });
    expect([overridden.value.headers['x-mock-latency-ms'], overridden.value.body.success, overridden.ms >= 550]).toEqual(['600', true, true]);
    expect(session.journal().map(({ method, fault, latencyMs }) => `${method} ${fault} ${latencyMs}`)).toEqual([
      'GET slow-body 3000',
      'HEAD slow-body undefined', // sent at once: no time taken
      'GET slow-body 600',
    ]);
    expect(session.journal()[1]!.durationMs).toBeLessThan(1_000);
  });

  it('close() with a slow body going out sends the rest of it at once', async () => {
    const closing = await createSandbox();
    const slow = await fetch(`${closing.url}/flashback/mfa/status`, { headers: { ...ADA, prefer: 'fault=slow-body, latency=20000' } });
    const started = performance.now();
    const [text] = await Promise.all([slow.text(), closing.close()]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(JSON.parse(text)).toMatchObject({ success: true, data: { isEnabled: false } });
  });

  it('through app.inject a dropped or reset connection rejects instead of hanging', async () => {
    await expect(sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'fault=drop-connection' } })).rejects.toThrow(/destroyed/);
    await expect(sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'fault=connection-reset' } })).rejects.toThrow(/destroyed/);
    await expect(sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'fault=closed-mid-body' } })).rejects.toThrow(/destroyed/);
    // A slow body is read whole, once its time is over.
    const slow = await timed(() => sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'fault=slow-body, latency=300' } }));
    expect([slow.value.statusCode, slow.value.json().success, slow.ms >= 250]).toEqual([200, true, true]);
  });
});

describe('rate limits', () => {
  it('genauth scenario "rate-limited" answers every operation with the vendor throttle envelope (HTTP 200, statusCode 429)', async () => {
    const query = { userId: '6229ffaxxxxxxxxcade3e3d9' };
    const headers = signGenAuthRequest({
      method: 'GET',
      path: '/api/v3/get-mfa-status',
      fields: query,
      accessKeyId: GENAUTH_ACCESS_KEY.id,
      accessKeySecret: GENAUTH_ACCESS_KEY.secret,
    });
    const res = await sandbox.request({ url: `/genauth/api/v3/get-mfa-status?${new URLSearchParams(query).toString()}`, scenario: 'rate-limited', headers });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ statusCode: 429, message: 'Too many requests, please try again later' });
  });
});

describe('bad fault preferences are sandbox errors', () => {
  it.each(['latency=abc', 'latency=900-100', 'latency=70000', 'fault=explode'])('Prefer: %s is a 400 problem+json', async (prefer) => {
    const res = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-mock-error']).toBe('true');
    expect(res.json().code).toBe('MOCK_ERR_BAD_PREFER_HEADER');
  });

  it('a misspelt fault is named with the one meant', async () => {
    const typo = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'fault=drop-conection' } });
    expect(typo.json().detail).toBe('Prefer: fault=drop-conection is not a fault the sandbox injects (did you mean "drop-connection"?)');
  });

  it('a delay over the limit is told as too long, not as unreadable', async () => {
    const long = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'latency=70000' } });
    expect(long.json().detail).toBe(
      "Prefer: latency=70000 is over the longest delay the sandbox injects, 60000 ms; to test a client's timeout, give the client a shorter one",
    );
    const unreadable = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'latency=soon' } });
    expect(unreadable.json().detail).toBe('Prefer: latency=soon is not a delay; use latency=<ms> or latency=<min>-<max>, at most 60000');
  });
});
