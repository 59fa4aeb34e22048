import { createHmac, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, toStringToSign } from '../../../src/surfaces/genauth/request-signature.js';
import { createTestSandbox, type TestSandbox } from '../../harness/test-sandbox.js';

/**
 * The docs page's GenAuth signer (plain browser JS) computes what the sandbox verifies: run in a page-like context,
 * with Web Crypto and without it (a page on plain http to a non-local host has no crypto.subtle).
 */
const SOURCE = readFileSync(new URL('../../../src/docs/public/genauth-request-signer.js', import.meta.url), 'utf8');
const ORIGIN = 'http://127.0.0.1:4010';
const CONFIG = { prefix: '/genauth', accessKeyId: 'genauth-sandbox-key', accessKeySecret: 'genauth-sandbox-secret' };

interface SwaggerRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  loadSpec?: boolean;
}
interface Signer {
  signGenAuthRequest(request: SwaggerRequest, config: typeof CONFIG): Promise<SwaggerRequest>;
  hmacSha1Pure(key: Uint8Array, message: Uint8Array): Uint8Array;
}

function loadSigner(withSubtle: boolean): Signer {
  const crypto = withSubtle ? webcrypto : { getRandomValues: (bytes: Uint8Array) => webcrypto.getRandomValues(bytes) };
  const page = { TextEncoder, URL, URLSearchParams, btoa, crypto, location: { href: `${ORIGIN}/docs/genauth`, origin: ORIGIN } };
  const context = createContext(page); // no `window`: the script then installs itself on the context's globalThis
  runInContext(SOURCE, context);
  return (context as unknown as { mfaSandboxGenAuthSigning: Signer }).mfaSandboxGenAuthSigning;
}

/** The authorization the sandbox expects for a signed request, from its own (Node) implementation. */
function expectedAuthorization(request: SwaggerRequest, path: string, fields: Record<string, unknown>): string {
  const { authorization: _ignored, ...headers } = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return `GenAuth ${CONFIG.accessKeyId}:${sign(CONFIG.accessKeySecret, toStringToSign(request.method, path, headers, fields, 'genauth'))}`;
}

const getRequest = (): SwaggerRequest => ({
  url: `${ORIGIN}/genauth/api/v3/get-mfa-status?userId=6229ffaxxxxxxxxcade3e3d9&userIdType=user_id`,
  method: 'GET',
  headers: {
    date: 'Sun, 23 Nov 2025 16:21:00 GMT',
    'x-genauth-signature-nonce': '3f1c2a9b8e7d6c5b4a39281706f5e4d3',
    'x-genauth-lang': 'zh-CN',
    'X-Mock-Session': 'signer',
  },
});

describe.each([
  ['Web Crypto', true],
  ['the pure-JS fallback', false],
])('the docs GenAuth signer with %s', (_name, withSubtle) => {
  const signer = loadSigner(withSubtle);

  it('signs a GET over the query as sent, with a fresh nonce and x-genauth-date instead of date', async () => {
    const request = await signer.signGenAuthRequest(getRequest(), CONFIG);
    expect(request.headers).not.toHaveProperty('date');
    expect(request.headers['x-genauth-signature-nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(request.headers['x-genauth-signature-nonce']).not.toBe('3f1c2a9b8e7d6c5b4a39281706f5e4d3');
    expect(Math.abs(Date.parse(request.headers['x-genauth-date']!) - Date.now())).toBeLessThan(5_000);
    expect(request.headers.authorization).toBe(
      expectedAuthorization(request, '/api/v3/get-mfa-status', { userId: '6229ffaxxxxxxxxcade3e3d9', userIdType: 'user_id' }),
    );
  });

  it("signs a POST over the JSON body's top-level fields, objects JSON-stringified", async () => {
    const body = {
      userId: '6229ffaxxxxxxxxcade3e3d9',
      mfaTriggerData: { totpMfaEnabled: true, applicationMfa: [{ mfaPolicy: 'OTP', status: 1, sort: 0 }] },
      note: 'ünïcode ✓',
    };
    const request = await signer.signGenAuthRequest(
      { url: `${ORIGIN}/genauth/api/v3/set-mfa-status`, method: 'post', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      CONFIG,
    );
    expect(request.headers.authorization).toBe(expectedAuthorization({ ...request, method: 'POST' }, '/api/v3/set-mfa-status', body));
  });

  it('signs with a key typed into Authorize as <id>:<secret>, and leaves a full signature, the spec fetch and other origins alone', async () => {
    const typed = await signer.signGenAuthRequest({ ...getRequest(), headers: { authorization: 'my-key:my-secret' } }, CONFIG);
    const { authorization, ...rest } = typed.headers;
    expect(authorization).toBe(
      `GenAuth my-key:${sign('my-secret', toStringToSign('GET', '/api/v3/get-mfa-status', rest, { userId: '6229ffaxxxxxxxxcade3e3d9', userIdType: 'user_id' }, 'genauth'))}`,
    );

    const manual = { ...getRequest(), headers: { authorization: 'GenAuth k:c2lnbmF0dXJl' } };
    expect((await signer.signGenAuthRequest(structuredClone(manual), CONFIG)).headers).toEqual(manual.headers);
    const spec = { url: `${ORIGIN}/docs/genauth/json`, method: 'GET', headers: {}, loadSpec: true };
    expect((await signer.signGenAuthRequest(structuredClone(spec), CONFIG)).headers).toEqual({});
    const elsewhere = { ...getRequest(), url: 'http://example.com/genauth/api/v3/get-mfa-status' };
    expect((await signer.signGenAuthRequest(structuredClone(elsewhere), CONFIG)).headers).toEqual(getRequest().headers);
  });
});

describe('the pure-JS HMAC-SHA1 fallback', () => {
  it('matches node:crypto for keys and messages around the 64-byte block boundaries', () => {
    const signer = loadSigner(false);
    const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
    for (const keyLength of [0, 1, 20, 63, 64, 65, 200]) {
      for (const messageLength of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
        const key = bytes(keyLength, 7);
        const message = bytes(messageLength, 3);
        const expected = createHmac('sha1', key).update(message).digest('hex');
        expect(Buffer.from(signer.hmacSha1Pure(key, message)).toString('hex'), `key ${keyLength}, message ${messageLength}`).toBe(expected);
      }
    }
  });
});

describe('a request the page signed, sent to the sandbox', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await createTestSandbox();
  });
  afterAll(() => sandbox?.close());

  it('is accepted (statusCode 200) and a replay of it is refused (apiCode 1306)', async () => {
    const request = await loadSigner(false).signGenAuthRequest(getRequest(), CONFIG);
    const url = request.url.slice(ORIGIN.length);
    const first = await sandbox.request({ url, headers: request.headers });
    expect(first.data).toMatchObject({ statusCode: 200, data: { username: 'ada' } });
    const replay = await sandbox.request({ url, headers: request.headers });
    expect(replay.data).toMatchObject({ statusCode: 401, apiCode: 1306 });
  });
});
