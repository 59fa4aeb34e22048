import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';

/** The documented in-process API, over a real port, as a user's vitest suite would use it. */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

describe('createSandbox', () => {
  it('listens on a random loopback port', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('session(id).useScenario switches what that session sees, and only it', async () => {
    const qa = sandbox.session('programmatic-qa');
    expect(qa.useScenario('org-enforced')).toContain('flashback');
    const enforced = await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...ADA, ...qa.headers } });
    expect(((await enforced.json()) as any).data.isEnforced).toBe(true);
    const other = await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...ADA, ...sandbox.session('programmatic-other').headers } });
    expect(((await other.json()) as any).data.isEnforced).toBe(false);
  });

  it('totpCode reads the current code of an enrolled device, and it verifies', async () => {
    const dev = sandbox.session('programmatic-totp');
    const setup = await fetch(`${sandbox.url}/flashback/mfa/setup`, { method: 'POST', headers: { ...ADA, ...dev.headers }, body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }) });
    const { secret } = ((await setup.json()) as any).data;
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    const { generateSync } = await import('otplib');
    const code = generateSync({ secret });
    const verify = await fetch(`${sandbox.url}/flashback/mfa/verify-setup`, { method: 'POST', headers: { ...ADA, ...dev.headers }, body: JSON.stringify({ mfaType: 'GOOGLE_AUTH', code }) });
    expect(verify.status).toBe(200);
    expect(dev.totpCode('usr_ada')).toBe(code);
    expect(() => dev.totpCode('usr_nobody')).toThrow('No TOTP factor');
  });

  it('outbox, journal and reset', async () => {
    const mail = sandbox.session('programmatic-mail');
    await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers: { ...ADA, ...mail.headers } });
    const [message] = mail.outbox('flashback');
    expect(message).toMatchObject({ surface: 'flashback', to: 'ada@example.com', channel: 'email' });
    expect(mail.journal().map((entry) => entry.operationId)).toEqual(['sendMagicLink']);
    mail.reset();
    expect(mail.outbox()).toEqual([]);
  });
});
