import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createLerianClient } from './clients/lerian-client.js';
import { createConsumerPact, settled } from './consumer-pact.js';

/**
 * A Lerian console managing a user's MFA through the Identity plugin, recorded as a Pact V4 contract
 * (pacts/lerian-console-lerian.json). Lerian has no organisation-wide enforcement, so there is no org-enforced
 * interaction here (the provider state "MFA is enforced by the organisation" fails for lerian, by design).
 */

const { eachLike, fromProviderState, regex } = MatchersV3;

const pact = createConsumerPact('lerian-console', 'lerian');
const JOHN_ID = '019c96a0-0c21-71f9-a487-66a1258278a1';
const JOHN = { Authorization: regex('^Bearer \\S+$', 'Bearer lerian-token-johndoe') };
const path = (suffix = '') => `/v1/users/${JOHN_ID}/mfa${suffix}`;
const client = (baseUrl: string, token = 'lerian-token-johndoe') => createLerianClient(baseUrl, token, JOHN_ID);
const NOT_ENROLLED = { enabled: false, methods: [], totpEnabled: false, emailEnabled: false, smsEnabled: false };

// The spec's error bodies (components/examples).
const IDE_0006 = { code: 'IDE-0006', title: 'Internal Server Error', message: 'The server encountered an unexpected error. Please try again later.' };
const IDE_0008 = { code: 'IDE-0008', title: 'Unauthorized', message: 'The authorization token is missing, invalid or expired.' };
const IDE_1003 = { code: 'IDE-1003', title: 'User ID Not Found', message: 'The provided user ID does not exist in our records.' };
const IDE_1011 = { code: 'IDE-1011', title: 'MFA Setup Not Found', message: 'No pending MFA setup exists for this user and method. Initiate the setup first.' };
const IDE_1013 = { code: 'IDE-1013', title: 'MFA Not Verified', message: 'The MFA method must be verified with a passcode before it can be enabled.' };

