import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DYNAMIC_HEADER, DYNAMIC_SEED_HEADER } from '../../src/pipeline/dynamic-answer.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * Prism's query forms of its preferences (`?__code=`, `__example=`, `__dynamic=`, `__seed=`), so a suite written
 * against Prism gets the answers it asked for here too. Every answer is checked against its spec by the harness
 * (response validation on).
 */

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ validateResponses: true });
});
afterAll(async () => {
  await sandbox.close();
});

const ADA = { authorization: 'Bearer flashback-token-ada' };
/** The session's last journal entry, read through the admin API. */
async function lastEntry(session: string): Promise<Record<string, unknown>> {
  const journal = await sandbox.request({ method: 'GET', url: `/__admin/sessions/${session}/journal?limit=1` });
  return journal.json<Array<Record<string, unknown>>>()[0]!;
}

const status = (query: string, headers: Record<string, string> = {}, session = 'prism-query') =>
  sandbox.request({ method: 'GET', url: `/flashback/mfa/status${query}`, session, headers: { ...ADA, ...headers } });

describe("Prism's query forms of Prefer", () => {
  it('?__code= answers that documented status with its example, and the journal marks it scripted', async () => {
    const failed = await status('?__code=500', {}, 'prism-query-code');
    expect([failed.statusCode, failed.json()]).toEqual([500, { success: false, error: 'Failed to get MFA status' }]);
    expect(await lastEntry('prism-query-code')).toMatchObject({ status: 500, scripted: 'prefer', url: '/flashback/mfa/status?__code=500' });
  });

  it('?__code= with ?__example= answers that named example', async () => {
    const unauthorized = await status('?__code=401&__example=unauthorized');
    expect([unauthorized.statusCode, unauthorized.json()]).toEqual([401, { success: false, error: 'Invalid or missing access token' }]);
  });

  it('?__dynamic=true&__seed= generates the same answer for the same seed, another for another', async () => {
    // nest-auth's device list: its free text (names, dates) is generated, its ids and flags come from the state.
    const devices = (seed: number) =>
      sandbox.request({
        method: 'GET',
        url: `/nest-auth/auth/mfa/devices?__dynamic=true&__seed=${seed}`,
        session: 'prism-query-dynamic',
        headers: { authorization: 'Bearer nest-auth-token-ada', prefer: 'scenario=mfa-enabled' },
      });
    const [first, again, other] = [await devices(7), await devices(7), await devices(8)];
    expect([first.statusCode, first.headers[DYNAMIC_HEADER], first.headers[DYNAMIC_SEED_HEADER]]).toEqual([200, 'generated', '7']);
    expect(again.body).toBe(first.body);
    expect(other.body).not.toBe(first.body);
  });

  it('a preference the Prefer header states wins over its query form; the others still apply', async () => {
    expect((await status('?__code=500', { prefer: 'code=401' })).statusCode).toBe(401);
    // The header names only the scenario: the query's code applies, in that scenario.
    const inScenario = await status('?__code=500', { prefer: 'scenario=mfa-enabled' }, 'prism-query-mixed');
    expect(inScenario.statusCode).toBe(500);
    expect(await lastEntry('prism-query-mixed')).toMatchObject({ scenario: 'mfa-enabled', status: 500 });
    // Under a session prefix, as over a plain URL.
    const prefixed = await sandbox.request({ method: 'GET', url: '/s/prism-query-prefix/flashback/mfa/status?__code=500', headers: ADA });
    expect(prefixed.statusCode).toBe(500);
  });

  it('an unreadable query form is the sandbox fault a Prefer header would get, naming the query parameter', async () => {
    for (const [query, detail] of [
      ['?__code=abc', '?__code=abc is not an HTTP status'],
      ['?__dynamic=yes', '?__dynamic=yes is not readable; use ?__dynamic=true or ?__dynamic=false'],
      ['?__seed=-1', '?__seed=-1 is not a seed; use an integer from 0 to 4294967295'],
      ['?__example=', '?__example= has no value; write ?__example=documented'],
    ]) {
      const refused = await status(query!);
      expect([refused.statusCode, refused.json().code, refused.json().detail], query).toEqual([400, 'MOCK_ERR_BAD_PREFER_HEADER', detail]);
    }
    // A status the operation does not document is refused as `Prefer: code=` is.
    const undeclared = await status('?__code=418');
    expect([undeclared.statusCode, undeclared.json().code]).toEqual([400, 'MOCK_ERR_BAD_PREFER_HEADER']);
  });

  it("a query without the prefix is the operation's own, and changes nothing", async () => {
    const plain = await status('?code=500&example=x');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['x-mock-prefer-ignored']).toBeUndefined();
  });

  it('a misspelt query form, or a preference that has none, is named in x-mock-prefer-ignored as a misspelt Prefer is', async () => {
    // It was the normal answer without a word, while `Prefer: status=500` said "did you mean code?" (a QA tour).
    const misspelt = await status('?__codee=500&__exmaple=documented');
    expect([misspelt.statusCode, misspelt.headers['x-mock-prefer-ignored']]).toEqual([
      200,
      '?__codee (did you mean ?__code?), ?__exmaple (did you mean ?__example?)',
    ]);
    const headerOnly = await status('?__scenario=lockout&__latecny=100');
    expect(headerOnly.headers['x-mock-prefer-ignored']).toBe(
      '?__scenario (no query form: send Prefer: scenario=...), ?__latecny (did you mean Prefer: latency=...?)',
    );
    // A `__` name nothing like a preference may be the API's own: left alone.
    expect((await status('?__utm_source=mail')).headers['x-mock-prefer-ignored']).toBeUndefined();
  });
});
