import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock } from '../../src/engine/clock.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode, secretFromOtpauthUrl, wrongCode } from '../harness/totp.js';

/**
 * Lerian Identity plugin MFA routes (specs/lerian.openapi.yaml). Error bodies marked "seed" are copied from Lerian's
 * documentation (the pages the spec's `info.description` lists as sources, marked [D]); the others are the spec's
 * components/examples (invented IDE codes, each carrying an x-sandbox-decision there).
 */

const JOHN_ID = '019c96a0-0c21-71f9-a487-66a1258278a1';
const JOHN = { authorization: 'Bearer lerian-token-johndoe' };
const OPERATOR = { authorization: 'Bearer lerian-token-operator' };

// Seed 002, verbatim.
const IDE_0003 = { code: 'IDE-0003', title: 'Invalid Path Parameter', message: 'One or more path parameters are in an incorrect format.' };
const IDE_0006 = { code: 'IDE-0006', title: 'Internal Server Error', message: 'The server encountered an unexpected error. Please try again later.' };
const IDE_0007 = { code: 'IDE-0007', title: 'Bad Request', message: 'The server could not understand the request due to malformed syntax.' };
const IDE_1003 = { code: 'IDE-1003', title: 'User ID Not Found', message: 'The provided user ID does not exist in our records.' };
// The spec's decided bodies (components/examples).
const IDE_0001 = {
  code: 'IDE-0001',
  title: 'Missing Fields in Request',
  message:
    'Your request is missing one or more required fields. Please refer to the documentation to ensure all necessary fields are included in your request.',
};
const IDE_0008 = { code: 'IDE-0008', title: 'Unauthorized', message: 'The authorization token is missing, invalid or expired.' };
const IDE_1011 = { code: 'IDE-1011', title: 'MFA Setup Not Found', message: 'No pending MFA setup exists for this user and method. Initiate the setup first.' };
const IDE_1012 = { code: 'IDE-1012', title: 'Invalid Recovery Code', message: 'The provided recovery code is invalid or has already been used.' };
const IDE_1013 = { code: 'IDE-1013', title: 'MFA Not Verified', message: 'The MFA method must be verified with a passcode before it can be enabled.' };
const IDE_1014 = { code: 'IDE-1014', title: 'MFA Method Not Enabled', message: 'The requested MFA method is not enabled for this user.' };

/** A valid 160-bit secret that the sandbox never issued (otplib refuses the docs' 80-bit JBSWY3DPEHPK3PXP). */
const OTHER_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

const NOT_ENROLLED = { enabled: false, methods: [], totpEnabled: false, emailEnabled: false, smsEnabled: false };

/** The sandbox's time: it moves only when a test moves it, so a code never straddles a 30-second step boundary. */
const STEP_MS = 30_000;
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
/** What John's authenticator shows now on the sandbox's clock (`offsetSteps` steps away). */
const phoneCode = (secret: string, offsetSteps = 0) => authenticatorCode(secret, offsetSteps, clock.now());
const notTheCode = (secret: string) => wrongCode(secret, clock.now());

let sandbox: TestSandbox;
let sessionCounter = 0;
const newSession = () => `lerian-${++sessionCounter}`;

beforeAll(async () => {
  sandbox = await createTestSandbox({}, { clock });
});
afterAll(async () => {
  console.log(`lerian: ${sandbox.checkedResponses} responses checked against the spec`);
  await sandbox.close();
});

type Method = 'GET' | 'POST' | 'PATCH';
interface CallOptions {
  headers?: Record<string, string>;
  userId?: string;
  scenario?: string;
}

const mfaUrl = (userId: string, suffix = '') => `/lerian/v1/users/${userId}/mfa${suffix}`;

