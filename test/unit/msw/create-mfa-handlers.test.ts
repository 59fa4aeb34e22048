import { getResponse } from 'msw';
import { createGuardrails, generateSync } from 'otplib';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError as ServerConfigError, createSandbox } from '../../../src/index.js';
import { ConfigError, createControlledClock, createMfaHandlers, SandboxError, toSignedHeaders } from '../../../src/msw/create-mfa-handlers.js';
import { GENAUTH_ACCESS_KEY } from '../../harness/genauth-signer.js';

/**
 * The options of `createMfaHandlers`, through msw's own `getResponse` (the handler lookup setupServer and setupWorker
 * use), with no interception and no network: base URLs, the start scenario and the clock.
 */
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

function request(url: string, init: RequestInit = {}): Request {
  return new Request(url, init);
}

describe('createMfaHandlers', () => {
  it('listens at http://localhost:4010/<surface> by default, the URLs of `npm start`', async () => {
    const mfa = createMfaHandlers();
    expect(mfa.baseUrls).toEqual({
      flashback: 'http://localhost:4010/flashback',
      'nest-auth': 'http://localhost:4010/nest-auth',
      lerian: 'http://localhost:4010/lerian',
      genauth: 'http://localhost:4010/genauth',
    });
    const response = await getResponse(mfa.handlers, request('http://localhost:4010/flashback/mfa/status', { headers: ADA }));
    expect(response?.status).toBe(200);
    expect(await response?.json()).toMatchObject({ success: true, data: { isEnabled: false } });
  });

  it('with dynamic: true, generates every answer as Prefer: dynamic=true does; dynamic=false gets the state as it is', async () => {
    const mfa = createMfaHandlers({ dynamic: true });
    const status = (prefer: string) => getResponse(mfa.handlers, request('http://localhost:4010/flashback/mfa/status', { headers: { ...ADA, prefer } }));
    const generated = await status('seed=3');
    expect([generated?.status, generated?.headers.get('x-mock-dynamic'), generated?.headers.get('x-mock-dynamic-seed')]).toEqual([200, 'generated', '3']);
    const asItIs = await status('dynamic=false');
    expect([asItIs?.status, asItIs?.headers.get('x-mock-dynamic')]).toEqual([200, null]);
    expect(
      (await getResponse(createMfaHandlers().handlers, request('http://localhost:4010/flashback/mfa/status', { headers: ADA })))?.headers.get('x-mock-dynamic'),
    ).toBeNull();
  });

  it("serves a surface at the vendor's real origin, and leaves that origin's other paths alone", async () => {
    const mfa = createMfaHandlers({ baseUrls: { genauth: 'https://api.genauth.ai/' } });
    expect(mfa.baseUrls.genauth).toBe('https://api.genauth.ai');
    const path = '/api/v3/get-mfa-status';
    const fields = { userId: '6229ffaxxxxxxxxcade3e3d9' };
    const headers = toSignedHeaders({ method: 'GET', path, fields, accessKeyId: GENAUTH_ACCESS_KEY.id, accessKeySecret: GENAUTH_ACCESS_KEY.secret });
    const signed = await getResponse(mfa.handlers, request(`https://api.genauth.ai${path}?userId=${fields.userId}`, { headers }));
    expect(await signed?.json()).toMatchObject({ statusCode: 200, data: { totpMfaEnabled: false } });
    // A bare origin may serve more than this API: an unknown path there is not answered (MSW passes it on).
    expect(await getResponse(mfa.handlers, request('https://api.genauth.ai/something-else'))).toBeUndefined();
    // Under a base URL with a path, an unknown path is the sandbox's own 404, as on the server.
    const unknown = await getResponse(mfa.handlers, request('http://localhost:4010/flashback/no-such-route', { method: 'DELETE' }));
    expect([unknown?.status, unknown?.headers.get('x-mock-error')]).toEqual([404, 'true']);
    expect(await getResponse(mfa.handlers, request('http://localhost:4010/elsewhere'))).toBeUndefined();
  });

  it("filters the journal by path under each surface's base URL path, and refuses a path none of them serves", async () => {
    const mfa = createMfaHandlers({ baseUrls: { 'nest-auth': 'https://auth.example.com/nestauth', flashback: 'https://api.example.com/v2/flashback' } });
    const nestAuth = { 'x-mock-session': 'paths', authorization: 'Bearer nest-auth-token-ada' };
    expect((await getResponse(mfa.handlers, request('https://auth.example.com/nestauth/auth/mfa/status', { headers: nestAuth })))?.status).toBe(200);
    const viaPrefix = 'https://api.example.com/s/paths/scenario/mfa-enabled/v2/flashback/mfa/status';
    expect((await getResponse(mfa.handlers, request(viaPrefix, { headers: ADA })))?.status).toBe(200);
    const qa = mfa.session('paths');
    // A base path spelt near a surface id (/nestauth) is no typo; a session prefix with a scenario is no part of the path.
    expect(qa.journal({ path: '/nestauth/auth/mfa/status' })).toHaveLength(1);
    expect(qa.journal({ path: '/nestauth/*' })).toHaveLength(1);
    expect(qa.journal({ path: '/v2/flashback/mfa/status' })).toHaveLength(1);
    expect(qa.verify([{ path: '/v2/*', count: 1 }])).toHaveLength(1);
    // Paths no request here could have: without the base URL's path, or with a typo in it, counted 0 and "never called" held.
    expect(() => qa.journal({ path: '/flashback/mfa/status' })).toThrow(/no operation of the surfaces served here has the path "\/flashback\/mfa\/status"/);
    expect(() => qa.verify([{ path: '/v2/flashbak/mfa/status', count: 0 }])).toThrow(/\(did you mean "\/v2\/flashback\/mfa\/status"\?\)/);
    expect(() => qa.journal({ path: '/v2/flashbak/*' })).toThrow(/has a path starting "\/v2\/flashbak\/"/);
  });

  it('writes a magic link under an https base URL with https (an http link is mixed content on an https page), and follows it there', async () => {
    const mfa = createMfaHandlers({ baseUrls: { flashback: 'https://backend.flashback.tech' } });
    const sent = await getResponse(mfa.handlers, request('https://backend.flashback.tech/mfa/magic-link/send', { method: 'POST', headers: ADA }));
    expect(sent?.status).toBe(200);
    const [message] = mfa.session('default').outbox('flashback');
    expect(message?.link).toMatch(/^https:\/\/backend\.flashback\.tech\/__admin\/sessions\/default\/magic-links\/[\w-]+$/);
    const followed = await getResponse(mfa.handlers, request(message!.link!));
    expect([followed?.status, await followed?.text()]).toEqual([200, expect.stringContaining('Magic link activated')]);
  });

  it("with magicLinkUrl, writes a magic link to the app's page, whose token the app redeems; a URL without {token} is refused", async () => {
    const mfa = createMfaHandlers({ magicLinkUrl: 'http://localhost:5173/mfa/magic-link?token={token}' });
    const post = (path: string, body: unknown) =>
      getResponse(mfa.handlers, request(`http://localhost:4010/flashback${path}`, { method: 'POST', headers: ADA, body: JSON.stringify(body) }));
    expect((await post('/mfa/magic-link/send', {}))?.status).toBe(200);
    const [message] = mfa.session('default').outbox('flashback');
    expect(message?.link).toBe(`http://localhost:5173/mfa/magic-link?token=${message?.token}`);
    expect(message?.text).toContain(message!.link!);
    const token = new URL(message!.link!).searchParams.get('token');
    const activated = await post('/mfa/magic-link/activate', { token });
    expect([activated?.status, await activated?.json()]).toEqual([200, { success: true, message: 'Magic link MFA activated successfully' }]);
    expect(() => createMfaHandlers({ magicLinkUrl: 'http://localhost:5173/mfa/magic-link' })).toThrow(
      /^mfa-sandbox\/msw: magicLinkUrl: magic link URL must be an http\(s\) URL or an app's deep link \(myapp:\/\/\.\.\.\) with \{token\} where the link's token goes/,
    );
  });

  it("leaves an undecodable path at the vendor's real origin to other handlers unless it is shaped like an operation's", async () => {
    const mfa = createMfaHandlers({ baseUrls: { lerian: 'https://identity.example.com' } });
    const shaped = await getResponse(mfa.handlers, request('https://identity.example.com/v1/users/%E9/mfa'));
    expect([shaped?.status, ((await shaped?.json()) as { code: string }).code]).toEqual([400, 'MOCK_ERR_BAD_REQUEST']);
    expect(await getResponse(mfa.handlers, request('https://identity.example.com/elsewhere/%E9'))).toBeUndefined();
  });

  it('takes a request signed for a browser (toSignedHeaders browser: true): the date in x-genauth-date or x-authing-date, no date header', async () => {
    const mfa = createMfaHandlers();
    const path = '/api/v3/get-mfa-status';
    const fields = { userId: '6229ffaxxxxxxxxcade3e3d9' };
    for (const flavour of ['genauth', 'authing'] as const) {
      const key = { accessKeyId: GENAUTH_ACCESS_KEY.id, accessKeySecret: GENAUTH_ACCESS_KEY.secret };
      const headers = toSignedHeaders({ method: 'GET', path, fields, ...key, flavour, browser: true });
      expect(Object.keys(headers)).toContain(`x-${flavour}-date`);
      expect(headers).not.toHaveProperty('date');
      const signed = await getResponse(mfa.handlers, request(`http://localhost:4010/genauth${path}?userId=${fields.userId}`, { headers }));
      expect(await signed?.json(), flavour).toMatchObject({ statusCode: 200 });
    }
  });

  it("answers the server's admin API with a 404 naming the session controls, not a network error (a page written against npm start)", async () => {
    const mfa = createMfaHandlers();
    const response = await getResponse(mfa.handlers, request('http://localhost:4010/__admin/sessions/qa-7/scenario', { method: 'PUT', body: '{}' }));
    expect(response?.status).toBe(404);
    expect(await response?.json()).toMatchObject({
      code: 'MOCK_ERR_ROUTE_NOT_FOUND',
      detail: expect.stringContaining('No admin API under MSW: the handlers are the sandbox; use their session controls instead (mfa.session(id).useScenario'),
    });
  });

  it('starts every session in the given scenario, says which surfaces lack it, and refuses a scenario no surface has', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const mfa = createMfaHandlers({ scenario: 'org-enforced' });
    const response = await getResponse(mfa.handlers, request('http://localhost:4010/flashback/mfa/status', { headers: ADA }));
    expect(((await response?.json()) as { data: { isEnforced: boolean } }).data.isEnforced).toBe(true);
    // As `serve --scenario org-enforced` warns (Lerian has no such scenario), in mfa.warnings and on the console.
    expect(mfa.warnings).toEqual(['scenario org-enforced: not on lerian (lerian sessions start in default)']);
    expect(warn).toHaveBeenCalledWith('mfa-sandbox/msw: warning: scenario org-enforced: not on lerian (lerian sessions start in default)');
    warn.mockRestore();
    expect(createMfaHandlers({ scenario: 'mfa-enabled' }).warnings).toEqual([]);
    expect(() => createMfaHandlers({ scenario: 'no-such-scenario' })).toThrow(/scenario "no-such-scenario" is not a scenario of any surface/);
    expect(() => createMfaHandlers({ scenario: 'mfa-enabld' })).toThrow(/"mfa-enabld" is not a scenario of any surface \(did you mean "mfa-enabled"\?\)/);
    for (const journalSize of [0, -1, 1.5])
      expect(() => createMfaHandlers({ journalSize }), String(journalSize)).toThrow(/journalSize must be an integer between 1 and 100000/);
    expect(createMfaHandlers({ journalSize: undefined, scenario: undefined }).handlers.length).toBeGreaterThan(0);
  });

  it('refuses an option it does not take (a misspelt one named with the one meant), and says why it reads no scenario files', () => {
    // As a JavaScript caller, or an options object built elsewhere, passes them: TypeScript refuses only a literal's.
    const create = (options: Record<string, unknown>) => () => createMfaHandlers(options);
    expect(create({ sceanrio: 'mfa-enabled' })).toThrow(
      'mfa-sandbox/msw: unknown option "sceanrio" (did you mean "scenario"?); createMfaHandlers takes baseUrls, ',
    );
    expect(create({ scenariosDir: 'my-scenarios' })).toThrow(
      /unknown option "scenariosDir": the handlers read no files .* serve the shipped specs and scenarios/,
    );
    // A misspelt surface in baseUrls: its requests would go unmocked to the network.
    expect(create({ baseUrls: { flashbak: 'http://localhost:5299/flashback' } })).toThrow(
      'mfa-sandbox/msw: baseUrls has no surface "flashbak" (did you mean "flashback"?); its surfaces are flashback, nest-auth, lerian, genauth',
    );
  });

  it('throws a ConfigError for a bad option, the class createSandbox throws, and a SandboxError from a session control, both exported', () => {
    // A caller tells a setup mistake from a failure with `instanceof`, the same way with the handlers as with a server.
    expect(ConfigError).toBe(ServerConfigError);
    const problems: Array<Record<string, unknown>> = [
      { sceanrio: 'mfa-enabled' },
      { scenario: 'nope' },
      { journalSize: 0 },
      { sessionTtlMs: 1 },
      { baseUrls: { lerian: '/lerian' } },
    ];
    for (const options of problems) expect(() => createMfaHandlers(options), JSON.stringify(options)).toThrow(ConfigError);
    const mfa = createMfaHandlers();
    expect(() => mfa.session('qa').useScenario('no-such-scenario')).toThrow(SandboxError);
  });

  it("refuses an option of the wrong type as createSandbox does: `dynamic: 'no'` made every answer generated", () => {
    const refused: Array<[Record<string, unknown>, string]> = [
      [{ dynamic: 'no' }, 'dynamic must be true or false, got "no"'],
      [{ validateResponses: 1 }, 'validateResponses must be true or false, got 1'],
      [{ baseUrls: null }, 'baseUrls must be an object of base URLs by surface'],
      [{ baseUrls: 5 }, 'baseUrls must be an object of base URLs by surface'],
      [{ clock: Date.now }, 'clock must be a clock (systemClock, or createControlledClock(...))'],
    ];
    for (const [options, message] of refused) {
      expect(() => createMfaHandlers(options), JSON.stringify(options)).toThrow(ConfigError);
      expect(() => createMfaHandlers(options), JSON.stringify(options)).toThrow(`mfa-sandbox/msw: ${message}`);
    }
    expect(() => createMfaHandlers({ dynamic: false, validateResponses: true, clock: createControlledClock(0) })).not.toThrow();
  });

  it('refuses a relative base URL outside a browser page', () => {
    expect(() => createMfaHandlers({ baseUrls: { lerian: '/lerian' } })).toThrow(/baseUrls\.lerian "\/lerian" is not an absolute URL/);
    // No object at all (an options variable not set): said as a ConfigError, not a bare TypeError from Object.keys.
    for (const options of [null, 'flashback', []]) {
      expect(() => createMfaHandlers(options as never), JSON.stringify(options)).toThrow(ConfigError);
      expect(() => createMfaHandlers(options as never)).toThrow(/^mfa-sandbox\/msw: createMfaHandlers takes an object of options \(baseUrls, /);
    }
  });

  it('refuses a base URL no fetch could reach it by: another scheme, a query or a fragment (dropped silently before)', () => {
    expect(() => createMfaHandlers({ baseUrls: { lerian: 'ftp://api.test/x' } })).toThrow(
      /baseUrls\.lerian "ftp:\/\/api\.test\/x" is not an http or https URL/,
    );
    for (const url of ['http://api.test/x?y=1', 'http://api.test/x#top'])
      expect(() => createMfaHandlers({ baseUrls: { genauth: url } }), url).toThrow(/has a query or fragment, which no request URL starts with/);
    expect(createMfaHandlers({ baseUrls: { genauth: 'https://api.test/x/' } }).baseUrls.genauth).toBe('https://api.test/x');
  });

  it("takes its time from the clock it is given: TOTP codes of that moment verify, the wall clock's do not", async () => {
    const atMs = Date.UTC(2026, 0, 1, 12, 0, 0);
    const mfa = createMfaHandlers({ clock: createControlledClock(atMs) });
    const post = (path: string, body: unknown) =>
      getResponse(mfa.handlers, request(`http://localhost:4010/flashback${path}`, { method: 'POST', headers: ADA, body: JSON.stringify(body) }));
    const setup = (await (await post('/mfa/setup', { mfaType: 'GOOGLE_AUTH' }))!.json()) as { data: { secret: string } };
    const codeAt = (epochMs: number) =>
      generateSync({ secret: setup.data.secret, epoch: Math.floor(epochMs / 1000), guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }) });
    expect(mfa.totpCode('usr_ada')).toBe(codeAt(atMs));
    const wallClock = await post('/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: codeAt(Date.now()) });
    expect(wallClock?.status).toBe(400);
    const controlled = await post('/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: codeAt(atMs) });
    expect(controlled?.status).toBe(200);
    expect(mfa.journal().map((entry) => entry.at)).toEqual(Array(3).fill(new Date(atMs).toISOString()));
  });

  it("forgets a session idle for sessionTtlMs on its clock (30 minutes unless given); a session's own clock moves only its time", async () => {
    const clock = createControlledClock(Date.UTC(2026, 0, 1, 12, 0, 0));
    type Handlers = ReturnType<typeof createMfaHandlers>;
    // A TOTP setup in progress is what a forgotten session loses (its next use starts again from the scenario).
    const hasPendingSetup = (mfa: Handlers, session: string) => mfa.session(session).state()['flashback/default']!.users.usr_ada!.pending.totp !== undefined;
    const setUp = async (mfa: Handlers, session: string) => {
      const url = `http://localhost:4010/s/${session}/flashback/mfa/setup`;
      await getResponse(mfa.handlers, request(url, { method: 'POST', headers: ADA, body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }) }));
      return hasPendingSetup(mfa, session);
    };
    const byDefault = createMfaHandlers({ clock });
    const longer = createMfaHandlers({ clock, sessionTtlMs: 2 * 3600_000 });
    expect([await setUp(byDefault, 'moved'), await setUp(byDefault, 'idle'), await setUp(longer, 'idle')]).toEqual([true, true, true]);
    byDefault.session('moved').clock.advance(3600_000); // its own time only: nothing grows idle
    expect([hasPendingSetup(byDefault, 'moved'), hasPendingSetup(byDefault, 'idle')]).toEqual([true, true]);
    clock.advance(31 * 60_000);
    expect([hasPendingSetup(byDefault, 'idle'), hasPendingSetup(longer, 'idle')]).toEqual([false, true]);
    for (const sessionTtlMs of [0, 999, 1.5, 8 * 24 * 3600_000])
      expect(() => createMfaHandlers({ sessionTtlMs }), String(sessionTtlMs)).toThrow(/sessionTtlMs must be an integer between 1000/);
  });
});

