import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSpkiPublicKey } from '../../src/engine/passkey-keys.js';
import { createSandbox, type PlaywrightPasskey, type RunningSandbox } from '../../src/index.js';
import { serveAppPage, type AppPageServer } from '../harness/app-page-server.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * A real browser completes the sandbox's Flashback passkey ceremonies with Playwright's virtual authenticator
 * (`browserContext.credentials`): a page served from `localhost` (a secure context whose host is the RP ID) calls
 * `navigator.credentials.create()` / `get()` with the options the sandbox hands out, and the sandbox verifies the
 * attestation and the assertion for real (@simplewebauthn/server). Passkeys cross between the two in Playwright's own
 * shape: read back from the browser and imported, exported by the admin API and seeded into a fresh context.
 */
const PAGE = join(process.cwd(), 'test/browser/fixtures/passkey-ceremony.html');

interface CeremonyResult {
  credentialId?: string;
  completed?: { status: number; body: unknown };
  login?: { status: number; body: { success: boolean; fullAccessToken?: string; error?: string } };
  error?: string;
}

let browser: Browser;
let sandbox: RunningSandbox;
let pageServer: AppPageServer | undefined;
let pageOrigin: string;
/** The sandbox's Flashback surface under `localhost`, the RP ID its passkeys are scoped to. */
let flashbackUrl: string;
let sessions = 0;
const newSession = () => `playwright-passkeys-${++sessions}`;

beforeAll(async () => {
  const html = await readFile(PAGE, 'utf8');
  pageServer = await serveAppPage(html, 'localhost');
  pageOrigin = pageServer.origin;
  sandbox = await createSandbox();
  flashbackUrl = `http://localhost:${new URL(sandbox.url).port}/flashback`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await pageServer?.close();
});

/** A fresh context with Playwright's virtual authenticator, seeded with `passkeys`. */
async function contextWith(passkeys: readonly PlaywrightPasskey[] = []): Promise<BrowserContext> {
  const context = await browser.newContext();
  for (const passkey of passkeys) await context.credentials.create(passkey.rpId, passkey);
  await context.credentials.install();
  return context;
}

/**
 * Run the page's ceremony in `context` and return what it saw. The page must report no error of its own; a refusal the
 * test expects is a 400 answer, which the browser logs as a console error: name its path in `refusedPath`.
 */
async function runCeremony(context: BrowserContext, session: string, mode: 'register' | 'sign-in', refusedPath?: string): Promise<CeremonyResult> {
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const query = new URLSearchParams({ sandbox: flashbackUrl, session, mode });
  await page.goto(`${pageOrigin}/?${query.toString()}`);
  await page.locator('body[data-done="true"]').waitFor({ state: 'attached', timeout: 30_000 }); // an empty body is never "visible"
  const result = await page.evaluate<CeremonyResult>('window.ceremonyResult');
  await page.close();
  expect(errors).toEqual(refusedPath ? [`Failed to load resource: the server responded with a status of 400 (Bad Request) ${flashbackUrl}${refusedPath}`] : []);
  return result;
}

/** Ada's passkey credential as the session's Flashback world holds it. */
function storedCredential(session: string) {
  const world = sandbox.session(session).state()['flashback/default'] ?? sandbox.session(session).state()['flashback/mfa-enabled'];
  return world?.users.usr_ada?.factors.find((factor) => factor.kind === 'passkey')?.credential;
}

describe("Playwright's virtual authenticator and the sandbox's passkeys (chromium)", () => {
  it('a page registers a passkey: the sandbox verifies the attestation and holds the key the browser holds', async () => {
    const session = newSession();
    const context = await contextWith();
    try {
      const result = await runCeremony(context, session, 'register');
      expect(result.error).toBeUndefined();
      expect(result.completed).toEqual({ status: 200, body: { success: true, message: 'Passkey registration completed' } });

      const [registered, ...others] = await context.credentials.get({ rpId: 'localhost' });
      expect(others).toEqual([]);
      const stored = storedCredential(session);
      expect(stored?.id).toBe(registered!.id);
      expect(stored?.id).toBe(result.credentialId);
      expect(toSpkiPublicKey(stored!.publicKey)).toBe(registered!.publicKey);
      // The sandbox never saw the private key, so there is nothing to export until the browser's copy is imported.
      expect(sandbox.session(session).passkeys()).toEqual([]);

      // Imported from the browser, it is exported exactly as the browser holds it, and a fresh context seeded with the
      // export signs in: the registered passkey now travels between browser contexts through the sandbox.
      expect(sandbox.session(session).importPasskey(registered!)).toMatchObject({ surface: 'flashback', userId: 'usr_ada' });
      expect(sandbox.session(session).passkeys()).toEqual([registered]);
      const fresh = await contextWith(sandbox.session(session).passkeys());
      try {
        const signIn = await runCeremony(fresh, session, 'sign-in');
        expect(signIn.login?.status).toBe(200);
        expect(signIn.login?.body.fullAccessToken).toMatch(/^flashback-full-/);
      } finally {
        await fresh.close();
      }
    } finally {
      await context.close();
    }
  });

  it("a scenario's passkey, exported by the admin API into a fresh context, signs in: the sandbox verifies the assertion", async () => {
    const session = newSession();
    sandbox.session(session).useScenario('mfa-enabled', 'flashback');
    const exported = await fetch(`${sandbox.url}/__admin/sessions/${session}/passkeys?surface=flashback&user=usr_ada`);
    expect(exported.status).toBe(200);
    const passkeys = (await exported.json()) as PlaywrightPasskey[];
    expect(passkeys).toHaveLength(1);
    expect(passkeys[0]).toMatchObject({ id: 'j6b_gq3hMZsE3F9mYGLBww', rpId: 'localhost', signCount: 0 });

    const context = await contextWith(passkeys);
    try {
      const result = await runCeremony(context, session, 'sign-in');
      expect(result.error).toBeUndefined();
      expect(result.credentialId).toBe('j6b_gq3hMZsE3F9mYGLBww');
      expect(result.login?.status).toBe(200);
      expect(result.login?.body).toMatchObject({ success: true, fullAccessToken: expect.stringMatching(/^flashback-full-/) });
      // Both sides counted the one assertion.
      const [used] = await context.credentials.get({ id: 'j6b_gq3hMZsE3F9mYGLBww' });
      expect(used?.signCount).toBe(1);
      expect(storedCredential(session)?.counter).toBe(1);
      expect(sandbox.session(session).passkeys({ user: 'usr_ada' })[0]?.signCount).toBe(1);
    } finally {
      await context.close();
    }
  });

  it("a foreign key under the scenario passkey's id is refused with Flashback's own error", async () => {
    const session = newSession();
    sandbox.session(session).useScenario('mfa-enabled', 'flashback');
    const [genuine] = sandbox.session(session).passkeys({ surface: 'flashback', user: 'usr_ada' });
    const context = await browser.newContext();
    try {
      // Same credential id and user handle, a key pair Playwright makes up: the browser signs, the signature is wrong.
      const foreign = await context.credentials.create('localhost', { id: genuine!.id, userHandle: genuine!.userHandle });
      expect(foreign.publicKey).not.toBe(genuine!.publicKey);
      await context.credentials.install();
      const result = await runCeremony(context, session, 'sign-in', '/mfa/verify-login');
      expect(result.credentialId).toBe(genuine!.id);
      expect(result.login).toEqual({ status: 400, body: { success: false, error: 'MFA verification failed' } });
      expect(storedCredential(session)?.counter).toBe(0);
    } finally {
      await context.close();
    }
  });
});
