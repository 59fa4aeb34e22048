import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock } from '../../src/engine/clock.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode, wrongCode } from '../harness/totp.js';

/**
 * The README's frontend quick start: start a TOTP setup, read the code to verify it with from the admin API, verify.
 * For every surface with a setup step, the code listed for the pending setup is what an authenticator shows for the
 * secret the setup handed out, and sending it completes the setup; afterwards the same secret is listed as enrolled.
 */
/** 10 s into a 30-second step, and it stays there: a listed code is valid for exactly 20 more seconds. */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({}, { clock });
});
afterAll(() => sandbox?.close());

const LERIAN_JOHN_ID = '019c96a0-0c21-71f9-a487-66a1258278a1';
const NEST_ADA_ID = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';

interface TotpCodeEntry {
  surface: string;
  scenario: string;
  userId: string;
  status: 'enrolled' | 'pending';
  factorId?: string;
  name: string;
  code: string;
  validForSeconds: number;
}

async function totpCodes(session: string): Promise<TotpCodeEntry[]> {
  const response = await sandbox.app.inject({ url: `/__admin/sessions/${session}/totp-codes` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** A listed code is exactly what the authenticator shows at the sandbox's time. */
function expectAuthenticatorCode(code: string, secret: string) {
  expect(code).toBe(authenticatorCode(secret, 0, clock.now()));
}

describe('GET /__admin/sessions/{id}/totp-codes lists a TOTP setup that is started but not verified', () => {
  it('flashback: POST /mfa/setup GOOGLE_AUTH (the README quick start, in session "default")', async () => {
    const session = 'default';
    const ada = { authorization: 'Bearer flashback-token-ada' };
    expect(await totpCodes(session)).toEqual([]); // the default scenario has no TOTP anywhere

    const setup = await sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', session, headers: ada, payload: { mfaType: 'GOOGLE_AUTH' } });
    expect(setup.statusCode).toBe(200);
    const secret: string = setup.data.data.secret;

    const [pending, ...others] = await totpCodes(session);
    expect(others).toEqual([]);
    expect(pending).toEqual({
      surface: 'flashback',
      scenario: 'default',
      userId: 'usr_ada',
      status: 'pending',
      name: 'TOTP setup (not verified)',
      code: expect.stringMatching(/^\d{6}$/),
      validForSeconds: 20,
      used: false,
    });
    expect(pending).not.toHaveProperty('factorId');
    expectAuthenticatorCode(pending!.code, secret);

    const verify = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/verify-setup',
      session,
      headers: ada,
      payload: { mfaType: 'GOOGLE_AUTH', code: pending!.code },
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.data).toMatchObject({ success: true });

    const [enrolled, ...rest] = await totpCodes(session);
    expect(rest).toEqual([]);
    // The setup's code counts as used: sent again (a sign-in right after the setup) it is a replay.
    expect(enrolled).toMatchObject({ surface: 'flashback', userId: 'usr_ada', status: 'enrolled', factorId: expect.any(String), used: true });
    expectAuthenticatorCode(enrolled!.code, secret);
  });

  it('nest-auth: POST /auth/mfa/setup-totp stores an unverified device, listed as pending with its id', async () => {
    const session = 'pending-nest-auth';
    const ada = { authorization: 'Bearer nest-auth-token-ada' };
    const setup = await sandbox.request({ method: 'POST', url: '/nest-auth/auth/mfa/setup-totp', session, headers: ada, payload: { deviceName: 'Ada phone' } });
    expect(setup.statusCode).toBe(200);
    const secret: string = setup.data.secret;

    const [pending] = (await totpCodes(session)).filter((entry) => entry.surface === 'nest-auth');
    expect(pending).toMatchObject({ scenario: 'default', userId: NEST_ADA_ID, status: 'pending', name: 'Ada phone', factorId: expect.any(String) });
    expectAuthenticatorCode(pending!.code, secret);

    const verify = await sandbox.request({
      method: 'POST',
      url: '/nest-auth/auth/mfa/verify-totp-setup',
      session,
      headers: ada,
      payload: { secret, otp: pending!.code },
    });
    expect(verify.statusCode).toBe(200);
    const devices = await sandbox.request({ url: '/nest-auth/auth/mfa/devices', session, headers: ada });
    expect(devices.data).toEqual([expect.objectContaining({ id: pending!.factorId, verified: true })]);

    const after = (await totpCodes(session)).filter((entry) => entry.surface === 'nest-auth');
    expect(after).toEqual([expect.objectContaining({ factorId: pending!.factorId, status: 'enrolled' })]);
  });

  it('lerian: POST /v1/users/{id}/mfa/setup app stays pending through verify until enable', async () => {
    const session = 'pending-lerian';
    const john = { authorization: 'Bearer lerian-token-johndoe' };
    const path = `/lerian/v1/users/${LERIAN_JOHN_ID}/mfa`;
    const setup = await sandbox.request({ method: 'POST', url: `${path}/setup`, session, headers: john, payload: { mfaType: 'app' } });
    expect(setup.statusCode).toBe(200);
    const { secret, recoveryCodes } = setup.data as { secret: string; recoveryCodes: string[] };

    const [pending] = (await totpCodes(session)).filter((entry) => entry.surface === 'lerian');
    expect(pending).toMatchObject({ userId: LERIAN_JOHN_ID, status: 'pending' });
    expectAuthenticatorCode(pending!.code, secret);

    const verify = await sandbox.request({
      method: 'POST',
      url: `${path}/verify`,
      session,
      headers: john,
      payload: { mfaType: 'app', secret, passcode: pending!.code },
    });
    expect(verify.data).toMatchObject({ verified: true });
    expect((await totpCodes(session)).filter((entry) => entry.surface === 'lerian').map((entry) => entry.status)).toEqual(['pending']);

    const enable = await sandbox.request({
      method: 'POST',
      url: `${path}/enable`,
      session,
      headers: john,
      payload: { mfaType: 'app', secret, recoveryCode: recoveryCodes[0] },
    });
    expect(enable.data).toEqual({ enabled: true });
    const [enrolled, ...rest] = (await totpCodes(session)).filter((entry) => entry.surface === 'lerian');
    expect(rest).toEqual([]);
    expect(enrolled).toMatchObject({ userId: LERIAN_JOHN_ID, status: 'enrolled', factorId: expect.any(String) });
    expectAuthenticatorCode(enrolled!.code, secret);
  });

  it('a wrong code is still refused: the listed pending code is the one that works', async () => {
    const session = 'pending-wrong-code';
    const ada = { authorization: 'Bearer flashback-token-ada' };
    const setup = await sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', session, headers: ada, payload: { mfaType: 'GOOGLE_AUTH' } });
    const refused = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/verify-setup',
      session,
      headers: ada,
      payload: { mfaType: 'GOOGLE_AUTH', code: wrongCode(setup.data.data.secret, clock.now()) },
    });
    expect(refused.statusCode).toBe(400);
    const [pending] = await totpCodes(session);
    expect(pending!.status).toBe('pending');
    const accepted = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/verify-setup',
      session,
      headers: ada,
      payload: { mfaType: 'GOOGLE_AUTH', code: pending!.code },
    });
    expect(accepted.statusCode).toBe(200);
  });
});
