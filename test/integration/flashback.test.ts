import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { authenticatorCode, secretFromOtpauthUrl, wrongCode } from '../harness/totp.js';

const ADA = { authorization: 'Bearer flashback-token-ada' };
const BOB = { authorization: 'Bearer flashback-token-bob' };

let sandbox: TestSandbox;
let sessionCounter = 0;
const newSession = () => `flashback-${++sessionCounter}`;

beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(async () => {
  console.log(`flashback: ${sandbox.checkedResponses} responses checked against the spec`);
  await sandbox.close();
});

const post = (session: string, url: string, payload?: unknown, headers: Record<string, string> = ADA) =>
  sandbox.request({ method: 'POST', url: `/flashback${url}`, session, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (session: string, url: string, headers: Record<string, string> = ADA) =>
  sandbox.request({ method: 'GET', url: `/flashback${url}`, session, headers });

describe('flashback status per scenario', () => {
  it('default: no MFA', async () => {
    const session = newSession();
    const res = await get(session, '/mfa/status');
    expect(res.statusCode).toBe(200);
    // No MFA to pass: the token is already full access.
    expect(res.data).toEqual({ success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [], sessionVerified: true } });
  });

  it('mfa-enabled: the seed example (TOTP primary plus a passkey), with the scenario token still before its MFA step', async () => {
    const res = await sandbox.request({ url: '/flashback/mfa/status', headers: ADA, scenario: 'mfa-enabled', session: newSession() });
    expect(res.data).toEqual({
      success: true,
      data: {
        isEnabled: true,
        isRequired: false,
        isEnforced: false,
        enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'],
        primaryMethod: 'GOOGLE_AUTH',
        sessionVerified: false,
      },
    });
  });

  it('org-enforced: enforced and required, and disabling is refused with the documented 403', async () => {
    const session = newSession();
    const status = await sandbox.request({ url: '/flashback/mfa/status', headers: ADA, scenario: 'org-enforced', session });
    expect(status.data.data).toMatchObject({ isEnforced: true, isRequired: true, isEnabled: true });
    const disable = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/disable',
      headers: ADA,
      scenario: 'org-enforced',
      session,
      payload: { mfaType: 'GOOGLE_AUTH' },
    });
    expect(disable.statusCode).toBe(403);
    expect(disable.data).toEqual({ success: false, error: 'Cannot disable MFA when enforced by organization' });
  });

  it('missing-user: 404 "User not found" where documented, 401 elsewhere', async () => {
    const session = newSession();
    const send = await sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', headers: ADA, scenario: 'missing-user', session });
    expect(send.statusCode).toBe(404);
    expect(send.data).toEqual({ success: false, error: 'User not found' });
    const status = await sandbox.request({ url: '/flashback/mfa/status', headers: ADA, scenario: 'missing-user', session });
    expect(status.statusCode).toBe(401);
  });

  it('server-error: every operation answers its own documented 500', async () => {
    const session = newSession();
    const status = await sandbox.request({ url: '/flashback/mfa/status', headers: ADA, scenario: 'server-error', session });
    expect(status.statusCode).toBe(500);
    expect(status.data).toEqual({ success: false, error: 'Failed to get MFA status' });
    const setup = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/setup',
      headers: ADA,
      scenario: 'server-error',
      session,
      payload: { mfaType: 'GOOGLE_AUTH' },
    });
    expect(setup.data).toEqual({ success: false, error: 'Failed to setup MFA' });
  });
});

