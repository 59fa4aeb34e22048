import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createNestAuthClient } from './clients/nest-auth-client.js';
import { createConsumerPact, settled } from './consumer-pact.js';

/**
 * An app built on @ackplus/nest-auth: its expectations of the library's MFA routes, recorded as a Pact V4 contract
 * (pacts/nest-auth-web-nest-auth.json). Provider states come from src/contracts/provider-states.ts.
 */

const { boolean, eachLike, fromProviderState, regex, string } = MatchersV3;

const pact = createConsumerPact('nest-auth-web', 'nest-auth');
const ADA_ID = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
const ADA = { Authorization: regex('^Bearer \\S+$', 'Bearer nest-auth-token-ada') };
const METHOD = regex('^(email|sms|totp)$', 'totp');
/** The library's error body (2.11.1 AuthExceptionFilter: `error` is the exception's class name; `code` when it has one). */
const nestError = (statusCode: number, error: string, message: string, code?: string) => ({ statusCode, error, message, ...(code ? { code } : {}) });

describe('nest-auth-web -> nest-auth: MFA status in each scenario', () => {
  it('shows MFA off with nothing enrolled (default)', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a status request from a user without MFA')
      .withRequest('GET', '/auth/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          isEnabled: false,
          verifiedMethods: eachLike(METHOD, 0),
          configuredMethods: eachLike(METHOD),
          allowUserToggle: true,
          allowMethodSelection: boolean(true),
          totpDevices: [],
          hasRecoveryCode: false,
          required: false,
          canToggle: true,
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await createNestAuthClient(mock.url, 'nest-auth-token-ada').status();
          expect(status.status === 200 && status.body.canToggle).toBe(true);
        }),
      );
  });

  it('lists the verified TOTP device (mfa-enabled)', async () => {
    await pact
      .addInteraction()
      .given('the user has MFA enabled')
      .uponReceiving('a status request from a user with a TOTP device')
      .withRequest('GET', '/auth/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          isEnabled: true,
          verifiedMethods: eachLike(METHOD),
          configuredMethods: eachLike(METHOD),
          allowUserToggle: boolean(true),
          allowMethodSelection: boolean(true),
          totpDevices: eachLike({
            id: string('4b3c9c9c-9a9d-4d1e-8d9f-123456789abc'),
            deviceName: string('Work laptop'),
            method: 'totp',
            lastUsedAt: null,
            verified: true,
            createdAt: string('2024-05-18T10:15:00.000Z'),
          }),
          hasRecoveryCode: true,
          required: false,
          canToggle: true,
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await createNestAuthClient(mock.url, 'nest-auth-token-ada').status();
          expect(status.status === 200 && status.body.totpDevices[0]?.verified).toBe(true);
        }),
      );
  });

  it('says MFA is required and cannot be toggled (org-enforced)', async () => {
    await pact
      .addInteraction()
      .given('MFA is enforced by the organisation')
      .uponReceiving('a status request when the application requires MFA')
      .withRequest('GET', '/auth/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          isEnabled: true,
          verifiedMethods: eachLike(METHOD),
          configuredMethods: eachLike(METHOD),
          allowUserToggle: boolean(true),
          allowMethodSelection: boolean(true),
          totpDevices: eachLike(
            { id: string('9f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f'), deviceName: string('Work laptop'), method: 'totp', verified: boolean(true) },
            0,
          ),
          hasRecoveryCode: boolean(false),
          required: true,
          canToggle: false,
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await createNestAuthClient(mock.url, 'nest-auth-token-ada').status();
          expect(status.status === 200 && status.body.required && !status.body.canToggle).toBe(true);
        }),
      );
  });

  it('answers 401 "Session not found" for a token whose user is gone (missing-user)', async () => {
    await pact
      .addInteraction()
      .given(`user ${ADA_ID} does not exist`)
      .uponReceiving('a status request with the token of a deleted user')
      .withRequest('GET', '/auth/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(401, (response) => response.jsonBody(nestError(401, 'Unauthorized', 'Session not found')))
      .executeTest(
        settled(async (mock) => {
          const status = await createNestAuthClient(mock.url, 'nest-auth-token-ada').status();
          expect(status.status === 401 && status.body.message).toBe('Session not found');
        }),
      );
  });

  it('answers 500 Internal server error (server-error)', async () => {
    await pact
      .addInteraction()
      .given('the identity service is failing')
      .uponReceiving('a status request while the auth service is failing')
      .withRequest('GET', '/auth/mfa/status', (request) => request.headers(ADA))
      .willRespondWith(500, (response) => response.jsonBody({ statusCode: 500, message: string('Internal server error') }))
      .executeTest(
        settled(async (mock) => {
          const status = await createNestAuthClient(mock.url, 'nest-auth-token-ada').status();
          expect(status.status).toBe(500);
        }),
      );
  });
});

