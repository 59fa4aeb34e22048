import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSandbox, type CheckedResponse, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode, secretFromOtpauthUrl, wrongCode } from '../harness/totp.js';

/**
 * @ackplus/nest-auth MFA routes (seed 001, specs/nest-auth.openapi.yaml). Expected bodies are the spec's own examples
 * (read from the spec file, not copied from the mock) or the vendor's documented messages.
 */

const ADA_TOKEN = 'nest-auth-token-ada';
const ADA = { authorization: `Bearer ${ADA_TOKEN}` };
const ADA_ID = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
/** The TOTP secret the mfa-enabled and org-enforced scenarios give Ada's "Work laptop". */
const WORK_LAPTOP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let sandbox: TestSandbox;
let sessionCounter = 0;

beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(async () => {
  console.log(`nest-auth: ${sandbox.checkedResponses} responses checked against the spec`);
  await sandbox.close();
});

/** A named example of one operation's response in the nest-auth spec (the source of truth for bodies). */
function specExample(operationId: string, status: number, name: string): unknown {
  const spec = sandbox.specs.get('nest-auth')!;
  for (const item of Object.values(spec.api.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { operationId?: string; responses?: Record<string, any> }>)) {
      if (operation?.operationId !== operationId) continue;
      const example = operation.responses?.[String(status)]?.content?.['application/json']?.examples?.[name];
      if (!example) throw new Error(`${operationId} ${status} has no example ${name}`);
      return example.value;
    }
  }
  throw new Error(`no operation ${operationId}`);
}

const ERROR = {
  NO_AUTH_PROVIDED: { statusCode: 401, error: 'Unauthorized', message: 'No authentication provided', code: 'NO_AUTH_PROVIDED' },
  UNAUTHORIZED: { statusCode: 401, error: 'Unauthorized', message: 'Invalid or expired token', code: 'UNAUTHORIZED' },
  USER_NOT_FOUND: { statusCode: 401, error: 'Unauthorized', message: 'User not found', code: 'USER_NOT_FOUND' },
  MFA_NOT_ENABLED: { statusCode: 403, error: 'Forbidden', message: 'MFA is not enabled', code: 'MFA_NOT_ENABLED' },
  MFA_TOGGLING_NOT_ALLOWED: { statusCode: 403, error: 'Forbidden', message: 'MFA toggling is not allowed', code: 'MFA_TOGGLING_NOT_ALLOWED' },
  MFA_CANNOT_ENABLE_WITHOUT_METHOD: { statusCode: 403, error: 'Forbidden', message: 'Cannot enable MFA without a verified method', code: 'MFA_CANNOT_ENABLE_WITHOUT_METHOD' },
  MFA_CODE_INVALID: { statusCode: 400, error: 'Bad Request', message: 'Invalid or expired code.', code: 'MFA_CODE_INVALID' },
  MFA_RECOVERY_CODE_INVALID: { statusCode: 400, error: 'Bad Request', message: 'Invalid recovery code', code: 'MFA_RECOVERY_CODE_INVALID' },
  MFA_METHOD_NOT_AVAILABLE: { statusCode: 400, error: 'Bad Request', message: 'MFA method is not available', code: 'MFA_METHOD_NOT_AVAILABLE' },
  INTERNAL_SERVER_ERROR: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' },
};

interface Client {
  session: string;
  get(url: string, headers?: Record<string, string>): Promise<CheckedResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<CheckedResponse>;
  del(url: string, headers?: Record<string, string>): Promise<CheckedResponse>;
  /** A raw body with an explicit content type. */
  raw(url: string, body: string, contentType: string): Promise<CheckedResponse>;
  outbox(): Promise<any[]>;
}