function call(session: string, method: Method, suffix: string, payload?: unknown, options: CallOptions = {}) {
  return sandbox.request({
    method,
    url: mfaUrl(options.userId ?? JOHN_ID, suffix),
    session,
    headers: options.headers ?? JOHN,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const status = (session: string, options?: CallOptions) => call(session, 'GET', '', undefined, options);
const setup = (session: string, body: unknown, options?: CallOptions) => call(session, 'POST', '/setup', body, options);
const verify = (session: string, body: unknown, options?: CallOptions) => call(session, 'POST', '/verify', body, options);
const enable = (session: string, body: unknown, options?: CallOptions) => call(session, 'POST', '/enable', body, options);
const preferred = (session: string, body: unknown, options?: CallOptions) => call(session, 'PATCH', '/preferred', body, options);
const disable = (session: string, body: unknown, options?: CallOptions) => call(session, 'POST', '/disable', body, options);

/** A raw (string) body with an explicit content type, for malformed-request tests. */
const raw = (session: string, method: Method, suffix: string, payload: string, contentType = 'application/json', userId = JOHN_ID) =>
  sandbox.request({ method, url: mfaUrl(userId, suffix), session, headers: { ...JOHN, 'content-type': contentType }, payload });

async function useScenario(session: string, scenario: string) {
  const res = await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/scenario`, payload: { scenario, surface: 'lerian' } });
  expect(res.statusCode).toBe(200);
}

async function outbox(session: string) {
  const res = await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox?surface=lerian` });
  expect(res.statusCode).toBe(200);
  return res.json<Array<{ channel: string; to: string; code?: string; surface: string; userId: string }>>();
}

async function johnInState(session: string) {
  const res = await sandbox.app.inject({ url: `/__admin/sessions/${session}` });
  const worlds = res.json().worlds as Record<string, { users: Record<string, { recoveryCodes: string[] }> }>;
  return Object.entries(worlds).find(([key]) => key.startsWith('lerian/'))![1].users[JOHN_ID]!;
}

/** Setup app and verify it with a real authenticator code; returns what setup issued. */
async function setupAndVerifyApp(session: string, options?: CallOptions) {
  const res = await setup(session, { mfaType: 'app' }, options);
  expect(res.statusCode).toBe(200);
  const { secret, recoveryCodes } = res.data as { secret: string; recoveryCodes: string[] };
  const verified = await verify(session, { mfaType: 'app', secret, passcode: phoneCode(secret) }, options);
  expect(verified.data).toEqual({ verified: true });
  return { secret, recoveryCodes };
}

/** Setup email, read the delivered passcode from the outbox and verify it; returns the recovery codes. */
async function setupAndVerifyEmail(session: string, options?: CallOptions) {
  const res = await setup(session, { mfaType: 'email' }, options);
  expect(res.statusCode).toBe(200);
  const messages = await outbox(session);
  const code = messages.at(-1)!.code!;
  const verified = await verify(session, { mfaType: 'email', passcode: code }, options);
  expect(verified.data).toEqual({ verified: true });
  return { recoveryCodes: res.data.recoveryCodes as string[] };
}

describe('lerian status per scenario', () => {
  it('default: John Doe has no MFA (no preferredType until a method is enabled)', async () => {
    const res = await status(newSession());
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual(NOT_ENROLLED);
    expect(res.data).not.toHaveProperty('preferredType');
  });

  it('mfa-enabled: the docs status example exactly', async () => {
    const res = await status(newSession(), { scenario: 'mfa-enabled' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ enabled: true, preferredType: 'app', methods: ['app'], totpEnabled: true, emailEnabled: false, smsEnabled: false });
  });

  it('missing-user: every operation on the docs user answers 404 IDE-1003 exactly as the seed, for any valid bearer', async () => {
    const session = newSession();
    await useScenario(session, 'missing-user');
    const responses = [
      await status(session),
      await status(session, { headers: OPERATOR }),
      await setup(session, { mfaType: 'app' }),
      await verify(session, { mfaType: 'email', passcode: '123456' }),
      await enable(session, { mfaType: 'email', recoveryCode: 'a1b2c3d4e5' }),
      await preferred(session, { mfaType: 'email' }),
      await disable(session, { mfaType: 'email' }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual(IDE_1003);
    }
    // The 404 is about the user, not the credentials: an unknown bearer is still a 401.
    const anonymous = await status(session, { headers: { authorization: 'Bearer nope' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('the user id is a UUID read ignoring letter case (spec decision): upper case finds the same user', async () => {
    const session = newSession();
    const upper = await status(session, { userId: JOHN_ID.toUpperCase() });
    expect(upper.statusCode).toBe(200);
    expect(upper.data).toEqual((await status(session)).data);
  });

  it('default: an id that names nobody is 404 IDE-1003 too', async () => {
    const res = await status(newSession(), { userId: '019c96a0-ffff-7fff-bfff-ffffffffffff' });
    expect(res.statusCode).toBe(404);
    expect(res.data).toEqual(IDE_1003);
  });

  it('server-error: every operation answers 500 IDE-0006 exactly as the seed', async () => {
    const session = newSession();
    await useScenario(session, 'server-error');
    const responses = [
      await status(session),
      await setup(session, { mfaType: 'app' }),
      await verify(session, { mfaType: 'email', passcode: '123456' }),
      await enable(session, { mfaType: 'email', recoveryCode: 'a1b2c3d4e5' }),
      await preferred(session, { mfaType: 'email' }),
      await disable(session, { mfaType: 'email' }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(500);
      expect(res.data).toEqual(IDE_0006);
    }
  });

  it('lerian has no org-enforced scenario: asking for it is a 422 sandbox error, never a vendor answer', async () => {
    const res = await status(newSession(), { scenario: 'org-enforced' });
    expect(res.statusCode).toBe(422);
    expect(res.isFault).toBe(true);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('lerian authenticator-app enrolment: setup → verify → enable (RFC 6238)', () => {
  it('the documented flow with a real authenticator code; status then shows app enabled and preferred', async () => {
    const session = newSession();
    const started = await setup(session, { mfaType: 'app' });
    expect(started.statusCode).toBe(200);
    const { secret, url, recoveryCodes, mfaType, enabled } = started.data;
    expect(mfaType).toBe('app');
    expect(enabled).toBe(false);
    // The QR URL carries the same secret, labelled like the docs example (otpauth://totp/Lerian:johndoe?...&issuer=Lerian).
    expect(secretFromOtpauthUrl(url)).toBe(secret);
    expect(url).toMatch(/^otpauth:\/\/totp\/Lerian:johndoe\?/);
    expect(new URL(url).searchParams.get('issuer')).toBe('Lerian');
    expect(secret).not.toBe('JBSWY3DPEHPK3PXP'); // a fresh secret, not the docs' example
    expect(recoveryCodes).toHaveLength(8);
    expect(new Set(recoveryCodes).size).toBe(8);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{10}$/);

    // Setting up does not enable anything yet.
    expect((await status(session)).data).toEqual(NOT_ENROLLED);

    const wrong = await verify(session, { mfaType: 'app', secret, passcode: notTheCode(secret) });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.data).toEqual({ verified: false });

    const passcode = phoneCode(secret);
    const verified = await verify(session, { mfaType: 'app', secret, passcode });
    expect(verified.statusCode).toBe(200);
    expect(verified.data).toEqual({ verified: true });
    expect((await status(session)).data).toEqual(NOT_ENROLLED);

    const enabledRes = await enable(session, { mfaType: 'app', secret, recoveryCode: recoveryCodes[3] });
    expect(enabledRes.statusCode).toBe(200);
    expect(enabledRes.data).toEqual({ enabled: true });

    const after = await status(session);
    expect(after.data).toEqual({ enabled: true, preferredType: 'app', methods: ['app'], totpEnabled: true, emailEnabled: false, smsEnabled: false });
  });

  it('a passcode is accepted once: replaying the code that verified is rejected', async () => {
    const session = newSession();
    const { secret } = (await setup(session, { mfaType: 'app' })).data;
    const passcode = phoneCode(secret);
    expect((await verify(session, { mfaType: 'app', secret, passcode })).data).toEqual({ verified: true });
    const replay = await verify(session, { mfaType: 'app', secret, passcode });
    expect(replay.statusCode).toBe(200);
    expect(replay.data).toEqual({ verified: false });
  });

  it('the previous step is tolerated (clock drift) but a code from far away is not, even on the last millisecond of a step', async () => {
    clock.set(Math.floor(clock.now() / STEP_MS) * STEP_MS + STEP_MS - 1); // where a wall-clock test would have to wait
    const session = newSession();
    const { secret } = (await setup(session, { mfaType: 'app' })).data;
    expect((await verify(session, { mfaType: 'app', secret, passcode: phoneCode(secret, -10) })).data).toEqual({ verified: false });
    expect((await verify(session, { mfaType: 'app', secret, passcode: phoneCode(secret, -2) })).data).toEqual({ verified: false });
    expect((await verify(session, { mfaType: 'app', secret, passcode: phoneCode(secret, -1) })).data).toEqual({ verified: true });
  });

  it('a code shown at setup stops verifying once the clock is two steps on', async () => {
    const session = newSession();
    const { secret } = (await setup(session, { mfaType: 'app' })).data;
    const shownAtSetup = phoneCode(secret);
    clock.advance(2 * STEP_MS);
    expect((await verify(session, { mfaType: 'app', secret, passcode: shownAtSetup })).data).toEqual({ verified: false });
    expect((await verify(session, { mfaType: 'app', secret, passcode: phoneCode(secret) })).data).toEqual({ verified: true });
  });

  it("verify with a secret other than the one setup issued is rejected, even with that secret's own real code", async () => {
    const session = newSession();
    await setup(session, { mfaType: 'app' });
    const other = OTHER_SECRET;
    const res = await verify(session, { mfaType: 'app', secret: other, passcode: phoneCode(other) });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ verified: false });
  });

  it('a new setup replaces the pending one: the old secret no longer verifies', async () => {
    const session = newSession();
    const first = (await setup(session, { mfaType: 'app' })).data.secret as string;
    const second = (await setup(session, { mfaType: 'app' })).data.secret as string;
    expect(second).not.toBe(first);
    expect((await verify(session, { mfaType: 'app', secret: first, passcode: phoneCode(first) })).data).toEqual({ verified: false });
    expect((await verify(session, { mfaType: 'app', secret: second, passcode: phoneCode(second) })).data).toEqual({ verified: true });
  });

  it('an operator token may run the flow for John (the path id names the user)', async () => {
    const session = newSession();
    const { secret, recoveryCodes } = await setupAndVerifyApp(session, { headers: OPERATOR });
    expect((await enable(session, { mfaType: 'app', secret, recoveryCode: recoveryCodes[0] }, { headers: OPERATOR })).data).toEqual({ enabled: true });
    expect((await status(session)).data.methods).toEqual(['app']);
  });
});

describe('lerian flow ordering and recovery codes', () => {
  it('verify before setup → 400 IDE-1011', async () => {
    const session = newSession();
    const app = await verify(session, { mfaType: 'app', secret: OTHER_SECRET, passcode: phoneCode(OTHER_SECRET) });
    expect(app.statusCode).toBe(400);
    expect(app.data).toEqual(IDE_1011);
    const email = await verify(session, { mfaType: 'email', passcode: '123456' });
    expect(email.statusCode).toBe(400);
    expect(email.data).toEqual(IDE_1011);
  });

  it('enable before setup → 400 IDE-1011', async () => {
    const res = await enable(newSession(), { mfaType: 'email', recoveryCode: 'a1b2c3d4e5' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual(IDE_1011);
  });

  it('enable before verify → 400 IDE-1013, and the method stays off', async () => {
    const session = newSession();
    const { secret, recoveryCodes } = (await setup(session, { mfaType: 'app' })).data;
    const res = await enable(session, { mfaType: 'app', secret, recoveryCode: recoveryCodes[0] });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual(IDE_1013);
    // A wrong passcode does not count as verified either.
    await verify(session, { mfaType: 'app', secret, passcode: notTheCode(secret) });
    expect((await enable(session, { mfaType: 'app', secret, recoveryCode: recoveryCodes[0] })).data).toEqual(IDE_1013);
    expect((await status(session)).data).toEqual(NOT_ENROLLED);
    // The code refused above was not spent: after a real verify it enables.
    await verify(session, { mfaType: 'app', secret, passcode: phoneCode(secret) });
    expect((await enable(session, { mfaType: 'app', secret, recoveryCode: recoveryCodes[0] })).data).toEqual({ enabled: true });
  });

  it("enable with a secret that is not the pending setup's is refused (IDE-1011)", async () => {
    const session = newSession();
    const { recoveryCodes } = await setupAndVerifyApp(session);
    const res = await enable(session, { mfaType: 'app', secret: 'JBSWY3DPEHPK3PXP', recoveryCode: recoveryCodes[0] });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual(IDE_1011);
    expect((await status(session)).data).toEqual(NOT_ENROLLED);
  });

  it("wrong recovery code → 400 IDE-1012 (the docs' example code, and a code issued for another method)", async () => {
    const session = newSession();
    const { secret } = await setupAndVerifyApp(session);
    const { recoveryCodes: emailCodes } = await setupAndVerifyEmail(session);
    for (const recoveryCode of ['a1b2c3d4e5', emailCodes[0]!]) {
      const res = await enable(session, { mfaType: 'app', secret, recoveryCode });
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual(IDE_1012);
    }
    expect((await status(session)).data).toEqual(NOT_ENROLLED);
    // The email code was not consumed by the failed app attempt.
    expect((await enable(session, { mfaType: 'email', recoveryCode: emailCodes[0] })).data).toEqual({ enabled: true });
  });

  it('each recovery code works once: the one that enabled is spent, the other seven are kept, and it cannot enable again', async () => {
    const session = newSession();
    const { secret, recoveryCodes } = await setupAndVerifyApp(session);
    const [spent, ...unspent] = recoveryCodes;
    expect((await enable(session, { mfaType: 'app', secret, recoveryCode: spent })).data).toEqual({ enabled: true });
    expect((await johnInState(session)).recoveryCodes.sort()).toEqual([...unspent].sort());

    // The setup is finished: enabling again (even with an unspent code) has no pending setup.
    expect((await enable(session, { mfaType: 'app', secret, recoveryCode: unspent[0] })).data).toEqual(IDE_1011);

    // Re-enrolling issues a fresh set; the spent code is refused there, a fresh one works once.
    const again = await setupAndVerifyApp(session);
    expect(again.recoveryCodes).not.toContain(spent);
    expect((await enable(session, { mfaType: 'app', secret: again.secret, recoveryCode: spent })).data).toEqual(IDE_1012);
    expect((await enable(session, { mfaType: 'app', secret: again.secret, recoveryCode: again.recoveryCodes[0] })).data).toEqual({ enabled: true });
    expect((await enable(session, { mfaType: 'app', secret: again.secret, recoveryCode: again.recoveryCodes[0] })).statusCode).toBe(400);
    expect((await status(session)).data.methods).toEqual(['app']);
  });
});

describe('lerian email and SMS passcodes', () => {
  it('email setup delivers a 6-digit passcode to the outbox that verifies once; enable then shows email', async () => {
    const session = newSession();
    const started = await setup(session, { mfaType: 'email' });
    expect(started.statusCode).toBe(200);
    expect(started.data).not.toHaveProperty('secret');
    expect(started.data).not.toHaveProperty('url');
    expect(started.data).toMatchObject({ mfaType: 'email', enabled: false });
    expect(started.data.recoveryCodes).toHaveLength(8);

    const messages = await outbox(session);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'email', to: 'johndoe@example.com', surface: 'lerian', userId: JOHN_ID });
    const code = messages[0]!.code!;
    expect(code).toMatch(/^\d{6}$/);

    const wrong = code === '000000' ? '111111' : '000000';
    expect((await verify(session, { mfaType: 'email', passcode: wrong })).data).toEqual({ verified: false });
    expect((await enable(session, { mfaType: 'email', recoveryCode: started.data.recoveryCodes[0] })).data).toEqual(IDE_1013);
    expect((await verify(session, { mfaType: 'email', passcode: code })).data).toEqual({ verified: true });
    expect((await verify(session, { mfaType: 'email', passcode: code })).data).toEqual({ verified: false });

    expect((await enable(session, { mfaType: 'email', recoveryCode: started.data.recoveryCodes[0] })).data).toEqual({ enabled: true });
    expect((await status(session)).data).toEqual({
      enabled: true,
      preferredType: 'email',
      methods: ['email'],
      totpEnabled: false,
      emailEnabled: true,
      smsEnabled: false,
    });
  });

  it('an emailed passcode does not verify the app method, nor an app code the email method', async () => {
    const session = newSession();
    const { secret } = (await setup(session, { mfaType: 'app' })).data;
    await setup(session, { mfaType: 'email' });
    const emailed = (await outbox(session)).at(-1)!.code!;
    expect((await verify(session, { mfaType: 'app', secret, passcode: emailed })).data).toEqual({ verified: phoneCode(secret) === emailed });
    expect((await verify(session, { mfaType: 'email', passcode: phoneCode(secret) })).data).toEqual({ verified: phoneCode(secret) === emailed });
  });

  it('sms setup sends a passcode (channel sms) that verifies with an ISO country code; sms then shows enabled', async () => {
    const session = newSession();
    const started = await setup(session, { mfaType: 'sms' });
    expect(started.data).toMatchObject({ mfaType: 'sms', enabled: false });
    const [message] = await outbox(session);
    expect(message).toMatchObject({ channel: 'sms', surface: 'lerian', to: '+12025550123' });
    expect((await verify(session, { mfaType: 'sms', passcode: message!.code, countryCode: 'BR' })).data).toEqual({ verified: true });
    expect((await enable(session, { mfaType: 'sms', recoveryCode: started.data.recoveryCodes[7] })).data).toEqual({ enabled: true });
    expect((await status(session)).data).toMatchObject({ enabled: true, methods: ['sms'], smsEnabled: true, preferredType: 'sms' });
  });

  it('sms setup for a user without a phone number is refused (IDE-1016), and sends nothing', async () => {
    const session = newSession();
    const operator = { headers: OPERATOR, userId: '019c96a0-0000-7000-8000-0000000000ad' };
    const refused = await setup(session, { mfaType: 'sms' }, { ...operator, headers: { ...OPERATOR, prefer: 'explain' } });
    expect([refused.statusCode, refused.data.code]).toEqual([400, 'IDE-1016']);
    expect(refused.headers['x-mock-explain']).toContain('has no phone number to send SMS passcodes to');
    expect(await outbox(session)).toEqual([]);
    expect((await setup(session, { mfaType: 'email' }, operator)).statusCode).toBe(200);
  });
});

describe('lerian preferred method and disable (undocumented route)', () => {
  it('preferred for a method that is not enabled → 400 IDE-1014; status unchanged', async () => {
    const session = newSession();
    await useScenario(session, 'mfa-enabled');
    const res = await preferred(session, { mfaType: 'email' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual(IDE_1014);
    expect((await status(session)).data.preferredType).toBe('app');
    // Nothing enabled at all in default.
    expect((await preferred(newSession(), { mfaType: 'app', secret: 'JBSWY3DPEHPK3PXP' })).data).toEqual(IDE_1014);
  });

  it("with app and email enabled, preferring email shows up in status (the spec's multipleMethods example)", async () => {
    const session = newSession();
    await useScenario(session, 'mfa-enabled');
    const { recoveryCodes } = await setupAndVerifyEmail(session);
    expect((await enable(session, { mfaType: 'email', recoveryCode: recoveryCodes[0] })).data).toEqual({ enabled: true });
    // Enabling a second method keeps the preference.
    expect((await status(session)).data.preferredType).toBe('app');

    const res = await preferred(session, { mfaType: 'email' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ preferredType: 'email' });
    expect((await status(session)).data).toEqual({
      enabled: true,
      preferredType: 'email',
      methods: ['app', 'email'],
      totpEnabled: true,
      emailEnabled: true,
      smsEnabled: false,
    });

    const back = await preferred(session, { mfaType: 'app', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    expect(back.data).toEqual({ preferredType: 'app' });
    expect((await status(session)).data.preferredType).toBe('app');
  });

  it('mfa-enabled: the enrolled authenticator verifies without a new setup, but enable needs one (IDE-1011)', async () => {
    const session = newSession();
    await useScenario(session, 'mfa-enabled');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // the scenario's enrolled factor
    const passcode = phoneCode(secret);
    expect((await verify(session, { mfaType: 'app', secret, passcode })).data).toEqual({ verified: true });
    expect((await verify(session, { mfaType: 'app', secret, passcode })).data).toEqual({ verified: false });
    expect((await enable(session, { mfaType: 'app', secret, recoveryCode: 'a1b2c3d4e5' })).data).toEqual(IDE_1011);
  });

  it('a new setup of a method in use answers enabled true: the method stays on until the new setup is enabled', async () => {
    const session = newSession();
    await useScenario(session, 'mfa-enabled');
    const enrolled = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // the scenario's enrolled factor
    const before = (await status(session)).data;
    const again = await setup(session, { mfaType: 'app' });
    expect([again.statusCode, again.data.mfaType, again.data.enabled]).toEqual([200, 'app', true]);
    expect(again.data.secret).not.toBe(enrolled);
    expect((await status(session)).data).toEqual(before);
    // A method never enabled is still false.
    expect((await setup(session, { mfaType: 'email' })).data.enabled).toBe(false);
  });

  it('disable turns a method off ({enabled:false}); status follows, the preference moves, and disabling again is IDE-1014', async () => {
    const session = newSession();
    await useScenario(session, 'mfa-enabled');
    const { recoveryCodes } = await setupAndVerifyEmail(session);
    await enable(session, { mfaType: 'email', recoveryCode: recoveryCodes[0] });

    const offApp = await disable(session, { mfaType: 'app' });
    expect(offApp.statusCode).toBe(200);
    expect(offApp.data).toEqual({ enabled: false });
    expect((await status(session)).data).toEqual({
      enabled: true,
      preferredType: 'email',
      methods: ['email'],
      totpEnabled: false,
      emailEnabled: true,
      smsEnabled: false,
    });

    const again = await disable(session, { mfaType: 'app' });
    expect(again.statusCode).toBe(400);
    expect(again.data).toEqual(IDE_1014);
    expect((await preferred(session, { mfaType: 'app', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })).data).toEqual(IDE_1014);

    const offEmail = await disable(session, { mfaType: 'email' });
    expect(offEmail.data).toEqual({ enabled: false });
    const final = await status(session);
    expect(final.data).toEqual(NOT_ENROLLED);
    expect(final.data).not.toHaveProperty('preferredType');
  });

  it('disable in default (nothing enabled) → 400 IDE-1014', async () => {
    const res = await disable(newSession(), { mfaType: 'sms' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual(IDE_1014);
  });

  it('after disabling, the method can be enrolled again through the full flow', async () => {
    const session = newSession();
    await useScenario(session, 'mfa-enabled');
    expect((await disable(session, { mfaType: 'app' })).data).toEqual({ enabled: false });
    expect((await status(session)).data).toEqual(NOT_ENROLLED);
    const { secret, recoveryCodes } = await setupAndVerifyApp(session);
    expect((await enable(session, { mfaType: 'app', secret, recoveryCode: recoveryCodes[1] })).data).toEqual({ enabled: true });
    expect((await status(session)).data).toMatchObject({ enabled: true, preferredType: 'app', methods: ['app'] });
  });
});

describe('lerian request validation (vendor error shape)', () => {
  it('a non-UUID path id → 400 IDE-0003 exactly as the seed, on every operation', async () => {
    const session = newSession();
    const bad = { userId: 'johndoe' };
    const responses = [
      await status(session, bad),
      await setup(session, { mfaType: 'app' }, bad),
      await verify(session, { mfaType: 'email', passcode: '123456' }, bad),
      await enable(session, { mfaType: 'email', recoveryCode: 'a1b2c3d4e5' }, bad),
      await preferred(session, { mfaType: 'email' }, bad),
      await disable(session, { mfaType: 'email' }, bad),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual(IDE_0003);
    }
  });

  it('malformed JSON → 400 IDE-0007 exactly as the seed, on every operation with a body', async () => {
    const session = newSession();
    for (const [method, suffix] of [
      ['POST', '/setup'],
      ['POST', '/verify'],
      ['POST', '/enable'],
      ['PATCH', '/preferred'],
      ['POST', '/disable'],
    ] as const) {
      const res = await raw(session, method, suffix, '{"mfaType":');
      expect(res.statusCode).toBe(400);
      expect(res.data).toEqual(IDE_0007);
    }
    expect((await status(session)).statusCode).toBe(200);
  });

  it('a request without a valid token is 401 IDE-0008 whatever its body: the token is checked before the body is read', async () => {
    const session = newSession();
    for (const authorization of [undefined, 'Bearer nope']) {
      for (const [payload, contentType] of [
        ['{"mfaType":', 'application/json'],
        ['mfaType=app', 'text/plain'],
      ] as const) {
        const res = await sandbox.request({
          method: 'POST',
          url: mfaUrl(JOHN_ID, '/setup'),
          session,
          headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
          payload,
        });
        expect([res.statusCode, res.data], `${authorization} ${payload}`).toEqual([401, IDE_0008]);
      }
    }
  });

  it('missing field → 400 IDE-0001 with a fields map naming each missing field', async () => {
    const session = newSession();
    const noType = await setup(session, {});
    expect(noType.statusCode).toBe(400);
    expect(noType.data).toEqual({ ...IDE_0001, fields: { mfaType: 'mfaType is a required field' } });

    const noCode = await enable(session, { mfaType: 'email' });
    expect(noCode.data).toEqual({ ...IDE_0001, fields: { recoveryCode: 'recoveryCode is a required field' } });

    const empty = await verify(session, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.data).toMatchObject(IDE_0001);
    expect(Object.keys(empty.data.fields).sort()).toEqual(['mfaType', 'passcode']);

    const noPreferred = await preferred(session, {});
    expect(noPreferred.data).toEqual({ ...IDE_0001, fields: { mfaType: 'mfaType is a required field' } });
    const noDisable = await disable(session, {});
    expect(noDisable.data).toEqual({ ...IDE_0001, fields: { mfaType: 'mfaType is a required field' } });
  });

  it('secret is required for app on verify, enable and preferred (IDE-0001, fields.secret), not for email', async () => {
    const session = newSession();
    const expected = { ...IDE_0001, fields: { secret: 'secret is a required field' } };
    expect((await verify(session, { mfaType: 'app', passcode: '123456' })).data).toEqual(expected);
    expect((await enable(session, { mfaType: 'app', recoveryCode: 'a1b2c3d4e5' })).data).toEqual(expected);
    expect((await preferred(session, { mfaType: 'app' })).data).toEqual(expected);
    // Without the secret rule, email reaches the flow and fails there instead.
    expect((await verify(session, { mfaType: 'email', passcode: '123456' })).data).toEqual(IDE_1011);
  });

  it('wrong enum, wrong types and out-of-range values → 400 IDE-0007', async () => {
    const session = newSession();
    const bodies: Array<[typeof setup, unknown]> = [
      [setup, { mfaType: 'totp' }],
      [setup, { mfaType: 'APP' }],
      [verify, { mfaType: 'email', passcode: '12345' }], // shorter than 6
      [verify, { mfaType: 'email', passcode: '123456789' }], // longer than 8
      [verify, { mfaType: 'email', passcode: 123456 }],
      [verify, { mfaType: 'sms', passcode: '123456', countryCode: '+1' }], // dial prefix, not ISO alpha-2
      [enable, { mfaType: 'email', recoveryCode: '' }],
      [preferred, { mfaType: 'whatsapp' }],
      [disable, { mfaType: 'passkey' }],
    ];
    for (const [send, body] of bodies) {
      const res = await send(session, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data, JSON.stringify(body)).toEqual(IDE_0007);
    }
  });

  it('unknown body fields are rejected (closed bodies) with IDE-0007', async () => {
    const session = newSession();
    const res = await setup(session, { mfaType: 'app', userId: JOHN_ID });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual(IDE_0007);
    expect((await disable(session, { mfaType: 'app', force: true })).data).toEqual(IDE_0007);
    // Nothing was set up by the rejected request.
    expect(await outbox(session)).toEqual([]);
  });

  it('a body that is not JSON (wrong content type), not an object, or absent → 400 IDE-0007', async () => {
    const session = newSession();
    expect((await raw(session, 'POST', '/setup', 'mfaType=app', 'application/x-www-form-urlencoded')).data).toEqual(IDE_0007);
    expect((await raw(session, 'POST', '/setup', '{"mfaType":"app"}', 'text/plain')).data).toEqual(IDE_0007);
    // A header that names no media type (Fastify answered its own 415 to it): not JSON either.
    expect((await raw(session, 'POST', '/setup', '{"mfaType":"app"}', ';;;')).data).toEqual(IDE_0007);
    expect((await raw(session, 'POST', '/setup', '["app"]')).data).toEqual(IDE_0007);
    const none = await sandbox.request({ method: 'POST', url: mfaUrl(JOHN_ID, '/setup'), session, headers: JOHN });
    expect(none.statusCode).toBe(400);
    expect(none.data).toEqual(IDE_0007);
    const proto = await raw(session, 'POST', '/setup', '{"mfaType":"app","__proto__":{"polluted":true}}');
    expect(proto.data).toEqual(IDE_0007);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await status(session)).data).toEqual(NOT_ENROLLED);
  });
});

describe('lerian auth', () => {
  it('no bearer, an unknown bearer or another scheme → 401 IDE-0008 on every operation', async () => {
    const session = newSession();
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'Basic bGVyaWFuOnRva2Vu' },
      { authorization: 'lerian-token-johndoe' },
    ];
    for (const headers of cases) {
      const responses = [
        await status(session, { headers }),
        await setup(session, { mfaType: 'app' }, { headers }),
        await verify(session, { mfaType: 'email', passcode: '123456' }, { headers }),
        await enable(session, { mfaType: 'email', recoveryCode: 'a1b2c3d4e5' }, { headers }),
        await preferred(session, { mfaType: 'email' }, { headers }),
        await disable(session, { mfaType: 'email' }, { headers }),
      ];
      for (const res of responses) {
        expect(res.statusCode, JSON.stringify(headers)).toBe(401);
        expect(res.data).toEqual(IDE_0008);
      }
    }
    // The refused setup changed nothing.
    expect(await outbox(session)).toEqual([]);
    expect((await status(session)).data).toEqual(NOT_ENROLLED);
  });

  it('the bearer scheme name is case-insensitive (RFC 7235)', async () => {
    const res = await status(newSession(), { headers: { authorization: 'bearer lerian-token-johndoe' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('lerian session isolation', () => {
  it('enrolment in one session does not leak into another', async () => {
    const a = newSession();
    const b = newSession();
    const { secret, recoveryCodes } = await setupAndVerifyApp(a);
    await enable(a, { mfaType: 'app', secret, recoveryCode: recoveryCodes[0] });
    expect((await status(a)).data.enabled).toBe(true);
    expect((await status(b)).data).toEqual(NOT_ENROLLED);
    expect((await enable(b, { mfaType: 'app', secret, recoveryCode: recoveryCodes[1] })).data).toEqual(IDE_1011);
  });
});
