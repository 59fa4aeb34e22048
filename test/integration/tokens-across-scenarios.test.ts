import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * A session keeps a world per scenario. An app signed in under one scenario (its tokens issued in that world) that QA
 * then points at `server-error`, by switching the session or with one `Prefer: scenario=`, gets the scenario's 500
 * (a vendor SDK tour got 401 "Session not found", and its client refreshed the token and signed out); a scenario that
 * scripts nothing refuses the token with an explanation naming the world that issued it (the tour's said the session
 * had ended). A token no world issued is still refused under a script.
 */
let sandbox: TestSandbox;
let sessions = 0;
const newSession = () => `across-${++sessions}`;

beforeAll(async () => {
  sandbox = await createTestSandbox({ validateResponses: true });
});
afterAll(() => sandbox.close());

/** Sign Ada in to nest-auth in the session's current scenario (default, no MFA): the access token its login answers. */
async function signIn(session: string): Promise<string> {
  const login = await sandbox.request({
    method: 'POST',
    url: '/nest-auth/auth/login',
    session,
    payload: { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } },
  });
  expect(login.statusCode).toBe(200);
  return login.data.accessToken as string;
}

const status = (session: string, token: string, prefer?: string) =>
  sandbox.request({
    url: '/nest-auth/auth/mfa/status',
    session,
    headers: { authorization: `Bearer ${token}`, prefer: prefer ? `${prefer}, explain` : 'explain' },
  });

const explanationOf = (response: { headers: Record<string, unknown> }) => JSON.parse(String(response.headers['x-mock-explain']));

it('answers a signed-in token with the 500 of server-error preferred for one request, and the status again after', async () => {
  const session = newSession();
  const token = await signIn(session);
  const failing = await status(session, token, 'scenario=server-error');
  expect([failing.statusCode, failing.data]).toEqual([500, { statusCode: 500, message: 'Internal server error' }]);
  expect((await status(session, token)).statusCode).toBe(200);
  const journal = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal?operationId=getMfaStatus` })).json();
  // The caller is known in the journal, from the world that issued the token.
  expect(journal.map((entry: { status: number; user?: string }) => [entry.status, entry.user])).toEqual([
    [500, '4b3c9c9c-0000-4d1e-8d9f-00000000ada1'],
    [200, '4b3c9c9c-0000-4d1e-8d9f-00000000ada1'],
  ]);
});

it('answers a signed-in token with the 500 once QA switched the session to server-error', async () => {
  const session = newSession();
  const token = await signIn(session);
  const switched = await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/scenario`, payload: { scenario: 'server-error' } });
  expect(switched.statusCode).toBe(200);
  expect((await status(session, token)).statusCode).toBe(500);
});

it('still refuses under a script a token no world of the session issued, and one of another session', async () => {
  const session = newSession();
  const stranger = await signIn(newSession());
  await signIn(session);
  for (const token of ['not-a-token', stranger]) {
    const refused = await status(session, token, 'scenario=server-error');
    expect(refused.statusCode).toBe(401);
  }
});

it('refuses a signed-in token in a scenario that scripts nothing, naming the world that issued it', async () => {
  const session = newSession();
  const token = await signIn(session);
  const refused = await status(session, token, 'scenario=mfa-enabled');
  expect([refused.statusCode, refused.data.message]).toEqual([401, 'Session not found']);
  const explanation = explanationOf(refused);
  expect(explanation.message).toBe(
    "the token was issued in this session's world of scenario default (user 4b3c9c9c-0000-4d1e-8d9f-00000000ada1); this request runs in " +
      'scenario mfa-enabled, whose world has its own users and tokens',
  );
  expect(explanation.wouldPass).toContain('Prefer: code=<status>');
});

it('answers a Flashback token of the world it came from when QA prefers server-error, whose own world lacks its user', async () => {
  const session = newSession();
  const asGenerated = (scenario: string) =>
    sandbox.request({ url: '/flashback/mfa/status', session, scenario, headers: { authorization: 'Bearer flashback-token-gen-42' } });
  // many-users' world (made by its first request) has the generated users; server-error's has Ada and Bob only.
  expect((await asGenerated('many-users')).statusCode).toBe(200);
  const failing = await asGenerated('server-error');
  expect([failing.statusCode, failing.data]).toEqual([500, { success: false, error: 'Failed to get MFA status' }]);
});
