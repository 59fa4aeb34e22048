import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createGenAuthClient } from './clients/genauth-client.js';
import { createConsumerPact, settled } from './consumer-pact.js';

/**
 * An admin backend using the GenAuth/Authing management API for MFA, recorded as a Pact V4 contract
 * (pacts/genauth-admin-genauth.json). Every answer is HTTP 200; the envelope's statusCode/apiCode carry the outcome.
 * The pact records the shape of the signing headers; the provider verification re-signs each request with the
 * scenario's access key (a signature covers the date and a one-time nonce, so no recorded one can stay valid).
 */

const { arrayContaining, eachLike, integer, regex, string, uuid } = MatchersV3;

const pact = createConsumerPact('genauth-admin', 'genauth');
const USER_ID = '6229ffaxxxxxxxxcade3e3d9';
const ACCESS_KEY = { id: 'genauth-sandbox-key', secret: 'genauth-sandbox-secret' };
const SIGNED = {
  authorization: regex('^GenAuth \\S+:\\S+$', 'GenAuth genauth-sandbox-key:c2lnbmF0dXJl'),
  date: regex('^[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT$', 'Sun, 23 Nov 2025 16:21:00 GMT'),
  'x-genauth-signature-nonce': regex('^[0-9a-f]{32}$', '3f1c2a9b8e7d6c5b4a39281706f5e4d3'),
  'x-genauth-signature-method': 'HMAC-SHA1',
  'x-genauth-signature-version': '1.0',
};
const client = (baseUrl: string) => createGenAuthClient(baseUrl, ACCESS_KEY);
const factor = (mfaPolicy: string, sort = 0) => ({ mfaPolicy, status: 1, sort: integer(sort) });
const success = (data: unknown) => ({
  statusCode: 200,
  message: string('Operation successful'),
  requestId: uuid('934108e5-9fbf-4d24-8da1-c330328abd6c'),
  data,
});

describe('genauth-admin -> genauth: user MFA status in each scenario', () => {
  it('shows no factor bound (default)', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a signed MFA status request for a user without MFA')
      .withRequest('GET', '/api/v3/get-mfa-status', (request) => request.query({ userId: USER_ID }).headers(SIGNED))
      .willRespondWith(200, (response) =>
        response.jsonBody(success({ mfaToken: string('xxxxxxx'), totpMfaEnabled: false, faceMfaEnabled: false, applicationMfa: eachLike(factor('EMAIL')) })),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await client(mock.url).mfaStatus(USER_ID);
          expect(status.status === 200 && status.body.statusCode).toBe(200);
        }),
      );
  });

  it('shows OTP and face bound (mfa-enabled)', async () => {
    await pact
      .addInteraction()
      .given('the user has MFA enabled')
      .uponReceiving('a signed MFA status request for a user with OTP and face')
      .withRequest('GET', '/api/v3/get-mfa-status', (request) => request.query({ userId: USER_ID }).headers(SIGNED))
      .willRespondWith(200, (response) =>
        response.jsonBody(success({ mfaToken: string('xxxxxxx'), totpMfaEnabled: true, faceMfaEnabled: true, applicationMfa: eachLike(factor('OTP')) })),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await client(mock.url).mfaStatus(USER_ID);
          expect(status.status === 200 && 'data' in status.body && status.body.data.totpMfaEnabled).toBe(true);
        }),
      );
  });

  it('lists every factor the user pool enforces (org-enforced)', async () => {
    await pact
      .addInteraction()
      .given('MFA is enforced by the organisation')
      .uponReceiving('a signed MFA status request while the pool enforces OTP, SMS and email')
      .withRequest('GET', '/api/v3/get-mfa-status', (request) => request.query({ userId: USER_ID }).headers(SIGNED))
      .willRespondWith(200, (response) =>
        response.jsonBody(
          success({ mfaToken: string('xxxxxxx'), totpMfaEnabled: true, applicationMfa: arrayContaining(factor('OTP'), factor('SMS', 1), factor('EMAIL', 2)) }),
        ),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await client(mock.url).mfaStatus(USER_ID);
          expect(status.status === 200 && 'data' in status.body && status.body.data.applicationMfa.map((item) => item.mfaPolicy)).toEqual([
            'OTP',
            'SMS',
            'EMAIL',
          ]);
        }),
      );
  });

  it('answers statusCode 404, apiCode 2004 for an unknown user (missing-user)', async () => {
    await pact
      .addInteraction()
      .given(`user ${USER_ID} does not exist`)
      .uponReceiving('a signed MFA status request for a user the pool does not have')
      .withRequest('GET', '/api/v3/get-mfa-status', (request) => request.query({ userId: USER_ID }).headers(SIGNED))
      .willRespondWith(200, (response) => response.jsonBody({ statusCode: 404, apiCode: 2004, message: 'User not found' }))
      .executeTest(
        settled(async (mock) => {
          const status = await client(mock.url).mfaStatus(USER_ID);
          expect(status.status === 200 && 'apiCode' in status.body && status.body.apiCode).toBe(2004);
        }),
      );
  });

  it('answers HTTP 200 with statusCode 500 (server-error)', async () => {
    await pact
      .addInteraction()
      .given('the identity service is failing')
      .uponReceiving('a signed MFA status request while GenAuth is failing')
      .withRequest('GET', '/api/v3/get-mfa-status', (request) => request.query({ userId: USER_ID }).headers(SIGNED))
      .willRespondWith(200, (response) => response.jsonBody({ statusCode: 500, message: string('Internal server error') }))
      .executeTest(
        settled(async (mock) => {
          const status = await client(mock.url).mfaStatus(USER_ID);
          expect(status.status === 200 && status.body.statusCode).toBe(500);
        }),
      );
  });
});