/** A fresh session (so tests never share state), optionally running every request in one scenario. */
function newClient(scenario?: string): Client {
  const session = `nest-auth-${++sessionCounter}`;
  const send = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    sandbox.request({
      method,
      url: `/nest-auth${url}`,
      session,
      ...(scenario ? { scenario } : {}),
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  return {
    session,
    get: (url, headers = ADA) => send('GET', url, headers),
    post: (url, payload, headers = ADA) => send('POST', url, headers, payload),
    del: (url, headers = ADA) => send('DELETE', url, headers),
    raw: (url, body, contentType) => send('POST', url, { ...ADA, 'content-type': contentType }, body),
    outbox: async () => (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox?surface=nest-auth` })).json(),
  };
}

const sorted = (values: string[]) => [...values].sort();

/** Set up and verify a TOTP device with a real authenticator code; returns the secret and the code used. */
async function enrolTotp(client: Client, body: Record<string, string> = {}) {
  const setup = await client.post('/auth/mfa/setup-totp', body);
  expect(setup.statusCode).toBe(200);
  const secret: string = setup.data.secret;
  const code = authenticatorCode(secret);
  const verify = await client.post('/auth/mfa/verify-totp-setup', { otp: code, secret });
  expect(verify.statusCode).toBe(200);
  return { secret, code };
}

describe('nest-auth status in every scenario', () => {
  it('default: MFA offered (email, TOTP), Ada enrolled in nothing: the spec example notEnrolled', async () => {
    const res = await newClient().get('/auth/mfa/status');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual(specExample('getMfaStatus', 200, 'notEnrolled'));
  });

  it('mfa-enabled: MFA on with the verified "Work laptop" device and a recovery code', async () => {
    const res = await newClient('mfa-enabled').get('/auth/mfa/status');
    expect(res.statusCode).toBe(200);
    const { verifiedMethods, configuredMethods, totpDevices, ...flags } = res.data;
    expect(flags).toEqual({ isEnabled: true, allowUserToggle: true, allowMethodSelection: true, hasRecoveryCode: true, required: false, canToggle: true });
    // Email and SMS are usable when configured (Ada has a phone), TOTP because her device is verified.
    expect(sorted(verifiedMethods)).toEqual(['email', 'sms', 'totp']);
    expect(sorted(configuredMethods)).toEqual(['email', 'sms', 'totp']);
    expect(totpDevices).toHaveLength(1);
    expect(totpDevices[0]).toMatchObject({ deviceName: 'Work laptop', method: 'totp', verified: true, lastUsedAt: null });
    // Device ids are UUIDs, as the library's TypeORM primary key makes them.
    expect(totpDevices[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('org-enforced: required, so MFA is on and cannot be toggled either way', async () => {
    const client = newClient('org-enforced');
    const status = await client.get('/auth/mfa/status');
    expect(status.data).toMatchObject({ isEnabled: true, required: true, canToggle: false, allowUserToggle: true });
    expect(sorted(status.data.verifiedMethods)).toEqual(['email', 'totp']);

    const disable = await client.post('/auth/mfa/toggle', { enabled: false });
    expect(disable.statusCode).toBe(403);
    expect(disable.data).toEqual(ERROR.MFA_TOGGLING_NOT_ALLOWED);
    // The spec refuses toggling "when allowUserToggle is false or MFA is required" (canToggle false), enabling included.
    const enable = await client.post('/auth/mfa/toggle', { enabled: true });
    expect(enable.statusCode).toBe(403);
    expect(enable.data).toEqual(ERROR.MFA_TOGGLING_NOT_ALLOWED);
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(true);
  });

  it('missing-user: a valid token whose user is gone answers 401 USER_NOT_FOUND on every route', async () => {
    const client = newClient('missing-user');
    const calls = [
      client.get('/auth/mfa/status'),
      client.post('/auth/mfa/toggle', { enabled: true }),
      client.get('/auth/mfa/devices'),
      client.del('/auth/mfa/devices/some-device'),
      client.post('/auth/mfa/challenge', { method: 'email' }),
      client.post('/auth/mfa/setup-totp', {}),
      client.post('/auth/mfa/verify-totp-setup', { otp: '123456', secret: WORK_LAPTOP_SECRET }),
      client.post('/auth/mfa/generate-recovery-code'),
      client.post('/auth/mfa/reset-totp', { code: 'sandbox-recovery-code-ada-0001' }),
      client.post('/auth/mfa/verify', { method: 'totp', otp: '123456' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(401);
      expect(res.data).toEqual(ERROR.USER_NOT_FOUND);
    }
  });

  it('server-error: every route answers 500 INTERNAL_SERVER_ERROR', async () => {
    const client = newClient('server-error');
    const calls = [
      client.get('/auth/mfa/status'),
      client.post('/auth/mfa/toggle', { enabled: true }),
      client.get('/auth/mfa/devices'),
      client.del('/auth/mfa/devices/some-device'),
      client.post('/auth/mfa/challenge', { method: 'email' }),
      client.post('/auth/mfa/setup-totp'),
      client.post('/auth/mfa/verify-totp-setup', { otp: '123456', secret: WORK_LAPTOP_SECRET }),
      client.post('/auth/mfa/generate-recovery-code'),
      client.post('/auth/mfa/reset-totp', { code: 'anything' }),
      client.post('/auth/mfa/verify', { method: 'email', otp: '123456' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(500);
      expect(res.data).toEqual(ERROR.INTERNAL_SERVER_ERROR);
    }
  });

  it('mfa-disabled: status is 200 with the spec example appMfaDisabled; every other route is 403 MFA_NOT_ENABLED', async () => {
    const client = newClient('mfa-disabled');
    const status = await client.get('/auth/mfa/status');
    expect(status.statusCode).toBe(200);
    expect(status.data).toEqual(specExample('getMfaStatus', 200, 'appMfaDisabled'));
    const calls = [
      client.post('/auth/mfa/toggle', { enabled: true }),
      client.post('/auth/mfa/toggle', { enabled: false }),
      client.get('/auth/mfa/devices'),
      client.del('/auth/mfa/devices/some-device'),
      client.post('/auth/mfa/challenge', { method: 'email' }),
      client.post('/auth/mfa/setup-totp', {}),
      client.post('/auth/mfa/verify-totp-setup', { otp: '123456', secret: WORK_LAPTOP_SECRET }),
      client.post('/auth/mfa/generate-recovery-code'),
      client.post('/auth/mfa/reset-totp', { code: 'anything' }),
      client.post('/auth/mfa/verify', { method: 'email', otp: '123456' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(403);
      expect(res.data).toEqual(ERROR.MFA_NOT_ENABLED);
    }
    expect(await client.outbox()).toEqual([]);
  });

  it('totp-only: no verified method until a device is set up', async () => {
    const status = await newClient('totp-only').get('/auth/mfa/status');
    expect(status.data).toMatchObject({ isEnabled: false, verifiedMethods: [], configuredMethods: ['totp'], totpDevices: [], canToggle: true });
  });
});

describe('nest-auth toggle', () => {
  it('default: enable and disable show up in status', async () => {
    const client = newClient();
    const enable = await client.post('/auth/mfa/toggle', { enabled: true });
    expect(enable.statusCode).toBe(200);
    expect(enable.data).toEqual({ message: 'MFA enabled successfully' });
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(true);

    const disable = await client.post('/auth/mfa/toggle', { enabled: false });
    expect(disable.statusCode).toBe(200);
    expect(disable.data).toEqual({ message: 'MFA disabled successfully' });
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(false);
  });

  it('enabling without a verified method is refused (MFA_CANNOT_ENABLE_WITHOUT_METHOD), then allowed once TOTP is verified', async () => {
    const client = newClient('totp-only');
    const refused = await client.post('/auth/mfa/toggle', { enabled: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.data).toEqual(ERROR.MFA_CANNOT_ENABLE_WITHOUT_METHOD);
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(false);

    await enrolTotp(client);
    expect((await client.get('/auth/mfa/status')).data.verifiedMethods).toEqual(['totp']);
    const enable = await client.post('/auth/mfa/toggle', { enabled: true });
    expect(enable.statusCode).toBe(200);
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(true);
  });

  it('MFA_NOT_ENABLED when the application has MFA off, and the user state is left alone', async () => {
    const client = newClient('mfa-disabled');
    const res = await client.post('/auth/mfa/toggle', { enabled: true });
    expect(res.statusCode).toBe(403);
    expect(res.data).toEqual(ERROR.MFA_NOT_ENABLED);
    const state = (await sandbox.app.inject({ url: `/__admin/sessions/${client.session}` })).json();
    expect(state.worlds['nest-auth/mfa-disabled'].users[ADA_ID].mfaEnabled).toBe(false);
  });
});

describe('nest-auth TOTP enrolment (RFC 6238)', () => {
  it('setup-totp → verify-totp-setup with a real code; devices and status list the device; it then signs in', async () => {
    const client = newClient();
    const setup = await client.post('/auth/mfa/setup-totp', { deviceName: 'iPhone Authenticator' });
    expect(setup.statusCode).toBe(200);
    const { secret, qrCode, otpAuthUrl, account } = setup.data;
    expect(secretFromOtpauthUrl(otpAuthUrl)).toBe(secret);
    expect(account).toBe('ada@example.com');
    expect(decodeURIComponent(otpAuthUrl)).toContain('ada@example.com');
    expect(Buffer.from(qrCode.split(',')[1], 'base64').subarray(1, 4).toString()).toBe('PNG');

    // Until verified, the device is listed as pending and TOTP is not a usable method.
    const pending = await client.get('/auth/mfa/devices');
    expect(pending.data).toEqual([expect.objectContaining({ deviceName: 'iPhone Authenticator', method: 'totp', verified: false, lastUsedAt: null })]);
    expect((await client.get('/auth/mfa/status')).data.verifiedMethods).toEqual(['email']);
    const tooEarly = await client.post('/auth/mfa/verify', { method: 'totp', otp: authenticatorCode(secret) });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.data).toEqual(ERROR.MFA_CODE_INVALID);

    const wrong = await client.post('/auth/mfa/verify-totp-setup', { otp: wrongCode(secret), secret });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data).toEqual(ERROR.MFA_CODE_INVALID);

    const code = authenticatorCode(secret);
    const verify = await client.post('/auth/mfa/verify-totp-setup', { otp: code, secret });
    expect(verify.statusCode).toBe(200);
    expect(verify.data).toEqual({ message: 'Device setup successfully' });

    const devices = await client.get('/auth/mfa/devices');
    expect(devices.statusCode).toBe(200);
    expect(devices.data).toHaveLength(1);
    expect(devices.data[0]).toMatchObject({ deviceName: 'iPhone Authenticator', method: 'totp', verified: true });
    const status = await client.get('/auth/mfa/status');
    expect(sorted(status.data.verifiedMethods)).toEqual(['email', 'totp']);
    expect(status.data.totpDevices).toEqual(devices.data);

    // The code that confirmed the device cannot be replayed to sign in; the next one can, once.
    const replay = await client.post('/auth/mfa/verify', { method: 'totp', otp: code });
    expect(replay.statusCode).toBe(400);
    expect(replay.data).toEqual(ERROR.MFA_CODE_INVALID);
    const next = authenticatorCode(secret, 1);
    const login = await client.post('/auth/mfa/verify', { method: 'totp', otp: next });
    expect(login.statusCode).toBe(200);
    expect(login.data.message).toBe('2FA verification successful');
    const loginAgain = await client.post('/auth/mfa/verify', { method: 'totp', otp: next });
    expect(loginAgain.statusCode).toBe(400);
    expect(loginAgain.data).toEqual(ERROR.MFA_CODE_INVALID);
    const used = (await client.get('/auth/mfa/devices')).data[0];
    expect(typeof used.lastUsedAt).toBe('string');
  });

  it('verify-totp-setup: an unknown secret is refused even with its correct code; a verified secret answers 200 again', async () => {
    const client = newClient();
    const invented = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const unknown = await client.post('/auth/mfa/verify-totp-setup', { otp: authenticatorCode(invented), secret: invented });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data).toEqual(ERROR.MFA_CODE_INVALID);
    expect((await client.get('/auth/mfa/devices')).data).toEqual([]);

    const { secret } = await enrolTotp(client);
    const again = await client.post('/auth/mfa/verify-totp-setup', { otp: wrongCode(secret), secret });
    expect(again.statusCode).toBe(200);
    expect(again.data).toEqual({ message: 'Device setup successfully' });
    expect((await client.get('/auth/mfa/devices')).data).toHaveLength(1);
  });

  it('setup-totp: label sets the authenticator account, deviceName at verification renames the device; no body works too', async () => {
    const client = newClient();
    const labelled = await client.post('/auth/mfa/setup-totp', { label: 'ada@acme.com (Acme Corp)' });
    expect(labelled.data.account).toBe('ada@acme.com (Acme Corp)');
    expect(decodeURIComponent(labelled.data.otpAuthUrl)).toContain('ada@acme.com (Acme Corp)');
    const renamed = await client.post('/auth/mfa/verify-totp-setup', { otp: authenticatorCode(labelled.data.secret), secret: labelled.data.secret, deviceName: 'Work laptop' });
    expect(renamed.statusCode).toBe(200);

    const bare = await client.post('/auth/mfa/setup-totp');
    expect(bare.statusCode).toBe(200);
    expect(bare.data.secret).not.toBe(labelled.data.secret);
    const devices: Array<{ deviceName: string; verified: boolean }> = (await client.get('/auth/mfa/devices')).data;
    // The verified, renamed device plus the new pending one with the default name.
    expect(devices).toHaveLength(2);
    expect(devices.find((d) => d.verified)?.deviceName).toBe('Work laptop');
    expect(devices.find((d) => !d.verified)?.deviceName).toContain('ada@example.com');
  });
});

describe('nest-auth devices', () => {
  it('removing the verified device drops TOTP from status; an unknown id is also 200 (spec decision)', async () => {
    const client = newClient('mfa-enabled');
    const [device] = (await client.get('/auth/mfa/devices')).data;
    expect(device).toMatchObject({ deviceName: 'Work laptop', verified: true });
    const removed = await client.del(`/auth/mfa/devices/${device.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.data).toEqual({ message: 'MFA device removed successfully' });
    expect((await client.get('/auth/mfa/devices')).data).toEqual([]);
    const status = await client.get('/auth/mfa/status');
    expect(status.data.totpDevices).toEqual([]);
    expect(sorted(status.data.verifiedMethods)).toEqual(['email', 'sms']);
    // The device's authenticator no longer signs in.
    const login = await client.post('/auth/mfa/verify', { method: 'totp', otp: authenticatorCode(WORK_LAPTOP_SECRET) });
    expect(login.statusCode).toBe(400);

    const unknown = await client.del('/auth/mfa/devices/0d6f7a52-3e1b-4f0c-9b8a-7c6d5e4f3a21');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.data).toEqual({ message: 'MFA device removed successfully' });
  });

  it('lists the most recently used device first', async () => {
    const client = newClient('mfa-enabled');
    await enrolTotp(client, { deviceName: 'Phone' });
    const names = async () => (await client.get('/auth/mfa/devices')).data.map((d: { deviceName: string }) => d.deviceName);
    // Neither used yet: newest first.
    expect(await names()).toEqual(['Phone', 'Work laptop']);
    const login = await client.post('/auth/mfa/verify', { method: 'totp', otp: authenticatorCode(WORK_LAPTOP_SECRET) });
    expect(login.statusCode).toBe(200);
    expect(await names()).toEqual(['Work laptop', 'Phone']);
  });
});

