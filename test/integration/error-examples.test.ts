import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { toRouteDefinitions, type RouteDefinition } from '../../src/openapi/to-route-definitions.js';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import { GENAUTH_ACCESS_KEY } from '../harness/genauth-signer.js';
import { authenticatorCode } from '../harness/totp.js';
import { toSpecRequest } from '../harness/spec-requests.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { injectTransport, toHttpRequest, type HttpResponse, type VendorRequest } from '../harness/vendor-request.js';

/**
 * Every named error example in a spec is what the mock really sends: for each one, the request that produces it
 * (as a client would make that mistake, or the scenario that scripts it) is sent, and the answer must equal the
 * example exactly (GenAuth's per-request requestId aside). An example no request produces, or one whose text the mock
 * words differently, fails here. nest-auth's examples are checked against the real 2.11.1 server (test/oracle/).
 */

/** What a producer may do: send requests in the example's own session, and lock a user through the admin API. */
interface ProducerContext {
  /** The operation's request built from its spec examples, with the surface's usual credentials. */
  base: VendorRequest;
  /** The example being produced (some name the field they are about). */
  example: unknown;
  send: (request: VendorRequest) => Promise<HttpResponse>;
  /** Send the very same bytes twice (a replayed signature); the second answer. */
  replay: (request: VendorRequest) => Promise<HttpResponse>;
  lock: (userId: string) => Promise<void>;
}
type Producer = (context: ProducerContext) => Promise<HttpResponse>;

const ADA = 'usr_ada';
const JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';
const LERIAN_OPERATOR = '019c96a0-0000-7000-8000-0000000000ad';
const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';

const inScenario =
  (scenario: string): Producer =>
  ({ base, send }) =>
    send({ ...base, scenario });
const withBody =
  (change: (body: Record<string, unknown>) => Record<string, unknown>): Producer =>
  ({ base, send }) =>
    send({ ...base, body: change({ ...(base.body as Record<string, unknown>) }) });
const lockedCaller =
  (userId: string): Producer =>
  async ({ base, send, lock }) => {
    await lock(userId);
    return send(base);
  };
/** Ada asks for a magic link, is locked, and the link is activated. */
const lockedLinkOwner: Producer = async ({ base, send, lock }) => {
  const sent = await send({ ...base, method: 'POST', path: '/mfa/magic-link/send', body: {}, credentials: { kind: 'bearer', token: 'flashback-token-ada' } });
  expect(sent.status, sent.text).toBe(200);
  await lock(ADA);
  return send({ ...base, body: { token: await lastMagicLinkToken(base.session) } });
};
const withoutField = (field: string): Producer => withBody(({ [field]: _dropped, ...rest }) => rest);

