import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createFlashbackClient } from './clients/flashback-client.js';
import { createConsumerPact, settled } from './consumer-pact.js';

/**
 * A Flashback web app's expectations of the MFA API, recorded as a Pact V4 contract (pacts/flashback-web-flashback.json).
 * Provider states are sentences from src/contracts/provider-states.ts; the provider verification replays each
 * interaction against the mock in the scenario its state names.
 */

const { boolean, eachLike, fromProviderState, like, regex, string } = MatchersV3;

const pact = createConsumerPact('flashback-web', 'flashback');
const ADA = { Authorization: regex(/^Bearer \S+$/, 'Bearer flashback-token-ada') };
const JSON_BODY = { 'Content-Type': regex('^application/json.*', 'application/json; charset=utf-8') };
const MFA_TYPE = regex(/^(GOOGLE_AUTH|MAGIC_LINK|PASSKEY)$/, 'GOOGLE_AUTH');
const error = (message: string) => ({ success: false, error: message });

describe('flashback-web -> flashback: MFA status in each scenario', () => {
  it('shows that the user has no MFA yet (default)', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a status request from a user without MFA')
      .withRequest('GET', '/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(200, (response) =>
        response.headers(JSON_BODY).jsonBody({ success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [] } }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await createFlashbackClient(mock.url, 'flashback-token-ada').status();
          expect(status.status).toBe(200);
          if (status.status === 200) expect(status.body.data).toMatchObject({ isEnabled: false, enabledMethods: [] });
        }),
      );
  });

  it('shows the enabled methods and the primary one (mfa-enabled)', async () => {
    await pact
      .addInteraction()
      .given('the user has MFA enabled')
      .uponReceiving('a status request from a user with Google Authenticator')
      .withRequest('GET', '/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          success: true,
          data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: eachLike(MFA_TYPE), primaryMethod: 'GOOGLE_AUTH' },
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await createFlashbackClient(mock.url, 'flashback-token-ada').status();
          expect(status.status === 200 && status.body.data.primaryMethod).toBe('GOOGLE_AUTH');
        }),
      );
  });

  it('says when the organisation enforces MFA (org-enforced)', async () => {
    await pact
      .addInteraction()
      .given('MFA is enforced by the organisation')
      .uponReceiving('a status request when the organisation enforces MFA')
      .withRequest('GET', '/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(200, (response) =>
        response.jsonBody({ success: true, data: { isEnabled: boolean(true), isRequired: true, isEnforced: true, enabledMethods: eachLike(MFA_TYPE, 0) } }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await createFlashbackClient(mock.url, 'flashback-token-ada').status();
          expect(status.status === 200 && status.body.data.isEnforced).toBe(true);
        }),
      );
  });

  it('treats a token whose user is gone as unauthorised (missing-user)', async () => {
    await pact
      .addInteraction()
      .given('user usr_ada does not exist')
      .uponReceiving('a status request with the token of a deleted user')
      .withRequest('GET', '/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(401, (response) => response.jsonBody(error('Invalid or missing access token')))
      .executeTest(
        settled(async (mock) => {
          const status = await createFlashbackClient(mock.url, 'flashback-token-ada').status();
          expect(status).toEqual({ status: 401, body: error('Invalid or missing access token') });
        }),
      );
  });

  it('reports the documented failure (server-error)', async () => {
    await pact
      .addInteraction()
      .given('the identity service is failing')
      .uponReceiving('a status request while Flashback is failing')
      .withRequest('GET', '/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(500, (response) => response.jsonBody(error('Failed to get MFA status')))
      .executeTest(
        settled(async (mock) => {
          const status = await createFlashbackClient(mock.url, 'flashback-token-ada').status();
          expect(status.status).toBe(500);
        }),
      );
  });
});

