import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { serveAppPage, type AppPageServer } from '../harness/app-page-server.js';
import { journalSteps } from '../harness/journal-steps.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The vendor's published React SDK, @ackplus/nest-auth-react 2.11.1, in a React 19 app bundled as an app would bundle
 * it, on another origin than the sandbox, driven by a person's clicks: the MFA screens a frontend team builds on
 * `<AuthProvider>` and `useNestAuth()` (sign-in that needs the MFA step, an e-mailed code, status, recovery codes, sign
 * out), in header mode and in cookie mode. What the page shows comes from the SDK's own React state, so a sandbox
 * answer the SDK reads otherwise than the real server's shows as a wrong line on the screen.
 */

const APP = `
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthClient } from '@ackplus/nest-auth-client';
import { AuthProvider, useNestAuth, useUser } from '@ackplus/nest-auth-react';

const params = new URLSearchParams(location.search);
const client = new AuthClient({ baseUrl: params.get('base'), accessTokenType: params.get('mode') });

function MfaScreens() {
  const auth = useNestAuth();
  const user = useUser();
  const [step, setStep] = useState('welcome');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');
  const act = (work) => () => {
    setProblem('');
    work().catch((error) => setProblem(\`\${error.statusCode ?? '?'} \${error.message}\`));
  };
  return (
    <main>
      <p data-testid="step">{step}</p>
      <p data-testid="signed-in-as">{auth.isAuthenticated ? user?.email : 'nobody'}</p>
      <p data-testid="problem">{problem}</p>
      <button onClick={act(async () => {
        const answer = await auth.login({ providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } });
        setStep(answer.isRequiresMfa ? 'MFA needed: ' + answer.mfaMethods.join(', ') : 'signed in');
      })}>Sign in</button>
      <button onClick={act(async () => { await auth.send2fa('email'); setStep('code sent'); })}>E-mail me a code</button>
      <label>Code <input value={code} onChange={(event) => setCode(event.target.value)} /></label>
      <button onClick={act(async () => {
        const answer = await auth.verify2fa({ method: 'email', otp: code });
        setStep(answer.isRequiresMfa ? 'still MFA needed' : 'MFA step done');
      })}>Verify</button>
      <button onClick={act(async () => {
        const status = await auth.getMfaStatus();
        setStep('MFA ' + (status.isEnabled ? 'on' : 'off') + ': ' + status.verifiedMethods.join(', '));
      })}>MFA status</button>
      <button onClick={act(async () => {
        const answer = await auth.generateRecoveryCode();
        setStep(answer.codes.length + ' recovery codes');
      })}>New recovery codes</button>
      <button onClick={act(async () => { await auth.logout(); setStep('signed out'); })}>Sign out</button>
    </main>
  );
}

createRoot(document.getElementById('root')).render(<AuthProvider client={client}><MfaScreens /></AuthProvider>);
`;

let browser: Browser;
let pageServer: AppPageServer | undefined;
let pageOrigin: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: APP, resolveDir: process.cwd(), loader: 'jsx' },
    jsx: 'automatic',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  const html = `<!doctype html><html><body><div id="root"></div><script>${bundle.outputFiles[0]!.text}</script></body></html>`;
  pageServer = await serveAppPage(html);
  pageOrigin = pageServer.origin;
  [browser, sandbox] = await Promise.all([launchChromium(), createSandbox()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await pageServer?.close();
});

/** Click a button of the page by its label and wait until the step line says `expected`. */
async function click(page: Page, button: string, expected: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await expect
    .poll(async () => [await page.getByTestId('step').textContent(), await page.getByTestId('problem').textContent()], { timeout: 15_000 })
    .toEqual([expected, '']);
}

describe('@ackplus/nest-auth-react 2.11.1 in a React app on another origin', () => {
  for (const mode of ['header', 'cookie'] as const) {
    it(`walks the MFA screens with the SDK's hooks in ${mode} mode: sign-in that needs the MFA step, an e-mailed code, status, recovery codes, sign-out`, async () => {
      const session = `react-sdk-${mode}`;
      const base = `${sandbox.url}/s/${session}/scenario/mfa-enabled/nest-auth`;
      const page = await browser.newPage();
      const pageErrors = collectPageErrors(page);
      try {
        await page.goto(`${pageOrigin}/?base=${encodeURIComponent(base)}&mode=${mode}`);
        // The provider's first check of a session finds none: signed out.
        await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 15_000 }).toBe('nobody');
        await click(page, 'Sign in', 'MFA needed: email, sms, totp');

        const mailed = sandbox.session(session).waitForMessage({ to: 'ada@example.com', contains: 'code' }, { timeoutMs: 10_000 });
        await click(page, 'E-mail me a code', 'code sent');
        const { code } = await mailed;
        await page.getByLabel('Code').fill('000000');
        await page.getByRole('button', { name: 'Verify' }).click();
        await expect.poll(() => page.getByTestId('problem').textContent(), { timeout: 15_000 }).toBe('400 Invalid verification code');
        await page.getByLabel('Code').fill(code);
        await click(page, 'Verify', 'MFA step done');
        await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 15_000 }).toBe('ada@example.com');

        await click(page, 'MFA status', 'MFA on: totp, email, sms');
        await click(page, 'New recovery codes', '10 recovery codes');
        await click(page, 'Sign out', 'signed out');
        await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 15_000 }).toBe('nobody');
      } finally {
        await page.close();
      }
      // Chromium notes each 401 the SDK's own session checks meet while signed out (as against the real server); nothing else.
      expect(pageErrors.filter((text) => !/status of 40[01]/.test(text))).toEqual([]);
      const answered = journalSteps(sandbox.session(session).journal());
      // Every request the SDK made, in order: its start-up check of a session (in cookie mode it also tries a refresh
      // on the 401, as against the real server), then one per click, and the user's data it loads after the MFA step.
      expect(answered).toEqual([
        'verifySession:401',
        ...(mode === 'cookie' ? ['refreshToken:401'] : []),
        'login:200',
        'sendMfaChallenge:200',
        'verifyMfa:400',
        'verifyMfa:200',
        'getSessionUserData:200',
        'getMfaStatus:200',
        'generateRecoveryCode:200',
        'logout:200',
      ]);
    }, 90_000);
  }
});
