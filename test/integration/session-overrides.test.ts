import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { createAdminAnswerCheck } from '../harness/admin-answer-check.js';
import type { Answer } from '../harness/openapi-answer-check.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { MAX_HELD_OVERRIDES } from '../../src/engine/session-overrides.js';

/**
 * Runtime scripted answers per session (issue 17, item 1), through the admin API and `createSandbox()`: checked against
 * the spec when added, applied on one session only, `times` counted across requests, and every admin answer valid
 * against the admin spec.
 */

const ADA = { authorization: 'Bearer flashback-token-ada' };
let sandbox: TestSandbox;
let check: (operationId: string, answer: Answer) => string[];

beforeAll(async () => {
  sandbox = await createTestSandbox();
  check = await createAdminAnswerCheck(sandbox.app);
});
afterAll(() => sandbox?.close());

/** One admin call, its answer checked against the admin spec. */
async function admin(operationId: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) {
  const response = await sandbox.app.inject({
    method,
    url: `/__admin${url}`,
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
  });
  expect(check(operationId, response), `${method} ${url}: ${response.body}`).toEqual([]);
  return response;
}

const status = (session: string) => sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });

describe('session overrides through the admin API', () => {
  it('adds, lists and removes an override on one session only', async () => {
    const added = await admin('addSessionOverride', 'POST', '/sessions/ov-a/overrides', { surface: 'flashback', operationId: 'getMFAStatus', status: 500 });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ id: 'ov-1', surface: 'flashback', operationId: 'getMFAStatus', status: 500, used: 0 });

    expect((await status('ov-a')).statusCode).toBe(500);
    expect((await status('ov-a')).data).toEqual({ success: false, error: expect.any(String) });
    const untouched = await status('ov-b');
    expect(untouched.statusCode).toBe(200);
    expect(untouched.data.success).toBe(true);

    const listed = await admin('listSessionOverrides', 'GET', '/sessions/ov-a/overrides');
    expect(listed.json()).toEqual([expect.objectContaining({ id: 'ov-1', used: 2 })]);
    expect((await admin('listSessionOverrides', 'GET', '/sessions/ov-b/overrides')).json()).toEqual([]);

    expect((await admin('removeSessionOverride', 'DELETE', '/sessions/ov-a/overrides/ov-1')).statusCode).toBe(204);
    const again = await admin('removeSessionOverride', 'DELETE', '/sessions/ov-a/overrides/ov-1');
    expect([again.statusCode, again.json().detail]).toEqual([404, 'No override "ov-1" in session "ov-a"']);
    // A session that is gone is named as gone: a test's cleanup after a reset read as a mistyped override id.
    const gone = await admin('removeSessionOverride', 'DELETE', '/sessions/never-made/overrides/ov-1');
    expect([gone.statusCode, gone.json().detail]).toEqual([
      404,
      'No override "ov-1" in session "never-made": the sandbox holds no session "never-made" (never made, or deleted, reset or forgotten since, with its overrides)',
    ]);
    expect((await status('ov-a')).statusCode).toBe(200);
  });

  it('answers `times` requests, then stops and stays listed as used up', async () => {
    await admin('addSessionOverride', 'POST', '/sessions/ov-times/overrides', { operationId: 'getMFAStatus', example: 'enforcedAndVerified', times: 2 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await status('ov-times')).data.data.isEnforced);
    expect(answers).toEqual([true, true, false]);
    const [listed] = (await admin('listSessionOverrides', 'GET', '/sessions/ov-times/overrides')).json();
    expect(listed).toMatchObject({ surface: 'flashback', times: 2, used: 2 });
  });

  it('wins over the scenario override, the newest winning among the session ones; DELETE clears them all', async () => {
    const session = 'ov-precedence';
    const added = await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, {
      surface: 'flashback',
      operationId: 'getMFAStatus',
      example: 'notEnabled',
    });
    expect(added.statusCode).toBe(201);
    // server-error scripts a 500 for every operation ("*"); the session's override of this one answers instead.
    const viaScenario = await sandbox.request({ url: '/flashback/mfa/status', session, scenario: 'server-error', headers: ADA });
    expect(viaScenario.statusCode, viaScenario.body).toBe(200);
    expect(viaScenario.data.data.isEnabled).toBe(false);
    await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, { surface: 'flashback', operationId: 'getMFAStatus', example: 'documented' });
    await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, {
      surface: 'flashback',
      operationId: 'getMFAStatus',
      example: 'enforcedAndVerified',
    });
    expect((await status(session)).data.data.isEnforced).toBe(true); // newest exact one
    expect((await admin('clearSessionOverrides', 'DELETE', `/sessions/${session}/overrides`)).statusCode).toBe(204);
    expect((await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json()).toEqual([]);
    const cleared = await sandbox.request({ url: '/flashback/mfa/status', session, scenario: 'server-error', headers: ADA });
    expect(cleared.statusCode).toBe(500);
    // Ids are never reused after a removal.
    expect(
      (await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, { surface: 'flashback', operationId: 'getMFAStatus', latencyMs: 5 })).json()
        .id,
    ).toBe('ov-4');
  });

  it('an exact override answers alone, before a newer "*" one (whose latency it does not take); the "*" one answers the other operations', async () => {
    const session = 'ov-exact-before-star';
    await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, { surface: 'flashback', operationId: 'getMFAStatus', status: 500 });
    const star = await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, { surface: 'flashback', operationId: '*', latencyMs: 40 });
    const exact = await status(session);
    expect(exact.statusCode).toBe(500);
    expect(exact.headers['x-mock-latency-ms']).toBeUndefined();
    const other = await sandbox.request({ url: '/flashback/mfa/methods', session, headers: ADA });
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-mock-latency-ms']).toBe('40');
    expect((await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json()).toEqual([
      expect.objectContaining({ operationId: 'getMFAStatus', used: 1 }),
      expect.objectContaining({ id: star.json().id, operationId: '*', used: 1 }),
    ]);
  });

  it('is used up only by requests it answers: not by one its Prefer, refused credentials or a sandbox fault answered', async () => {
    await admin('addSessionOverride', 'POST', '/sessions/ov-once/overrides', { surface: 'flashback', operationId: 'getMFAStatus', status: 500, times: 1 });
    const once = (headers: Record<string, string>) =>
      sandbox.app.inject({ url: '/flashback/mfa/status', headers: { 'x-mock-session': 'ov-once', ...headers } });
    expect((await once({ ...ADA, prefer: 'example=notEnabled' })).statusCode).toBe(200); // the request's own Prefer answered
    expect((await once({})).statusCode).toBe(401); // no credentials: the vendor's refusal answered
    expect((await once({ ...ADA, prefer: 'code=404' })).statusCode).toBe(400); // a Prefer the operation cannot honour
    const [unused] = (await admin('listSessionOverrides', 'GET', '/sessions/ov-once/overrides')).json();
    expect(unused).toMatchObject({ times: 1, used: 0 });
    expect((await once(ADA)).statusCode).toBe(500); // the failure QA scripted, at last
    expect((await once(ADA)).statusCode).toBe(200);
    // A fault-only override is used by the request it was applied to, not by one whose own Prefer replaced it.
    await admin('addSessionOverride', 'POST', '/sessions/ov-once/overrides', { surface: 'flashback', operationId: 'getMFAStatus', latencyMs: 1, times: 1 });
    expect((await once({ ...ADA, prefer: 'latency=0' })).headers).not.toHaveProperty('x-mock-latency-ms');
    expect((await once(ADA)).headers['x-mock-latency-ms']).toBe('1');
    expect((await once(ADA)).headers).not.toHaveProperty('x-mock-latency-ms');
    // A fault its rate skipped was not applied (a rate of 1e-12: skipped all but surely), so it waits for a request it breaks.
    await admin('addSessionOverride', 'POST', '/sessions/ov-rate/overrides', {
      surface: 'flashback',
      operationId: 'getMFAStatus',
      fault: 'malformed-body',
      faultRate: 1e-12,
      times: 1,
    });
    await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 'ov-rate' } });
    const [skipped] = (await admin('listSessionOverrides', 'GET', '/sessions/ov-rate/overrides')).json();
    expect(skipped).toMatchObject({ used: 0 });
    // A slow body its rate skipped neither delays the request (its latency is the body's time) nor is used.
    await admin('addSessionOverride', 'POST', '/sessions/ov-slow-rate/overrides', {
      surface: 'flashback',
      operationId: 'getMFAStatus',
      latencyMs: 2000,
      fault: 'slow-body',
      faultRate: 1e-12,
      times: 1,
    });
    const unslowed = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 'ov-slow-rate' } });
    expect([unslowed.statusCode, unslowed.headers['x-mock-latency-ms'], unslowed.headers['x-mock-fault-injected']]).toEqual([200, undefined, undefined]);
    const [slowSkipped] = (await admin('listSessionOverrides', 'GET', '/sessions/ov-slow-rate/overrides')).json();
    expect(slowSkipped).toMatchObject({ used: 0 });
  });

  it('counts a `latencyMs: 0` override as answering (no delay), so it is used up and the older one answers next', async () => {
    const status = () => sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 'ov-zero' } });
    await admin('addSessionOverride', 'POST', '/sessions/ov-zero/overrides', { surface: 'flashback', operationId: 'getMFAStatus', status: 500, times: 1 });
    await admin('addSessionOverride', 'POST', '/sessions/ov-zero/overrides', { surface: 'flashback', operationId: 'getMFAStatus', latencyMs: 0, times: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await status()).statusCode);
    expect(statuses).toEqual([200, 500, 200, 200]);
    expect((await admin('listSessionOverrides', 'GET', '/sessions/ov-zero/overrides')).json()).toEqual([
      expect.objectContaining({ status: 500, used: 1 }),
      expect.objectContaining({ latencyMs: 0, used: 1 }),
    ]);
  });

  it('with `after`, lets that many fitting calls go by, whatever answered them, then answers: `after: 2, times: 1` fails the third call', async () => {
    const session = 'ov-after';
    const call = (headers: Record<string, string>) => sandbox.app.inject({ url: '/flashback/mfa/status', headers: { 'x-mock-session': session, ...headers } });
    const added = await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, {
      surface: 'flashback',
      operationId: 'getMFAStatus',
      status: 500,
      after: 2,
      times: 1,
    });
    expect(added.json()).toMatchObject({ id: 'ov-1', after: 2, times: 1, used: 0, passed: 0 });
    // A call refused for its credentials is a call: QA counts what the client sent.
    const statuses = [(await call({})).statusCode];
    for (let i = 0; i < 3; i++) statuses.push((await call(ADA)).statusCode);
    expect(statuses).toEqual([401, 200, 500, 200]);
    expect((await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json()).toEqual([
      expect.objectContaining({ id: 'ov-1', after: 2, passed: 2, times: 1, used: 1 }),
    ]);
    const journal = (await admin('getJournal', 'GET', `/sessions/${session}/journal`)).json<Array<{ status: number; overrideMisses?: unknown }>>();
    expect(journal.map((entry) => entry.overrideMisses)).toEqual([
      [{ override: 'ov-1', pointer: '/after', expected: 'answers after 2 requests', received: '0 requests let go by before this one' }],
      [{ override: 'ov-1', pointer: '/after', expected: 'answers after 2 requests', received: '1 request let go by before this one' }],
      undefined,
      [{ override: 'ov-1', pointer: '/times', expected: 'at most 1 answer', received: '1 answer given' }],
    ]);
  });

  it('with `after`, counts only the calls its `when` fits, and lets an older override answer the calls it lets go by', async () => {
    const session = 'ov-after-when';
    const bob = { authorization: 'Bearer flashback-token-bob' };
    const call = (headers: Record<string, string>) => sandbox.app.inject({ url: '/flashback/mfa/status', headers: { 'x-mock-session': session, ...headers } });
    await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, { surface: 'flashback', operationId: 'getMFAStatus', status: 403 });
    await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, {
      surface: 'flashback',
      operationId: 'getMFAStatus',
      when: { headers: { Authorization: ADA.authorization } },
      status: 500,
      after: 1,
    });
    const statuses = [];
    for (const headers of [bob, ADA, bob, ADA, ADA]) statuses.push((await call(headers)).statusCode);
    // Bob's calls do not fit the newer override: never counted; Ada's first is let go by (to the older 403), then 500s.
    expect(statuses).toEqual([403, 403, 403, 500, 500]);
    const [, newer] = (await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json();
    expect(newer).toMatchObject({ after: 1, passed: 1, used: 2 });
  });

  it('marks a scripted answer in the journal, so a scripted 200 does not read as a real one', async () => {
    await admin('addSessionOverride', 'POST', '/sessions/ov-marked/overrides', { surface: 'flashback', operationId: 'getMFAStatus', status: 200, times: 1 });
    const send = (headers: Record<string, string>) =>
      sandbox.app.inject({ url: '/flashback/mfa/status', headers: { 'x-mock-session': 'ov-marked', ...ADA, ...headers } });
    await send({}); // the override's 200
    await send({}); // the operation's own 200
    await send({ prefer: 'example=notEnabled' }); // the request's own script
    const journal = (await admin('getJournal', 'GET', '/sessions/ov-marked/journal')).json<Array<{ status: number; scripted?: string }>>();
    expect(journal.map((entry) => [entry.status, entry.scripted])).toEqual([
      [200, 'override'],
      [200, undefined],
      [200, 'prefer'],
    ]);
  });

  it('still checks the credentials before a scripted answer, and applies fault-only overrides to the stateful answer', async () => {
    await admin('addSessionOverride', 'POST', '/sessions/ov-auth/overrides', { surface: 'flashback', operationId: 'getMFAStatus', status: 500 });
    expect((await sandbox.request({ url: '/flashback/mfa/status', session: 'ov-auth' })).statusCode).toBe(401);
    await admin('addSessionOverride', 'POST', '/sessions/ov-fault/overrides', { surface: 'flashback', operationId: 'getMFAStatus', fault: 'truncated-body' });
    const broken = await status('ov-fault');
    expect(broken.headers['x-mock-fault-injected']).toBe('truncated-body');
  });

  it('refuses a bad override with 422 and the JSON pointer of each problem, storing nothing', async () => {
    const session = 'ov-bad';
    const cases: Array<[unknown, Array<{ pointer: string; reason: RegExp }>]> = [
      [{ surface: 'okta', operationId: 'getMFAStatus', status: 500 }, [{ pointer: '/surface', reason: /no surface "okta"/ }]],
      [
        { surface: 'flashbak', operationId: 'getMFAStatus', status: 500 },
        [{ pointer: '/surface', reason: /^no surface "flashbak" \(did you mean "flashback"\?\) \(known: / }],
      ],
      [{ surface: 'flashback', operationId: 'nope', status: 500 }, [{ pointer: '/operationId', reason: /no operation "nope" in the flashback spec/ }]],
      [{ operationId: 'nope' }, [{ pointer: '/operationId', reason: /no operation "nope" in any served spec \([^)]*\)$/ }]],
      [
        { operationId: 'verifyMfaLogin' },
        [{ pointer: '/operationId', reason: /no operation "verifyMfaLogin" in any served spec .* \(did you mean "verifyMFALogin"\?\)$/ }],
      ],
      [{ operationId: 'getMfaStatus', status: 200 }, [{ pointer: '/surface', reason: /exists in nest-auth, lerian; name the surface/ }]],
      [{ surface: 'flashback', operationId: 'getMFAStatus', status: 418 }, [{ pointer: '/status', reason: /declares no 418 response/ }]],
      [{ surface: 'flashback', operationId: 'getMFAStatus', example: 'nope' }, [{ pointer: '/example', reason: /has no example "nope"/ }]],
      // Every violation of the body, not the first alone: the wrong type and the missing field together.
      [
        { surface: 'flashback', operationId: 'getMFAStatus', body: { success: 'yes' } },
        [{ pointer: '/body', reason: /^not a valid 200 of getMFAStatus: .*required property 'data'.*; .*\/success must be boolean/ }],
      ],
      [
        { surface: 'flashback', operationId: 'getMFAStatus', latency: { min: 5, max: 1 }, faultRate: 0.5 },
        [
          { pointer: '/latency', reason: /min \(5\) is greater than max \(1\)/ },
          { pointer: '/faultRate', reason: /needs a fault/ },
        ],
      ],
      [
        { surface: 'flashback', operationId: 'getMFAStatus', times: 0, fault: 'explode', latencyMs: -1, colour: 'red', statsu: 500 },
        [
          { pointer: '/colour', reason: /unknown field/ },
          { pointer: '/statsu', reason: /^unknown field "statsu" \(did you mean "status"\?\)$/ },
          { pointer: '/latencyMs', reason: /integer from 0/ },
          { pointer: '/fault', reason: /must be one of drop-connection/ },
          { pointer: '/times', reason: /positive integer/ },
        ],
      ],
      [
        // A sound field's fault-setting problem is listed beside a malformed one's, in one answer.
        { surface: 'flashback', operationId: 'getMFAStatus', faultRate: 1.5, latency: { min: 5, max: 1 } },
        [
          { pointer: '/faultRate', reason: /greater than 0 and at most 1/ },
          { pointer: '/latency', reason: /min \(5\) is greater than max \(1\)/ },
        ],
      ],
      [
        { surface: 'flashback', operationId: 'getMFAStatus', fault: 'explode', faultRate: 0.5 },
        [{ pointer: '/fault', reason: /must be one of drop-connection/ }],
      ],
      [
        // Unique items holding a key named like an Object.prototype member: ajv's deep equality threw on it (a 500).
        {
          surface: 'flashback',
          operationId: 'getMFAStatus',
          body: { success: true, data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: [{}, { valueOf: false }] } },
        },
        [{ pointer: '/body', reason: /^not a valid 200 of getMFAStatus: .*enabledMethods\/0 must be string/ }],
      ],
      [
        // Every operation breaks it: the first says how, the others are named, with the statuses a `*` override can use.
        { surface: 'flashback', operationId: '*', status: 201 },
        [
          {
            pointer: '/status',
            reason:
              /^getMFAStatus declares no 201 response; it declares 200, 401, 403, 500; and likewise 14 more: getAvailableMethods, setupMFA, .*, verifyMFALogin \(the statuses every operation declares: 200, 403, 500\)$/,
          },
        ],
      ],
      [{ surface: 'flashback', operationId: 'getMFAStatus' }, [{ pointer: '', reason: /neither an answer/ }]],
      [
        // Numbers in quotes, as a JSON client or a YAML author writes them by habit: the problem says so.
        { surface: 'flashback', operationId: 'getMFAStatus', status: '500', times: '1' },
        [
          { pointer: '/status', reason: /^must be an integer HTTP status \(100-599\) \("500" is text: write 500 without quotes\)$/ },
          { pointer: '/times', reason: /^must be a positive integer \("1" is text: write 1 without quotes\)$/ },
        ],
      ],
      [
        { surface: 'flashback', operationId: 'getMFAStatus', status: 500, after: -1 },
        [{ pointer: '/after', reason: /^must be an integer of 0 or more \(the fitting requests to let go by first\)$/ }],
      ],
      [
        { surface: 'flashback', operationId: 'getMFAStatus', status: 500, after: '2' },
        [{ pointer: '/after', reason: /\("2" is text: write 2 without quotes\)$/ }],
      ],
    ];
    for (const [body, expected] of cases) {
      const refused = await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(422);
      expect(refused.json().code).toBe('MOCK_ERR_INVALID_OVERRIDE');
      expect(refused.json().problems, JSON.stringify(body)).toEqual(
        expected.map(({ pointer, reason }) => ({ pointer, reason: expect.stringMatching(reason) })),
      );
    }
    for (const body of [null, [], 'getMFAStatus'])
      expect((await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, body)).statusCode).toBe(400);
    expect((await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json()).toEqual([]);
  });

  it("names only the problems of the body's own shape when the schema is a oneOf (GenAuth's success or error envelope)", async () => {
    const session = 'ov-oneof';
    const refusedBody = async (body: unknown) => {
      const refused = await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, {
        surface: 'genauth',
        operationId: 'setUsersMfaStatus',
        body,
      });
      expect(refused.statusCode, JSON.stringify(body)).toBe(422);
      return refused.json().problems as Array<{ pointer: string; reason: string }>;
    };
    // One wrong type in a success envelope: that problem alone, not the error envelope's four besides it.
    expect(await refusedBody({ statusCode: 200, message: 'ok', data: { success: 'no' } })).toEqual([
      { pointer: '/body', reason: 'not a valid 200 of setUsersMfaStatus: /data/success must be boolean' },
    ]);
    expect(await refusedBody({ statusCode: 200, message: 'ok', data: { success: true }, extra: 1 })).toEqual([
      { pointer: '/body', reason: 'not a valid 200 of setUsersMfaStatus: / must NOT have additional properties: extra' },
    ]);
    // An error envelope is read as one: its own problem, not the success envelope's.
    expect(await refusedBody({ statusCode: 400, apiCode: 'x', message: 'bad' })).toEqual([
      { pointer: '/body', reason: 'not a valid 200 of setUsersMfaStatus: /apiCode must be integer' },
    ]);
  });

  it(`holds at most ${MAX_HELD_OVERRIDES} overrides that are not used up: the next is a 422 saying what to do, used-up ones do not count`, async () => {
    // Nothing bounded them: 300 posts of a megabyte body made a 300 MB session, and its export an answer as large.
    const session = 'ov-many';
    const add = (body: Record<string, unknown>) =>
      admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, { surface: 'flashback', operationId: 'getMFAStatus', ...body });
    expect((await add({ status: 500, times: 1 })).statusCode).toBe(201);
    expect((await status(session)).statusCode).toBe(500); // used up: kept in the list, not held against the limit
    for (let added = 0; added < MAX_HELD_OVERRIDES; added++) expect((await add({ status: 500, after: 1000 })).statusCode).toBe(201);
    const refused = await add({ status: 500 });
    expect([refused.statusCode, refused.json().code, refused.json().problems]).toEqual([
      422,
      'MOCK_ERR_INVALID_OVERRIDE',
      [{ pointer: '', reason: expect.stringMatching(/^the session already holds 100 overrides that are not used up, the most it keeps: remove some/) }],
    ]);
    expect((await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json()).toHaveLength(MAX_HELD_OVERRIDES + 1);
    expect((await admin('removeSessionOverride', 'DELETE', `/sessions/${session}/overrides/ov-2`)).statusCode).toBe(204);
    expect((await add({ status: 500 })).statusCode).toBe(201);
  });
});

