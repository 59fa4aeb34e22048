// @vitest-environment happy-dom
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMfaHandlers } from '../../src/msw/create-mfa-handlers.js';

/**
 * The MSW handlers under vitest's happy-dom environment, whose Headers keep the letter case a page wrote
 * (`Authorization`, as axios and most apps write it) where undici's and jsdom's lower it: a capitalised Authorization
 * was refused as missing (401), a capitalised Content-Type made every POST a 400, and X-Mock-Session and Prefer were
 * dropped without a hint.
 */
const mfa = createMfaHandlers();
const server = setupServer(...mfa.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server?.close());

describe('MSW handlers in a happy-dom test environment', () => {
  it('reads headers written in any letter case: credentials, content type, session and Prefer', async () => {
    const headers = new Headers({ Authorization: 'Bearer flashback-token-ada' });
    // The premise: happy-dom keeps the case (else this file tests nothing jsdom's does not).
    expect([...headers.keys()]).toContain('Authorization');

    const qa = mfa.session('happy-dom-case');
    const written = { Authorization: 'Bearer flashback-token-ada', 'Content-Type': 'application/json', 'X-Mock-Session': 'happy-dom-case' };
    const setup = await fetch('http://localhost:4010/flashback/mfa/setup', {
      method: 'POST',
      headers: written,
      body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }),
    });
    expect(setup.status).toBe(200);
    // The setup landed in the session the header named.
    expect(qa.journal().map((entry) => [entry.operationId, entry.status])).toEqual([['setupMFA', 200]]);

    const enforced = await fetch('http://localhost:4010/flashback/mfa/status', { headers: { ...written, Prefer: 'scenario=org-enforced' } });
    expect(enforced.status).toBe(200);
    expect(((await enforced.json()) as { data: { isEnforced: boolean } }).data.isEnforced).toBe(true);
  });
});
