import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { format } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/engine/scenario.js';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { createOperationValidators } from '../../src/openapi/schema-validators.js';
import { toRouteDefinitions } from '../../src/openapi/to-route-definitions.js';
import { checkScenarios } from '../../src/scenarios/check-scenarios.js';
import { readScenarios } from '../../src/scenarios/load-scenarios.js';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { toStringToSign } from '../../src/surfaces/genauth/request-signature.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';
import type { browserSafeCore } from './fixtures/browser-safe-core-entry.js';

/** The HS256 key the sandbox signs nest-auth tokens with (a fixed, public sandbox key, never a secret). */
const SANDBOX_JWT_KEY = 'mfa-sandbox-nest-auth-hs256-key';

/**
 * The request-answering core runs in a browser (issue 14, item 7): esbuild bundles it for `platform: 'browser'` with
 * no externals and no Node polyfills, so a `node:` import anywhere in its graph fails the build; our own code must not
 * mention `Buffer` or `process`; and the bundle then runs in a real chromium page (where neither exists), computing
 * signatures, TOTP codes, JWTs, QR codes, validation results, a TOTP enrolment through the request pipeline and a
 * whole passkey ceremony that must equal what Node computes, what the RFCs say, or what the integration tests expect.
 */
const ENTRY = join(import.meta.dirname, 'fixtures/browser-safe-core-entry.ts');
const PAGE_ORIGIN = 'http://localhost'; // routed by Playwright, never bound: a secure context, as WebCrypto and WebAuthn need
const require = createRequire(import.meta.url);
/** pngjs comes with qrcode (its Node PNG writer); here it decodes PNGs to compare images pixel by pixel. */
const { PNG } = require('pngjs') as { PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } } };

type Core = typeof browserSafeCore;
type CatalogueJson = Array<[string, Array<[string, Scenario]>]>;

const BUNDLE_OPTIONS: BuildOptions = {
  entryPoints: [ENTRY],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  write: false,
  logLevel: 'silent',
  metafile: true,
};

let bundle: string;
let metafile: Metafile;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let catalogue: CatalogueJson;

/** Call one of the entry's probes inside the page, with JSON arguments, and return its JSON result. */
async function inPage<K extends keyof Core>(
  name: K,
  ...args: Core[K] extends (...a: infer A) => unknown ? A : []
): Promise<Core[K] extends (...a: never[]) => infer R ? Awaited<R> : Core[K]> {
  return page.evaluate(
    async ([probe, probeArgs]) => {
      const core = (globalThis as unknown as { browserSafeCore: Record<string, unknown> }).browserSafeCore;
      const value = core[probe];
      return typeof value === 'function' ? await value(...probeArgs) : value;
    },
    [name, args] as const,
  ) as never;
}