describe('flashback Google Authenticator enrolment (RFC 6238)', () => {
  it('setup returns a secret, QR code and backup codes; a real authenticator code verifies; status lists GOOGLE_AUTH', async () => {
    const session = newSession();
    const setup = await post(session, '/mfa/setup', { mfaType: 'GOOGLE_AUTH' });
    expect(setup.statusCode).toBe(200);
    const { secret, qrCode, backupCodes, otpauthUrl } = setup.data.data;
    expect(qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(secretFromOtpauthUrl(otpauthUrl)).toBe(secret);
    expect(backupCodes).toHaveLength(10);

    const wrong = await post(session, '/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.data.error).toBe('MFA setup verification failed');

    const verify = await post(session, '/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(secret) });
    expect(verify.statusCode).toBe(200);
    expect(verify.data).toEqual({ success: true, message: 'MFA setup verified and enabled' });

    const status = await get(session, '/mfa/status');
    expect(status.data.data).toEqual({
      isEnabled: true,
      isRequired: false,
      isEnforced: false,
      enabledMethods: ['GOOGLE_AUTH'],
      primaryMethod: 'GOOGLE_AUTH',
      sessionVerified: false,
    });

    // The code that verified the setup cannot be replayed to sign in; a backup code works exactly once.
    const replay = await post(session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(secret) });
    expect(replay.statusCode).toBe(400);
    const backup = await post(session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: backupCodes[0] });
    expect(backup.statusCode).toBe(200);
    expect(backup.data.fullAccessToken).toBeTruthy();
    // The token verify-login hands out is full access; the one the user signed in with still is not.
    const verified = await sandbox.request({ url: '/flashback/mfa/status', headers: { authorization: `Bearer ${backup.data.fullAccessToken}` }, session });
    expect(verified.data.data.sessionVerified).toBe(true);
    expect((await get(session, '/mfa/status')).data.data.sessionVerified).toBe(false);
    const backupAgain = await post(session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: backupCodes[0] });
    expect(backupAgain.statusCode).toBe(400);
  });

  it('methods reflect configuration; disable, enable and primary change status', async () => {
    const session = newSession();
    const headers = ADA;
    const start = await sandbox.request({ url: '/flashback/mfa/methods', headers, scenario: 'mfa-enabled', session });
    expect(start.data.data.map((m: { type: string; isEnabled: boolean }) => [m.type, m.isEnabled])).toEqual([
      ['GOOGLE_AUTH', true],
      ['MAGIC_LINK', false],
      ['PASSKEY', true],
    ]);
    const call = (url: string, payload: unknown) =>
      sandbox.request({ method: 'POST', url: `/flashback${url}`, headers, scenario: 'mfa-enabled', session, payload: payload as object });
    expect((await call('/mfa/primary', { mfaType: 'PASSKEY' })).data.message).toBe('Primary MFA method updated');
    expect((await call('/mfa/disable', { mfaType: 'GOOGLE_AUTH' })).statusCode).toBe(200);
    const afterDisable = await sandbox.request({ url: '/flashback/mfa/status', headers, scenario: 'mfa-enabled', session });
    expect(afterDisable.data.data).toMatchObject({ enabledMethods: ['PASSKEY'], primaryMethod: 'PASSKEY' });
    expect((await call('/mfa/primary', { mfaType: 'GOOGLE_AUTH' })).data).toEqual({ success: false, error: 'MFA method is not enabled' });
    expect((await call('/mfa/enable', { mfaType: 'GOOGLE_AUTH' })).data.message).toBe('MFA method enabled');
    expect((await call('/mfa/enable', { mfaType: 'MAGIC_LINK' })).statusCode).toBe(400);
  });
});

