import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { createControlledClock } from '../../src/engine/clock.js';
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

/** The sandbox's time, still unless a test moves it: codes are the authenticator's at that time, and times are exact. */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
const phoneCode = (secret: string) => authenticatorCode(secret, 0, clock.now());
const notTheCode = (secret: string) => wrongCode(secret, clock.now());

let sandbox: TestSandbox;
let sessionCounter = 0;

beforeAll(async () => {
  sandbox = await createTestSandbox({}, { clock });
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

/** The error bodies of the real 2.11.1 server (its AuthExceptionFilter: `error` is the exception's class name). */
const ERROR = {
  NO_AUTH_PROVIDED: { statusCode: 401, error: 'UnauthorizedException', message: 'No authentication provided', code: 'NO_AUTH_PROVIDED' },
  INVALID_TOKEN: { statusCode: 401, error: 'UnauthorizedException', message: 'Invalid or expired token', code: 'INVALID_TOKEN' },
  SESSION_NOT_FOUND: { statusCode: 401, error: 'Unauthorized', message: 'Session not found' },
  MFA_REQUIRED: { statusCode: 401, error: 'UnauthorizedException', message: 'Multi-factor authentication is required', code: 'MFA_REQUIRED' },
  MFA_NOT_ENABLED: { statusCode: 403, error: 'ForbiddenException', message: 'MFA is not enabled for the application', code: 'MFA_NOT_ENABLED' },
  MFA_TOGGLING_NOT_ALLOWED: { statusCode: 403, error: 'ForbiddenException', message: 'MFA toggle is not allowed', code: 'MFA_TOGGLING_NOT_ALLOWED' },
  MFA_CANNOT_ENABLE_WITHOUT_METHOD: {
    statusCode: 403,
    error: 'ForbiddenException',
    message: 'Cannot enable MFA without at least one verified method',
    code: 'MFA_CANNOT_ENABLE_WITHOUT_METHOD',
  },
  SETUP_CODE_INVALID: { statusCode: 401, error: 'UnauthorizedException', message: 'Invalid OTP', code: 'MFA_CODE_INVALID' },
  MFA_CODE_INVALID: { statusCode: 401, error: 'UnauthorizedException', message: 'Invalid MFA code', code: 'MFA_CODE_INVALID' },
  VERIFICATION_CODE_INVALID: { statusCode: 400, error: 'BadRequestException', message: 'Invalid verification code', code: 'VERIFICATION_CODE_INVALID' },
  MFA_RECOVERY_CODE_INVALID: { statusCode: 401, error: 'UnauthorizedException', message: 'Invalid recovery code', code: 'MFA_RECOVERY_CODE_INVALID' },
  MFA_DEVICE_NOT_FOUND: { statusCode: 404, error: 'Not Found', message: 'MFA device not found' },
  INTERNAL_SERVER_ERROR: { statusCode: 500, message: 'Internal server error' },
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
  const code = phoneCode(secret);
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
    // TOTP because her device is verified, then email and SMS (offered, and Ada has an address and a phone): 2.11.1's order.
    expect(verifiedMethods).toEqual(['totp', 'email', 'sms']);
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

  it('sms-unverified: the seed example, SMS offered but Ada has no phone, so it is not a verified method', async () => {
    const res = await newClient('sms-unverified').get('/auth/mfa/status');
    expect(res.data).toMatchObject({ verifiedMethods: ['totp', 'email'], configuredMethods: ['email', 'totp', 'sms'] });
  });

  it('missing-user: a valid token whose user is gone answers 401 "Session not found" on every route (its sessions went with it)', async () => {
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
      expect(res.data).toEqual(ERROR.SESSION_NOT_FOUND);
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
    const tooEarly = await client.post('/auth/mfa/verify', { method: 'totp', otp: phoneCode(secret) });
    expect(tooEarly.statusCode).toBe(401);
    expect(tooEarly.data).toEqual(ERROR.MFA_CODE_INVALID);

    const wrong = await client.post('/auth/mfa/verify-totp-setup', { otp: notTheCode(secret), secret });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.data).toEqual(ERROR.SETUP_CODE_INVALID);

    const code = phoneCode(secret);
    const verify = await client.post('/auth/mfa/verify-totp-setup', { otp: code, secret });
    expect(verify.statusCode).toBe(200);
    expect(verify.data).toEqual({ message: 'Device setup successfully' });

    const devices = await client.get('/auth/mfa/devices');
    expect(devices.statusCode).toBe(200);
    expect(devices.data).toHaveLength(1);
    expect(devices.data[0]).toMatchObject({ deviceName: 'iPhone Authenticator', method: 'totp', verified: true });
    const status = await client.get('/auth/mfa/status');
    expect(status.data.verifiedMethods).toEqual(['totp', 'email']);
    expect(status.data.totpDevices).toEqual(devices.data);

    // 2.11.1 (speakeasy, window 1) has no replay protection: the code that confirmed the device signs in, twice.
    for (let attempt = 0; attempt < 2; attempt++) {
      const login = await client.post('/auth/mfa/verify', { method: 'totp', otp: code });
      expect(login.statusCode).toBe(200);
      expect(login.data).toMatchObject({ isRequiresMfa: false, message: '2FA verification successful' });
    }
    const used = (await client.get('/auth/mfa/devices')).data[0];
    expect(used.lastUsedAt).toBe(new Date(clock.now()).toISOString());
  });

  it('verify-totp-setup: an unknown secret is refused even with its correct code; a verified secret answers 200 again', async () => {
    const client = newClient();
    const invented = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const unknown = await client.post('/auth/mfa/verify-totp-setup', { otp: phoneCode(invented), secret: invented });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.data).toEqual(ERROR.SETUP_CODE_INVALID);
    expect((await client.get('/auth/mfa/devices')).data).toEqual([]);

    const { secret } = await enrolTotp(client);
    const again = await client.post('/auth/mfa/verify-totp-setup', { otp: notTheCode(secret), secret });
    expect(again.statusCode).toBe(200);
    expect(again.data).toEqual({ message: 'Device setup successfully' });
    expect((await client.get('/auth/mfa/devices')).data).toHaveLength(1);
  });

  it('setup-totp: label sets the authenticator account, deviceName names the device (a deviceName at verification is stripped); no body works too', async () => {
    const client = newClient();
    const labelled = await client.post('/auth/mfa/setup-totp', { label: 'ada@acme.com (Acme Corp)', deviceName: 'Work laptop' });
    expect(labelled.data.account).toBe('ada@acme.com (Acme Corp)');
    // speakeasy's URI: the label alone, as the legacy url.format leaves it.
    expect(labelled.data.otpAuthUrl).toBe(`otpauth://totp/ada@acme.com (Acme Corp)?secret=${labelled.data.secret}&issuer=Nest%20Auth&period=30`);
    const renamed = await client.post('/auth/mfa/verify-totp-setup', {
      otp: phoneCode(labelled.data.secret),
      secret: labelled.data.secret,
      deviceName: 'Renamed',
    });
    expect(renamed.statusCode).toBe(200);

    const bare = await client.post('/auth/mfa/setup-totp');
    expect(bare.statusCode).toBe(200);
    expect(bare.data.secret).not.toBe(labelled.data.secret);
    const devices: Array<{ deviceName: string; verified: boolean }> = (await client.get('/auth/mfa/devices')).data;
    // The verified, renamed device plus the new pending one with the default name.
    expect(devices).toHaveLength(2);
    expect(devices.find((d) => d.verified)?.deviceName).toBe('Work laptop');
    expect(devices.find((d) => !d.verified)?.deviceName).toBe('Nest Auth : ada@example.com');
  });
});