describe('genauth-admin -> genauth: binding an OTP authenticator for a user', () => {
  it('1. set-mfa-status switches OTP on for the user', async () => {
    const mfaTriggerData = { mfaToken: 'xxxxxxx', totpMfaEnabled: true, applicationMfa: [{ mfaPolicy: 'OTP' as const, status: 1 as const, sort: 0 }] };
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a signed request to switch OTP on for a user')
      .withRequest('POST', '/api/v3/set-mfa-status', (request) => request.headers(SIGNED).jsonBody({ userId: USER_ID, mfaTriggerData }))
      .willRespondWith(200, (response) => response.jsonBody(success({ success: true })))
      .executeTest(
        settled(async (mock) => {
          const set = await client(mock.url).setMfaStatus({ userId: USER_ID, mfaTriggerData });
          expect(set.status === 200 && 'data' in set.body && set.body.data).toEqual({ success: true });
        }),
      );
  });

  it('2. the binding info then shows OTP enabled', async () => {
    await pact
      .addInteraction()
      .given('the user has MFA enabled')
      .uponReceiving('a signed request for the MFA binding info of a user with OTP')
      .withRequest('GET', '/api/v3/get-user-mfa-info', (request) => request.query({ userId: USER_ID }).headers(SIGNED))
      .willRespondWith(200, (response) =>
        response.jsonBody(success({ totpStatus: 'enabled', faceMfaStatus: 'enabled', smsMfaStatus: 'disabled', emailMfaStatus: 'disabled' })),
      )
      .executeTest(
        settled(async (mock) => {
          const info = await client(mock.url).userMfaInfo(USER_ID);
          expect(info.status === 200 && 'data' in info.body && info.body.data.totpStatus).toBe('enabled');
        }),
      );
  });
});

describe('genauth-admin -> genauth: documented errors', () => {
  it('statusCode 404, apiCode 2011 for an application that does not exist', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a signed MFA trigger-data request for an unknown application')
      .withRequest('GET', '/api/v3/get-mfa-trigger-data', (request) => request.query({ userId: USER_ID, appId: 'no-such-app' }).headers(SIGNED))
      .willRespondWith(200, (response) => response.jsonBody({ statusCode: 404, apiCode: 2011, message: 'Application does not exist' }))
      .executeTest(
        settled(async (mock) => {
          const trigger = await client(mock.url).mfaTriggerData(USER_ID, 'no-such-app');
          expect(trigger.status === 200 && 'apiCode' in trigger.body && trigger.body.apiCode).toBe(2011);
        }),
      );
  });
});
