import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * `/s/<session>/` (and `/s/<session>/scenario/<name>/`) in front of a surface's base URL chooses the session and the
 * scenario by URL alone: on the multi-surface server and in front of a single surface served at `/`.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
const NEST_ADA = { authorization: 'Bearer nest-auth-token-ada' };

let sandbox: TestSandbox;
let single: TestSandbox;

beforeAll(async () => {
  sandbox = await createTestSandbox();
  single = await createTestSandbox({ surface: 'nest-auth' });
});
afterAll(async () => {
  await sandbox.close();
  await single.close();
});

const outboxOf = async (target: TestSandbox, session: string) => (await target.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json();
const journalOf = async (target: TestSandbox, session: string) => (await target.app.inject({ url: `/__admin/sessions/${session}/journal` })).json();

describe('the session path prefix on the multi-surface server', () => {
  it('writes state into the session the URL names, not the default one', async () => {
    const send = await sandbox.request({ method: 'POST', url: '/s/prefix-a/flashback/mfa/magic-link/send', headers: ADA });
    expect(send.statusCode).toBe(200);
    expect(send.data).toMatchObject({ success: true });
    expect(await outboxOf(sandbox, 'prefix-a')).toHaveLength(1);
    expect(await outboxOf(sandbox, 'default')).toEqual([]);
    // The journal keeps the URL as the client sent it, prefix included.
    const [entry] = await journalOf(sandbox, 'prefix-a');
    expect(entry).toMatchObject({ url: '/s/prefix-a/flashback/mfa/magic-link/send', operationId: 'sendMagicLink', status: 200 });
  });

  it('runs the request in the scenario /scenario/<name>/ names, and the session keeps its own scenario otherwise', async () => {
    const enabled = await sandbox.request({ url: '/s/prefix-b/scenario/mfa-enabled/flashback/mfa/status', headers: ADA });
    expect(enabled.data.data).toMatchObject({ isEnabled: true, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'] });
    const plain = await sandbox.request({ url: '/s/prefix-b/flashback/mfa/status', headers: ADA });
    expect(plain.data.data).toMatchObject({ isEnabled: false, enabledMethods: [] });
  });

  it('keeps the query string and answers a prefixed URL exactly as the unprefixed one', async () => {
    const prefixed = await sandbox.request({ url: '/s/prefix-c/flashback/mfa/status?x=1', headers: ADA });
    const plain = await sandbox.request({ url: '/flashback/mfa/status?x=1', headers: ADA, session: 'prefix-c-twin' });
    expect(prefixed.statusCode).toBe(200);
    expect(prefixed.data).toEqual(plain.data);
  });

  it('wins over X-Mock-Session, and its scenario over Prefer: scenario', async () => {
    const res = await sandbox.request({
      url: '/s/prefix-d/scenario/org-enforced/flashback/mfa/status',
      headers: ADA,
      session: 'prefix-d-header',
      scenario: 'mfa-enabled',
    });
    expect(res.data.data).toMatchObject({ isEnforced: true, isRequired: true });
    expect(await journalOf(sandbox, 'prefix-d')).toHaveLength(1);
    expect(await journalOf(sandbox, 'prefix-d-header')).toEqual([]);
  });

  it('refuses a malformed session or an unknown scenario with a sandbox fault, and an unknown path with the 404 fault', async () => {
    const badSession = await sandbox.request({ url: '/s/a%20b/flashback/mfa/status', headers: ADA });
    expect(badSession.statusCode).toBe(400);
    expect(badSession.data).toMatchObject({ code: 'MOCK_ERR_BAD_SESSION_ID' });
    expect(badSession.data.detail).toContain('/s/<session>/');
    const badEncoding = await sandbox.request({ url: '/s/%E0%A4%A/flashback/mfa/status', headers: ADA });
    expect(badEncoding.data).toMatchObject({ code: 'MOCK_ERR_BAD_SESSION_ID' });
    const unknownScenario = await sandbox.request({ url: '/s/prefix-e/scenario/no-such-scenario/flashback/mfa/status', headers: ADA });
    expect(unknownScenario.statusCode).toBe(422);
    expect(unknownScenario.data).toMatchObject({ code: 'MOCK_ERR_UNKNOWN_SCENARIO' });
    const unknownPath = await sandbox.request({ url: '/s/prefix-e/flashback/no/such/path', headers: ADA });
    expect(unknownPath.statusCode).toBe(404);
    expect(unknownPath.data).toMatchObject({ code: 'MOCK_ERR_ROUTE_NOT_FOUND' });
  });
});

describe('the session path prefix in front of a single surface served at /', () => {
  it('chooses the session and the scenario of the vendor paths behind it', async () => {
    const enabled = await single.request({ url: '/s/single-a/scenario/mfa-enabled/auth/mfa/status', headers: NEST_ADA });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.data).toMatchObject({ isEnabled: true });
    const plain = await single.request({ url: '/s/single-a/auth/mfa/status', headers: NEST_ADA });
    expect(plain.data).toMatchObject({ isEnabled: false });
    const journal = await journalOf(single, 'single-a');
    expect(journal.map((entry: { scenario: string }) => entry.scenario)).toEqual(['mfa-enabled', 'default']);
    expect(await journalOf(single, 'default')).toEqual([]);
  });
});
