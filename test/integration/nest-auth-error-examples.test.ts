import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock } from '../../src/engine/clock.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * Every named error example in specs/nest-auth.openapi.yaml is exactly what the mock sends for the request that
 * produces it (issue 12 item 6). Each example needs a recipe below; an example without one fails the test, so a new
 * example cannot be added without showing how the mock produces it.
 */

const ADA_ID = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
const ADA = 'Bearer nest-auth-token-ada';
const LOGIN = { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } };

/** The sandbox's time: a recipe that needs a code to expire moves it on, and no guessed code can match by chance. */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
let sandbox: TestSandbox;
let sessionCounter = 0;

beforeAll(async () => {
  // Sessions live a day here: at the default 30-minute TTL the clock moved past a code's expiry forgets the session too.
  sandbox = await createTestSandbox({ sessionTtlMs: 24 * 3600_000 }, { clock });
});
afterAll(async () => {
  await sandbox.close();
});

interface Operation {
  operationId: string;
  method: string;
  path: string;
  /** A body the operation accepts, to carry auth-error requests past validation. */
  validBody: unknown;
}

/** One step of a recipe: what to send (the session and scenario are the recipe's). */
interface Send {
  method?: string;
  path?: string;
  authorization?: string | null;
  body?: unknown;
  /** Body bytes as sent, e.g. JSON cut short. */
  rawBody?: string;
  /** The Content-Type of a rawBody (default application/json). */
  contentType?: string;
  /** The Content-Encoding a rawBody is said to be in (it is sent as it is). */
  contentEncoding?: string;
}

interface Recipe {
  scenario?: string;
  /** Prepare the session, then answer the request that produces the example. */
  run(context: {
    op: Operation;
    send: (request: Send) => Promise<{ statusCode: number; data: any }>;
    session: string;
  }): Promise<{ statusCode: number; data: any }>;
}

const simple = (request: Send, scenario?: string): Recipe => ({ ...(scenario ? { scenario } : {}), run: ({ send }) => send(request) });

async function lockAda(session: string, locked: boolean) {
  const response = await sandbox.app.inject({ method: 'PUT', url: `/__admin/sessions/${session}/users/${ADA_ID}/lock`, payload: { locked } });
  expect(response.statusCode).toBe(200);
}

/**
 * Recipes for the guard's answers: the same on every secured operation, sent with that operation's valid body; and for
 * the body parser's, the same on every operation that takes a body, sent without credentials (it answers first).
 */
const AUTH_RECIPES: Record<string, Recipe> = {
  TOO_MANY_PARAMETERS: simple({ authorization: null, rawBody: '&'.repeat(1000), contentType: 'application/x-www-form-urlencoded' }),
  ENTITY_TOO_LARGE: simple({ authorization: null, rawBody: JSON.stringify({ padding: 'x'.repeat(102_400) }) }),
  UNSUPPORTED_CHARSET: simple({ authorization: null, rawBody: '{}', contentType: 'application/json; charset=latin1' }),
  UNSUPPORTED_CONTENT_ENCODING: simple({ authorization: null, rawBody: '{}', contentEncoding: 'zstd' }),
  UNDECODABLE_BODY: simple({ authorization: null, rawBody: '{}', contentEncoding: 'gzip' }),
  NO_AUTH_PROVIDED: simple({ authorization: null }),
  INVALID_TOKEN: simple({ authorization: 'Bearer not-a-token' }),
  INVALID_API_KEY_FORMAT: simple({ authorization: 'ApiKey abc' }),
  INVALID_API_KEY: simple({ authorization: 'ApiKey public.private' }),
  SESSION_NOT_FOUND: simple({}, 'missing-user'),
  ACCOUNT_INACTIVE: {
    async run({ send, session }) {
      await lockAda(session, true);
      return send({});
    },
  },
  MFA_REQUIRED: {
    scenario: 'mfa-enabled',
    async run({ send }) {
      const login = await send({ method: 'POST', path: '/auth/login', authorization: null, body: LOGIN });
      expect(login.data.isRequiresMfa).toBe(true);
      return send({ authorization: `Bearer ${login.data.accessToken}` });
    },
  },
  MFA_NOT_ENABLED: simple({}, 'mfa-disabled'),
  INTERNAL_SERVER_ERROR: simple({}, 'server-error'),
};