describe('nest-auth devices', () => {
  it('removing the verified device drops TOTP from status; an unknown id is a 404', async () => {
    const client = newClient('mfa-enabled');
    const [device] = (await client.get('/auth/mfa/devices')).data;
    expect(device).toMatchObject({ deviceName: 'Work laptop', verified: true });
    const removed = await client.del(`/auth/mfa/devices/${device.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.data).toEqual({ message: 'MFA device removed successfully' });
    expect((await client.get('/auth/mfa/devices')).data).toEqual([]);
    const status = await client.get('/auth/mfa/status');
    expect(status.data.totpDevices).toEqual([]);
    expect(status.data.verifiedMethods).toEqual(['email', 'sms']);
    // The device's authenticator no longer signs in.
    const login = await client.post('/auth/mfa/verify', { method: 'totp', otp: phoneCode(WORK_LAPTOP_SECRET) });
    expect(login.statusCode).toBe(401);

    for (const id of [device.id, '0d6f7a52-3e1b-4f0c-9b8a-7c6d5e4f3a21', 'some-device']) {
      const unknown = await client.del(`/auth/mfa/devices/${id}`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.data).toEqual(ERROR.MFA_DEVICE_NOT_FOUND);
    }
  });

  it('lists the most recently used device first', async () => {
    const client = newClient('mfa-enabled');
    await enrolTotp(client, { deviceName: 'Phone' });
    const names = async () => (await client.get('/auth/mfa/devices')).data.map((d: { deviceName: string }) => d.deviceName);
    // Neither used yet: newest first.
    expect(await names()).toEqual(['Phone', 'Work laptop']);
    const login = await client.post('/auth/mfa/verify', { method: 'totp', otp: phoneCode(WORK_LAPTOP_SECRET) });
    expect(login.statusCode).toBe(200);
    expect(await names()).toEqual(['Work laptop', 'Phone']);
  });
});

describe('nest-auth recovery code and reset-totp', () => {
  it('generate-recovery-code replaces the old codes with 10 new ones; reset-totp takes each once and removes TOTP devices', async () => {
    const client = newClient('mfa-enabled');
    const generated = await client.post('/auth/mfa/generate-recovery-code');
    expect(generated.statusCode).toBe(200);
    const { codes, code } = generated.data;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(code).toBe(codes[0]);
    expect(codes).not.toContain('sandbox-recovery-code-ada-0001');

    const old = await client.post('/auth/mfa/reset-totp', { code: 'sandbox-recovery-code-ada-0001' });
    expect(old.statusCode).toBe(401);
    expect(old.data).toEqual(ERROR.MFA_RECOVERY_CODE_INVALID);

    const reset = await client.post('/auth/mfa/reset-totp', { code });
    expect(reset.statusCode).toBe(200);
    expect(reset.data).toEqual({ message: 'MFA reset successfully' });
    const status = await client.get('/auth/mfa/status');
    // Nine codes of the batch are left.
    expect(status.data).toMatchObject({ totpDevices: [], hasRecoveryCode: true, isEnabled: true });
    expect(status.data.verifiedMethods).not.toContain('totp');

    const again = await client.post('/auth/mfa/reset-totp', { code });
    expect(again.statusCode).toBe(401);
    expect(again.data).toEqual(ERROR.MFA_RECOVERY_CODE_INVALID);
    expect((await client.post('/auth/mfa/reset-totp', { code: codes[1] })).statusCode).toBe(200);
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
    expect(wrong.data).toEqual(ERROR.VERIFICATION_CODE_INVALID);

    const verify = await client.post('/auth/mfa/verify', { method: 'email', otp: message.code, trustDevice: true });
    expect(verify.statusCode).toBe(200);
    expect(verify.data).toMatchObject({ isRequiresMfa: false, trustToken: expect.any(String), message: '2FA verification successful' });
    const { accessToken, refreshToken } = verify.data;
    expect(accessToken).not.toBe(refreshToken);

    const replay = await client.post('/auth/mfa/verify', { method: 'email', otp: message.code });
    expect(replay.statusCode).toBe(400);
    expect(replay.data).toEqual(ERROR.VERIFICATION_CODE_INVALID);

    const withNewToken = await client.get('/auth/mfa/status', { authorization: `Bearer ${accessToken}` });
    expect(withNewToken.statusCode).toBe(200);
    expect(withNewToken.data).toEqual(specExample('getMfaStatus', 200, 'notEnrolled'));
  });

  it('the user has one MFA code: a new challenge (any method) replaces it, and email or sms verify it alike', async () => {
    const client = newClient('mfa-enabled');
    await client.post('/auth/mfa/challenge', { method: 'email' });
    const [first] = await client.outbox();
    await client.post('/auth/mfa/challenge', { method: 'totp' });
    const replaced = await client.post('/auth/mfa/verify', { method: 'email', otp: first.code });
    expect(replaced.data).toEqual(ERROR.VERIFICATION_CODE_INVALID);
    await client.post('/auth/mfa/challenge', { method: 'email' });
    const [, second] = await client.outbox();
    expect((await client.post('/auth/mfa/verify', { method: 'sms', otp: second.code })).statusCode).toBe(200);
  });

  it('the fifth wrong code deletes the current one (otp.maxAttempts), so even the right code fails until a new challenge', async () => {
    const client = newClient('mfa-enabled');
    await client.post('/auth/mfa/challenge', { method: 'email' });
    const [sent] = await client.outbox();
    const wrong = sent.code === '000000' ? '000001' : '000000';
    for (let attempt = 1; attempt <= 4; attempt++)
      expect((await client.post('/auth/mfa/verify', { method: 'email', otp: wrong })).data).toEqual(ERROR.VERIFICATION_CODE_INVALID);
    const fifth = await client.post('/auth/mfa/verify', { method: 'email', otp: wrong });
    expect([fifth.statusCode, fifth.data.message]).toEqual([400, 'Too many invalid attempts. Please request a new verification code.']);
    expect((await client.post('/auth/mfa/verify', { method: 'email', otp: sent.code })).data).toEqual(ERROR.VERIFICATION_CODE_INVALID);
    // Four wrong codes leave the code alone; a new challenge starts the count again.
    await client.post('/auth/mfa/challenge', { method: 'email' });
    const [, fresh] = await client.outbox();
    for (let attempt = 1; attempt <= 4; attempt++) await client.post('/auth/mfa/verify', { method: 'email', otp: wrong === fresh.code ? '000002' : wrong });
    expect((await client.post('/auth/mfa/verify', { method: 'email', otp: fresh.code })).statusCode).toBe(200);
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

  it('challenge is not validated (2.11.1 serves it without a DTO): an unoffered, unknown or missing method is a 200 too', async () => {
    const client = newClient();
    for (const body of [{ method: 'sms' }, { method: 'carrier-pigeon' }, {}, { method: 5 }]) {
      const res = await client.post('/auth/mfa/challenge', body);
      expect(res.statusCode).toBe(200);
      expect(res.data).toEqual({ message: 'MFA code sent successfully' });
    }
    // Only the SMS challenge sent a code (Ada has no phone in this scenario, so it goes to her address).
    expect((await client.outbox()).map((message: { channel: string }) => message.channel)).toEqual(['sms']);
  });

  it('verify with the enrolled TOTP device: wrong code refused, right code accepted once, and a lastUsedAt recorded', async () => {
    const client = newClient('mfa-enabled');
    const wrong = await client.post('/auth/mfa/verify', { method: 'totp', otp: notTheCode(WORK_LAPTOP_SECRET) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.data).toEqual(ERROR.MFA_CODE_INVALID);
    const code = phoneCode(WORK_LAPTOP_SECRET);
    // rememberDevice (the 1.1.x name) is stripped as an unknown field, whatever its type.
    const ok = await client.post('/auth/mfa/verify', { method: 'totp', otp: code, trustDevice: true, rememberDevice: 'yes' });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.accessToken).toEqual(expect.any(String));
    const [device] = (await client.get('/auth/mfa/status')).data.totpDevices;
    expect(device.lastUsedAt).toBe(new Date(clock.now()).toISOString());
    // A code of any length is checked (2.11.1 validates no length), and an 8-digit one is simply not a TOTP code.
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

  it('an unknown token (bearer or cookie): 401 INVALID_TOKEN', async () => {
    const client = newClient();
    const attempts: Array<Record<string, string>> = [{ authorization: 'Bearer not-a-token' }, { cookie: 'accessToken=not-a-token' }];
    for (const headers of attempts) {
      const res = await client.get('/auth/mfa/devices', headers);
      expect(res.statusCode).toBe(401);
      expect(res.data).toEqual(ERROR.INVALID_TOKEN);
    }
  });

  it('the accessToken cookie is accepted, and the bearer header wins over it', async () => {
    const client = newClient();
    const cookie = await client.get('/auth/mfa/status', { cookie: `theme=dark; accessToken=${ADA_TOKEN}` });
    expect(cookie.statusCode).toBe(200);
    expect(cookie.data.configuredMethods).toEqual(['email', 'totp']);
    const both = await client.get('/auth/mfa/status', { authorization: 'Bearer not-a-token', cookie: `accessToken=${ADA_TOKEN}` });
    expect(both.statusCode).toBe(401);
    expect(both.data).toEqual(ERROR.INVALID_TOKEN);
  });
});

describe('nest-auth request validation (global ValidationPipe: whitelist, first class-validator message, no code)', () => {
  const expectRefused = (res: CheckedResponse, message: string) => {
    expect(res.statusCode).toBe(400);
    expect(res.isFault).toBe(false);
    expect(res.data).toEqual({ statusCode: 400, error: 'Bad Request', message });
  };

  it('refuses a missing or mistyped toggle field, strips an unknown one, and leaves the state alone', async () => {
    const client = newClient();
    expectRefused(await client.post('/auth/mfa/toggle', {}), 'enabled should not be null or undefined');
    expectRefused(await client.post('/auth/mfa/toggle', { enabled: null }), 'enabled should not be null or undefined');
    expectRefused(await client.post('/auth/mfa/toggle', { enabled: 'yes' }), 'enabled must be a boolean value');
    expectRefused(await client.post('/auth/mfa/toggle'), 'enabled should not be null or undefined');
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(false);
    const stripped = await client.post('/auth/mfa/toggle', { enabled: true, method: 'totp' });
    expect(stripped.statusCode).toBe(200);
  });

  it('malformed JSON is refused in JSON.parse words before the guard; another content type is read as no body', async () => {
    const client = newClient();
    expectRefused(await client.raw('/auth/mfa/toggle', '{"enabled":', 'application/json'), 'Unexpected end of JSON input');
    expectRefused(await client.raw('/auth/mfa/toggle', 'enabled=true', 'text/plain'), 'enabled should not be null or undefined');
    // A header that names no media type is one Express's body parser does not read either (Fastify's own 415 before).
    expectRefused(await client.raw('/auth/mfa/toggle', '{"enabled":true}', ';;;'), 'enabled should not be null or undefined');
    expectRefused(await client.raw('/auth/mfa/toggle', '{"enabled":true}', 'application/json, text/plain'), 'enabled should not be null or undefined');
    // Express's parser reads UTF only (a form: utf-8 only) and forms of at most 1,000 parameters: its own 415 and 413.
    const latin1 = await client.raw('/auth/mfa/toggle', '{"enabled":true}', 'application/json; charset=latin1');
    expect([latin1.statusCode, latin1.json()]).toEqual([415, { statusCode: 415, message: 'unsupported charset "LATIN1"' }]);
    expectRefused(await client.raw('/auth/mfa/toggle', '{}', 'application/json; charset=UTF-16'), 'enabled should not be null or undefined');
    const formInUtf8 = await client.raw('/auth/mfa/toggle', 'enabled=true', 'application/x-www-form-urlencoded; charset="utf8"');
    expect([formInUtf8.statusCode, formInUtf8.json()]).toEqual([415, { statusCode: 415, message: 'unsupported charset "UTF8"' }]);
    const pairs = (count: number) => Array.from({ length: count }, (_, index) => `p${index}=1`).join('&');
    expectRefused(await client.raw('/auth/mfa/toggle', pairs(1000), 'application/x-www-form-urlencoded'), 'enabled should not be null or undefined');
    const tooMany = await client.raw('/auth/mfa/toggle', pairs(1001), 'application/x-www-form-urlencoded');
    expect([tooMany.statusCode, tooMany.json()]).toEqual([413, { statusCode: 413, message: 'too many parameters' }]);
    // An array is no DTO: Nest's pipe validates a stand-in without fields, so it is told what {} is, or that an object
    // was expected where {} passes.
    expectRefused(await client.raw('/auth/mfa/toggle', '[{"enabled":true}]', 'application/json'), 'enabled should not be null or undefined');
    expectRefused(await client.raw('/auth/mfa/setup-totp', '[]', 'application/json'), 'Validation failed (object is expected)');
    const large = await client.raw('/auth/mfa/toggle', JSON.stringify({ enabled: true, padding: 'x'.repeat(102_400) }), 'application/json');
    expect([large.statusCode, large.json()]).toEqual([413, { statusCode: 413, message: 'request entity too large' }]);
    // Plain fields to Express's JSON.parse, which the pipe strips: the real 2.11.1 answers as without them (the
    // oracle's validation flow). Dropped here, never merged into anything.
    const protoBody = '{"enabled":false,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    const proto = await client.raw('/auth/mfa/toggle', protoBody, 'application/json');
    expect([proto.statusCode, proto.json()]).toEqual([200, { message: 'MFA disabled successfully' }]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(false);
    expect(await client.outbox()).toEqual([]);
  });

  it('a compressed body: inflated where Express inflates it (gzip, deflate, br), refused in its parser words otherwise', async () => {
    const client = newClient();
    const send = (contentEncoding: string, body: Buffer | string, contentType = 'application/json') =>
      sandbox.request({
        method: 'POST',
        url: '/nest-auth/auth/mfa/toggle',
        session: client.session,
        headers: { ...ADA, 'content-type': contentType, 'content-encoding': contentEncoding },
        payload: body,
      });
    const answer = (response: CheckedResponse) => [response.statusCode, response.json()];
    const json = '{"enabled":"yes"}';
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ] as const) {
      expectRefused(await send(encoding, compress(json)), 'enabled must be a boolean value');
    }
    const unsupported = (encoding: string) => [415, { statusCode: 415, message: `unsupported content encoding "${encoding}"` }];
    expect(answer(await send('zstd', json))).toEqual(unsupported('zstd'));
    expect(answer(await send('gzip, gzip', gzipSync(gzipSync(json))))).toEqual(unsupported('gzip, gzip'));
    // x-gzip, which other surfaces inflate as gzip: Express's body-parser 2 reads gzip, deflate and br only.
    expect(answer(await send('x-gzip', gzipSync(json)))).toEqual(unsupported('x-gzip'));
    expect(answer(await send('zstd', 'enabled=true', 'application/x-www-form-urlencoded'))).toEqual(unsupported('zstd'));
    // The charset is checked first; a body of a type the parser skips is never read, so neither is its encoding.
    expect(answer(await send('zstd', json, 'application/json; charset=latin1'))).toEqual([415, { statusCode: 415, message: 'unsupported charset "LATIN1"' }]);
    expectRefused(await send('zstd', json, 'text/plain'), 'enabled should not be null or undefined');
    // Bytes that are not what the encoding says: a 400 in zlib's words, without an `error` field.
    expect(answer(await send('gzip', json))).toEqual([400, { statusCode: 400, message: 'incorrect header check' }]);
    expect(answer(await send('gzip', gzipSync(json).subarray(0, 12)))).toEqual([400, { statusCode: 400, message: 'unexpected end of file' }]);
    expect(answer(await send('br', json))).toEqual([400, { statusCode: 400, message: 'Decompression failed' }]);
    // Over the sandbox's own --body-limit (1 MiB), sent plain or inflated from a few KB: the parser's 413, as over 100 KB.
    const huge = JSON.stringify({ enabled: true, padding: 'x'.repeat(DEFAULT_CONFIG.bodyLimitBytes) });
    const tooLarge = [413, { statusCode: 413, message: 'request entity too large' }];
    expect(answer(await send('identity', huge))).toEqual(tooLarge);
    expect(answer(await send('gzip', gzipSync(huge)))).toEqual(tooLarge);
    // A route that takes no body has no parser answer in the spec: such a body stays the sandbox's own fault there.
    const logout = await sandbox.request({
      method: 'POST',
      url: '/nest-auth/auth/logout-all',
      session: client.session,
      headers: { ...ADA, 'content-type': 'application/json', 'content-encoding': 'zstd' },
      payload: json,
    });
    expect([logout.statusCode, logout.isFault, logout.data.code]).toEqual([415, true, 'MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING']);
    // The journal tells why, as for any body the parser refuses.
    const journal = (await sandbox.app.inject({ url: `/__admin/sessions/${client.session}/journal?status=400` })).json();
    expect(journal.at(-1).explanation.message).toBe('the body could not be read: Decompression failed');
    expect((await client.get('/auth/mfa/status')).data.isEnabled).toBe(false);
  });

  it('verify: method first, then otp; no length rule on either OTP', async () => {
    const client = newClient();
    expectRefused(await client.post('/auth/mfa/verify', {}), 'method must be one of the following values: email, sms, totp');
    expectRefused(await client.post('/auth/mfa/verify', { method: 'whatsapp', otp: '123456' }), 'method must be one of the following values: email, sms, totp');
    expectRefused(await client.post('/auth/mfa/verify', { method: 'totp' }), 'otp should not be empty');
    expectRefused(await client.post('/auth/mfa/verify', { method: 'totp', otp: 123456 }), 'otp must be a string');
    expectRefused(await client.post('/auth/mfa/verify-totp-setup', { secret: WORK_LAPTOP_SECRET }), 'otp should not be empty');
    expectRefused(await client.post('/auth/mfa/verify-totp-setup', { otp: '123456' }), 'secret should not be empty');
    expect((await client.post('/auth/mfa/verify-totp-setup', { otp: '12345', secret: WORK_LAPTOP_SECRET })).data).toEqual(ERROR.SETUP_CODE_INVALID);
  });

  it('setup-totp lengths; reset-totp reads its code without validation', async () => {
    const client = newClient('mfa-enabled');
    expectRefused(await client.post('/auth/mfa/setup-totp', { label: 'x'.repeat(129) }), 'label must be shorter than or equal to 128 characters');
    expectRefused(await client.post('/auth/mfa/setup-totp', { deviceName: 5 }), 'deviceName must be shorter than or equal to 128 characters');
    for (const body of [{ code: '' }, {}, { code: 5 }]) expect((await client.post('/auth/mfa/reset-totp', body)).data).toEqual(ERROR.MFA_RECOVERY_CODE_INVALID);
    // Nothing changed: the device and the seeded recovery code are still there.
    const status = await client.get('/auth/mfa/status');
    expect(status.data.totpDevices).toHaveLength(1);
    expect(status.data.hasRecoveryCode).toBe(true);
  });
});

describe('nest-auth sign-in (POST /auth/login) and the pre-MFA session', () => {
  const LOGIN = { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } };

  it('a user with MFA on gets a pre-MFA token: refused (401 MFA_REQUIRED) on every route without @SkipMfa, accepted on the others', async () => {
    const client = newClient('mfa-enabled');
    const login = await client.post('/auth/login', LOGIN, {});
    expect(login.statusCode).toBe(200);
    expect(login.data).toMatchObject({ isRequiresMfa: true, mfaMethods: ['email', 'sms', 'totp'], defaultMfaMethod: 'email', message: 'Login successful' });
    const preMfa = { authorization: `Bearer ${login.data.accessToken}` };

    const guarded = [
      client.post('/auth/mfa/toggle', { enabled: false }, preMfa),
      client.post('/auth/mfa/setup-totp', {}, preMfa),
      client.post('/auth/mfa/verify-totp-setup', { otp: '123456', secret: WORK_LAPTOP_SECRET }, preMfa),
      client.post('/auth/mfa/generate-recovery-code', undefined, preMfa),
      client.del('/auth/mfa/devices/0d6f7a52-3e1b-4f0c-9b8a-7c6d5e4f3a21', preMfa),
    ];
    for (const res of await Promise.all(guarded)) {
      expect(res.statusCode).toBe(401);
      expect(res.data).toEqual(ERROR.MFA_REQUIRED);
    }
    expect((await client.get('/auth/mfa/status', preMfa)).statusCode).toBe(200);
    expect((await client.get('/auth/mfa/devices', preMfa)).statusCode).toBe(200);
    expect((await client.post('/auth/mfa/challenge', { method: 'email' }, preMfa)).statusCode).toBe(200);
    expect((await client.post('/auth/mfa/reset-totp', { code: 'wrong' }, preMfa)).data).toEqual(ERROR.MFA_RECOVERY_CODE_INVALID);

    // The MFA step turns it into a full session (the same session: its id stays); the scenario's fixed token was one all along.
    const verified = await client.post('/auth/mfa/verify', { method: 'totp', otp: phoneCode(WORK_LAPTOP_SECRET) }, preMfa);
    expect(verified.statusCode).toBe(200);
    const sessionIdOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sessionId;
    expect(sessionIdOf(verified.data.accessToken)).toBe(sessionIdOf(login.data.accessToken));
    const full = { authorization: `Bearer ${verified.data.accessToken}` };
    expect((await client.post('/auth/mfa/generate-recovery-code', undefined, full)).statusCode).toBe(200);
    expect((await client.post('/auth/mfa/generate-recovery-code')).statusCode).toBe(200);
  });

  it('a trusted device skips the MFA step for 7 days (trustedDeviceDuration); its cookie is read before the header', async () => {
    const client = newClient('mfa-enabled');
    const login = await client.post('/auth/login', LOGIN, {});
    const preMfa = { authorization: `Bearer ${login.data.accessToken}` };
    const verified = await client.post('/auth/mfa/verify', { method: 'totp', otp: phoneCode(WORK_LAPTOP_SECRET), trustDevice: true }, preMfa);
    const { trustToken } = verified.data;
    const signIn = async (headers: Record<string, string>) => (await client.post('/auth/login', LOGIN, headers)).data.isRequiresMfa;
    expect(await signIn({ nest_auth_device_trust: trustToken })).toBe(false);
    expect(await signIn({ cookie: `nest_auth_device_trust=${trustToken}` })).toBe(false);
    expect(await signIn({ cookie: `nest_auth_device_trust=${trustToken}`, nest_auth_device_trust: 'not-a-trust-token' })).toBe(false);
    expect(await signIn({ cookie: 'nest_auth_device_trust=not-a-trust-token', nest_auth_device_trust: trustToken })).toBe(true);
    const clock = (advanceMs: number) => sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${client.session}/clock`, payload: { advanceMs } });
    expect((await clock(7 * 24 * 3600_000 - 60_000)).statusCode).toBe(200);
    expect(await signIn({ nest_auth_device_trust: trustToken })).toBe(false);
    await clock(60_000);
    expect(await signIn({ nest_auth_device_trust: trustToken })).toBe(true);
  });

  it('in cookie token mode under a session prefix, the answer sets the session cookie and the token cookies', async () => {
    const login = await sandbox.app.inject({
      method: 'POST',
      url: '/s/cookie-prefix/nest-auth/auth/login',
      headers: { 'x-access-token-type': 'cookie' },
      payload: LOGIN,
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toEqual({ isRequiresMfa: false, message: 'Login successful' });
    const names = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((line) => line.split('=')[0]);
    expect(names).toEqual(['mfa-sandbox-session', 'accessToken', 'refreshToken', 'nest_auth_remember']);
  });

  it('logout ends the session of the token sent and clears the token cookies; without a session it still answers 200', async () => {
    const client = newClient();
    const login = await client.post('/auth/login', LOGIN, {});
    const signedIn = { authorization: `Bearer ${login.data.accessToken}` };
    const out = await client.post('/auth/logout', undefined, signedIn);
    expect([out.statusCode, out.data]).toEqual([200, { message: 'Logged out successfully' }]);
    expect(out.headers['set-cookie']).toEqual([
      'accessToken=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'refreshToken=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
    expect((await client.get('/auth/mfa/status', signedIn)).data).toEqual(ERROR.SESSION_NOT_FOUND);
    expect((await client.post('/auth/refresh-token', { refreshToken: login.data.refreshToken }, {})).data).toEqual(ERROR.SESSION_NOT_FOUND);
    expect((await client.get('/auth/mfa/status')).statusCode).toBe(200); // another session of the user is untouched
    // Authentication is optional: no token, an unknown one, or a user who is gone, and it is still a 200.
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Array<Record<string, string>>)
      expect((await client.post('/auth/logout', undefined, headers)).statusCode).toBe(200);
    expect((await newClient('missing-user').post('/auth/logout', undefined)).statusCode).toBe(200);
  });

  it("a sandbox access token of another session (or another sandbox's) finds no session here; a refresh token is no access token", async () => {
    const login = await newClient().post('/auth/login', LOGIN, {});
    const elsewhere = newClient();
    expect((await elsewhere.get('/auth/mfa/status', { authorization: `Bearer ${login.data.accessToken}` })).data).toEqual(ERROR.SESSION_NOT_FOUND);
    expect((await elsewhere.get('/auth/mfa/status', { authorization: `Bearer ${login.data.refreshToken}` })).data).toEqual(ERROR.INVALID_TOKEN);
  });

  it('verify-session names the session and its expiry, 30 days on the sandbox clock, renewed by a refresh; a scenario token has no session', async () => {
    const client = newClient();
    const login = await client.post('/auth/login', LOGIN, {});
    const signedIn = { authorization: `Bearer ${login.data.accessToken}` };
    const first = await client.get('/auth/verify-session', signedIn);
    expect(first.data).toEqual({ valid: true, userId: ADA_ID, expiresAt: new Date(clock.now() + 30 * 24 * 3600_000).toISOString() });
    clock.advance(60_000);
    expect((await client.post('/auth/refresh-token', { refreshToken: login.data.refreshToken }, {})).statusCode).toBe(200);
    expect((await client.get('/auth/verify-session', signedIn)).data.expiresAt).toBe(new Date(clock.now() + 30 * 24 * 3600_000).toISOString());
    expect((await client.get('/auth/verify-session')).data).toEqual({ valid: true, userId: ADA_ID });
  });

  it("an access token expires an hour after sign-in on the session's clock; a refresh gives a new one; the scenario's token never expires", async () => {
    const client = newClient();
    const login = await client.post('/auth/login', LOGIN, {});
    const signedIn = { authorization: `Bearer ${login.data.accessToken}` };
    // This session's clock only (the sandbox's would also forget sessions idle for the TTL); `exp` is in whole seconds.
    const advance = (advanceMs: number) => sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${client.session}/clock`, payload: { advanceMs } });
    const expiresAtMs = JSON.parse(Buffer.from(login.data.accessToken.split('.')[1], 'base64url').toString()).exp * 1000;
    expect(expiresAtMs - clock.now()).toBeGreaterThan(3599_000);
    await advance(expiresAtMs - clock.now() - 1);
    expect((await client.get('/auth/mfa/status', signedIn)).statusCode).toBe(200);
    await advance(1);
    const expired = await client.get('/auth/mfa/status', signedIn);
    expect(expired.data).toEqual(ERROR.INVALID_TOKEN);
    const refreshed = await client.post('/auth/refresh-token', { refreshToken: login.data.refreshToken }, {});
    expect((await client.get('/auth/mfa/status', { authorization: `Bearer ${refreshed.data.accessToken}` })).statusCode).toBe(200);
    expect((await client.get('/auth/mfa/status')).statusCode).toBe(200);
  });

  it('logout-all ends every session of the user, the scenario token too, and leaves other users signed in', async () => {
    const client = newClient();
    const first = await client.post('/auth/login', LOGIN, {});
    const second = await client.post('/auth/login', LOGIN, {});
    const out = await client.post('/auth/logout-all', undefined, { authorization: `Bearer ${second.data.accessToken}` });
    expect([out.statusCode, out.data]).toEqual([200, { message: 'Logged out from all devices successfully' }]);
    expect(out.headers['set-cookie']).toHaveLength(2);
    expect((await client.get('/auth/mfa/status', { authorization: `Bearer ${first.data.accessToken}` })).data).toEqual(ERROR.SESSION_NOT_FOUND);
    // The scenario's token stands for a session signed in before: ended, it is refused as an ended session's token is.
    expect((await client.get('/auth/mfa/status')).data).toEqual(ERROR.SESSION_NOT_FOUND);
    expect((await client.post('/auth/logout-all', undefined, {})).data).toEqual(ERROR.NO_AUTH_PROVIDED);
  });

  it("logout with the scenario's token ends it alone: SESSION_NOT_FOUND afterwards, explained, until the session is reset", async () => {
    const client = newClient();
    expect((await client.post('/auth/logout', undefined)).statusCode).toBe(200);
    const refused = await client.get('/auth/mfa/status', { ...ADA, prefer: 'explain' });
    expect(refused.data).toEqual(ERROR.SESSION_NOT_FOUND);
    expect(refused.headers['x-mock-explain']).toContain(`the scenario's token ${ADA_TOKEN} (user ${ADA_ID}) was signed out in this session`);
    expect(refused.headers['x-mock-explain']).toContain(`DELETE /__admin/sessions/${client.session})`);
    // A token the world never had is still INVALID_TOKEN; other users' scenario tokens still pass.
    expect((await client.get('/auth/mfa/status', { authorization: 'Bearer nest-auth-token-nobody' })).data).toEqual(ERROR.INVALID_TOKEN);
    const exported = (await sandbox.app.inject({ url: `/__admin/sessions/${client.session}/export` })).json();
    expect(Object.values(exported.session.worlds as Record<string, { signedOutTokens?: object }>).map((world) => world.signedOutTokens)).toContainEqual({
      [ADA_TOKEN]: ADA_ID,
    });
    expect((await sandbox.app.inject({ method: 'DELETE', url: `/__admin/sessions/${client.session}` })).statusCode).toBe(204);
    expect((await client.get('/auth/mfa/status')).statusCode).toBe(200);
  });

  it('a user without MFA gets a full session; wrong credentials and unknown providers are 401', async () => {
    const client = newClient();
    const login = await client.post('/auth/login', LOGIN, {});
    expect(login.data).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), isRequiresMfa: false, message: 'Login successful' });
    expect((await client.post('/auth/mfa/setup-totp', {}, { authorization: `Bearer ${login.data.accessToken}` })).statusCode).toBe(200);
    expect((await client.post('/auth/login', { ...LOGIN, credentials: { email: 'ada@example.com', password: 'nope' } }, {})).data.code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await client.post('/auth/login', { ...LOGIN, providerName: 'google' }, {})).data.code).toBe('INVALID_PROVIDER');
  });
});
