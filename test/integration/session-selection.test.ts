import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { LERIAN_JOHN_ID } from '../harness/enrolment-flows.js';

/**
 * `/s/<session>/` (and `/s/<session>/scenario/<name>/`) in front of a surface's base URL chooses the session and the
 * scenario by URL alone: on the multi-surface server and in front of a single surface served at `/`.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
const NEST_ADA = { authorization: 'Bearer nest-auth-token-ada' };

let sandbox: TestSandbox;
let single: TestSandbox;

beforeAll(async () => {
  sandbox = await createTestSandbox();
  single = await createTestSandbox({ surface: 'nest-auth' });
});
afterAll(async () => {
  await sandbox.close();
  await single.close();
});

const outboxOf = async (target: TestSandbox, session: string) => (await target.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json();
const journalOf = async (target: TestSandbox, session: string) => (await target.app.inject({ url: `/__admin/sessions/${session}/journal` })).json();

describe('the session path prefix on the multi-surface server', () => {
  it('writes state into the session the URL names, not the default one', async () => {
    const send = await sandbox.request({ method: 'POST', url: '/s/prefix-a/flashback/mfa/magic-link/send', headers: ADA });
    expect(send.statusCode).toBe(200);
    expect(send.data).toMatchObject({ success: true });
    expect(await outboxOf(sandbox, 'prefix-a')).toHaveLength(1);
    expect(await outboxOf(sandbox, 'default')).toEqual([]);
    // The journal keeps the URL as the client sent it, prefix included.
    const [entry] = await journalOf(sandbox, 'prefix-a');
    expect(entry).toMatchObject({ url: '/s/prefix-a/flashback/mfa/magic-link/send', operationId: 'sendMagicLink', status: 200 });
  });

  it('runs the request in the scenario /scenario/<name>/ names, and the session keeps its own scenario otherwise', async () => {
    const enabled = await sandbox.request({ url: '/s/prefix-b/scenario/mfa-enabled/flashback/mfa/status', headers: ADA });
    expect(enabled.data.data).toMatchObject({ isEnabled: true, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'] });
    const plain = await sandbox.request({ url: '/s/prefix-b/flashback/mfa/status', headers: ADA });
    expect(plain.data.data).toMatchObject({ isEnabled: false, enabledMethods: [] });
  });

  it('keeps the query string and answers a prefixed URL exactly as the unprefixed one', async () => {
    const prefixed = await sandbox.request({ url: '/s/prefix-c/flashback/mfa/status?x=1', headers: ADA });
    const plain = await sandbox.request({ url: '/flashback/mfa/status?x=1', headers: ADA, session: 'prefix-c-twin' });
    expect(prefixed.statusCode).toBe(200);
    expect(prefixed.data).toEqual(plain.data);
  });

  it('wins over X-Mock-Session, and its scenario over Prefer: scenario', async () => {
    const res = await sandbox.request({
      url: '/s/prefix-d/scenario/org-enforced/flashback/mfa/status',
      headers: ADA,
      session: 'prefix-d-header',
      scenario: 'mfa-enabled',
    });
    expect(res.data.data).toMatchObject({ isEnforced: true, isRequired: true });
    expect(await journalOf(sandbox, 'prefix-d')).toHaveLength(1);
    expect(await journalOf(sandbox, 'prefix-d-header')).toEqual([]);
  });

  it('refuses a malformed session or an unknown scenario with a sandbox fault, and an unknown path with the 404 fault', async () => {
    const badSession = await sandbox.request({ url: '/s/a%20b/flashback/mfa/status', headers: ADA });
    expect(badSession.statusCode).toBe(400);
    expect(badSession.data).toMatchObject({ code: 'MOCK_ERR_BAD_SESSION_ID' });
    expect(badSession.data.detail).toContain('/s/<session>/');
    const badEncoding = await sandbox.request({ url: '/s/%E0%A4%A/flashback/mfa/status', headers: ADA });
    expect(badEncoding.data).toMatchObject({ code: 'MOCK_ERR_BAD_SESSION_ID' });
    const unknownScenario = await sandbox.request({ url: '/s/prefix-e/scenario/no-such-scenario/flashback/mfa/status', headers: ADA });
    expect(unknownScenario.statusCode).toBe(422);
    expect(unknownScenario.data).toMatchObject({ code: 'MOCK_ERR_UNKNOWN_SCENARIO' });
    const unknownPath = await sandbox.request({ url: '/s/prefix-e/flashback/no/such/path', headers: ADA });
    expect(unknownPath.statusCode).toBe(404);
    expect(unknownPath.data).toMatchObject({ code: 'MOCK_ERR_ROUTE_NOT_FOUND' });
    expect(unknownPath.data.hint).toBeUndefined();
    // An empty session segment (the docs' {session} left blank) is routed as it stands and found nowhere: the 404 says why.
    const emptySession = await sandbox.request({ url: '/s//flashback/mfa/status', headers: ADA });
    expect([emptySession.statusCode, emptySession.data.code]).toEqual([404, 'MOCK_ERR_ROUTE_NOT_FOUND']);
    expect(emptySession.data.hint).toMatch(/^the session prefix \/s\/<session>\/ names no session: put a session id between \/s\/ and the next \//);
  });

  it("is no session prefix in front of the sandbox's own paths: /s/<id>/__admin/reset resets nothing, and the 404 says where the session goes", async () => {
    expect(
      (await sandbox.request({ url: '/s/prefix-keep/flashback/mfa/setup', method: 'POST', headers: ADA, payload: { mfaType: 'GOOGLE_AUTH' } })).statusCode,
    ).toBe(200);
    for (const [method, url] of [
      ['POST', '/s/prefix-other/__admin/reset'],
      ['GET', '/s/prefix-other/__admin/sessions/prefix-keep/overrides'],
      ['GET', '/s/prefix-other/scenario/mfa-enabled/__admin/health'],
      ['GET', '/s/prefix-other/__console/'],
    ] as const) {
      const answer = await sandbox.request({ method, url });
      expect([answer.statusCode, answer.data.code], url).toEqual([404, 'MOCK_ERR_ROUTE_NOT_FOUND']);
      expect(answer.data.hint, url).toMatch(
        /^the session prefix \/s\/<session>\/ goes in front of a surface's base URL only: the admin API names the session in its own paths \(\/__admin\/sessions\/<session>\/\.\.\.\)/,
      );
    }
    // Nothing was reset: the session keeps its TOTP setup.
    expect((await journalOf(sandbox, 'prefix-keep')).length).toBe(1);
  });
});

describe('the session path prefix in front of a single surface served at /', () => {
  it('chooses the session and the scenario of the vendor paths behind it', async () => {
    const enabled = await single.request({ url: '/s/single-a/scenario/mfa-enabled/auth/mfa/status', headers: NEST_ADA });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.data).toMatchObject({ isEnabled: true });
    const plain = await single.request({ url: '/s/single-a/auth/mfa/status', headers: NEST_ADA });
    expect(plain.data).toMatchObject({ isEnabled: false });
    const journal = await journalOf(single, 'single-a');
    expect(journal.map((entry: { scenario: string }) => entry.scenario)).toEqual(['mfa-enabled', 'default']);
    expect(await journalOf(single, 'default')).toEqual([]);
  });
});

const sessionFromOf = async (target: TestSandbox, session: string) =>
  (await journalOf(target, session)).map((entry: { sessionFrom: string; scenario: string }) => `${entry.sessionFrom}:${entry.scenario}`);

describe('the session cookie', () => {
  it('is set by a prefixed answer and keeps later requests without the prefix in its session and scenario', async () => {
    const prefixed = await sandbox.request({ url: '/s/cookie-a/scenario/mfa-enabled/flashback/mfa/status', headers: ADA });
    expect(prefixed.headers['set-cookie']).toBe('mfa-sandbox-session=cookie-a/mfa-enabled; Path=/; SameSite=Lax');
    const cookie = String(prefixed.headers['set-cookie']).split(';')[0]!;
    const later = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, cookie: `theme=dark; ${cookie}` } });
    expect(later.data.data).toMatchObject({ isEnabled: true });
    expect(later.headers['set-cookie']).toBeUndefined();
    expect(await sessionFromOf(sandbox, 'cookie-a')).toEqual(['path:mfa-enabled', 'cookie:mfa-enabled']);
  });

  it("leaves out its scenario on a surface that has no such scenario (the session's own applies there), and says so", async () => {
    // Set by a Flashback URL, sent by the browser on every request: Lerian has no org-enforced, and every Lerian
    // request of that browser was a 422 unknown scenario.
    const prefixed = await sandbox.request({ url: '/s/cookie-d/scenario/org-enforced/flashback/mfa/status', headers: ADA });
    const cookie = String(prefixed.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe('mfa-sandbox-session=cookie-d/org-enforced');
    const lerian = await sandbox.request({ url: `/lerian/v1/users/${LERIAN_JOHN_ID}/mfa`, headers: { authorization: 'Bearer lerian-token-johndoe', cookie } });
    expect([lerian.statusCode, lerian.headers['x-mock-header-ignored']]).toEqual([
      200,
      'the scenario "org-enforced" of cookie mfa-sandbox-session (lerian has no such scenario; the session\'s own applies)',
    ]);
    const flashback = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, cookie } });
    expect([flashback.data.data.isEnforced, flashback.headers['x-mock-header-ignored']]).toEqual([true, undefined]);
    expect(await sessionFromOf(sandbox, 'cookie-d')).toEqual(['path:org-enforced', 'cookie:default', 'cookie:org-enforced']);
  });

  it('names no scenario after a prefix without one, so an earlier scenario does not stay with the browser', async () => {
    const prefixed = await sandbox.request({ url: '/s/cookie-b/flashback/mfa/status', headers: ADA });
    expect(prefixed.headers['set-cookie']).toBe('mfa-sandbox-session=cookie-b; Path=/; SameSite=Lax');
  });

  it('is set when the console opens a session', async () => {
    const console = await sandbox.app.inject({ url: '/__console/?session=cookie-c' });
    expect(console.statusCode).toBe(200);
    expect(console.headers['set-cookie']).toBe('mfa-sandbox-session=cookie-c; Path=/; SameSite=Lax');
    expect((await sandbox.app.inject({ url: '/__console/' })).headers['set-cookie']).toBeUndefined();
    expect((await sandbox.app.inject({ url: '/__console/?session=a%20b' })).headers['set-cookie']).toBeUndefined();
  });
});

describe('the W3C baggage entries', () => {
  it('choose the session and the scenario of a request that carries no header of the sandbox', async () => {
    const res = await sandbox.request({
      url: '/flashback/mfa/status',
      headers: { ...ADA, baggage: 'userId=alice, mock-session = baggage-a;origin=e2e, mock-scenario=org-enforced' },
    });
    expect(res.data.data).toMatchObject({ isEnforced: true });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await sessionFromOf(sandbox, 'baggage-a')).toEqual(['baggage:org-enforced']);
  });

  it('refuse a malformed session with the usual problem+json fault', async () => {
    const res = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, baggage: 'mock-session=not%20an%20id' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.data).toMatchObject({ code: 'MOCK_ERR_BAD_SESSION_ID', detail: expect.stringContaining('baggage entry mock-session') });
  });
});

describe('names sent in headers as UTF-8', () => {
  /** What Node's HTTP parser hands over for a header a client wrote in UTF-8: one character per byte. */
  const asReceived = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  const detailOf = async (headers: Record<string, string>) =>
    (await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, ...headers } })).json<{ detail: string }>().detail;

  it('are echoed as written: a Prefer scenario or example, a baggage scenario (they read "cafÃ©")', async () => {
    expect(await detailOf({ prefer: asReceived('scenario=café') })).toContain('"café"');
    expect(await detailOf({ prefer: asReceived('code=200, example=dócumented') })).toContain('dócumented');
    expect(await detailOf({ baggage: asReceived('mock-scenario=café') })).toContain('"café"');
  });

  it("are percent-encoded in x-mock-header-ignored, which can hold no character past U+00FF: a cookie's unknown scenario", async () => {
    const cookie = asReceived('mfa-sandbox-session=cookie-utf8/日本');
    const res = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, cookie } });
    expect([res.statusCode, res.headers['x-mock-header-ignored']]).toEqual([
      200,
      'the scenario "%E6%97%A5%E6%9C%AC" of cookie mfa-sandbox-session (flashback has no such scenario; the session\'s own applies)',
    ]);
  });
});

