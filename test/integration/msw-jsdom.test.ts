// @vitest-environment jsdom
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMfaHandlers } from '../../src/msw/create-mfa-handlers.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * The MSW handlers where component tests run them: vitest's jsdom environment, whose window replaces some of Node's
 * globals (its Blob has no `stream()`). A TOTP setup answered 500 there, the QR code's PNG failing, while the README's
 * example (which never starts a setup) passed.
 */
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
const server = setupServer(...createMfaHandlers().handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server?.close());

describe('MSW handlers in a jsdom test environment', () => {
  it('runs an authenticator enrolment: the QR code is a PNG, and a real code verifies the secret', async () => {
    expect('document' in globalThis).toBe(true); // jsdom's window, not Node's bare globals
    const setup = await fetch('http://localhost:4010/flashback/mfa/setup', { method: 'POST', headers: ADA, body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }) });
    expect(setup.status).toBe(200);
    const { data } = (await setup.json()) as { data: { secret: string; qrCode: string } };
    const png = Buffer.from(data.qrCode.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const code = authenticatorCode(data.secret);
    const verified = await fetch('http://localhost:4010/flashback/mfa/verify-setup', {
      method: 'POST',
      headers: ADA,
      body: JSON.stringify({ mfaType: 'GOOGLE_AUTH', code }),
    });
    expect(verified.status).toBe(200);
  });
});
