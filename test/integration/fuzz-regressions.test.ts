import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENAUTH_ACCESS_KEY, signGenAuthRequest } from '../harness/genauth-signer.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * Requests the spec-driven fuzzer (test/robustness/spec-fuzz.test.ts) found to break the sandbox, pinned here so they
 * stay fixed whatever seed the fuzzer runs with (each once answered a 500 sandbox error), and the same kind of input
 * a security review found (object keys from the client, bodies that filled the journal).
 */

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(async () => {
  console.log(`fuzz regressions: ${sandbox.checkedResponses} responses checked against the spec`);
  await sandbox.close();
});

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('found by the fuzzer', () => {
  it('a broken body sent to an operation that takes none is ignored, as a readable one is (no 400 to answer with)', async () => {
    for (const [url, authorization] of [
      ['/nest-auth/auth/mfa/generate-recovery-code', 'Bearer nest-auth-token-ada'],
      ['/flashback/mfa/magic-link/send', 'Bearer flashback-token-ada'],
      ['/flashback/mfa/passkey/auth-options', 'Bearer flashback-token-ada'],
    ] as const) {
      for (const [contentType, payload] of [
        ['application/json', '{"broken":'],
        ['text/plain', 'hello'],
      ] as const) {
        const response = await sandbox.request({
          method: 'POST',
          url,
          session: 'fuzz-no-body',
          headers: { authorization, 'content-type': contentType },
          payload,
        });
        expect(response.isFault, `${url} ${contentType}: ${response.body}`).toBe(false);
        expect(response.statusCode, `${url} ${contentType}: ${response.body}`).toBeLessThan(500);
      }
    }
  });

  it('GenAuth: a body nested deeper than JSON.stringify can follow is a bad signature, not a crash', async () => {
    const headers = signGenAuthRequest({
      method: 'POST',
      path: '/api/v3/set-mfa-status',
      fields: { userId: 'u' },
      accessKeyId: GENAUTH_ACCESS_KEY.id,
      accessKeySecret: GENAUTH_ACCESS_KEY.secret,
    });
    const response = await sandbox.request({
      method: 'POST',
      url: '/genauth/api/v3/set-mfa-status',
      session: 'fuzz-deep-genauth',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: `{"userId":"6229ffaxxxxxxxxcade3e3d9","mfaTriggerData":${deepArray(20_000)}}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.data).toMatchObject({ statusCode: 401, apiCode: 1300 });
  });

  it("a deeply nested body leaves the session's journal readable through the admin API", async () => {
    const session = 'fuzz-deep-journal';
    const response = await sandbox.request({
      method: 'POST',
      url: '/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa/setup',
      session,
      headers: { authorization: 'Bearer lerian-token-johndoe', 'content-type': 'application/json' },
      payload: `{"mfaType":"app","deep":${deepArray(20_000)}}`,
    });
    expect(response.statusCode).toBe(400);
    const journal = await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` });
    expect(journal.statusCode).toBe(200);
    expect(JSON.stringify(journal.json()[0].requestBody)).toContain('[truncated by the sandbox: nested deeper than');
  });

  it("a body of many long strings, within the body limit, is kept in the journal to about 32 KiB (a soak's 1 MiB bodies filled the heap)", async () => {
    const session = 'fuzz-fat-journal';
    const junk = Array.from({ length: 62 }, () => 'a'.repeat(16_000)); // each string under the journal's 16 KiB per string
    const response = await sandbox.request({
      method: 'POST',
      url: '/flashback/mfa/setup',
      session,
      headers: { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' },
      payload: JSON.stringify({ mfaType: 'GOOGLE_AUTH', junk }),
    });
    expect(response.statusCode, response.body).toBe(200);
    const journal = await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` });
    expect(journal.statusCode).toBe(200);
    const requestBody = journal.json()[0].requestBody as { mfaType: string; junk: string[] };
    expect(requestBody.mfaType).toBe('GOOGLE_AUTH');
    expect(requestBody.junk.at(-1)).toBe('[truncated by the sandbox: 62 items]');
    expect(JSON.stringify(requestBody).length).toBeLessThan(40_000);
  });

  it("a JSON body that starts with a byte order mark is read as JSON, and the session's journal stays readable, short or long", async () => {
    const session = 'fuzz-bom-journal';
    for (const padding of ['', 'x'.repeat(20_000)]) {
      // nest-auth strips unknown fields, so the padding (past the journal's 16 KiB kept as text) is no error.
      const response = await sandbox.request({
        method: 'POST',
        url: '/nest-auth/auth/mfa/toggle',
        session,
        headers: { authorization: 'Bearer nest-auth-token-ada', 'content-type': 'application/json' },
        payload: `\uFEFF{"enabled":false,"padding":"${padding}"}`,
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const journal = await sandbox.app.inject({ url: `/__admin/sessions/${session}/journal` });
    expect(journal.statusCode, journal.body).toBe(200);
    expect(journal.json().map((entry: { requestBody: { enabled: boolean } }) => entry.requestBody.enabled)).toEqual([false, false]);
  });
});

describe('object keys from the client never reach Object.prototype', () => {
  it('a bearer token named after an Object.prototype member (constructor, __proto__, toString) is an unknown token on every surface', async () => {
    const surfaces = [
      ['/flashback/mfa/status', 401],
      ['/nest-auth/auth/mfa/status', 401],
      // Lerian once answered 200 here: the token "authenticated" as Object.prototype.constructor.
      ['/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa', 401],
    ] as const;
    for (const token of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const [url, status] of surfaces) {
        const response = await sandbox.request({ url, session: 'prototype-keys', headers: { authorization: `Bearer ${token}` } });
        expect(response.statusCode, `${url} Bearer ${token}: ${response.body}`).toBe(status);
        expect(response.isFault).toBe(false);
      }
    }
  });

  it("a GenAuth access key id named after one is an unknown key, whatever the signature (Object's text signed as a secret)", async () => {
    for (const accessKeyId of ['constructor', 'toString', 'hasOwnProperty']) {
      // What `accessKeys[accessKeyId]` found without an own-key check, turned into text as the HMAC's key.
      const accessKeySecret = String((Object.prototype as unknown as Record<string, unknown>)[accessKeyId]);
      const headers = signGenAuthRequest({ method: 'GET', path: '/api/v3/get-mfa-status', fields: { userId: 'u' }, accessKeyId, accessKeySecret });
      const response = await sandbox.request({ url: '/genauth/api/v3/get-mfa-status?userId=u', session: 'prototype-keys', headers });
      expect(response.statusCode, response.body).toBe(200); // GenAuth answers its errors in an HTTP 200 envelope
      expect(response.data, accessKeyId).toMatchObject({ statusCode: 401 });
    }
  });

  it('a Content-Encoding or a console file named after one is refused as unknown, not a 500', async () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      const encoded = await sandbox.app.inject({
        method: 'POST',
        url: '/flashback/mfa/setup',
        headers: { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json', 'content-encoding': name },
        payload: '{"mfaType":"GOOGLE_AUTH"}',
      });
      expect([encoded.statusCode, encoded.json().code], name).toEqual([415, 'MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING']);
      const file = await sandbox.app.inject({ url: `/__console/${name}` });
      expect([file.statusCode, file.json().code], name).toEqual([404, 'MOCK_ERR_ROUTE_NOT_FOUND']);
    }
  });
});
