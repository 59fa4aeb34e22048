import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock, createSandbox, JournalVerificationError, type RunningSandbox, type SurfaceId } from '../../src/index.js';
import { createAdminAnswerCheck } from '../harness/admin-answer-check.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import type { Answer } from '../harness/openapi-answer-check.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * Journal queries and call-count verification (issue 17, item 2): filters on GET /journal, POST /journal/verify with
 * 200/409/400, and the same as `createSandbox()` helpers; every admin answer valid against the admin spec.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
const START = Date.UTC(2026, 0, 1, 10, 0, 0);
const clock = createControlledClock(START);
const SESSION = 'journal-q';
let sandbox: TestSandbox;
let check: (operationId: string, answer: Answer) => string[];

beforeAll(async () => {
  sandbox = await createTestSandbox({}, { clock });
  check = await createAdminAnswerCheck(sandbox.app);
  // 10:00:00 flashback status 200; 10:01:00 flashback status 401 (no token); 10:02:00 lerian 200 via Prefer scenario; 10:03 flashback 500 scripted
  await sandbox.request({ url: '/flashback/mfa/status', session: SESSION, headers: ADA });
  clock.advance(60_000);
  await sandbox.request({ url: '/flashback/mfa/status', session: SESSION });
  clock.advance(60_000);
  await sandbox.request({ url: '/flashback/mfa/methods', session: SESSION, headers: ADA });
  clock.advance(60_000);
  await sandbox.request({ url: '/flashback/mfa/status', session: SESSION, scenario: 'server-error', headers: ADA });
  await sandbox.request({ url: '/flashback/mfa/status', session: 'journal-other', headers: ADA });
});
afterAll(() => sandbox?.close());

async function admin(operationId: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await sandbox.app.inject({
    method,
    url: `/__admin${url}`,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
  });
  expect(check(operationId, response), `${method} ${url}: ${response.body}`).toEqual([]);
  return response;
}

const journal = async (query: string) => {
  const response = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Array<{ at: string; operationId: string; status: number; scenario: string }>>();
};
const describeEntries = (entries: Array<{ operationId: string; status: number }>) => entries.map((entry) => `${entry.operationId}:${entry.status}`);

