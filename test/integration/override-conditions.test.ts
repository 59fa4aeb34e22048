import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminAnswerCheck } from '../harness/admin-answer-check.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import type { Answer } from '../harness/openapi-answer-check.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * An override's `when` (WireMock's request matching): it answers only the requests that fit, through the admin API,
 * a scenario file and every part a request has (a header picking a user, a path parameter, a query parameter of a
 * signed GenAuth call, a body field); other requests get the next override or the vendor's stateful answer. Every
 * vendor answer is checked against its spec by the test sandbox, every admin answer against the admin spec.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
const BOB = { authorization: 'Bearer flashback-token-bob' };
const LERIAN_JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';
const LERIAN_OPERATOR = '019c96a0-0000-7000-8000-0000000000ad';
const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';

let sandbox: TestSandbox;
let check: (operationId: string, answer: Answer) => string[];
let scenariosDir: string;

beforeAll(async () => {
  scenariosDir = await mkdtemp(join(tmpdir(), 'mfa-override-when-'));
  await mkdir(join(scenariosDir, 'flashback'));
  await writeFile(
    join(scenariosDir, 'flashback', 'bob-fails.yaml'),
    [
      'description: Bob gets a 500 on his status and a failed setup of a magic link; everyone else the real answers',
      'world:',
      '  users:',
      '    - { id: usr_ada, email: ada@example.com, token: flashback-token-ada }',
      '    - { id: usr_bob, email: bob@example.com, token: flashback-token-bob }',
      'overrides:',
      '  - operationId: getMFAStatus',
      '    when: { headers: { Authorization: Bearer flashback-token-bob } }',
      '    status: 500',
      '  - operationId: setupMFA',
      '    when: { body: { mfaType: MAGIC_LINK } }',
      '    status: 500',
      '  - { operationId: "*", when: { headers: { x-client: flaky-android } }, fault: malformed-body }',
    ].join('\n'),
  );
  sandbox = await createTestSandbox({ scenariosDir });
  check = await createAdminAnswerCheck(sandbox.app);
});
afterAll(async () => {
  await sandbox?.close();
  if (scenariosDir) await rm(scenariosDir, { recursive: true, force: true });
});

async function addOverride(session: string, override: Record<string, unknown>) {
  const response = await sandbox.app.inject({ method: 'POST', url: `/__admin/sessions/${session}/overrides`, payload: override });
  expect(check('addSessionOverride', response), response.body).toEqual([]);
  return response;
}

const flashbackStatus = (session: string, headers: Record<string, string>) => sandbox.request({ url: '/flashback/mfa/status', session, headers });

