import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock } from '../../src/engine/clock.js';
import { createAdminAnswerCheck } from '../harness/admin-answer-check.js';
import { GENAUTH_ACCESS_KEY, genauthStringToSign, signGenAuthRequest } from '../harness/genauth-signer.js';
import { SoftwareAuthenticator } from '../harness/software-authenticator.js';
import { createTestSandbox, type CheckedResponse, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode, wrongCode } from '../harness/totp.js';

/**
 * Issue 19 item 4: a refusal explains itself in its journal entry and, asked with `Prefer: explain`, in `X-Mock-Explain`;
 * the vendor's body is the same byte for byte either way. Every vendor answer is checked against its spec by the
 * harness, every journal answer against the admin spec.
 */

/** The secret of the TOTP factor each `mfa-enabled` scenario enrols. */
const ENROLLED_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const JOHN_ID = '019c96a0-0c21-71f9-a487-66a1258278a1';
const NEST_ADA = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';

/** Mid-step, so no code straddles a 30-second boundary; moved by nobody. */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));

let sandbox: TestSandbox;
let checkAdmin: Awaited<ReturnType<typeof createAdminAnswerCheck>>;
let sessionCount = 0;
const newSession = () => `explain-${++sessionCount}`;

beforeAll(async () => {
  sandbox = await createTestSandbox({}, { clock });
  checkAdmin = await createAdminAnswerCheck(sandbox.app);
});
afterAll(async () => {
  await sandbox.close();
});

interface Refusal {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: object | string;
  scenario?: string;
  /** Prefer values besides the scenario and `explain` (e.g. `code=401`). */
  prefer?: string;
  /** Runs in each of the two sessions before the request (e.g. QA's lock). */
  prepare?: (session: string) => Promise<unknown>;
}

/** GenAuth stamps a fresh requestId on every answer: the one part of a body that differs between two requests. */
const withoutRequestId = (body: string) => body.replace(/"requestId":"[^"]*"/, '"requestId":"-"');

