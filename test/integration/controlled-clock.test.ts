import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createControlledClock, createSandbox, type RunningSandbox } from '../../src/index.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import { createTestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode } from '../harness/totp.js';
import { settledNow } from '../harness/settled-now.js';

/**
 * `createSandbox({ clock })`: every time the sandbox keeps or checks (TOTP steps, magic-link expiry, GenAuth's date
 * skew, journal times, session TTL, uptime) is the clock's, so a test moves the clock instead of sleeping. Each test
 * here fails if any of those read the wall clock: the clock starts months away from it.
 */

const STEP_MS = 30_000;
/** 10 s into a TOTP step, on a day long before any run of these tests. */
const START = Date.UTC(2026, 0, 1, 9, 0, 10);
const SESSION_TTL_MS = 10 * 60_000;
const ADA_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // Ada's enrolled device in every mfa-enabled scenario
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

const clock = createControlledClock(START);
let sandbox: RunningSandbox;
let sessionCounter = 0;
const newSession = () => sandbox.session(`clock-${++sessionCounter}`);

beforeAll(async () => {
  sandbox = await createSandbox({ clock, sessionTtlMs: SESSION_TTL_MS });
});
afterAll(async () => {
  await sandbox.close();
});

async function flashback(session: { headers: Readonly<Record<string, string>> }, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/flashback${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...ADA, ...session.headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as { success: boolean } };
}

const verifyLogin = (session: { headers: Readonly<Record<string, string>> }, code: string) =>
  flashback(session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code });

describe('createSandbox({ clock }): TOTP follows the clock', () => {
  it("a code for time T verifies at T and through Flashback's two-step drift window, and fails once the clock is three steps on", async () => {
    const codeAtT = authenticatorCode(ADA_SECRET, 0, clock.now());
    const verifyInFreshSession = (code: string) => {
      const session = newSession(); // a fresh enrolment each time: a code is accepted once per device
      session.useScenario('mfa-enabled', 'flashback');
      return verifyLogin(session, code);
    };
    expect((await verifyInFreshSession(codeAtT)).status).toBe(200);
    clock.advance(2 * STEP_MS);
    expect((await verifyInFreshSession(codeAtT)).status).toBe(200);
    clock.advance(STEP_MS);
    expect((await verifyInFreshSession(codeAtT)).status).toBe(400);
    expect((await verifyInFreshSession(authenticatorCode(ADA_SECRET, 0, clock.now()))).status).toBe(200);
  });

  it("totpCode() reads the code of the clock's step, and the next one after the clock moves a step", () => {
    const qa = newSession();
    qa.useScenario('mfa-enabled', 'flashback');
    const now = qa.totpCode('usr_ada');
    expect(now).toBe(authenticatorCode(ADA_SECRET, 0, clock.now()));
    clock.advance(STEP_MS);
    expect(qa.totpCode('usr_ada')).toBe(authenticatorCode(ADA_SECRET, 0, clock.now()));
    expect(qa.totpCode('usr_ada')).not.toBe(now);
  });
});

