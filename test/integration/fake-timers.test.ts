import { afterEach, expect, it, vi } from 'vitest';
import { createSandbox, OutboxWaitTimeoutError } from '../../src/index.js';

/**
 * A frontend suite often fakes timers in every test (`vi.useFakeTimers()` in a beforeEach). A sandbox started under
 * them must still start, answer, deliver and close: its `close()` waited for one turn of the event loop through
 * `setImmediate`, which the fake timers hold until the test advances them, so `afterAll` timed out.
 */

/** The real setTimeout, taken before any test fakes it: the guard that tells a hang from a slow close. */
const realSetTimeout = globalThis.setTimeout;
const within = <T>(ms: number, promise: Promise<T>): Promise<T | 'still pending'> =>
  Promise.race([promise, new Promise<'still pending'>((resolve) => realSetTimeout(() => resolve('still pending'), ms))]);

afterEach(() => {
  vi.useRealTimers();
});

it("starts, answers a TOTP enrolment, delivers a magic link and closes under vitest's fake timers", async () => {
  vi.useFakeTimers();
  const sandbox = await createSandbox();
  const qa = sandbox.session('fake-timers');
  const headers = { ...qa.headers, authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
  const post = (path: string, body: unknown) => fetch(`${sandbox.url}/flashback${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  try {
    expect((await post('/mfa/setup', { mfaType: 'GOOGLE_AUTH' })).status).toBe(200);
    const verified = await post('/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: qa.totpCode('usr_ada') });
    expect(await verified.json()).toMatchObject({ success: true });
    expect((await post('/mfa/magic-link/send', {})).status).toBe(200);
    expect(await within(2_000, qa.waitForMessage({ contains: 'link' }))).toMatchObject({ surface: 'flashback', seq: 1 });
    // A message that never comes: the wait gives up on wall time (it waited on a faked timer for ever).
    const gaveUp = qa.waitForMessage({ contains: 'code' }, { timeoutMs: 300 }).catch((error: unknown) => error);
    expect(await within(2_000, gaveUp)).toBeInstanceOf(OutboxWaitTimeoutError);
  } finally {
    expect(
      await within(
        3_000,
        sandbox.close().then(() => 'closed'),
      ),
    ).toBe('closed');
  }
});
