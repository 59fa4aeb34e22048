import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { createControlledClock } from '../../src/engine/clock.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * A session's state is readable without a vendor request first: right after a scenario switch, the admin API shows the
 * new scenario's worlds and authenticator codes; a session id never used before reads as the server's default
 * scenario (and exists from then on, as after a first vendor request).
 */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10)); // codes read are exactly the authenticator's
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({}, { clock });
});
afterAll(() => sandbox?.close());

const ADA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // every surface's mfa-enabled scenario
const ALL_SURFACES = [...SURFACE_IDS];

const admin = (method: 'GET' | 'PUT', url: string, payload?: object) => sandbox.app.inject({ method, url: `/__admin${url}`, ...(payload ? { payload } : {}) });

describe('reading a session through the admin API', () => {
  it('right after PUT .../scenario, the state and codes of the new scenario are there, with no vendor request sent', async () => {
    const session = 'read-after-switch';
    const put = await admin('PUT', `/sessions/${session}/scenario`, { scenario: 'mfa-enabled' });
    expect(put.json().surfaces).toEqual(ALL_SURFACES);

    const state = (await admin('GET', `/sessions/${session}`)).json();
    expect(Object.keys(state.worlds).sort()).toEqual(ALL_SURFACES.map((surface) => `${surface}/mfa-enabled`).sort());
    const ada = state.worlds['flashback/mfa-enabled'].users.usr_ada;
    expect(ada).toMatchObject({ mfaEnabled: true, primaryMethod: 'totp' });
    expect(ada.factors.map((factor: { kind: string }) => factor.kind)).toEqual(['totp', 'passkey']);

    const codes = (await admin('GET', `/sessions/${session}/totp-codes`)).json<Array<{ surface: string; scenario: string; status: string; code: string }>>();
    expect(codes.map((entry) => `${entry.surface}/${entry.scenario}:${entry.status}`).sort()).toEqual(
      ALL_SURFACES.map((surface) => `${surface}/mfa-enabled:enrolled`).sort(),
    );
    for (const entry of codes) expect(entry.code).toBe(authenticatorCode(ADA_SECRET, 0, clock.now()));
    expect((await admin('GET', `/sessions/${session}/journal`)).json()).toEqual([]);

    // The world read is the one the next vendor request meets: the listed code signs Ada in.
    const flashbackCode = codes.find((entry) => entry.surface === 'flashback')!.code;
    const login = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/verify-login',
      session,
      headers: { authorization: 'Bearer flashback-token-ada' },
      payload: { mfaType: 'GOOGLE_AUTH', code: flashbackCode },
    });
    expect(login.statusCode).toBe(200);
  });

  it('switching again starts the scenario fresh and shows it at once', async () => {
    const session = 'read-after-second-switch';
    await admin('PUT', `/sessions/${session}/scenario`, { scenario: 'mfa-enabled', surface: 'flashback' });
    await admin('PUT', `/sessions/${session}/users/usr_ada/lock`, { locked: true, surface: 'flashback' });
    expect((await admin('GET', `/sessions/${session}`)).json().worlds['flashback/mfa-enabled'].users.usr_ada.locked).toBe(true);

    await admin('PUT', `/sessions/${session}/scenario`, { scenario: 'org-enforced', surface: 'flashback' });
    const state = (await admin('GET', `/sessions/${session}`)).json();
    expect(state.scenarios).toEqual({ flashback: 'org-enforced' });
    expect(state.worlds['flashback/org-enforced'].org).toMatchObject({ mfaEnforced: true });
    expect(Object.keys(state.worlds)).toContain('nest-auth/default'); // the other surfaces' current worlds

    await admin('PUT', `/sessions/${session}/scenario`, { scenario: 'mfa-enabled', surface: 'flashback' });
    expect((await admin('GET', `/sessions/${session}`)).json().worlds['flashback/mfa-enabled'].users.usr_ada.locked).toBe(false);
  });

  it('a session id never used before reads as the default scenario of every surface, and exists from then on', async () => {
    const session = 'never-used-before';
    expect((await admin('GET', '/sessions')).json().map((entry: { id: string }) => entry.id)).not.toContain(session);

    const read = await admin('GET', `/sessions/${session}`);
    expect(read.statusCode).toBe(200);
    const state = read.json();
    expect(state).toMatchObject({ id: session, defaultScenario: 'default', scenarios: {} });
    expect(Object.keys(state.worlds).sort()).toEqual(ALL_SURFACES.map((surface) => `${surface}/default`).sort());
    expect(Object.keys(state.worlds['flashback/default'].users).sort()).toEqual(['usr_ada', 'usr_bob']);
    expect((await admin('GET', `/sessions/${session}/totp-codes`)).json()).toEqual([]);
    expect((await admin('GET', `/sessions/${session}/outbox`)).json()).toEqual([]);

    expect((await admin('GET', '/sessions')).json()).toContainEqual(expect.objectContaining({ id: session, requests: 0 }));
    // What was read is what the first vendor request meets.
    const status = await sandbox.request({ url: '/flashback/mfa/status', session, headers: { authorization: 'Bearer flashback-token-ada' } });
    expect(status.data.data).toMatchObject({ isEnabled: false, enabledMethods: [] });
  });

  it('with a server-wide --scenario, a new session reads as that scenario', async () => {
    const enabled = await createTestSandbox({ scenario: 'mfa-enabled' });
    try {
      const state = (await enabled.app.inject({ url: '/__admin/sessions/fresh' })).json();
      expect(state.defaultScenario).toBe('mfa-enabled');
      expect(state.worlds['flashback/mfa-enabled'].users.usr_ada.mfaEnabled).toBe(true);
      const codes = (await enabled.app.inject({ url: '/__admin/sessions/fresh/totp-codes' })).json();
      expect(codes).toHaveLength(ALL_SURFACES.length);
    } finally {
      await enabled.close();
    }
  });
});