describe('an override with when, added through the admin API', () => {
  it("answers one user's requests (a header) and leaves the others the stateful answer", async () => {
    const added = await addOverride('when-user', {
      operationId: 'getMFAStatus',
      when: { headers: { Authorization: 'Bearer flashback-token-bob' } },
      status: 500,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: 'ov-1', surface: 'flashback', when: { headers: { Authorization: 'Bearer flashback-token-bob' } } });

    expect((await flashbackStatus('when-user', BOB)).statusCode).toBe(500);
    const ada = await flashbackStatus('when-user', ADA);
    expect([ada.statusCode, ada.data.success]).toEqual([200, true]);
    // Only the request it answered counts as a use.
    const [listed] = (await sandbox.app.inject({ url: '/__admin/sessions/when-user/overrides' })).json();
    expect(listed.used).toBe(1);
  });

  it('spends `times` on fitting requests only, and passes the others to an older override', async () => {
    expect((await addOverride('when-times', { operationId: 'getMFAStatus', example: 'notEnabled' })).statusCode).toBe(201);
    await addOverride('when-times', { operationId: 'getMFAStatus', when: { headers: { authorization: 'Bearer flashback-token-bob' } }, status: 500, times: 1 });
    const enabledFlags = async (headers: Record<string, string>) => {
      const answer = await flashbackStatus('when-times', headers);
      return answer.statusCode === 200 ? answer.data.data.isEnabled : answer.statusCode;
    };
    expect(await enabledFlags(ADA)).toBe(false); // the older, unconditional override
    expect(await enabledFlags(BOB)).toBe(500);
    expect(await enabledFlags(BOB)).toBe(false); // used up: the older one again
    const listed = (await sandbox.app.inject({ url: '/__admin/sessions/when-times/overrides' })).json();
    expect(listed.map((override: { used: number }) => override.used)).toEqual([2, 1]);
    // The journal names the override that answered each request, and the ones tried before it that did not fit:
    // Ada's request tried Bob's first; Bob's first request fitted at once; his second fitted the used-up one.
    const answer = await sandbox.app.inject({ url: '/__admin/sessions/when-times/journal' });
    expect(check('getJournal', answer), answer.body).toEqual([]);
    const journal = answer.json();
    expect(journal.map((entry: { override?: string }) => entry.override)).toEqual(['ov-1', 'ov-2', 'ov-1']);
    expect(journal.map((entry: { overrideMisses?: unknown }) => entry.overrideMisses ?? null)).toEqual([
      [{ override: 'ov-2', pointer: '/when/headers/authorization', expected: 'Bearer flashback-token-bob', received: 'Bearer flashback-token-ada' }],
      null,
      [{ override: 'ov-2', pointer: '/times', expected: 'at most 1 answer', received: '1 answer given' }],
    ]);
  });

  it('says of a body that is not JSON that it is not, when an override wanted a body field', async () => {
    await addOverride('when-unreadable', { operationId: 'setupMFA', when: { body: { mfaType: 'MAGIC_LINK' } }, status: 500 });
    const answer = await sandbox.app.inject({
      method: 'POST',
      url: '/flashback/mfa/setup',
      headers: { ...BOB, 'x-mock-session': 'when-unreadable', 'content-type': 'application/json' },
      payload: '{"mfaType":"MAGIC_LINK"',
    });
    expect(answer.statusCode).toBe(400); // the vendor's malformed-body answer, not the override's 500
    const [entry] = (await sandbox.app.inject({ url: '/__admin/sessions/when-unreadable/journal' })).json();
    expect(entry.overrideMisses).toEqual([
      { override: 'ov-1', pointer: '/when/body', expected: '{"mfaType":"MAGIC_LINK"}', received: expect.stringMatching(/^\(not JSON: .+\)$/) },
    ]);
  });

  it('matches a path parameter (Lerian user id) and a query parameter of a signed GenAuth call', async () => {
    expect(
      (await addOverride('when-parts', { surface: 'lerian', operationId: 'getMfaStatus', when: { params: { id: LERIAN_JOHN } }, status: 500 })).statusCode,
    ).toBe(201);
    const lerian = (id: string) =>
      sandbox.request({
        url: `/lerian/v1/users/${id}/mfa`,
        session: 'when-parts',
        scenario: 'mfa-enabled',
        headers: { authorization: 'Bearer lerian-token-operator' },
      });
    expect((await lerian(LERIAN_JOHN)).statusCode).toBe(500);
    expect((await lerian(LERIAN_OPERATOR)).statusCode).toBe(200);

    const added = await addOverride('when-parts', {
      surface: 'genauth',
      operationId: 'getUserMfaStatus',
      when: { query: { userId: 'someone-else' } },
      example: 'success',
    });
    expect(added.statusCode, added.body).toBe(201);
    const genauth = async (userId: string) => {
      const path = '/api/v3/get-mfa-status';
      const headers = signGenAuthRequest({
        method: 'GET',
        path,
        fields: { userId },
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
      });
      const answer = await sandbox.request({ url: `/genauth${path}?userId=${userId}`, session: 'when-parts', scenario: 'mfa-enabled', headers });
      expect(answer.data.statusCode, `${userId}: ${answer.body}`).toBe(200);
      const [last] = (await sandbox.app.inject({ url: '/__admin/sessions/when-parts/journal?limit=1' })).json();
      return last.scripted ?? 'stateful';
    };
    expect(await genauth(GENAUTH_USER)).toBe('stateful');
    expect(await genauth('someone-else')).toBe('override');
  });

  it('refuses a when the operation could never fit, and a malformed one, naming each problem', async () => {
    const refused = await addOverride('when-bad', {
      surface: 'genauth',
      operationId: 'getUserMfaStatus',
      when: { query: { userID: 'u-1' }, body: { userId: 'u-1' }, headers: { 'x-build': 7 }, cookie: { a: 'b' } },
      status: 500,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().problems).toEqual([
      { pointer: '/when/headers/x-build', reason: 'must be a string (write numbers in quotes: "7")' },
      { pointer: '/when/cookie', reason: 'unknown field "cookie"' },
      // Beside the shape problems, what the sound fields show against the spec: one round of fixes, not two.
      {
        pointer: '/status',
        reason:
          'getUserMfaStatus declares no 500 response; the vendor answers a 500 inside its HTTP 200 envelope (statusCode 500): {"example": "serverError"} without a status',
      },
    ]);
    expect(refused.json().detail).toMatch(/^The override is malformed: \/when\/headers\/x-build: /);
    // A header value no request can carry (Node reads a header's bytes as Latin-1: é arrives as Ã©), or longer than a
    // response header may be: the admin API took both (201), and the override never answered.
    const unreadable = await addOverride('when-bad', {
      operationId: 'getMFAStatus',
      when: { headers: { 'X-Client': 'é', 'X-Build': 'b'.repeat(1_025) } },
      status: 500,
    });
    expect([unreadable.statusCode, unreadable.json().problems]).toEqual([
      422,
      [
        { pointer: '/when/headers/X-Client', reason: "must be one line of ASCII text, at most 1024 characters: no request's header could fit it" },
        { pointer: '/when/headers/X-Build', reason: "must be one line of ASCII text, at most 1024 characters: no request's header could fit it" },
      ],
    ]);
    const unfit = await addOverride('when-bad', {
      surface: 'genauth',
      operationId: 'getUserMfaStatus',
      when: { query: { userID: 'u-1' }, body: { userId: 'u-1' } },
      example: 'serverError',
    });
    expect(unfit.statusCode).toBe(422);
    expect(unfit.json().problems).toEqual([
      {
        pointer: '/when/query/userID',
        reason: 'getUserMfaStatus has no query parameter "userID", so no request would fit (did you mean "userId"?); it has userId, userIdType',
      },
      { pointer: '/when/body', reason: 'getUserMfaStatus takes no request body, so no request would fit' },
    ]);
    const body = await addOverride('when-bad', { operationId: 'verifyMFALogin', when: { body: { codee: '000000', mfaType: 1 } }, status: 500 });
    expect(body.json().problems).toEqual([
      {
        pointer: '/when/body/codee',
        reason: `verifyMFALogin's request body has no field "codee", so no request would fit (did you mean "code"?); its fields: mfaType, code, token, credential, sessionId, ipAddress, userAgent`,
      },
      {
        pointer: '/when/body/mfaType',
        reason: 'must be a string, as mfaType is in verifyMFALogin\'s request body (1 is a number: write it in quotes, "1")',
      },
    ]);
    // As deep as the schema names fields, and with a type that allows null.
    const nested = await addOverride('when-bad', {
      operationId: 'verifyMFALogin',
      when: { body: { credential: { idd: 'x', response: { clientDataJSON: 7 } } } },
      status: 500,
    });
    expect(nested.json().problems).toEqual([
      {
        pointer: '/when/body/credential/idd',
        reason: `credential of verifyMFALogin's request body has no field "idd", so no request would fit (did you mean "id"?); its fields: id, rawId, response, type`,
      },
      {
        pointer: '/when/body/credential/response/clientDataJSON',
        reason: 'must be a string, as clientDataJSON is in credential.response of verifyMFALogin\'s request body (7 is a number: write it in quotes, "7")',
      },
    ]);
    const nullable = await addOverride('when-bad', { surface: 'nest-auth', operationId: 'verifyMfa', when: { body: { trustDevice: 'true' } }, status: 500 });
    expect(nullable.json().problems).toEqual([
      { pointer: '/when/body/trustDevice', reason: "must be a boolean or null, as trustDevice is in verifyMfa's request body" },
    ]);
    expect((await addOverride('when-bad', { operationId: 'verifyMFALogin', when: { body: '000000' }, status: 500 })).json().problems).toEqual([
      { pointer: '/when/body', reason: 'must be an object of verifyMFALogin\'s body fields, e.g. {"mfaType": ...}' },
    ]);
    expect((await addOverride('when-bad', { operationId: 'getMFAStatus', when: {}, status: 500 })).json().problems).toEqual([
      {
        pointer: '/when',
        reason: 'give at least one of params, query, headers, body (or leave when out), e.g. {"headers": {"Authorization": "Bearer <token>"}}',
      },
    ]);
    expect((await sandbox.app.inject({ url: '/__admin/sessions/when-bad/overrides' })).json()).toEqual([]);
  });

  it("refuses a misspelt header name (the operation's own, its credentials', a common one), not a custom header", async () => {
    const misspelt = await addOverride('when-header-typo', {
      surface: 'genauth',
      operationId: 'getUserMfaStatus',
      when: { headers: { Authorisation: 'x', 'x-genauth-signature-nonse': 'n', 'Content-Tipe': 'application/json' } },
      example: 'serverError',
    });
    expect(misspelt.statusCode).toBe(422);
    expect(misspelt.json().problems).toEqual(
      [
        ['Authorisation', 'Authorization'],
        ['x-genauth-signature-nonse', 'x-genauth-signature-nonce'],
        ['Content-Tipe', 'Content-Type'],
      ].map(([name, meant]) => ({
        pointer: `/when/headers/${name}`,
        reason: `"${name}" looks like a misspelling of "${meant}": only a request with the same typo would fit (did you mean "${meant}"?)`,
      })),
    );
    // A client's own header, even one a couple of letters from a known one, is the client's to send.
    const custom = await addOverride('when-header-typo', {
      operationId: 'getMFAStatus',
      when: { headers: { 'X-Origin': 'qa', 'X-Client': 'android' } },
      status: 500,
    });
    expect(custom.statusCode, custom.body).toBe(201);
  });
});

describe('an override with when in a scenario file', () => {
  it("answers the fitting requests (a user, a body field, a client's header) and no others", async () => {
    const session = { session: 'when-file', scenario: 'bob-fails' };
    expect((await sandbox.request({ url: '/flashback/mfa/status', ...session, headers: BOB })).statusCode).toBe(500);
    expect((await sandbox.request({ url: '/flashback/mfa/status', ...session, headers: ADA })).statusCode).toBe(200);

    const setup = (mfaType: string) => sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', ...session, headers: BOB, payload: { mfaType } });
    expect((await setup('MAGIC_LINK')).statusCode).toBe(500);
    const totp = await setup('GOOGLE_AUTH');
    expect([totp.statusCode, totp.data.success]).toEqual([200, true]);

    // The "*" one breaks every answer to the flaky client only.
    const flaky = await sandbox.request({ url: '/flashback/mfa/methods', ...session, headers: { ...ADA, 'x-client': 'flaky-android' } });
    expect(flaky.headers['x-mock-fault-injected']).toBe('malformed-body');
    const steady = await sandbox.request({ url: '/flashback/mfa/methods', ...session, headers: ADA });
    expect([steady.statusCode, steady.headers['x-mock-fault-injected'], steady.data.success]).toEqual([200, undefined, true]);
    const answer = await sandbox.app.inject({ url: '/__admin/sessions/when-file/journal' });
    expect(check('getJournal', answer), answer.body).toEqual([]);
    const journal = answer.json();
    expect(journal.map((entry: { override?: string }) => entry.override ?? null)).toEqual([
      'bob-fails#/overrides/0',
      null,
      'bob-fails#/overrides/1',
      null,
      'bob-fails#/overrides/2',
      null,
    ]);
    // Each request no override answered says which ones it tried and the first condition each missed.
    expect(journal.map((entry: { overrideMisses?: unknown }) => entry.overrideMisses ?? null)).toEqual([
      null,
      [
        {
          override: 'bob-fails#/overrides/0',
          pointer: '/when/headers/Authorization',
          expected: 'Bearer flashback-token-bob',
          received: 'Bearer flashback-token-ada',
        },
        { override: 'bob-fails#/overrides/2', pointer: '/when/headers/x-client', expected: 'flaky-android' },
      ],
      null,
      [
        { override: 'bob-fails#/overrides/1', pointer: '/when/body/mfaType', expected: '"MAGIC_LINK"', received: '"GOOGLE_AUTH"' },
        { override: 'bob-fails#/overrides/2', pointer: '/when/headers/x-client', expected: 'flaky-android' },
      ],
      null,
      [{ override: 'bob-fails#/overrides/2', pointer: '/when/headers/x-client', expected: 'flaky-android' }],
    ]);
  });
});

describe("an override that fitted but was set aside (the request's own Prefer, a fault rate)", () => {
  const journalOf = async (session: string) => {
    const answer = await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` });
    expect(check('getJournal', answer), answer.body).toEqual([]);
    return answer.json<Array<{ status: number; override?: string; overrideMisses?: unknown; latencyMs?: number; scripted?: string }>>();
  };
  const usesOf = async (session: string) =>
    (await sandbox.app.inject({ url: `/__admin/sessions/${session}/overrides` })).json().map((override: { used: number }) => override.used);

  it("names an override whose delay a request's Prefer: latency replaced, and does not count it as used", async () => {
    await addOverride('aside-latency', { operationId: 'getMFAStatus', latencyMs: 400, times: 1 });
    const asideAnswer = await flashbackStatus('aside-latency', { ...ADA, prefer: 'latency=0' });
    expect(asideAnswer.statusCode).toBe(200);
    expect(await usesOf('aside-latency')).toEqual([0]);
    const delayed = await flashbackStatus('aside-latency', ADA); // the override's own delay: it is used now
    expect(delayed.headers['x-mock-latency-ms']).toBe('400');
    expect(await usesOf('aside-latency')).toEqual([1]);
    const [aside, applied] = await journalOf('aside-latency');
    expect(aside).toMatchObject({
      status: 200,
      overrideMisses: [{ override: 'ov-1', pointer: '/latencyMs', expected: '400 ms', received: 'Prefer: latency=0' }],
    });
    expect(aside!.override).toBeUndefined();
    expect(applied).toMatchObject({ override: 'ov-1', latencyMs: 400 });
    expect(applied!.overrideMisses).toBeUndefined();
  });

  it("names a scripted answer a request's Prefer: code replaced, and a fault a Prefer: fault replaced", async () => {
    await addOverride('aside-script', { operationId: 'getMFAStatus', status: 500 });
    await addOverride('aside-script', { operationId: 'getAvailableMethods', latency: { min: 1, max: 2 }, fault: 'truncated-body' });
    expect((await flashbackStatus('aside-script', { ...ADA, prefer: 'code=401' })).statusCode).toBe(401);
    const methods = await sandbox.app.inject({
      url: '/flashback/mfa/methods',
      headers: { ...ADA, 'x-mock-session': 'aside-script', prefer: 'fault=malformed-body, latency=0' },
    });
    expect(methods.headers['x-mock-fault-injected']).toBe('malformed-body');
    const [scripted, faulted] = await journalOf('aside-script');
    expect(scripted).toMatchObject({
      status: 401,
      scripted: 'prefer',
      overrideMisses: [{ override: 'ov-1', pointer: '/status', expected: '500', received: 'Prefer: code=401' }],
    });
    expect(faulted!.overrideMisses).toEqual([{ override: 'ov-2', pointer: '/latency', expected: '1-2 ms', received: 'Prefer: latency=0' }]);
  });

  it('names a scripted answer the refused credentials kept from answering: a 401 does not read as coming from nowhere', async () => {
    await addOverride('aside-credentials', { operationId: 'getMFAStatus', status: 500, times: 2 });
    expect((await flashbackStatus('aside-credentials', {})).statusCode).toBe(401);
    expect(await usesOf('aside-credentials')).toEqual([0]);
    const [refused] = await journalOf('aside-credentials');
    expect(refused).toMatchObject({
      status: 401,
      overrideMisses: [
        { override: 'ov-1', pointer: '/status', expected: '500', received: 'credentials refused (a script answers only a client that signs in)' },
      ],
    });
    expect(refused!.override).toBeUndefined();
    // Signed in, the same request gets the script.
    expect((await flashbackStatus('aside-credentials', ADA)).statusCode).toBe(500);
  });

  it("delays nothing with a scripting override's latency when the request's Prefer scripted the answer instead", async () => {
    await addOverride('aside-scripted-delay', { operationId: 'getMFAStatus', status: 500, latencyMs: 2_000, fault: 'malformed-body' });
    const started = performance.now();
    const answer = await flashbackStatus('aside-scripted-delay', { ...ADA, prefer: 'code=200' });
    expect([answer.statusCode, answer.headers['x-mock-latency-ms'], answer.headers['x-mock-fault-injected']]).toEqual([200, undefined, undefined]);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(await usesOf('aside-scripted-delay')).toEqual([0]);
    const [entry] = await journalOf('aside-scripted-delay');
    expect(entry).toMatchObject({
      status: 200,
      scripted: 'prefer',
      overrideMisses: [{ override: 'ov-1', pointer: '/status', expected: '500', received: 'Prefer: code=200' }],
    });
    expect([entry!.latencyMs, entry!.override]).toEqual([undefined, undefined]);
  });

  it('names an override whose fault rate drew no fault for a request, and only those requests', async () => {
    await addOverride('aside-rate', { operationId: 'getMFAStatus', fault: 'malformed-body', faultRate: 0.5 });
    const faulted: boolean[] = [];
    for (let count = 0; count < 40; count++) faulted.push((await flashbackStatus('aside-rate', ADA)).headers['x-mock-fault-injected'] === 'malformed-body');
    // 40 draws at one in two: both outcomes come (all 40 alike has a chance of 2 in a trillion).
    expect(faulted).toContain(true);
    expect(faulted).toContain(false);
    const journal = await journalOf('aside-rate');
    expect(journal.map((entry) => entry.override === 'ov-1')).toEqual(faulted);
    for (const [index, entry] of journal.entries()) {
      expect(entry.overrideMisses ?? null).toEqual(
        faulted[index]
          ? null
          : [{ override: 'ov-1', pointer: '/faultRate', expected: 'malformed-body in 50 % of requests', received: 'none drawn for this request' }],
      );
    }
  });
});

describe('the shipped one-user-fails scenario (overrides with when to copy)', () => {
  it("fails Bob's requests and anyone's passkey setup with the documented 500, and answers Ada's others for real", async () => {
    const session = 'shipped-when';
    const inScenario = { session, scenario: 'one-user-fails' };
    const bobStatus = await sandbox.request({ url: '/flashback/mfa/status', ...inScenario, headers: BOB });
    expect([bobStatus.statusCode, bobStatus.data]).toEqual([500, { success: false, error: 'Failed to get MFA status' }]);
    const adaStatus = await sandbox.request({ url: '/flashback/mfa/status', ...inScenario, headers: ADA });
    expect([adaStatus.statusCode, adaStatus.data.success]).toEqual([200, true]);
    const setup = (mfaType: string) => sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', ...inScenario, headers: ADA, payload: { mfaType } });
    expect((await setup('PASSKEY')).statusCode).toBe(500);
    const totp = await setup('GOOGLE_AUTH');
    expect([totp.statusCode, typeof totp.data.data.secret]).toEqual([200, 'string']);
    const journal = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` })).json();
    expect(journal.map((entry: { override?: string }) => entry.override ?? null)).toEqual([
      'one-user-fails#/overrides/0',
      null,
      'one-user-fails#/overrides/1',
      null,
    ]);
  });
});

