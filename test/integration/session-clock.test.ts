import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type SandboxSession } from '../../src/index.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * A session's own clock (PUT /__admin/sessions/{id}/clock, `session.clock`): QA freezes or moves one session's time
 * to reproduce a TOTP code from another window, an expired magic link or a GenAuth timestamp outside the skew, while
 * every other session stays on the sandbox's clock. The sandbox runs on the wall clock here; the sessions' times are
 * months away from it, so a check that read the wall clock (or another session's time) would fail.
 */

const STEP_MS = 30_000;
/** 10 s into a TOTP step, long before any run of these tests. */
const SESSION_TIME = Date.UTC(2026, 0, 1, 9, 0, 10);
const ADA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // Ada's enrolled device in every mfa-enabled scenario
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

let sandbox: RunningSandbox;
let counter = 0;
const newSession = () => sandbox.session(`session-clock-${++counter}`);

beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function admin(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/__admin${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const setClock = (session: SandboxSession, body: unknown) => admin('PUT', `/sessions/${session.id}/clock`, body);

async function flashback(session: SandboxSession, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/flashback${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...ADA, ...session.headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return response.status;
}

const verifyLogin = (session: SandboxSession, code: string) => flashback(session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code });

describe('the admin API freezes and moves one session’s time', () => {
  it("a TOTP code of the session's time verifies there and nowhere else; three steps on it is refused, and back it verifies", async () => {
    const frozen = newSession();
    const onSandboxTime = newSession();
    for (const session of [frozen, onSandboxTime]) session.useScenario('mfa-enabled', 'flashback');
    expect(await setClock(frozen, { at: new Date(SESSION_TIME).toISOString(), frozen: true })).toMatchObject({
      status: 200,
      body: { session: frozen.id, now: new Date(SESSION_TIME).toISOString(), nowMs: SESSION_TIME, frozen: true },
    });
    const code = authenticatorCode(ADA_SECRET, 0, SESSION_TIME);
    expect((await admin('GET', `/sessions/${frozen.id}/totp-codes`)).body).toEqual(expect.arrayContaining([expect.objectContaining({ code })]));

    expect(await verifyLogin(onSandboxTime, code), 'the other session is on the sandbox’s time').toBe(400);
    expect((await setClock(frozen, { advanceMs: 3 * STEP_MS })).body).toMatchObject({ nowMs: SESSION_TIME + 3 * STEP_MS, frozen: true });
    expect(await verifyLogin(frozen, code), 'three steps later, past the two-step drift window').toBe(400);
    await setClock(frozen, { advanceMs: -3 * STEP_MS });
    expect(await verifyLogin(frozen, code)).toBe(200);
  });

  it('a magic link expires on its session’s time: 10 minutes on in one session, still good in another', async () => {
    const movedOn = newSession();
    const onSandboxTime = newSession();
    for (const session of [movedOn, onSandboxTime]) expect(await flashback(session, '/mfa/magic-link/send', {})).toBe(200);
    expect((await setClock(movedOn, { advanceMs: 10 * 60_000 + 1_000 })).body).toMatchObject({ frozen: false });
    expect(await flashback(movedOn, '/mfa/magic-link/activate', { token: movedOn.outbox('flashback')[0]!.token })).toBe(400);
    expect(await flashback(onSandboxTime, '/mfa/magic-link/activate', { token: onSandboxTime.outbox('flashback')[0]!.token })).toBe(200);
  });

  it("an e-mailed code expires on its session's time: Lerian's 10 minutes, refused 10 minutes on, kept in another session", async () => {
    const johnId = '019c96a0-0c21-71f9-a487-66a1258278a1';
    const lerian = (session: SandboxSession, path: string, body: unknown) =>
      fetch(`${sandbox.url}/lerian/v1/users/${johnId}/mfa${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer lerian-token-johndoe', 'content-type': 'application/json', ...session.headers },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    const movedOn = newSession();
    const onSandboxTime = newSession();
    for (const session of [movedOn, onSandboxTime]) expect((await lerian(session, '/setup', { mfaType: 'email' })).status).toBe(200);
    await setClock(movedOn, { advanceMs: 10 * 60_000 + 1_000 });
    const codeOf = (session: SandboxSession) => session.outbox('lerian').at(-1)!.code!;
    expect((await lerian(movedOn, '/verify', { mfaType: 'email', passcode: codeOf(movedOn) })).body).toEqual({ verified: false });
    expect((await lerian(onSandboxTime, '/verify', { mfaType: 'email', passcode: codeOf(onSandboxTime) })).body).toEqual({ verified: true });
  });

  it("GenAuth's date skew is measured against the session's time: a request signed now is refused 16 minutes ahead", async () => {
    const apiCode = async (session: SandboxSession, prefer?: string) => {
      const query = { userId: '6229ffaxxxxxxxxcade3e3d9', userIdType: 'user_id' };
      const headers = signGenAuthRequest({
        method: 'GET',
        path: '/api/v3/get-mfa-status',
        fields: query,
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
        date: String(Date.now()),
      });
      const response = await fetch(`${sandbox.url}/genauth/api/v3/get-mfa-status?${new URLSearchParams(query).toString()}`, {
        headers: { ...headers, ...session.headers, ...(prefer ? { prefer } : {}) },
      });
      if (prefer) return JSON.parse(response.headers.get('x-mock-explain') ?? '{}') as { message?: string };
      return ((await response.json()) as { apiCode?: number }).apiCode ?? 0;
    };
    const ahead = newSession();
    await setClock(ahead, { offsetMs: 16 * 60_000 });
    expect(await apiCode(ahead)).toBe(1305);
    // Said of the session's clock, which it is measured against (it named the sandbox's: a Python tour).
    expect(await apiCode(ahead, 'explain')).toMatchObject({ message: expect.stringMatching(/^the date is more than 15 minutes from the session's clock \(/) });
    expect(await apiCode(newSession())).toBe(0);
    await setClock(ahead, { offsetMs: 0 });
    expect(await apiCode(ahead)).toBe(0);
  });

  it('DELETE puts the session back on the sandbox’s clock, and so does a reset of the session', async () => {
    const session = newSession();
    await setClock(session, { at: SESSION_TIME, frozen: true });
    const back = await admin('DELETE', `/sessions/${session.id}/clock`);
    expect(back.body).toMatchObject({ frozen: false, offsetMs: 0 });
    expect(Math.abs((back.body.nowMs as number) - Date.now())).toBeLessThan(5_000);

    await setClock(session, { at: SESSION_TIME, frozen: true });
    await fetch(`${sandbox.url}/__admin/sessions/${session.id}`, { method: 'DELETE' });
    expect((await admin('GET', `/sessions/${session.id}/clock`)).body).toMatchObject({ frozen: false, offsetMs: 0 });
  });

  it('a running session clock moves with real time from where it was set', async () => {
    const session = newSession();
    await setClock(session, { at: SESSION_TIME });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const { nowMs } = (await admin('GET', `/sessions/${session.id}/clock`)).body as { nowMs: number };
    expect(nowMs).toBeGreaterThanOrEqual(SESSION_TIME + 50);
    expect(nowMs).toBeLessThan(SESSION_TIME + 5_000);
  });
});

describe('session.clock in createSandbox()', () => {
  it('freeze, advance, resume and reset move the session’s time, its TOTP codes and what the admin API shows', async () => {
    const qa = newSession();
    qa.useScenario('mfa-enabled', 'flashback');
    qa.clock.freeze(new Date(SESSION_TIME));
    expect(qa.clock.now()).toBe(SESSION_TIME);
    expect(qa.totpCode('usr_ada')).toBe(authenticatorCode(ADA_SECRET, 0, SESSION_TIME));
    qa.clock.advance(STEP_MS);
    expect(qa.totpCode('usr_ada')).toBe(authenticatorCode(ADA_SECRET, 0, SESSION_TIME + STEP_MS));
    expect((await admin('GET', `/sessions/${qa.id}/clock`)).body).toMatchObject({ nowMs: SESSION_TIME + STEP_MS, frozen: true });

    qa.clock.set(SESSION_TIME);
    expect(qa.clock.now(), 'a frozen clock stays frozen where it is set').toBe(SESSION_TIME);
    qa.clock.resume();
    // Timers may fire a little before Date.now() has moved the full delay (it is whole ms): wait more than is asserted.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(qa.clock.now()).toBeGreaterThanOrEqual(SESSION_TIME + 20);
    expect(qa.clock.now()).toBeLessThan(SESSION_TIME + 5_000);

    qa.clock.reset();
    expect(Math.abs(qa.clock.now() - Date.now())).toBeLessThan(5_000);
    expect(newSession().clock.now(), 'other sessions never moved').toBeGreaterThan(Date.now() - 5_000);
  });
});