async function journalOf(session: string) {
  const response = await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` });
  expect(checkAdmin('getJournal', response)).toEqual([]);
  return response.json<Array<{ status: number; explanation?: Record<string, unknown> }>>();
}

/**
 * Send the same request in two sessions in the same state, without and with `Prefer: explain`: the bodies are equal,
 * only the second has the header, and both journal entries carry the explanation the header sent.
 */
async function refuse(refusal: Refusal): Promise<{ response: CheckedResponse; explanation: any }> {
  const send = async (session: string, explain: boolean) => {
    await refusal.prepare?.(session);
    const prefer = [refusal.scenario && `scenario=${refusal.scenario}`, refusal.prefer, explain && 'explain'].filter(Boolean).join(', ');
    const headers = { ...refusal.headers, ...(prefer ? { prefer } : {}) };
    return sandbox.request({ method: refusal.method ?? 'GET', url: refusal.url, headers, session, ...(refusal.payload ? { payload: refusal.payload } : {}) });
  };
  const [plainSession, explainedSession] = [newSession(), newSession()];
  const plain = await send(plainSession, false);
  const response = await send(explainedSession, true);
  expect(plain.isFault || response.isFault, response.body).toBe(false);
  expect(plain.headers['x-mock-explain']).toBeUndefined();
  expect(withoutRequestId(response.body)).toBe(withoutRequestId(plain.body));
  expect(response.statusCode).toBe(plain.statusCode);
  const header = String(response.headers['x-mock-explain']);
  expect(header).toMatch(/^[\x20-\x7e]+$/);
  const explanation = JSON.parse(header);
  expect((await journalOf(explainedSession)).at(-1)!.explanation).toEqual(explanation);
  // The same explanation, but for the session it names (QA's links point into the session that was refused).
  const inPlainSession = JSON.stringify(explanation).replace(new RegExp(`/sessions/${explainedSession}(?![\\w-])`, 'g'), `/sessions/${plainSession}`);
  expect((await journalOf(plainSession)).at(-1)!.explanation).toEqual(JSON.parse(inPlainSession));
  return { response, explanation };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('flashback', () => {
  it('401 without a token names the tokens that would pass', async () => {
    const { response, explanation } = await refuse({ url: '/flashback/mfa/status' });
    expect([response.statusCode, response.data.error]).toEqual([401, 'Invalid or missing access token']);
    expect(explanation).toMatchObject({ rule: 'authentication', message: expect.stringContaining('no bearer token') });
    expect(explanation.wouldPass).toContain('Authorization: Bearer flashback-token-ada (user usr_ada)');
  });

  it('401 with an unknown token says which token it received', async () => {
    const { explanation } = await refuse({ url: '/flashback/mfa/status', headers: bearer('flashback-token-nobody') });
    expect(explanation).toMatchObject({ rule: 'authentication', received: 'flashback-token-nobody' });
  });

  it('400 names the field, the schema keyword and the values that pass', async () => {
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/flashback/mfa/setup',
      headers: bearer('flashback-token-ada'),
      payload: { mfaType: 'SMS' },
    });
    expect([response.statusCode, response.data.error]).toEqual([400, 'Invalid MFA type specified']);
    expect(explanation).toMatchObject({
      rule: 'request-schema',
      pointer: '/body/mfaType',
      keyword: 'enum',
      expected: 'one of "GOOGLE_AUTH", "MAGIC_LINK", "PASSKEY"',
    });
  });

  it('400 for a boolean sent as text says to send it without quotes', async () => {
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/flashback/mfa/organization/enforce',
      headers: bearer('flashback-token-ada'),
      payload: { enforced: 'true' },
    });
    expect([response.statusCode, response.data.error]).toEqual([400, 'enforced must be a boolean']);
    expect(explanation).toMatchObject({
      pointer: '/body/enforced',
      received: '"true"',
      wouldPass: '/body/enforced: true, without quotes (a JSON boolean, not a string)',
    });
  });

  it('a wrong TOTP code at sign-in is told the code the enrolled secret shows now', async () => {
    const sent = wrongCode(ENROLLED_SECRET, clock.now());
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/flashback/mfa/verify-login',
      headers: bearer('flashback-token-ada'),
      payload: { mfaType: 'GOOGLE_AUTH', code: sent },
      scenario: 'mfa-enabled',
    });
    expect([response.statusCode, response.data.error]).toEqual([400, 'MFA verification failed']);
    expect(explanation).toMatchObject({ rule: 'wrong-code', received: sent, expected: authenticatorCode(ENROLLED_SECRET, 0, clock.now()) });
  });

  it('a backup code used up and a missing code are told as such at sign-in, not as TOTP codes (code takes both)', async () => {
    const signIn = { method: 'POST', url: '/flashback/mfa/verify-login', headers: bearer('flashback-token-ada'), scenario: 'mfa-enabled' } as const;
    const useBackupCode = (session: string) =>
      sandbox.request({
        ...signIn,
        headers: { ...signIn.headers, prefer: 'scenario=mfa-enabled' },
        session,
        payload: { mfaType: 'GOOGLE_AUTH', code: '40213377' },
      });
    const reused = await refuse({ ...signIn, payload: { mfaType: 'GOOGLE_AUTH', code: '40213377' }, prepare: useBackupCode });
    expect([reused.response.statusCode, reused.response.data.error]).toEqual([400, 'MFA verification failed']);
    expect(reused.explanation).toMatchObject({
      rule: 'wrong-code',
      message: 'code "40213377" is neither a TOTP code (six digits) nor one of the user\'s 2 unused backup codes (each is accepted once)',
      expected: authenticatorCode(ENROLLED_SECRET, 0, clock.now()),
    });
    const missing = await refuse({ ...signIn, payload: { mfaType: 'GOOGLE_AUTH' } });
    expect(missing.explanation.message).toBe("no code was sent: code takes the TOTP code of the user's authenticator, or one of their backup codes");
  });

  it('verify-setup of a magic link not followed yet says which steps confirm the address (setup sends nothing)', async () => {
    const setUp = (session: string) =>
      sandbox.request({
        method: 'POST',
        url: '/flashback/mfa/setup',
        headers: bearer('flashback-token-ada'),
        session,
        payload: { mfaType: 'MAGIC_LINK', email: 'ada@example.com' },
      });
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/flashback/mfa/verify-setup',
      headers: bearer('flashback-token-ada'),
      payload: { mfaType: 'MAGIC_LINK' },
      prepare: setUp,
    });
    expect([response.statusCode, response.data.error]).toEqual([400, 'MFA setup verification failed']);
    expect(explanation).toMatchObject({
      rule: 'precondition',
      wouldPass: expect.stringContaining('POST /mfa/magic-link/send, then follow the link from the outbox'),
    });
  });

  it("the organisation's enforcement (Flashback) and the app's policy (nest-auth) are named, with what lifts them", async () => {
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/flashback/mfa/disable',
      headers: bearer('flashback-token-ada'),
      payload: { mfaType: 'GOOGLE_AUTH' },
      scenario: 'org-enforced',
    });
    expect([response.statusCode, response.data.error]).toEqual([403, 'Cannot disable MFA when enforced by organization']);
    expect(explanation).toEqual({
      rule: 'precondition',
      message: 'the organisation enforces MFA (its mfaEnforced, as in scenario org-enforced), so no method may be switched off',
      wouldPass: expect.stringMatching(/^POST \/mfa\/organization\/enforce \{"enforced": false\} as an admin of the organisation \(usr_\w+.*\) first/),
    });
    const toggled = await refuse({
      method: 'POST',
      url: '/nest-auth/auth/mfa/toggle',
      headers: bearer('nest-auth-token-ada'),
      payload: { enabled: false },
      scenario: 'org-enforced',
    });
    expect([toggled.response.statusCode, toggled.response.data.code]).toEqual([403, 'MFA_TOGGLING_NOT_ALLOWED']);
    expect(toggled.explanation).toMatchObject({
      rule: 'precondition',
      message:
        "users may not switch MFA on or off here: the app's mfa.required is true (the scenario's policy.required, as in org-enforced): every user must keep MFA on",
      wouldPass: expect.stringContaining('allowUserToggle: true and required: false'),
    });
  });

  it('a user QA locked is told how to unlock; Prefer code=401 is told it was scripted', async () => {
    const lock = (session: string) => sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/users/usr_ada/lock`, payload: { locked: true } });
    const locked = await refuse({ url: '/flashback/mfa/status', headers: bearer('flashback-token-ada'), prepare: lock });
    expect([locked.response.statusCode, locked.explanation.rule]).toEqual([403, 'locked']);
    expect(locked.explanation.wouldPass).toMatch(/PUT \/__admin\/sessions\/explain-\d+\/users\/usr_ada\/lock/);
    const scripted = await refuse({ url: '/flashback/mfa/status', headers: bearer('flashback-token-ada'), prefer: 'code=401' });
    expect(scripted.explanation).toMatchObject({ rule: 'scripted', message: expect.stringContaining('Prefer: code=401') });
  });
});