describe('createSandbox({ clock }): expiries follow the clock', () => {
  it('a magic link works until its 10 minutes are up, and not at the instant its mail says it expires', async () => {
    const inTime = newSession();
    expect((await flashback(inTime, '/mfa/magic-link/send', {})).status).toBe(200);
    const [first] = inTime.outbox('flashback');
    expect(first!.sentAt).toBe(new Date(clock.now()).toISOString());
    clock.advance(10 * 60_000 - 1);
    expect((await flashback(inTime, '/mfa/magic-link/activate', { token: first!.token })).status).toBe(200);

    // The page of a link followed then said "expired at <that instant>" while activate still took it (a QA tour).
    const atExpiry = newSession();
    await flashback(atExpiry, '/mfa/magic-link/send', {});
    const [second] = atExpiry.outbox('flashback');
    clock.advance(10 * 60_000);
    expect((await flashback(atExpiry, '/mfa/magic-link/activate', { token: second!.token })).status).toBe(400);
  });

  it("GenAuth's 15-minute date skew is measured against the clock, to the millisecond", async () => {
    const status = async (dateMs: number) => {
      const query = { userId: '6229ffaxxxxxxxxcade3e3d9', userIdType: 'user_id' };
      const headers = signGenAuthRequest({
        method: 'GET',
        path: '/api/v3/get-mfa-status',
        fields: query,
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
        date: String(dateMs),
      });
      const response = await fetch(`${sandbox.url}/genauth/api/v3/get-mfa-status?${new URLSearchParams(query).toString()}`, {
        headers: { ...headers, ...newSession().headers },
      });
      return ((await response.json()) as { statusCode: number; apiCode?: number }).apiCode ?? 0;
    };
    const skew = 15 * 60_000;
    expect(await status(clock.now() - skew)).toBe(0);
    expect(await status(clock.now() + skew)).toBe(0);
    expect(await status(clock.now() - skew - 1)).toBe(1305);
    expect(await status(clock.now() + skew + 1)).toBe(1305);
  });
});

describe("createSandbox({ clock }): the records and the sessions live in the clock's time", () => {
  it("the journal's `at` is the clock's time of each request", async () => {
    const qa = newSession();
    const first = clock.now();
    await flashback(qa, '/mfa/status');
    clock.advance(1_234);
    await flashback(qa, '/mfa/status');
    expect(qa.journal().map((entry) => entry.at)).toEqual([new Date(first).toISOString(), new Date(first + 1_234).toISOString()]);
  });

  it('a session idle for longer than the TTL on the clock is forgotten: its next read starts from the default scenario', () => {
    const qa = newSession();
    qa.useScenario('org-enforced', 'flashback');
    clock.advance(SESSION_TTL_MS);
    expect(Object.keys(qa.state())).toContain('flashback/org-enforced'); // exactly the TTL idle: still kept
    clock.advance(SESSION_TTL_MS + 1);
    expect(Object.keys(qa.state())).not.toContain('flashback/org-enforced');
    expect(Object.keys(qa.state())).toContain('flashback/default');
  });

  it('/__admin/health counts uptime on the clock', async () => {
    const uptime = async () => ((await (await fetch(`${sandbox.url}/__admin/health`)).json()) as { uptimeSeconds: number }).uptimeSeconds;
    const before = await uptime();
    clock.advance(90_000);
    expect(await uptime()).toBe(before + 90);
  });
});

describe('the session sweeper', () => {
  it('forgets, on its next round, the sessions idle past the TTL on the clock (never the ones the wall clock would)', async () => {
    // Only the sweeper's interval is faked, so its round comes when the test says, with no wait.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const sweptClock = createControlledClock(START);
    const swept = await createTestSandbox({ sessionTtlMs: SESSION_TTL_MS }, { clock: sweptClock });
    const forgotten: string[] = [];
    swept.sessions.onForgotten((id, why) => forgotten.push(`${id} ${why}`));
    // The store tells its listeners once the work at hand is done, not from inside it.
    const toldSoFar = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return forgotten;
    };
    try {
      settledNow(swept.sessions.update('idle', (session) => session));
      vi.advanceTimersByTime(SESSION_TTL_MS);
      expect(await toldSoFar(), 'a round before the clock passed the TTL').toEqual([]);
      expect(settledNow(swept.sessions.count())).toBe(1);
      sweptClock.advance(SESSION_TTL_MS + 1);
      // Past its TTL, a session no longer counts; the round that forgets it is still to come.
      expect(settledNow(swept.sessions.count())).toBe(0);
      expect(await toldSoFar(), 'no round yet').toEqual([]);
      vi.advanceTimersByTime(SESSION_TTL_MS);
      expect(await toldSoFar()).toEqual(['idle expired']);
    } finally {
      await swept.close();
      vi.useRealTimers();
    }
  });
});