describe('journal filters', () => {
  it('filters by operationId, status, surface, scenario and time, with limit applied last', async () => {
    expect(describeEntries(await journal(''))).toEqual(['getMFAStatus:200', 'getMFAStatus:401', 'getAvailableMethods:200', 'getMFAStatus:500']);
    expect(describeEntries(await journal('?operationId=getMFAStatus'))).toEqual(['getMFAStatus:200', 'getMFAStatus:401', 'getMFAStatus:500']);
    expect(describeEntries(await journal('?operationId=getMFAStatus&status=401'))).toEqual(['getMFAStatus:401']);
    expect(describeEntries(await journal('?scenario=server-error'))).toEqual(['getMFAStatus:500']);
    expect(await journal('?surface=lerian')).toEqual([]);
    expect(describeEntries(await journal('?surface=flashback&limit=1'))).toEqual(['getMFAStatus:500']);
    expect(describeEntries(await journal('?operationId=getMFAStatus&limit=2'))).toEqual(['getMFAStatus:401', 'getMFAStatus:500']);
    expect(describeEntries(await journal('?since=2026-01-01T10:01:00Z&until=2026-01-01T10:02:00.000Z'))).toEqual([
      'getMFAStatus:401',
      'getAvailableMethods:200',
    ]);
    expect(describeEntries(await journal(`?since=${START + 120_000}`))).toEqual(['getAvailableMethods:200', 'getMFAStatus:500']);
  });

  it('finds requests by method, path (or a prefix) and a part of the JSON body, as WireMock finds them', async () => {
    const session = 'journal-lines';
    const setup = { method: 'POST' as const, url: '/flashback/mfa/setup', headers: { ...ADA, 'content-type': 'application/json' }, session };
    expect((await sandbox.request({ ...setup, payload: { mfaType: 'GOOGLE_AUTH' } })).statusCode).toBe(200);
    expect((await sandbox.request({ ...setup, payload: { mfaType: 'SMS' } })).statusCode).toBe(400); // not a Flashback method
    expect((await sandbox.app.inject({ method: 'HEAD', url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': session } })).statusCode).toBe(200);
    expect((await sandbox.app.inject({ url: `/s/${session}/flashback/mfa/status?fresh=1`, headers: ADA })).statusCode).toBe(200);
    // The session prefix with a scenario in it is no part of the path either (it matched no path filter at all).
    expect((await sandbox.app.inject({ url: `/s/${session}/scenario/mfa-enabled/flashback/mfa/methods`, headers: ADA })).statusCode).toBe(200);
    const found = async (query: string) => {
      const response = await admin('getJournal', 'GET', `/sessions/${session}/journal${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Array<{ method: string; url: string }>>().map((entry) => `${entry.method} ${entry.url}`);
    };
    expect(await found('?method=head')).toEqual(['HEAD /flashback/mfa/status']);
    expect(await found('?path=/flashback/mfa/status')).toEqual(['HEAD /flashback/mfa/status', `GET /s/${session}/flashback/mfa/status?fresh=1`]);
    expect(await found('?method=GET&path=/flashback/mfa/status')).toEqual([`GET /s/${session}/flashback/mfa/status?fresh=1`]);
    expect(await found('?path=/flashback/mfa/methods')).toEqual([`GET /s/${session}/scenario/mfa-enabled/flashback/mfa/methods`]);
    expect(await found('?path=/flashback/*')).toHaveLength(5);
    expect(await found(`?requestBody=${encodeURIComponent('{"mfaType":"SMS"}')}`)).toEqual(['POST /flashback/mfa/setup']);
    const verified = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, [
      { method: 'POST', path: '/flashback/mfa/setup', requestBody: { mfaType: 'GOOGLE_AUTH' }, count: 1 },
      { requestBody: { mfaType: 'SMS' }, status: 400, count: 1 },
      { requestBody: { mfaType: 'EMAIL' }, count: 0 },
    ]);
    expect(verified.statusCode, verified.body).toBe(200);
    const broken = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, { method: 'DELETE', atLeast: 1 });
    expect([broken.statusCode, broken.json().failures[0].expectation]).toEqual([409, { method: 'DELETE', atLeast: 1 }]);
    // The query string's JSON text, copied into a JSON body, would match only a body that is that string: said so.
    const asText = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, { requestBody: '{"mfaType":"SMS"}', count: 1 });
    expect(asText.statusCode).toBe(400);
    expect(asText.json().detail).toContain('/requestBody: is JSON text: in a JSON body, give the value itself ({"requestBody": {"mfaType":"SMS"}})');
  });

  it('keeps the user each request acted as or on, on every surface, and finds and counts by it: "Bob, not Ada, verified once"', async () => {
    const session = 'journal-users';
    const bob = { authorization: 'Bearer flashback-token-bob' };
    await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    await sandbox.request({ method: 'POST', url: '/flashback/mfa/verify-login', session, headers: bob, payload: { code: '000000' } });
    await sandbox.request({ url: '/flashback/mfa/status', session }); // no credentials: no user
    await sandbox.request({ url: '/flashback/mfa/status', session, headers: { ...bob, prefer: 'code=500' } }); // scripted: still Bob's
    // Lerian's operator addresses John Doe by the path; nest-auth's token names Ada.
    await sandbox.request({
      url: '/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa',
      session,
      headers: { authorization: 'Bearer lerian-token-operator' },
    });
    await sandbox.request({ url: '/nest-auth/auth/mfa/status', session, headers: { authorization: 'Bearer nest-auth-token-ada' } });
    // Scripted and schema-refused requests name the user they address too, not the operator or the access key.
    const john = '/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa';
    const operator = { authorization: 'Bearer lerian-token-operator' };
    await sandbox.request({ url: john, session, headers: { ...operator, prefer: 'code=500' } });
    await sandbox.request({ method: 'POST', url: `${john}/setup`, session, headers: operator, payload: { mfaType: 'NOPE' } });
    const query = { userId: '6229ffaxxxxxxxxcade3e3d9' };
    const signed = () =>
      signGenAuthRequest({
        method: 'GET',
        path: '/api/v3/get-mfa-status',
        fields: query,
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
        date: new Date(clock.now()).toUTCString(), // the sandbox's clock stands at START here
      });
    const genauthUrl = `/genauth/api/v3/get-mfa-status?${new URLSearchParams(query).toString()}`;
    await sandbox.request({ url: genauthUrl, session, headers: signed() });
    await sandbox.request({ url: genauthUrl, session, headers: { ...signed(), prefer: 'example=serverError' } });
    const entries = (await admin('getJournal', 'GET', `/sessions/${session}/journal`)).json<Array<{ operationId: string; user?: string }>>();
    expect(entries.map((entry) => [entry.operationId, entry.user])).toEqual([
      ['getMFAStatus', 'usr_ada'],
      ['verifyMFALogin', 'usr_bob'],
      ['getMFAStatus', undefined],
      ['getMFAStatus', 'usr_bob'],
      ['getMfaStatus', '019c96a0-0c21-71f9-a487-66a1258278a1'],
      ['getMfaStatus', '4b3c9c9c-0000-4d1e-8d9f-00000000ada1'],
      ['getMfaStatus', '019c96a0-0c21-71f9-a487-66a1258278a1'],
      ['initiateMfaSetup', '019c96a0-0c21-71f9-a487-66a1258278a1'],
      ['getUserMfaStatus', '6229ffaxxxxxxxxcade3e3d9'],
      ['getUserMfaStatus', '6229ffaxxxxxxxxcade3e3d9'],
    ]);
    const byBob = (await admin('getJournal', 'GET', `/sessions/${session}/journal?user=usr_bob`)).json<Array<{ operationId: string }>>();
    expect(byBob.map((entry) => entry.operationId)).toEqual(['verifyMFALogin', 'getMFAStatus']);
    const verified = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, [
      { operationId: 'verifyMFALogin', user: 'usr_bob', count: 1 },
      { operationId: 'verifyMFALogin', user: 'usr_ada', count: 0 },
    ]);
    expect(verified.statusCode, verified.body).toBe(200);
    expect((await admin('getJournal', 'GET', `/sessions/${session}/journal?user=`)).statusCode).toBe(400);
    // A misspelt id is refused, not counted as "never called"; a Lerian UUID in capitals finds John Doe's requests.
    const misspelt = await admin('getJournal', 'GET', `/sessions/${session}/journal?user=usr_bbo`);
    expect([misspelt.statusCode, misspelt.json().detail]).toEqual([
      400,
      `/user: no user "usr_bbo" in this session's scenarios, worlds or journal (did you mean "usr_bob"?)`,
    ]);
    const johnInCapitals = await admin('getJournal', 'GET', `/sessions/${session}/journal?user=019C96A0-0C21-71F9-A487-66A1258278A1`);
    expect(johnInCapitals.json<Array<{ operationId: string }>>().map((entry) => entry.operationId)).toEqual([
      'getMfaStatus',
      'getMfaStatus',
      'initiateMfaSetup',
    ]);
    const misspeltExpectation = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, [
      { operationId: 'verifyMFALogin', user: 'usr_bob', count: 1 },
      { operationId: 'verifyMFALogin', user: 'usr_adda', count: 0 },
    ]);
    expect([misspeltExpectation.statusCode, misspeltExpectation.json().detail]).toEqual([
      400,
      `/1/user: no user "usr_adda" in this session's scenarios, worlds or journal (did you mean "usr_ada"?)`,
    ]);
    // A user of a scenario the session has not used yet is a user: "never called" holds for them.
    const neverCalled = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, { user: 'usr_dee', count: 0 });
    expect(neverCalled.statusCode, neverCalled.body).toBe(200);
  });

  it("names on a sign-in, which carries no credentials, the user its body's e-mail or token belongs to, also when refused", async () => {
    const session = 'journal-sign-ins';
    const ada = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
    const login = (password: string, email = 'ada@example.com') =>
      sandbox.request({ method: 'POST', url: '/nest-auth/auth/login', session, payload: { providerName: 'email', credentials: { email, password } } });
    expect((await login('wrong')).statusCode).toBe(401);
    expect((await login('sandbox-password', 'nobody@example.com')).statusCode).toBe(401);
    const signedIn = await login('sandbox-password');
    expect(signedIn.statusCode).toBe(200);
    const { accessToken, refreshToken } = signedIn.json<{ accessToken: string; refreshToken: string }>();
    const refresh = (token: string) => sandbox.request({ method: 'POST', url: '/nest-auth/auth/refresh-token', session, payload: { refreshToken: token } });
    expect((await refresh(refreshToken)).statusCode).toBe(200);
    const logout = (headers: Record<string, string>) => sandbox.request({ method: 'POST', url: '/nest-auth/auth/logout', session, headers });
    expect((await logout({})).statusCode).toBe(200);
    expect((await logout({ authorization: `Bearer ${accessToken}` })).statusCode).toBe(200);
    // A replayed refresh token (it ends the sign-in's session) is still the one of Ada's that came back.
    const again = (await login('sandbox-password')).json<{ refreshToken: string }>();
    expect((await refresh(again.refreshToken)).statusCode).toBe(200);
    expect((await refresh(again.refreshToken)).statusCode).toBe(401);
    // Flashback's magic link activation: the link's user.
    await sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', session, headers: ADA });
    const [message] = (await admin('getOutbox', 'GET', `/sessions/${session}/outbox`)).json<Array<{ token: string }>>();
    const activate = (token: string) => sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/activate', session, payload: { token } });
    expect((await activate('forged-token')).statusCode).toBe(400);
    expect((await activate(message!.token)).statusCode).toBe(200);
    const entries = (await admin('getJournal', 'GET', `/sessions/${session}/journal`)).json<Array<{ operationId: string; user?: string }>>();
    expect(entries.map((entry) => [entry.operationId, entry.user])).toEqual([
      ['login', ada],
      ['login', undefined],
      ['login', ada],
      ['refreshToken', ada],
      ['logout', undefined],
      ['logout', ada],
      ['login', ada],
      ['refreshToken', ada],
      ['refreshToken', ada],
      ['sendMagicLink', 'usr_ada'],
      ['activateMagicLink', undefined],
      ['activateMagicLink', 'usr_ada'],
    ]);
    const verified = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, { operationId: 'login', user: ada, count: 3 });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it('finds and counts by the fault injected into the answer, and refuses a fault the sandbox has not', async () => {
    const session = 'journal-faults';
    for (const prefer of ['fault=truncated-body', 'latency=1', 'fault=truncated-body', 'fault=malformed-body'])
      await sandbox.request({ url: '/flashback/mfa/status', session, headers: { ...ADA, prefer } });
    const truncated = await admin('getJournal', 'GET', `/sessions/${session}/journal?fault=truncated-body`);
    expect(truncated.json<Array<{ fault: string }>>().map((entry) => entry.fault)).toEqual(['truncated-body', 'truncated-body']);
    const counted = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, [
      { fault: 'malformed-body', count: 1 },
      { fault: 'slow-body', count: 0 },
    ]);
    expect(counted.statusCode, counted.body).toBe(200);
    const misspelt = await admin('getJournal', 'GET', `/sessions/${session}/journal?fault=truncated-bdy`);
    expect([misspelt.statusCode, misspelt.json().detail]).toEqual([
      400,
      expect.stringMatching(/^\/fault: must be an injected fault \(drop-connection, .*\), got "truncated-bdy" \(did you mean "truncated-body"\?\)$/),
    ]);
  });

  it('finds by its spec path a request the vendor routed in another letter case (nest-auth) or with a UUID in capitals (Lerian)', async () => {
    const session = 'journal-letter-case';
    const nestAuth = { authorization: 'Bearer nest-auth-token-ada' };
    expect((await sandbox.request({ url: '/nest-auth/Auth/MFA/Status', session, headers: nestAuth })).statusCode).toBe(200);
    expect((await sandbox.request({ url: '/nest-auth/auth/mfa/status', session, headers: nestAuth })).statusCode).toBe(200);
    const johndoe = '019c96a0-0c21-71f9-a487-66a1258278a1';
    const lerian = { url: `/lerian/v1/users/${johndoe.toUpperCase()}/mfa`, session, headers: { authorization: 'Bearer lerian-token-johndoe' } };
    expect((await sandbox.request(lerian)).statusCode).toBe(200);
    const found = async (query: string) => {
      const response = await admin('getJournal', 'GET', `/sessions/${session}/journal${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Array<{ url: string }>>().map((entry) => entry.url);
    };
    // The path as sent stays in the entry; the filter, checked against the spec's path, counts both spellings.
    expect(await found('?path=/nest-auth/auth/mfa/status')).toEqual(['/nest-auth/Auth/MFA/Status', '/nest-auth/auth/mfa/status']);
    expect(await found('?path=/nest-auth/auth/*')).toHaveLength(2);
    expect(await found(`?path=/lerian/v1/users/${johndoe}/mfa`)).toEqual([lerian.url]);
    const verified = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, { path: '/nest-auth/auth/mfa/status', count: 2 });
    expect(verified.statusCode, verified.body).toBe(200);
    // The path as the client sent it (copied from the entry's url) finds the same requests: any letter case, also the surface's.
    expect(await found('?path=/nest-auth/Auth/MFA/Status')).toHaveLength(2);
    expect(await found('?path=/NEST-AUTH/Auth/*')).toHaveLength(2);
    const asSent = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, { path: '/nest-auth/Auth/MFA/Status', count: 2 });
    expect(asSent.statusCode, asSent.body).toBe(200);
    // Flashback routes its paths as written: another letter case reached no operation, and nothing was journalled.
    expect((await sandbox.request({ url: '/flashback/mfa/Status', session, headers: ADA })).statusCode).toBe(404);
    expect(await found('?path=/flashback/mfa/status')).toEqual([]);
  });

  it("tells the vendor's answers from the sandbox's own faults (sandboxError), so a status 400 need not count a bad Prefer", async () => {
    const session = 'journal-faults';
    const setup = { method: 'POST' as const, url: '/flashback/mfa/setup', headers: { ...ADA, 'content-type': 'application/json' }, session };
    expect((await sandbox.request({ ...setup, payload: { mfaType: 'SMS' } })).statusCode).toBe(400); // Flashback's own 400
    const badPrefer = await sandbox.request({ ...setup, payload: { mfaType: 'GOOGLE_AUTH' }, headers: { ...setup.headers, prefer: 'code=418' } });
    expect([badPrefer.statusCode, badPrefer.json().code]).toEqual([400, 'MOCK_ERR_BAD_PREFER_HEADER']);
    // A preference no operation could take (refused as the request's controls are read) is journalled the same way.
    const badLatency = await sandbox.request({ ...setup, payload: { mfaType: 'MAGIC_LINK' }, headers: { ...setup.headers, prefer: 'latency=abc' } });
    expect([badLatency.statusCode, badLatency.json().code]).toEqual([400, 'MOCK_ERR_BAD_PREFER_HEADER']);
    const found = async (query: string) => {
      const response = await admin('getJournal', 'GET', `/sessions/${session}/journal${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Array<{ requestBody: { mfaType: string } }>>().map((entry) => entry.requestBody.mfaType);
    };
    expect(await found('?status=400')).toEqual(['SMS', 'GOOGLE_AUTH', 'MAGIC_LINK']);
    expect(await found('?status=400&sandboxError=false')).toEqual(['SMS']);
    expect(await found('?sandboxError=true')).toEqual(['GOOGLE_AUTH', 'MAGIC_LINK']);
    expect(await found('?sandboxError=MOCK_ERR_BAD_PREFER_HEADER')).toEqual(['GOOGLE_AUTH', 'MAGIC_LINK']);
    expect(await found('?sandboxError=MOCK_ERR_RESPONSE_INVALID')).toEqual([]);
    const verified = await admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, [
      { operationId: 'setupMFA', status: 400, sandboxError: false, count: 1 },
      { sandboxError: 'MOCK_ERR_BAD_PREFER_HEADER', count: 2 },
    ]);
    expect(verified.statusCode, verified.body).toBe(200);
    const misspelt = await admin('getJournal', 'GET', `/sessions/${session}/journal?sandboxError=MOCK_ERR_BAD_PREFER`);
    expect([misspelt.statusCode, misspelt.json().pointer, misspelt.json().detail]).toEqual([
      400,
      '/sandboxError',
      '/sandboxError: must be true, false or a sandbox error code (MOCK_ERR_...), got "MOCK_ERR_BAD_PREFER" (did you mean "MOCK_ERR_BAD_PREFER_HEADER"?)',
    ]);
  });

  it('empties a session journal on DELETE, keeping its state, and makes no session that was not there', async () => {
    const session = 'journal-cleared';
    const setScenario = await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/scenario`, payload: { scenario: 'org-enforced' } });
    expect(setScenario.statusCode).toBe(200);
    await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    const revision = async () => (await sandbox.sessions.read(session))?.revision ?? 0;
    const before = await revision();
    const cleared = await sandbox.app.inject({ method: 'DELETE', url: `/__admin/sessions/${session}/journal` });
    expect([cleared.statusCode, cleared.body]).toEqual([204, '']);
    expect((await admin('getJournal', 'GET', `/sessions/${session}/journal`)).json()).toEqual([]);
    expect(await revision()).toBe(before + 1); // a change QA made: an open console hears of it
    const status = await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    expect(status.json().data.isEnforced).toBe(true);
    expect(describeEntries((await admin('getJournal', 'GET', `/sessions/${session}/journal`)).json())).toEqual(['getMFAStatus:200']);
    expect((await sandbox.app.inject({ method: 'DELETE', url: '/__admin/sessions/journal-never-made/journal' })).statusCode).toBe(204);
    const listed = (await sandbox.app.inject({ url: '/__admin/sessions' })).json<Array<{ id: string }>>();
    expect(listed.map((entry) => entry.id)).not.toContain('journal-never-made');
  });

  it('refuses malformed filters with a 400 naming the parameter', async () => {
    for (const [query, pointer] of [
      ['?status=abc', '/status'],
      ['?status=99', '/status'],
      ['?since=yesterday', '/since'],
      ['?until=2026-13-45T00:00:00Z', '/until'],
      ['?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z', '/since'],
      ['?operationId=', '/operationId'],
      ['?operationId=a&operationId=b', '/operationId'],
      ['?operationID=getMFAStatus', '/operationID'],
      ['?operationId=getMFAstatus', '/operationId'],
      ['?surface=flashbak', '/surface'],
      ['?scenario=server-eror', '/scenario'],
      ['?method=GET%20POST', '/method'],
      ['?path=flashback/mfa/status', '/path'],
      ['?requestBody=%7Bmfa', '/requestBody'],
    ]) {
      const refused = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json(), query).toMatchObject({ code: 'MOCK_ERR_BAD_ADMIN_REQUEST', pointer });
    }
    const misspeltLimit = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?limt=1`);
    expect(misspeltLimit.json().reason).toMatch(/^unknown field "limt" \(did you mean "limit"\?\) \(filters: .*; also limit\)$/);
  });

  it('refuses a surface or operation id nothing served has, so a typo never reads as "not called"', async () => {
    // Flashback's getMFAStatus and Lerian's getMfaStatus both exist; the case of a letter off is neither.
    const typo = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?operationId=getMFAstatus`);
    expect(typo.json().reason).toBe('no operation "getMFAstatus" on any surface (did you mean "getMFAStatus" or "getMfaStatus"?)');
    const onFlashback = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?surface=flashback&operationId=getMfaStatus`);
    expect(onFlashback.json().reason).toBe('no operation "getMfaStatus" on flashback (did you mean "getMFAStatus"?)');
    const elsewhere = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?surface=lerian&operationId=getMFAStatus`);
    expect([elsewhere.statusCode, elsewhere.json().reason]).toEqual([400, 'no operation "getMFAStatus" on lerian (did you mean "getMfaStatus"?)']);
    // The GenAuth docs page calls the SDK's getUserMfaStatus getUsersMfaStatus: a letter off is suggested too.
    const docsName = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?operationId=getUsersMfaStatus`);
    expect(docsName.json().reason).toBe('no operation "getUsersMfaStatus" on any surface (did you mean "getUserMfaStatus" or "setUsersMfaStatus"?)');
    // Nothing near: a surface's operations are listed; every surface's are too many for a line.
    const unlike = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?surface=lerian&operationId=getMFAMethods`);
    expect(unlike.json().reason).toBe(
      'no operation "getMFAMethods" on lerian (lerian\'s operations: disableMfa, enableMfa, getMfaStatus, initiateMfaSetup, setPreferredMfaMethod, verifyMfaPasscode)',
    );
    const unlikeAnywhere = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?operationId=getMFAMethods`);
    expect(unlikeAnywhere.json().reason).toBe('no operation "getMFAMethods" on any surface (GET /__admin/surfaces lists every operation)');
    const surface = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?surface=flashbak`);
    expect(surface.json().reason).toBe('no surface "flashbak" is served here (did you mean "flashback"?) (surfaces: flashback, nest-auth, lerian, genauth)');
    const scenario = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?scenario=server-eror`);
    expect(scenario.json().reason).toMatch(/^no surface has a scenario "server-eror" \(did you mean "server-error"\?\) \(scenarios: default, .*server-error/);
  });

  it('refuses a misspelt method or path too, so an expectation of "never called" cannot hold for a typo', async () => {
    const reasonOf = async (payload: unknown) => {
      const response = await admin('verifyJournal', 'POST', `/sessions/${SESSION}/journal/verify`, payload);
      expect(response.statusCode, response.body).toBe(400);
      return response.json<{ reason: string }>().reason;
    };
    expect(await reasonOf({ method: 'GTE', path: '/flashback/mfa/status', count: 0 })).toBe(
      'must be an HTTP method (GET, POST, ...), got "GTE" (did you mean "GET"?)',
    );
    const noOperation = (path: string, meant: string) =>
      `no operation of the surfaces served here has the path "${path}" (did you mean "${meant}"?) ` +
      '(the journal keeps requests to the operations of the specs only; GET /__admin/surfaces lists them)';
    expect(await reasonOf({ path: '/flashbak/mfa/status', count: 0 })).toBe(noOperation('/flashbak/mfa/status', '/flashback/mfa/status'));
    expect(await reasonOf({ path: '/flashback/mfa/stauts', count: 0 })).toBe(noOperation('/flashback/mfa/stauts', '/flashback/mfa/status'));
    // A path without the surface's prefix, and a start no operation's path has.
    expect(await reasonOf({ path: '/mfa/status', count: 0 })).toBe(noOperation('/mfa/status', '/flashback/mfa/status'));
    expect(await reasonOf({ path: '/flashbak/*', count: 0 })).toMatch(/^no operation of the surfaces served here has a path starting "\/flashbak\/" /);
    // Only a trailing * matches any rest: one inside matched nothing.
    expect(await reasonOf({ path: '/lerian/v1/users/*/mfa', count: 0 })).toMatch(
      /^must be a path starting with \/, without a query string or a \* before its end/,
    );
    const query = await admin('getJournal', 'GET', `/sessions/${SESSION}/journal?method=GTE`);
    expect([query.statusCode, query.json().reason]).toEqual([400, 'must be an HTTP method (GET, POST, ...), got "GTE" (did you mean "GET"?)']);
    // What is right still counts: a method in any case, a spec path with its parameter, a prefix.
    expect(describeEntries(await journal('?method=get&path=/flashback/mfa/status'))).toEqual(['getMFAStatus:200', 'getMFAStatus:401', 'getMFAStatus:500']);
    const held = await admin('verifyJournal', 'POST', `/sessions/${SESSION}/journal/verify`, [
      { path: '/lerian/v1/users/0000/mfa', count: 0 },
      { path: '/flashback/mfa/*', atLeast: 4 },
      { path: '/flashback/mfa/verify*', count: 0 },
      { method: 'PROPFIND', count: 0 },
    ]);
    expect(held.statusCode, held.body).toBe(200);
  });
});

