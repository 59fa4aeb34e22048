import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

const ADA = { authorization: 'Bearer flashback-token-ada' };
const LERIAN_JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await createTestSandbox({ bodyLimitBytes: 16 * 1024 });
});
afterAll(async () => {
  console.log(`sandbox controls: ${sandbox.checkedResponses} responses checked against the spec`);
  await sandbox.close();
});

const admin = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
  sandbox.app.inject({ method, url: `/__admin${url}`, ...(payload ? { payload } : {}) });

function expectFault(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.headers['x-mock-error']).toBe('true');
  expect(response.json()).toMatchObject({ status, code, type: `urn:mfa-sandbox:error:${code}` });
  expect(JSON.stringify(response.json())).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
}

describe('sessions', () => {
  it('isolate state: 50 concurrent sessions enrol in parallel and each sees only its own change', async () => {
    const sessions = Array.from({ length: 50 }, (_, index) => `iso-${index}`);
    await Promise.all(
      sessions.map(async (session, index) => {
        if (index % 2 === 0) {
          const res = await sandbox.request({ method: 'POST', url: '/flashback/mfa/organization/enforce', session, headers: ADA, payload: { enforced: true } });
          expect(res.statusCode).toBe(200);
        }
      }),
    );
    const statuses = await Promise.all(sessions.map((session) => sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA })));
    statuses.forEach((status, index) => expect(status.data.data.isEnforced, sessions[index]).toBe(index % 2 === 0));
  });

  it('Prefer: scenario keeps its own world per session without touching the session default', async () => {
    const session = 'prefer-world';
    await sandbox.request({ method: 'POST', url: '/flashback/mfa/disable', session, scenario: 'mfa-enabled', headers: ADA, payload: { mfaType: 'PASSKEY' } });
    const preferred = await sandbox.request({ url: '/flashback/mfa/status', session, scenario: 'mfa-enabled', headers: ADA });
    expect(preferred.data.data.enabledMethods).toEqual(['GOOGLE_AUTH']);
    const plain = await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    expect(plain.data.data.enabledMethods).toEqual([]);
  });
});

