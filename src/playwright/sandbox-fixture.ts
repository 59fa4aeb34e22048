/**
 * `mfa-sandbox/playwright`: a `@playwright/test` fixture. Each worker runs one sandbox (`createSandbox()`, a random
 * port); each test gets its own session of it, the sandbox URL with that session's prefix, and a browser context whose
 * virtual authenticator (Playwright's `context.credentials`) holds the session's passkeys, so a page's
 * `navigator.credentials.get()` signs the sandbox's passkey challenges and its `create()` registers new ones.
 *
 * @example
 * import { test, expect } from 'mfa-sandbox/playwright';
 *
 * test.use({ sandboxScenario: 'mfa-enabled' });
 *
 * test('Ada signs in with her passkey', async ({ page, sandbox, sandboxUrl, passkeys }) => {
 *   expect(passkeys).toHaveLength(1); // the scenario's passkey, already in the context's authenticator
 *   await page.goto(`http://localhost:3000/login?api=${encodeURIComponent(`${sandboxUrl}/flashback`)}`);
 *   // ... the app runs its passkey step against the sandbox
 *   expect(sandbox.journal({ operationId: 'verifyMFALogin', status: 200 })).toHaveLength(1);
 * });
 */
import { test as base } from '@playwright/test';
import { createSandbox, type PlaywrightPasskey, type RunningSandbox, type SandboxOptions, type SandboxSession, type ScenarioName } from '../index.js';

export { expect } from '@playwright/test';

/** What every test gets. */
export interface SandboxTestFixtures {
  /**
   * This test's own session of the worker's sandbox: its controls (`outbox()`, `totpCode()`, `clock`, `journal()`,
   * `passkeys()`, `importPasskey()` ...), its `id` and its `headers`. Forgotten after the test.
   */
  sandbox: SandboxSession;
  /**
   * The sandbox's URL with this test's session prefix, `http://localhost:<port>/s/<session>`: every surface is under
   * it (`${sandboxUrl}/flashback/mfa/status`) and each request there is in this test's session without a header.
   * The host is `localhost`, a secure context and the relying party id of the sandbox's passkeys.
   */
  sandboxUrl: string;
  /**
   * The session's passkeys the sandbox holds private keys for (the scenario's), in Playwright's credentials shape;
   * they are already in the test's `context.credentials`.
   */
  passkeys: PlaywrightPasskey[];
  /** The scenario this test's session starts in (every surface that has it); the sandbox's default when unset. */
  sandboxScenario: ScenarioName | undefined;
  /**
   * Install Playwright's virtual authenticator in the test's context (default true): the page's
   * `navigator.credentials` is answered by it, seeded with `passkeys`.
   */
  sandboxVirtualAuthenticator: boolean;
}

/** What every worker shares. */
export interface SandboxWorkerFixtures {
  /** Options of the worker's `createSandbox()` (scenarios directory, default scenario, clock ...). */
  sandboxOptions: SandboxOptions;
  /** The worker's running sandbox; tests use their own sessions of it. */
  sandboxServer: RunningSandbox;
}

/** A session id unique to one test run: worker, test and retry (ids of `[A-Za-z0-9._:-]`, as the sandbox takes them). */
function sessionIdOf(testId: string, workerIndex: number, retry: number): string {
  return `pw-${workerIndex}-${testId.replace(/[^A-Za-z0-9._:-]/g, '_')}-${retry}`.slice(0, 128);
}

/**
 * `test` with the sandbox fixtures: `sandbox`, `sandboxUrl`, `passkeys` per test, `sandboxServer` per worker;
 * `test.use({ sandboxScenario, sandboxVirtualAuthenticator, sandboxOptions })` sets the options.
 */
export const test = base.extend<SandboxTestFixtures, SandboxWorkerFixtures>({
  sandboxOptions: [{}, { scope: 'worker', option: true }],
  sandboxServer: [
    async ({ sandboxOptions }, use) => {
      const sandbox = await createSandbox(sandboxOptions);
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  sandboxScenario: [undefined, { option: true }],
  sandboxVirtualAuthenticator: [true, { option: true }],
  sandbox: async ({ sandboxServer, sandboxScenario }, use, testInfo) => {
    const session = sandboxServer.session(sessionIdOf(testInfo.testId, testInfo.workerIndex, testInfo.retry));
    if (sandboxScenario !== undefined) session.useScenario(sandboxScenario);
    await use(session);
    session.reset();
  },
  sandboxUrl: async ({ sandboxServer, sandbox }, use) => {
    // localhost rather than 127.0.0.1: the relying party id of the sandbox's passkeys, and a secure context.
    await use(`http://localhost:${new URL(sandboxServer.url).port}${sandbox.pathPrefix}`);
  },
  passkeys: async ({ sandbox }, use) => {
    await use(sandbox.passkeys());
  },
  context: async ({ context, passkeys, sandboxVirtualAuthenticator }, use) => {
    if (sandboxVirtualAuthenticator) {
      for (const passkey of passkeys) await context.credentials.create(passkey.rpId, passkey);
      await context.credentials.install();
    }
    await use(context);
  },
});
