import { dereference } from '@readme/openapi-parser';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { createOperationValidators, type OperationValidators } from '../../src/openapi/schema-validators.js';
import { toRouteDefinitions } from '../../src/openapi/to-route-definitions.js';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import { createTestSandbox, type CheckedResponse, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * QA's lock helper (`PUT /__admin/sessions/{id}/users/{userId}/lock`) and each vendor's answer to a locked user.
 * Expected lockout bodies are read from the specs' own examples; every vendor response is checked against its spec by
 * the harness, and every admin answer against specs/sandbox/admin.openapi.yaml.
 */

const FLASHBACK_ADA = 'usr_ada';
const NEST_ADA = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
const JOHN_DOE = '019c96a0-0c21-71f9-a487-66a1258278a1';
const LERIAN_OPERATOR = '019c96a0-0000-7000-8000-0000000000ad';
const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';

let sandbox: TestSandbox;
let lockRoute: OperationValidators;
let sessionCounter = 0;
const newSession = () => `lock-${++sessionCounter}`;

beforeAll(async () => {
  sandbox = await createTestSandbox();
  const adminSpec = parse((await sandbox.app.inject({ url: '/__admin/openapi.yaml' })).body) as OpenApiDocument;
  const routes = toRouteDefinitions(await dereference(adminSpec as never));
  lockRoute = createOperationValidators(routes.find((route) => route.operationId === 'setUserLocked')!);
});
afterAll(async () => {
  console.log(`user locks: ${sandbox.checkedResponses} vendor responses checked against their specs`);
  await sandbox.close();
});

/** A reusable example of a surface's spec (components/examples), the source of truth for the lockout bodies. */
function specExample(surface: SurfaceId, name: string): any {
  const example = (sandbox.specs.get(surface)!.api.components?.examples as Record<string, { value: unknown }> | undefined)?.[name];
  if (!example) throw new Error(`${surface} has no example ${name}`);
  return example.value;
}

async function setLock(session: string, userId: string, body: unknown) {
  const response = await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/users/${userId}/lock`, payload: body as object });
  if (response.headers['content-type']?.toString().startsWith('application/json')) {
    expect(lockRoute.validateResponse(response.statusCode, response.json()), response.body).toEqual([]);
  } else {
    // Faults: a declared status, as problem+json.
    expect([400, 404]).toContain(response.statusCode);
    expect(response.headers['content-type']).toContain('application/problem+json');
  }
  return response;
}
const lock = async (session: string, userId: string, surface?: SurfaceId) =>
  (await setLock(session, userId, { locked: true, ...(surface ? { surface } : {}) })).json();
const unlock = async (session: string, userId: string, surface?: SurfaceId) =>
  (await setLock(session, userId, { locked: false, ...(surface ? { surface } : {}) })).json();

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function flashback(session: string, token = 'flashback-token-ada', scenario?: string) {
  return sandbox.request({ method: 'GET', url: '/flashback/mfa/status', session, headers: bearer(token), ...(scenario ? { scenario } : {}) });
}
function nestAuth(session: string, method: 'GET' | 'POST' = 'GET', url = '/auth/mfa/status', payload?: object) {
  return sandbox.request({ method, url: `/nest-auth${url}`, session, headers: bearer('nest-auth-token-ada'), ...(payload ? { payload } : {}) });
}
function lerian(session: string, userId: string, token = 'lerian-token-operator') {
  return sandbox.request({ method: 'GET', url: `/lerian/v1/users/${userId}/mfa`, session, headers: bearer(token) });
}
function genauthGet(session: string, path: string, query: Record<string, string>) {
  const headers = signGenAuthRequest({ method: 'GET', path, fields: query, accessKeyId: GENAUTH_ACCESS_KEY.id, accessKeySecret: GENAUTH_ACCESS_KEY.secret });
  const search = new URLSearchParams(query).toString();
  return sandbox.request({ method: 'GET', url: `/genauth${path}${search ? `?${search}` : ''}`, session, headers });
}
function genauthPost(session: string, path: string, body: Record<string, unknown>) {
  const headers = signGenAuthRequest({ method: 'POST', path, fields: body, accessKeyId: GENAUTH_ACCESS_KEY.id, accessKeySecret: GENAUTH_ACCESS_KEY.secret });
  return sandbox.request({
    method: 'POST',
    url: `/genauth${path}`,
    session,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

function expectVendor(response: CheckedResponse, status: number): any {
  expect(response.isFault, response.body).toBe(false);
  expect(response.statusCode, response.body).toBe(status);
  return response.data;
}

describe('PUT /__admin/sessions/{id}/users/{userId}/lock', () => {
  it('locks a user before the session made any request, in the current world of each surface that has the user', async () => {
    const session = newSession();
    expect(await lock(session, FLASHBACK_ADA)).toEqual({
      session,
      userId: FLASHBACK_ADA,
      locked: true,
      worlds: [{ surface: 'flashback', scenario: 'default' }],
    });
    const state = (await sandbox.app.inject({ url: `/__admin/sessions/${session}` })).json();
    expect(state.worlds['flashback/default'].users[FLASHBACK_ADA].locked).toBe(true);
  });

  it('reaches worlds the session already has through Prefer, and a scenario switch starts fresh (unlocked)', async () => {
    const session = newSession();
    expectVendor(await flashback(session, 'flashback-token-ada', 'mfa-enabled'), 200);
    const locked = await lock(session, FLASHBACK_ADA, 'flashback');
    expect(locked.worlds).toEqual([
      { surface: 'flashback', scenario: 'default' },
      { surface: 'flashback', scenario: 'mfa-enabled' },
    ]);
    expect(expectVendor(await flashback(session, 'flashback-token-ada', 'mfa-enabled'), 403)).toEqual(specExample('flashback', 'accountLocked'));

    await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/scenario`, payload: { scenario: 'org-enforced', surface: 'flashback' } });
    expect(expectVendor(await flashback(session), 200).data.isEnforced).toBe(true);
  });

  it('answers misuse with problem+json errors, never a vendor body', async () => {
    const session = newSession();
    const cases: Array<[unknown, number, string]> = [
      [{ locked: 'yes' }, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST'],
      [{}, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST'],
      [{ locked: true, surface: 'okta' }, 404, 'MOCK_ERR_UNKNOWN_SURFACE'],
    ];
    for (const [body, status, code] of cases) {
      const response = await setLock(session, FLASHBACK_ADA, body);
      expect([response.statusCode, response.json().code], JSON.stringify(body)).toEqual([status, code]);
      expect(response.headers['x-mock-error']).toBe('true');
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const nobody = await setLock(session, 'usr_nobody', { locked: true });
    expect([nobody.statusCode, nobody.json().code]).toEqual([404, 'MOCK_ERR_UNKNOWN_USER']);
    expect(nobody.json().detail).toContain('usr_nobody');
    // A user who exists on another surface only is not found when the lock is limited to one surface.
    expect((await setLock(session, FLASHBACK_ADA, { locked: true, surface: 'lerian' })).statusCode).toBe(404);
    // What to send instead: the id of the user an e-mail belongs to (nest-auth's ids are UUIDs), an id a typo away.
    const byEmail = await setLock(session, 'ada@example.com', { locked: true, surface: 'nest-auth' });
    expect([byEmail.statusCode, byEmail.json().detail]).toEqual([
      404,
      `No user "ada@example.com" in session "${session}" (nest-auth); ada@example.com is the e-mail of user "${NEST_ADA}" (nest-auth): give its id`,
    ]);
    expect((await setLock(session, 'usr_adaa', { locked: true, surface: 'flashback' })).json().detail).toBe(
      `No user "usr_adaa" in session "${session}" (flashback) (did you mean "usr_ada"?)`,
    );
    const badSession = await sandbox.app.inject({ method: 'PUT', url: '/__admin/sessions/bad%20id/users/usr_ada/lock', payload: { locked: true } });
    expect([badSession.statusCode, badSession.json().code]).toEqual([400, 'MOCK_ERR_BAD_ADMIN_REQUEST']);
  });
});

describe('a locked user gets the vendor answer, and unlocking restores normal answers', () => {
  it('flashback: 403 {success:false,error:"Account locked"} for the locked caller on every authenticated route; others unaffected', async () => {
    const session = newSession();
    expect(expectVendor(await flashback(session), 200).success).toBe(true);
    await lock(session, FLASHBACK_ADA);
    expect(expectVendor(await flashback(session), 403)).toEqual({ success: false, error: 'Account locked' });
    const setup = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/setup',
      session,
      headers: bearer('flashback-token-ada'),
      payload: { mfaType: 'GOOGLE_AUTH' },
    });
    expect(expectVendor(setup, 403)).toEqual(specExample('flashback', 'accountLocked'));
    expect(expectVendor(await flashback(session, 'flashback-token-bob'), 200).success).toBe(true);
    // Authentication still comes first: a bad token is a 401, not a lockout.
    expect(expectVendor(await flashback(session, 'flashback-token-nobody'), 401)).toEqual(specExample('flashback', 'unauthorized'));

    await unlock(session, FLASHBACK_ADA);
    expect(expectVendor(await flashback(session), 200).data.isEnabled).toBe(false);
    expect(
      expectVendor(
        await sandbox.request({
          method: 'POST',
          url: '/flashback/mfa/setup',
          session,
          headers: bearer('flashback-token-ada'),
          payload: { mfaType: 'GOOGLE_AUTH' },
        }),
        200,
      ).data.secret,
    ).toMatch(/^[A-Z2-7]+$/);
  });

  it("nest-auth: 401 ACCOUNT_INACTIVE (the guard's answer for an inactive user) on every route; state is untouched while locked", async () => {
    const session = newSession();
    expectVendor(await nestAuth(session), 200);
    await lock(session, NEST_ADA);
    const lockedBody = { statusCode: 401, error: 'UnauthorizedException', message: 'User is not active', code: 'ACCOUNT_INACTIVE' };
    expect(specExample('nest-auth', 'ACCOUNT_INACTIVE')).toEqual(lockedBody);
    expect(expectVendor(await nestAuth(session), 401)).toEqual(lockedBody);
    expect(expectVendor(await nestAuth(session, 'POST', '/auth/mfa/setup-totp', {}), 401)).toEqual(lockedBody);
    expect(expectVendor(await nestAuth(session, 'POST', '/auth/mfa/verify', { method: 'email', otp: '123456' }), 401)).toEqual(lockedBody);

    await unlock(session, NEST_ADA);
    // The setup attempted while locked never happened.
    expect(expectVendor(await nestAuth(session), 200).totpDevices).toEqual([]);
  });

  it('lerian: 403 IDE-1015 for the user addressed by the path, whoever the caller is; a locked caller is not the point', async () => {
    const session = newSession();
    expectVendor(await lerian(session, JOHN_DOE), 200);
    await lock(session, JOHN_DOE);
    expect(expectVendor(await lerian(session, JOHN_DOE), 403)).toEqual(specExample('lerian', 'Error1015'));
    expect(specExample('lerian', 'Error1015').code).toBe('IDE-1015');
    // John's own token addresses John: still locked. The operator addressing himself is not.
    expect(expectVendor(await lerian(session, JOHN_DOE, 'lerian-token-johndoe'), 403).code).toBe('IDE-1015');
    expectVendor(await lerian(session, LERIAN_OPERATOR), 200);
    const setup = await sandbox.request({
      method: 'POST',
      url: `/lerian/v1/users/${JOHN_DOE}/mfa/setup`,
      session,
      headers: bearer('lerian-token-operator'),
      payload: { mfaType: 'app' },
    });
    expect(expectVendor(setup, 403).code).toBe('IDE-1015');

    await unlock(session, JOHN_DOE);
    // Locking the operator (the caller) does not lock the user he manages.
    await lock(session, LERIAN_OPERATOR);
    expect(expectVendor(await lerian(session, JOHN_DOE), 200).enabled).toBe(false);
  });

  it('genauth: HTTP 200 envelope statusCode 403 apiCode 2005 for the user named by userId; settings routes unaffected', async () => {
    const session = newSession();
    expect(expectVendor(await genauthGet(session, '/api/v3/get-mfa-status', { userId: GENAUTH_USER, userIdType: 'user_id' }), 200).statusCode).toBe(200);
    await lock(session, GENAUTH_USER);
    const { requestId, ...locked } = expectVendor(await genauthGet(session, '/api/v3/get-mfa-status', { userId: GENAUTH_USER, userIdType: 'user_id' }), 200);
    const { requestId: _documented, ...documented } = specExample('genauth', 'userLocked');
    expect(locked).toEqual(documented);
    expect(locked).toMatchObject({ statusCode: 403, apiCode: 2005 });
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Found by another identifier too: the lock is on the user, not on an id string.
    expect(expectVendor(await genauthGet(session, '/api/v3/get-user-mfa-info', { userId: 'authing@authing.com', userIdType: 'email' }), 200).apiCode).toBe(
      2005,
    );
    const set = await genauthPost(session, '/api/v3/set-mfa-status', {
      userId: GENAUTH_USER,
      mfaTriggerData: { mfaToken: 'x', applicationMfa: [], totpMfaEnabled: true },
    });
    expect(expectVendor(set, 200).apiCode).toBe(2005);
    expect(expectVendor(await genauthGet(session, '/api/v3/get-global-mfa-settings', {}), 200).statusCode).toBe(200);

    await unlock(session, GENAUTH_USER);
    const status = expectVendor(await genauthGet(session, '/api/v3/get-mfa-status', { userId: GENAUTH_USER, userIdType: 'user_id' }), 200);
    expect(status.statusCode).toBe(200);
    // The set-mfa-status sent while locked changed nothing.
    expect(status.data.totpMfaEnabled).toBe(false);
  });
});
