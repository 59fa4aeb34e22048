import { AuthClient, MemoryStorage, decodeJwt } from '@ackplus/nest-auth-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { createOperationValidators, type OperationValidators } from '../../src/openapi/schema-validators.js';
import { toRouteDefinitions } from '../../src/openapi/to-route-definitions.js';
import { authenticatorCode, secretFromOtpauthUrl, wrongCode } from '../harness/totp.js';

/**
 * The published @ackplus/nest-auth-client (v2.11.1), unchanged, against the sandbox over a real port: its default
 * endpoints (`/auth/mfa/*`), its FetchAdapter and its TokenManager. Served both ways a frontend would point it at the
 * mock: `serve --surface nest-auth` (base URL = the server) and all surfaces on one port (base URL = `/nest-auth`).
 * Every body the client hands back is also checked against specs/nest-auth.openapi.yaml here.
 */

const ADA_ID = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
const ADA_TOKEN = 'nest-auth-token-ada';

let validators: Map<string, OperationValidators>;
beforeAll(async () => {
  const spec = await loadSpec(DEFAULT_CONFIG.specsDir, 'nest-auth');
  validators = new Map(toRouteDefinitions(spec.api).map((route) => [route.operationId, createOperationValidators(route)]));
});

function withinSpec<T>(operationId: string, status: number, body: T): T {
  expect(validators.get(operationId)!.validateResponse(status, body), `${operationId} ${status}: ${JSON.stringify(body)}`).toEqual([]);
  return body;
}

/** A client as a frontend would hold one: the default FetchAdapter, tokens in storage (here memory, not localStorage). */
async function clientFor(baseUrl: string, accessToken?: string): Promise<AuthClient> {
  const storage = new MemoryStorage();
  if (accessToken) storage.set('access_token', accessToken);
  const client = new AuthClient({ baseUrl, storage, accessTokenType: 'header' });
  await client.ready();
  return client;
}

const modes = [
  { name: 'serve --surface nest-auth (base URL is the server)', options: { surface: 'nest-auth' as const }, path: '' },
  { name: 'all surfaces on one port (base URL is /nest-auth)', options: {}, path: '/nest-auth' },
];