/** Recipes for one operation's own examples, keyed `<operationId> <status> <example>`. */
const RECIPES: Record<string, Recipe> = {
  'login 400 VALIDATION_ERROR': simple({ body: { providerName: 'email' } }),
  'login 400 MISSING_REQUIRED_FIELDS': simple({ body: { providerName: 'email', credentials: { email: 'ada@example.com' } } }),
  'login 400 TENANT_NOT_ENABLED': simple({ body: { ...LOGIN, tenantId: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1' } }),
  'login 400 EMAIL_REQUIRED': simple({ body: { providerName: 'email', credentials: { email: '   ', password: 'sandbox-password' } } }),
  'login 401 INVALID_CREDENTIALS': simple({ body: { ...LOGIN, credentials: { email: 'ada@example.com', password: 'wrong' } } }),
  'login 401 INVALID_PROVIDER': simple({ body: { credentials: LOGIN.credentials } }),
  'login 401 ACCOUNT_INACTIVE': {
    async run({ send, session }) {
      await lockAda(session, true);
      return send({ body: LOGIN });
    },
  },
  'toggleMfa 400 VALIDATION_ERROR': simple({ body: { enabled: 'yes' } }),
  'toggleMfa 400 enabledMissing': simple({ body: {} }),
  'toggleMfa 403 MFA_TOGGLING_NOT_ALLOWED': simple({ body: { enabled: false } }, 'org-enforced'),
  'toggleMfa 403 MFA_CANNOT_ENABLE_WITHOUT_METHOD': simple({ body: { enabled: true } }, 'totp-only'),
  'removeMfaDevice 404 MFA_DEVICE_NOT_FOUND': simple({}),
  'setupTotp 400 VALIDATION_ERROR': simple({ body: { deviceName: 'x'.repeat(129) } }),
  'setupTotp 400 labelTooLong': simple({ body: { label: 'x'.repeat(129) } }),
  'verifyTotpSetup 400 VALIDATION_ERROR': simple({ body: { secret: 'JBSWY3DPEHPK3PXP' } }),
  'verifyTotpSetup 400 otpNotString': simple({ body: { otp: 123456, secret: 'JBSWY3DPEHPK3PXP' } }),
  'verifyTotpSetup 401 MFA_CODE_INVALID': simple({ body: { otp: '123456', secret: 'JBSWY3DPEHPK3PXP' } }),
  'resetTotp 401 MFA_RECOVERY_CODE_INVALID': simple({ body: { code: 'not-a-recovery-code' } }),
  'verifyMfa 400 VALIDATION_ERROR': simple({ body: {} }),
  'sendMfaChallenge 400 MALFORMED_JSON': simple({ rawBody: '{"method":' }),
  'resetTotp 400 MALFORMED_JSON': simple({ rawBody: '{"code":' }),
  'verifyMfa 400 otpMissing': simple({ body: { method: 'totp' } }),
  'verifyMfa 400 VERIFICATION_CODE_INVALID': simple({ body: { method: 'email', otp: '000000' } }),
  'verifyMfa 400 VERIFICATION_CODE_EXPIRED': {
    async run({ send, session }) {
      await send({ path: '/auth/mfa/challenge', body: { method: 'email' } });
      const outbox = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox?surface=nest-auth` })).json();
      clock.advance(31 * 60_000); // past the code's 30 minutes
      return send({ body: { method: 'email', otp: outbox[0].code } });
    },
  },
  'verifyMfa 400 VERIFICATION_CODE_ATTEMPTS_EXHAUSTED': {
    async run({ send }) {
      await send({ path: '/auth/mfa/challenge', body: { method: 'email' } });
      for (let attempt = 1; attempt < 5; attempt++)
        expect((await send({ body: { method: 'email', otp: '00000a' } })).data.message).toBe('Invalid verification code');
      return send({ body: { method: 'email', otp: '00000a' } });
    },
  },
  'verifyMfa 400 MISSING_REQUIRED_FIELD': simple({ body: { method: 'sms', otp: '   ' } }),
  'verifyMfa 401 MFA_CODE_INVALID': simple({ body: { method: 'totp', otp: '123456' } }),
  'verifyRecoveryCode 400 VALIDATION_ERROR': simple({ body: {} }),
  'verifyRecoveryCode 401 MFA_RECOVERY_CODE_INVALID': simple({ body: { code: 'not-a-recovery-code' } }, 'mfa-enabled'),
  'verifyRecoveryCode 401 MFA_NOT_ENABLED': simple({ body: { code: 'not-a-recovery-code' } }),
  'refreshToken 400 VALIDATION_ERROR': simple({ authorization: null, body: { refreshToken: 5 } }),
  'refreshToken 400 MALFORMED_JSON': simple({ authorization: null, rawBody: '{"refreshToken":' }),
  'refreshToken 401 REFRESH_TOKEN_REQUIRED': simple({ authorization: null, body: {} }),
  'refreshToken 401 REFRESH_TOKEN_EXPIRED': {
    async run({ send }) {
      const { refreshToken } = await signIn(send);
      clock.advance(31 * 24 * 3600_000); // past the refresh token's 30 days
      return send({ authorization: null, body: { refreshToken } });
    },
  },
  'refreshToken 401 SESSION_NOT_FOUND': {
    async run({ send }) {
      const { accessToken, refreshToken } = await signIn(send);
      await send({ method: 'POST', path: '/auth/logout', authorization: `Bearer ${accessToken}`, body: {} });
      return send({ authorization: null, body: { refreshToken } });
    },
  },
  'refreshToken 401 REFRESH_TOKEN_REPLAYED': {
    async run({ send }) {
      const { refreshToken } = await signIn(send);
      expect((await send({ authorization: null, body: { refreshToken } })).statusCode).toBe(200);
      return send({ authorization: null, body: { refreshToken } });
    },
  },
  'refreshToken 401 USER_NOT_FOUND': {
    // The sandbox has no route that deletes a user: a session file without her, imported, plays it.
    async run({ send, session }) {
      const { refreshToken } = await signIn(send);
      const file = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/export` })).json();
      delete file.session.worlds['nest-auth/default'].users[ADA_ID];
      expect((await sandbox.app.inject({ method: 'POST', url: `/__admin/sessions/${session}/import`, payload: file })).statusCode).toBe(200);
      return send({ authorization: null, body: { refreshToken } });
    },
  },
  'refreshToken 401 ACCOUNT_INACTIVE': {
    async run({ send, session }) {
      const { refreshToken } = await signIn(send);
      await lockAda(session, true);
      return send({ authorization: null, body: { refreshToken } });
    },
  },
};