describe('admin API', () => {
  it('lists surfaces and scenarios', async () => {
    const surfaces = (await admin('GET', '/surfaces')).json();
    expect(surfaces.map((s: { id: string }) => s.id)).toEqual([...SURFACE_IDS]);
    expect(surfaces[0]).toMatchObject({ prefix: '/flashback', spec: '/specs/flashback.openapi.yaml' });
    // Each example with the spec's summary beside its name, which the QA console shows ("Error1016" told QA nothing).
    type Listed = {
      id: string;
      operations: Array<{ operationId: string; responses: Array<{ status: number; examples: string[]; summaries?: Record<string, string> }> }>;
    };
    const lerianSetup = (surfaces as Listed[]).find((s) => s.id === 'lerian')!.operations.find((operation) => operation.operationId === 'initiateMfaSetup')!;
    const badRequest = lerianSetup.responses.find((response) => response.status === 400)!;
    expect(badRequest.examples).toContain('Error1016');
    expect(badRequest.summaries).toMatchObject({ Error1016: 'Phone Number Not Found' });
    const scenarios = (await admin('GET', '/scenarios')).json();
    expect(scenarios.flashback.map((s: { name: string }) => s.name)).toEqual([
      'default',
      'flaky-network',
      'inactive-user',
      'lockout',
      'many-users',
      'mfa-enabled',
      'missing-user',
      'no-organization',
      'one-user-fails',
      'org-enforced',
      'server-error',
      'slow',
    ]);
  });

  it('switches a session to a scenario for every surface, shows its state and journal, and resets it', async () => {
    const session = 'admin-switch';
    const put = await admin('PUT', `/sessions/${session}/scenario`, { scenario: 'org-enforced' });
    expect(put.json()).toEqual({ session, scenario: 'org-enforced', surfaces: ['flashback', 'nest-auth', 'genauth'], defaulted: ['lerian'] });
    const status = await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    expect(status.data.data.isEnforced).toBe(true);
    const nest = await sandbox.request({ url: '/nest-auth/auth/mfa/status', session, headers: { authorization: 'Bearer nest-auth-token-ada' } });
    expect(nest.data).toMatchObject({ required: true, canToggle: false });

    const state = (await admin('GET', `/sessions/${session}`)).json();
    expect(state.scenarios).toEqual({ flashback: 'org-enforced', 'nest-auth': 'org-enforced', lerian: 'default', genauth: 'org-enforced' });
    expect(state.worlds['flashback/org-enforced'].org.mfaEnforced).toBe(true);

    const journal = (await admin('GET', `/sessions/${session}/journal?limit=1`)).json();
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ method: 'GET', url: '/nest-auth/auth/mfa/status', operationId: 'getMfaStatus', scenario: 'org-enforced', status: 200 });

    expect((await admin('DELETE', `/sessions/${session}`)).statusCode).toBe(204);
    const after = await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA });
    expect(after.data.data.isEnforced).toBe(false);
  });

  it('switches one surface only when asked', async () => {
    const put = await admin('PUT', '/sessions/admin-one/scenario', { scenario: 'server-error', surface: 'lerian' });
    expect(put.json().surfaces).toEqual(['lerian']);
    const flashback = await sandbox.request({ url: '/flashback/mfa/status', session: 'admin-one', headers: ADA });
    expect(flashback.statusCode).toBe(200);
  });

  it("starts a surface without the scenario fresh in default, so no surface keeps the last test case's state", async () => {
    const session = 'admin-clean';
    const lerianStatus = () =>
      sandbox.request({ url: `/lerian/v1/users/${LERIAN_JOHN}/mfa`, session, headers: { authorization: 'Bearer lerian-token-operator' } });
    await admin('PUT', `/sessions/${session}/scenario`, { scenario: 'server-error', surface: 'lerian' });
    expect((await lerianStatus()).statusCode).toBe(500);
    const put = await admin('PUT', `/sessions/${session}/scenario`, { scenario: 'org-enforced' });
    expect(put.json()).toEqual({ session, scenario: 'org-enforced', surfaces: ['flashback', 'nest-auth', 'genauth'], defaulted: ['lerian'] });
    expect((await lerianStatus()).statusCode).toBe(200);
    expect((await admin('GET', `/sessions/${session}`)).json().scenarios).toMatchObject({ lerian: 'default', flashback: 'org-enforced' });
  });

  it('refuses misuse with problem+json errors', async () => {
    const unknown = await admin('PUT', '/sessions/x/scenario', { scenario: 'no-such-scenario' });
    expectFault(unknown, 422, 'MOCK_ERR_UNKNOWN_SCENARIO');
    expect(unknown.json().known).toEqual(expect.arrayContaining(['default', 'mfa-enabled', 'missing-user', 'org-enforced']));
    // A scenario that is no text is told what it was, as the lock's `locked` is.
    const numbered = await admin('PUT', '/sessions/x/scenario', { scenario: 42 });
    expectFault(numbered, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(numbered.json().detail).toBe('scenario is 42; body must be {"scenario": "<name>", "surface"?: "<surface>"}');
    const putScenarioAs = (contentType: string) =>
      sandbox.app.inject({ method: 'PUT', url: '/__admin/sessions/x/scenario', headers: { 'content-type': contentType }, payload: '{"scenario":"default"}' });
    // curl -d without a Content-Type sends a form: the answer says what to send, as for text/plain (one admin code).
    const form = await putScenarioAs('application/x-www-form-urlencoded');
    expectFault(form, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(form.json().detail).toBe('Send the body as JSON, with Content-Type: application/json (got application/x-www-form-urlencoded)');
    // A text/plain body whose text has the right shape is told the same, not that its shape is wrong.
    const text = await putScenarioAs('text/plain');
    expectFault(text, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(text.json().detail).toBe('Send the body as JSON, with Content-Type: application/json (got text/plain)');
    // A header that names no media type is quoted as sent (it said "got none").
    const unreadable = await putScenarioAs(';;;');
    expectFault(unreadable, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(unreadable.json().detail).toBe('Send the body as JSON, with Content-Type: application/json (got ";;;")');
    // An empty body is no body, whatever its type: `curl -X POST -d ''` sends an empty form, `fetch(url, { method:
    // 'POST', body: '' })` an empty text/plain. A route that takes no body then answers; one that needs a body says so.
    const reset = (contentType: string) => sandbox.app.inject({ method: 'POST', url: '/__admin/reset', headers: { 'content-type': contentType }, payload: '' });
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain;charset=UTF-8', 'application/json']) {
      expect((await reset(contentType)).statusCode, contentType).toBe(204);
    }
    const emptyScenario = await sandbox.app.inject({
      method: 'PUT',
      url: '/__admin/sessions/x/scenario',
      headers: { 'content-type': 'text/plain' },
      payload: '',
    });
    expectFault(emptyScenario, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(emptyScenario.json().detail).toMatch(/body must be/);
    // A JSON type of its own kind (RFC 6839's +json) is JSON.
    const mergePatch = await putScenarioAs('application/merge-patch+json');
    expect(mergePatch.statusCode, mergePatch.body).toBe(200);
    // JSON that is cut short, or that carries a __proto__ key, is told so under the admin code.
    const putSeed = (payload: string) =>
      sandbox.app.inject({ method: 'PUT', url: '/__admin/sessions/x/seed', headers: { 'content-type': 'application/json' }, payload });
    const cutShort = await putSeed('{"seed":');
    expectFault(cutShort, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(cutShort.json().detail).toMatch(/^The body is not JSON the sandbox reads: /);
    const poisoned = await putSeed('{"seed":7,"__proto__":{"x":1}}');
    expectFault(poisoned, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(poisoned.json().detail).toBe('The body is not JSON the sandbox reads: Object contains forbidden prototype property');
    expectFault(await admin('PUT', '/sessions/x/scenario', { scenario: 'org-enforced', surface: 'lerian' }), 422, 'MOCK_ERR_UNKNOWN_SCENARIO');
    expectFault(await admin('PUT', '/sessions/x/scenario', { surface: 'lerian' }), 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expectFault(await admin('PUT', '/sessions/x/scenario', { scenario: 'default', surface: 'okta' }), 404, 'MOCK_ERR_UNKNOWN_SURFACE');
    expectFault(await admin('PUT', '/sessions/x/scenario', { scenario: 'default', surface: 7 }), 404, 'MOCK_ERR_UNKNOWN_SURFACE');
    // An object no String() can convert, and a body nested thousands of levels deep: told, never a 500 (a security tour's).
    expectFault(await admin('PUT', '/sessions/x/scenario', { scenario: 'default', surface: { toString: 'x' } }), 404, 'MOCK_ERR_UNKNOWN_SURFACE');
    const deep = await sandbox.app.inject({
      method: 'PUT',
      url: '/__admin/sessions/x/clock',
      headers: { 'content-type': 'application/json' },
      payload: `{"at":${'['.repeat(5_000)}1${']'.repeat(5_000)}}`,
    });
    expectFault(deep, 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expect(deep.json().detail).toBe('The body is nested more than 64 levels deep; no admin request needs that');

    // A misspelt surface, field or scenario file name is named with the one meant.
    const misspelt = await admin('PUT', '/sessions/x/scenario', { scenario: 'default', surface: 'flashbak' });
    expect(misspelt.json().detail).toBe('No surface "flashbak" (did you mean "flashback"?)');
    const misspeltField = await admin('PUT', '/sessions/x/scenario', { scenaro: 'default' });
    expect(misspeltField.json().detail).toMatch(/^unknown field\(s\) scenaro \(did you mean "scenario"\?\); /);
    const fileName = await admin('PUT', '/sessions/x/scenario', { scenario: 'mfa-enabled.yaml' });
    expectFault(fileName, 422, 'MOCK_ERR_UNKNOWN_SCENARIO');
    expect(fileName.json().detail).toContain('(did you mean "mfa-enabled"?)');
    expectFault(await admin('GET', '/sessions/has%20a%20space'), 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
    expectFault(await admin('GET', '/sessions/admin-one/journal?limit=-1'), 400, 'MOCK_ERR_BAD_ADMIN_REQUEST');
  });

  it('serves the specs byte for byte and a health route', async () => {
    const spec = await sandbox.app.inject({ url: '/specs/lerian.openapi.yaml' });
    expect(spec.headers['content-type']).toContain('yaml');
    expect(spec.body).toBe(sandbox.specs.get('lerian')!.source);
    // The same document as JSON, as written: its $refs and the sandbox's decisions kept, no docs-page additions.
    const json = await sandbox.app.inject({ url: '/specs/lerian.openapi.json' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toEqual(parseYaml(spec.body));
    const unknown = await sandbox.app.inject({ url: '/specs/lerian.openapi.yml' });
    expectFault(unknown, 404, 'MOCK_ERR_ROUTE_NOT_FOUND');
    expect(unknown.json().specs).toContain('/specs/lerian.openapi.json');
    expect((await admin('GET', '/health')).json()).toMatchObject({ status: 'ok', surfaces: [...SURFACE_IDS] });
  });
});

describe('bad input never crashes or hangs the sandbox', () => {
  it('unknown scenario in Prefer is a 422 fault, a malformed Prefer or session header a 400 fault', async () => {
    const nope = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'scenario=nope' } });
    expectFault(nope, 422, 'MOCK_ERR_UNKNOWN_SCENARIO');
    // Near no name: the surface's scenarios are in the message, which a log or a CI step shows (not only in `known`).
    expect(nope.json().detail).toMatch(/^No scenario "nope" for surface "flashback" \(its scenarios: default, .*mfa-enabled.*\)$/);
    expect((await admin('GET', '/scenarios/flashback/nope')).json().detail).toMatch(/^No scenario "nope" for surface "flashback" \(its scenarios: default, /);
    const typo = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'scenario=org-enforce' } });
    expect(typo.json().detail).toBe('No scenario "org-enforce" for surface "flashback" (did you mean "org-enforced"?)');
    // One of another surface's scenarios is named as such (a scenario author switched Flashback to a Lerian one).
    const otherSurface = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'scenario=rate-limited' } });
    expect(otherSurface.json().detail).toMatch(
      /^No scenario "rate-limited" for surface "flashback" \(its scenarios: default, .*\); it is a scenario of genauth$/,
    );
    expectFault(await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=999' } }), 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    expectFault(
      await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 'has spaces/and slashes' } }),
      400,
      'MOCK_ERR_BAD_SESSION_ID',
    );
    // A refused id is shown as far as an id could go: 10,000 characters made a 10 KB answer.
    const long = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 's'.repeat(10_000) } });
    expect(long.json().session).toBe(`${'s'.repeat(200)}... (10000 characters)`);
    expect(long.body.length).toBeLessThan(1_000);
    // One of the right characters but too long is told so (the pattern alone read as a wrong character).
    const tooLong = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 's'.repeat(129) } });
    expect(tooLong.json().detail).toBe('X-Mock-Session is 129 characters, longer than 128; it must match /^[A-Za-z0-9._:-]{1,128}$/ and not be "." or ".."');
    // So is a scenario name, from Prefer and from the admin API (a script's 100,000 characters came back twice: a 200 KB answer).
    const longPrefer = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: `scenario=${'x'.repeat(8_000)}` } });
    expect([longPrefer.statusCode, longPrefer.json().scenario]).toEqual([422, `${'x'.repeat(200)}... (8000 characters)`]);
    expect(longPrefer.body.length).toBeLessThan(2_000);
    const longSwitch = await admin('PUT', '/sessions/long-name/scenario', { scenario: 'x'.repeat(10_000) });
    expect(longSwitch.statusCode).toBe(422);
    expect(longSwitch.json().detail).toMatch(/^No surface has a scenario named "x{200}\.\.\. \(10000 characters\)" \(scenarios: default, /);
    expect(longSwitch.body.length).toBeLessThan(2_000);
  });

  it('Prefer: code / example answer with that documented response (Prism-compatible)', async () => {
    const forced = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=500' } });
    expect(forced.data).toEqual({ success: false, error: 'Failed to get MFA status' });
    const named = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'example=documented' } });
    expect(named.data.data.enabledMethods).toEqual(['GOOGLE_AUTH', 'PASSKEY']);
    const undeclared = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=418' } });
    expectFault(undeclared, 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    // The statuses it does declare are in the words too, not only in `declared` (a Prism tour read only the detail).
    expect(undeclared.json().detail).toBe('getMFAStatus declares no 418 response; it declares 200, 401, 403, 500');
  });

  it("a Prefer name like one of the sandbox's is ignored as RFC 7240 asks, and the answer says what was probably meant", async () => {
    const typo = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'scenaro=mfa-enabled, status=500, return=minimal' } });
    expect(typo.statusCode).toBe(200);
    expect(typo.json().data.isEnabled).toBe(false); // the default scenario: the typo chose nothing
    expect(typo.headers['x-mock-prefer-ignored']).toBe('scenaro (did you mean scenario?), status (did you mean code?)');
    const others = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'return=minimal, respond-async' } });
    expect(others.headers).not.toHaveProperty('x-mock-prefer-ignored');
    // A typo stated 600 times is named once (its header outgrew what Node's client reads); many typos, the first 8.
    const repeated = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: Array(600).fill('scenaro=x').join(', ') } });
    expect(repeated.headers['x-mock-prefer-ignored']).toBe('scenaro (did you mean scenario?)');
    const typos = ['scenaro', 'scenari', 'scenarioo', 'secnario', 'sceanrio', 'scenarip', 'scnario', 'senario', 'scenaroi', 'scenarii'];
    const many = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: typos.map((typo) => `${typo}=x`).join(', ') } });
    expect(String(many.headers['x-mock-prefer-ignored']).split(', ')).toEqual(typos.slice(0, 8).map((typo) => `${typo} (did you mean scenario?)`));
    // A request refused for another preference names the typo too.
    const refused = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=418, scenaro=mfa-enabled' } });
    expectFault(refused, 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    expect(refused.headers['x-mock-prefer-ignored']).toBe('scenaro (did you mean scenario?)');
  });

  it('a seed without dynamic=true picks nothing, and the answer says so; with it, or on a --dynamic server, it is used', async () => {
    const alone = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'seed=42' } });
    expect(alone.statusCode).toBe(200);
    expect(alone.headers).not.toHaveProperty('x-mock-dynamic');
    expect(alone.headers['x-mock-prefer-ignored']).toBe('seed=42 (only a generated answer uses a seed: add dynamic=true)');
    const used = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'seed=42, dynamic=true' } });
    expect([used.headers['x-mock-dynamic-seed'], used.headers['x-mock-prefer-ignored']]).toEqual(['42', undefined]);
    const dynamicServer = await createTestSandbox({ dynamic: true });
    try {
      const byDefault = await dynamicServer.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'seed=42' } });
      expect([byDefault.headers['x-mock-dynamic-seed'], byDefault.headers['x-mock-prefer-ignored']]).toEqual(['42', undefined]);
      const optedOut = await dynamicServer.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'seed=42, dynamic=false' } });
      expect(optedOut.headers['x-mock-prefer-ignored']).toBe('seed=42 (only a generated answer uses a seed: add dynamic=true)');
    } finally {
      await dynamicServer.close();
    }
  });

  it("an override's own field written as a preference (faultRate, times, after) is ignored, and the answer says so", async () => {
    const answer = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=500, faultRate=0.5, times=2, after=1' } });
    expect(answer.statusCode).toBe(500);
    const note = (name: string) => `${name} (an override's field, not a preference: give it in POST /__admin/sessions/{id}/overrides)`;
    expect(answer.headers['x-mock-prefer-ignored']).toBe(['faultrate', 'times', 'after'].map(note).join(', '));
    // Standard preferences stay unremarked (RFC 7240).
    const standard = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'return=minimal, wait=5' } });
    expect(standard.headers).not.toHaveProperty('x-mock-prefer-ignored');
  });

  it('a sandbox preference written after a ";" (a parameter, to RFC 7240) is ignored, and the answer says so', async () => {
    const semicolon = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=500; latency=1500' } });
    expect(semicolon.statusCode).toBe(500);
    expect(semicolon.headers).not.toHaveProperty('x-mock-latency-ms');
    expect(semicolon.headers['x-mock-prefer-ignored']).toBe(';latency (a parameter of the preference before it: separate preferences with a comma)');
    const typo = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=500; scenaro=x' } });
    expect(typo.headers['x-mock-prefer-ignored']).toBe(
      ';scenaro (did you mean scenario? a parameter of the preference before it: separate preferences with a comma)',
    );
    const parameters = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'return=minimal; charset=utf-8' } });
    expect(parameters.headers).not.toHaveProperty('x-mock-prefer-ignored');
  });

  it('a header that looks like X-Mock-Session chooses nothing: the request runs in default, and the answer names it', async () => {
    for (const name of ['X-Mock-Sesion', 'x_mock_session', 'X-Mock-Session-Id']) {
      const typo = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, [name]: 'qa-typo' } });
      expect(typo.statusCode).toBe(200);
      expect(typo.headers['x-mock-header-ignored']).toBe(`${name.toLowerCase()} (did you mean x-mock-session? this request ran in the default session)`);
    }
    // Also on a sandbox fault's answer; never when a session was chosen, nor for other headers.
    const refused = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-sesion': 'qa-typo', prefer: 'code=418' } });
    expectFault(refused, 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    expect(refused.headers['x-mock-header-ignored']).toMatch(/^x-mock-sesion /);
    const chosen = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 'qa-ok', 'x-mock-sesion': 'qa-typo' } });
    expect(chosen.headers).not.toHaveProperty('x-mock-header-ignored');
    const unrelated = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, 'x-request-id': 'r1', 'x-session-token': 't' } });
    expect(unrelated.headers).not.toHaveProperty('x-mock-header-ignored');
  });

  it('a header or baggage key that looks like a scenario or session control chooses nothing, and the answer names it', async () => {
    // X-Mock-Scenario is no control (Prefer: scenario= is): the session's scenario answered, with a note, session or not.
    const scenarioHeader = await sandbox.app.inject({
      url: '/flashback/mfa/status',
      headers: { ...ADA, 'x-mock-session': 'qa-look-alike', 'x-mock-scenario': 'org-enforced' },
    });
    expect(scenarioHeader.json().data.isEnforced).toBe(false);
    expect(scenarioHeader.headers['x-mock-header-ignored']).toBe(
      'x-mock-scenario (the sandbox reads no such header: a request chooses its scenario with Prefer: scenario=<name>)',
    );
    const prefers = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefers: 'code=500' } });
    expect([prefers.statusCode, prefers.headers['x-mock-header-ignored']]).toEqual([200, 'prefers (did you mean prefer?)']);
    // A misspelt baggage key: the request ran in default and in its scenario, and says which keys chose nothing.
    const baggage = await sandbox.app.inject({
      url: '/flashback/mfa/status',
      headers: { ...ADA, baggage: 'mock-sesion=qa-x, mock_scenario=org-enforced' },
    });
    expect(baggage.headers['x-mock-header-ignored']).toBe(
      'baggage mock-sesion (did you mean mock-session? it chose nothing); baggage mock_scenario (did you mean mock-scenario? it chose nothing)',
    );
  });

  it('a session control given twice with two values counts the first, and the answer names the one ignored', async () => {
    // Two tests' baggage merged by a propagator, or a browser's two session cookies (one per path it was set for).
    const baggage = await sandbox.app.inject({
      url: '/flashback/mfa/status',
      headers: { ...ADA, baggage: 'mock-session=qa-first, mock-session=qa-second, mock-scenario=org-enforced, mock-scenario=org-enforced' },
    });
    expect(baggage.headers['x-mock-header-ignored']).toBe('baggage mock-session=qa-second (given again; the first mock-session counts)');
    const cookies = await sandbox.app.inject({
      url: '/flashback/mfa/status',
      headers: { ...ADA, cookie: 'mfa-sandbox-session=qa-first; theme=dark; mfa-sandbox-session=qa-second/org-enforced' },
    });
    expect(cookies.headers['x-mock-header-ignored']).toBe('cookie mfa-sandbox-session=qa-second/org-enforced (sent again; the first counts)');
    expect(cookies.json().data.isEnforced).toBe(false); // the first cookie's session, in its own scenario
    const journal = (await sandbox.app.inject({ url: '/__admin/sessions/qa-first/journal' })).json<Array<{ sessionFrom: string }>>();
    expect(journal.map((entry) => entry.sessionFrom)).toEqual(['baggage', 'cookie']);
    // The same value twice is no conflict.
    const same = await sandbox.app.inject({
      url: '/flashback/mfa/status',
      headers: { ...ADA, cookie: 'mfa-sandbox-session=qa-same; mfa-sandbox-session=qa-same' },
    });
    expect(same.headers).not.toHaveProperty('x-mock-header-ignored');
  });

  it("a Prefer the operation cannot honour is journalled as the sandbox's own answer, never as the vendor's", async () => {
    const session = { ...ADA, 'x-mock-session': 'prefer-journal' };
    await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...session, prefer: 'code=418' } });
    await sandbox.app.inject({ url: '/flashback/mfa/status', headers: session });
    const entries = (await sandbox.app.inject({ url: '/__admin/sessions/prefer-journal/journal' })).json<Array<Record<string, unknown>>>();
    expect(entries.map(({ status, sandboxError }) => [status, sandboxError])).toEqual([
      [400, 'MOCK_ERR_BAD_PREFER_HEADER'],
      [200, undefined],
    ]);
  });

  it('a request preferring a scenario its surface lacks is journalled too, with its body and without a scenario', async () => {
    const session = { ...ADA, 'x-mock-session': 'unknown-scenario-journal', 'content-type': 'application/json' };
    const refused = await sandbox.app.inject({
      method: 'POST',
      url: '/flashback/mfa/setup',
      headers: { ...session, prefer: 'scenario=nope' },
      payload: { mfaType: 'GOOGLE_AUTH' },
    });
    expectFault(refused, 422, 'MOCK_ERR_UNKNOWN_SCENARIO');
    const entries = (await sandbox.app.inject({ url: '/__admin/sessions/unknown-scenario-journal/journal' })).json<Array<Record<string, unknown>>>();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      operationId: 'setupMFA',
      status: 422,
      sandboxError: 'MOCK_ERR_UNKNOWN_SCENARIO',
      requestBody: { mfaType: 'GOOGLE_AUTH' },
    });
    expect(entries[0]).not.toHaveProperty('scenario');
    expect(entries[0]!.responseBody).toEqual(refused.json());
    // The session's own scenario is as it was: the refused preference chose nothing.
    expect((await sandbox.app.inject({ url: '/__admin/sessions/unknown-scenario-journal' })).json().scenarios).toEqual({});
  });

  it('Prefer: example=<unknown> is a 400 fault naming the examples of the status asked for, and of every status', async () => {
    const unknown = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'example=nope' } });
    expectFault(unknown, 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    // The names as specs/flashback.openapi.yaml declares them for getMFAStatus.
    expect(unknown.json()).toMatchObject({ operationId: 'getMFAStatus', requestedStatus: 200, examples: ['documented', 'notEnabled', 'enforcedAndVerified'] });
    expect(unknown.json().detail).toBe('getMFAStatus has no 200 example "nope"; its 200 examples: documented, notEnabled, enforcedAndVerified');
    expect(unknown.json().examplesByStatus).toMatchObject({
      '200': ['documented', 'notEnabled', 'enforcedAndVerified'],
      '401': ['unauthorized'],
      '500': ['getStatusError'],
    });

    // The example is looked up in the status asked for: a 200 example's name is unknown among the 500s.
    const wrongStatus = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=500, example=documented' } });
    expectFault(wrongStatus, 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    expect(wrongStatus.json()).toMatchObject({ requestedStatus: 500, examples: ['getStatusError'] });
    // An error example asked for without its status (looked up among the 200s) is named with the status that has it.
    const withoutCode = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'example=getStatusError' } });
    expectFault(withoutCode, 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    expect(withoutCode.json().detail).toBe(
      'getMFAStatus has no 200 example "getStatusError": it is a 500 example, so send Prefer: code=500, example=getStatusError (or ?__code=500&__example=getStatusError)',
    );

    // A name a typo away from one the operation has is named, in the status asked for or with the status that has it.
    const typo = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'example=notEnable' } });
    expect(typo.json().detail).toBe(
      'getMFAStatus has no 200 example "notEnable" (did you mean "notEnabled"?); its 200 examples: documented, notEnabled, enforcedAndVerified',
    );
    const typoElsewhere = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'example=getStatusEror' } });
    expect(typoElsewhere.json().detail).toBe(
      'getMFAStatus has no 200 example "getStatusEror": did you mean "getStatusError", a 500 example? then send Prefer: code=500, example=getStatusError (or ?__code=500&__example=getStatusError)',
    );

    // On every surface, not just one: the 500 this used to be came from the shared plugin.
    for (const [url, headers] of [
      ['/nest-auth/auth/mfa/status', { authorization: 'Bearer nest-auth-token-ada' }],
      ['/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa', { authorization: 'Bearer lerian-token-johndoe' }],
    ] as const) {
      expectFault(await sandbox.app.inject({ url, headers: { ...headers, prefer: 'example=nope' } }), 400, 'MOCK_ERR_BAD_PREFER_HEADER');
    }
  });

  it('a Prefer the sandbox cannot read is a 400 fault; preferences it does not know are ignored', async () => {
    for (const prefer of ['code', 'code=abc', 'example=', 'scenario', 'latency=soon', 'fault=explode']) {
      const response = await sandbox.app.inject({ url: '/flashback/mfa/status', headers: { ...ADA, prefer } });
      expectFault(response, 400, 'MOCK_ERR_BAD_PREFER_HEADER');
      expect(response.json().detail, prefer).toMatch(/Prefer: /);
    }
    expect((await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'return=minimal, respond-async' } })).statusCode).toBe(200);
    expect((await sandbox.request({ url: '/flashback/mfa/status', headers: { ...ADA, prefer: 'code=500; x=y' } })).statusCode).toBe(500);
  });

  it('unknown paths and wrong methods are sandbox errors', async () => {
    expectFault(await sandbox.app.inject({ url: '/flashback/mfa/nope' }), 404, 'MOCK_ERR_ROUTE_NOT_FOUND');
    expectFault(await sandbox.app.inject({ method: 'DELETE', url: '/flashback/mfa/status' }), 404, 'MOCK_ERR_ROUTE_NOT_FOUND');
    expectFault(await sandbox.app.inject({ url: '/okta/api/v1/users' }), 404, 'MOCK_ERR_ROUTE_NOT_FOUND');
    // nest-auth's client posts an empty JSON body where it has none: on a route not served, the route is what is wrong.
    const unserved = await sandbox.app.inject({ method: 'POST', url: '/nest-auth/auth/change-password', headers: { 'content-type': 'application/json' } });
    expectFault(unserved, 404, 'MOCK_ERR_ROUTE_NOT_FOUND');
    expect(unserved.json().detail).toBe('No route POST /nest-auth/auth/change-password in the sandbox');
    // On a served one it is no body, as Express reads it (cookie mode refreshes so).
    const refresh = await sandbox.app.inject({ method: 'POST', url: '/nest-auth/auth/refresh-token', headers: { 'content-type': 'application/json' } });
    expect([refresh.statusCode, refresh.json().message]).toEqual([401, 'refreshToken is required']);
  });

  it('an oversized body is refused with 413 and the server keeps serving', async () => {
    const huge = JSON.stringify({ mfaType: 'GOOGLE_AUTH', padding: 'x'.repeat(64 * 1024) });
    expectFault(
      await sandbox.app.inject({ method: 'POST', url: '/flashback/mfa/setup', headers: { ...ADA, 'content-type': 'application/json' }, payload: huge }),
      413,
      'MOCK_ERR_BODY_TOO_LARGE',
    );
    expect((await sandbox.request({ url: '/flashback/mfa/status', headers: ADA })).statusCode).toBe(200);
  });

  it('an empty JSON body where one is required is the vendor 400, not a crash', async () => {
    const res = await sandbox.request({
      method: 'POST',
      url: '/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa/setup',
      headers: { authorization: 'Bearer lerian-token-operator', 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.data.code).toMatch(/^IDE-/);
  });
});

describe('single-surface mode (serve --surface)', () => {
  it('serves one surface at / so a vendor SDK can use the mock as its base URL', async () => {
    const lerianOnly = await createTestSandbox({ surface: 'lerian' });
    try {
      const res = await lerianOnly.request({
        url: '/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa',
        headers: { authorization: 'Bearer lerian-token-johndoe' },
      });
      expect(res.statusCode).toBe(200);
      expect((await lerianOnly.app.inject({ url: '/flashback/mfa/status' })).statusCode).toBe(404);
    } finally {
      await lerianOnly.close();
    }
  });
});