describe('createMfaHandlers and a caller that gives up', () => {
  it('marks the journal entry of an answer whose request was aborted during its delay: it was never sent (clientGone)', async () => {
    const mfa = createMfaHandlers();
    const status = (prefer: string, signal?: AbortSignal) =>
      getResponse(mfa.handlers, request('http://localhost:4010/flashback/mfa/status', { headers: { ...ADA, prefer }, ...(signal ? { signal } : {}) }));
    const giveUp = new AbortController();
    const startedMs = Date.now();
    const abandoned = status('latency=5000', giveUp.signal);
    setTimeout(() => giveUp.abort(), 20);
    await abandoned;
    // Marked as soon as the caller left, as the server does, with how long it waited: not after the delay's 5 s.
    expect(Date.now() - startedMs).toBeLessThan(2500);
    expect(mfa.journal()[0]).toMatchObject({ latencyMs: 5000, clientGone: true });
    expect(mfa.journal()[0]!.durationMs).toBeLessThan(2500);
    expect((await status('latency=1'))?.status).toBe(200);
    expect(mfa.journal().map((entry) => [entry.latencyMs, entry.clientGone])).toEqual([
      [5000, true],
      [1, undefined],
    ]);
    expect(mfa.verify({ status: 200, count: 1 })[0]).toMatchObject({ holds: true });
  });
});