describe('flashback passkeys and magic links', () => {
  const ada = bearer('flashback-token-ada');
  const explainedRequest = (session: string, url: string, payload: object, headers: Record<string, string> = ada) =>
    sandbox.request({ method: 'POST', url: `/flashback${url}`, session, headers: { ...headers, prefer: 'explain' }, payload });
  const explanationOf = (response: CheckedResponse) => JSON.parse(String(response.headers['x-mock-explain']));
  const latestLinkToken = async (session: string) => {
    const outbox = await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox?contains=link` });
    return outbox.json<Array<{ token: string }>>().at(-1)!.token;
  };

  it('an unknown magic-link token is told no such link was sent, and where the links are', async () => {
    const { response, explanation } = await refuse({ method: 'POST', url: '/flashback/mfa/magic-link/activate', payload: { token: 'no-such-token' } });
    expect([response.statusCode, response.data.error]).toEqual([400, 'Invalid or expired token']);
    expect(explanation).toMatchObject({ rule: 'magic-link', received: 'no-such-token', message: expect.stringContaining('no magic link with this token') });
    expect(explanation.wouldPass).toMatch(/GET \/__admin\/sessions\/explain-\d+\/outbox\?contains=link/);
  });

  it('an expired link says when it expired on the session clock; a followed one that it works once', async () => {
    const session = newSession();
    const setup = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/setup',
      session,
      headers: ada,
      payload: { mfaType: 'MAGIC_LINK', email: 'ada@example.com' },
    });
    expect(setup.statusCode).toBe(200);
    const send = () => sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', session, headers: ada });
    expect((await send()).statusCode).toBe(200);
    const first = await latestLinkToken(session);
    await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/clock`, payload: { advanceMs: 11 * 60_000 } });
    const expired = await explainedRequest(session, '/mfa/magic-link/activate', { token: first });
    expect(expired.statusCode).toBe(400);
    expect(explanationOf(expired)).toMatchObject({
      rule: 'magic-link',
      received: first,
      message: expect.stringMatching(/^this magic link expired at .+; the session's time is /),
    });

    expect((await send()).statusCode).toBe(200);
    const second = await latestLinkToken(session);
    expect((await explainedRequest(session, '/mfa/magic-link/activate', { token: second })).statusCode).toBe(200);
    const again = await explainedRequest(session, '/mfa/magic-link/activate', { token: second });
    expect(explanationOf(again)).toMatchObject({
      rule: 'magic-link',
      message: 'this magic link was already used (followed, or redeemed by a sign-in): a link works once',
    });
    // The QA page a browser opens says the same.
    const page = await sandbox.app.inject({ url: `/__admin/sessions/${session}/magic-links/${second}` });
    expect([page.statusCode, page.body]).toEqual([400, expect.stringContaining('this magic link was already used')]);
  });

  it('a sign-in with a link sent to another user says whose it was, not that it was followed', async () => {
    const session = newSession();
    const as = (token: string) => bearer(token);
    const post = (url: string, headers: Record<string, string>, payload?: object) =>
      sandbox.request({ method: 'POST', url: `/flashback${url}`, session, headers, ...(payload ? { payload } : {}) });
    expect((await post('/mfa/setup', ada, { mfaType: 'MAGIC_LINK', email: 'ada@example.com' })).statusCode).toBe(200);
    expect((await post('/mfa/magic-link/send', ada)).statusCode).toBe(200);
    expect((await post('/mfa/magic-link/activate', {}, { token: await latestLinkToken(session) })).statusCode).toBe(200);
    expect((await post('/mfa/magic-link/send', as('flashback-token-bob'))).statusCode).toBe(200);
    const bobs = await latestLinkToken(session);
    const login = await explainedRequest(session, '/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: bobs });
    expect([login.statusCode, login.data.error]).toEqual([400, 'MFA verification failed']);
    expect(explanationOf(login)).toMatchObject({ rule: 'magic-link', message: 'this magic link was sent to user usr_bob, not to usr_ada who is signing in' });
    // Left as it was: Bob still follows his own link (the attempt used it up, and his page said it was followed).
    const followed = await sandbox.app.inject({ url: `/__admin/sessions/${session}/magic-links/${bobs}` });
    expect([followed.statusCode, followed.body]).toEqual([200, expect.stringContaining('Magic link activated')]);
  });

  it('a magic-link sign-in without an enabled magic-link factor is told to set one up', async () => {
    const { explanation } = await refuse({
      method: 'POST',
      url: '/flashback/mfa/verify-login',
      headers: ada,
      payload: { mfaType: 'MAGIC_LINK', token: 'whatever' },
    });
    expect(explanation).toMatchObject({ rule: 'magic-link', message: "the user's magic-link factor is not enabled, so no link signs them in" });
  });

  it("a passkey assertion from a credential the user does not have names the user's passkeys", async () => {
    const credential = {
      id: 'not-a-passkey-of-ada',
      rawId: 'not-a-passkey-of-ada',
      type: 'public-key',
      response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
    };
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/flashback/mfa/verify-login',
      headers: ada,
      payload: { mfaType: 'PASSKEY', credential },
      scenario: 'mfa-enabled',
    });
    expect([response.statusCode, response.data.error]).toEqual([400, 'MFA verification failed']);
    expect(explanation).toMatchObject({
      rule: 'passkey',
      received: 'not-a-passkey-of-ada',
      expected: 'j6b_gq3hMZsE3F9mYGLBww',
      message: expect.stringContaining('is not an enabled passkey of usr_ada'),
    });
  });

  it('a registration made on another origin, or over a challenge the session never issued, says which', async () => {
    const session = newSession();
    const setup = await sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', session, headers: ada, payload: { mfaType: 'PASSKEY' } });
    const { challenge } = setup.data.data;
    const phished = await explainedRequest(session, '/mfa/passkey/complete-registration', {
      credential: new SoftwareAuthenticator('https://evil.example').register(challenge),
      challenge,
    });
    expect([phished.statusCode, phished.data.error]).toEqual([400, 'Passkey registration failed']);
    expect(explanationOf(phished)).toMatchObject({
      rule: 'passkey',
      message: "the browser's origin https://evil.example is not on the relying party's host localhost",
    });
    const unissued = Buffer.from('never issued').toString('base64url');
    const forged = await explainedRequest(session, '/mfa/passkey/complete-registration', {
      credential: new SoftwareAuthenticator().register(unissued),
      challenge: unissued,
    });
    expect(explanationOf(forged)).toMatchObject({
      rule: 'passkey',
      message: `challenge ${unissued} was not issued in this session, or was already used (each works once)`,
    });
    // The session's own challenge still registers: a refusal used nothing up.
    expect(
      (await explainedRequest(session, '/mfa/passkey/complete-registration', { credential: new SoftwareAuthenticator().register(challenge), challenge }))
        .statusCode,
    ).toBe(200);
  });
});

