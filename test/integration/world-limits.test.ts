import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORLD_LIMITS } from '../../src/engine/world-limits.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * A session in use for hours keeps only the newest of what it hands out (src/engine/world-limits.ts): a soak test
 * found every magic link, code, message and sign-in token of a busy session kept for good (a 15 MB export after 12
 * minutes of MFA flows). Here one session goes past each limit through the vendor API, as a CI fleet would.
 */

const FLASHBACK_ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
const NEST_LOGIN = { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } };

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('a busy session keeps the newest of what it hands out', () => {
  it(`magic links and their e-mails: the newest ${WORLD_LIMITS.outbox} messages and links; an older link reads as one never issued`, async () => {
    const session = 'busy-links';
    const sends = WORLD_LIMITS.outbox + 5;
    const readOutbox = async () => (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json<Array<{ seq: number; link: string }>>();
    let firstLink = '';
    for (let sent = 0; sent < sends; sent++) {
      const response = await sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', headers: FLASHBACK_ADA, payload: {}, session });
      expect(response.statusCode).toBe(200);
      if (sent === 0) firstLink = (await readOutbox())[0]!.link;
    }
    const outbox = await readOutbox();
    expect(outbox).toHaveLength(WORLD_LIMITS.outbox);
    // Numbers go on: the newest message is the last one sent, and the oldest kept is the sixth.
    expect([outbox[0]!.seq, outbox.at(-1)!.seq]).toEqual([6, sends]);
    const path = (link: string) => new URL(link).pathname;
    expect((await sandbox.app.inject({ url: path(outbox.at(-1)!.link) })).statusCode).toBe(200);
    // The forgotten link reads as one never issued.
    const forgotten = await sandbox.app.inject({ url: path(firstLink) });
    const neverIssued = await sandbox.app.inject({ url: `/__admin/sessions/${session}/magic-links/never-issued` });
    expect([forgotten.statusCode, forgotten.body.replace(path(firstLink).split('/').at(-1)!, '<token>')]).toEqual([
      neverIssued.statusCode,
      neverIssued.body.replace('never-issued', '<token>'),
    ]);
    expect(forgotten.statusCode).toBe(400);
    const world = (await sandbox.app.inject({ url: `/__admin/sessions/${session}` })).json<{ worlds: Record<string, { magicLinks: object }> }>();
    expect(Object.keys(Object.values(world.worlds)[0]!.magicLinks)).toHaveLength(WORLD_LIMITS.magicLinks);
  });

  it(`sign-in tokens and sessions: the newest ${WORLD_LIMITS.issuedTokens} stay valid; the oldest is then refused, its session gone`, async () => {
    const client = (headers: Record<string, string>, url: string, payload?: object) =>
      sandbox.request({ method: payload ? 'POST' : 'GET', url: `/nest-auth${url}`, headers, ...(payload ? { payload } : {}), session: 'busy-tokens' });
    const tokens: string[] = [];
    const refreshTokens: string[] = [];
    for (let login = 0; login <= WORLD_LIMITS.issuedTokens; login++) {
      const { data } = await client({}, '/auth/login', NEST_LOGIN);
      tokens.push(data.accessToken);
      refreshTokens.push(data.refreshToken);
    }
    const world = (await sandbox.app.inject({ url: '/__admin/sessions/busy-tokens' })).json<{ worlds: Record<string, { signInSessions: object }> }>();
    expect(Object.keys(Object.values(world.worlds)[0]!.signInSessions)).toHaveLength(WORLD_LIMITS.signInSessions);
    const status = async (token: string) => (await client({ authorization: `Bearer ${token}` }, '/auth/mfa/status')).statusCode;
    expect(await status(tokens.at(-1)!)).toBe(200);
    expect(await status(tokens[1]!)).toBe(200);
    expect(await status(tokens[0]!)).toBe(401);
    // The scenario's own token is no sign-in's: it never falls out.
    expect(await status('nest-auth-token-ada')).toBe(200);
    // The oldest session fell out with its token: its refresh finds none (last: a refresh issues one more token).
    const refresh = async (refreshToken: string) => (await client({}, '/auth/refresh-token', { refreshToken })).data.message;
    expect([await refresh(refreshTokens[0]!), await refresh(refreshTokens.at(-1)!)]).toEqual(['Session not found', 'Token refreshed successfully']);
  });

  it(`trusted devices: the newest ${WORLD_LIMITS.trustedDevices} skip the MFA step; the oldest then needs it again`, async () => {
    const session = 'busy-devices';
    const send = (url: string, payload: object, headers: Record<string, string> = { authorization: 'Bearer nest-auth-token-ada' }) =>
      sandbox.request({ method: 'POST', url: `/nest-auth${url}`, headers, payload, session, scenario: 'mfa-enabled' });
    const trusted: string[] = [];
    for (let device = 0; device <= WORLD_LIMITS.trustedDevices; device++) {
      await send('/auth/mfa/challenge', { method: 'email' });
      const code = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox?limit=1` })).json<Array<{ code: string }>>()[0]!.code;
      trusted.push((await send('/auth/mfa/verify', { method: 'email', otp: code, trustDevice: true })).data.trustToken);
    }
    const needsMfa = async (token: string) => (await send('/auth/login', NEST_LOGIN, { nest_auth_device_trust: token })).data.isRequiresMfa;
    expect(await needsMfa(trusted.at(-1)!)).toBe(false);
    expect(await needsMfa(trusted[1]!)).toBe(false);
    expect(await needsMfa(trusted[0]!)).toBe(true);
  });
});

describe('an imported session file', () => {
  it('is brought within the limits as it lands: the newest messages and tokens are kept, an older token is refused', async () => {
    // A file holding more than a world keeps, as one from before the limits (or written by hand) can.
    const send = () => sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', headers: FLASHBACK_ADA, payload: {}, session: 'over-limits' });
    expect((await send()).statusCode).toBe(200);
    const file = (await sandbox.app.inject({ url: '/__admin/sessions/over-limits/export' })).json<{
      session: { worlds: Record<string, { outbox: Array<{ id: string; seq: number }>; tokens: Record<string, string>; mfaVerifiedTokens: string[] }> };
    }>();
    const world = Object.values(file.session.worlds).find((candidate) => candidate.outbox.length > 0)!;
    const [message] = world.outbox;
    const extra = WORLD_LIMITS.outbox + 5;
    world.outbox = Array.from({ length: extra }, (_, index) => ({ ...message!, id: `msg_${index}`, seq: index + 1 }));
    world.mfaVerifiedTokens = Array.from({ length: WORLD_LIMITS.issuedTokens + 1 }, (_, index) => `imported-token-${index}`);
    for (const token of world.mfaVerifiedTokens) world.tokens[token] = 'usr_ada';
    const imported = await sandbox.app.inject({ method: 'POST', url: '/__admin/sessions/imported/import', payload: file });
    expect(imported.statusCode, imported.body).toBe(200);

    // Read at once, before any request could trim it.
    const outbox = (await sandbox.app.inject({ url: '/__admin/sessions/imported/outbox' })).json<Array<{ seq: number }>>();
    expect([outbox.length, outbox[0]!.seq, outbox.at(-1)!.seq]).toEqual([WORLD_LIMITS.outbox, 6, extra]);
    const status = async (token: string) =>
      (await sandbox.request({ url: '/flashback/mfa/status', headers: { authorization: `Bearer ${token}` }, session: 'imported' })).statusCode;
    expect([await status(`imported-token-${WORLD_LIMITS.issuedTokens}`), await status('imported-token-1'), await status('imported-token-0')]).toEqual([
      200, 200, 401,
    ]);
  });
});