/** Producers by example name, for every operation that declares it (an operation-specific one wins). */
const PRODUCERS: Partial<Record<SurfaceId, Record<string, Producer | Record<string, Producer>>>> = {
  flashback: {
    unauthorized: ({ base, send }) => send({ ...base, credentials: { kind: 'none' } }),
    invalidMfaType: withBody((body) => ({ ...body, mfaType: 'SMS' })),
    emailRequired: withBody(() => ({ mfaType: 'MAGIC_LINK' })),
    setupVerificationFailed: withBody(() => ({ mfaType: 'GOOGLE_AUTH', code: '000000' })),
    methodNotConfigured: withBody(() => ({ mfaType: 'GOOGLE_AUTH' })),
    methodNotEnabled: withBody(() => ({ mfaType: 'PASSKEY' })),
    enforcedByOrganization: inScenario('org-enforced'),
    // On the public activate, the lock of the user the link was sent to.
    accountLocked: (context) => (context.base.path.endsWith('/mfa/magic-link/activate') ? lockedLinkOwner(context) : lockedCaller(ADA)(context)),
    resetUserIdInvalid: withBody(() => ({ resetUserId: 42 })),
    enableInvalid: withBody(() => ({ enable: 'yes' })),
    resetForbidden: ({ base, send }) => send({ ...base, credentials: { kind: 'bearer', token: 'flashback-token-bob' }, body: { resetUserId: ADA } }),
    userNotFound: {
      resetMFA: withBody(() => ({ resetUserId: 'usr_nobody' })),
      sendMagicLink: inScenario('missing-user'),
    },
    noOrganization: ({ base, send }) => send({ ...base, scenario: 'no-organization', credentials: { kind: 'bearer', token: 'flashback-token-cy' } }),
    enforcedRequired: withBody(() => ({ enforced: 'yes' })),
    enforceForbidden: ({ base, send }) => send({ ...base, credentials: { kind: 'bearer', token: 'flashback-token-bob' } }),
    invalidOrExpiredToken: withBody(() => ({ token: 'no-such-magic-link-token' })),
    tokenRequired: withBody(() => ({})),
    // Dee (deactivated) asks for a link, then follows it.
    userNotFoundOrInactive: async ({ base, send }) => {
      const dee = { ...base, scenario: 'inactive-user', credentials: { kind: 'bearer', token: 'flashback-token-dee' } } as const;
      const sent = await send({ ...dee, method: 'POST', path: '/mfa/magic-link/send', body: {} });
      expect(sent.status, sent.text).toBe(200);
      return send({ ...dee, body: { token: await lastMagicLinkToken(base.session) } });
    },
    passkeyRegistrationFailed: withBody((body) => ({ ...body, challenge: 'bm90LWlzc3VlZA' })),
    credentialRequired: withoutField('credential'),
    mfaVerificationFailed: withBody(() => ({ mfaType: 'GOOGLE_AUTH', code: '000000' })),
  },
  lerian: {
    Error0001: withoutField('mfaType'),
    Error0003: ({ base, send }) => send({ ...base, path: base.path.replace(JOHN, 'not-a-uuid') }),
    Error0007: ({ base, send }) => send({ ...base, body: undefined, rawBody: '{"mfaType":' }),
    // No setup was started for the method.
    Error1011: withBody((body) => ({ ...body, mfaType: 'sms' })),
    // Set up and verified with a real authenticator code, then enabled with a recovery code that was never issued.
    Error1012: async ({ base, send }) => {
      const setup = await send({ ...base, path: mfaPath(base, 'setup'), body: { mfaType: 'app' } });
      const secret = setup.data.secret as string;
      const verified = await send({ ...base, path: mfaPath(base, 'verify'), body: { mfaType: 'app', secret, passcode: authenticatorCode(secret) } });
      expect(verified.status, verified.text).toBe(200);
      return send({ ...base, body: { mfaType: 'app', secret, recoveryCode: 'never-issued' } });
    },
    // Set up but never verified.
    Error1013: async ({ base, send }) => {
      await send({ ...base, path: mfaPath(base, 'setup'), body: { mfaType: 'email' } });
      return send({ ...base, body: { mfaType: 'email', recoveryCode: 'p7q8r9s0t1' } });
    },
    Error1014: withBody(() => ({ mfaType: 'sms' })),
    // The operator, who has no phone, sets up SMS.
    Error1016: ({ base, send }) => send({ ...base, path: base.path.replace(JOHN, LERIAN_OPERATOR), body: { mfaType: 'sms' } }),
    Error0008: ({ base, send }) => send({ ...base, credentials: { kind: 'none' } }),
    Error1003: inScenario('missing-user'),
    Error1015: lockedCaller(JOHN),
  },
  genauth: {
    // The example names the missing field: 'Invalid argument: <field> is a required field'.
    invalidArgument: ({ base, send, example }) => {
      const field = /Invalid argument: (\w+) is a required field/.exec((example as { message: string }).message)![1]!;
      if (base.method !== 'GET') return withoutField(field)({ base, send } as ProducerContext);
      const { [field]: _dropped, ...query } = base.query ?? {};
      return send({ ...base, query });
    },
    invalidSignature: ({ base, send }) => send({ ...base, credentials: { ...GENAUTH_CREDENTIALS, secret: 'not-the-secret' } }),
    missingDate: ({ base, send }) => send({ ...base, headers: { date: '' } }),
    userNotFound: ({ base, send }) => send(withUserId(base, 'no-such-user')),
    userLocked: lockedCaller(GENAUTH_USER),
    throttled: inScenario('rate-limited'),
    signatureMethodMismatch: ({ base, send }) => send({ ...base, headers: { 'x-genauth-signature-method': 'HMAC-SHA256' } }),
    signatureVersionMismatch: ({ base, send }) => send({ ...base, headers: { 'x-genauth-signature-version': '2.0' } }),
    badTimestamp: ({ base, send }) => send({ ...base, headers: { date: 'yesterday' } }),
    timestampSkew: ({ base, send }) => send({ ...base, headers: { date: new Date(Date.now() - 3_600_000).toUTCString() } }),
    signatureReplayed: ({ base, replay }) => replay(base),
    // A body over the sandbox's limit (1 MiB by default), as the vendor answers one over its own.
    payloadTooLarge: withBody((body) => ({ ...body, padding: 'x'.repeat(1024 * 1024) })),
    appNotFound: ({ base, send }) =>
      send(
        base.method === 'GET'
          ? { ...base, query: { ...base.query, appId: 'no-such-app' } }
          : { ...base, body: { ...(base.body as object), appId: 'no-such-app' } },
      ),
  },
};

