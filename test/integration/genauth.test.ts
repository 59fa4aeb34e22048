import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSignedHeaders } from '../../src/surfaces/genauth/request-signature.js';
import { GENAUTH_ACCESS_KEY, genauthStringToSign, makeGenAuthNonce, signGenAuthRequest, type GenAuthFlavour } from '../harness/genauth-signer.js';
import { createTestSandbox, type CheckedResponse, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * GenAuth/Authing management API v3 (MFA routes). Every answer is HTTP 200; the envelope's statusCode/apiCode carry
 * the outcome (vendor-surfaces.md §3 (d), error-code.md). Requests are signed with the tests' own AK/SK signer
 * (test/harness/genauth-signer.ts, written from the vendor SDK), never only with the sandbox's.
 */

const USER_ID = '6229ffaxxxxxxxxcade3e3d9'; // the seed's user, present in every scenario but missing-user
const APP_ID = 'app-sandbox';
const MFA_STATUS = '/api/v3/get-mfa-status';
const SET_MFA_STATUS = '/api/v3/set-mfa-status';
const MFA_INFO = '/api/v3/get-user-mfa-info';
const TRIGGER_DATA = '/api/v3/get-mfa-trigger-data';
const APP_SETTINGS = '/api/v3/update-application-mfa-settings';
const GLOBAL_SETTINGS = '/api/v3/get-global-mfa-settings';
const UPDATE_GLOBAL = '/api/v3/update-global-mfa-settings';
const DISABLE_GLOBAL = '/api/v3/disable-global-mfa-settings';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: TestSandbox;
let sessionCounter = 0;
const newSession = () => `genauth-${++sessionCounter}`;

beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(async () => {
  console.log(`genauth: ${sandbox.checkedResponses} responses checked against the spec`);
  await sandbox.close();
});

interface CallOptions {
  scenario?: string;
  flavour?: GenAuthFlavour;
  /** Sign as if the request went to another path / with other fields / with other keys (tampering). */
  signPath?: string;
  signFields?: Record<string, unknown>;
  accessKeyId?: string;
  accessKeySecret?: string;
  date?: string | null;
  /** Extra headers that are signed (like the SDK's x-genauth-* headers). */
  signedHeaders?: Record<string, string>;
  /** Headers changed after signing. */
  afterSigning?: Record<string, string>;
  /** Use exactly these headers (no signing). */
  headers?: Record<string, string>;
}

function signedHeadersFor(method: string, path: string, fields: Record<string, unknown>, options: CallOptions): Record<string, string> {
  if (options.headers) return options.headers;
  const headers = signGenAuthRequest({
    method,
    path: options.signPath ?? path,
    fields: options.signFields ?? fields,
    accessKeyId: options.accessKeyId ?? GENAUTH_ACCESS_KEY.id,
    accessKeySecret: options.accessKeySecret ?? GENAUTH_ACCESS_KEY.secret,
    ...(options.flavour ? { flavour: options.flavour } : {}),
    ...(options.date !== undefined ? { date: options.date } : {}),
    ...(options.signedHeaders ? { headers: options.signedHeaders } : {}),
  });
  return { ...headers, ...options.afterSigning };
}

/** Every GenAuth answer is HTTP 200 JSON, never a sandbox error; the envelope is what the tests look at. */
function envelopeOf(response: CheckedResponse): any {
  expect(response.isFault, response.body).toBe(false);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.data;
}

async function getRaw(session: string, path: string, query: Record<string, string>, options: CallOptions = {}) {
  const search = new URLSearchParams(query).toString();
  return sandbox.request({
    method: 'GET',
    url: `/genauth${path}${search ? `?${search}` : ''}`,
    session,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    headers: signedHeadersFor('GET', path, query, options),
  });
}

async function postRaw(session: string, path: string, body: Record<string, unknown>, options: CallOptions = {}) {
  return sandbox.request({
    method: 'POST',
    url: `/genauth${path}`,
    session,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    headers: { 'content-type': 'application/json', ...signedHeadersFor('POST', path, body, options) },
    payload: JSON.stringify(body),
  });
}

const get = async (session: string, path: string, query: Record<string, string> = {}, options: CallOptions = {}) =>
  envelopeOf(await getRaw(session, path, query, options));
const post = async (session: string, path: string, body: Record<string, unknown>, options: CallOptions = {}) =>
  envelopeOf(await postRaw(session, path, body, options));

const mfaStatus = (session: string, options: CallOptions = {}) => get(session, MFA_STATUS, { userId: USER_ID, userIdType: 'user_id' }, options);
const mfaInfo = (session: string, options: CallOptions = {}) => get(session, MFA_INFO, { userId: USER_ID }, options);
const globalFactors = async (session: string, options: CallOptions = {}) => {
  const envelope = await get(session, GLOBAL_SETTINGS, {}, options);
  expect(envelope.statusCode).toBe(200);
  return [...envelope.data.enabledFactors].sort();
};
const policies = (data: { applicationMfa: Array<{ mfaPolicy: string }> }) => data.applicationMfa.map((entry) => entry.mfaPolicy).sort();

/** The trigger data set-mfa-status takes (GetMfaInfoDataDto requires mfaToken and applicationMfa). */
const triggerData = (fields: Record<string, unknown>) => ({ mfaToken: 'xxxxxxx', applicationMfa: [], ...fields });

function expectSuccess(envelope: any) {
  expect(envelope.statusCode, JSON.stringify(envelope)).toBe(200);
  expect(envelope.apiCode).toBeUndefined();
  expect(typeof envelope.message).toBe('string');
  expect(envelope.requestId).toMatch(UUID);
}

function expectError(envelope: any, statusCode: number, apiCode?: number) {
  expect(envelope.statusCode, JSON.stringify(envelope)).toBe(statusCode);
  expect(envelope.apiCode).toBe(apiCode);
  expect(envelope.data).toBeUndefined();
  expect(envelope.message.length).toBeGreaterThan(0);
}

describe('genauth get-mfa-status in every scenario', () => {
  it('default: the user has no MFA bound; the pool offers EMAIL; profile fields come from the user record', async () => {
    const session = newSession();
    const envelope = await mfaStatus(session);
    expectSuccess(envelope);
    expect(envelope.data).toMatchObject({
      mfaPhone: null,
      mfaPhoneCountryCode: null,
      mfaEmail: null,
      nickname: 'Ada',
      username: 'ada',
      phone: '132xxxxx1234',
      phoneCountryCode: '+86',
      faceMfaEnabled: false,
      totpMfaEnabled: false,
      applicationMfa: [{ mfaPolicy: 'EMAIL', status: 1, sort: 0 }],
    });
    expect(envelope.data.mfaToken).toEqual(expect.any(String));
    const again = await mfaStatus(session);
    expect(again.data.mfaToken).not.toBe(envelope.data.mfaToken);
    expect(again.requestId).not.toBe(envelope.requestId);
  });

  it('mfa-enabled: OTP and face bound; OTP and EMAIL offered pool-wide, each enabled with its own sort position', async () => {
    const envelope = await mfaStatus(newSession(), { scenario: 'mfa-enabled' });
    expectSuccess(envelope);
    expect(envelope.data).toMatchObject({ totpMfaEnabled: true, faceMfaEnabled: true, mfaPhone: null, mfaEmail: null });
    expect(policies(envelope.data)).toEqual(['EMAIL', 'OTP']);
    expect(envelope.data.applicationMfa.every((entry: { status: number }) => entry.status === 1)).toBe(true);
    expect(new Set(envelope.data.applicationMfa.map((entry: { sort: number }) => entry.sort)).size).toBe(2);
  });

  it('org-enforced: OTP bound; OTP, SMS and EMAIL offered', async () => {
    const envelope = await mfaStatus(newSession(), { scenario: 'org-enforced' });
    expectSuccess(envelope);
    expect(envelope.data).toMatchObject({ totpMfaEnabled: true, faceMfaEnabled: false });
    expect(policies(envelope.data)).toEqual(['EMAIL', 'OTP', 'SMS']);
  });

  it('missing-user: statusCode 404 apiCode 2004 on every user route, HTTP 200; pool settings still answer', async () => {
    const session = newSession();
    const scenario = { scenario: 'missing-user' };
    expectError(await mfaStatus(session, scenario), 404, 2004);
    expectError(await mfaInfo(session, scenario), 404, 2004);
    expectError(await get(session, TRIGGER_DATA, { appId: APP_ID, userId: USER_ID }, scenario), 404, 2004);
    expectError(await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ totpMfaEnabled: true }) }, scenario), 404, 2004);
    expect(await globalFactors(session, scenario)).toEqual(['EMAIL']);
  });

  it('server-error: every one of the 8 operations answers the statusCode 500 envelope with HTTP 200', async () => {
    const session = newSession();
    const scenario = { scenario: 'server-error' };
    const answers = [
      await mfaStatus(session, scenario),
      await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({}) }, scenario),
      await mfaInfo(session, scenario),
      await get(session, TRIGGER_DATA, { appId: APP_ID, userId: USER_ID }, scenario),
      await post(session, APP_SETTINGS, { appId: APP_ID, enabledFactors: ['SMS'] }, scenario),
      await get(session, GLOBAL_SETTINGS, {}, scenario),
      await post(session, UPDATE_GLOBAL, { enabledFactors: ['OTP'] }, scenario),
      await post(session, DISABLE_GLOBAL, { disableFactors: ['EMAIL'] }, scenario),
    ];
    for (const envelope of answers) {
      expectError(envelope, 500);
      expect(envelope.requestId).toEqual(expect.any(String));
    }
  });

  it('a scenario chosen for the session through the admin API applies without a Prefer header', async () => {
    const session = newSession();
    const put = await sandbox.app.inject({
      method: 'PUT',
      url: `/__admin/sessions/${session}/scenario`,
      payload: { scenario: 'mfa-enabled', surface: 'genauth' },
    });
    expect(put.statusCode).toBe(200);
    const envelope = await mfaStatus(session);
    expect(envelope.data.totpMfaEnabled).toBe(true);
    expect(await globalFactors(session)).toEqual(['EMAIL', 'OTP']);
  });
});