describe('flashback-web -> flashback: Google Authenticator enrolment', () => {
  it('1. setup returns a secret, its QR code and backup codes', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a request to set up Google Authenticator')
      .withRequest('POST', '/mfa/setup', (request) => request.headers(ADA).jsonBody({ mfaType: 'GOOGLE_AUTH' }))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          success: true,
          data: {
            secret: regex(/^[A-Z2-7]{16,}=*$/, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
            qrCode: regex('^data:image/png;base64,.*', 'data:image/png;base64,iVBORw0KGgo='),
            backupCodes: eachLike(regex(/^\d{8}$/, '40213377')),
            otpauthUrl: regex('^otpauth://totp/.*', 'otpauth://totp/Flashback:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Flashback'),
          },
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const setup = await createFlashbackClient(mock.url, 'flashback-token-ada').setup('GOOGLE_AUTH');
          expect(setup.status).toBe(200);
          if (setup.status === 200 && 'secret' in setup.body.data) expect(setup.body.data.secret).toMatch(/^[A-Z2-7]+$/);
        }),
      );
  });

  it('2. the current authenticator code confirms the setup', async () => {
    await pact
      .addInteraction()
      .given('the user has started TOTP setup')
      .uponReceiving('the current authenticator code for the new secret')
      .withRequest('POST', '/mfa/verify-setup', (request) =>
        request.headers(ADA).jsonBody({ mfaType: 'GOOGLE_AUTH', code: fromProviderState('${totpCode}', '123456') }),
      )
      .willRespondWith(200, (response) => response.jsonBody({ success: true, message: string('MFA setup verified and enabled') }))
      .executeTest(
        settled(async (mock) => {
          const verified = await createFlashbackClient(mock.url, 'flashback-token-ada').verifySetup('GOOGLE_AUTH', '123456');
          expect(verified.status).toBe(200);
        }),
      );
  });

  it('3. status then shows Google Authenticator as the primary method', async () => {
    await pact
      .addInteraction()
      .given('the user has verified TOTP setup')
      .uponReceiving('a status request right after enrolment')
      .withRequest('GET', '/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          success: true,
          data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH'], primaryMethod: 'GOOGLE_AUTH' },
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await createFlashbackClient(mock.url, 'flashback-token-ada').status();
          expect(status.status === 200 && status.body.data.enabledMethods).toEqual(['GOOGLE_AUTH']);
        }),
      );
  });

  it('4. at the next sign-in the authenticator code exchanges the token for a full-access one', async () => {
    await pact
      .addInteraction()
      .given('the user has MFA enabled')
      .uponReceiving('a login verification with the current authenticator code')
      .withRequest('POST', '/mfa/verify-login', (request) =>
        request.headers(ADA).jsonBody({ mfaType: 'GOOGLE_AUTH', code: fromProviderState('${totpCode}', '123456') }),
      )
      .willRespondWith(200, (response) =>
        response.jsonBody({
          success: true,
          message: string('MFA verification successful'),
          fullAccessToken: string('flashback-full-token'),
          refreshToken: string('flashback-refresh-token'),
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const login = await createFlashbackClient(mock.url, 'flashback-token-ada').verifyLogin('GOOGLE_AUTH', '123456');
          expect(login.status === 200 && login.body.fullAccessToken).toBe('flashback-full-token');
        }),
      );
  });
});

describe('flashback-web -> flashback: documented errors', () => {
  it('403 when disabling MFA the organisation enforces', async () => {
    await pact
      .addInteraction()
      .given('MFA is enforced by the organisation')
      .uponReceiving('a request to disable an enforced method')
      .withRequest('POST', '/mfa/disable', (request) => request.headers(ADA).jsonBody({ mfaType: 'GOOGLE_AUTH' }))
      .willRespondWith(403, (response) => response.jsonBody(error('Cannot disable MFA when enforced by organization')))
      .executeTest(
        settled(async (mock) => {
          const disabled = await createFlashbackClient(mock.url, 'flashback-token-ada').disable('GOOGLE_AUTH');
          expect(disabled.status === 403 && disabled.body.error).toBe('Cannot disable MFA when enforced by organization');
        }),
      );
  });

  it('400 when the setup code is wrong', async () => {
    await pact
      .addInteraction()
      .given('the user has started TOTP setup')
      .uponReceiving('a setup verification with a wrong code')
      .withRequest('POST', '/mfa/verify-setup', (request) => request.headers(ADA).jsonBody({ mfaType: 'GOOGLE_AUTH', code: 'not-a-code' }))
      .willRespondWith(400, (response) => response.jsonBody(error('MFA setup verification failed')))
      .executeTest(
        settled(async (mock) => {
          const verified = await createFlashbackClient(mock.url, 'flashback-token-ada').verifySetup('GOOGLE_AUTH', 'not-a-code');
          expect(verified.status).toBe(400);
        }),
      );
  });

  it('400 when enabling a method that was never set up', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a request to enable a method that is not configured')
      .withRequest('POST', '/mfa/enable', (request) => request.headers(ADA).jsonBody({ mfaType: 'GOOGLE_AUTH' }))
      .willRespondWith(400, (response) => response.jsonBody(error('MFA method is not configured')))
      .executeTest(
        settled(async (mock) => {
          const enabled = await createFlashbackClient(mock.url, 'flashback-token-ada').enable('GOOGLE_AUTH');
          expect(enabled.status).toBe(400);
        }),
      );
  });

  it('401 for an unknown access token', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a status request with an unknown token')
      .withRequest('GET', '/mfa/status', (request) => request.headers({ Authorization: 'Bearer expired-token' }))
      .willRespondWith(401, (response) => response.jsonBody({ success: false, error: like('Invalid or missing access token') }))
      .executeTest(
        settled(async (mock) => {
          const status = await createFlashbackClient(mock.url, 'expired-token').status();
          expect(status.status).toBe(401);
        }),
      );
  });
});
