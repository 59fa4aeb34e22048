import { AuthClient, MemoryStorage } from '@ackplus/nest-auth-client';
import { ManagementClient } from 'authing-node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { authenticatorCode } from '../harness/totp.js';
import { GENAUTH_ACCESS_KEY } from '../harness/genauth-signer.js';

/**
 * The vendors' own published clients, unchanged, can set no sandbox header; two of each run side by side in two
 * sessions with different scenarios, chosen by nothing but the base URL each is given (`/s/<session>/...`), over a
 * real port. Each sees its own scenario's answers, and what one writes the other never sees.
 */

const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';
const NEST_ADA_TOKEN = 'nest-auth-token-ada';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const journalOf = async (session: string) =>
  (await (await fetch(`${sandbox.url}/__admin/sessions/${session}/journal`)).json()) as Array<{ sessionFrom: string; scenario: string }>;

describe('authing-node-sdk 4.0.1 (ManagementClient, AK/SK-signed requests)', () => {
  const clientFor = (host: string) =>
    new ManagementClient({ accessKeyId: GENAUTH_ACCESS_KEY.id, accessKeySecret: GENAUTH_ACCESS_KEY.secret, host, timeout: 10_000 });

  it('runs two sessions with different scenarios in parallel by base URL alone', async () => {
    // Constructed one after the other: the SDK sets axios' global default base URL, and each client copies it.
    const plain = clientFor(`${sandbox.url}/s/sdk-genauth-a/genauth`);
    const enabled = clientFor(`${sandbox.url}/s/sdk-genauth-b/scenario/mfa-enabled/genauth`);

    const [plainInfo, enabledInfo] = await Promise.all([plain.getUserMfaInfo({ userId: GENAUTH_USER }), enabled.getUserMfaInfo({ userId: GENAUTH_USER })]);
    expect(plainInfo).toMatchObject({ statusCode: 200, data: { totpStatus: 'disabled', faceMfaStatus: 'disabled' } });
    expect(enabledInfo).toMatchObject({ statusCode: 200, data: { totpStatus: 'enabled', faceMfaStatus: 'enabled' } });

    // A write through one client stays in its session.
    const [updated, untouched] = await Promise.all([plain.updateGlobalMfaSettings({ enabledFactors: ['OTP', 'SMS'] }), enabled.getGlobalMfaSettings()]);
    expect(updated).toMatchObject({ statusCode: 200 });
    expect([...(untouched as { data: { enabledFactors: string[] } }).data.enabledFactors].sort()).toEqual(['EMAIL', 'OTP']);
    const [plainAfter, enabledAfter] = await Promise.all([plain.getGlobalMfaSettings(), enabled.getGlobalMfaSettings()]);
    // update-global-mfa-settings turns factors on: the default scenario's EMAIL stays on.
    expect([...(plainAfter as { data: { enabledFactors: string[] } }).data.enabledFactors].sort()).toEqual(['EMAIL', 'OTP', 'SMS']);
    expect([...(enabledAfter as { data: { enabledFactors: string[] } }).data.enabledFactors].sort()).toEqual(['EMAIL', 'OTP']);

    // The signatures were checked (a refused one is a GenAuth 401 envelope, not these answers), and each request
    // landed in its own session by its path.
    expect((await journalOf('sdk-genauth-a')).map((entry) => `${entry.sessionFrom}:${entry.scenario}`)).toEqual(Array(3).fill('path:default'));
    expect((await journalOf('sdk-genauth-b')).map((entry) => `${entry.sessionFrom}:${entry.scenario}`)).toEqual(Array(3).fill('path:mfa-enabled'));
    expect(await journalOf('default')).toEqual([]);
  });
});

describe('@ackplus/nest-auth-client 2.11.1 (AuthClient, its FetchAdapter)', () => {
  async function clientFor(baseUrl: string): Promise<AuthClient> {
    const storage = new MemoryStorage();
    storage.set('access_token', NEST_ADA_TOKEN);
    const client = new AuthClient({ baseUrl, storage, accessTokenType: 'header' });
    await client.ready();
    return client;
  }

  it('runs two sessions with different scenarios in parallel by base URL alone', async () => {
    // createSandbox() hands out the prefix of a session, for exactly this.
    const { pathPrefix } = sandbox.session('sdk-nest-a');
    expect(pathPrefix).toBe('/s/sdk-nest-a');
    const [plain, enforced] = await Promise.all([
      clientFor(`${sandbox.url}${pathPrefix}/nest-auth`),
      clientFor(`${sandbox.url}/s/sdk-nest-b/scenario/mfa-enabled/nest-auth`),
    ]);
    const [plainStatus, enabledStatus] = await Promise.all([plain.getMfaStatus(), enforced.getMfaStatus()]);
    expect(plainStatus).toMatchObject({ isEnabled: false, totpDevices: [] });
    expect(enabledStatus).toMatchObject({ isEnabled: true });
    const enabledDevices = await enforced.listTotpDevices();

    // Ada enrols an authenticator through one client while the other reads: the enrolment stays in its session.
    const setup = await plain.setupTotp({ deviceName: 'Pixel 8' });
    const [verified, devicesMeanwhile] = await Promise.all([
      plain.verifyTotpSetup({ otp: authenticatorCode(setup.secret), secret: setup.secret }),
      enforced.listTotpDevices(),
    ]);
    expect(verified).toEqual({ message: 'Device setup successfully' });
    expect(devicesMeanwhile).toEqual(enabledDevices);
    expect((await plain.listTotpDevices()).map((device: { deviceName: string }) => device.deviceName)).toEqual(['Pixel 8']);
    expect(await enforced.listTotpDevices()).toEqual(enabledDevices);
    // Nor does it reach the default session, which a client without a prefix would use.
    const unprefixed = await clientFor(`${sandbox.url}/nest-auth`);
    expect(await unprefixed.listTotpDevices()).toEqual([]);
  });
});
