import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type PlaywrightPasskey, type RunningSandbox } from '../../src/index.js';
import { createMfaHandlers } from '../../src/msw/create-mfa-handlers.js';

/**
 * The session controls that share passkeys with a browser (`session.passkeys()`, `session.importPasskey()`), without
 * a browser: an assertion is signed here with the exported private key, exactly as Playwright's virtual authenticator
 * signs (ES256 over authenticatorData || SHA-256(clientDataJSON)), and the sandbox's Flashback verify-login checks it.
 * The chromium test (test/browser/playwright-passkeys.test.ts) does the same with a real page.
 */

const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

async function flashback(session: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}/flashback${path}`, {
    method: 'POST',
    headers: { ...ADA, 'x-mock-session': session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** navigator.credentials.get() as Playwright's virtual authenticator answers it, for one passkey (its counter moves on). */
function assertionOf(passkey: PlaywrightPasskey, challenge: string, origin = 'http://localhost:3000') {
  passkey.signCount += 1;
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(passkey.signCount);
  const authenticatorData = Buffer.concat([createHash('sha256').update(passkey.rpId).digest(), Buffer.from([0x05]), counter]);
  const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false }));
  const key = createPrivateKey({ key: Buffer.from(passkey.privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]), key);
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: 'public-key',
    response: {
      clientDataJSON: clientDataJSON.toString('base64url'),
      authenticatorData: authenticatorData.toString('base64url'),
      signature: signature.toString('base64url'),
      userHandle: passkey.userHandle,
    },
  };
}

async function signInWith(session: string, passkey: PlaywrightPasskey) {
  const options = await flashback(session, '/mfa/passkey/auth-options');
  return flashback(session, '/mfa/verify-login', { mfaType: 'PASSKEY', credential: assertionOf(passkey, options.body.data.challenge) });
}

/** A credential as Playwright's `credentials.create('localhost')` makes one: a fresh P-256 pair, ids base64url. */
function browserCredential(userId: string): PlaywrightPasskey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    id: Buffer.from(`cred-${userId}-${Math.random()}`).toString('base64url'),
    rpId: 'localhost',
    userHandle: Buffer.from(userId).toString('base64url'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
    signCount: 0,
  };
}

describe('sharing passkeys through the session controls', () => {
  it("exports a scenario's passkey in Playwright's shape; its private key signs an assertion the sandbox accepts", async () => {
    const qa = sandbox.session('share-scenario');
    qa.useScenario('mfa-enabled', 'flashback');
    const passkeys = qa.passkeys();
    expect(passkeys).toEqual([
      {
        id: 'j6b_gq3hMZsE3F9mYGLBww',
        rpId: 'localhost',
        userHandle: Buffer.from('usr_ada').toString('base64url'),
        privateKey: expect.stringMatching(/^MIGHAgEA/),
        publicKey: expect.stringMatching(/^MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/),
        signCount: 0,
      },
    ]);
    expect(qa.passkeys({ user: 'usr_bob' })).toEqual([]);
    expect(() => qa.passkeys({ user: 'usr_nobody' })).toThrow(/No user "usr_nobody"/);
    expect(() => qa.passkeys({ surface: 'lerian' })).toThrow(/has no passkeys/);
    // A misspelt option chose nothing, so every user's passkeys came back; refused in the call's own words.
    expect(() => qa.passkeys({ usr: 'usr_bob' } as never)).toThrow('passkeys option usr: unknown (did you mean "user"?) (options: surface, user)');
    expect(() => qa.passkeys('usr_bob' as never)).toThrow('passkeys options are { surface?: string, user?: string }, got "usr_bob"');

    const login = await signInWith('share-scenario', passkeys[0]!);
    expect(login.status).toBe(200);
    expect(login.body.fullAccessToken).toMatch(/^flashback-full-/);
    expect(qa.passkeys()[0]!.signCount).toBe(1);
  });

  it("imports a browser's credential for the user its handle names; it signs in, takes the place of the old passkey and travels in session files", async () => {
    const qa = sandbox.session('share-import');
    qa.useScenario('mfa-enabled', 'flashback');
    const credential = browserCredential('usr_ada');
    expect(qa.importPasskey(credential)).toMatchObject({ surface: 'flashback', scenario: 'mfa-enabled', userId: 'usr_ada' });
    expect(qa.passkeys()).toEqual([credential]);
    expect((await signInWith('share-import', { ...credential })).status).toBe(200);

    // The old scenario passkey is gone: one passkey factor per user, as a Flashback registration leaves it.
    const [old] = sandbox.session('share-scenario').passkeys();
    expect((await signInWith('share-import', { ...old! })).status).toBe(400);

    // The session file carries the private key: another session that imports it hands out the same passkey.
    const copy = sandbox.session('share-import-copy');
    copy.importFile(qa.exportFile());
    expect(copy.passkeys()).toEqual(qa.passkeys());
  });

  it('imports for a named user, keeps a handle that is no user id, and refuses keys it cannot use, changing nothing', () => {
    const qa = sandbox.session('share-refusals');
    const credential = { ...browserCredential('someone-else'), userHandle: '__4' }; // 0xff 0xfe: no UTF-8 text
    expect(() => qa.importPasskey(credential)).toThrow(/Name the user/);
    expect(qa.importPasskey(credential, { user: 'usr_bob' })).toMatchObject({ surface: 'flashback', scenario: 'default', userId: 'usr_bob' });
    expect(qa.passkeys({ user: 'usr_bob' })).toEqual([credential]);

    const before = qa.exportFile().session.worlds;
    const other = browserCredential('usr_ada');
    expect(() => qa.importPasskey({ ...other, publicKey: credential.publicKey })).toThrow(/not one key pair/);
    expect(() => qa.importPasskey({ ...other, rpId: 'example.com' })).toThrow(/no relying party/);
    expect(() => qa.importPasskey({ ...credential, ...other, id: credential.id }, { user: 'usr_bob' })).toThrow(/another public key/);
    expect(() => qa.importPasskey(other, { user: 'usr_nobody' })).toThrow(/No user "usr_nobody"/);
    // Not "body must be {...}": the options of a call, not the admin API's request body.
    expect(() => qa.importPasskey(other, { usr: 'usr_bob' } as never)).toThrow(
      'importPasskey option usr: unknown (did you mean "user"?) (options: surface, user)',
    );
    // Bob's credential for Ada too: a relying party registers a credential id for one user only.
    expect(() => qa.importPasskey(credential, { user: 'usr_ada' })).toThrow(/already user "usr_bob"'s passkey/);
    expect(qa.exportFile().session.worlds).toEqual(before);
  });

  it('the MSW handlers hand out the same controls', () => {
    const mfa = createMfaHandlers({ scenario: 'mfa-enabled' });
    const served = sandbox.session('share-msw-compare');
    served.useScenario('mfa-enabled', 'flashback');
    expect(served.passkeys()).toHaveLength(1);
    expect(mfa.session('msw-share').passkeys({ surface: 'flashback' })).toEqual(served.passkeys());
  });
});