const SECRET = fromProviderState('${totpSecret}', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');

describe('lerian-console -> lerian: MFA status in each scenario', () => {
  it('shows no method for a user without MFA (default)', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has no MFA`)
      .uponReceiving('a status request for a user without MFA')
      .withRequest('GET', path(), (request) => request.headers(JOHN))
      .willRespondWith(200, (response) => response.jsonBody(NOT_ENROLLED))
      .executeTest(
        settled(async (mock) => {
          expect(await client(mock.url).status()).toEqual({ status: 200, body: NOT_ENROLLED });
        }),
      );
  });

  it('shows the authenticator app as enabled and preferred (mfa-enabled)', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has MFA enabled`)
      .uponReceiving('a status request for a user with app MFA')
      .withRequest('GET', path(), (request) => request.headers(JOHN))
      .willRespondWith(200, (response) =>
        response.jsonBody({ enabled: true, preferredType: 'app', methods: ['app'], totpEnabled: true, emailEnabled: false, smsEnabled: false }),
      )
      .executeTest(
        settled(async (mock) => {
          const status = await client(mock.url).status();
          expect(status.status === 200 && status.body.preferredType).toBe('app');
        }),
      );
  });

  it('answers 404 IDE-1003 for a user that does not exist (missing-user)', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} does not exist`)
      .uponReceiving('a status request for a deleted user')
      .withRequest('GET', path(), (request) => request.headers(JOHN))
      .willRespondWith(404, (response) => response.jsonBody(IDE_1003))
      .executeTest(
        settled(async (mock) => {
          expect(await client(mock.url).status()).toEqual({ status: 404, body: IDE_1003 });
        }),
      );
  });

  it('answers 500 IDE-0006 (server-error)', async () => {
    await pact
      .addInteraction()
      .given('the identity service is failing')
      .uponReceiving('a status request while the identity service is failing')
      .withRequest('GET', path(), (request) => request.headers(JOHN))
      .willRespondWith(500, (response) => response.jsonBody(IDE_0006))
      .executeTest(
        settled(async (mock) => {
          expect(await client(mock.url).status()).toEqual({ status: 500, body: IDE_0006 });
        }),
      );
  });
});

describe('lerian-console -> lerian: authenticator app enrolment (setup -> verify -> enable)', () => {
  it('1. setup returns the secret, its otpauth URL and recovery codes', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has no MFA`)
      .uponReceiving('a request to set up the authenticator app')
      .withRequest('POST', path('/setup'), (request) => request.headers(JOHN).jsonBody({ mfaType: 'app' }))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          secret: regex('^[A-Z2-7]{16,}=*$', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
          url: regex('^otpauth://totp/.*', 'otpauth://totp/Lerian:johndoe?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Lerian'),
          recoveryCodes: eachLike(regex('^[a-z0-9]{10}$', 'a1b2c3d4e5')),
          mfaType: 'app',
          enabled: false,
        }),
      )
      .executeTest(
        settled(async (mock) => {
          const setup = await client(mock.url).setup('app');
          expect(setup.status === 200 && setup.body.enabled).toBe(false);
        }),
      );
  });

  it('2. the secret and the current passcode verify it', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has started TOTP setup`)
      .uponReceiving('the current passcode of the new authenticator')
      .withRequest('POST', path('/verify'), (request) =>
        request.headers(JOHN).jsonBody({ mfaType: 'app', secret: SECRET, passcode: fromProviderState('${totpCode}', '123456') }),
      )
      .willRespondWith(200, (response) => response.jsonBody({ verified: true }))
      .executeTest(
        settled(async (mock) => {
          const verified = await client(mock.url).verify({ mfaType: 'app', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', passcode: '123456' });
          expect(verified).toEqual({ status: 200, body: { verified: true } });
        }),
      );
  });

  it('3. a recovery code from the setup enables it', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has verified TOTP setup`)
      .uponReceiving('a request to enable the verified authenticator')
      .withRequest('POST', path('/enable'), (request) =>
        request.headers(JOHN).jsonBody({ mfaType: 'app', secret: SECRET, recoveryCode: fromProviderState('${recoveryCode}', 'a1b2c3d4e5') }),
      )
      .willRespondWith(200, (response) => response.jsonBody({ enabled: true }))
      .executeTest(
        settled(async (mock) => {
          const enabled = await client(mock.url).enable({ mfaType: 'app', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', recoveryCode: 'a1b2c3d4e5' });
          expect(enabled).toEqual({ status: 200, body: { enabled: true } });
        }),
      );
  });

  it('4. an enabled method can be disabled again', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has MFA enabled`)
      .uponReceiving('a request to disable the authenticator app')
      .withRequest('POST', path('/disable'), (request) => request.headers(JOHN).jsonBody({ mfaType: 'app' }))
      .willRespondWith(200, (response) => response.jsonBody({ enabled: false }))
      .executeTest(
        settled(async (mock) => {
          expect(await client(mock.url).disable('app')).toEqual({ status: 200, body: { enabled: false } });
        }),
      );
  });
});

describe('lerian-console -> lerian: documented errors', () => {
  it('200 verified false for a wrong passcode', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has started TOTP setup`)
      .uponReceiving('a wrong passcode for the new authenticator')
      .withRequest('POST', path('/verify'), (request) => request.headers(JOHN).jsonBody({ mfaType: 'app', secret: SECRET, passcode: 'abcdef' }))
      .willRespondWith(200, (response) => response.jsonBody({ verified: false }))
      .executeTest(
        settled(async (mock) => {
          const verified = await client(mock.url).verify({ mfaType: 'app', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', passcode: 'abcdef' });
          expect(verified).toEqual({ status: 200, body: { verified: false } });
        }),
      );
  });

  it('400 IDE-1013 when enabling before verifying', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has started TOTP setup`)
      .uponReceiving('a request to enable an unverified authenticator')
      .withRequest('POST', path('/enable'), (request) =>
        request.headers(JOHN).jsonBody({ mfaType: 'app', secret: SECRET, recoveryCode: fromProviderState('${recoveryCode}', 'a1b2c3d4e5') }),
      )
      .willRespondWith(400, (response) => response.jsonBody(IDE_1013))
      .executeTest(
        settled(async (mock) => {
          const enabled = await client(mock.url).enable({ mfaType: 'app', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', recoveryCode: 'a1b2c3d4e5' });
          expect(enabled).toEqual({ status: 400, body: IDE_1013 });
        }),
      );
  });

  it('400 IDE-1011 when verifying without a setup', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has no MFA`)
      .uponReceiving('a passcode for a setup that was never started')
      .withRequest('POST', path('/verify'), (request) =>
        request.headers(JOHN).jsonBody({ mfaType: 'app', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', passcode: '123456' }),
      )
      .willRespondWith(400, (response) => response.jsonBody(IDE_1011))
      .executeTest(
        settled(async (mock) => {
          const verified = await client(mock.url).verify({ mfaType: 'app', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', passcode: '123456' });
          expect(verified).toEqual({ status: 400, body: IDE_1011 });
        }),
      );
  });

  it('401 IDE-0008 for an unknown token', async () => {
    await pact
      .addInteraction()
      .given(`user ${JOHN_ID} has no MFA`)
      .uponReceiving('a status request with an unknown token')
      .withRequest('GET', path(), (request) => request.headers({ Authorization: 'Bearer expired-token' }))
      .willRespondWith(401, (response) => response.jsonBody(IDE_0008))
      .executeTest(
        settled(async (mock) => {
          expect(await client(mock.url, 'expired-token').status()).toEqual({ status: 401, body: IDE_0008 });
        }),
      );
  });
});