describe('override headers (Retry-After on a scripted 500)', () => {
  it("adds its headers to the answer it scripts, and only to that: not to one the request's Prefer scripted instead", async () => {
    const session = 'ov-headers';
    const added = await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, {
      operationId: 'getMFAStatus',
      status: 500,
      headers: { 'Retry-After': '30', 'X-RateLimit-Remaining': '0' },
    });
    expect(added.json()).toMatchObject({ headers: { 'Retry-After': '30', 'X-RateLimit-Remaining': '0' } });
    const scripted = await status(session);
    expect([scripted.statusCode, scripted.headers['retry-after'], scripted.headers['x-ratelimit-remaining']]).toEqual([500, '30', '0']);
    expect(scripted.headers['content-type']).toMatch(/^application\/json/);
    const byPrefer = await sandbox.request({ url: '/flashback/mfa/status', session, headers: { ...ADA, prefer: 'code=200' } });
    expect([byPrefer.statusCode, byPrefer.headers['retry-after']]).toEqual([200, undefined]);
  });

  it('with no status, example or body, adds them to the usual answer, counted against `times`', async () => {
    const session = 'ov-headers-only';
    await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, {
      operationId: 'getMFAStatus',
      headers: { 'Cache-Control': 'no-store' },
      times: 1,
    });
    const first = await status(session);
    expect([first.statusCode, first.data.success, first.headers['cache-control']]).toEqual([200, true, 'no-store']);
    const second = await status(session);
    expect([second.statusCode, second.headers['cache-control']]).toEqual([200, undefined]);
    expect((await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json()).toEqual([expect.objectContaining({ used: 1, times: 1 })]);
  });

  it('refuses headers the sandbox writes itself, a name given twice, and values that are not one line of ASCII, with a pointer each', async () => {
    const session = 'ov-headers-bad';
    /** The problems of a refused override (422) with these headers. */
    const problemsOf = async (headers: unknown) => {
      const refused = await admin('addSessionOverride', 'POST', `/sessions/${session}/overrides`, { operationId: 'getMFAStatus', status: 500, headers });
      expect(refused.statusCode).toBe(422);
      return refused.json().problems;
    };
    expect(
      await problemsOf({ 'Content-Length': '0', 'x-mock-latency-ms': '5', 'Access-Control-Allow-Origin': '*', 'retry-after': '1', 'Retry-After': '2' }),
    ).toEqual([
      { pointer: '/headers/Content-Length', reason: 'an override cannot set Content-Length: the server frames the message itself' },
      { pointer: '/headers/x-mock-latency-ms', reason: "an override cannot set x-mock-latency-ms: x-mock-* headers are the sandbox's own word on an answer" },
      { pointer: '/headers/Access-Control-Allow-Origin', reason: 'an override cannot set Access-Control-Allow-Origin: CORS headers come from --cors' },
      { pointer: '/headers/Retry-After', reason: 'Retry-After is retry-after again (header names are read in any letter case): give it once' },
    ]);
    expect(await problemsOf({ 'Retry-After': 30, 'X-Note': 'two\r\nlines', 'X-Émoji': 'x', 'X-Latin1': 'é' })).toEqual([
      { pointer: '/headers/Retry-After', reason: 'must be a string (write numbers in quotes: "30")' },
      { pointer: '/headers/X-Note', reason: 'must be one line of ASCII text, at most 1024 characters' },
      { pointer: '/headers/X-Émoji', reason: "not a header name (letters, digits and !#$%&'*+.^_`|~-)" },
      { pointer: '/headers/X-Latin1', reason: 'must be one line of ASCII text, at most 1024 characters' },
    ]);
    expect(await problemsOf({ 'Content-Encoding': 'gzip', Vary: 'x' })).toEqual([
      {
        pointer: '/headers/Content-Encoding',
        reason: 'an override cannot set Content-Encoding: the body is sent as it is, never encoded (a client would fail to decode it)',
      },
      { pointer: '/headers/Vary', reason: 'an override cannot set Vary: the sandbox varies answers by Origin for CORS' },
    ]);
    // A redirect of a browser that opened the sandbox's URL (an adversarial tour's session file did it).
    expect(await problemsOf({ Refresh: '0;url=http://evil.example' })).toEqual([
      { pointer: '/headers/Refresh', reason: "an override cannot set Refresh: it sends a browser to another page, which no vendor's API answer does" },
    ]);
    // A request header under the answer's headers: meant as a condition.
    expect(await problemsOf({ Authorization: 'Bearer flashback-token-bob' })).toEqual([
      {
        pointer: '/headers/Authorization',
        reason:
          'an override cannot set Authorization: it is a request header, and an override\'s headers go out with its answer; to answer only the requests that send it, write it under "when": {"headers": {...}}',
      },
    ]);
    expect(await problemsOf({})).toEqual([{ pointer: '/headers', reason: 'give at least one header (or leave headers out)' }]);
    expect(await problemsOf([])).toEqual([{ pointer: '/headers', reason: 'must be an object of header names and their values, e.g. {"Retry-After": "30"}' }]);
    expect((await admin('listSessionOverrides', 'GET', `/sessions/${session}/overrides`)).json()).toEqual([]);
  });
});