async function signIn(send: (request: Send) => Promise<{ statusCode: number; data: any }>): Promise<{ accessToken: string; refreshToken: string }> {
  const login = await send({ method: 'POST', path: '/auth/login', authorization: null, body: LOGIN });
  expect(login.statusCode).toBe(200);
  return login.data;
}

interface SpecOperation {
  operationId: string;
  security?: unknown[];
  requestBody?: { content?: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses?: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
}

function errorExamples(): Array<{ op: Operation; status: number; name: string; value: unknown }> {
  const api = sandbox.specs.get('nest-auth')!.api;
  const found: Array<{ op: Operation; status: number; name: string; value: unknown }> = [];
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, SpecOperation>)) {
      if (!operation?.operationId) continue;
      const requestExamples = Object.values(operation.requestBody?.content?.['application/json']?.examples ?? {});
      const op: Operation = {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path: path.replace('{deviceId}', '00000000-0000-4000-8000-000000000000'),
        validBody: requestExamples[0]?.value,
      };
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) continue;
        for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {}))
          found.push({ op, status: Number(status), name, value: example.value });
      }
    }
  }
  return found;
}

describe('nest-auth: every named error example is what the mock sends', () => {
  it('has a recipe for every example, and each recipe produces its example exactly', async () => {
    const examples = errorExamples();
    expect(examples.length).toBeGreaterThan(80);
    const missing: string[] = [];
    for (const { op, status, name, value } of examples) {
      const key = `${op.operationId} ${status} ${name}`;
      const recipe = RECIPES[key] ?? AUTH_RECIPES[name];
      if (!recipe) {
        missing.push(key);
        continue;
      }
      const session = `nest-auth-examples-${++sessionCounter}`;
      const send = async (request: Send) => {
        const authorization = request.authorization === undefined ? ADA : request.authorization;
        const body = request.body === undefined ? op.validBody : request.body;
        const response = await sandbox.request({
          method: request.method ?? op.method,
          url: `/nest-auth${request.path ?? op.path}`,
          session,
          ...(recipe.scenario ? { scenario: recipe.scenario } : {}),
          headers: {
            ...(authorization === null ? {} : { authorization }),
            ...(request.rawBody === undefined ? {} : { 'content-type': request.contentType ?? 'application/json' }),
            ...(request.contentEncoding === undefined ? {} : { 'content-encoding': request.contentEncoding }),
          },
          ...(request.rawBody !== undefined ? { payload: request.rawBody } : body === undefined ? {} : { payload: body as object }),
        });
        return { statusCode: response.statusCode, data: response.data };
      };
      const answer = await recipe.run({ op, send, session });
      expect({ key, status: answer.statusCode, body: answer.data }).toEqual({ key, status, body: value });
    }
    expect(missing, 'examples without a recipe').toEqual([]);
  });
});
