import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock } from '../../src/engine/clock.js';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import { createTestSandbox, type CheckedResponse, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode, wrongCode } from '../harness/totp.js';

/**
 * A scenario's attempt limit (`lockout: { afterFailedAttempts: N }`, the shipped `lockout` scenarios), through HTTP:
 * N-1 wrong codes and a right one start the count again, the Nth wrong code is still the wrong-code answer and locks
 * the user, every later request gets the vendor's lockout answer (the one QA's lock gives, read from the spec's own
 * example), and QA's unlock restores access and the count. The harness checks every vendor response against its spec.
 */

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const FLASHBACK_ADA = { id: 'usr_ada', headers: { authorization: 'Bearer flashback-token-ada' } };
const NEST_ADA = { id: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1', headers: { authorization: 'Bearer nest-auth-token-ada' } };
const JOHN_DOE = '019c96a0-0c21-71f9-a487-66a1258278a1';
const LERIAN_OPERATOR = { authorization: 'Bearer lerian-token-operator' };
const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';

// A controlled clock: right and wrong TOTP codes never straddle a step boundary.
const clock = createControlledClock(Date.UTC(2026, 5, 1, 12, 0, 5));
let sandbox: TestSandbox;
let sessionCounter = 0;
const newSession = () => `lockout-${++sessionCounter}`;

beforeAll(async () => {
  sandbox = await createTestSandbox({}, { clock });
});
afterAll(async () => {
  console.log(`lockout: ${sandbox.checkedResponses} vendor responses checked against their specs`);
  await sandbox.close();
});

function specExample(surface: SurfaceId, name: string): any {
  const example = (sandbox.specs.get(surface)!.api.components?.examples as Record<string, { value: unknown }> | undefined)?.[name];
  if (!example) throw new Error(`${surface} has no example ${name}`);
  return example.value;
}

function expectVendor(response: CheckedResponse, status: number): any {
  expect(response.isFault, response.body).toBe(false);
  expect(response.statusCode, response.body).toBe(status);
  return response.data;
}

async function setLock(session: string, userId: string, locked: boolean): Promise<void> {
  const response = await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/users/${userId}/lock`, payload: { locked } });
  expect(response.statusCode, response.body).toBe(200);
}

async function userState(session: string, world: string, userId: string): Promise<{ locked: boolean; failedCodeAttempts?: number }> {
  const state = (await sandbox.app.inject({ url: `/__admin/sessions/${session}` })).json();
  return state.worlds[world].users[userId];
}

const wrong = () => wrongCode(SECRET, clock.now());
const right = (offsetSteps = 0) => authenticatorCode(SECRET, offsetSteps, clock.now());

describe('flashback lockout (5 wrong codes, the client DEFAULT_MFA_CONFIG maxAttempts)', () => {
  const verifyLogin = (session: string, body: object, scenario = 'lockout') =>
    sandbox.request({ method: 'POST', url: '/flashback/mfa/verify-login', session, scenario, headers: FLASHBACK_ADA.headers, payload: body });
  const status = (session: string, scenario = 'lockout') =>
    sandbox.request({ url: '/flashback/mfa/status', session, scenario, headers: FLASHBACK_ADA.headers });
  const wrongTotp = (session: string, scenario?: string) => verifyLogin(session, { mfaType: 'GOOGLE_AUTH', code: wrong() }, scenario);

  it('4 wrong codes then a right one signs in and starts the count again; 5 more wrong ones are needed to lock', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 4; attempt++)
      expect(expectVendor(await wrongTotp(session), 400)).toEqual(specExample('flashback', 'mfaVerificationFailed'));
    expect((await userState(session, 'flashback/lockout', FLASHBACK_ADA.id)).failedCodeAttempts).toBe(4);
    expect(expectVendor(await verifyLogin(session, { mfaType: 'GOOGLE_AUTH', code: right() }), 200).fullAccessToken).toMatch(/^flashback-full-/);
    expect((await userState(session, 'flashback/lockout', FLASHBACK_ADA.id)).failedCodeAttempts).toBeUndefined();
    for (let attempt = 1; attempt <= 4; attempt++) expectVendor(await wrongTotp(session), 400);
    // A backup code is a code too: accepted, it also starts the count again.
    expectVendor(await verifyLogin(session, { mfaType: 'GOOGLE_AUTH', code: '40213377' }), 200);
    for (let attempt = 1; attempt <= 4; attempt++) expectVendor(await wrongTotp(session), 400);
    expect(expectVendor(await status(session), 200).success).toBe(true);
  });

  it('the 5th wrong code is still the wrong-code answer; every later request as Ada is 403 Account locked, others are unaffected', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 4; attempt++) expectVendor(await wrongTotp(session), 400);
    expect(expectVendor(await wrongTotp(session), 400)).toEqual(specExample('flashback', 'mfaVerificationFailed'));
    expect(await userState(session, 'flashback/lockout', FLASHBACK_ADA.id)).toMatchObject({ locked: true, failedCodeAttempts: 5 });
    const locked = specExample('flashback', 'accountLocked');
    // Even the right code: the account is locked, not the code wrong.
    expect(expectVendor(await verifyLogin(session, { mfaType: 'GOOGLE_AUTH', code: right() }), 403)).toEqual(locked);
    expect(expectVendor(await status(session), 403)).toEqual(locked);
    const bob = await sandbox.request({ url: '/flashback/mfa/status', session, scenario: 'lockout', headers: { authorization: 'Bearer flashback-token-bob' } });
    expect(expectVendor(bob, 200).success).toBe(true);
  });

  it('Prefer: explain on the code that locks Ada says she is now locked and how to unlock her, not a code that would be refused', async () => {
    const session = newSession();
    const explain = async (code: string) => {
      const response = await sandbox.request({
        method: 'POST',
        url: '/flashback/mfa/verify-login',
        session,
        scenario: 'lockout',
        headers: { ...FLASHBACK_ADA.headers, prefer: 'explain' },
        payload: { mfaType: 'GOOGLE_AUTH', code },
      });
      expectVendor(response, 400);
      return JSON.parse(response.headers['x-mock-explain'] as string);
    };
    for (let attempt = 1; attempt <= 3; attempt++) expectVendor(await wrongTotp(session), 400);
    expect(await explain(wrong())).toMatchObject({ rule: 'wrong-code', wouldPass: expect.stringMatching(/^code \d{6} /) });
    const locking = await explain(wrong());
    expect(locking).toMatchObject({
      rule: 'wrong-code',
      wouldPass: `unlock it: PUT /__admin/sessions/${session}/users/${FLASHBACK_ADA.id}/lock with {"locked":false}`,
    });
    expect(locking.message).toContain(`user ${FLASHBACK_ADA.id} is now locked after 5 wrong codes`);
    // The hint is right: the code that was current is refused now, and the unlock it names lets it through.
    expectVendor(await verifyLogin(session, { mfaType: 'GOOGLE_AUTH', code: right() }), 403);
    await setLock(session, FLASHBACK_ADA.id, false);
    expectVendor(await verifyLogin(session, { mfaType: 'GOOGLE_AUTH', code: right() }), 200);
  });

  it("the lock runs out after 15 minutes on the session's clock (the client's lockoutDuration), the count with it", async () => {
    const session = newSession();
    const advance = async (ms: number) =>
      expect((await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/clock`, payload: { advanceMs: ms } })).statusCode).toBe(200);
    /** Ada's status while she is locked: the 403, and why, from `Prefer: explain`. */
    const lockedExplanation = async () => {
      const answer = await sandbox.request({
        url: '/flashback/mfa/status',
        session,
        scenario: 'lockout',
        headers: { ...FLASHBACK_ADA.headers, prefer: 'explain' },
      });
      expectVendor(answer, 403);
      return JSON.parse(answer.headers['x-mock-explain'] as string);
    };
    for (let attempt = 1; attempt <= 5; attempt++) expectVendor(await wrongTotp(session), 400);
    const lockedAt = clock.now();
    expect(await userState(session, 'flashback/lockout', FLASHBACK_ADA.id)).toMatchObject({
      locked: true,
      lockedUntil: new Date(lockedAt + 900_000).toISOString(),
    });
    expect(await lockedExplanation()).toMatchObject({
      rule: 'locked',
      message: `user ${FLASHBACK_ADA.id} is locked after 5 wrong codes (the scenario's lockout) until ${new Date(lockedAt + 900_000).toISOString()}`,
      wouldPass: expect.stringMatching(/^wait until .* on the session's clock/),
    });
    await advance(899_999);
    expectVendor(await status(session), 403);
    await advance(1);
    // Read before any request: QA sees the lock as ended, not a stale `locked: true`.
    expect(await userState(session, 'flashback/lockout', FLASHBACK_ADA.id)).toMatchObject({ locked: false });
    expect(expectVendor(await status(session), 200).success).toBe(true);
    expect(await userState(session, 'flashback/lockout', FLASHBACK_ADA.id)).toEqual(
      expect.not.objectContaining({ lockedUntil: expect.anything(), failedCodeAttempts: expect.anything() }),
    );
    // QA's own lock has no end, even in this scenario, and is not put down to wrong codes.
    for (let attempt = 1; attempt <= 3; attempt++) expectVendor(await wrongTotp(session), 400);
    await setLock(session, FLASHBACK_ADA.id, true);
    await advance(86_400_000);
    expect((await lockedExplanation()).message).toBe(`user ${FLASHBACK_ADA.id} is locked (QA lock or the scenario's lockout)`);
  });

  it("QA's unlock restores access and the count: the next lock again takes 5 wrong codes", async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 5; attempt++) expectVendor(await wrongTotp(session), 400);
    expectVendor(await status(session), 403);
    await setLock(session, FLASHBACK_ADA.id, false);
    expect(await userState(session, 'flashback/lockout', FLASHBACK_ADA.id)).toEqual(expect.not.objectContaining({ failedCodeAttempts: expect.anything() }));
    expect(expectVendor(await status(session), 200).data.isEnabled).toBe(true);
    for (let attempt = 1; attempt <= 4; attempt++) expectVendor(await wrongTotp(session), 400);
    expectVendor(await status(session), 200);
    expectVendor(await wrongTotp(session), 400);
    expectVendor(await status(session), 403);
  });

  it('a wrong code while setting up Google Authenticator counts too', async () => {
    const session = newSession();
    const verifySetup = () =>
      sandbox.request({
        method: 'POST',
        url: '/flashback/mfa/verify-setup',
        session,
        scenario: 'lockout',
        headers: FLASHBACK_ADA.headers,
        payload: { mfaType: 'GOOGLE_AUTH', code: '000000' },
      });
    expectVendor(
      await sandbox.request({
        method: 'POST',
        url: '/flashback/mfa/setup',
        session,
        scenario: 'lockout',
        headers: FLASHBACK_ADA.headers,
        payload: { mfaType: 'GOOGLE_AUTH' },
      }),
      200,
    );
    for (let attempt = 1; attempt <= 3; attempt++) expect(expectVendor(await verifySetup(), 400)).toEqual(specExample('flashback', 'setupVerificationFailed'));
    for (let attempt = 1; attempt <= 2; attempt++) expectVendor(await wrongTotp(session), 400);
    expectVendor(await status(session), 403);
  });

  it('a scenario without lockout never locks, however many wrong codes', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 12; attempt++) expectVendor(await wrongTotp(session, 'mfa-enabled'), 400);
    expect(expectVendor(await status(session, 'mfa-enabled'), 200).success).toBe(true);
    expect(await userState(session, 'flashback/mfa-enabled', FLASHBACK_ADA.id)).toEqual(expect.objectContaining({ locked: false }));
    expect((await userState(session, 'flashback/mfa-enabled', FLASHBACK_ADA.id)).failedCodeAttempts).toBeUndefined();
  });
});

