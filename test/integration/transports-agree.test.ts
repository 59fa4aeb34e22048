import { setupServer } from 'msw/node';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { createMfaHandlers, type MfaHandlers } from '../../src/msw/create-mfa-handlers.js';
import { SANDBOX_DEFINITION_SNAPSHOT } from '../../src/msw/sandbox-definition-snapshot.js';
import type { SandboxSessions } from '../../src/pipeline/sandbox-session.js';
import { SURFACE_IDS, type SurfaceId } from '../../src/surfaces/registry.js';
import { ENROLMENT_FLOWS, LERIAN_JOHN_ID } from '../harness/enrolment-flows.js';
import { SoftwareAuthenticator } from '../harness/software-authenticator.js';
import { GENAUTH_ACCESS_KEY } from '../harness/genauth-signer.js';
import { toScenarioExchanges } from '../harness/scenario-exchanges.js';
import { authenticatorCode } from '../harness/totp.js';
import { fetchTransport, toHttpRequest, type HttpResponse, type Transport, type VendorRequest } from '../harness/vendor-request.js';

/**
 * One matrix, two transports: the sandbox as a server on a real port (`createSandbox`) and the same engine as MSW
 * handlers intercepting `fetch` in this process (`createMfaHandlers` + `setupServer`). Every expectation runs against
 * both through the same `fetch`-based transport, and a replay of every scenario's requests checks they answer alike.
 * The MSW base URLs are on a `.invalid` host, so a request MSW failed to answer could never reach a server.
 */

const MSW_ORIGIN = 'http://mfa-sandbox-msw.invalid';

interface SandboxUnderTest {
  name: 'server' | 'msw';
  /** Where a surface's vendor paths start. */
  baseUrl(surface: SurfaceId): string;
  controls: SandboxSessions;
}

let server: RunningSandbox;
let mfa: MfaHandlers;
let interceptor: ReturnType<typeof setupServer>;
const TRANSPORTS: SandboxUnderTest[] = [
  { name: 'server', baseUrl: (surface) => `${server.url}/${surface}`, controls: lazyControls(() => server) },
  { name: 'msw', baseUrl: (surface) => `${MSW_ORIGIN}/${surface}`, controls: lazyControls(() => mfa) },
];

/** The controls of a sandbox that exists only once beforeAll ran (describe.each needs the list before). */
function lazyControls(sandbox: () => SandboxSessions): SandboxSessions {
  return {
    session: (id) => sandbox().session(id),
    useScenario: (name, surface) => sandbox().useScenario(name, surface),
    outbox: (surface) => sandbox().outbox(surface),
    waitForMessage: (criteria, options) => sandbox().waitForMessage(criteria, options),
    outboxCursor: () => sandbox().outboxCursor(),
    totpCode: (id, options) => sandbox().totpCode(id, options),
    exportFile: () => sandbox().exportFile(),
    importFile: (file) => sandbox().importFile(file),
    get clock() {
      return sandbox().clock;
    },
    journal: (filter) => sandbox().journal(filter),
    verify: (expectations) => sandbox().verify(expectations),
    clearJournal: () => sandbox().clearJournal(),
    addOverride: (override) => sandbox().addOverride(override),
    overrides: () => sandbox().overrides(),
    removeOverride: (id) => sandbox().removeOverride(id),
    clearOverrides: () => sandbox().clearOverrides(),
    lockUser: (userId, options) => sandbox().lockUser(userId, options),
    state: () => sandbox().state(),
    passkeys: (selection) => sandbox().passkeys(selection),
    importPasskey: (credential, options) => sandbox().importPasskey(credential, options),
    seed: () => sandbox().seed(),
    setSeed: (seed) => sandbox().setSeed(seed),
    reset: () => sandbox().reset(),
  };
}

beforeAll(async () => {
  server = await createSandbox();
  mfa = createMfaHandlers({ baseUrls: Object.fromEntries(SURFACE_IDS.map((surface) => [surface, `${MSW_ORIGIN}/${surface}`])) });
  interceptor = setupServer(...mfa.handlers);
  // The server's requests (127.0.0.1) are not MSW's: they go to the network as usual.
  interceptor.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  interceptor?.close();
  await server?.close();
});

const ADA = { kind: 'bearer', token: 'flashback-token-ada' } as const;
/** The user each surface's enrolment flow enrols (scenarios/<surface>/default.yaml). */
const TOTP_USERS: Record<Exclude<SurfaceId, 'genauth'>, string> = {
  flashback: 'usr_ada',
  'nest-auth': '4b3c9c9c-0000-4d1e-8d9f-00000000ada1',
  lerian: LERIAN_JOHN_ID,
};