describe.each(modes)('@ackplus/nest-auth-client 2.11.1 against $name', ({ options, path }) => {
  let sandbox: RunningSandbox;
  let baseUrl: string;

  beforeAll(async () => {
    sandbox = await createSandbox(options);
    baseUrl = `${sandbox.url}${path}`;
  });
  afterAll(async () => {
    await sandbox.close();
  });
  // The client sends no X-Mock-Session, so it runs in the "default" session: start each test from the scenario.
  beforeEach(() => sandbox.reset());

  async function adminLock(userId: string, locked: boolean): Promise<void> {
    const response = await fetch(`${sandbox.url}/__admin/sessions/default/users/${userId}/lock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locked }),
    });
    expect(response.status).toBe(200);
  }

  it('runs status, setup-totp, verify-totp-setup, devices, toggle, generate-recovery-code and reset-totp', async () => {
    const client = await clientFor(baseUrl, ADA_TOKEN);

    const before = withinSpec('getMfaStatus', 200, await client.getMfaStatus());
    expect(before).toMatchObject({
      isEnabled: false,
      verifiedMethods: ['email'],
      configuredMethods: ['email', 'totp'],
      totpDevices: [],
      hasRecoveryCode: false,
      canToggle: true,
    });

    const setup = withinSpec('setupTotp', 200, await client.setupTotp({ deviceName: 'Pixel 8' }));
    // What the authenticator app scans is the same secret the client is given.
    expect(secretFromOtpauthUrl(setup.otpAuthUrl)).toBe(setup.secret);
    expect(setup.qrCode).toMatch(/^data:image\/png;base64,/);

    // 2.11.1 answers a wrong setup code with 401 (the client classifies it as a rejected credential).
    await expect(client.verifyTotpSetup({ otp: wrongCode(setup.secret), secret: setup.secret })).rejects.toMatchObject({
      statusCode: 401,
      code: 'MFA_CODE_INVALID',
      message: 'Invalid OTP',
    });
    const verified = withinSpec('verifyTotpSetup', 200, await client.verifyTotpSetup({ otp: authenticatorCode(setup.secret), secret: setup.secret }));
    expect(verified).toEqual({ message: 'Device setup successfully' });

    const devices = withinSpec('listMfaDevices', 200, await client.listTotpDevices());
    expect(devices).toEqual([expect.objectContaining({ deviceName: 'Pixel 8', method: 'totp', verified: true, lastUsedAt: null })]);

    expect(withinSpec('toggleMfa', 200, await client.toggleMfa({ enabled: true }))).toEqual({ message: 'MFA enabled successfully' });
    const enabled = withinSpec('getMfaStatus', 200, await client.getMfaStatus());
    expect(enabled).toMatchObject({ isEnabled: true, verifiedMethods: ['totp', 'email'] });
    expect(enabled.totpDevices.map((device: { id: string }) => device.id)).toEqual([devices[0].id]);

    const generated = withinSpec('generateRecoveryCode', 200, await client.generateRecoveryCode());
    expect(generated.codes).toHaveLength(10);
    for (const recovery of generated.codes) expect(recovery).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(generated.code).toBe(generated.codes[0]);
    expect((await client.getMfaStatus()).hasRecoveryCode).toBe(true);

    await expect(client.resetMfa('not-the-code')).rejects.toMatchObject({ statusCode: 401, code: 'MFA_RECOVERY_CODE_INVALID' });
    expect(withinSpec('resetTotp', 200, await client.resetMfa(generated.codes[0]))).toEqual({ message: 'MFA reset successfully' });
    const after = withinSpec('getMfaStatus', 200, await client.getMfaStatus());
    // Nine codes of the batch are left, so the user still has a recovery code (as 2.11.1 reports).
    expect(after).toMatchObject({ totpDevices: [], hasRecoveryCode: true, verifiedMethods: ['email'] });
    // Each recovery code is single-use; the others still work.
    await expect(client.resetMfa(generated.codes[0])).rejects.toMatchObject({ statusCode: 401, code: 'MFA_RECOVERY_CODE_INVALID' });
    expect(withinSpec('resetTotp', 200, await client.resetMfa(generated.codes[1]))).toEqual({ message: 'MFA reset successfully' });
  });

  it('removes a device by id (DELETE with the client default JSON content type and no body); an unknown id is a 404', async () => {
    const client = await clientFor(baseUrl, ADA_TOKEN);
    const first = await client.setupTotp();
    await client.setupTotp({ deviceName: 'spare' });
    const devices = await client.listTotpDevices();
    expect(devices).toHaveLength(2);
    const spare = devices.find((device: { deviceName: string }) => device.deviceName === 'spare')!;
    expect(withinSpec('removeMfaDevice', 200, await client.removeTotpDevice(spare.id))).toEqual({ message: 'MFA device removed successfully' });
    const left = await client.listTotpDevices();
    expect(left).toHaveLength(1);
    expect(left[0].deviceName).toBe('Nest Auth : ada@example.com');
    expect(first.account).toBe('ada@example.com');
    await expect(client.removeTotpDevice(spare.id)).rejects.toMatchObject({ statusCode: 404, message: 'MFA device not found' });
  });

  it('getClientConfig: the public configuration, without credentials', async () => {
    const client = await clientFor(baseUrl);
    const config = withinSpec('getClientConfig', 200, await client.getClientConfig());
    expect(config).toMatchObject({ emailAuth: { enabled: true }, mfa: { enabled: true, methods: ['email', 'totp'] }, accessTokenType: 'header' });
  });

  /** Ada enrols a device, switches MFA on and keeps her recovery codes, with the scenario's fixed (full) token. */
  async function adaWithMfa(): Promise<{ secret: string; codes: string[] }> {
    const setup = await clientFor(baseUrl, ADA_TOKEN);
    const { secret } = await setup.setupTotp();
    await setup.verifyTotpSetup({ otp: authenticatorCode(secret), secret });
    await setup.toggleMfa({ enabled: true });
    const { codes } = await setup.generateRecoveryCode();
    return { secret, codes };
  }

  it('login with MFA on gives a pre-MFA session: refused where a full one is needed until verify2fa (TOTP) completes it', async () => {
    const { secret } = await adaWithMfa();
    const client = await clientFor(baseUrl);
    const login = withinSpec(
      'login',
      200,
      await client.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } }),
    );
    expect(login).toMatchObject({ isRequiresMfa: true, mfaMethods: ['email', 'totp'], defaultMfaMethod: 'email', message: 'Login successful' });
    // The client keeps the pre-MFA tokens for the MFA step but is not signed in yet.
    expect(client.getIsAuthenticated()).toBe(false);
    expect(withinSpec('getMfaStatus', 200, await client.getMfaStatus())).toMatchObject({ isEnabled: true });
    await expect(client.setupTotp()).rejects.toMatchObject({ statusCode: 401, code: 'MFA_REQUIRED' });
    await expect(client.verify2fa({ method: 'totp' as never, otp: wrongCode(secret) })).rejects.toMatchObject({
      statusCode: 401,
      code: 'MFA_CODE_INVALID',
      message: 'Invalid MFA code',
    });

    const verified = withinSpec('verifyMfa', 200, await client.verify2fa({ method: 'totp' as never, otp: authenticatorCode(secret) }));
    expect(verified).toMatchObject({ isRequiresMfa: false, message: '2FA verification successful' });
    expect(client.getIsAuthenticated()).toBe(true);
    expect(await client.getAccessToken()).toBe(verified.accessToken);
    expect(withinSpec('setupTotp', 200, await client.setupTotp({ deviceName: 'second' }))).toMatchObject({ account: 'ada@example.com' });
  });

  it('verifyRecoveryCode: a recovery code completes the sign-in once; wrong and reused codes are 401', async () => {
    const { codes } = await adaWithMfa();
    const client = await clientFor(baseUrl);
    await client.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } });
    await expect(client.verifyRecoveryCode({ code: 'not-a-recovery-code' })).rejects.toMatchObject({ statusCode: 401, code: 'MFA_RECOVERY_CODE_INVALID' });
    const verified = withinSpec('verifyRecoveryCode', 200, await client.verifyRecoveryCode({ code: codes[0]! }));
    expect(verified).toMatchObject({ isRequiresMfa: false, message: 'Recovery code verification successful' });
    expect(client.getIsAuthenticated()).toBe(true);
    expect(withinSpec('generateRecoveryCode', 200, await client.generateRecoveryCode()).codes).toHaveLength(10);

    const again = await clientFor(baseUrl);
    await again.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } });
    await expect(again.verifyRecoveryCode({ code: codes[0]! })).rejects.toMatchObject({ statusCode: 401, code: 'MFA_RECOVERY_CODE_INVALID' });
  });

  it('trustDevice: the trust token the client keeps lets its next login skip the MFA step', async () => {
    const { secret } = await adaWithMfa();
    const client = await clientFor(baseUrl);
    await client.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } });
    const verified = withinSpec('verifyMfa', 200, await client.verify2fa({ method: 'totp' as never, otp: authenticatorCode(secret), trustDevice: true }));
    expect(verified.trustToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const next = withinSpec(
      'login',
      200,
      await client.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } }),
    );
    expect(next).toMatchObject({ isRequiresMfa: false });
    expect(client.getIsAuthenticated()).toBe(true);
  });

  it('send2fa + verify2fa: the client stores JWT-shaped tokens, reads the user and expiry from them, and uses them', async () => {
    const client = await clientFor(baseUrl, ADA_TOKEN);
    expect(withinSpec('sendMfaChallenge', 200, await client.send2fa('email'))).toEqual({ message: 'MFA code sent successfully' });
    const [mail] = sandbox.outbox('nest-auth');
    expect(mail).toMatchObject({ to: 'ada@example.com', channel: 'email' });

    const response = withinSpec('verifyMfa', 200, await client.verify2fa({ method: 'email' as never, otp: mail!.code! }));
    expect(client.getIsAuthenticated()).toBe(true);
    expect(client.getSession()?.userId).toBe(ADA_ID);
    const expiresAt = client.getSession()!.expiresAt!.getTime();
    expect(expiresAt).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(client.getTokenState()).toMatchObject({ accessToken: response.accessToken, userId: ADA_ID });
    expect(decodeJwt(response.refreshToken)).toMatchObject({ sub: ADA_ID, type: 'refresh' });

    // The next call carries the issued token (not the scenario's) and it authenticates.
    expect(await client.getAccessToken()).toBe(response.accessToken);
    expect((await client.getMfaStatus()).isEnabled).toBe(false);
    // The code was single-use (2.11.1's OTP service: 400 VERIFICATION_CODE_INVALID).
    await expect(client.verify2fa({ method: 'email' as never, otp: mail!.code! })).rejects.toMatchObject({
      statusCode: 400,
      code: 'VERIFICATION_CODE_INVALID',
    });
  });

  it('JWT shape is not a credential: a forged token, a missing one and a deactivated user are rejected as 2.11.1 does', async () => {
    const issued = await clientFor(baseUrl, ADA_TOKEN);
    await issued.send2fa('email');
    const { accessToken } = await issued.verify2fa({ method: 'email' as never, otp: sandbox.outbox('nest-auth')[0]!.code! });
    // Same header and claims, but a signature (and so a token) the sandbox never issued.
    const forged = `${accessToken.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    await expect((await clientFor(baseUrl, forged)).getMfaStatus()).rejects.toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN', kind: 'rejected' });
    await expect((await clientFor(baseUrl)).getMfaStatus()).rejects.toMatchObject({ statusCode: 401, code: 'NO_AUTH_PROVIDED' });

    // The 401 makes the client refresh (autoRefresh); 2.11.1 ends the session of a deactivated user's refresh and the
    // client drops its tokens, so after the unlock it is signed out, as against the real server.
    await adminLock(ADA_ID, true);
    await expect(issued.getMfaStatus()).rejects.toMatchObject({ statusCode: 401, code: 'ACCOUNT_INACTIVE', message: 'User is not active', kind: 'rejected' });
    await adminLock(ADA_ID, false);
    await expect(issued.getMfaStatus()).rejects.toMatchObject({ statusCode: 401, code: 'NO_AUTH_PROVIDED', kind: 'rejected' });
    expect(await issued.getAccessToken()).toBeNull();
    expect((await (await clientFor(baseUrl, ADA_TOKEN)).getMfaStatus()).configuredMethods).toEqual(['email', 'totp']);
  });

  it("an hour later on the session's clock, the client refreshes on the expired token's 401 and goes on, as against 2.11.1", async () => {
    const client = await clientFor(baseUrl);
    await client.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } });
    const before = await client.getAccessToken();
    const moved = await fetch(`${sandbox.url}/__admin/sessions/default/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 3600_000 }),
    });
    expect(moved.status).toBe(200);
    expect((await client.getMfaStatus()).configuredMethods).toEqual(['email', 'totp']);
    expect(await client.getAccessToken()).not.toBe(before);
    const journal = (await (await fetch(`${sandbox.url}/__admin/sessions/default/journal`)).json()) as Array<{ operationId: string; status: number }>;
    expect(journal.map((entry) => `${entry.operationId}:${entry.status}`).slice(-3)).toEqual(['getMfaStatus:401', 'refreshToken:200', 'getMfaStatus:200']);
  });

  it('refresh, verifySession, getSessionUserData and logoutAll: the session lifecycle the client drives', async () => {
    const signIn = async () => {
      const client = await clientFor(baseUrl);
      await client.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } });
      return client;
    };
    const client = await signIn();
    const other = await signIn();
    expect(await client.verifySession()).toMatchObject({ valid: true, userId: ADA_ID, expiresAt: expect.any(String) });
    expect(await client.getSessionUserData()).toEqual({
      id: ADA_ID,
      email: 'ada@example.com',
      phone: null,
      emailVerifiedAt: null,
      phoneVerifiedAt: null,
      isMfaEnabled: false,
      metadata: {},
      mustChangePassword: false,
      roles: [],
      permissions: [],
    });

    // A new refresh token always (its jti); the access token is new unless it is the same second, as in 2.11.1.
    const before = client.getSession()?.refreshToken;
    expect(before).toEqual(expect.any(String));
    const refreshed = await client.refresh();
    expect(refreshed?.accessToken).toEqual(await client.getAccessToken());
    expect(refreshed?.refreshToken).not.toBe(before);
    expect(client.getSession()?.refreshToken).toBe(refreshed?.refreshToken);
    expect((await client.getMfaStatus()).configuredMethods).toEqual(['email', 'totp']);

    // logoutAll ends the other sign-in too: its request is a 401, its own refresh finds no session, it is signed out.
    expect(await client.logoutAll()).toEqual({ message: 'Logged out from all devices successfully' });
    expect(await client.getAccessToken()).toBeNull();
    expect(await other.verifySession()).toEqual({ valid: false });
    await expect(other.getMfaStatus()).rejects.toMatchObject({ statusCode: 401, kind: 'rejected' });
  });
});