describe('lerian', () => {
  it('401 IDE-0008 names the operator token', async () => {
    const { response, explanation } = await refuse({ url: `/lerian/v1/users/${JOHN_ID}/mfa` });
    expect([response.statusCode, response.data.code]).toEqual([401, 'IDE-0008']);
    expect(explanation.wouldPass).toContain('Bearer lerian-token-operator');
  });

  it('400 IDE-0003 points at the path parameter and its format', async () => {
    const { response, explanation } = await refuse({ url: '/lerian/v1/users/not-a-uuid/mfa', headers: bearer('lerian-token-operator') });
    expect([response.statusCode, response.data.code]).toEqual([400, 'IDE-0003']);
    expect(explanation).toMatchObject({ rule: 'request-schema', pointer: '/path/id', keyword: 'format' });
  });

  it('400 IDE-0007 for an unknown field beside a missing one points at the unknown field, which chose the code', async () => {
    const { response, explanation } = await refuse({
      method: 'POST',
      url: `/lerian/v1/users/${JOHN_ID}/mfa/enable`,
      headers: bearer('lerian-token-operator'),
      payload: { mfaType: 'app', secret: 'JBSWY3DPEHPK3PXP', passcode: '123456' }, // recoveryCode missing, passcode unknown
    });
    expect([response.statusCode, response.data.code]).toEqual([400, 'IDE-0007']);
    expect(explanation).toMatchObject({ rule: 'request-schema', pointer: '/body/passcode', wouldPass: 'leave out /body/passcode' });
    expect(explanation.message).toContain('recoveryCode is a required field'); // the other problem is still told
  });

  it("400 IDE-0007 for malformed JSON is told in the parser's words, not as a schema problem", async () => {
    const { response, explanation } = await refuse({
      method: 'POST',
      url: `/lerian/v1/users/${JOHN_ID}/mfa/setup`,
      headers: { ...bearer('lerian-token-operator'), 'content-type': 'application/json' },
      payload: '{"mfaType": "app",',
    });
    expect([response.statusCode, response.data.code]).toEqual([400, 'IDE-0007']);
    expect(explanation).toMatchObject({ rule: 'malformed-body' });
  });

  it('404 IDE-1003 names the user ids the scenario has', async () => {
    const { response, explanation } = await refuse({
      url: '/lerian/v1/users/019c96a0-0000-7000-8000-00000000beef/mfa',
      headers: bearer('lerian-token-operator'),
    });
    expect([response.statusCode, response.data.code]).toEqual([404, 'IDE-1003']);
    expect(explanation).toMatchObject({ rule: 'missing-user', received: '019c96a0-0000-7000-8000-00000000beef' });
    expect(explanation.wouldPass).toContain(JOHN_ID);
  });

  it('400 IDE-1014 names the methods the user has enabled', async () => {
    const { response, explanation } = await refuse({
      method: 'POST',
      url: `/lerian/v1/users/${JOHN_ID}/mfa/disable`,
      headers: bearer('lerian-token-operator'),
      payload: { mfaType: 'sms' },
      scenario: 'mfa-enabled',
    });
    expect([response.statusCode, response.data.code]).toEqual([400, 'IDE-1014']);
    expect(explanation).toMatchObject({ rule: 'precondition', message: `sms is not enabled for user ${JOHN_ID} (enabled: app)`, wouldPass: 'mfaType app' });
  });

  it('a rejected passcode ({verified:false}) is told the current code', async () => {
    const sent = wrongCode(ENROLLED_SECRET, clock.now());
    const { response, explanation } = await refuse({
      method: 'POST',
      url: `/lerian/v1/users/${JOHN_ID}/mfa/verify`,
      headers: bearer('lerian-token-operator'),
      payload: { mfaType: 'app', secret: ENROLLED_SECRET, passcode: sent },
      scenario: 'mfa-enabled',
    });
    expect([response.statusCode, response.data.verified]).toEqual([200, false]);
    expect(explanation).toMatchObject({ rule: 'wrong-code', expected: authenticatorCode(ENROLLED_SECRET, 0, clock.now()) });
  });
});