function send(sandbox: SandboxUnderTest, request: VendorRequest): Promise<HttpResponse> {
  return fetchTransport(sandbox.baseUrl(request.surface))(toHttpRequest(request));
}

let sessionCount = 0;
const newSession = (label: string) => `agree-${label}-${++sessionCount}`;

describe.each(TRANSPORTS)('$name', (sandbox) => {
  it.each(SURFACE_IDS)('%s: the TOTP enrolment flow with codes from an independent authenticator', async (surface) => {
    const session = newSession(surface);
    const transport: Transport = fetchTransport(sandbox.baseUrl(surface));
    const { requests, marker } = await ENROLMENT_FLOWS[surface](transport, session);
    const journal = sandbox.controls.session(session).journal();
    expect(journal).toHaveLength(requests);
    expect(journal.every((entry) => entry.surface === surface && entry.status === 200)).toBe(true);
    // The sandbox's own code for the enrolled secret is the one a phone shows (GenAuth enrols no secret).
    if (surface !== 'genauth') expect(sandbox.controls.session(session).totpCode(TOTP_USERS[surface], { status: 'enrolled' })).toBe(authenticatorCode(marker));
  });

  it('org-enforced chosen for the session: disabling MFA is the vendor 403', async () => {
    const session = newSession('org');
    expect(sandbox.controls.session(session).useScenario('org-enforced', 'flashback')).toEqual(['flashback']);
    const response = await send(sandbox, {
      surface: 'flashback',
      method: 'POST',
      path: '/mfa/disable',
      body: { mfaType: 'GOOGLE_AUTH' },
      credentials: ADA,
      session,
    });
    expect([response.status, response.data]).toEqual([403, { success: false, error: 'Cannot disable MFA when enforced by organization' }]);
  });

  it("lockUser() gives the vendor's locked answer at once, unlocks, and refuses a user or surface it does not have", async () => {
    const session = newSession('lock');
    const qa = sandbox.controls.session(session);
    const status = () => send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session });
    expect(qa.lockUser('usr_ada')).toEqual([{ surface: 'flashback', scenario: 'default' }]);
    expect([(await status()).status, (await status()).data]).toEqual([403, { success: false, error: 'Account locked' }]);
    expect(qa.lockUser('usr_ada', { locked: false, surface: 'flashback' })).toEqual([{ surface: 'flashback', scenario: 'default' }]);
    expect((await status()).status).toBe(200);
    expect(() => qa.lockUser('usr_nobody')).toThrow(expect.objectContaining({ code: 'MOCK_ERR_UNKNOWN_USER' }));
    expect(() => qa.lockUser('usr_ada', { surface: 'okta' })).toThrow(expect.objectContaining({ code: 'MOCK_ERR_UNKNOWN_SURFACE' }));
    for (const options of [{ locked: 'false' }, { lock: true }, true, 'no'])
      expect(() => qa.lockUser('usr_ada', options as never)).toThrow(expect.objectContaining({ code: 'MOCK_ERR_BAD_ADMIN_REQUEST' }));
    // The flag itself, as plain JavaScript in a devtools console passes it, is told the options' shape (it locked her).
    expect(() => qa.lockUser('usr_ada', false as never)).toThrow(
      'lockUser options are { locked?: true | false, surface?: string }, got false; to unlock: lockUser("usr_ada", { locked: false })',
    );
    expect((await status()).status).toBe(200); // none locked her
  });

  it('a session override answers `times` requests of that session only, then the stateful answer; verify counts them', async () => {
    const session = newSession('override');
    const qa = sandbox.controls.session(session);
    expect(qa.addOverride({ surface: 'flashback', operationId: 'disableMFA', status: 500, times: 1 })).toMatchObject({ id: 'ov-1', used: 0 });
    const disable = (inSession: string) =>
      send(sandbox, { surface: 'flashback', method: 'POST', path: '/mfa/disable', body: { mfaType: 'GOOGLE_AUTH' }, credentials: ADA, session: inSession });
    expect((await disable(newSession('no-override'))).status).not.toBe(500);
    const [first, second] = [await disable(session), await disable(session)];
    expect([first.status, first.data?.success, second.status === 500]).toEqual([500, false, false]);
    expect(qa.overrides()).toEqual([expect.objectContaining({ used: 1, times: 1 })]);
    expect(qa.verify({ operationId: 'disableMFA', status: 500, count: 1 })[0]!.actual).toBe(1);
  });

  it('a session override with `after` lets that many calls go by, then answers: the third status is the 500', async () => {
    const session = newSession('override-after');
    const qa = sandbox.controls.session(session);
    expect(qa.addOverride({ operationId: 'getMFAStatus', status: 500, after: 2, times: 1 })).toMatchObject({ surface: 'flashback', passed: 0 });
    const statuses = [];
    for (let call = 0; call < 4; call++)
      statuses.push((await send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session })).status);
    expect(statuses).toEqual([200, 200, 500, 200]);
    expect(qa.overrides()).toEqual([expect.objectContaining({ after: 2, passed: 2, times: 1, used: 1 })]);
  });

  it('Prefer: scenario=missing-user is Lerian IDE-1003; scenario=server-error is nest-auth 500', async () => {
    const session = newSession('scenarios');
    const missing = await send(sandbox, {
      surface: 'lerian',
      method: 'GET',
      path: `/v1/users/${LERIAN_JOHN_ID}/mfa`,
      credentials: { kind: 'bearer', token: 'lerian-token-operator' },
      session,
      scenario: 'missing-user',
    });
    expect([missing.status, missing.data?.code, missing.data?.title]).toEqual([404, 'IDE-1003', 'User ID Not Found']);
    const broken = await send(sandbox, {
      surface: 'nest-auth',
      method: 'GET',
      path: '/auth/mfa/status',
      credentials: { kind: 'bearer', token: 'nest-auth-token-ada' },
      session,
      scenario: 'server-error',
    });
    expect([broken.status, broken.data]).toEqual([500, { statusCode: 500, message: 'Internal server error' }]);
  });

  it('Prefer: code and example answer with the documented response', async () => {
    const session = newSession('prefer');
    const coded = await send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session, headers: { prefer: 'code=500' } });
    expect([coded.status, coded.data?.success]).toEqual([500, false]);
    const example = await send(sandbox, {
      surface: 'flashback',
      method: 'GET',
      path: '/mfa/status',
      credentials: ADA,
      session,
      headers: { prefer: 'example=enforcedAndVerified' },
    });
    expect([example.status, example.data?.data?.isEnforced]).toEqual([200, true]);
    const undeclared = await send(sandbox, {
      surface: 'flashback',
      method: 'GET',
      path: '/mfa/status',
      credentials: ADA,
      session,
      headers: { prefer: 'code=418' },
    });
    expect([undeclared.status, undeclared.headers['x-mock-error'], undeclared.data?.code]).toEqual([400, 'true', 'MOCK_ERR_BAD_PREFER_HEADER']);
    // Prism's query form of the same preferences.
    const queried = await fetch(`${sandbox.baseUrl('flashback')}/mfa/status?__code=401&__example=unauthorized`, {
      headers: { ...ADA, 'x-mock-session': session },
    });
    expect([queried.status, await queried.json()]).toEqual([401, { success: false, error: 'Invalid or missing access token' }]);
  });

  it('Prefer: fault=malformed-body breaks the body and says so; fault=drop-connection is a network error', async () => {
    const session = newSession('faults');
    const malformed = await send(sandbox, {
      surface: 'flashback',
      method: 'GET',
      path: '/mfa/status',
      credentials: ADA,
      session,
      headers: { prefer: 'fault=malformed-body' },
    });
    expect([malformed.status, malformed.headers['x-mock-fault-injected'], malformed.data]).toEqual([200, 'malformed-body', undefined]);
    expect(() => JSON.parse(malformed.text)).toThrow();
    await expect(
      send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session, headers: { prefer: 'fault=drop-connection' } }),
    ).rejects.toThrow(TypeError);
    expect(
      sandbox.controls
        .session(session)
        .journal()
        .map((entry) => entry.fault),
    ).toEqual(['malformed-body', 'drop-connection']);
  });

  it("Prefer: fault=closed-mid-body sends the status and half the body, then the read fails; fault=bad-gateway is the gateway's 502 page", async () => {
    const session = newSession('gateway');
    const ask = (fault: string) =>
      fetch(`${sandbox.baseUrl('flashback')}/mfa/status`, {
        headers: { authorization: 'Bearer flashback-token-ada', 'x-mock-session': session, prefer: `fault=${fault}` },
      });
    const cut = await ask('closed-mid-body');
    expect([cut.status, cut.headers.get('x-mock-fault-injected')]).toEqual([200, 'closed-mid-body']);
    await expect(cut.json()).rejects.toThrow(/terminated/);
    const gateway = await ask('bad-gateway');
    expect([gateway.status, gateway.headers.get('content-type'), gateway.headers.get('x-mock-fault-injected')]).toEqual([502, 'text/html', 'bad-gateway']);
    expect(await gateway.text()).toContain('<title>502 Bad Gateway</title>');
    expect(
      sandbox.controls
        .session(session)
        .journal()
        .map((entry) => [entry.status, entry.fault]),
    ).toEqual([
      [200, 'closed-mid-body'],
      [200, 'bad-gateway'],
    ]);
  });

  it('Prefer: fault=slow-body sends the status and headers at once and the whole body in pieces over the latency; a client that leaves is journalled as gone', async () => {
    const session = newSession('slow-body');
    const ask = (prefer: string, signal?: AbortSignal) =>
      fetch(`${sandbox.baseUrl('flashback')}/mfa/status`, {
        headers: { authorization: 'Bearer flashback-token-ada', 'x-mock-session': session, prefer },
        ...(signal ? { signal } : {}),
      });
    const whole = await (await ask('latency=0')).text();
    const started = performance.now();
    const slow = await ask('fault=slow-body, latency=1000');
    const headersAfterMs = performance.now() - started;
    expect([slow.status, slow.headers.get('x-mock-fault-injected'), slow.headers.get('x-mock-latency-ms'), slow.headers.get('content-length')]).toEqual([
      200,
      'slow-body',
      '1000',
      String(Buffer.byteLength(whole)),
    ]);
    const reads: Array<{ text: string; atMs: number }> = [];
    const decoder = new TextDecoder();
    for await (const chunk of slow.body!) reads.push({ text: decoder.decode(chunk, { stream: true }), atMs: performance.now() - started });
    expect(reads.map((read) => read.text).join('')).toBe(whole);
    // The status and headers at once, not with the first piece (a tour's Python client timed out waiting for them).
    expect(headersAfterMs, `headers after ${headersAfterMs} ms, first piece after ${reads[0]!.atMs} ms`).toBeLessThan(reads[0]!.atMs - 50);
    // Ten pieces 100 ms apart: the headers long before the last piece, the pieces spread over the second.
    expect(reads.length).toBeGreaterThanOrEqual(5);
    expect(reads.at(-1)!.atMs).toBeGreaterThanOrEqual(950);
    expect(reads.at(-1)!.atMs - headersAfterMs).toBeGreaterThanOrEqual(700);
    expect(reads.at(-1)!.atMs - reads[0]!.atMs).toBeGreaterThanOrEqual(600);

    const leaving = new AbortController();
    const left = await ask('fault=slow-body, latency=5000', leaving.signal);
    const reader = left.body!.getReader();
    await reader.read(); // the first piece, 500 ms in
    leaving.abort();
    await reader.read().catch(() => undefined);
    await expect.poll(() => sandbox.controls.session(session).journal().at(-1)?.clientGone, { timeout: 2_000 }).toBe(true);
    expect(
      sandbox.controls
        .session(session)
        .journal()
        .map((entry) => [entry.fault, entry.latencyMs, entry.clientGone]),
    ).toEqual([
      [undefined, undefined, undefined],
      ['slow-body', 1000, undefined],
      ['slow-body', 5000, true],
    ]);
    // The client that left had its status (sent at once): "the app got 200" counts it.
    expect(sandbox.controls.session(session).journal({ status: 200 })).toHaveLength(3);
  });

  it('a magic link from the outbox, followed, activates magic-link MFA', async () => {
    const session = newSession('magic');
    const sent = await send(sandbox, { surface: 'flashback', method: 'POST', path: '/mfa/magic-link/send', credentials: ADA, session });
    expect(sent.status).toBe(200);
    const [message] = sandbox.controls.session(session).outbox('flashback');
    expect(message?.link).toMatch(/^http:\/\/[^/]+\/__admin\/sessions\/agree-magic-\d+\/magic-links\/[\w-]+$/);
    const page = await fetch(message!.link!);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await page.text()).toContain('Magic link activated');
    const status = await send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session });
    expect(status.data?.data?.enabledMethods).toEqual(['MAGIC_LINK']);
    expect((await fetch(message!.link!)).status, 'a link works once').toBe(400);
  });

  it('waitForMessage() begun before the send resolves with the message the send made, numbered 1', async () => {
    const session = newSession('wait');
    const waiting = sandbox.controls.session(session).waitForMessage({ contains: 'link' }, { timeoutMs: 10_000 });
    const sent = await send(sandbox, { surface: 'flashback', method: 'POST', path: '/mfa/magic-link/send', credentials: ADA, session });
    expect(sent.status).toBe(200);
    expect(await waiting).toMatchObject({ seq: 1, surface: 'flashback', to: 'ada@example.com', waited: true });
    expect(sandbox.controls.session(session).outboxCursor()).toBe(1);
  });

  it('HEAD of a GET operation answers its status and headers with no body', async () => {
    const session = newSession('head');
    const response = await fetch(`${sandbox.baseUrl('flashback')}/mfa/status`, {
      method: 'HEAD',
      headers: { authorization: 'Bearer flashback-token-ada', 'x-mock-session': session },
    });
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([200, 'application/json; charset=utf-8', '']);
    expect(
      sandbox.controls
        .session(session)
        .journal()
        .map((entry) => `${entry.method} ${entry.operationId} ${entry.status}`),
    ).toEqual(['HEAD getMFAStatus 200']);
  });

  it('a passkey ceremony: a real attestation registers, a signed assertion signs in once, its replay fails', async () => {
    const session = newSession('passkey');
    const authenticator = new SoftwareAuthenticator();
    const post = (path: string, body?: object) =>
      send(sandbox, { surface: 'flashback', method: 'POST', path, credentials: ADA, session, ...(body ? { body } : {}) });
    const setup = await post('/mfa/setup', { mfaType: 'PASSKEY' });
    const challenge = (setup.data as { data: { challenge: string } }).data.challenge;
    const credential = authenticator.register(challenge);
    expect((await post('/mfa/passkey/complete-registration', { credential, challenge })).data).toEqual({
      success: true,
      message: 'Passkey registration completed',
    });
    const options = await post('/mfa/passkey/auth-options');
    const assertion = authenticator.authenticate((options.data as { data: { challenge: string } }).data.challenge, credential.id);
    const login = await post('/mfa/verify-login', { mfaType: 'PASSKEY', credential: assertion });
    expect([login.status, (login.data as { fullAccessToken?: string }).fullAccessToken]).toEqual([200, expect.stringMatching(/^flashback-full-/)]);
    expect((await post('/mfa/verify-login', { mfaType: 'PASSKEY', credential: assertion })).data).toEqual({ success: false, error: 'MFA verification failed' });
  });

  it('GenAuth: a request signed with the wrong secret is statusCode 401 apiCode 1300', async () => {
    const session = newSession('genauth');
    const query = { userId: '6229ffaxxxxxxxxcade3e3d9' };
    const wrong = await send(sandbox, {
      surface: 'genauth',
      method: 'GET',
      path: '/api/v3/get-mfa-status',
      query,
      credentials: { kind: 'access-key', id: GENAUTH_ACCESS_KEY.id, secret: 'wrong-secret' },
      session,
    });
    expect([wrong.status, wrong.data?.statusCode, wrong.data?.apiCode]).toEqual([200, 401, 1300]);
    const signed = await send(sandbox, {
      surface: 'genauth',
      method: 'GET',
      path: '/api/v3/get-mfa-status',
      query,
      credentials: { kind: 'access-key', ...GENAUTH_ACCESS_KEY },
      session,
    });
    expect([signed.status, signed.data?.statusCode]).toEqual([200, 200]);
  });

  it('journals each request of a session, with its operation, scenario and status', async () => {
    const session = newSession('journal');
    await send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session });
    await send(sandbox, { surface: 'flashback', method: 'POST', path: '/mfa/setup', body: { mfaType: 'NOPE' }, credentials: ADA, session });
    await send(sandbox, {
      surface: 'lerian',
      method: 'GET',
      path: `/v1/users/${LERIAN_JOHN_ID}/mfa`,
      credentials: { kind: 'bearer', token: 'lerian-token-operator' },
      session,
      scenario: 'missing-user',
    });
    const journal = sandbox.controls.session(session).journal();
    expect(journal.map((entry) => [entry.method, entry.url, entry.operationId, entry.scenario, entry.status])).toEqual([
      ['GET', '/flashback/mfa/status', 'getMFAStatus', 'default', 200],
      ['POST', '/flashback/mfa/setup', 'setupMFA', 'default', 400],
      ['GET', `/lerian/v1/users/${LERIAN_JOHN_ID}/mfa`, 'getMfaStatus', 'missing-user', 404],
    ]);
  });

  it('clears a session journal and keeps its state: a scenario chosen before still answers after', async () => {
    const session = newSession('journal-cleared');
    const qa = sandbox.controls.session(session);
    qa.useScenario('org-enforced', 'flashback');
    await send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session });
    expect(qa.journal()).toHaveLength(1);
    qa.clearJournal();
    expect(qa.journal()).toEqual([]);
    const status = await send(sandbox, { surface: 'flashback', method: 'GET', path: '/mfa/status', credentials: ADA, session });
    expect(status.data.data.isEnforced).toBe(true);
    expect(qa.journal().map((entry) => entry.scenario)).toEqual(['org-enforced']);
    expect(qa.verify({ operationId: 'getMFAStatus', count: 1 })[0]!.actual).toBe(1);
  });

  it('Prefer: explain: a refusal and an unknown route say why in X-Mock-Explain, and the journal keeps it', async () => {
    const session = newSession('explain');
    const refused = await fetch(`${sandbox.baseUrl('flashback')}/mfa/status`, { headers: { prefer: 'explain', 'x-mock-session': session } });
    expect(refused.status).toBe(401);
    const explanation = JSON.parse(refused.headers.get('x-mock-explain')!);
    expect(explanation).toMatchObject({ rule: 'authentication', wouldPass: expect.stringContaining('Bearer flashback-token-ada') });
    expect(sandbox.controls.session(session).journal().at(-1)?.explanation).toEqual(explanation);
    const typo = await fetch(`${sandbox.baseUrl('flashback')}/mfa/staus`, { headers: { prefer: 'explain' } });
    expect(JSON.parse(typo.headers.get('x-mock-explain')!).nearMisses[0]).toMatchObject({ method: 'GET', operationId: 'getMFAStatus', why: 'path' });
  });

  it('an unknown path under a surface is the sandbox 404 problem+json', async () => {
    const response = await fetch(`${sandbox.baseUrl('flashback')}/mfa/nope`);
    expect([response.status, response.headers.get('content-type'), response.headers.get('x-mock-error')]).toEqual([
      404,
      'application/problem+json; charset=utf-8',
      'true',
    ]);
    expect(((await response.json()) as { code: string }).code).toBe('MOCK_ERR_ROUTE_NOT_FOUND');
  });
});

