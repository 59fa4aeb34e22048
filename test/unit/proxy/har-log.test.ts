import { describe, expect, it } from 'vitest';
import { toHarEntry } from '../../../src/proxy/har-log.js';
import type { ProxiedExchange } from '../../../src/proxy/proxy-server.js';
import { credentialValuesOf, isSecretField, REDACTED } from '../../../src/proxy/redact-credentials.js';

/** Values that must never reach a HAR file, and where each travels in the exchange below. */
const SECRETS = {
  bearer: 'tok-3f9a8b7c6d5e',
  cookie: 'cookie-value-77aa',
  genauthKeyId: 'genauth-key-id-1',
  genauthSignature: 'c2lnbmF0dXJlLWJ5dGVz',
  nonce: 'nonce-0123456789',
  queryToken: 'magic-link-token-9',
  otp: '123456',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln',
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  recoveryCode: 'ABCD-EFGH-IJKL',
  nestRecoveryCode: 'FmSLvCKuWvVNPO-pILhvjyf0onN',
  setCookie: 'server-session-5150',
  deviceTrust: 'gV955MgMtrusted-device-1',
};

function exchange(overrides: Partial<ProxiedExchange> = {}): ProxiedExchange {
  return {
    startedAt: Date.UTC(2026, 0, 1),
    httpVersion: '1.1',
    upstreamUrl: `https://vendor.example.com/api/mfa/verify?token=${SECRETS.queryToken}&page=2`,
    request: {
      method: 'POST',
      target: `/mfa/verify?token=${SECRETS.queryToken}&page=2`,
      headers: [
        ['Host', '127.0.0.1:4999'],
        ['Authorization', `Bearer ${SECRETS.bearer}`],
        ['Cookie', `a=${SECRETS.cookie}; theme=dark`],
        ['x-genauth-signature-nonce', SECRETS.nonce],
        // nest-auth's trusted device: a login that sends it skips MFA
        ['nest_auth_device_trust', SECRETS.deviceTrust],
        ['x-access-token-type', 'header'], // names the kind of token, is none
        ['Content-Type', 'application/json'],
        ['Connection', 'keep-alive'],
      ],
      body: Buffer.from(JSON.stringify({ otp: SECRETS.otp, code: SECRETS.otp, deviceName: 'Pixel 8' })),
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: [
        ['content-type', 'application/json'],
        ['set-cookie', `sid=${SECRETS.setCookie}; HttpOnly`],
      ],
      body: Buffer.from(
        JSON.stringify({
          accessToken: SECRETS.jwt,
          data: { secret: SECRETS.secret, otpauthUrl: `otpauth://totp/ada?secret=${SECRETS.secret}`, recoveryCodes: [SECRETS.recoveryCode] },
          // nest-auth's POST /auth/mfa/generate-recovery-code answer
          recovery: { codes: [SECRETS.nestRecoveryCode], code: SECRETS.nestRecoveryCode },
          echoed: `you sent ${SECRETS.bearer}`,
          echoedEncoded: `Basic ${Buffer.from(SECRETS.bearer).toString('base64')}`,
          code: 'MFA_CODE_INVALID',
          message: 'ok',
        }),
      ),
    },
    fromUpstream: true,
    timings: { send: 1, wait: 20.5, receive: 2 },
    ...overrides,
  };
}