describe('nest-auth', () => {
  it('401 NO_AUTH_PROVIDED names the token that would pass', async () => {
    const { response, explanation } = await refuse({ url: '/nest-auth/auth/mfa/status' });
    expect([response.statusCode, response.data.code]).toEqual([401, 'NO_AUTH_PROVIDED']);
    expect(explanation).toMatchObject({ rule: 'authentication', wouldPass: `Authorization: Bearer nest-auth-token-ada (user ${NEST_ADA})` });
  });

  it("401 INVALID_CREDENTIALS at sign-in names the user's password, or that no user has the e-mail", async () => {
    const login = (email: string) => ({
      method: 'POST' as const,
      url: '/nest-auth/auth/login',
      payload: { providerName: 'email', credentials: { email, password: 'wrong' } },
    });
    const wrongPassword = await refuse(login('ada@example.com'));
    expect([wrongPassword.response.statusCode, wrongPassword.response.data.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(wrongPassword.explanation).toEqual({
      rule: 'authentication',
      message: 'wrong password for ada@example.com',
      wouldPass: 'the password "sandbox-password" (as the scenario gives it)',
    });
    const unknownEmail = await refuse(login('nobody@example.com'));
    expect(unknownEmail.explanation).toMatchObject({ rule: 'authentication', message: 'no user of this session\'s world has the e-mail "nobody@example.com"' });
  });

  it('400 VALIDATION_ERROR points at the missing field', async () => {
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/nest-auth/auth/mfa/verify',
      headers: bearer('nest-auth-token-ada'),
      payload: { method: 'totp' },
      scenario: 'mfa-enabled',
    });
    expect([response.statusCode, response.data.error]).toEqual([400, 'Bad Request']);
    expect(explanation).toMatchObject({ rule: 'request-schema', pointer: '/body/otp', keyword: 'required' });
  });

  it('400 VALIDATION_ERROR points at the field its message names, in the DTO order, not the first the schema found', async () => {
    // The schema's check finds the missing secret first; class-validator reports the DTO's first field, otp.
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/nest-auth/auth/mfa/verify-totp-setup',
      headers: bearer('nest-auth-token-ada'),
      payload: { otp: 123456 },
    });
    expect([response.statusCode, response.data.message]).toEqual([400, 'otp must be a string']);
    expect(explanation).toMatchObject({ rule: 'request-schema', pointer: '/body/otp', keyword: 'type' });
    expect(explanation.message).toMatch(/^the request does not match the spec: otp must be string \(and 1 more: secret is a required field\)/);
  });

  it('401 MFA_CODE_INVALID is told the current code of the verified device', async () => {
    const sent = wrongCode(ENROLLED_SECRET, clock.now());
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/nest-auth/auth/mfa/verify',
      headers: bearer('nest-auth-token-ada'),
      payload: { method: 'totp', otp: sent },
      scenario: 'mfa-enabled',
    });
    expect([response.statusCode, response.data.code]).toEqual([401, 'MFA_CODE_INVALID']);
    expect(explanation).toMatchObject({ rule: 'wrong-code', received: sent, expected: authenticatorCode(ENROLLED_SECRET, 0, clock.now()) });
  });

  it('400 VERIFICATION_CODE_INVALID for an e-mailed code says where the current one is', async () => {
    const challenge = async (session: string) => {
      const sent = await sandbox.request({
        method: 'POST',
        url: '/nest-auth/auth/mfa/challenge',
        headers: { ...bearer('nest-auth-token-ada'), prefer: 'scenario=mfa-enabled' },
        session,
        payload: { method: 'email' },
      });
      expect(sent.statusCode).toBe(200);
    };
    const { response, explanation } = await refuse({
      method: 'POST',
      url: '/nest-auth/auth/mfa/verify',
      headers: bearer('nest-auth-token-ada'),
      payload: { method: 'email', otp: '000000' },
      scenario: 'mfa-enabled',
      prepare: challenge,
    });
    expect([response.statusCode, response.data.code]).toEqual([400, 'VERIFICATION_CODE_INVALID']);
    expect(explanation).toMatchObject({ rule: 'wrong-code', received: '000000' });
    expect(explanation.wouldPass).toMatch(/^the newest code in the session's outbox \(GET \/__admin\/sessions\/[^/]+\/outbox\)/);
  });
});