describe('createMfaHandlers with a generated world', () => {
  it('builds many-users from the setting its snapshot carries: the same 500 users the server makes, answering as any other', async () => {
    const server = await createSandbox({ port: 0 });
    try {
      server.session('x').useScenario('many-users', 'flashback');
      const expected = server.session('x').state()['flashback/many-users']!;
      const mfa = createMfaHandlers({ scenario: 'many-users' });
      const response = await getResponse(
        mfa.handlers,
        request('http://localhost:4010/flashback/mfa/status', { headers: { authorization: 'Bearer flashback-token-gen-500' } }),
      );
      expect(response?.status).toBe(200);
      const world = mfa.session('default').state()['flashback/many-users']!;
      expect(Object.keys(world.users)).toHaveLength(502);
      expect(world.users).toEqual(expected.users);
      expect(world.tokens['flashback-token-gen-500']).toBe(Object.keys(world.users)[501]);
    } finally {
      await server.close();
    }
  });
});

describe('createMfaHandlers().close()', () => {
  it("ends a pending waitForMessage at once (a test runner's process is not held to its timeout) and refuses controls after", async () => {
    const mfa = createMfaHandlers();
    const started = Date.now();
    const waiting = mfa.session('closing').waitForMessage({ contains: 'code' }, { timeoutMs: 20_000 });
    mfa.close();
    await expect(waiting).rejects.toMatchObject({ code: 'MOCK_ERR_CLOSING', message: expect.stringContaining('mfa.close() was called') });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(() => mfa.session('closing').useScenario('mfa-enabled')).toThrow('start another with createMfaHandlers()');
    expect(() => mfa.useScenario('mfa-enabled')).toThrow(SandboxError);
  });
});