describe('genauth user MFA routes', () => {
  it('get-mfa-status finds the user by each modelled userIdType; an unknown one is 2004', async () => {
    const session = newSession();
    for (const [userIdType, userId] of [
      ['email', 'authing@authing.com'],
      ['username', 'ada'],
      ['phone', '132xxxxx1234'],
    ]) {
      const envelope = await get(session, MFA_STATUS, { userId: userId!, userIdType: userIdType! });
      expectSuccess(envelope);
      expect(envelope.data.username).toBe('ada');
    }
    expectError(await get(session, MFA_STATUS, { userId: 'nobody@example.com', userIdType: 'email' }), 404, 2004);
    expectError(await get(session, MFA_STATUS, { userId: 'no-such-user' }), 404, 2004);
  });

  it('an e-mail address is matched ignoring letter case (spec decision); a username is not', async () => {
    const session = newSession();
    const found = await get(session, MFA_STATUS, { userId: 'AUTHING@Authing.com', userIdType: 'email' });
    expectSuccess(found);
    expect(found.data.username).toBe('ada');
    expectError(await get(session, MFA_STATUS, { userId: 'ADA', userIdType: 'username' }), 404, 2004);
  });

  it('get-mfa-status finds the user by every other userIdType of the SDK, as the scenario declares the aliases', async () => {
    const session = newSession();
    // scenarios/genauth/default.yaml, users[0].aliases
    for (const [userIdType, userId] of [
      ['external_id', 'crm-000042'],
      ['identity', '62f20932xxxxxxxxxxxx6aa5:github-1234567'],
      ['sync_relation', 'lark:ou_0123456789abcdef'],
      ['custom_field', 'employeeNo:E-1001'],
    ]) {
      const envelope = await get(session, MFA_STATUS, { userId: userId!, userIdType: userIdType! });
      expectSuccess(envelope);
      expect(envelope.data.username, userIdType).toBe('ada');
    }
    for (const [userIdType, userId] of [
      ['external_id', 'crm-000043'],
      ['identity', 'github-1234567'],
      ['sync_relation', 'feishu:ou_0123456789abcdef'],
      ['custom_field', 'employeeNo:E-1002'],
    ]) {
      expectError(await get(session, MFA_STATUS, { userId: userId!, userIdType: userIdType! }), 404, 2004);
    }
  });

  it('every answer has its own requestId, scripted ones too (a scenario override, Prefer: example)', async () => {
    const session = newSession();
    const scripted = [
      await mfaStatus(session, { scenario: 'server-error' }),
      await mfaStatus(session, { scenario: 'server-error' }),
      await mfaInfo(session, { afterSigning: { prefer: 'example=userNotFound' } }),
      await mfaInfo(session, { afterSigning: { prefer: 'example=userNotFound' } }),
    ];
    const ids = scripted.map((envelope) => envelope.requestId);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("an override's body QA wrote out is sent as written, requestId included (a support ticket's answer, replayed)", async () => {
    const session = newSession();
    const written = { statusCode: 403, apiCode: 2333, message: 'from the ticket', requestId: 'fixed-id-123' };
    const added = await sandbox.request({
      method: 'POST',
      url: `/__admin/sessions/${session}/overrides`,
      payload: { surface: 'genauth', operationId: 'getUserMfaStatus', status: 200, body: written },
    });
    expect(added.statusCode).toBe(201);
    expect([await mfaStatus(session), await mfaStatus(session)]).toEqual([written, written]);
  });

  it('get-user-mfa-info: all factors unbound by default; OTP and face bound in mfa-enabled', async () => {
    const byDefault = await mfaInfo(newSession());
    expectSuccess(byDefault);
    expect(byDefault.data).toEqual({ totpStatus: 'disabled', faceMfaStatus: 'disabled', smsMfaStatus: 'disabled', emailMfaStatus: 'disabled' });
    const enabled = await mfaInfo(newSession(), { scenario: 'mfa-enabled' });
    expect(enabled.data).toEqual({ totpStatus: 'enabled', faceMfaStatus: 'enabled', smsMfaStatus: 'disabled', emailMfaStatus: 'disabled' });
  });

  it('set-mfa-status binds OTP, email and phone; get-mfa-status and get-user-mfa-info report them', async () => {
    const session = newSession();
    const set = await post(session, SET_MFA_STATUS, {
      userId: USER_ID,
      userIdType: 'user_id',
      mfaTriggerData: triggerData({ totpMfaEnabled: true, mfaEmail: 'ada@example.com', mfaPhone: '+447700900123', mfaPhoneCountryCode: '+44' }),
    });
    expectSuccess(set);
    expect(set.data).toEqual({ success: true });

    const status = await mfaStatus(session);
    expect(status.data).toMatchObject({
      totpMfaEnabled: true,
      faceMfaEnabled: false,
      mfaEmail: 'ada@example.com',
      mfaPhone: '+447700900123',
      mfaPhoneCountryCode: '+44',
    });
    const info = await mfaInfo(session);
    expect(info.data).toEqual({ totpStatus: 'enabled', faceMfaStatus: 'disabled', smsMfaStatus: 'enabled', emailMfaStatus: 'enabled' });

    const unset = await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ totpMfaEnabled: false, mfaPhone: null }) });
    expect(unset.data).toEqual({ success: true });
    const after = await mfaStatus(session);
    expect(after.data).toMatchObject({ totpMfaEnabled: false, mfaPhone: null, mfaPhoneCountryCode: null, mfaEmail: 'ada@example.com' });
    expect((await mfaInfo(session)).data).toEqual({ totpStatus: 'disabled', faceMfaStatus: 'disabled', smsMfaStatus: 'disabled', emailMfaStatus: 'enabled' });
  });

  it("set-mfa-status binds the factors to their own addresses: the account's e-mail and phone stay, and find the user", async () => {
    const session = newSession();
    const mfaAddresses = { mfaEmail: 'mfa-only@example.com', mfaPhone: '13900000000', mfaPhoneCountryCode: '+1' };
    expectSuccess(await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData(mfaAddresses) }));
    const status = await mfaStatus(session);
    expect(status.data).toMatchObject({ ...mfaAddresses, phone: '132xxxxx1234', phoneCountryCode: '+86' });
    for (const [userIdType, userId] of [
      ['email', 'authing@authing.com'],
      ['phone', '132xxxxx1234'],
    ]) {
      expectSuccess(await get(session, MFA_STATUS, { userId: userId!, userIdType: userIdType! }));
    }

    // "" unbinds, as null does (an SMS factor with no number is no factor).
    expectSuccess(await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ mfaEmail: '', mfaPhone: '' }) }));
    expect((await mfaInfo(session)).data).toMatchObject({ smsMfaStatus: 'disabled', emailMfaStatus: 'disabled' });
    expect((await mfaStatus(session)).data).toMatchObject({ mfaEmail: null, mfaPhone: null, phone: '132xxxxx1234' });
  });

  it('set-mfa-status addressed by email (docs example shape) and switching face off in mfa-enabled', async () => {
    const session = newSession();
    const scenario = { scenario: 'mfa-enabled' };
    const set = await post(
      session,
      SET_MFA_STATUS,
      {
        userId: 'authing@authing.com',
        userIdType: 'email',
        mfaTriggerData: {
          mfaToken: 'xxxxxxx',
          mfaPhone: '132xxxxx1234',
          mfaPhoneCountryCode: '+86',
          faceMfaEnabled: false,
          applicationMfa: [
            { mfaPolicy: 'SMS', status: 1, sort: 0 },
            { mfaPolicy: 'OTP', status: 1, sort: 1 },
          ],
        },
      },
      scenario,
    );
    expect(set).toMatchObject({ statusCode: 200, data: { success: true } });
    expect((await mfaInfo(session, scenario)).data).toEqual({
      totpStatus: 'enabled',
      faceMfaStatus: 'disabled',
      smsMfaStatus: 'enabled',
      emailMfaStatus: 'disabled',
    });
    expect((await mfaStatus(session, scenario)).data).toMatchObject({ faceMfaEnabled: false, totpMfaEnabled: true, mfaPhone: '132xxxxx1234' });
  });

  it('set-mfa-status turning OTP on issues a real RFC 6238 secret (what an authenticator shows matches the sandbox)', async () => {
    const session = newSession();
    await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ totpMfaEnabled: true }) });
    const state = await sandbox.app.inject({ url: `/__admin/sessions/${session}` });
    const world = Object.values(state.json().worlds as Record<string, any>).find((candidate) => candidate.surface === 'genauth');
    const factor = world.users[USER_ID].factors.find((candidate: { kind: string }) => candidate.kind === 'totp');
    expect(factor.secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    const before = authenticatorCode(factor.secret);
    const codes = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/totp-codes` })).json();
    const after = authenticatorCode(factor.secret);
    expect([before, after]).toContain(codes.find((entry: { userId: string }) => entry.userId === USER_ID).code);
  });

  it('get-mfa-trigger-data reports the application factors; an unknown appId is apiCode 2011', async () => {
    const session = newSession();
    const envelope = await get(session, TRIGGER_DATA, { appId: APP_ID, userId: USER_ID, userIdType: 'user_id' }, { scenario: 'mfa-enabled' });
    expectSuccess(envelope);
    expect(envelope.data).toMatchObject({ totpMfaEnabled: true, faceMfaEnabled: true, username: 'ada' });
    expect(envelope.data.mfaToken).toEqual(expect.any(String));
    expect(policies(envelope.data)).toEqual(['EMAIL', 'OTP']);
    expectError(await get(session, TRIGGER_DATA, { appId: 'no-such-app', userId: USER_ID }, { scenario: 'mfa-enabled' }), 404, 2011);
  });

  it('state is per session: a change in one session is invisible in another', async () => {
    const changed = newSession();
    await post(changed, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ totpMfaEnabled: true }) });
    await post(changed, UPDATE_GLOBAL, { enabledFactors: ['SMS'] });
    const untouched = newSession();
    expect((await mfaStatus(untouched)).data.totpMfaEnabled).toBe(false);
    expect(await globalFactors(untouched)).toEqual(['EMAIL']);
  });
});

describe('genauth MFA settings routes', () => {
  it('get-global-mfa-settings reflects each scenario', async () => {
    expect(await globalFactors(newSession())).toEqual(['EMAIL']);
    expect(await globalFactors(newSession(), { scenario: 'mfa-enabled' })).toEqual(['EMAIL', 'OTP']);
    expect(await globalFactors(newSession(), { scenario: 'org-enforced' })).toEqual(['EMAIL', 'OTP', 'SMS']);
  });

  it('update-global-mfa-settings adds factors; later reads (global settings, get-mfa-status) see them', async () => {
    const session = newSession();
    const update = await post(session, UPDATE_GLOBAL, { enabledFactors: ['OTP', 'SMS'] });
    expectSuccess(update);
    expect([...update.data.enabledFactors].sort()).toEqual(['EMAIL', 'OTP', 'SMS']);
    expect(await globalFactors(session)).toEqual(['EMAIL', 'OTP', 'SMS']);
    expect(policies((await mfaStatus(session)).data)).toEqual(['EMAIL', 'OTP', 'SMS']);
    // Additive (spec x-sandbox-decision): an empty list changes nothing.
    expect([...(await post(session, UPDATE_GLOBAL, { enabledFactors: [] })).data.enabledFactors].sort()).toEqual(['EMAIL', 'OTP', 'SMS']);
  });

  it('after update-global-mfa-settings the factors come in the fixed order OTP, SMS, EMAIL, FACE, as the spec says', async () => {
    const session = newSession();
    const update = await post(session, UPDATE_GLOBAL, { enabledFactors: ['FACE', 'SMS', 'OTP'] });
    expect(update.data.enabledFactors).toEqual(['OTP', 'SMS', 'EMAIL', 'FACE']);
    expect((await get(session, GLOBAL_SETTINGS, {})).data.enabledFactors).toEqual(['OTP', 'SMS', 'EMAIL', 'FACE']);
    expect((await mfaStatus(session)).data.applicationMfa).toEqual(['OTP', 'SMS', 'EMAIL', 'FACE'].map((mfaPolicy, sort) => ({ mfaPolicy, status: 1, sort })));
  });

  it('disable-global-mfa-settings removes factors; later reads see the rest', async () => {
    const session = newSession();
    const closed = await post(session, DISABLE_GLOBAL, { disableFactors: ['EMAIL'] }, { scenario: 'org-enforced' });
    expectSuccess(closed);
    expect([...closed.data.enabledFactors].sort()).toEqual(['OTP', 'SMS']);
    expect(await globalFactors(session, { scenario: 'org-enforced' })).toEqual(['OTP', 'SMS']);
    expect(policies((await mfaStatus(session, { scenario: 'org-enforced' })).data)).toEqual(['OTP', 'SMS']);
    await post(session, DISABLE_GLOBAL, { disableFactors: ['OTP', 'SMS'] }, { scenario: 'org-enforced' });
    expect((await mfaStatus(session, { scenario: 'org-enforced' })).data.applicationMfa).toEqual([]);
  });

  it('update-application-mfa-settings changes the application only; get-mfa-trigger-data sees it, get-mfa-status does not', async () => {
    const session = newSession();
    const update = await post(session, APP_SETTINGS, { appId: APP_ID, enabledFactors: ['SMS', 'OTP'], disabledFactors: ['EMAIL'] });
    expectSuccess(update);
    expect([...update.data.enabledFactors].sort()).toEqual(['OTP', 'SMS']);
    const trigger = await get(session, TRIGGER_DATA, { appId: APP_ID, userId: USER_ID });
    expect(policies(trigger.data)).toEqual(['OTP', 'SMS']);
    expect(policies((await mfaStatus(session)).data)).toEqual(['EMAIL']);
    expect(await globalFactors(session)).toEqual(['EMAIL']);
  });

  it('update-application-mfa-settings: a factor both enabled and disabled ends up disabled (spec decision); unknown appId is 2011', async () => {
    const session = newSession();
    const both = await post(session, APP_SETTINGS, { appId: APP_ID, enabledFactors: ['FACE'], disabledFactors: ['FACE'] });
    expect([...both.data.enabledFactors].sort()).toEqual(['EMAIL']);
    expectError(await post(session, APP_SETTINGS, { appId: 'no-such-app', enabledFactors: ['SMS'] }), 404, 2011);
    expect(policies((await get(session, TRIGGER_DATA, { appId: APP_ID, userId: USER_ID })).data)).toEqual(['EMAIL']);
  });
});

describe('genauth errors asked for by their HTTP status', () => {
  it("Prefer: code=500 (no HTTP 500 is documented) is refused naming the envelope's example; an override is told the same", async () => {
    const session = newSession();
    const query = { userId: USER_ID };
    const refused = await getRaw(session, MFA_STATUS, query, { afterSigning: { prefer: 'code=500' } });
    expect([refused.statusCode, refused.data.code]).toEqual([400, 'MOCK_ERR_BAD_PREFER_HEADER']);
    expect(refused.data.detail).toBe(
      'getUserMfaStatus declares no 500 response; the vendor answers a 500 inside its HTTP 200 envelope (statusCode 500): Prefer: example=serverError',
    );
    expectError(await get(session, MFA_STATUS, query, { afterSigning: { prefer: 'example=serverError' } }), 500);
    const override = await sandbox.app.inject({
      method: 'POST',
      url: `/__admin/sessions/${session}/overrides`,
      payload: { surface: 'genauth', operationId: 'getUserMfaStatus', status: 404 },
    });
    expect(override.statusCode).toBe(422);
    expect(override.json().problems).toEqual([
      {
        pointer: '/status',
        reason:
          'getUserMfaStatus declares no 404 response; the vendor answers a 404 inside its HTTP 200 envelope (statusCode 404): {"example": "userNotFound"} without a status',
      },
    ]);
  });
});

describe('genauth AK/SK signature', () => {
  it("toSignedHeaders signs the SDK's own headers it is given (lang, sdk-version), as the tests' signer does", async () => {
    const session = newSession();
    const fields = { userId: USER_ID, userIdType: 'user_id' };
    const sdkHeaders = { 'X-GenAuth-Lang': 'zh-CN', 'x-genauth-sdk-version': 'genauth-node-sdk:4.0.1' };
    const signed = toSignedHeaders({
      method: 'GET',
      path: MFA_STATUS,
      fields,
      accessKeyId: GENAUTH_ACCESS_KEY.id,
      accessKeySecret: GENAUTH_ACCESS_KEY.secret,
      headers: sdkHeaders,
    });
    expect(signed).toMatchObject({ 'x-genauth-lang': 'zh-CN', 'x-genauth-sdk-version': 'genauth-node-sdk:4.0.1' });
    const { authorization, ...sent } = signed;
    const expected = createHmac('sha1', GENAUTH_ACCESS_KEY.secret)
      .update(genauthStringToSign('GET', MFA_STATUS, sent, fields, 'GenAuth'))
      .digest('base64');
    expect(authorization).toBe(`GenAuth ${GENAUTH_ACCESS_KEY.id}:${expected}`);
    expectSuccess(await get(session, MFA_STATUS, fields, { headers: signed }));
    // Signed, not only sent: the same signature with another language is refused.
    expectError(await get(session, MFA_STATUS, fields, { headers: { ...signed, 'x-genauth-lang': 'en-US' } }), 401, 1300);
  });

  it("the tests' signer and the sandbox's toSignedHeaders agree (GET and POST, both flavours)", async () => {
    const session = newSession();
    const date = new Date();
    for (const [flavour, sandboxFlavour] of [
      ['GenAuth', 'genauth'],
      ['authing', 'authing'],
    ] as const) {
      const cases: Array<{ method: string; path: string; fields: Record<string, any> }> = [
        { method: 'GET', path: MFA_STATUS, fields: { userId: USER_ID, userIdType: 'user_id' } },
        { method: 'POST', path: UPDATE_GLOBAL, fields: { enabledFactors: ['OTP'] } },
      ];
      for (const { method, path, fields } of cases) {
        const nonce = makeGenAuthNonce();
        const theirs = toSignedHeaders({
          method,
          path,
          fields,
          accessKeyId: GENAUTH_ACCESS_KEY.id,
          accessKeySecret: GENAUTH_ACCESS_KEY.secret,
          flavour: sandboxFlavour,
          date,
          nonce,
        });
        const { authorization, ...signed } = theirs;
        const ours = signGenAuthRequest({
          method,
          path,
          fields,
          accessKeyId: GENAUTH_ACCESS_KEY.id,
          accessKeySecret: GENAUTH_ACCESS_KEY.secret,
          flavour,
          date: signed.date!,
          headers: signed,
        });
        // Our signer adds the SDK's sdk-version and lang headers, so compare over the sandbox's header set too.
        const expected = createHmac('sha1', GENAUTH_ACCESS_KEY.secret)
          .update(genauthStringToSign(method, path, signed, fields, flavour))
          .digest('base64');
        expect(authorization).toBe(`${flavour} ${GENAUTH_ACCESS_KEY.id}:${expected}`);
        expect(ours.authorization).toMatch(new RegExp(`^${flavour} ${GENAUTH_ACCESS_KEY.id}:[A-Za-z0-9+/]{27}=$`));
        // Both signatures are accepted.
        const viaSandboxSigner =
          method === 'GET'
            ? await get(session, path, fields, { headers: theirs })
            : await post(session, path, fields, { headers: { 'content-type': 'application/json', ...theirs } });
        expectSuccess(viaSandboxSigner);
        const viaOurSigner = method === 'GET' ? await get(session, path, fields, { flavour }) : await post(session, path, fields, { flavour });
        expectSuccess(viaOurSigner);
      }
    }
  });

  it('the Authing flavour (authing prefix, x-authing-* headers) is accepted on every operation', async () => {
    const session = newSession();
    const authing = { flavour: 'authing' as const };
    expectSuccess(await mfaStatus(session, authing));
    expectSuccess(await mfaInfo(session, authing));
    expectSuccess(await get(session, TRIGGER_DATA, { appId: APP_ID, userId: USER_ID }, authing));
    expectSuccess(await get(session, GLOBAL_SETTINGS, {}, authing));
    expectSuccess(await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ faceMfaEnabled: true }) }, authing));
    expectSuccess(await post(session, APP_SETTINGS, { appId: APP_ID, enabledFactors: ['SMS'] }, authing));
    expectSuccess(await post(session, UPDATE_GLOBAL, { enabledFactors: ['OTP'] }, authing));
    expectSuccess(await post(session, DISABLE_GLOBAL, { disableFactors: ['OTP'] }, authing));
    expect((await mfaInfo(session)).data.faceMfaStatus).toBe('enabled');
  });

  it('the optional userIdType may be left out of the query: the signature covers only what was sent', async () => {
    const envelope = await get(newSession(), MFA_STATUS, { userId: USER_ID });
    expectSuccess(envelope);
    expect(envelope.data.username).toBe('ada');
  });

  it('a missing, malformed or unknown-key authorization is apiCode 1300 (statusCode 401)', async () => {
    const session = newSession();
    const query = { userId: USER_ID };
    const { authorization: _dropped, ...unsigned } = signGenAuthRequest({
      method: 'GET',
      path: MFA_STATUS,
      fields: query,
      accessKeyId: GENAUTH_ACCESS_KEY.id,
      accessKeySecret: GENAUTH_ACCESS_KEY.secret,
    });
    expectError(await get(session, MFA_STATUS, query, { headers: unsigned }), 401, 1300);
    expectError(await get(session, MFA_STATUS, query, { afterSigning: { authorization: 'Bearer some-token' } }), 401, 1300);
    expectError(await get(session, MFA_STATUS, query, { accessKeyId: 'unknown-key' }), 401, 1300);
    expectError(await get(session, MFA_STATUS, query, { accessKeySecret: 'wrong-secret' }), 401, 1300);
    expectError(await get(session, GLOBAL_SETTINGS, {}, { flavour: 'authing', accessKeyId: 'unknown-key' }), 401, 1300);
  });

  it('the signature covers method, path, query and the signing headers: tampering with any is 1300', async () => {
    const session = newSession();
    const query = { userId: USER_ID };
    expectError(await get(session, MFA_STATUS, query, { signFields: { userId: 'someone-else' } }), 401, 1300);
    expectError(await get(session, MFA_STATUS, query, { signFields: {} }), 401, 1300);
    expectError(await get(session, MFA_STATUS, query, { signPath: MFA_INFO }), 401, 1300);
    expectError(
      await get(session, MFA_STATUS, query, { signedHeaders: { 'x-genauth-lang': 'zh-CN' }, afterSigning: { 'x-genauth-lang': 'en-US' } }),
      401,
      1300,
    );
    expectError(await get(session, MFA_STATUS, query, { afterSigning: { 'x-genauth-app-id': 'added-after-signing' } }), 401, 1300);
    expectError(await get(session, MFA_STATUS, query, { flavour: 'authing', afterSigning: { 'x-authing-signature-nonce': makeGenAuthNonce() } }), 401, 1300);
    // A signed optional header (tenant id) is fine, and headers outside the canonical set are not signed.
    expectSuccess(await get(session, MFA_STATUS, query, { signedHeaders: { 'x-genauth-app-id': 'tenant-1' } }));
    expectSuccess(await get(session, MFA_STATUS, query, { afterSigning: { 'user-agent': 'changed-after-signing' } }));
  });

  it('a bad signature is refused before the user is looked up (1300, not 2004)', async () => {
    expectError(await mfaStatus(newSession(), { scenario: 'missing-user', accessKeySecret: 'wrong-secret' }), 401, 1300);
  });

  it("POST requests are signed over the JSON body's top-level fields, nested objects JSON-stringified", async () => {
    const session = newSession();
    const body = { userId: USER_ID, userIdType: 'user_id', mfaTriggerData: triggerData({ totpMfaEnabled: true }) };
    // Signing the path alone, a different nested object, or a body whose top-level field changed after signing fails.
    expectError(await post(session, SET_MFA_STATUS, body, { signFields: {} }), 401, 1300);
    expectError(await post(session, SET_MFA_STATUS, body, { signFields: { ...body, mfaTriggerData: triggerData({ totpMfaEnabled: false }) } }), 401, 1300);
    expectError(await post(session, SET_MFA_STATUS, body, { signFields: { ...body, userIdType: 'email' } }), 401, 1300);
    expect((await mfaInfo(session)).data.totpStatus).toBe('disabled');
    // Signed over exactly what is sent: accepted and applied.
    expectSuccess(await post(session, SET_MFA_STATUS, body));
    expect((await mfaInfo(session)).data.totpStatus).toBe('enabled');
  });

  it('no date header is apiCode 1304', async () => {
    expectError(await mfaStatus(newSession(), { date: null }), 401, 1304);
    expectError(await post(newSession(), UPDATE_GLOBAL, { enabledFactors: ['OTP'] }, { date: null, flavour: 'authing' }), 401, 1304);
  });

  it('a signature method other than HMAC-SHA1 is apiCode 1301 (both flavours)', async () => {
    expectError(await mfaStatus(newSession(), { signedHeaders: { 'x-genauth-signature-method': 'HMAC-SHA256' } }), 401, 1301);
    expectError(await mfaStatus(newSession(), { flavour: 'authing', signedHeaders: { 'x-authing-signature-method': 'HMAC-SHA256' } }), 401, 1301);
  });

  it('a signature version other than 1.0 is apiCode 1302 (both flavours)', async () => {
    expectError(await mfaStatus(newSession(), { signedHeaders: { 'x-genauth-signature-version': '2.0' } }), 401, 1302);
    expectError(await mfaStatus(newSession(), { flavour: 'authing', signedHeaders: { 'x-authing-signature-version': '2.0' } }), 401, 1302);
  });

  it('an unparseable date is apiCode 1303; an HTTP-date or Unix milliseconds are accepted', async () => {
    expectError(await mfaStatus(newSession(), { date: 'not a date' }), 401, 1303);
    expectSuccess(await mfaStatus(newSession(), { date: new Date().toUTCString() }));
    expectSuccess(await mfaStatus(newSession(), { date: String(Date.now()) }));
  });

  it('a date an hour from the server clock is apiCode 1305, either way; a few minutes of skew is tolerated', async () => {
    const hour = 60 * 60_000;
    expectError(await mfaStatus(newSession(), { date: new Date(Date.now() - hour).toUTCString() }), 401, 1305);
    expectError(await mfaStatus(newSession(), { date: new Date(Date.now() + hour).toUTCString(), flavour: 'authing' }), 401, 1305);
    expectSuccess(await mfaStatus(newSession(), { date: new Date(Date.now() - 5 * 60_000).toUTCString() }));
  });

  it('a replayed request is apiCode 1306 and is not executed again', async () => {
    const session = newSession();
    const enable = { userId: USER_ID, mfaTriggerData: triggerData({ totpMfaEnabled: true }) };
    const headers = {
      'content-type': 'application/json',
      ...signGenAuthRequest({
        method: 'POST',
        path: SET_MFA_STATUS,
        fields: enable,
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
      }),
    };
    expectSuccess(await post(session, SET_MFA_STATUS, enable, { headers }));
    expectSuccess(await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ totpMfaEnabled: false }) }));
    expectError(await post(session, SET_MFA_STATUS, enable, { headers }), 401, 1306);
    expect((await mfaInfo(session)).data.totpStatus).toBe('disabled');

    const getHeaders = signGenAuthRequest({
      method: 'GET',
      path: GLOBAL_SETTINGS,
      accessKeyId: GENAUTH_ACCESS_KEY.id,
      accessKeySecret: GENAUTH_ACCESS_KEY.secret,
      flavour: 'authing',
    });
    expectSuccess(await get(session, GLOBAL_SETTINGS, {}, { headers: getHeaders }));
    expectError(await get(session, GLOBAL_SETTINGS, {}, { headers: getHeaders }), 401, 1306);
  });

  it('remembers the newest 500 signed requests of a session for replays (x-sandbox-decision), no more', async () => {
    const replayAfter = async (between: number) => {
      const session = newSession();
      const headers = signGenAuthRequest({
        method: 'GET',
        path: GLOBAL_SETTINGS,
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
      });
      expectSuccess(await get(session, GLOBAL_SETTINGS, {}, { headers }));
      for (let request = 0; request < between; request++) expectSuccess(await get(session, GLOBAL_SETTINGS, {}));
      return get(session, GLOBAL_SETTINGS, {}, { headers });
    };
    expectError(await replayAfter(499), 401, 1306);
    expectSuccess(await replayAfter(500));
  });

  it('a reused signature nonce is a replay (1306) even when the rest of the request differs', async () => {
    const session = newSession();
    const nonce = makeGenAuthNonce();
    expectSuccess(await get(session, MFA_STATUS, { userId: USER_ID }, { signedHeaders: { 'x-genauth-signature-nonce': nonce } }));
    expectError(await get(session, MFA_INFO, { userId: USER_ID }, { signedHeaders: { 'x-genauth-signature-nonce': nonce } }), 401, 1306);
    // An empty nonce is none: the signature alone is remembered, so another request with an empty nonce is no replay.
    expectSuccess(await get(session, MFA_STATUS, { userId: USER_ID }, { signedHeaders: { 'x-genauth-signature-nonce': '' } }));
    expectSuccess(await get(session, MFA_INFO, { userId: USER_ID }, { signedHeaders: { 'x-genauth-signature-nonce': '' } }));
  });
});

describe('genauth request validation: statusCode 400 envelope, HTTP 200', () => {
  function expectInvalidArgument(envelope: any, mentions: string) {
    expectError(envelope, 400);
    expect(envelope.message).toContain(mentions);
  }

  it('missing or empty userId', async () => {
    const session = newSession();
    expectInvalidArgument(await get(session, MFA_STATUS, { userIdType: 'user_id' }), 'userId');
    expectInvalidArgument(await get(session, MFA_INFO, { userId: '' }), 'userId');
    expectInvalidArgument(await get(session, TRIGGER_DATA, { appId: APP_ID }), 'userId');
    expectInvalidArgument(await post(session, SET_MFA_STATUS, { mfaTriggerData: triggerData({}) }), 'userId');
  });

  it('a signed body of 300,000 array items: its 400 at once, not after minutes of sorting its fields for the signature', async () => {
    const items = Array.from({ length: 300_000 }, () => 0);
    const started = performance.now();
    const envelope = await post(newSession(), SET_MFA_STATUS, items as unknown as Record<string, unknown>);
    expectInvalidArgument(envelope, 'body must be object'); // signed right: the signature check passed
    // Seconds at most here (a quarter of one on a quiet machine); sorted by insertion, the fields took ~100 s.
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('an appId that names a property every object has (constructor, __proto__) is an application that does not exist', async () => {
    const session = newSession();
    for (const appId of ['constructor', '__proto__', 'toString']) {
      const envelope = await get(session, TRIGGER_DATA, { appId, userId: USER_ID });
      expect([envelope.statusCode, envelope.apiCode], appId).toEqual([404, 2011]);
      const updated = await post(session, APP_SETTINGS, { appId, enabledFactors: ['OTP'] });
      expect([updated.statusCode, updated.apiCode], appId).toEqual([404, 2011]);
    }
  });

  it('missing appId on get-mfa-trigger-data and update-application-mfa-settings', async () => {
    const session = newSession();
    expectInvalidArgument(await get(session, TRIGGER_DATA, { userId: USER_ID }), 'appId');
    expectInvalidArgument(await post(session, APP_SETTINGS, { enabledFactors: ['SMS'] }), 'appId');
  });

  it('a userIdType outside the enum', async () => {
    const session = newSession();
    expectInvalidArgument(await get(session, MFA_STATUS, { userId: USER_ID, userIdType: 'nickname' }), 'userIdType');
    expectInvalidArgument(await post(session, SET_MFA_STATUS, { userId: USER_ID, userIdType: 'nickname', mfaTriggerData: triggerData({}) }), 'userIdType');
  });

  it('a factor outside OTP|SMS|EMAIL|FACE', async () => {
    const session = newSession();
    expectInvalidArgument(await post(session, UPDATE_GLOBAL, { enabledFactors: ['PUSH'] }), 'enabledFactors');
    expectInvalidArgument(await post(session, DISABLE_GLOBAL, { disableFactors: ['otp'] }), 'disableFactors');
    expect(await globalFactors(session)).toEqual(['EMAIL']);
  });

  it('unknown body fields (bodies are closed), at the top level and inside mfaTriggerData', async () => {
    const session = newSession();
    expectInvalidArgument(await post(session, UPDATE_GLOBAL, { enabledFactors: ['OTP'], replace: true }), 'replace');
    expectInvalidArgument(await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: triggerData({ pushEnabled: true }) }), 'pushEnabled');
    expect(await globalFactors(session)).toEqual(['EMAIL']);
  });

  it('missing required body fields', async () => {
    const session = newSession();
    expectInvalidArgument(await post(session, DISABLE_GLOBAL, {}), 'disableFactors');
    expectInvalidArgument(await post(session, UPDATE_GLOBAL, {}), 'enabledFactors');
    expectInvalidArgument(await post(session, SET_MFA_STATUS, { userId: USER_ID }), 'mfaTriggerData');
    expectInvalidArgument(await post(session, SET_MFA_STATUS, { userId: USER_ID, mfaTriggerData: { applicationMfa: [] } }), 'mfaToken');
  });

  it('malformed JSON, a wrong content type and a missing body', async () => {
    const session = newSession();
    const headers = (fields: Record<string, unknown>) =>
      signGenAuthRequest({ method: 'POST', path: UPDATE_GLOBAL, fields, accessKeyId: GENAUTH_ACCESS_KEY.id, accessKeySecret: GENAUTH_ACCESS_KEY.secret });
    const send = (contentType: string | undefined, payload: string | undefined) =>
      sandbox.request({
        method: 'POST',
        url: `/genauth${UPDATE_GLOBAL}`,
        session,
        headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers({}) },
        ...(payload === undefined ? {} : { payload }),
      });
    expectError(envelopeOf(await send('application/json', '{"enabledFactors": [OTP')), 400);
    expectError(envelopeOf(await send('text/plain', 'enabledFactors=OTP')), 400);
    // A header that names no media type (Fastify answered its own 415 to it): the vendor's envelope too.
    expectError(envelopeOf(await send('application/json, text/plain', '{"enabledFactors":["OTP"]}')), 400);
    expectError(envelopeOf(await send('application/x-www-form-urlencoded', 'enabledFactors=OTP')), 400);
    expectError(envelopeOf(await send(undefined, undefined)), 400);
    expect(await globalFactors(session)).toEqual(['EMAIL']);
  });
});