describe('session overrides through createSandbox()', () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await createSandbox();
  });
  afterAll(() => running?.close());

  const fetchStatus = async (session: string) => {
    const response = await fetch(`${running.url}/flashback/mfa/status`, { headers: { ...running.session(session).headers, ...ADA } });
    return { status: response.status, body: await response.json() };
  };

  it('adds, lists, removes and clears overrides per session, and throws on a bad one', async () => {
    const qa = running.session('helper-a');
    const stored = qa.addOverride({ operationId: 'getMFAStatus', status: 500, times: 1 });
    expect(stored).toMatchObject({ id: 'ov-1', surface: 'flashback', used: 0, times: 1 });
    expect((await fetchStatus('helper-a')).status).toBe(500);
    expect((await fetchStatus('helper-b')).status).toBe(200);
    expect((await fetchStatus('helper-a')).status).toBe(200); // used up
    expect(qa.overrides()).toEqual([expect.objectContaining({ id: 'ov-1', used: 1 })]);
    expect(() => qa.addOverride({ surface: 'flashback', operationId: 'getMFAStatus', status: 418 })).toThrow(/\/status: getMFAStatus declares no 418 response/);
    expect(qa.overrides()).toHaveLength(1);
    expect(qa.removeOverride('ov-1')).toBe(true);
    expect(qa.removeOverride('ov-1')).toBe(false);
    qa.addOverride({ surface: 'flashback', operationId: '*', status: 500 });
    expect(qa.clearOverrides()).toBe(1);
    expect((await fetchStatus('helper-a')).status).toBe(200);
  });
});