describe('genauth', () => {
  const path = '/api/v3/get-mfa-status';
  const query = { userId: GENAUTH_USER };
  const date = () => new Date(clock.now()).toUTCString();
  const signed = (overrides: { secret?: string; signedPath?: string; accessKeyId?: string }) =>
    signGenAuthRequest({
      method: 'GET',
      path: overrides.signedPath ?? path,
      fields: query,
      accessKeyId: overrides.accessKeyId ?? GENAUTH_ACCESS_KEY.id,
      accessKeySecret: overrides.secret ?? GENAUTH_ACCESS_KEY.secret,
      date: date(),
    });

  it('1300 Invalid signature shows our string to sign (as an independent signer builds it), never the secret', async () => {
    const headers = signed({ secret: 'not-the-secret' });
    const { response, explanation } = await refuse({ url: `/genauth${path}?userId=${GENAUTH_USER}`, headers });
    expect([response.statusCode, response.data.statusCode, response.data.apiCode]).toEqual([200, 401, 1300]);
    const { authorization: _sent, accept: _accept, ...signedHeaders } = headers;
    expect(explanation).toMatchObject({ rule: 'signature', expected: genauthStringToSign('GET', path, signedHeaders, query, 'GenAuth') });
    expect(explanation.received).toBe(headers.authorization!.split(':')[1]);
    expect(JSON.stringify(explanation)).not.toContain(GENAUTH_ACCESS_KEY.secret);
  });

  it('a path signed with the mount prefix is named as the mistake', async () => {
    const { explanation } = await refuse({ url: `/genauth${path}?userId=${GENAUTH_USER}`, headers: signed({ signedPath: `/genauth${path}` }) });
    expect(explanation.message).toContain(`signed with the sandbox's mount prefix (/genauth${path})`);
  });

  it('through a session URL, a path signed with the surface prefix alone (without /s/<session>) is named too', async () => {
    const response = await sandbox.request({
      url: `/s/signed-prefix/genauth${path}?userId=${GENAUTH_USER}`,
      headers: { ...signed({ signedPath: `/genauth${path}` }), prefer: 'explain' },
    });
    expect([response.data.statusCode, response.data.apiCode]).toEqual([401, 1300]);
    const explanation = JSON.parse(String(response.headers['x-mock-explain']));
    expect(explanation.message).toContain(`signed with the sandbox's mount prefix (/genauth${path}); sign the vendor path ${path}`);
  });

  it('a request without a date says to sign one, and which header a browser can send instead', async () => {
    const { date: _date, ...undated } = signed({});
    const { response, explanation } = await refuse({ url: `/genauth${path}?userId=${GENAUTH_USER}`, headers: undated });
    expect([response.data.statusCode, response.data.apiCode]).toEqual([401, 1304]);
    expect(explanation).toMatchObject({ rule: 'signature', message: 'neither date nor x-genauth-date is sent' });
    expect(explanation.wouldPass).toMatch(/^a date header \(e\.g\. .+ GMT\), signed; from a browser, which never sends date, x-genauth-date$/);
  });

  it('an access key the world lacks names the ones it has', async () => {
    const { explanation } = await refuse({ url: `/genauth${path}?userId=${GENAUTH_USER}`, headers: signed({ accessKeyId: 'other-key' }) });
    expect(explanation).toMatchObject({ rule: 'signature', received: 'other-key', expected: GENAUTH_ACCESS_KEY.id });
  });

  it('2004 user not found and 400 invalid argument say which user and which parameter', async () => {
    const missing = await refuse({
      url: `/genauth${path}?userId=nobody`,
      headers: signGenAuthRequest({
        method: 'GET',
        path,
        fields: { userId: 'nobody' },
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
        date: date(),
      }),
    });
    expect(missing.response.data.statusCode).toBe(404);
    expect(missing.explanation).toMatchObject({ rule: 'missing-user', received: 'nobody', wouldPass: `a user_id of the scenario: ${GENAUTH_USER}` });
    const invalid = await refuse({
      url: `/genauth${path}`,
      headers: signGenAuthRequest({
        method: 'GET',
        path,
        fields: {},
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
        date: date(),
      }),
    });
    expect(invalid.response.data.statusCode).toBe(400);
    expect(invalid.explanation).toMatchObject({ rule: 'request-schema', pointer: '/query/userId', keyword: 'required' });
    // A parameter sent twice is said to be, not called the wrong type (the SDK signs the last one, as URLSearchParams reads it).
    const repeated = await refuse({
      url: `/genauth${path}?userId=nobody&userId=${GENAUTH_USER}`,
      headers: signGenAuthRequest({
        method: 'GET',
        path,
        fields: { userId: GENAUTH_USER },
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
        date: date(),
      }),
    });
    expect([repeated.response.data.statusCode, repeated.response.data.message]).toEqual([400, 'Invalid argument: userId is given 2 times; send it once']);
    expect(repeated.explanation).toMatchObject({ rule: 'request-schema', pointer: '/query/userId', keyword: 'type' });
  });

  it("2011 application not found names the scenario's applications", async () => {
    const triggerData = '/api/v3/get-mfa-trigger-data';
    const fields = { appId: 'no-such-app', userId: GENAUTH_USER };
    const missing = await refuse({
      url: `/genauth${triggerData}?appId=no-such-app&userId=${GENAUTH_USER}`,
      headers: signGenAuthRequest({
        method: 'GET',
        path: triggerData,
        fields,
        accessKeyId: GENAUTH_ACCESS_KEY.id,
        accessKeySecret: GENAUTH_ACCESS_KEY.secret,
        date: date(),
      }),
    });
    expect(missing.response.data.apiCode).toBe(2011);
    expect(missing.explanation).toMatchObject({ rule: 'precondition', received: 'no-such-app', wouldPass: 'an appId of the scenario: app-sandbox' });
  });
});