describe('createMfaHandlers behind the session prefix', () => {
  it('chooses the session and the scenario by /s/<session>/ (and /scenario/<name>/) in front of a base URL, as the server, for that request only', async () => {
    const mfa = createMfaHandlers();
    const enabled = await getResponse(mfa.handlers, request('http://localhost:4010/s/msw-a/scenario/mfa-enabled/flashback/mfa/status', { headers: ADA }));
    expect(enabled?.status).toBe(200);
    expect(await enabled?.json()).toMatchObject({ data: { isEnabled: true } });
    // No session cookie (the server's is for pages it serves; MSW would send it on every later request of the process).
    expect(enabled?.headers.get('set-cookie')).toBeNull();
    const head = await getResponse(mfa.handlers, request('http://localhost:4010/s/msw-a/flashback/mfa/status', { method: 'HEAD', headers: ADA }));
    expect([head?.status, await head?.text()]).toEqual([200, '']);
    expect(
      mfa
        .session('msw-a')
        .journal()
        .map((entry) => `${entry.sessionFrom}:${entry.scenario}`),
    ).toEqual(['path:mfa-enabled', 'path:default']);
    expect(mfa.journal()).toEqual([]);
  });

  it('hands path parameters and signed requests through, and passes on a prefixed URL under no base URL', async () => {
    const mfa = createMfaHandlers();
    const path = '/api/v3/get-user-mfa-info';
    const fields = { userId: '6229ffaxxxxxxxxcade3e3d9' };
    const headers = toSignedHeaders({ method: 'GET', path, fields, accessKeyId: GENAUTH_ACCESS_KEY.id, accessKeySecret: GENAUTH_ACCESS_KEY.secret });
    const signed = await getResponse(
      mfa.handlers,
      request(`http://localhost:4010/s/msw-b/scenario/mfa-enabled/genauth${path}?userId=${fields.userId}`, { headers }),
    );
    expect(await signed?.json()).toMatchObject({ statusCode: 200, data: { totpStatus: 'enabled' } });
    const removed = await getResponse(
      mfa.handlers,
      request('http://localhost:4010/s/msw-b/nest-auth/auth/mfa/devices/no-such-device', {
        method: 'DELETE',
        headers: { authorization: 'Bearer nest-auth-token-ada' },
      }),
    );
    expect(removed?.status).toBe(404);
    expect(
      mfa
        .session('msw-b')
        .journal()
        .map((entry) => entry.operationId),
    ).toEqual(['getUserMfaInfo', 'removeMfaDevice']);
    expect(await getResponse(mfa.handlers, request('http://localhost:4010/s/msw-b/junk/flashback/mfa/status', { headers: ADA }))).toBeUndefined();
  });

  it('answers a path with a trailing slash as the server does: the 404 naming the operation without it', async () => {
    const server = await createSandbox();
    try {
      const mfa = createMfaHandlers();
      for (const path of ['/flashback/mfa/status/', '/s/slash/flashback/mfa/status/']) {
        const fromMsw = await getResponse(mfa.handlers, request(`http://localhost:4010${path}`, { headers: ADA }));
        const fromServer = await fetch(`${server.url}${path}`, { headers: ADA });
        expect([fromMsw?.status, fromMsw?.headers.get('x-mock-error')], path).toEqual([404, 'true']);
        expect(fromServer.status, path).toBe(404);
        const nearMisses = (body: unknown) => (body as { nearMisses: Array<{ path: string; why: string }> }).nearMisses[0];
        expect(nearMisses(await fromMsw?.json()), path).toEqual(nearMisses(await fromServer.json()));
      }
    } finally {
      await server.close();
    }
  });

  it('answers a prefixed URL under a base URL that no operation has with the 404 the server sends for it', async () => {
    const mfa = createMfaHandlers();
    const sandbox = await createSandbox();
    try {
      const path = '/s/msw-c/scenario/mfa-enabled/flashback/mfa/statuz';
      const fromHandlers = await getResponse(mfa.handlers, request(`http://localhost:4010${path}`, { headers: { ...ADA, prefer: 'explain' } }));
      const fromServer = await fetch(`${sandbox.url}${path}`, { headers: { ...ADA, prefer: 'explain' } });
      expect([fromHandlers?.status, fromHandlers?.headers.get('content-type')]).toEqual([404, fromServer.headers.get('content-type')]);
      const [handlersBody, serverBody] = [(await fromHandlers!.json()) as Record<string, unknown>, (await fromServer.json()) as Record<string, unknown>];
      // The same fault, instance and near misses (under the prefix the client used); `surfaces` names each side's own URLs.
      const { surfaces: _handlerSurfaces, ...handlersFault } = handlersBody;
      const { surfaces: _serverSurfaces, admin: _admin, ...serverFault } = serverBody;
      expect(handlersFault).toEqual(serverFault);
      expect(handlersFault.code).toBe('MOCK_ERR_ROUTE_NOT_FOUND');
      expect((handlersFault.nearMisses as unknown[])[0]).toMatchObject({ method: 'GET', path: '/s/msw-c/scenario/mfa-enabled/flashback/mfa/status' });
      expect(JSON.parse(fromHandlers!.headers.get('x-mock-explain')!)).toEqual(JSON.parse(fromServer.headers.get('x-mock-explain')!));
    } finally {
      await sandbox.close();
    }
  });
});