beforeAll(async () => {
  const result = await build(BUNDLE_OPTIONS);
  bundle = result.outputFiles![0]!.text;
  metafile = result.metafile!;
  const reading = await readScenarios(['scenarios'], SURFACE_IDS);
  catalogue = [...reading.catalogue].map(([surface, scenarios]) => [surface, [...scenarios]]);

  browser = await launchChromium();
  page = await browser.newPage();
  pageErrors = collectPageErrors(page);
  await page.route(`${PAGE_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/core.js') return route.fulfill({ contentType: 'text/javascript', body: bundle });
    if (path === '/')
      return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>core</title><script type="module" src="/core.js"></script>' });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${PAGE_ORIGIN}/`);
  await page.waitForFunction(() => 'browserSafeCore' in globalThis);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the core bundled for a browser', () => {
  it('builds with no externals and no Node polyfills, and the bundle imports no node: module', () => {
    expect(bundle.length).toBeGreaterThan(0);
    // No import or require of a node: module (json-schema-faker's bundled error text mentions "node:fs/promises" in prose).
    expect(bundle).not.toMatch(/^\s*(?:import|export)\b[^\n]*["'`]node:/m);
    expect(bundle).not.toMatch(/\b(?:import|require)\(\s*["'`]node:/);
    // The whole graph was bundled: pipeline, surfaces, and the third-party modules they answer with.
    const packages = new Set(Object.keys(metafile.inputs).flatMap((input) => input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? []));
    expect([...packages]).toEqual(
      expect.arrayContaining(['otplib', '@noble/hashes', '@simplewebauthn/server', 'qrcode', 'ajv', 'ajv-formats', 'secure-json-parse', 'json-schema-faker']),
    );
    expect(Object.keys(metafile.inputs)).toEqual(
      expect.arrayContaining([
        'src/pipeline/surface-engine.ts',
        'src/pipeline/example-bodies.ts',
        'src/surfaces/genauth/request-signature.ts',
        'src/surfaces/nest-auth/otpauth-url.ts',
        'src/engine/passkey.ts',
      ]),
    );
  });

  it('our own code in it never uses Buffer, process or a node: module (third-party code is bundled separately)', async () => {
    // packages: 'external' leaves node_modules out, so only src/ is in the output; a `node:` import would stay as one.
    const ours = await build({ ...BUNDLE_OPTIONS, packages: 'external' });
    const text = ours.outputFiles![0]!.text;
    expect(text).toContain('toBase64Url');
    expect(text).not.toMatch(/\bBuffer\b/);
    expect(text).not.toMatch(/\bprocess\./);
    expect(text).not.toMatch(/["'`]node:/);
  });
});

describe('the core running in chromium', () => {
  it('runs in a page that has no Buffer, process or require, with every surface loaded', async () => {
    expect(
      await page.evaluate(() => [
        typeof (globalThis as Record<string, unknown>).Buffer,
        typeof (globalThis as Record<string, unknown>).process,
        typeof (globalThis as Record<string, unknown>).require,
      ]),
    ).toEqual(['undefined', 'undefined', 'undefined']);
    const surfaces = await inPage('surfaces');
    expect(surfaces.map((surface) => surface.id)).toEqual(['flashback', 'nest-auth', 'lerian', 'genauth']);
    expect(surfaces.every((surface) => surface.operations > 0)).toBe(true);
    expect(await inPage('randomUUID')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pageErrors).toEqual([]);
  });

  it('base64 and base64url match Buffer byte for byte, and round-trip', async () => {
    const samples = [
      new Uint8Array(0),
      Uint8Array.from({ length: 256 }, (_, i) => i),
      ...[1, 2, 3, 4, 5, 31, 32, 33].map((length) => new Uint8Array(randomBytes(length))),
    ];
    for (const bytes of samples) {
      const buffer = Buffer.from(bytes);
      expect(await inPage('toBase64Url', [...bytes])).toBe(buffer.toString('base64url'));
      expect(await inPage('toBase64', [...bytes])).toBe(buffer.toString('base64'));
      expect(await inPage('fromBase64Url', buffer.toString('base64url'))).toEqual([...bytes]);
      expect(await inPage('fromBase64Url', buffer.toString('base64'))).toEqual([...bytes]);
    }
    expect(await inPage('toBase64Url', 'ünïcode ✓ 🔑')).toBe(Buffer.from('ünïcode ✓ 🔑').toString('base64url'));
  });

  it('signs a GenAuth request exactly as Node HMAC-SHA1 does (unicode secret and fields included)', async () => {
    const secret = 'sk-ünïcode-✓';
    const stringToSign = toStringToSign(
      'POST',
      '/api/v3/send-enroll-factor-request',
      { date: 'Mon, 23 Nov 2026 16:00:00 GMT', 'x-genauth-signature-nonce': 'n1' },
      { profile: { name: 'Zoë' }, userId: 'u1' },
      'genauth',
    );
    const expected = createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
    expect(await inPage('genauthSign', secret, stringToSign)).toBe(expected);

    const date = new Date('2026-11-23T16:00:00Z');
    const headers = await inPage('genauthSignedHeaders', {
      method: 'GET',
      path: '/api/v3/get-mfa-status',
      fields: { userId: 'u1' },
      accessKeyId: 'ak',
      accessKeySecret: 'sk',
      flavour: 'authing',
      date,
      nonce: 'abc',
    });
    const signed = toStringToSign('GET', '/api/v3/get-mfa-status', headers, { userId: 'u1' }, 'authing');
    expect(headers.authorization).toBe(`authing ak:${createHmac('sha1', 'sk').update(signed).digest('base64')}`);
    expect(await inPage('isSignatureValid', expected, expected)).toBe(true);
    expect(await inPage('isSignatureValid', expected, `${expected.slice(0, -2)}A=`)).toBe(false);
    expect(await inPage('isSignatureValid', expected, expected.slice(1))).toBe(false);
  });

  it('computes the RFC 6238 TOTP test vectors (SHA-1, 6 digits) and verifies its own fresh secrets', async () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890"
    for (const [seconds, code] of [
      [59, '287082'],
      [1111111109, '081804'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ] as const) {
      expect(await inPage('currentTotpCode', rfcSecret, seconds * 1000)).toBe(code);
    }
    const secret = await inPage('createTotpSecret');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const nowMs = Date.UTC(2026, 10, 23, 16, 0, 0);
    const code = await inPage('currentTotpCode', secret, nowMs);
    expect(await inPage('verifyTotpCode', secret, code, { windowSteps: 1, nowMs })).toMatchObject({ valid: true });
    expect(await inPage('verifyTotpCode', secret, code, { windowSteps: 1, nowMs: nowMs + 120_000 })).toEqual({ valid: false });
  });

  it('issues nest-auth JWTs whose HS256 signature Node verifies', async () => {
    const nowMs = Date.UTC(2026, 10, 23, 16, 0, 0);
    const tokens = await inPage('nestAuthSessionTokens', 'user-1', nowMs, { isMfaEnabled: true, isMfaVerified: false });
    for (const token of [tokens.accessToken, tokens.refreshToken]) {
      const [header, claims, signature] = token.split('.');
      expect(signature).toBe(createHmac('sha256', SANDBOX_JWT_KEY).update(`${header}.${claims}`).digest('base64url'));
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toMatchObject({ sub: 'user-1', iat: nowMs / 1000 });
    }
  });

  it('writes nest-auth key URIs byte for byte as the legacy url.format does', async () => {
    for (const account of ['ada@example.com', 'José Ünïcode', 'a#b?c/d', '/leading', '', 'x y+z&w=v']) {
      for (const [issuer, secret] of [
        ['nest-auth', 'JBSWY3DPEHPK3PXP'],
        ['Acme & Co', 'AB CD'],
      ]) {
        const legacy = format({ protocol: 'otpauth', slashes: true, hostname: 'totp', pathname: account, query: { secret, issuer, period: 30 } });
        expect(await inPage('nestAuthOtpauthUrl', issuer!, account, secret!)).toBe(legacy);
      }
    }
  });

  it('draws a PNG QR code with the very pixels qrcode draws in Node', async () => {
    const text = 'otpauth://totp/Flashback:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Flashback';
    const dataUrl = await inPage('toQrCodeDataUrl', text);
    expect(dataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const drawn = PNG.sync.read(Buffer.from(dataUrl.split(',')[1]!, 'base64'));
    const reference = PNG.sync.read(Buffer.from((await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 200 })).split(',')[1]!, 'base64'));
    expect([drawn.width, drawn.height]).toEqual([reference.width, reference.height]);
    expect(drawn.data.equals(reference.data)).toBe(true);
  });

  it('validates requests and responses against a spec (ajv + ajv-formats) exactly as Node does', async () => {
    const { api } = await loadSpec('specs', 'flashback');
    const checks = [
      { operationId: 'setupMFA', request: { params: {}, query: {}, body: { mfaType: 'GOOGLE_AUTH', email: 'ada@example.com' }, hasBody: true } },
      { operationId: 'setupMFA', request: { params: {}, query: {}, body: { mfaType: 'CARRIER_PIGEON', email: 'not an email' }, hasBody: true } },
      { operationId: 'setupMFA', request: { params: {}, query: {}, body: undefined, hasBody: false } },
      { operationId: 'getMFAStatus', response: { status: 200, body: { success: true } } },
      { operationId: 'getMFAStatus', response: { status: 418, body: {} } },
    ];
    const inBrowser = await inPage('validate', api, checks);
    const routes = toRouteDefinitions(api);
    const inNode = checks.map((check) => {
      const validators = createOperationValidators(routes.find((route) => route.operationId === check.operationId)!);
      return {
        request: check.request ? validators.validateRequest(check.request) : undefined,
        response: check.response ? validators.validateResponse(check.response.status, check.response.body) : undefined,
      };
    });
    expect(inBrowser).toEqual(JSON.parse(JSON.stringify(inNode)));
    expect(inBrowser[0]!.request).toEqual([]);
    expect(inBrowser[1]!.request!.length).toBeGreaterThan(0);
    expect(inBrowser[2]!.request).toEqual([expect.objectContaining({ kind: 'missing' })]);
    expect(inBrowser[3]!.response!.length).toBeGreaterThan(0);
    expect(inBrowser[4]!.response).toEqual(['status 418 is not declared for getMFAStatus']);
  });

  it("builds every surface's start world from the shipped scenarios in sessions over the memory store", async () => {
    const worlds = await inPage('startWorlds', catalogue);
    expect(worlds.map((world) => world.surface).sort()).toEqual([...SURFACE_IDS].sort());
    expect(worlds.find((world) => world.surface === 'flashback')!.users).toEqual(['usr_ada', 'usr_bob']);
  });

  it('checks scenarios against the spec in the page, with the same problems Node finds', async () => {
    const { api } = await loadSpec('specs', 'flashback');
    const shipped = catalogue.find(([surface]) => surface === 'flashback')![1];
    const broken: Scenario = { ...shipped[0]![1], name: 'broken', file: 'flashback/broken.yaml', overrides: [{ operationId: 'noSuchOperation', status: 200 }] };
    const withBroken: Array<[string, Scenario]> = [...shipped, ['broken', broken]];
    const inNode = checkScenarios(new Map([['flashback', new Map(withBroken)]]), new Map([['flashback', toRouteDefinitions(api)]]), 'default').map(
      (problem) => problem.message,
    );
    expect(inNode).toEqual([
      'flashback/broken.yaml#/overrides/0/operationId: no operation "noSuchOperation" in the flashback spec (flashback\'s operations: activateMagicLink, completePasskeyRegistration, completePasskeyRegistrationAlt, disableMFA, enableMFA, enforceOrganizationMFA, getAvailableMethods, getMFAStatus, getPasskeyAuthOptions, resetMFA, sendMagicLink, setPrimaryMFA, setupMFA, verifyMFALogin, verifyMFASetup)',
    ]);
    expect(await inPage('checkSurfaceScenarios', 'flashback', api, withBroken)).toEqual(inNode);
    expect(await inPage('scenarioFileFields')).toEqual(expect.arrayContaining(['description', 'world', 'overrides']));
  });

  it('answers a Flashback TOTP enrolment through the request pipeline, with a code computed in the page', async () => {
    const { api } = await loadSpec('specs', 'flashback');
    const { before, setup, verify, after, journalled } = await inPage('runFlashbackTotpEnrolment', api, catalogue);
    expect(before).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8', body: { success: true, data: { isEnabled: false } } });
    expect(setup.status).toBe(200);
    expect(setup.body.data.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.data.qrCode).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(verify).toMatchObject({ status: 200, body: { success: true, message: 'MFA setup verified and enabled' } });
    expect(after.body.data).toEqual({
      isEnabled: true,
      isRequired: false,
      isEnforced: false,
      enabledMethods: ['GOOGLE_AUTH'],
      primaryMethod: 'GOOGLE_AUTH',
      sessionVerified: false,
    });
    expect(journalled).toEqual(['200 getMFAStatus', '200 setupMFA', '200 verifyMFASetup', '200 getMFAStatus']);
  });

  it('registers a passkey and signs in with it: a virtual authenticator against the core, verified in the page', async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const result = await inPage('runPasskeyCeremony', catalogue, 'usr_ada');
    expect(result).toMatchObject({ registered: true, authenticated: true, replayed: false, challengesLeft: 0 });
    if (!result.registered) throw new Error('unreachable');
    // The stored key is base64url COSE (a map whose first key, kty, is 1): what Node's Buffer would have written.
    const publicKey = Buffer.from(result.publicKey, 'base64url');
    expect(publicKey.toString('base64url')).toBe(result.publicKey);
    expect(publicKey[0]! & 0xe0).toBe(0xa0); // CBOR major type 5 (map)
    expect(pageErrors).toEqual([]);
  });
});
