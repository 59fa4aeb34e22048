import { describe, expect, it } from 'vitest';
import { compareAnswers } from '../../../src/conformance/compare-answers.js';

const by = (fields: ReturnType<typeof compareAnswers>['fields']) => Object.fromEntries(fields.map((field) => [field.path, field]));

describe('comparing an upstream answer with the sandbox answer', () => {
  it('ids, times and secrets agree by shape; constants and enums exactly; the score counts agreeing fields', () => {
    const upstream = {
      status: 200,
      body: {
        id: '4b3c9c9c-9a9d-4d1e-8d9f-123456789abc',
        createdAt: '2026-01-01T00:00:00.000Z',
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        method: 'totp',
        verified: false,
      },
    };
    const sandbox = {
      status: 200,
      body: {
        id: '9f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
        createdAt: '2026-11-30T08:00:00Z',
        secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
        method: 'totp',
        verified: true,
      },
    };
    const schema = { type: 'object', properties: { method: { type: 'string', enum: ['totp', 'email'] } } };
    const result = compareAnswers(upstream, sandbox, { schema });
    const fields = by(result.fields);
    expect(fields.status).toMatchObject({ class: 'constant', outcome: 'agree' });
    expect(fields['body.id']).toMatchObject({ class: 'generated-id', outcome: 'agree', upstream: '<uuid>', sandbox: '<uuid>' });
    expect(fields['body.createdAt']).toMatchObject({ class: 'timestamp', outcome: 'agree' });
    expect(fields['body.secret']).toEqual({ path: 'body.secret', class: 'secret', outcome: 'agree', upstream: '<base32 32>', sandbox: '<base32 32>' });
    expect(fields['body.method']).toMatchObject({ class: 'enum', outcome: 'agree' });
    expect(fields['body.verified']).toMatchObject({ class: 'constant', outcome: 'differ', upstream: false, sandbox: true });
    expect([result.agreeing, result.compared]).toEqual([5, 6]);
  });

  it('a secret of another shape differs, shown by its shape only, never its value', () => {
    const result = compareAnswers(
      { status: 200, body: { accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' } },
      { status: 200, body: { accessToken: 'opaque-token-1234' } },
    );
    const field = by(result.fields)['body.accessToken']!;
    expect(field).toMatchObject({ class: 'secret', outcome: 'differ', upstream: '<jwt>', sandbox: '<base64url 17>' });
    expect(JSON.stringify(result)).not.toContain('opaque-token-1234');
    expect(JSON.stringify(result)).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it("values echoed from each side's own user or request agree; an error code in a code field is a constant", () => {
    const upstream = {
      status: 401,
      body: { message: 'Hi bob@corp.test', code: 'MFA_CODE_INVALID', deviceName: 'Pixel' },
      known: { email: 'bob@corp.test' },
      requestBody: { deviceName: 'Pixel' },
    };
    const sandbox = {
      status: 401,
      body: { message: 'Hi ada@example.com', code: 'MFA_CODE_EXPIRED', deviceName: 'Pixel' },
      known: { email: 'ada@example.com' },
      requestBody: { deviceName: 'Pixel' },
    };
    const fields = by(compareAnswers(upstream, sandbox).fields);
    expect(fields['body.message']).toMatchObject({ class: 'echoed', outcome: 'agree', upstream: 'Hi <email>' });
    expect(fields['body.deviceName']).toMatchObject({ class: 'echoed', outcome: 'agree' });
    expect(fields['body.code']).toMatchObject({ class: 'constant', outcome: 'differ', upstream: 'MFA_CODE_INVALID', sandbox: 'MFA_CODE_EXPIRED' });
  });

  it("a value of the spec's vocabulary is compared as it is, even where the request sent the same word", () => {
    // A sign-in with providerName "email": the default method in the answer is no echo of it, and a different one shows.
    const requestBody = { providerName: 'email', credentials: { email: 'x@example.com' } };
    const schema = {
      type: 'object',
      properties: {
        defaultMfaMethod: { type: 'string', enum: ['email', 'sms', 'totp'] },
        mfaMethods: { type: 'array', items: { enum: ['email', 'sms', 'totp'] } },
      },
    };
    const fields = by(
      compareAnswers(
        { status: 200, body: { defaultMfaMethod: 'email', mfaMethods: ['email'] }, requestBody },
        { status: 200, body: { defaultMfaMethod: 'totp', mfaMethods: ['email'] }, requestBody },
        { schema },
      ).fields,
    );
    expect(fields['body.defaultMfaMethod']).toMatchObject({ class: 'enum', outcome: 'differ', upstream: 'email', sandbox: 'totp' });
    expect(fields['body.mfaMethods[0]']).toMatchObject({ class: 'enum', outcome: 'agree', upstream: 'email' });
  });

  it("an upstream reached with a token alone (its e-mail unknown) has any address it echoes taken as its user's", () => {
    const upstream = {
      status: 200,
      body: { account: 'stranger2@example.com', otpAuthUrl: 'otpauth://totp/Acme:stranger2%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme' },
      known: { email: '' },
    };
    const sandbox = {
      status: 200,
      body: { account: 'ada@example.com', otpAuthUrl: 'otpauth://totp/Acme:ada%40example.com?secret=KRSXG5CTMVRXEZLU&issuer=Acme' },
      known: { email: 'ada@example.com' },
    };
    const fields = by(compareAnswers(upstream, sandbox).fields);
    expect(fields['body.account']).toMatchObject({ outcome: 'agree', upstream: '<email>' });
    expect(fields['body.otpAuthUrl']).toMatchObject({ outcome: 'agree' });
    expect(JSON.stringify(fields)).not.toContain('stranger2');
  });

  it('a renamed field is missing on one side and extra on the other; array elements compare by position', () => {
    const result = compareAnswers(
      { status: 200, body: { isEnabled: true, methods: ['totp', 'email'] } },
      { status: 201, body: { enabled: true, methods: ['totp'] } },
    );
    const fields = by(result.fields);
    expect(fields.status).toMatchObject({ outcome: 'differ', upstream: 200, sandbox: 201 });
    expect(fields['body.isEnabled']).toMatchObject({ outcome: 'missing', upstream: true });
    expect(fields['body.isEnabled']).not.toHaveProperty('sandbox');
    expect(fields['body.enabled']).toMatchObject({ outcome: 'extra', sandbox: true });
    expect(fields['body.methods[0]']).toMatchObject({ outcome: 'agree' });
    expect(fields['body.methods[1]']).toMatchObject({ outcome: 'missing', upstream: 'email' });
    expect(result.agreeing).toBe(1);
  });

  it('an x-conformance annotation in the schema classifies a field explicitly; secrets inside a missing object stay hidden', () => {
    const schema = { type: 'object', properties: { pin: { type: 'string', 'x-conformance': 'secret' }, session: { type: 'object' } } };
    const result = compareAnswers({ status: 200, body: { pin: '4242', session: { token: 'tok-abcdef' } } }, { status: 200, body: { pin: '9999' } }, { schema });
    const fields = by(result.fields);
    expect(fields['body.pin']).toMatchObject({ class: 'secret', outcome: 'agree', upstream: '<digits 4>' });
    expect(fields['body.session']).toMatchObject({ outcome: 'missing', upstream: { token: '<base64url 10>' } });
  });

  it('two unrelated objects are one difference, not one per key', () => {
    const result = compareAnswers(
      { status: 404, body: { statusCode: 404, message: 'Cannot GET /x' } },
      { status: 404, body: { type: 'about:blank', title: 'Not Found' } },
    );
    expect(result.fields.map((field) => [field.path, field.outcome])).toEqual([
      ['status', 'agree'],
      ['body', 'differ'],
    ]);
  });
});