/** A value a sandbox makes up afresh (ids, secrets, tokens, QR codes, times): two sandboxes rightly differ in these. */
const GENERATED = [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, /^data:image\//, /^otpauth:\/\//, /^http:\/\/[^/]+\/__admin\//];
/** Random tokens (secrets, codes, ids) of one kind have one length and alphabet; words and messages are not random. */
const TOKEN = /^[\w.:~+/=-]{8,}$/;
const areGenerated = (a: string, b: string) =>
  GENERATED.some((pattern) => pattern.test(a) && pattern.test(b)) || (a.length === b.length && TOKEN.test(a) && TOKEN.test(b));

/** Where two answers differ other than in generated values, as JSON paths. */
function differences(a: unknown, b: unknown, path = '$'): string[] {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return [];
    return areGenerated(a, b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} vs ${b.length} items`];
    return a.flatMap((item, index) => differences(item, b[index], `${path}[${index}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/** What must be the same whichever transport answered. */
function toComparable(response: HttpResponse) {
  const { headers } = response;
  return {
    status: response.status,
    contentType: headers['content-type'],
    error: headers['x-mock-error'],
    injected: headers['x-mock-fault-injected'],
    body: response.data ?? response.text,
  };
}

describe('both transports agree', () => {
  it('on every scenario x operation request built from the spec examples (statuses, headers, bodies)', async () => {
    const specs = new Map(SANDBOX_DEFINITION_SNAPSHOT.surfaces.map((surface) => [surface.id, surface]));
    const catalogue = new Map(
      SURFACE_IDS.map((surface) => [surface, new Map(SANDBOX_DEFINITION_SNAPSHOT.scenarios.filter((s) => s.surface === surface).map((s) => [s.name, s]))]),
    );
    // Delays and random dropped connections (slow, flaky-network) are checked above and in fault-injection tests.
    const exchanges = toScenarioExchanges(specs, catalogue, newSession('replay')).filter((exchange) => !exchange.delayed && !exchange.faults);
    expect(exchanges.length).toBeGreaterThan(200);
    const [serverSide, mswSide] = TRANSPORTS;
    const disagreements: string[] = [];
    for (const exchange of exchanges) {
      const a = toComparable(await send(serverSide!, exchange));
      const b = toComparable(await send(mswSide!, exchange));
      for (const difference of differences(a, b)) disagreements.push(`${exchange.surface} ${exchange.scenario} ${exchange.operationId} ${difference}`);
    }
    expect(disagreements).toEqual([]);
  }, 60_000);
});

describe('both transports agree on a path that does not decode', () => {
  // MSW decodes path parameters itself and answered these with a 500 carrying its stack; the server refuses them with
  // a 400 sandbox fault before routing (or, for the session prefix's own segments, the pipeline's fault).
  it.each([
    ['a path parameter', '/lerian/v1/users/%E9/mfa', 400, 'MOCK_ERR_BAD_REQUEST'],
    ['a static segment', '/flashback/mfa/st%E9tus', 400, 'MOCK_ERR_BAD_REQUEST'],
    ['a path under a surface that no operation has', '/flashback/%E9/x', 400, 'MOCK_ERR_BAD_REQUEST'],
    ['the rest behind a session prefix', '/s/qa/lerian/v1/users/%E9/mfa', 400, 'MOCK_ERR_BAD_REQUEST'],
    ["the prefix's session", '/s/%E9/flashback/mfa/status', 400, 'MOCK_ERR_BAD_SESSION_ID'],
    ["the prefix's scenario", '/s/qa/scenario/%E9/flashback/mfa/status', 422, 'MOCK_ERR_UNKNOWN_SCENARIO'],
    ['a magic link', '/__admin/sessions/qa/magic-links/%E9', 400, 'MOCK_ERR_BAD_REQUEST'],
  ])('in %s (%s)', async (_where, path, status, code) => {
    const answers = await Promise.all(
      TRANSPORTS.map(async (sandbox) => {
        const response = await fetch(`${new URL(sandbox.baseUrl('flashback')).origin}${path}`, { headers: { authorization: 'Bearer lerian-token-operator' } });
        return { status: response.status, type: response.headers.get('content-type'), problem: (await response.json()) as { code: string; detail: string } };
      }),
    );
    expect(answers[0]).toMatchObject({ status, type: 'application/problem+json; charset=utf-8', problem: { code } });
    expect(answers[1]).toEqual(answers[0]);
  });
});

describe('both transports agree on paths the server routes exactly', () => {
  // MSW matches paths regardless of letter case; the server does not (and answered these with its 404). An empty path
  // parameter matches no route in either (the server's router took it for one: a 400, and a 500 where none is declared).
  it.each([
    ['DELETE', '/nest-auth/auth/mfa/devices/'],
    ['GET', '/lerian/v1/users//mfa'],
    ['GET', '/flashback/MFA/Status'],
    ['GET', '/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/MFA'],
    ['GET', '/s/qa/flashback/mfa/STATUS'],
    ['HEAD', '/flashback/mfa/nope'],
  ])('%s %s', async (method, path) => {
    const answers = await Promise.all(
      TRANSPORTS.map(async (sandbox) => {
        const response = await fetch(`${new URL(sandbox.baseUrl('flashback')).origin}${path}`, {
          method,
          headers: { authorization: 'Bearer flashback-token-ada' },
        });
        return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
      }),
    );
    expect(answers[0]!.status).toBe(404);
    expect({ ...answers[1], body: method === 'HEAD' ? answers[1]!.body : JSON.parse(answers[1]!.body).code }).toEqual({
      ...answers[0],
      body: method === 'HEAD' ? '' : JSON.parse(answers[0]!.body).code,
    });
  });
});

describe("both transports name an unknown route's URL as it was sent", () => {
  // The problem's `instance` kept the session prefix for the engine's faults (an unknown scenario) and lost it here.
  it.each(['/s/qa/flashback/mfa/nope?x=1', '/s/qa/scenario/default/lerian/v1/users/x/mfaa', '/flashback/mfa/nope'])('%s', async (path) => {
    const instances = await Promise.all(
      TRANSPORTS.map(async (sandbox) => {
        const response = await fetch(`${new URL(sandbox.baseUrl('flashback')).origin}${path}`);
        const problem = (await response.json()) as { code: string; instance: string };
        return [response.status, problem.code, problem.instance];
      }),
    );
    expect(instances).toEqual([
      [404, 'MOCK_ERR_ROUTE_NOT_FOUND', path],
      [404, 'MOCK_ERR_ROUTE_NOT_FOUND', path],
    ]);
  });
});

describe("both transports route a trailing slash and letter case as the surface's vendor does", () => {
  // nest-auth runs on Express, which routes `/auth/mfa/status/` and `/Auth/MFA/Status` as `/auth/mfa/status`; the
  // others answer the 404.
  it.each([
    ['GET', '/nest-auth/auth/mfa/status/', 'nest-auth-token-ada', 200],
    ['GET', '/nest-auth/Auth/MFA/Status', 'nest-auth-token-ada', 200],
    ['GET', '/s/qa-case/nest-auth/AUTH/mfa/status/?x=Y', 'nest-auth-token-ada', 200],
    ['GET', '/flashback/MFA/status', 'flashback-token-ada', 404],
    ['HEAD', '/s/qa-slash/nest-auth/auth/mfa/devices/', 'nest-auth-token-ada', 200],
    ['GET', '/flashback/mfa/status/', 'flashback-token-ada', 404],
    ['GET', '/nest-auth/auth/mfa/status//', 'nest-auth-token-ada', 404],
  ])('%s %s', async (method, path, token, status) => {
    const answers = await Promise.all(
      TRANSPORTS.map(async (sandbox) => {
        const response = await fetch(`${new URL(sandbox.baseUrl('flashback')).origin}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
        const body = await response.text();
        return { status: response.status, body: status === 404 ? (JSON.parse(body) as { code: string }).code : body };
      }),
    );
    expect(answers[0]!.status).toBe(status);
    expect(answers[1]).toEqual(answers[0]);
  });
});

describe('dynamic answers on both transports', () => {
  it("Prefer: dynamic=true with the session's seed gives the same generated body through the server and MSW", async () => {
    const bodies = [];
    for (const sandbox of TRANSPORTS) {
      const session = newSession('dynamic');
      sandbox.controls.session(session).setSeed(99);
      const answer = await send(sandbox, {
        surface: 'flashback',
        method: 'GET',
        path: '/mfa/status',
        credentials: ADA,
        session,
        headers: { prefer: 'dynamic=true' },
      });
      expect([answer.status, answer.headers['x-mock-dynamic'], answer.headers['x-mock-dynamic-seed']], sandbox.name).toEqual([200, 'generated', '99']);
      bodies.push(answer.data);
    }
    expect(bodies[1]).toEqual(bodies[0]);
  });
});

describe('both transports read a compressed body as the surface vendor does', () => {
  const asBytes = (text: string) => Buffer.from(text);
  const toggle = { path: '/nest-auth/auth/mfa/toggle', token: 'nest-auth-token-ada', body: '{"enabled":"yes"}' };
  const setup = { path: `/lerian/v1/users/${LERIAN_JOHN_ID}/mfa/setup`, token: 'lerian-token-johndoe', body: '{"mfaType":"app"}' };
  // nest-auth's Express reads gzip, deflate and br (x-gzip is its 415); the other surfaces read x-gzip too.
  it.each([
    ['nest-auth, gzip', toggle, 'gzip', gzipSync, 400],
    ['nest-auth, deflate', toggle, 'deflate', deflateSync, 400],
    ['nest-auth, x-gzip', toggle, 'x-gzip', gzipSync, 415],
    ['nest-auth, zstd', toggle, 'zstd', asBytes, 415],
    ['nest-auth, bytes that are not gzip', toggle, 'gzip', asBytes, 400],
    ['nest-auth, gzip cut short', toggle, 'gzip', (text: string) => gzipSync(text).subarray(0, 12), 400],
    ['nest-auth, an empty gzip body', toggle, 'gzip', () => '', 400],
    ['Lerian, gzip', setup, 'gzip', gzipSync, 200],
    ['Lerian, x-gzip', setup, 'x-gzip', gzipSync, 200],
    ['Lerian, zstd', setup, 'zstd', asBytes, 415],
    ['Lerian, gzip twice', setup, 'gzip, gzip', (text: string) => gzipSync(gzipSync(text)), 415],
    ['Lerian, bytes that are not deflate', setup, 'deflate', asBytes, 400],
  ] as const)('%s', async (_case, route, encoding, compress, status) => {
    const answers = await Promise.all(
      TRANSPORTS.map(async (sandbox) => {
        const response = await fetch(`${new URL(sandbox.baseUrl('flashback')).origin}${route.path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${route.token}`,
            'content-type': 'application/json',
            'content-encoding': encoding,
            'x-mock-session': newSession('gzip'),
          },
          body: compress(route.body),
        });
        const body = (await response.json()) as Record<string, unknown>;
        return { status: response.status, type: response.headers.get('content-type'), body: route === setup && status === 200 ? body.mfaType : body };
      }),
    );
    expect(answers[0]!.status).toBe(status);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('br, which DecompressionStream cannot read: the server inflates it, the MSW handlers refuse it with a fault that says so', async () => {
    const [server, msw] = await Promise.all(
      TRANSPORTS.map((sandbox) =>
        fetch(`${new URL(sandbox.baseUrl('flashback')).origin}${setup.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${setup.token}`, 'content-type': 'application/json', 'content-encoding': 'br' },
          body: brotliCompressSync(setup.body),
        }),
      ),
    );
    expect(server!.status).toBe(200);
    const problem = (await msw!.json()) as { code: string; detail: string };
    expect([msw!.status, msw!.headers.get('content-type'), msw!.headers.get('accept-encoding'), problem.code]).toEqual([
      415,
      'application/problem+json; charset=utf-8',
      'gzip, deflate',
      'MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING',
    ]);
    expect(problem.detail).toContain('the MSW handlers cannot');
  });
});