describe('nest-auth recovery code and reset-totp', () => {
  it('generate-recovery-code replaces the old code; reset-totp accepts the new one exactly once and removes TOTP devices', async () => {
    const client = newClient('mfa-enabled');
    const generated = await client.post('/auth/mfa/generate-recovery-code');
    expect(generated.statusCode).toBe(200);
    const { code } = generated.data;
    expect(code).toEqual(expect.any(String));
    expect(code).not.toBe('sandbox-recovery-code-ada-0001');

    const old = await client.post('/auth/mfa/reset-totp', { code: 'sandbox-recovery-code-ada-0001' });
    expect(old.statusCode).toBe(400);
    expect(old.data).toEqual(ERROR.MFA_RECOVERY_CODE_INVALID);

    const reset = await client.post('/auth/mfa/reset-totp', { code });
    expect(reset.statusCode).toBe(200);
    expect(reset.data).toEqual({ message: 'MFA reset successfully' });
    const status = await client.get('/auth/mfa/status');
    expect(status.data).toMatchObject({ totpDevices: [], hasRecoveryCode: false, isEnabled: true });
    expect(status.data.verifiedMethods).not.toContain('totp');

    const again = await client.post('/auth/mfa/reset-totp', { code });
    expect(again.statusCode).toBe(400);
    expect(again.data).toEqual(ERROR.MFA_RECOVERY_CODE_INVALID);
  });

  it('default: generating a code shows up as hasRecoveryCode', async () => {
    const client = newClient();
    expect((await client.get('/auth/mfa/status')).data.hasRecoveryCode).toBe(false);
    expect((await client.post('/auth/mfa/generate-recovery-code')).statusCode).toBe(200);
    expect((await client.get('/auth/mfa/status')).data.hasRecoveryCode).toBe(true);
  });

  it('totp-only: a reset that leaves no verified method turns MFA off', async () => {
    const client = newClient('totp-only');
    await enrolTotp(client);
    expect((await client.post('/auth/mfa/toggle', { enabled: true })).statusCode).toBe(200);
    const { code } = (await client.post('/auth/mfa/generate-recovery-code')).data;
    expect((await client.post('/auth/mfa/reset-totp', { code })).statusCode).toBe(200);
    expect((await client.get('/auth/mfa/status')).data).toMatchObject({ isEnabled: false, verifiedMethods: [], totpDevices: [] });
  });
});