describe('toHarEntry', () => {
  it('writes a HAR 1.2 entry of what was sent upstream, with every credential and secret redacted', () => {
    const entry = toHarEntry(exchange(), { _operationId: 'verifyMFALogin' });
    const written = JSON.stringify(entry);
    for (const [name, value] of Object.entries(SECRETS)) expect(written, name).not.toContain(value);

    expect(entry).toMatchObject({ startedDateTime: '2026-01-01T00:00:00.000Z', time: 23.5, _operationId: 'verifyMFALogin', cache: {} });
    expect(entry.request.url).toBe('https://vendor.example.com/api/mfa/verify?token=[redacted]&page=2');
    expect(entry.request.queryString).toEqual([
      { name: 'token', value: REDACTED },
      { name: 'page', value: '2' },
    ]);
    // As sent upstream: host rewritten, hop-by-hop gone.
    expect(entry.request.headers).toContainEqual({ name: 'host', value: 'vendor.example.com' });
    expect(entry.request.headers).toContainEqual({ name: 'x-access-token-type', value: 'header' });
    expect(entry.request.headers.map((header) => header.name)).not.toContain('Connection');
    expect(entry.request.cookies).toEqual([
      { name: 'a', value: REDACTED },
      { name: 'theme', value: REDACTED },
    ]);
    expect(JSON.parse(entry.request.postData!.text)).toEqual({ otp: REDACTED, code: REDACTED, deviceName: 'Pixel 8' });
    expect(entry.response.cookies).toEqual([{ name: 'sid', value: REDACTED }]);
    expect(JSON.parse(entry.response.content.text!)).toEqual({
      accessToken: REDACTED,
      // The URL's account and issuer stay (a drift report shows why two URLs differ); its secret does not.
      data: { secret: REDACTED, otpauthUrl: `otpauth://totp/ada?secret=${REDACTED}`, recoveryCodes: [REDACTED] },
      recovery: { codes: [REDACTED], code: REDACTED },
      echoed: `you sent ${REDACTED}`,
      echoedEncoded: `Basic ${REDACTED}`, // a credential echoed in base64 (as conformance reports catch it too)
      code: 'MFA_CODE_INVALID', // an error code in an answer is what a drift report must show
      message: 'ok',
    });
  });

  it('redacts the secrets of a body that is no JSON: a JSON text sent as a form, as text/plain, or malformed', () => {
    const login = '{"providerName":"email","credentials":{"email":"qa@example.com","password":"Probe-Secr3t-Pass!"}}';
    const bodies = [
      ['application/x-www-form-urlencoded', login], // curl -d '{...}' without a Content-Type
      ['application/x-www-form-urlencoded', 'credentials[email]=qa%40example.com&credentials[password]=Probe-Secr3t-Pass!'],
      ['text/plain', login],
      ['application/json', '{"method":"email","otp":"977539",}'], // a trailing comma: not JSON, a live code in it
      ['application/json', '{"codes":["FmSLvCKuWvVNPO-pILhvjyf0onN", "GmSLvCKuWvVNPO-pILhvjyf0onN"], "token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln"'],
    ] as const;
    for (const [type, text] of bodies) {
      const entry = toHarEntry(
        exchange({
          request: { method: 'POST', target: '/auth/login', headers: [['Content-Type', type]], body: Buffer.from(text) },
        }),
      );
      const written = entry.request.postData!.text;
      for (const secret of ['Probe-Secr3t-Pass', '977539', 'FmSLvCKuWvVNPO', 'GmSLvCKuWvVNPO', 'eyJhbGci'])
        expect(written, `${type} ${text}`).not.toContain(secret);
      if (text.includes('email')) expect(written, 'what is no secret stays').toMatch(/email/);
    }
  });

  it('reads a malformed body of many spaced-out list items in one pass (no pattern tries every split of the spaces)', () => {
    const unclosed = `{"codes":[${'"FmSLvCKuWvVNPO"    '.repeat(60)}`;
    const entry = toHarEntry(
      exchange({ request: { method: 'POST', target: '/auth/x', headers: [['Content-Type', 'text/plain']], body: Buffer.from(unclosed) } }),
    );
    expect(entry.request.postData!.text.length).toBeGreaterThan(0);
  });

  it('keeps a body with nothing to redact byte for byte, and records no binary body', () => {
    const plain = toHarEntry(
      exchange({
        response: { status: 200, statusText: 'OK', headers: [['content-type', 'application/json']], body: Buffer.from('{ "isEnabled": false }') },
      }),
    );
    expect(plain.response.content.text).toBe('{ "isEnabled": false }');
    const image = toHarEntry(
      exchange({ response: { status: 200, statusText: 'OK', headers: [['content-type', 'image/png']], body: Buffer.from('PNG-with-a-secret') } }),
    );
    expect(image.response.content).toEqual({ size: 17, mimeType: 'image/png', comment: expect.stringContaining('not recorded') });
  });

  it('marks the proxy own faults', () => {
    expect(toHarEntry(exchange({ fromUpstream: false }))._proxyFault).toBe(true);
    expect(toHarEntry(exchange())._proxyFault).toBeUndefined();
  });
});

describe('isSecretField', () => {
  it.each([
    ['accessToken', 'x', 'response', true],
    ['refresh_token', 'x', 'response', true],
    ['qrCode', 'data:image/png;base64,xx', 'response', true],
    ['code', '482913', 'request', true],
    ['code', 'anything', 'request', true],
    ['code', '482913', 'response', true],
    ['code', 'IDE-1003', 'response', false],
    ['code', 'MFA_CODE_INVALID', 'response', false],
    ['code', 'FmSLvCKuWvVNPO-pILhvjyf0onN', 'response', true], // a nest-auth recovery code
    ['codes', 'FmSLvCKuWvVNPO-pILhvjyf0onN', 'response', true],
    ['totpMfaEnabled', 'true', 'response', false],
    ['deviceName', 'Pixel', 'request', false],
    ['note', 'otpauth://totp/x?secret=AAAA', 'response', true],
  ] as const)('%s = %s in a %s: %s', (name, value, side, secret) => {
    expect(isSecretField(name, value, side)).toBe(secret);
  });
});

describe('credentialValuesOf', () => {
  it('takes every part of a credential header after its scheme, and each cookie value', () => {
    expect(
      credentialValuesOf([
        ['Authorization', 'GenAuth genauth-key-id-1:c2lnbmF0dXJlLWJ5dGVz'],
        ['cookie', 'accessToken=cookie-token-1234; theme=dark'],
        ['x-genauth-signature-version', '1.0'],
        ['content-type', 'application/json'],
      ]),
    ).toEqual(['genauth-key-id-1', 'c2lnbmF0dXJlLWJ5dGVz', 'cookie-token-1234']);
  });
});