/**
 * Examples the vendor documents that no request to the sandbox produces, each with the reason; QA reaches them with
 * `Prefer: example=<name>` (checked here) or a scenario override.
 */
const SCRIPTED_ONLY: Record<string, string> = {
  'lerian getMfaStatus Error0007': 'Lerian lists IDE-0007 for GET /mfa, which has no body; what malformed syntax means for a bodiless GET is not documented',
  // A body over the limit gets it where the operation takes a body (PRODUCERS); a GET takes none, and the sandbox's
  // 413 fault answers a body there, as on every surface.
  ...Object.fromEntries(
    ['getUserMfaStatus', 'getUserMfaInfo', 'getMfaTriggerData', 'getGlobalMfaSettings'].map((operationId) => [
      `genauth ${operationId} payloadTooLarge`,
      "an operation that takes no body: a body over the limit there is the sandbox's fault",
    ]),
  ),
  // GenAuth's error classes the docs name without saying which request meets them (`* `: on every operation).
  ...Object.fromEntries(
    [
      'paymentNeeded',
      'conflict',
      'invalidOperation',
      'clientError',
      'unsupportedOperation',
      'badGateway',
      'serviceUnavailable',
      'endpointRequestFailed',
      'endpointResponseError',
      'customCodeError',
    ].map((name) => [`genauth * ${name}`, 'a failure of the vendor service, its billing or third parties that no request to the sandbox can cause']),
  ),
};

const GENAUTH_CREDENTIALS = { kind: 'access-key' as const, id: GENAUTH_ACCESS_KEY.id, secret: GENAUTH_ACCESS_KEY.secret };
const CREDENTIALS = {
  flashback: { kind: 'bearer', token: 'flashback-token-ada' },
  lerian: { kind: 'bearer', token: 'lerian-token-operator' },
  genauth: GENAUTH_CREDENTIALS,
} as const;

/** GenAuth stamps every answer with a requestId of its own: compared with the example's in its place. */
function withExampleRequestId(surface: SurfaceId, data: any, example: unknown): unknown {
  return surface === 'genauth' && data?.requestId ? { ...data, requestId: (example as { requestId?: string }).requestId } : data;
}

const mfaPath = (request: VendorRequest, step: string) => request.path.replace(/\/mfa(\/[a-z]+)?$/, `/mfa/${step}`);

let sandbox: TestSandbox;