describe('nest-auth lockout (5 wrong codes, the library otp.maxAttempts default)', () => {
  const post = (session: string, url: string, payload: object, scenario = 'lockout') =>
    sandbox.request({ method: 'POST', url: `/nest-auth${url}`, session, scenario, headers: NEST_ADA.headers, payload });
  const wrongTotp = (session: string, scenario?: string) => post(session, '/auth/mfa/verify', { method: 'totp', otp: wrong() }, scenario);
  const status = (session: string, scenario = 'lockout') =>
    sandbox.request({ url: '/nest-auth/auth/mfa/status', session, scenario, headers: NEST_ADA.headers });
  const login = (session: string) =>
    sandbox.request({
      method: 'POST',
      url: '/nest-auth/auth/login',
      session,
      scenario: 'lockout',
      payload: { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } },
    });

  it('4 wrong codes (TOTP, recovery, e-mailed) then a right one start the count again', async () => {
    const session = newSession();
    expect(expectVendor(await wrongTotp(session), 401).code).toBe('MFA_CODE_INVALID');
    expect(expectVendor(await post(session, '/auth/mfa/verify-recovery-code', { code: 'not-a-recovery-code' }), 401).code).toBe('MFA_RECOVERY_CODE_INVALID');
    expect(expectVendor(await post(session, '/auth/mfa/verify', { method: 'email', otp: '000000' }), 400).code).toBe('VERIFICATION_CODE_INVALID');
    expectVendor(await wrongTotp(session), 401);
    expect((await userState(session, 'nest-auth/lockout', NEST_ADA.id)).failedCodeAttempts).toBe(4);
    expect(expectVendor(await post(session, '/auth/mfa/verify', { method: 'totp', otp: right() }), 200).accessToken).toBeTruthy();
    for (let attempt = 1; attempt <= 4; attempt++) expectVendor(await wrongTotp(session), 401);
    expectVendor(await status(session), 200);
  });

  it("the 5th wrong code is still MFA_CODE_INVALID; then every request, sign-in included, is the guard's ACCOUNT_INACTIVE until QA unlocks", async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 4; attempt++) expectVendor(await wrongTotp(session), 401);
    expect(expectVendor(await wrongTotp(session), 401).code).toBe('MFA_CODE_INVALID');
    const inactive = specExample('nest-auth', 'ACCOUNT_INACTIVE');
    expect(expectVendor(await post(session, '/auth/mfa/verify', { method: 'totp', otp: right() }), 401)).toEqual(inactive);
    expect(expectVendor(await status(session), 401)).toEqual(inactive);
    // Sign-in words it as the library's login does (the spec's login example), with the same code.
    expect(expectVendor(await login(session), 401).code).toBe('ACCOUNT_INACTIVE');

    await setLock(session, NEST_ADA.id, false);
    expect(expectVendor(await status(session), 200).isEnabled).toBe(true);
    expect(expectVendor(await login(session), 200).isRequiresMfa).toBe(true);
    for (let attempt = 1; attempt <= 4; attempt++) expectVendor(await wrongTotp(session), 401);
    expectVendor(await status(session), 200);
  });

  it('a lock with an end lets the guard and sign-in through once it has passed (a session file carries one)', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 5; attempt++) expectVendor(await wrongTotp(session), 401);
    expectVendor(await status(session), 401);
    // The shipped nest-auth lockout has no end; a session file (as a scenario with lockedForSeconds writes it) has one.
    const file = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/export` })).json();
    file.session.worlds['nest-auth/lockout'].users[NEST_ADA.id].lockedUntil = new Date(clock.now() + 60_000).toISOString();
    const imported = await sandbox.app.inject({ method: 'POST', url: `/__admin/sessions/${session}-ends/import`, payload: file });
    expect(imported.statusCode, imported.body).toBe(200);
    const lockedUntil = file.session.worlds['nest-auth/lockout'].users[NEST_ADA.id].lockedUntil as string;
    const explained = await sandbox.request({
      url: '/nest-auth/auth/mfa/status',
      session: `${session}-ends`,
      scenario: 'lockout',
      headers: { ...NEST_ADA.headers, prefer: 'explain' },
    });
    expectVendor(explained, 401);
    expect(JSON.parse(explained.headers['x-mock-explain'] as string)).toMatchObject({
      rule: 'locked',
      message: `user ${NEST_ADA.id} is locked after 5 wrong codes (the scenario's lockout) until ${lockedUntil}`,
      wouldPass: expect.stringMatching(/^wait until /),
    });
    expect((await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}-ends/clock`, payload: { advanceMs: 60_000 } })).statusCode).toBe(200);
    expect(expectVendor(await login(`${session}-ends`), 200).isRequiresMfa).toBe(true);
    expectVendor(await status(`${session}-ends`), 200);
  });

  it('a scenario without lockout never locks', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 8; attempt++) expectVendor(await wrongTotp(session, 'mfa-enabled'), 401);
    expectVendor(await status(session, 'mfa-enabled'), 200);
  });
});

describe('lerian lockout (3 wrong passcodes, the sandbox choice)', () => {
  const verify = (session: string, passcode: string, scenario = 'lockout') =>
    sandbox.request({
      method: 'POST',
      url: `/lerian/v1/users/${JOHN_DOE}/mfa/verify`,
      session,
      scenario,
      headers: LERIAN_OPERATOR,
      payload: { mfaType: 'app', secret: SECRET, passcode },
    });
  const status = (session: string, scenario = 'lockout') =>
    sandbox.request({ url: `/lerian/v1/users/${JOHN_DOE}/mfa`, session, scenario, headers: LERIAN_OPERATOR });

  it('2 wrong passcodes then a right one start the count again', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 2; attempt++) expect(expectVendor(await verify(session, wrong()), 200)).toEqual({ verified: false });
    expect(expectVendor(await verify(session, right()), 200)).toEqual({ verified: true });
    for (let attempt = 1; attempt <= 2; attempt++) expectVendor(await verify(session, wrong()), 200);
    expect(expectVendor(await status(session), 200).enabled).toBe(true);
  });

  it('the 3rd wrong passcode is still {verified:false}; then every request addressing John is 403 IDE-1015 until QA unlocks', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 3; attempt++) expect(expectVendor(await verify(session, wrong()), 200)).toEqual({ verified: false });
    const locked = specExample('lerian', 'Error1015');
    expect(expectVendor(await verify(session, right()), 403)).toEqual(locked);
    expect(expectVendor(await status(session), 403)).toEqual(locked);
    // The operator who sent the codes is not the user acted on: he is not locked.
    expectVendor(
      await sandbox.request({ url: '/lerian/v1/users/019c96a0-0000-7000-8000-0000000000ad/mfa', session, scenario: 'lockout', headers: LERIAN_OPERATOR }),
      200,
    );

    await setLock(session, JOHN_DOE, false);
    expect(expectVendor(await status(session), 200).enabled).toBe(true);
    for (let attempt = 1; attempt <= 2; attempt++) expectVendor(await verify(session, wrong()), 200);
    expectVendor(await status(session), 200);
  });

  it('a wrong recovery code on enable (IDE-1012) counts too', async () => {
    const session = newSession();
    const setup = expectVendor(
      await sandbox.request({
        method: 'POST',
        url: `/lerian/v1/users/${JOHN_DOE}/mfa/setup`,
        session,
        scenario: 'lockout',
        headers: LERIAN_OPERATOR,
        payload: { mfaType: 'email' },
      }),
      200,
    );
    expect(setup.recoveryCodes.length).toBeGreaterThan(0);
    const outbox = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json();
    const code = outbox.at(-1).code;
    expect(
      expectVendor(
        await sandbox.request({
          method: 'POST',
          url: `/lerian/v1/users/${JOHN_DOE}/mfa/verify`,
          session,
          scenario: 'lockout',
          headers: LERIAN_OPERATOR,
          payload: { mfaType: 'email', passcode: code },
        }),
        200,
      ),
    ).toEqual({ verified: true });
    const enable = (recoveryCode: string) =>
      sandbox.request({
        method: 'POST',
        url: `/lerian/v1/users/${JOHN_DOE}/mfa/enable`,
        session,
        scenario: 'lockout',
        headers: LERIAN_OPERATOR,
        payload: { mfaType: 'email', recoveryCode },
      });
    for (let attempt = 1; attempt <= 2; attempt++) expect(expectVendor(await enable('wrongcode0'), 400).code).toBe('IDE-1012');
    expectVendor(await verify(session, wrong()), 200);
    expectVendor(await status(session), 403);
  });

  it('a scenario without lockout never locks', async () => {
    const session = newSession();
    for (let attempt = 1; attempt <= 6; attempt++) expectVendor(await verify(session, wrong(), 'mfa-enabled'), 200);
    expectVendor(await status(session, 'mfa-enabled'), 200);
  });
});

describe('genauth lockout', () => {
  const get = (session: string, path: string, query: Record<string, string>) => {
    const headers = signGenAuthRequest({
      method: 'GET',
      path,
      fields: query,
      accessKeyId: GENAUTH_ACCESS_KEY.id,
      accessKeySecret: GENAUTH_ACCESS_KEY.secret,
      date: new Date(clock.now()).toUTCString(),
    });
    return sandbox.request({ url: `/genauth${path}?${new URLSearchParams(query).toString()}`, session, scenario: 'lockout', headers });
  };

  it('counts nothing (the management API checks no codes); QA can still lock, with the 2005 envelope, and unlock', async () => {
    const session = newSession();
    const query = { userId: GENAUTH_USER, userIdType: 'user_id' };
    for (let attempt = 1; attempt <= 5; attempt++) expect(expectVendor(await get(session, '/api/v3/get-mfa-status', query), 200).statusCode).toBe(200);
    expect(expectVendor(await get(session, '/api/v3/get-mfa-status', query), 200).data.totpMfaEnabled).toBe(true);
    await setLock(session, GENAUTH_USER, true);
    const { requestId: _id, ...locked } = expectVendor(await get(session, '/api/v3/get-user-mfa-info', query), 200);
    const { requestId: _documented, ...documented } = specExample('genauth', 'userLocked');
    expect(locked).toEqual(documented);
    await setLock(session, GENAUTH_USER, false);
    expect(expectVendor(await get(session, '/api/v3/get-user-mfa-info', query), 200).statusCode).toBe(200);
  });
});