describe('journal verification', () => {
  const verify = (payload: unknown, session = SESSION) => admin('verifyJournal', 'POST', `/sessions/${session}/journal/verify`, payload);

  it('answers 200 with what each expectation counted when all hold', async () => {
    const held = await verify([
      { operationId: 'getMFAStatus', count: 3 },
      { operationId: 'getMFAStatus', status: 401, atLeast: 1, atMost: 1 },
      { status: 404, count: 0 },
    ]);
    expect(held.statusCode, held.body).toBe(200);
    const { results } = held.json();
    expect(results.map((result: { actual: number }) => result.actual)).toEqual([3, 1, 0]);
    expect(results[1].entries).toEqual([expect.objectContaining({ operationId: 'getMFAStatus', status: 401 })]);
    expect((await verify({ operationId: 'getMFAStatus', count: 1 }, 'journal-other')).statusCode).toBe(200);
  });

  it('answers 409 listing each broken expectation with its actual count and entries', async () => {
    const broken = await verify([
      { operationId: 'getMFAStatus', atLeast: 1 },
      { operationId: 'getMFAStatus', count: 1 },
      { operationId: 'sendMagicLink', atLeast: 1 },
    ]);
    expect(broken.statusCode).toBe(409);
    const problem = broken.json();
    expect(problem.code).toBe('MOCK_ERR_VERIFICATION_FAILED');
    expect(problem.failures.map((failure: { index: number; actual: number }) => [failure.index, failure.actual])).toEqual([
      [1, 3],
      [2, 0],
    ]);
    expect(describeEntries(problem.failures[0].entries)).toEqual(['getMFAStatus:200', 'getMFAStatus:401', 'getMFAStatus:500']);
    expect((await verify({ operationId: 'getMFAStatus', atMost: 2 })).statusCode).toBe(409);
  });

  it('refuses a session that does not exist with a 404 naming the one meant, and makes none', async () => {
    // "getMFAStatus called 0 times" held on the empty journal of a mistyped id (a platform team's tour).
    const typo = await verify({ operationId: 'getMFAStatus', count: 0 }, 'journal-qq');
    expect([typo.statusCode, typo.json().code]).toEqual([404, 'MOCK_ERR_UNKNOWN_SESSION']);
    expect(typo.json().detail).toMatch(
      /^No session "journal-qq" \(did you mean "journal-q"\?\) to verify: it made no request and took no change, or was forgotten/,
    );
    expect((await admin('listSessions', 'GET', '/sessions')).json<Array<{ id: string }>>().map((session) => session.id)).not.toContain('journal-qq');
    // Made first (a read of the session itself), it has a journal to count: none of its requests.
    expect((await sandbox.app.inject({ url: '/__admin/sessions/journal-quiet' })).statusCode).toBe(200);
    expect((await verify({ count: 0 }, 'journal-quiet')).statusCode).toBe(200);
  });

  it('refuses malformed expectations with a 400', async () => {
    for (const payload of [
      {},
      [],
      { operationId: 'getMFAStatus' },
      { operationId: 'getMFAStatus', count: 1, atLeast: 1 },
      { operationId: 'getMFAStatus', atLeast: 3, atMost: 1 },
      { operationId: 'getMFAStatus', count: -1 },
      { operationId: 'getMFAStatus', count: 1.5 },
      { operationId: 'getMFAStatus', count: 1, colour: 'red' },
      [{ count: 1 }, 'x'],
      { operationId: 'getMFAstatus', count: 0 },
      { surface: 'flashbak', count: 0 },
      null,
    ]) {
      const refused = await verify(payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await verify([{ count: 1 }, { atLeast: 'x' }])).json().pointer).toBe('/1/atLeast');
    // An operation id two surfaces share counts only with its surface named (it counted both surfaces' calls).
    const shared = await verify({ operationId: 'getMfaStatus', count: 1 });
    expect([shared.statusCode, shared.json().pointer, shared.json().reason]).toEqual([
      400,
      '/surface',
      '"getMfaStatus" is an operation of nest-auth and lerian: name the surface it counts',
    ]);
    expect((await verify({ surface: 'lerian', operationId: 'getMfaStatus', count: 0 })).statusCode).toBe(200);
    // A misspelt count field is named with the one it meant, and the list says what counts (a tour saw only filters).
    const misspelt = await verify({ operationId: 'verifyMFALogin', atleast: 1 });
    expect([misspelt.statusCode, misspelt.json().pointer, misspelt.json().reason]).toEqual([
      400,
      '/atleast',
      'unknown field "atleast" (did you mean "atLeast"?) (filters: surface, operationId, status, scenario, since, until, method, path, requestBody, sandboxError, user, fault; also count, atLeast, atMost)',
    ]);
  });

  it('lists the newest 10 entries an expectation counted and how many more, and takes at most 100 expectations', async () => {
    // Each result listed every entry it counted: 320 expectations over a journal of large bodies made an answer
    // longer than a string may be (a 500), and 12,000 small ones an answer of hundreds of megabytes.
    const session = 'journal-many';
    for (let call = 0; call < 13; call++) {
      const body = { mfaType: 'GOOGLE_AUTH', code: String(call).padStart(6, '0') };
      await sandbox.request({ method: 'POST', url: '/flashback/mfa/verify-login', session, headers: ADA, payload: body });
    }
    const codes = (entries: Array<{ requestBody: { code: string } }>) => entries.map((entry) => entry.requestBody.code);
    const held = await verify([{ operationId: 'verifyMFALogin', atLeast: 13 }, { count: 13 }, { status: 404, count: 0 }], session);
    expect(held.statusCode, held.body).toBe(200);
    const [first, second, none] = held.json().results;
    expect([first.actual, first.entriesOmitted, codes(first.entries)]).toEqual([
      13,
      3,
      ['000003', '000004', '000005', '000006', '000007', '000008', '000009', '000010', '000011', '000012'],
    ]);
    expect([second.actual, second.entriesOmitted, second.entries.length]).toEqual([13, 3, 10]);
    expect(none).toEqual({ expectation: { status: 404, count: 0 }, actual: 0, entries: [] });
    const broken = await verify({ operationId: 'verifyMFALogin', count: 1 }, session);
    expect([broken.statusCode, broken.json().failures[0].actual, broken.json().failures[0].entriesOmitted, broken.json().failures[0].entries.length]).toEqual([
      409, 13, 3, 10,
    ]);
    expect(
      (
        await verify(
          Array.from({ length: 100 }, () => ({ atLeast: 0 })),
          session,
        )
      ).statusCode,
    ).toBe(200);
    const tooMany = await verify(
      Array.from({ length: 101 }, () => ({ atLeast: 0 })),
      session,
    );
    expect([tooMany.statusCode, tooMany.json().pointer, tooMany.json().reason]).toEqual([
      400,
      '',
      'at most 100 expectations in one verification, got 101: verify them in parts',
    ]);
  });
});

