import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMfaHandlers } from '../../src/msw/create-mfa-handlers.js';

/**
 * The MSW handlers under `setupServer`, with the fetch an app's tests use: a `/s/<session>/` prefix chooses the session
 * of that request only, as against the server (a Node client keeps no cookie). MSW keeps response cookies in a store
 * of its own and sends them on every later request of the process, so a session cookie there would carry one test's
 * session and scenario into the next test's plain requests.
 */
const ADA = { authorization: 'Bearer flashback-token-ada' };
const mfa = createMfaHandlers();
const server = setupServer(...mfa.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server?.close());

describe('MSW handlers and the /s/<session>/ prefix', () => {
  it("keeps a prefixed request's session and scenario out of later plain requests", async () => {
    const prefixed = await fetch('http://localhost:4010/s/test-1/scenario/mfa-enabled/flashback/mfa/status', { headers: ADA });
    expect(((await prefixed.json()) as { data: { isEnabled: boolean } }).data.isEnabled).toBe(true);
    expect(prefixed.headers.get('set-cookie')).toBeNull();

    const plain = await fetch('http://localhost:4010/flashback/mfa/status', { headers: ADA });
    expect(((await plain.json()) as { data: { isEnabled: boolean } }).data.isEnabled).toBe(false);
    expect(mfa.session('test-1').journal()).toHaveLength(1);
    expect(mfa.session('default').journal()).toEqual([expect.objectContaining({ sessionFrom: 'default' })]);
  });
});
