import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { wrongCode } from '../harness/totp.js';

/**
 * A scenario's attempt limit with sessions in PostgreSQL: the count of wrong codes and the lock are part of the session
 * document, so two replicas on one database share them (a count started on one is finished on the other).
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let database: TestDatabase;
let replicas: TestSandbox[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  replicas = [await createTestSandbox({ stateUrl: database.url }), await createTestSandbox({ stateUrl: database.url })];
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  await database?.drop();
});

describe('lockout with the PostgreSQL store', () => {
  it('counts wrong codes across replicas, locks on the 5th, and an unlock on either replica frees the user on both', async () => {
    const session = 'pg-lockout';
    const [first, second] = replicas as [TestSandbox, TestSandbox];
    const wrongLogin = (replica: TestSandbox) =>
      replica.request({
        method: 'POST',
        url: '/flashback/mfa/verify-login',
        session,
        scenario: 'lockout',
        headers: ADA,
        payload: { mfaType: 'GOOGLE_AUTH', code: wrongCode(SECRET) },
      });
    const status = (replica: TestSandbox) => replica.request({ url: '/flashback/mfa/status', session, scenario: 'lockout', headers: ADA });

    for (const replica of [first, second, first, second]) expect((await wrongLogin(replica)).statusCode).toBe(400);
    const state = (await second.app.inject({ url: `/__admin/sessions/${session}` })).json();
    expect(state.worlds['flashback/lockout'].users.usr_ada).toMatchObject({ locked: false, failedCodeAttempts: 4 });
    expect((await status(first)).statusCode).toBe(200);

    expect((await wrongLogin(second)).statusCode).toBe(400);
    expect((await status(first)).data).toEqual({ success: false, error: 'Account locked' });
    expect((await status(second)).statusCode).toBe(403);

    const unlock = await first.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/users/usr_ada/lock`, payload: { locked: false } });
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect((await status(second)).statusCode).toBe(200);
    const after = (await second.app.inject({ url: `/__admin/sessions/${session}` })).json();
    expect(after.worlds['flashback/lockout'].users.usr_ada.failedCodeAttempts).toBeUndefined();
  });
});