describe('precedence of the sources, through the public surface', () => {
  const everything = { ...ADA, baggage: 'mock-session=rank-baggage', cookie: 'mfa-sandbox-session=rank-cookie' };

  it('path > X-Mock-Session > baggage > cookie > default', async () => {
    await sandbox.request({ url: '/s/rank-path/flashback/mfa/status', headers: everything, session: 'rank-header' });
    await sandbox.request({ url: '/flashback/mfa/status', headers: everything, session: 'rank-header' });
    await sandbox.request({ url: '/flashback/mfa/status', headers: everything });
    await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, cookie: everything.cookie } });
    expect(await sessionFromOf(sandbox, 'rank-path')).toEqual(['path:default']);
    expect(await sessionFromOf(sandbox, 'rank-header')).toEqual(['header:default']);
    expect(await sessionFromOf(sandbox, 'rank-baggage')).toEqual(['baggage:default']);
    expect(await sessionFromOf(sandbox, 'rank-cookie')).toEqual(['cookie:default']);
  });

  it("scenario: path > Prefer > baggage > the cookie's (only with the cookie's session)", async () => {
    const status = async (url: string, headers: Record<string, string>) => (await sandbox.request({ url, headers })).data.data;
    const baggage = 'mock-scenario=org-enforced';
    const cookie = 'mfa-sandbox-session=rank-s/mfa-enabled';
    expect(await status('/s/rank-s/scenario/mfa-enabled/flashback/mfa/status', { ...ADA, prefer: 'scenario=org-enforced', baggage })).toMatchObject({
      isEnabled: true,
      isEnforced: false,
    });
    expect(await status('/s/rank-s/flashback/mfa/status', { ...ADA, prefer: 'scenario=org-enforced', baggage: 'mock-scenario=mfa-enabled' })).toMatchObject({
      isEnforced: true,
    });
    expect(await status('/flashback/mfa/status', { ...ADA, baggage, cookie })).toMatchObject({ isEnforced: true });
    expect(await status('/flashback/mfa/status', { ...ADA, cookie })).toMatchObject({ isEnabled: true, isEnforced: false });
    // With the session from the header, the cookie's scenario does not apply.
    expect(await status('/flashback/mfa/status', { ...ADA, cookie, 'x-mock-session': 'rank-s' })).toMatchObject({ isEnabled: false });
  });
});

