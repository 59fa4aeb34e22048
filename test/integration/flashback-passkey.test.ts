import { createHash } from 'node:crypto';
import { SettingsService } from '@simplewebauthn/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SoftwareAuthenticator } from '../harness/software-authenticator.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

const ADA = { authorization: 'Bearer flashback-token-ada' };
let sandbox: TestSandbox;
let counter = 0;
const newSession = () => `passkey-${++counter}`;

beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(async () => {
  console.log(`flashback passkeys: ${sandbox.checkedResponses} responses checked against the spec`);
  await sandbox.close();
});

const post = (session: string, url: string, payload?: unknown) =>
  sandbox.request({ method: 'POST', url: `/flashback${url}`, session, headers: ADA, ...(payload === undefined ? {} : { payload: payload as object }) });

async function registerPasskey(session: string, authenticator: SoftwareAuthenticator, route = '/mfa/passkey/complete-registration') {
  const setup = await post(session, '/mfa/setup', { mfaType: 'PASSKEY' });
  expect(setup.statusCode).toBe(200);
  const { challenge } = setup.data.data;
  const credential = authenticator.register(challenge);
  return { challenge, credential, response: await post(session, route, { credential, challenge }) };
}

describe('flashback passkey ceremony (WebAuthn, verified by @simplewebauthn/server)', () => {
  it('setup issues real registration options; a real attestation completes registration; status lists PASSKEY', async () => {
    const session = newSession();
    const { response } = await registerPasskey(session, new SoftwareAuthenticator());
    expect(response.data).toEqual({ success: true, message: 'Passkey registration completed' });
    const status = await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    expect(status.data.data).toMatchObject({ isEnabled: true, enabledMethods: ['PASSKEY'], primaryMethod: 'PASSKEY' });
  });

  it('offers and accepts the same algorithms on every Node, without asking WebCrypto (which warns on Node 24)', async () => {
    // @simplewebauthn's default list asks the runtime whether it knows ML-DSA-44; on Node 24 that prints two
    // ExperimentalWarnings to the user's terminal and changes the algorithms offered.
    const asked = vi.spyOn(SettingsService, 'runtimeSupportsPQC');
    try {
      const { response } = await registerPasskey(newSession(), new SoftwareAuthenticator());
      expect(response.data).toEqual({ success: true, message: 'Passkey registration completed' });
      expect(asked).not.toHaveBeenCalled();
    } finally {
      asked.mockRestore();
    }
  });

  it('complete-registration-1 behaves exactly like complete-registration', async () => {
    const session = newSession();
    const { response } = await registerPasskey(session, new SoftwareAuthenticator(), '/mfa/passkey/complete-registration-1');
    expect(response.data).toEqual({ success: true, message: 'Passkey registration completed' });
  });

  it('a replayed challenge, a tampered attestation and a foreign origin are rejected with the documented 400', async () => {
    const session = newSession();
    const authenticator = new SoftwareAuthenticator();
    const { challenge, credential } = await registerPasskey(session, authenticator);
    const replay = await post(session, '/mfa/passkey/complete-registration', { credential, challenge });
    expect(replay.data).toEqual({ success: false, error: 'Passkey registration failed' });

    const fresh = (await post(session, '/mfa/setup', { mfaType: 'PASSKEY' })).data.data.challenge;
    const genuine = authenticator.register(fresh);
    // With `none` attestation nothing signs the key, so tampering means: authenticator data for another RP, or
    // client data that is not a registration. Both must be refused.
    const attestation = Buffer.from(genuine.response.attestationObject, 'base64url');
    const rpIdHash = createHash('sha256').update('localhost').digest();
    const at = attestation.indexOf(rpIdHash);
    expect(at).toBeGreaterThan(0);
    attestation.writeUInt8(attestation.readUInt8(at) ^ 0xff, at);
    const otherRp = { ...genuine, response: { ...genuine.response, attestationObject: attestation.toString('base64url') } };
    expect((await post(session, '/mfa/passkey/complete-registration', { credential: otherRp, challenge: fresh })).statusCode).toBe(400);
    const fresh2 = (await post(session, '/mfa/setup', { mfaType: 'PASSKEY' })).data.data.challenge;
    const genuine2 = authenticator.register(fresh2);
    const clientData = JSON.parse(Buffer.from(genuine2.response.clientDataJSON, 'base64url').toString());
    const asAssertion = Buffer.from(JSON.stringify({ ...clientData, type: 'webauthn.get' })).toString('base64url');
    const wrongType = { ...genuine2, response: { ...genuine2.response, clientDataJSON: asAssertion } };
    expect((await post(session, '/mfa/passkey/complete-registration', { credential: wrongType, challenge: fresh2 })).statusCode).toBe(400);
    // The challenge in the body must be the one the authenticator signed.
    const fresh3 = (await post(session, '/mfa/setup', { mfaType: 'PASSKEY' })).data.data.challenge;
    const fresh4 = (await post(session, '/mfa/setup', { mfaType: 'PASSKEY' })).data.data.challenge;
    expect((await post(session, '/mfa/passkey/complete-registration', { credential: authenticator.register(fresh3), challenge: fresh4 })).statusCode).toBe(400);

    const phishing = new SoftwareAuthenticator('https://evil.example');
    const other = (await post(session, '/mfa/setup', { mfaType: 'PASSKEY' })).data.data.challenge;
    expect((await post(session, '/mfa/passkey/complete-registration', { credential: phishing.register(other), challenge: other })).statusCode).toBe(400);

    const unissued = Buffer.from('never issued by the sandbox').toString('base64url');
    expect((await post(session, '/mfa/passkey/complete-registration', { credential: authenticator.register(unissued), challenge: unissued })).statusCode).toBe(
      400,
    );
  });

  it('auth-options + a signed assertion sign in through verify-login; a replayed assertion fails', async () => {
    const session = newSession();
    const authenticator = new SoftwareAuthenticator();
    const { credential } = await registerPasskey(session, authenticator);
    const options = await post(session, '/mfa/passkey/auth-options');
    expect(options.data.data).toMatchObject({ rpId: 'localhost', timeout: 60000 });
    // With the transports the authenticator named at registration (a Flashback tour: they were left out).
    expect(options.data.data.allowCredentials).toEqual([{ id: credential.id, type: 'public-key', transports: ['internal'] }]);
    const assertion = authenticator.authenticate(options.data.data.challenge, credential.id);
    const login = await post(session, '/mfa/verify-login', { mfaType: 'PASSKEY', credential: assertion });
    expect(login.statusCode).toBe(200);
    expect(login.data.fullAccessToken).toMatch(/^flashback-full-/);
    const replay = await post(session, '/mfa/verify-login', { mfaType: 'PASSKEY', credential: assertion });
    expect(replay.data).toEqual({ success: false, error: 'MFA verification failed' });
  });

  it('an assertion from a credential the user never registered is refused', async () => {
    const session = newSession();
    await registerPasskey(session, new SoftwareAuthenticator());
    const stranger = new SoftwareAuthenticator();
    const strangerCredential = stranger.register(Buffer.from('x').toString('base64url'));
    const { challenge } = (await post(session, '/mfa/passkey/auth-options')).data.data;
    const login = await post(session, '/mfa/verify-login', { mfaType: 'PASSKEY', credential: stranger.authenticate(challenge, strangerCredential.id) });
    expect(login.statusCode).toBe(400);
  });

  it("a challenge works only for the ceremony and the user it was issued for: a sign-in's, or another user's, is refused", async () => {
    const session = newSession();
    const BOB = { authorization: 'Bearer flashback-token-bob' };
    const explain = { prefer: 'explain' };
    const authenticator = new SoftwareAuthenticator();
    const { credential } = await registerPasskey(session, authenticator);
    const postAs = (headers: Record<string, string>, url: string, payload?: object) =>
      sandbox.request({ method: 'POST', url: `/flashback${url}`, session, headers: { ...headers, ...explain }, ...(payload ? { payload } : {}) });

    // A registration over a sign-in's challenge.
    const signIn = (await postAs(ADA, '/mfa/passkey/auth-options')).data.data.challenge;
    const overSignIn = await postAs(ADA, '/mfa/passkey/complete-registration', { credential: new SoftwareAuthenticator().register(signIn), challenge: signIn });
    expect(overSignIn.data).toEqual({ success: false, error: 'Passkey registration failed' });
    expect(overSignIn.headers['x-mock-explain']).toContain('was issued by auth-options for a sign-in of usr_ada, not for this registration of usr_ada');

    // A sign-in over a registration's challenge.
    const setupChallenge = (await postAs(ADA, '/mfa/setup', { mfaType: 'PASSKEY' })).data.data.challenge;
    const overSetup = await postAs(ADA, '/mfa/verify-login', { mfaType: 'PASSKEY', credential: authenticator.authenticate(setupChallenge, credential.id) });
    expect(overSetup.data).toEqual({ success: false, error: 'MFA verification failed' });

    // Bob registering over Ada's challenge.
    const adas = (await postAs(ADA, '/mfa/setup', { mfaType: 'PASSKEY' })).data.data.challenge;
    const bobOverAda = await postAs(BOB, '/mfa/passkey/complete-registration', { credential: new SoftwareAuthenticator().register(adas), challenge: adas });
    expect(bobOverAda.data).toEqual({ success: false, error: 'Passkey registration failed' });
    expect(bobOverAda.headers['x-mock-explain']).toContain('not for this registration of usr_bob');
  });

  it("a credential registered to one user is refused for another (a relying party's credential ids are unique)", async () => {
    const session = newSession();
    const BOB = { authorization: 'Bearer flashback-token-bob' };
    const authenticator = new SoftwareAuthenticator();
    const { credential } = await registerPasskey(session, authenticator);
    const bobs = (await sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', session, headers: BOB, payload: { mfaType: 'PASSKEY' } })).data.data
      .challenge;
    // The same authenticator, the same credential id, over Bob's own challenge.
    const again = authenticator.register(bobs, credential.id);
    expect(again.id).toBe(credential.id);
    const bob = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/passkey/complete-registration',
      session,
      headers: { ...BOB, prefer: 'explain' },
      payload: { credential: again, challenge: bobs },
    });
    expect(bob.data).toEqual({ success: false, error: 'Passkey registration failed' });
    expect(bob.headers['x-mock-explain']).toContain(`credential ${credential.id} is already registered to usr_ada`);
  });
});
