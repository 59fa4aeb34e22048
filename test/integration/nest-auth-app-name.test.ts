import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';

/**
 * nest-auth names the app in an authenticator from its module options: the TOTP issuer is `mfa.totp.issuer`, else
 * `appName` (the library's default `Nest Auth`), and a device set up without a name is `<appName> : <email>`. A scenario
 * plays a deployment's own with `policy.appName` and `policy.totpIssuer`; the real 2.11.1 server is compared with both
 * in test/oracle (flows app-name and totp-issuer). Here: the scenario file as a team writes it, over a real port.
 */

let dir: string;
let sandbox: RunningSandbox;

const ada = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-nest-auth-app-name-'));
  await mkdir(join(dir, 'nest-auth'));
  await mkdir(join(dir, 'flashback'));
  const user = '  users: [{ id: 4b3c9c9c-0000-4d1e-8d9f-00000000ada1, email: ada@acme.example, token: acme-token }]';
  await writeFile(join(dir, 'nest-auth', 'acme.yaml'), ['description: Acme names its app', 'world:', '  policy: { appName: Acme Corp }', user].join('\n'));
  await writeFile(
    join(dir, 'nest-auth', 'acme-issuer.yaml'),
    ['description: Acme names its issuer apart', 'world:', '  policy: { appName: Acme Corp, totpIssuer: Acme Auth }', user].join('\n'),
  );
  await writeFile(
    join(dir, 'flashback', 'named.yaml'),
    [
      'description: an appName where nothing reads it',
      'world:',
      '  policy: { appName: Acme Corp }',
      '  users: [{ id: usr_x, email: x@example.com, token: x-token }]',
    ].join('\n'),
  );
  sandbox = await createSandbox({ scenariosDir: dir });
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

async function setUpTotp(scenario: string, token: string) {
  const session = sandbox.session(`app-name-${scenario}`);
  session.useScenario(scenario, 'nest-auth');
  const headers = { ...ada(token), ...session.headers };
  const setup = await fetch(`${sandbox.url}/nest-auth/auth/mfa/setup-totp`, { method: 'POST', headers, body: '{}' });
  const devices = await fetch(`${sandbox.url}/nest-auth/auth/mfa/devices`, { headers });
  return {
    setup: (await setup.json()) as { issuer: string; otpAuthUrl: string; account: string },
    devices: (await devices.json()) as Array<{ deviceName: string }>,
  };
}

describe('nest-auth appName and TOTP issuer', () => {
  it("a scenario without them answers as the library's defaults: issuer and device name from `Nest Auth`", async () => {
    const { setup, devices } = await setUpTotp('default', 'nest-auth-token-ada');
    expect(setup.issuer).toBe('Nest Auth');
    expect(setup.otpAuthUrl).toMatch(/^otpauth:\/\/totp\/ada@example\.com\?secret=[A-Z2-7]+&issuer=Nest%20Auth&period=30$/);
    expect(devices.map((device) => device.deviceName)).toEqual(['Nest Auth : ada@example.com']);
  });

  it("policy.appName names the issuer and the device's default name", async () => {
    const { setup, devices } = await setUpTotp('acme', 'acme-token');
    expect(setup.issuer).toBe('Acme Corp');
    expect(setup.otpAuthUrl).toContain('&issuer=Acme%20Corp&');
    expect(devices.map((device) => device.deviceName)).toEqual(['Acme Corp : ada@acme.example']);
  });

  it('policy.totpIssuer wins for the issuer; the device name keeps the appName', async () => {
    const { setup, devices } = await setUpTotp('acme-issuer', 'acme-token');
    expect(setup.issuer).toBe('Acme Auth');
    expect(setup.otpAuthUrl).toContain('&issuer=Acme%20Auth&');
    expect(devices.map((device) => device.deviceName)).toEqual(['Acme Corp : ada@acme.example']);
  });

  it('another vendor warns that it never reads policy.appName', () => {
    expect(sandbox.warnings).toEqual([
      expect.stringMatching(
        /flashback[/\\]named\.yaml:\d+:\d+: \/world\/policy\/appName: flashback never reads policy\.appName, so it changes nothing: only nest-auth/,
      ),
    ]);
  });
});