describe('links the sandbox hands out keep the session they were made in', () => {
  it('a magic link sent through a prefixed URL names its session, and following it activates the factor there', async () => {
    const send = await sandbox.request({ method: 'POST', url: '/s/link-a/scenario/mfa-enabled/flashback/mfa/magic-link/send', headers: ADA });
    expect(send.statusCode).toBe(200);
    const [message] = await outboxOf(sandbox, 'link-a');
    const link = new URL(message.link);
    expect(link.pathname).toBe(`/__admin/sessions/link-a/magic-links/${message.token}`);
    // Followed in a browser that carries no session at all (no prefix, header or cookie).
    const followed = await sandbox.app.inject({ url: link.pathname });
    expect(followed.statusCode).toBe(200);
    expect(followed.body).toContain('Magic link activated');
    // ...and that browser stays in the link's session and scenario: its next request, with nothing but the cookie,
    // sees the factor the link activated.
    expect(followed.headers['set-cookie']).toBe('mfa-sandbox-session=link-a/mfa-enabled; Path=/; SameSite=Lax');
    const byCookie = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, cookie: 'mfa-sandbox-session=link-a/mfa-enabled' } });
    expect(byCookie.json().data.enabledMethods).toContain('MAGIC_LINK');
    const status = await sandbox.request({ url: '/s/link-a/scenario/mfa-enabled/flashback/mfa/status', headers: ADA });
    expect(status.data.data.enabledMethods).toContain('MAGIC_LINK');
    expect((await sandbox.request({ url: '/flashback/mfa/status', headers: ADA, scenario: 'mfa-enabled' })).data.data.enabledMethods).not.toContain(
      'MAGIC_LINK',
    );
  });

  it("a link sent in the session's own scenario keeps the browser in the session only: QA's later switch still applies", async () => {
    expect((await sandbox.request({ method: 'POST', url: '/s/link-b/flashback/mfa/magic-link/send', headers: ADA })).statusCode).toBe(200);
    const [message] = await outboxOf(sandbox, 'link-b');
    const followed = await sandbox.app.inject({ url: new URL(message.link).pathname });
    expect(followed.body).toContain('Magic link activated');
    // It named the scenario too (link-b/default), so the browser stayed in default after QA switched the session.
    expect(followed.headers['set-cookie']).toBe('mfa-sandbox-session=link-b; Path=/; SameSite=Lax');
    const switched = await sandbox.app.inject({ method: 'PUT', url: '/__admin/sessions/link-b/scenario', payload: { scenario: 'org-enforced' } });
    expect(switched.statusCode).toBe(200);
    const byCookie = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, cookie: 'mfa-sandbox-session=link-b' } });
    expect(byCookie.json().data.isEnforced).toBe(true);
  });
});