describe('journal verification over a full journal', () => {
  // A journal of 3 after 5 requests, a minute apart: status, status, status, methods, status; it keeps the last 3.
  const SMALL_START = Date.UTC(2026, 0, 1, 12, 0, 0);
  const smallClock = createControlledClock(SMALL_START);
  let small: TestSandbox;
  let smallCheck: (operationId: string, answer: Answer) => string[];
  beforeAll(async () => {
    small = await createTestSandbox({ journalSize: 3 }, { clock: smallClock });
    smallCheck = await createAdminAnswerCheck(small.app);
    for (const url of ['/flashback/mfa/status', '/flashback/mfa/status', '/flashback/mfa/status', '/flashback/mfa/methods', '/flashback/mfa/status']) {
      await small.request({ url, session: 'full', headers: ADA });
      smallClock.advance(60_000);
    }
  });
  afterAll(() => small?.close());
  const verifyFull = async (payload: unknown) => {
    const response = await small.app.inject({
      method: 'POST',
      url: '/__admin/sessions/full/journal/verify',
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json' },
    });
    expect(smallCheck('verifyJournal', response), response.body).toEqual([]);
    return response;
  };

  it('fails, marked incomplete, an expectation the dropped requests could decide otherwise, saying how to keep more', async () => {
    // 4 status requests were made, 2 are kept: a count of 2 would pass on the entries kept, wrongly.
    for (const expectation of [
      { operationId: 'getMFAStatus', count: 2 },
      { operationId: 'getMFAStatus', atMost: 2 },
      { operationId: 'getMFAStatus', atLeast: 4 },
    ]) {
      const refused = await verifyFull(expectation);
      expect(refused.statusCode, JSON.stringify(expectation)).toBe(409);
      const problem = refused.json();
      expect(problem.failures).toEqual([expect.objectContaining({ index: 0, actual: 2, incomplete: true })]);
      expect(problem.detail).toContain('1 of them cannot be decided: the journal keeps only the newest 3 requests of a session and older ones were dropped');
      expect(problem.detail).toContain('serve --journal-size');
    }
  });

  it('decides what the dropped requests cannot change: enough already, too many already, or counted only since the oldest kept', async () => {
    expect((await verifyFull({ operationId: 'getMFAStatus', atLeast: 2 })).statusCode).toBe(200);
    const tooMany = await verifyFull({ operationId: 'getMFAStatus', atMost: 1 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().failures[0]).not.toHaveProperty('incomplete');
    // The oldest entry kept is the third request (12:02); from 12:02:30 on, nothing was dropped.
    const since = new Date(SMALL_START + 150_000).toISOString();
    expect((await verifyFull({ since, count: 2 })).statusCode).toBe(200);
    expect((await verifyFull({ since: new Date(SMALL_START + 90_000).toISOString(), count: 3 })).statusCode).toBe(409);
  });

  it('createSandbox({ journalSize }) verifies the same way, and its error says why', async () => {
    const running = await createSandbox({ journalSize: 2 });
    try {
      const qa = running.session('full-helpers');
      for (let request = 0; request < 3; request++) await fetch(`${running.url}/flashback/mfa/status`, { headers: { ...qa.headers, ...ADA } });
      expect(() => qa.verify({ operationId: 'getMFAStatus', count: 2 })).toThrow(
        /expected getMFAStatus exactly 2 time\(s\), counted 2 among the newest 2 kept:[\s\S]*the journal keeps only the newest 2 requests/,
      );
      expect(qa.verify({ operationId: 'getMFAStatus', atLeast: 1 })[0]).toMatchObject({ holds: true, actual: 2 });
      // Exactly full, nothing dropped: every count is decided (the memory store knows what it let go of).
      const exact = running.session('exactly-full');
      for (let request = 0; request < 2; request++) await fetch(`${running.url}/flashback/mfa/status`, { headers: { ...exact.headers, ...ADA } });
      expect(
        exact.verify([
          { operationId: 'getMFAStatus', count: 2 },
          { operationId: 'verifyMFALogin', count: 0 },
        ]),
      ).toHaveLength(2);
    } finally {
      await running.close();
    }
  });
});

describe('journal helpers of createSandbox()', () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await createSandbox();
  });
  afterAll(() => running?.close());

  it('filter the journal and verify call counts, throwing an assertion-style error that lists the entries', async () => {
    const qa = running.session('helpers');
    for (const headers of [ADA, {}]) await fetch(`${running.url}/flashback/mfa/status`, { headers: { ...qa.headers, ...headers } });
    expect(qa.journal({ operationId: 'getMFAStatus', status: 401 })).toEqual([expect.objectContaining({ status: 401, surface: 'flashback' })]);
    expect(qa.journal()).toHaveLength(2);
    expect(qa.verify({ operationId: 'getMFAStatus', count: 2 })[0]).toMatchObject({ holds: true, actual: 2 });

    let thrown: unknown;
    try {
      qa.verify([
        { operationId: 'getMFAStatus', count: 1 },
        { operationId: 'getMFAStatus', status: 401, atLeast: 1 },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JournalVerificationError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^expected getMFAStatus exactly 1 time\(s\), counted 2:\n/);
    expect(message).toMatch(/GET \/flashback\/mfa\/status -> 200 \(getMFAStatus\)\n.*GET \/flashback\/mfa\/status -> 401 \(getMFAStatus\)$/);
    expect((thrown as JournalVerificationError).failures).toHaveLength(1);
    expect(() => qa.verify({ operationId: 'getMFAStatus' })).toThrow(/give one of count, atLeast, atMost/);
    expect(() => qa.verify({ operationId: 'verifyMfaLogin', count: 0 })).toThrow(
      '/operationId: no operation "verifyMfaLogin" on any surface (did you mean "verifyMFALogin"?)',
    );
    // A JavaScript caller's misspelt surface (in TypeScript a compile error: surfaces are SurfaceIds).
    expect(() => qa.journal({ surface: 'okta' as SurfaceId })).toThrow(/^\/surface: no surface "okta" is served here/);
    expect(qa.journal({ user: 'usr_ada' })).toHaveLength(1);
    expect(() => qa.journal({ user: 'usr_adaa' })).toThrow(
      '/user: no user "usr_adaa" in this session\'s scenarios, worlds or journal (did you mean "usr_ada"?)',
    );
    expect(() =>
      qa.verify([
        { user: 'usr_ada', count: 1 },
        { user: 'bob', count: 0 },
      ]),
    ).toThrow(/^\/1\/user: no user "bob"/);
    expect(() => running.session('other-helpers').verify({ operationId: 'getMFAStatus', atLeast: 1 })).toThrow(JournalVerificationError);
  });
});