describe('nest-auth-web -> nest-auth: TOTP device enrolment', () => {
  it('1. setup-totp returns a new secret with its QR code', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a request for a new TOTP device')
      .withRequest('POST', '/auth/mfa/setup-totp', (request) => request.headers(ADA).jsonBody({ deviceName: 'Work laptop' }))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          secret: regex('^[A-Z2-7]{16,}=*$', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
          qrCode: regex('^data:image/png;base64,[A-Za-z0-9+/]+=*$', 'data:image/png;base64,iVBORw0KGgo='),
          otpAuthUrl: regex('^otpauth://totp/.*', 'otpauth://totp/ada@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Nest%20Auth&period=30'),
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const setup = await createNestAuthClient(mock.url, 'nest-auth-token-ada').setupTotp({ deviceName: 'Work laptop' });
          expect(setup.status === 200 && setup.body.secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
        }),
      );
  });

  it('2. the secret and the current code verify the device', async () => {
    await pact
      .addInteraction()
      .given('the user has started TOTP setup')
      .uponReceiving('the current code for the new TOTP device')
      .withRequest('POST', '/auth/mfa/verify-totp-setup', (request) =>
        request.headers(ADA).jsonBody({
          secret: fromProviderState('${totpSecret}', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
          otp: fromProviderState('${totpCode}', '123456'),
        }),
      )
      .willRespondWith(200, (response) => response.jsonBody({ message: string('Device setup successfully') }))
      .executeTest(
        settled(async (mock) => {
          const verified = await createNestAuthClient(mock.url, 'nest-auth-token-ada').verifyTotpSetup('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '123456');
          expect(verified.status).toBe(200);
        }),
      );
  });

  it('3. with a verified device, MFA can be switched on', async () => {
    await pact
      .addInteraction()
      .given('the user has verified TOTP setup')
      .uponReceiving('a request to switch MFA on')
      .withRequest('POST', '/auth/mfa/toggle', (request) => request.headers(ADA).jsonBody({ enabled: true }))
      .willRespondWith(200, (response) => response.jsonBody({ message: 'MFA enabled successfully' }))
      .executeTest(
        settled(async (mock) => {
          const toggled = await createNestAuthClient(mock.url, 'nest-auth-token-ada').toggle(true);
          expect(toggled.status === 200 && toggled.body.message).toBe('MFA enabled successfully');
        }),
      );
  });

  it('4. at sign-in the device code completes the second factor', async () => {
    await pact
      .addInteraction()
      .given('the user has MFA enabled')
      .uponReceiving('a second-factor verification with the current TOTP code')
      .withRequest('POST', '/auth/mfa/verify', (request) => request.headers(ADA).jsonBody({ method: 'totp', otp: fromProviderState('${totpCode}', '123456') }))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          accessToken: string('nest-access-token'),
          refreshToken: string('nest-refresh-token'),
          isRequiresMfa: false,
          message: string('2FA verification successful'),
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const verified = await createNestAuthClient(mock.url, 'nest-auth-token-ada').verify('totp', '123456');
          expect(verified.status === 200 && verified.body.accessToken).toBe('nest-access-token');
        }),
      );
  });
});

describe('nest-auth-web -> nest-auth: documented errors', () => {
  it('403 MFA_TOGGLING_NOT_ALLOWED when MFA is required', async () => {
    await pact
      .addInteraction()
      .given('MFA is enforced by the organisation')
      .uponReceiving('a request to switch required MFA off')
      .withRequest('POST', '/auth/mfa/toggle', (request) => request.headers(ADA).jsonBody({ enabled: false }))
      .willRespondWith(403, (response) => response.jsonBody(nestError(403, 'ForbiddenException', 'MFA toggle is not allowed', 'MFA_TOGGLING_NOT_ALLOWED')))
      .executeTest(
        settled(async (mock) => {
          const toggled = await createNestAuthClient(mock.url, 'nest-auth-token-ada').toggle(false);
          expect(toggled.status === 403 && toggled.body.code).toBe('MFA_TOGGLING_NOT_ALLOWED');
        }),
      );
  });

  it('401 MFA_CODE_INVALID for a wrong device code', async () => {
    await pact
      .addInteraction()
      .given('the user has started TOTP setup')
      .uponReceiving('a device verification with a wrong code')
      .withRequest('POST', '/auth/mfa/verify-totp-setup', (request) =>
        request.headers(ADA).jsonBody({ secret: fromProviderState('${totpSecret}', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), otp: 'abcdef' }),
      )
      .willRespondWith(401, (response) => response.jsonBody(nestError(401, 'UnauthorizedException', 'Invalid OTP', 'MFA_CODE_INVALID')))
      .executeTest(
        settled(async (mock) => {
          const verified = await createNestAuthClient(mock.url, 'nest-auth-token-ada').verifyTotpSetup('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'abcdef');
          expect(verified.status).toBe(401);
        }),
      );
  });

  it('403 MFA_NOT_ENABLED when the application has MFA switched off', async () => {
    await pact
      .addInteraction()
      .given('the sandbox is in scenario mfa-disabled')
      .uponReceiving('a TOTP setup request while application MFA is off')
      .withRequest('POST', '/auth/mfa/setup-totp', (request) => request.headers(ADA).jsonBody({}))
      .willRespondWith(403, (response) => response.jsonBody(nestError(403, 'ForbiddenException', 'MFA is not enabled for the application', 'MFA_NOT_ENABLED')))
      .executeTest(
        settled(async (mock) => {
          const setup = await createNestAuthClient(mock.url, 'nest-auth-token-ada').setupTotp({});
          expect(setup.status).toBe(403);
        }),
      );
  });

  it('401 INVALID_TOKEN for an unknown token', async () => {
    await pact
      .addInteraction()
      .given('the user has no MFA')
      .uponReceiving('a status request with an unknown token')
      .withRequest('GET', '/auth/mfa/status', (request) => request.headers({ Authorization: 'Bearer expired-token' }))
      .willRespondWith(401, (response) => response.jsonBody(nestError(401, 'UnauthorizedException', 'Invalid or expired token', 'INVALID_TOKEN')))
      .executeTest(
        settled(async (mock) => {
          const status = await createNestAuthClient(mock.url, 'expired-token').status();
          expect(status.status === 401 && status.body.code).toBe('INVALID_TOKEN');
        }),
      );
  });
});