describe('JSON nested thousands of levels deep (a few KB), from a client or from QA', () => {
  const nested = (levels: number, inner: unknown = 1) => {
    let value: unknown = inner;
    for (let level = 0; level < levels; level++) value = [value];
    return value;
  };

  it("gets the vendor's answer, not a 500, where an override's when.body compares it", async () => {
    const session = 'deep-request';
    await addOverride(session, { operationId: 'verifyMFALogin', when: { body: { code: '000000' } }, status: 500 });
    // Sent as text: the test's own JSON.stringify would overflow on it.
    const answer = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/verify-login',
      session,
      headers: { ...ADA, 'content-type': 'application/json' },
      payload: `{"mfaType":"GOOGLE_AUTH","code":${'['.repeat(50_000)}1${']'.repeat(50_000)}}`,
    });
    expect(answer.statusCode).toBe(400); // the vendor's refusal of a code that is no text
    const [entry] = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` })).json();
    expect(entry.overrideMisses).toEqual([
      { override: 'ov-1', pointer: '/when/body/code', expected: '"000000"', received: expect.stringMatching(/^\[\[\[.*…$/) },
    ]);
    const filtered = await sandbox.app.inject({
      url: `/__admin/sessions/${session}/journal?requestBody=${encodeURIComponent(JSON.stringify({ code: nested(2_000) }))}`,
    });
    expect([filtered.statusCode, filtered.json()]).toEqual([200, []]);
  });

  it('is refused in an override (422 at the field, or 400 for a body deeper than any admin body), never stored half-copied', async () => {
    const session = 'deep-override';
    const post = (override: unknown) => sandbox.app.inject({ method: 'POST', url: `/__admin/sessions/${session}/overrides`, payload: override as object });
    const tooDeepForAdmin = await post({ operationId: 'verifyMFALogin', when: { body: { code: nested(2_000, '0') } }, status: 500 });
    expect([tooDeepForAdmin.statusCode, tooDeepForAdmin.json().code]).toEqual([400, 'MOCK_ERR_BAD_ADMIN_REQUEST']);
    const refused = await post({ operationId: 'verifyMFALogin', when: { body: { code: nested(40, '0') } }, status: 500 });
    expect(check('addSessionOverride', refused), refused.body).toEqual([]);
    expect([refused.statusCode, refused.json().problems]).toEqual([422, [{ pointer: '/when/body', reason: 'nested more than 32 levels deep' }]]);
    expect((await sandbox.app.inject({ url: `/__admin/sessions/${session}/overrides` })).json()).toEqual([]);
    // 32 levels are kept and compared as any body condition.
    let credential: unknown = { id: 'cred-1' };
    for (let level = 2; level < 32; level++) credential = { response: credential };
    expect((await addOverride(session, { operationId: 'verifyMFALogin', when: { body: { credential } }, status: 500 })).statusCode).toBe(201);
  });
});
