import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRouteDefinitions } from '../../src/openapi/to-route-definitions.js';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import { GENAUTH_ACCESS_KEY } from '../harness/genauth-signer.js';
import { toSpecRequest } from '../harness/spec-requests.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';
import { injectTransport, toHttpRequest, type Credentials, type HttpResponse, type VendorRequest } from '../harness/vendor-request.js';

/**
 * Scripted answers never hide a broken client: under a scripted scenario (server-error, rate-limited ...) or
 * `Prefer: code=/example=`, a request without valid credentials still gets the vendor's own auth failure, exactly
 * as in the default scenario; only a script that is itself that auth failure answers without them.
 */
const CREDENTIALS: Record<SurfaceId, Credentials> = {
  flashback: { kind: 'bearer', token: 'flashback-token-ada' },
  'nest-auth': { kind: 'bearer', token: 'nest-auth-token-ada' },
  lerian: { kind: 'bearer', token: 'lerian-token-operator' },
  genauth: { kind: 'access-key', id: GENAUTH_ACCESS_KEY.id, secret: GENAUTH_ACCESS_KEY.secret },
};
/** Credentials that are there but wrong: an unknown bearer, or a signature made with the wrong secret. */
const WRONG: Record<SurfaceId, Credentials> = {
  flashback: { kind: 'bearer', token: 'not-a-token' },
  'nest-auth': { kind: 'bearer', token: 'not-a-token' },
  lerian: { kind: 'bearer', token: 'not-a-token' },
  genauth: { kind: 'access-key', id: GENAUTH_ACCESS_KEY.id, secret: 'not-the-secret' },
};
/** Each surface's scripted scenarios, and how its answer to a missing credential looks when scripted on purpose. */
const SCRIPTED: Record<SurfaceId, { scenarios: string[]; authFailure: string }> = {
  flashback: { scenarios: ['server-error'], authFailure: 'code=401' },
  'nest-auth': { scenarios: ['server-error'], authFailure: 'code=401' },
  lerian: { scenarios: ['server-error'], authFailure: 'code=401' },
  genauth: { scenarios: ['server-error', 'rate-limited'], authFailure: 'example=invalidSignature' },
};

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(() => sandbox?.close());

/** The answer with the per-request requestId (GenAuth) taken out, so two answers can be compared. */
const comparable = (response: HttpResponse) => ({ status: response.status, body: { ...response.data, requestId: undefined } });

let counter = 0;
for (const surface of Object.keys(CREDENTIALS) as SurfaceId[]) {
  describe(`${surface}: scripted answers check the request's credentials first`, () => {
    it('every secured operation: no or wrong credentials get the vendor auth failure under every script; right ones get the script', async () => {
      const api = sandbox.specs.get(surface)!.api;
      const send = injectTransport(sandbox.app, `/${surface}`);
      const secured = toRouteDefinitions(api).filter((route) => route.secured);
      expect(secured.length).toBeGreaterThan(0); // so the loop below checks something
      for (const route of secured) {
        const spec = toSpecRequest(api, route);
        // What asks for the operation's documented 500: a status where HTTP carries it, GenAuth's envelope by name.
        const prefer500 = route.responses.has(500) ? 'code=500' : 'example=serverError';
        const request = (credentials: Credentials, extra: Partial<VendorRequest> = {}): Promise<HttpResponse> =>
          send(toHttpRequest({ surface, ...spec, credentials, session: `scripted-auth-${++counter}`, ...extra }));
        for (const credentials of [{ kind: 'none' } as const, WRONG[surface]]) {
          const unscripted = comparable(await request(credentials));
          const label = `${route.operationId} with ${credentials.kind === 'none' ? 'no' : 'wrong'} credentials`;
          for (const scenario of SCRIPTED[surface].scenarios) {
            expect(comparable(await request(credentials, { scenario })), `${label} in ${scenario}`).toEqual(unscripted);
          }
          expect(comparable(await request(credentials, { headers: { prefer: prefer500 } })), `${label}, Prefer: ${prefer500}`).toEqual(unscripted);
        }
        // With the right credentials the script answers (the 500 each scenario scripts, or what Prefer asked for).
        const scripted = await request(CREDENTIALS[surface], { scenario: 'server-error' });
        expect(surface === 'genauth' ? scripted.data.statusCode : scripted.status, `${route.operationId} in server-error`).toBe(500);
        const preferred = await request(CREDENTIALS[surface], { headers: { prefer: prefer500 } });
        expect(surface === 'genauth' ? preferred.data.statusCode : preferred.status, `${route.operationId}, Prefer: ${prefer500}`).toBe(500);
        // A script of the auth failure itself answers without credentials.
        const own = await request({ kind: 'none' }, { headers: { prefer: SCRIPTED[surface].authFailure } });
        expect(surface === 'genauth' ? own.data.statusCode : own.status, `${route.operationId}, Prefer: ${SCRIPTED[surface].authFailure}`).toBe(401);
      }
    });
  });
}