describe('flashback organisation and reset rules', () => {
  it('an OWNER enforces MFA, after which disable is refused; a MEMBER may not enforce', async () => {
    const session = newSession();
    const bob = await post(session, '/mfa/organization/enforce', { enforced: true }, BOB);
    expect(bob.statusCode).toBe(403);
    const ada = await post(session, '/mfa/organization/enforce', { enforced: true });
    expect(ada.data).toEqual({ success: true, message: 'MFA enforcement enabled for organization' });
    expect((await get(session, '/mfa/status')).data.data.isEnforced).toBe(true);
    const disable = await post(session, '/mfa/disable', { mfaType: 'GOOGLE_AUTH' });
    expect(disable.statusCode).toBe(403);
  });

  it('under enforcement a reset clears the methods but leaves MFA on: it does not go round the 403 of disable', async () => {
    const session = newSession();
    // Ada uses Google Authenticator there; Bob has no method.
    const scenario = await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/scenario`, payload: { scenario: 'org-enforced' } });
    expect(scenario.statusCode).toBe(200);
    expect((await post(session, '/mfa/reset', { enable: false })).data.message).toBe('MFA reset successfully');
    expect((await get(session, '/mfa/status')).data.data).toMatchObject({ isEnabled: true, isEnforced: true, enabledMethods: [] });
    // Without enforcement, a reset switches MFA off (its `enable` flag absent).
    expect((await post(session, '/mfa/organization/enforce', { enforced: false })).statusCode).toBe(200);
    expect((await post(session, '/mfa/reset')).statusCode).toBe(200);
    expect((await get(session, '/mfa/status')).data.data).toMatchObject({ isEnabled: false, isEnforced: false });
  });

  it('a reset never switches on MFA a user did not have, enforced or asked to keep it on (a Flashback tour)', async () => {
    const session = newSession();
    expect((await post(session, '/mfa/organization/enforce', { enforced: true })).statusCode).toBe(200);
    expect((await post(session, '/mfa/reset', { resetUserId: 'usr_bob' })).statusCode).toBe(200);
    expect((await post(session, '/mfa/reset', { enable: true }, BOB)).statusCode).toBe(200);
    // Required by the organisation, as before the reset, but not on: Bob still has to set a method up.
    expect((await get(session, '/mfa/status', BOB)).data.data).toMatchObject({ isEnabled: false, isRequired: true, enabledMethods: [] });
    expect((await post(session, '/mfa/organization/enforce', { enforced: false })).statusCode).toBe(200);
    expect((await post(session, '/mfa/reset', { enable: true })).statusCode).toBe(200);
    expect((await get(session, '/mfa/status')).data.data).toMatchObject({ isEnabled: false, enabledMethods: [] });
  });

  it('resetting another user needs OWNER/ADMINISTRATOR; unknown users are 404', async () => {
    const session = newSession();
    const forbidden = await post(session, '/mfa/reset', { resetUserId: 'usr_ada' }, BOB);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.data.error).toBe("Insufficient permissions. OWNER or ADMINISTRATOR role required to reset another user's MFA.");
    expect((await post(session, '/mfa/reset', { resetUserId: 'usr_nobody' })).statusCode).toBe(404);
    expect((await post(session, '/mfa/reset', { resetUserId: 'usr_bob' })).data.message).toBe('MFA reset successfully');
    // Self-reset with no body at all, as the docs' sample does.
    expect((await post(session, '/mfa/reset')).statusCode).toBe(200);
  });
});

describe('flashback magic links', () => {
  it("a link points where the client reached the sandbox: its Host, or a tunnel's X-Forwarded-Proto and X-Forwarded-Host", async () => {
    const session = newSession();
    const linkSentWith = async (headers: Record<string, string>) => {
      await post(session, '/mfa/magic-link/send', {}, { ...ADA, ...headers });
      const outbox = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json<Array<{ link: string }>>();
      return new URL(outbox.at(-1)!.link).origin;
    };
    expect(await linkSentWith({ host: '10.0.2.2:4010' })).toBe('http://10.0.2.2:4010');
    expect(await linkSentWith({ host: '127.0.0.1:4010', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'abc.ngrok.app' })).toBe('https://abc.ngrok.app');
    expect(await linkSentWith({ host: 'abc.ngrok.app', 'x-forwarded-proto': 'https, http' })).toBe('https://abc.ngrok.app');
    // A proxy on a port other than its scheme's says it in X-Forwarded-Port (the link named 443, where nothing answered).
    const behind = { host: '127.0.0.1:4010', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'qa.example.test' };
    expect(await linkSentWith({ ...behind, 'x-forwarded-port': '8443' })).toBe('https://qa.example.test:8443');
    expect(await linkSentWith({ ...behind, 'x-forwarded-port': '443' })).toBe('https://qa.example.test');
    expect(await linkSentWith({ ...behind, 'x-forwarded-host': 'qa.example.test:9443', 'x-forwarded-port': '8443' })).toBe('https://qa.example.test:9443');
    expect(await linkSentWith({ ...behind, 'x-forwarded-port': '99999' })).toBe('https://qa.example.test');
    // nginx's `proxy_set_header Host $host` passes the host without its port, and no X-Forwarded-Host.
    expect(await linkSentWith({ host: 'qa.example.test', 'x-forwarded-proto': 'https', 'x-forwarded-port': '8443' })).toBe('https://qa.example.test:8443');
    expect(await linkSentWith({ host: '127.0.0.1:4010', 'x-forwarded-port': '8443' })).toBe('http://127.0.0.1:4010');
    // Forwarded values that are no scheme or host are ignored, not written into a link.
    expect(await linkSentWith({ host: '127.0.0.1:4010', 'x-forwarded-proto': 'javascript', 'x-forwarded-host': 'a b/c' })).toBe('http://127.0.0.1:4010');
  });

  it('send puts a link in the outbox; activate accepts the token once', async () => {
    const session = newSession();
    await post(session, '/mfa/setup', { mfaType: 'MAGIC_LINK', email: 'ada@example.com' });
    expect((await post(session, '/mfa/magic-link/send')).data.message).toBe('Magic link sent successfully');
    const outbox = await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` });
    const [message] = outbox.json();
    expect(message).toMatchObject({ channel: 'email', to: 'ada@example.com', surface: 'flashback' });
    expect(message.link).toContain(message.token);

    const forged = await post(session, '/mfa/magic-link/activate', { token: 'forged-token' }, {});
    expect(forged.data).toEqual({ success: false, error: 'Invalid or expired token' });
    const activate = await post(session, '/mfa/magic-link/activate', { token: message.token }, {});
    expect(activate.data).toEqual({ success: true, message: 'Magic link MFA activated successfully' });
    const again = await post(session, '/mfa/magic-link/activate', { token: message.token }, {});
    expect(again.statusCode).toBe(400);
    expect((await get(session, '/mfa/status')).data.data.enabledMethods).toEqual(['MAGIC_LINK']);
  });

  it("a locked account's link switches nothing on, by activate or by its page, and works after the unlock (a Flashback tour)", async () => {
    const session = newSession();
    await post(session, '/mfa/magic-link/send');
    const [message] = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json();
    const lock = (locked: boolean) =>
      sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/users/usr_ada/lock`, payload: { locked, surface: 'flashback' } });
    expect((await lock(true)).statusCode).toBe(200);
    const activate = await post(session, '/mfa/magic-link/activate', { token: message.token }, {});
    expect([activate.statusCode, activate.data]).toEqual([403, { success: false, error: 'Account locked' }]);
    const page = await sandbox.app.inject({ url: new URL(message.link).pathname });
    expect([page.statusCode, page.headers['content-type']]).toEqual([403, 'text/html; charset=utf-8']);
    expect(page.body).toContain('Account locked');
    // An unknown token is still its own 400, locked account or not: no user is named by it.
    expect((await post(session, '/mfa/magic-link/activate', { token: 'forged-token' }, {})).statusCode).toBe(400);
    expect((await lock(false)).statusCode).toBe(200);
    expect((await get(session, '/mfa/status')).data.data.enabledMethods).toEqual([]);
    const unlocked = await post(session, '/mfa/magic-link/activate', { token: message.token }, {});
    expect(unlocked.data).toEqual({ success: true, message: 'Magic link MFA activated successfully' });
  });

  it("a setup naming another address echoes it, and links still go to the account's address (x-sandbox-decision)", async () => {
    const session = newSession();
    const setup = await post(session, '/mfa/setup', { mfaType: 'MAGIC_LINK', email: 'ada.work@example.org' });
    expect(setup.data.data).toEqual({ email: 'ada.work@example.org', verificationRequired: true });
    await post(session, '/mfa/magic-link/send');
    const [message] = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json();
    expect(message.to).toBe('ada@example.com');
  });

  it('following the link activates it; an expired link is refused', async () => {
    const session = newSession();
    await post(session, '/mfa/magic-link/send');
    await post(session, '/mfa/magic-link/send');
    const [first, second] = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json();
    const followed = await sandbox.app.inject({ url: new URL(first.link).pathname });
    expect(followed.statusCode).toBe(200);
    expect(followed.body).toContain('Magic link activated');
    await sandbox.app.inject({ method: 'POST', url: `/__admin/sessions/${session}/magic-links/${second.token}/expire` });
    const expired = await post(session, '/mfa/magic-link/activate', { token: second.token }, {});
    expect(expired.data.error).toBe('Invalid or expired token');
  });
});

/** The tokens of the magic links a session's outbox holds, oldest first. */
async function outboxTokensOf(session: string): Promise<string[]> {
  return (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json().map((message: { token: string }) => message.token);
}

describe('flashback magic-link sign-in (found by the stateful fuzz, test/fuzz/)', () => {
  it('verify-login with a magic link needs an enabled MAGIC_LINK factor; a refused attempt leaves the link usable', async () => {
    const session = newSession();
    const outboxTokens = () => outboxTokensOf(session);
    await post(session, '/mfa/magic-link/send');
    const [enrolment] = await outboxTokens();
    // Never activated: the link alone once signed Ada in.
    expect((await post(session, '/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: enrolment })).statusCode).toBe(400);
    expect((await post(session, '/mfa/magic-link/activate', { token: enrolment }, {})).statusCode).toBe(200);

    await post(session, '/mfa/magic-link/send');
    const [, login] = await outboxTokens();
    // Each e-mail says what following it does: the first turned magic links on, this one signs in.
    const texts = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json().map((message: { text: string }) => message.text);
    expect(texts).toEqual([
      expect.stringMatching(/^Follow this link to turn on sign-in with magic links: http/),
      expect.stringMatching(/^Follow this link to verify your sign-in: http/),
    ]);
    expect((await post(session, '/mfa/disable', { mfaType: 'MAGIC_LINK' })).statusCode).toBe(200);
    expect((await post(session, '/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: login })).statusCode).toBe(400);
    expect((await post(session, '/mfa/enable', { mfaType: 'MAGIC_LINK' })).statusCode).toBe(200);
    const signIn = await post(session, '/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: login });
    expect(signIn.statusCode).toBe(200);
    // Opaque tokens, shaped as the spec's example shows them (a pact copies it; see the fullAccessToken decision).
    const tokenShape = {
      fullAccessToken: expect.stringMatching(/^flashback-full-[\w-]{32}$/),
      refreshToken: expect.stringMatching(/^flashback-refresh-[\w-]{32}$/),
    };
    expect(signIn.data).toMatchObject(tokenShape);
    const example = await post(session, '/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: '123456' }, { ...ADA, prefer: 'example=verified' });
    expect(example.data).toMatchObject(tokenShape);
    expect((await post(session, '/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: login })).statusCode).toBe(400);
  });
});

describe('flashback magic-link sign-in link followed in a browser', () => {
  it("shows a sign-in link of a user with magic links active, leaving it for the app's verify-login", async () => {
    const session = newSession();
    const outboxTokens = () => outboxTokensOf(session);
    await post(session, '/mfa/magic-link/send');
    const [enrolment] = await outboxTokens();
    const activation = await sandbox.app.inject({ url: `/__admin/sessions/${session}/magic-links/${enrolment}` });
    expect([activation.statusCode, activation.body]).toEqual([200, expect.stringContaining('Magic link activated')]);

    await post(session, '/mfa/magic-link/send');
    const [, login] = await outboxTokens();
    // Followed twice (a mail client's preview, then the user): it used the token up, and the app's sign-in failed.
    for (let open = 0; open < 2; open++) {
      const shown = await sandbox.app.inject({ url: `/__admin/sessions/${session}/magic-links/${login}` });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('<h1>Sign-in link</h1>');
      expect(shown.body).toContain('/flashback/mfa/verify-login on a sandbox serving every surface');
      expect(shown.body).toContain(`{&quot;mfaType&quot;:&quot;MAGIC_LINK&quot;,&quot;token&quot;:&quot;${login}&quot;}`);
      expect(shown.body).toContain('A sandbox started with --magic-link-url writes its links to the app&#39;s own page');
    }
    // The outbox says which links were used: the activation's by following it; the sign-in link's not by its page.
    const usedAt = async () =>
      (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json().map((message: { usedAt?: string }) => message.usedAt);
    const activatedAt = (await usedAt())[0];
    expect(Date.parse(activatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await usedAt()).toEqual([activatedAt, undefined]);
    const signIn = await post(session, '/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: login });
    expect(signIn.statusCode).toBe(200);
    const spent = await sandbox.app.inject({ url: `/__admin/sessions/${session}/magic-links/${login}` });
    expect([spent.statusCode, spent.body]).toEqual([400, expect.stringContaining('this magic link was already used')]);
    expect(await usedAt()).toEqual([activatedAt, expect.any(String)]);
  });
});

describe('flashback request validation and auth', () => {
  it('answers 401 in the vendor shape without a valid bearer', async () => {
    const session = newSession();
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }];
    for (const headers of attempts) {
      const res = await get(session, '/mfa/status', headers);
      expect(res.statusCode).toBe(401);
      expect(res.data).toEqual({ success: false, error: 'Invalid or missing access token' });
    }
  });

  it('rejects bad bodies with {success:false,error} and keeps serving', async () => {
    const session = newSession();
    const badType = await post(session, '/mfa/enable', { mfaType: 'SMS' });
    expect(badType.data).toEqual({ success: false, error: 'Invalid MFA type specified' });
    // A missing e-mail of a magic-link setup is the spec's wording; an address in the wrong form, on any setup, is not
    // "required" (a GOOGLE_AUTH setup with one was told "Email is required for magic link setup").
    expect((await post(session, '/mfa/setup', { mfaType: 'MAGIC_LINK' })).data).toEqual({ success: false, error: 'Email is required for magic link setup' });
    const badEmail = await post(session, '/mfa/setup', { mfaType: 'GOOGLE_AUTH', email: 'bad' });
    expect([badEmail.statusCode, badEmail.data]).toEqual([400, { success: false, error: 'Invalid request: email must match format "email"' }]);
    const enableAs = (contentType: string, payload: string) =>
      sandbox.request({ method: 'POST', url: '/flashback/mfa/enable', session, headers: { ...ADA, 'content-type': contentType }, payload });
    const malformed = await enableAs('application/json', '{"mfaType":');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.success).toBe(false);
    expect((await enableAs('text/plain', 'GOOGLE_AUTH')).statusCode).toBe(400);
    // A header that names no media type got Fastify's own 415 (a sandbox fault saying "got none"): the vendor's 400.
    const unreadable = await enableAs(';;;', '{"mfaType":"GOOGLE_AUTH"}');
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.data).toEqual({ success: false, error: 'Invalid request: unsupported content type ";;;"; send application/json' });
    // Refused as a body the parser cannot read (only nest-auth's Express parser is known to keep such keys).
    const proto = await enableAs('application/json', '{"mfaType":"GOOGLE_AUTH","__proto__":{"polluted":true}}');
    expect([proto.statusCode, proto.data.error]).toEqual([400, 'Invalid request: malformed JSON body (Object contains forbidden prototype property)']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((await get(session, '/mfa/status')).statusCode).toBe(200);
  });
});