async function lastMagicLinkToken(session: string): Promise<string> {
  const outbox = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json<Array<{ token?: string }>>();
  const token = outbox.findLast((message) => message.token)?.token;
  if (!token) throw new Error(`no magic link in the outbox of ${session}`);
  return token;
}

function withUserId(request: VendorRequest, userId: string): VendorRequest {
  return request.method === 'GET' ? { ...request, query: { ...request.query, userId } } : { ...request, body: { ...(request.body as object), userId } };
}

interface ErrorExample {
  route: RouteDefinition;
  status: number;
  name: string;
  value: unknown;
}

/** The named examples of every error answer (GenAuth: every HTTP 200 envelope that is not a success). */
function errorExamples(surface: SurfaceId, api: OpenApiDocument): ErrorExample[] {
  return toRouteDefinitions(api).flatMap((route) =>
    [...route.responses].flatMap(([status, response]) =>
      [...response.examples]
        .filter(([, value]) => (surface === 'genauth' ? (value as { statusCode?: number }).statusCode !== 200 : status >= 400))
        .map(([name, value]) => ({ route, status, name, value })),
    ),
  );
}

beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(() => sandbox?.close());

let sessionCounter = 0;
for (const surface of ['flashback', 'lerian', 'genauth'] as const) {
  describe(`${surface}: every named error example is what the mock sends`, () => {
    it('for each example, the request that produces it gets exactly the example', async () => {
      const api = sandbox.specs.get(surface)!.api;
      const send = injectTransport(sandbox.app, `/${surface}`);
      const mismatches: string[] = [];
      const examples = errorExamples(surface, api);
      for (const example of examples) {
        const { route, status, name } = example;
        const session = `error-examples-${surface}-${++sessionCounter}`;
        const spec = toSpecRequest(api, route);
        const base: VendorRequest = {
          surface,
          method: spec.method,
          path: spec.path,
          query: spec.query,
          body: spec.body,
          credentials: CREDENTIALS[surface],
          session,
        };
        const scriptedOnly = SCRIPTED_ONLY[`${surface} ${route.operationId} ${name}`] ?? SCRIPTED_ONLY[`${surface} * ${name}`];
        if (scriptedOnly) {
          const scripted = await send(toHttpRequest({ ...base, headers: { prefer: `code=${status}, example=${name}` } }));
          if (JSON.stringify(withExampleRequestId(surface, scripted.data, example.value)) !== JSON.stringify(example.value))
            mismatches.push(`${route.operationId} ${name}: Prefer: example=${name} answers ${scripted.text}`);
          continue;
        }
        const byName = PRODUCERS[surface]?.[name];
        const produce =
          typeof byName === 'function'
            ? byName
            : (byName?.[route.operationId] ?? (status === 500 || name === 'serverError' ? inScenario('server-error') : undefined));
        if (!produce) {
          mismatches.push(`${route.operationId} ${status} ${name}: no request known to produce it`);
          continue;
        }
        const context: ProducerContext = {
          base,
          example: example.value,
          send: (request) => send(toHttpRequest(request)),
          replay: async (request) => {
            const bytes = toHttpRequest(request);
            await send(bytes);
            return send(bytes);
          },
          lock: async (userId) => {
            const res = await sandbox.app.inject({
              method: 'PUT',
              url: `/__admin/sessions/${session}/users/${userId}/lock`,
              payload: { locked: true, surface },
            });
            expect(res.statusCode, res.body).toBe(200);
          },
        };
        const answer = await produce(context);
        const body = withExampleRequestId(surface, answer.data, example.value);
        if (answer.status !== status || JSON.stringify(body) !== JSON.stringify(example.value)) {
          mismatches.push(
            `${route.operationId} ${status} ${name}: got ${answer.status} ${answer.text.slice(0, 300)}\n      expected ${JSON.stringify(example.value)}`,
          );
        }
      }
      console.log(`${surface}: ${examples.length} named error examples checked`);
      expect(mismatches, mismatches.join('\n')).toEqual([]);
    });
  });
}
