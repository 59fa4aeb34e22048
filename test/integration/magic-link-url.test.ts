import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';

/**
 * `magicLinkUrl` (the command's `--magic-link-url`): Flashback's e-mail links to the app, whose page reads the token and
 * redeems it (POST /mfa/magic-link/activate, or verify-login with MAGIC_LINK). With the app's page as the link, a test
 * that clicks the link in a browser runs the app's own landing route. Over a real port, as a frontend's tests would.
 */

const APP_PAGE = 'http://localhost:5173/mfa/magic-link?token={token}';
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await createSandbox({ magicLinkUrl: APP_PAGE });
});
afterAll(async () => {
  await sandbox?.close();
});

describe("magic links on the app's own page", () => {
  it("the outbox's link is the app's page with the token; the app redeems it once, and then signs in with the next link", async () => {
    const qa = sandbox.session('magic-link-url');
    const post = (path: string, body: unknown = {}) =>
      fetch(`${sandbox.url}/flashback${path}`, { method: 'POST', headers: { ...ADA, ...qa.headers }, body: JSON.stringify(body) });
    /** What the app's landing page reads from the link it was opened with. */
    const tokenInLatestLink = () => {
      const message = qa.outbox('flashback').at(-1)!;
      expect(message.link).toMatch(/^http:\/\/localhost:5173\/mfa\/magic-link\?token=[\w-]+$/);
      expect(message.text).toContain(message.link);
      return new URL(message.link!).searchParams.get('token');
    };

    expect((await post('/mfa/setup', { mfaType: 'MAGIC_LINK', email: 'ada@example.com' })).status).toBe(200);
    expect((await post('/mfa/magic-link/send')).status).toBe(200);
    const enrolment = tokenInLatestLink();
    expect(await (await post('/mfa/magic-link/activate', { token: enrolment })).json()).toEqual({
      success: true,
      message: 'Magic link MFA activated successfully',
    });
    expect((await post('/mfa/magic-link/activate', { token: enrolment })).status).toBe(400);

    expect((await post('/mfa/magic-link/send')).status).toBe(200);
    const signIn = await post('/mfa/verify-login', { mfaType: 'MAGIC_LINK', token: tokenInLatestLink() });
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toMatchObject({ success: true, fullAccessToken: expect.any(String) });
  });
});

describe("magic links as the app's deep link, with the session's id", () => {
  it('the outbox holds the deep link with the token and the session in place (a mobile team: myapp:// opens the app)', async () => {
    const mobile = await createSandbox({ magicLinkUrl: 'myapp://mfa/magic-link?token={token}&session={session}' });
    try {
      const qa = mobile.session('phone-1');
      const sent = await fetch(`${mobile.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers: { ...ADA, ...qa.headers }, body: '{}' });
      expect(sent.status).toBe(200);
      const message = qa.outbox('flashback').at(-1)!;
      expect(message.link).toBe(`myapp://mfa/magic-link?token=${encodeURIComponent(message.token!)}&session=phone-1`);
      const activated = await fetch(`${mobile.url}/flashback/mfa/magic-link/activate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...qa.headers },
        body: JSON.stringify({ token: new URL(message.link!).searchParams.get('token') }),
      });
      expect(activated.status).toBe(200);
    } finally {
      await mobile.close();
    }
  });
});