describe('Prefer: explain', () => {
  it('adds nothing to an answer that refuses nothing, and a value it cannot read is a sandbox 400', async () => {
    const ok = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...bearer('flashback-token-ada'), prefer: 'explain' }, session: newSession() });
    expect([ok.statusCode, ok.headers['x-mock-explain']]).toEqual([200, undefined]);
    const bad = await sandbox.request({
      url: '/flashback/mfa/status',
      headers: { ...bearer('flashback-token-ada'), prefer: 'explain=maybe' },
      session: newSession(),
    });
    expect([bad.statusCode, bad.data.code]).toEqual([400, 'MOCK_ERR_BAD_PREFER_HEADER']);
  });
});

describe('unknown routes', () => {
  const notFound = (method: 'GET' | 'POST' | 'DELETE', url: string, prefer?: string) => sandbox.app.inject({ method, url, headers: prefer ? { prefer } : {} });

  it('a typo, a wrong method and a missing surface prefix each name the operation meant, in the body and the header', async () => {
    const cases = [
      ['GET', '/flashback/mfa/staus', 'path'],
      ['DELETE', '/flashback/mfa/status', 'method'],
      ['GET', '/mfa/status', 'prefix'],
    ] as const;
    for (const [method, url, why] of cases) {
      const plain = await notFound(method, url);
      const asked = await notFound(method, url, 'explain');
      expect([plain.statusCode, plain.json().code, plain.headers['x-mock-explain']]).toEqual([404, 'MOCK_ERR_ROUTE_NOT_FOUND', undefined]);
      expect(asked.body).toBe(plain.body);
      const nearest = { method: 'GET', path: '/flashback/mfa/status', surface: 'flashback', operationId: 'getMFAStatus', why };
      expect(plain.json().nearMisses[0]).toEqual(nearest);
      const explanation = JSON.parse(String(asked.headers['x-mock-explain']));
      expect(explanation).toMatchObject({ rule: 'unknown-route', nearMisses: plain.json().nearMisses, wouldPass: 'GET /flashback/mfa/status' });
    }
  });

  it('behind a session prefix, the near misses are named under it', async () => {
    const response = await notFound('GET', '/s/qa-explain/flashback/mfa/staus', 'explain');
    expect(response.json().nearMisses[0]).toMatchObject({ path: '/s/qa-explain/flashback/mfa/status', why: 'path' });
    expect(JSON.parse(String(response.headers['x-mock-explain'])).wouldPass).toBe('GET /s/qa-explain/flashback/mfa/status');
  });

  it('a path nothing is near names no near miss', async () => {
    expect((await notFound('GET', '/okta/api/v1/users')).json().nearMisses).toEqual([]);
  });

  it('an admin route with the wrong method is a 405 naming the methods its path takes, in Allow and in the body', async () => {
    const wrongMethod = (method: 'GET' | 'POST', url: string) => sandbox.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
    const wrong = await wrongMethod('POST', '/__admin/sessions/qa-wrong-method/scenario');
    expect([wrong.statusCode, wrong.headers.allow, wrong.json().code, wrong.json().allowedMethods]).toEqual([
      405,
      'PUT',
      'MOCK_ERR_METHOD_NOT_ALLOWED',
      ['PUT'],
    ]);
    expect(wrong.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(wrong.json().detail).toBe('POST is not a method of /__admin/sessions/qa-wrong-method/scenario; this path takes PUT');
    const sessionPath = await wrongMethod('GET', '/__admin/sessions/qa-wrong-method/overrides/ov-1');
    expect([sessionPath.statusCode, sessionPath.headers.allow]).toEqual([405, 'DELETE']);
    // A path several routes share names each of their methods.
    const overrides = await sandbox.app.inject({ method: 'PATCH', url: '/__admin/sessions/qa-wrong-method/overrides' });
    expect([overrides.statusCode, overrides.headers.allow]).toEqual([405, 'POST, GET, HEAD, DELETE']);
    // HEAD is named wherever GET is (RFC 9110: Allow lists every method the path takes), and it does answer there.
    const head = await sandbox.app.inject({ method: 'HEAD', url: '/__admin/sessions/qa-wrong-method/overrides' });
    expect([head.statusCode, head.body]).toEqual([200, '']);
    // The index, with and without its slash.
    for (const url of ['/__admin', '/__admin/']) expect((await wrongMethod('POST', url)).headers.allow, url).toBe('GET, HEAD');
    const unknown = await notFound('GET', '/__admin/sessions/qa-wrong-method/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers).not.toHaveProperty('allow');
    expect(unknown.json()).not.toHaveProperty('allowedMethods');
    expect(unknown.json()).not.toHaveProperty('hint');
  });

  it('a vendor route with the wrong method stays a 404 with near misses, as the vendors answer it', async () => {
    const wrong = await notFound('POST', '/flashback/mfa/status');
    expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'MOCK_ERR_ROUTE_NOT_FOUND']);
    expect(wrong.headers).not.toHaveProperty('allow');
    expect(wrong.json().nearMisses[0]).toMatchObject({ method: 'GET', path: '/flashback/mfa/status', why: 'method' });
  });

  it('an admin path with a trailing slash is the path without it; a wrong method there is still told the right one', async () => {
    const health = await sandbox.app.inject({ url: '/__admin/health/' });
    expect([health.statusCode, health.json().status]).toEqual([200, 'ok']);
    // Not the session with an empty id: the list of sessions.
    const sessions = await sandbox.app.inject({ url: '/__admin/sessions/' });
    expect(sessions.statusCode).toBe(200);
    expect(sessions.json()).toEqual((await sandbox.app.inject({ url: '/__admin/sessions' })).json());
    // The query stays.
    for (let i = 0; i < 2; i++)
      await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { 'x-mock-session': 'qa-slash', authorization: 'Bearer flashback-token-ada' } });
    expect((await sandbox.app.inject({ url: '/__admin/sessions/qa-slash/journal/?limit=1' })).json()).toHaveLength(1);
    const wrong = await sandbox.app.inject({ method: 'POST', url: '/__admin/health/', payload: {} });
    expect([wrong.statusCode, wrong.headers.allow, wrong.json().allowedMethods]).toEqual([405, 'GET, HEAD', ['GET', 'HEAD']]);
    expect(wrong.json().detail).toBe('POST is not a method of /__admin/health/; this path takes GET, HEAD');
  });

  it('an admin DELETE whose path ends in / (an id left empty: `.../overrides/$OV` with OV unset) deletes nothing and says so', async () => {
    const overrides = '/__admin/sessions/qa-empty-id/overrides';
    const added = await sandbox.app.inject({ method: 'POST', url: overrides, payload: { surface: 'flashback', operationId: 'getMFAStatus', status: 500 } });
    expect(added.statusCode).toBe(201);
    for (const url of [`${overrides}/`, '/__admin/sessions/qa-empty-id/', `${overrides}//`]) {
      const refused = await sandbox.app.inject({ method: 'DELETE', url });
      expect([refused.statusCode, refused.json().code], url).toEqual([400, 'MOCK_ERR_BAD_ADMIN_REQUEST']);
      expect(refused.json().detail).toBe(
        `DELETE ${url}: the path ends in / where an id belongs (a shell variable not set?); nothing was deleted. Write the id that belongs there, or drop the last / to delete what the path names without it`,
      );
    }
    expect((await sandbox.app.inject({ url: overrides })).json()).toHaveLength(1);
    // Without the slash, as written: every override of the session.
    expect((await sandbox.app.inject({ method: 'DELETE', url: overrides })).statusCode).toBe(204);
    expect((await sandbox.app.inject({ url: overrides })).json()).toEqual([]);
  });

  it("WireMock's admin calls say where the same thing is here", async () => {
    const calls: Array<['GET' | 'POST' | 'DELETE', string, string]> = [
      ['GET', '/__admin/requests', "WireMock's request journal is per session here: GET /__admin/sessions/{id}/journal"],
      ['POST', '/__admin/requests/count', "WireMock's request count is POST /__admin/sessions/{id}/journal/verify here (count, atLeast, atMost)"],
      ['POST', '/__admin/requests/find', 'finding requests is GET /__admin/sessions/{id}/journal here, with filters (operationId, status, surface, since ...)'],
      ['GET', '/__admin/requests/unmatched', 'requests that matched no route are not journalled here: each one was answered 404 with its nearMisses'],
      [
        'DELETE',
        '/__admin/requests',
        "a session's requests are cleared with DELETE /__admin/sessions/{id}/journal (its state and overrides stay); DELETE /__admin/sessions/{id} forgets the whole session, POST /__admin/reset every session",
      ],
      ['GET', '/__admin/mappings', "WireMock's stubs are per session overrides here: GET /__admin/sessions/{id}/overrides"],
      ['POST', '/__admin/mappings', "WireMock's stubs are per session overrides here: POST /__admin/sessions/{id}/overrides (checked against the spec)"],
      ['DELETE', '/__admin/mappings/abc', 'an override is removed with DELETE /__admin/sessions/{id}/overrides/{overrideId}'],
      ['POST', '/__admin/mappings/reset', "a session's overrides are cleared with DELETE /__admin/sessions/{id}/overrides"],
      [
        'POST',
        '/__admin/scenarios/reset',
        'scenarios are per session here: PUT /__admin/sessions/{id}/scenario, GET /__admin/scenarios lists them; POST /__admin/reset resets every session',
      ],
      ['GET', '/__admin/session/x/journal', 'sessions are under /__admin/sessions/{id} (plural)'],
      ['POST', '/__admin/sessions/x/reset', 'a session is reset by deleting it: DELETE /__admin/sessions/{id} (its next request starts it afresh)'],
    ];
    for (const [method, url, hint] of calls) {
      const answer = await notFound(method, url);
      expect([answer.statusCode, answer.json().hint], `${method} ${url}`).toEqual([404, hint]);
    }
    // WireMock's set-state call meets one of our paths (GET /__admin/scenarios/{surface}/{name}): its 405 says it too.
    const setState = await sandbox.app.inject({ method: 'PUT', url: '/__admin/scenarios/flashback/state', payload: { state: 'Started' } });
    expect([setState.statusCode, setState.headers.allow, setState.json().hint]).toEqual([
      405,
      'GET, HEAD',
      'scenarios are per session here: PUT /__admin/sessions/{id}/scenario, GET /__admin/scenarios lists them; POST /__admin/reset resets every session',
    ]);
  });
});