describe('nest-auth challenge and login verification', () => {
  it('email challenge delivers a code that verifies once and yields a working access token', async () => {
    const client = newClient();
    const challenge = await client.post('/auth/mfa/challenge', { method: 'email' });
    expect(challenge.statusCode).toBe(200);
    expect(challenge.data).toEqual({ message: 'MFA code sent successfully' });
    const outbox = await client.outbox();
    expect(outbox).toHaveLength(1);
    const [message] = outbox;
    expect(message).toMatchObject({ channel: 'email', to: 'ada@example.com', surface: 'nest-auth' });
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.text).toContain(message.code);

    const wrongOtp = message.code === '000000' ? '000001' : '000000';
    const wrong = await client.post('/auth/mfa/verify', { method: 'email', otp: wrongOtp });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data).toEqual(ERROR.MFA_CODE_INVALID);

    const verify = await client.post('/auth/mfa/verify', { method: 'email', otp: message.code, trustDevice: true });
    expect(verify.statusCode).toBe(200);
    expect(verify.data).toMatchObject({ message: '2FA verification successful' });
    const { accessToken, refreshToken } = verify.data;
    expect(accessToken).not.toBe(refreshToken);

    const replay = await client.post('/auth/mfa/verify', { method: 'email', otp: message.code });
    expect(replay.statusCode).toBe(400);
    expect(replay.data).toEqual(ERROR.MFA_CODE_INVALID);

    const withNewToken = await client.get('/auth/mfa/status', { authorization: `Bearer ${accessToken}` });
    expect(withNewToken.statusCode).toBe(200);
    expect(withNewToken.data).toEqual(specExample('getMfaStatus', 200, 'notEnrolled'));
  });

  it('an email code is not accepted as an SMS code', async () => {
    const client = newClient('mfa-enabled');
    await client.post('/auth/mfa/challenge', { method: 'email' });
    const [message] = await client.outbox();
    const asSms = await client.post('/auth/mfa/verify', { method: 'sms', otp: message.code });
    expect(asSms.statusCode).toBe(400);
    expect(asSms.data).toEqual(ERROR.MFA_CODE_INVALID);
    expect((await client.post('/auth/mfa/verify', { method: 'email', otp: message.code })).statusCode).toBe(200);
  });

  it('sms challenge goes to the phone number; totp challenge sends nothing', async () => {
    const client = newClient('mfa-enabled');
    const totp = await client.post('/auth/mfa/challenge', { method: 'totp' });
    expect(totp.statusCode).toBe(200);
    expect(await client.outbox()).toEqual([]);
    const sms = await client.post('/auth/mfa/challenge', { method: 'sms' });
    expect(sms.statusCode).toBe(200);
    const [message] = await client.outbox();
    expect(message).toMatchObject({ channel: 'sms', to: '+15550100' });
    const verify = await client.post('/auth/mfa/verify', { method: 'sms', otp: message.code, rememberDevice: true });
    expect(verify.statusCode).toBe(200);
  });

  it('a method the application does not offer is 400 MFA_METHOD_NOT_AVAILABLE', async () => {
    const client = newClient();
    const res = await client.post('/auth/mfa/challenge', { method: 'sms' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual(ERROR.MFA_METHOD_NOT_AVAILABLE);
    expect(await client.outbox()).toEqual([]);
  });

  it('verify with the enrolled TOTP device: wrong code refused, right code accepted once, and a lastUsedAt recorded', async () => {
    const client = newClient('mfa-enabled');
    const wrong = await client.post('/auth/mfa/verify', { method: 'totp', otp: wrongCode(WORK_LAPTOP_SECRET) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data).toEqual(ERROR.MFA_CODE_INVALID);
    const code = authenticatorCode(WORK_LAPTOP_SECRET);
    const ok = await client.post('/auth/mfa/verify', { method: 'totp', otp: code, trustDevice: true, rememberDevice: false });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.accessToken).toEqual(expect.any(String));
    const replay = await client.post('/auth/mfa/verify', { method: 'totp', otp: code });
    expect(replay.statusCode).toBe(400);
    expect(replay.data).toEqual(ERROR.MFA_CODE_INVALID);
    const [device] = (await client.get('/auth/mfa/status')).data.totpDevices;
    expect(Date.parse(device.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    // An 8-digit code (allowed by the schema) is simply not a TOTP code.
    const eight = await client.post('/auth/mfa/verify', { method: 'totp', otp: '12345678' });
    expect(eight.data).toEqual(ERROR.MFA_CODE_INVALID);
  });
});

describe('nest-auth authentication', () => {
  it('no bearer and no cookie: 401 NO_AUTH_PROVIDED', async () => {
    const client = newClient();
    const status = await client.get('/auth/mfa/status', {});
    expect(status.statusCode).toBe(401);
    expect(status.data).toEqual(ERROR.NO_AUTH_PROVIDED);
    const toggle = await client.post('/auth/mfa/toggle', { enabled: true }, {});
    expect(toggle.statusCode).toBe(401);
    expect(toggle.data).toEqual(ERROR.NO_AUTH_PROVIDED);
  });

  it('an unknown token (bearer or cookie): 401 UNAUTHORIZED', async () => {
    const client = newClient();
    const attempts: Array<Record<string, string>> = [{ authorization: 'Bearer not-a-token' }, { cookie: 'accessToken=not-a-token' }];
    for (const headers of attempts) {
      const res = await client.get('/auth/mfa/devices', headers);
      expect(res.statusCode).toBe(401);
      expect(res.data).toEqual(ERROR.UNAUTHORIZED);
    }
  });

  it('the accessToken cookie is accepted, and the bearer header wins over it', async () => {
    const client = newClient();
    const cookie = await client.get('/auth/mfa/status', { cookie: `theme=dark; accessToken=${ADA_TOKEN}` });
    expect(cookie.statusCode).toBe(200);
    expect(cookie.data.configuredMethods).toEqual(['email', 'totp']);
    const both = await client.get('/auth/mfa/status', { authorization: 'Bearer not-a-token', cookie: `accessToken=${ADA_TOKEN}` });
    expect(both.statusCode).toBe(401);
    expect(both.data).toEqual(ERROR.UNAUTHORIZED);
  });
});

describe('nest-auth request validation ({statusCode, error, message, code: VALIDATION_ERROR})', () => {
  const expectValidationError = (res: CheckedResponse, mentions: string) => {
    expect(res.statusCode).toBe(400);
    expect(res.isFault).toBe(false);
    expect(res.data).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_ERROR' });
    expect(res.data.message).toContain(mentions);
  };

  it('rejects a missing, mistyped or unknown toggle field and leaves the state alone', async () => {
    const client = newClient();
    expectValidationError(await client.post('/auth/mfa/toggle', {}), 'enabled');
    expectValidationError(await client.post('/auth/mfa/toggle', { enabled: 'yes' }), 'enabled');
    expectValidationError(await client.post('/auth/mfa/toggle', { enabled: true, method: 'totp' }), 'method');
    expectValidationError(await client.post('/auth/mfa/toggle'), 'body');
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(false);
  });

  it('rejects malformed JSON, a non-JSON content type and prototype-pollution keys', async () => {
    const client = newClient();
    const malformed = await client.raw('/auth/mfa/toggle', '{"enabled":', 'application/json');
    expectValidationError(malformed, 'JSON');
    const text = await client.raw('/auth/mfa/toggle', 'enabled=true', 'text/plain');
    expectValidationError(text, 'content type');
    const form = await client.raw('/auth/mfa/challenge', 'method=email', 'application/x-www-form-urlencoded');
    expectValidationError(form, 'content type');
    const proto = await client.raw('/auth/mfa/toggle', '{"enabled":true,"__proto__":{"polluted":true}}', 'application/json');
    expect(proto.statusCode).toBe(400);
    expect(proto.data.code).toBe('VALIDATION_ERROR');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(false);
    expect(await client.outbox()).toEqual([]);
  });

  it('rejects a method outside email|sms|totp', async () => {
    const client = newClient();
    expectValidationError(await client.post('/auth/mfa/challenge', { method: 'push' }), 'method');
    expectValidationError(await client.post('/auth/mfa/verify', { method: 'whatsapp', otp: '123456' }), 'method');
    expect(await client.outbox()).toEqual([]);
  });

  it('enforces the OTP lengths: 6 for setup, 6 to 8 for login', async () => {
    const client = newClient();
    expectValidationError(await client.post('/auth/mfa/verify-totp-setup', { otp: '12345', secret: WORK_LAPTOP_SECRET }), 'otp');
    expectValidationError(await client.post('/auth/mfa/verify-totp-setup', { otp: '1234567', secret: WORK_LAPTOP_SECRET }), 'otp');
    expectValidationError(await client.post('/auth/mfa/verify-totp-setup', { otp: '123456' }), 'secret');
    expectValidationError(await client.post('/auth/mfa/verify', { method: 'email', otp: '12345' }), 'otp');
    expectValidationError(await client.post('/auth/mfa/verify', { method: 'email', otp: '123456789' }), 'otp');
    expectValidationError(await client.post('/auth/mfa/verify', { otp: '123456' }), 'method');
  });

  it('checks setup-totp, reset-totp and path parameters', async () => {
    const client = newClient('mfa-enabled');
    expectValidationError(await client.post('/auth/mfa/setup-totp', { label: 'x'.repeat(129) }), 'label');
    expectValidationError(await client.post('/auth/mfa/setup-totp', { issuer: 'Acme' }), 'issuer');
    expectValidationError(await client.post('/auth/mfa/reset-totp', { code: '' }), 'code');
    expectValidationError(await client.post('/auth/mfa/reset-totp', {}), 'code');
    expectValidationError(await client.del('/auth/mfa/devices/'), 'deviceId');
    // Nothing changed: the device and the seeded recovery code are still there.
    const status = await client.get('/auth/mfa/status');
    expect(status.data.totpDevices).toHaveLength(1);
    expect(status.data.hasRecoveryCode).toBe(true);
  });
});
