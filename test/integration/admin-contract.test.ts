import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dereference, validate } from '@readme/openapi-parser';
import { parse } from 'yaml';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { createOperationValidators } from '../../src/openapi/schema-validators.js';
import { toRouteDefinitions, type RouteDefinition } from '../../src/openapi/to-route-definitions.js';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/** Every admin route answers what specs/sandbox/admin.openapi.yaml (served at /__admin/openapi.yaml) promises. */
let sandbox: TestSandbox;
let routes: RouteDefinition[];

beforeAll(async () => {
  sandbox = await createTestSandbox();
  const source = (await sandbox.app.inject({ url: '/__admin/openapi.yaml' })).body;
  const document = parse(source) as OpenApiDocument;
  expect((await validate(structuredClone(document) as never)).valid).toBe(true);
  routes = toRouteDefinitions((await dereference(structuredClone(document) as never)) as OpenApiDocument);
});
afterAll(() => sandbox.close());

async function checked(method: string, url: string, operationId: string, payload?: object) {
  const response = await sandbox.app.inject({ method: method as 'GET', url: `/__admin${url}`, ...(payload ? { payload } : {}) });
  const route = routes.find((candidate) => candidate.operationId === operationId)!;
  expect(route, operationId).toBeDefined();
  expect(route.responses.has(response.statusCode), `${operationId} ${response.statusCode} declared`).toBe(true);
  if (response.headers['content-type']?.toString().startsWith('application/json')) {
    expect(createOperationValidators(route).validateResponse(response.statusCode, response.json()), `${operationId}: ${response.body}`).toEqual([]);
  }
  if (response.headers['x-mock-fault']) expect(response.headers['content-type']).toContain('application/problem+json');
  return response;
}

describe('admin API contract', () => {
  it('every route answers within its spec, faults included', async () => {
    const session = 'admin-contract';
    await sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', session, scenario: 'mfa-enabled', headers: { authorization: 'Bearer flashback-token-ada' } });
    // A TOTP setup started and not verified: listed as pending, without a factor id.
    await sandbox.request({ method: 'POST', url: '/flashback/mfa/setup', session, headers: { authorization: 'Bearer flashback-token-ada' }, payload: { mfaType: 'GOOGLE_AUTH' } });
    await checked('GET', '/health', 'getHealth');
    await checked('GET', '/surfaces', 'listSurfaces');
    await checked('GET', '/scenarios', 'listScenarios');
    await checked('GET', '/sessions', 'listSessions');
    await checked('GET', `/sessions/${session}`, 'getSession');
    await checked('GET', `/sessions/${session}/journal?limit=5`, 'getJournal');
    const outbox = await checked('GET', `/sessions/${session}/outbox`, 'getOutbox');
    const totp = await checked('GET', `/sessions/${session}/totp-codes`, 'getTotpCodes');
    expect(totp.json().map((entry: { scenario: string; status: string }) => `${entry.scenario}:${entry.status}`)).toEqual(['default:pending', 'mfa-enabled:enrolled']);
    const token = outbox.json()[0].token;
    await checked('POST', `/sessions/${session}/magic-links/${token}/expire`, 'expireMagicLink');
    expect((await checked('GET', `/sessions/${session}/magic-links/${token}`, 'followMagicLink')).statusCode).toBe(400);
    await checked('PUT', `/sessions/${session}/scenario`, 'setSessionScenario', { scenario: 'default' });
    await checked('PUT', `/sessions/${session}/scenario`, 'setSessionScenario', { scenario: 'nope' });
    await checked('GET', '/sessions/never-used-before', 'getSession');
    await checked('GET', '/sessions/never-used-before/totp-codes', 'getTotpCodes');
    await checked('GET', '/sessions/bad%20id', 'getSession');
    await checked('DELETE', `/sessions/${session}`, 'resetSession');
    await checked('POST', '/reset', 'resetAllSessions');
  });
});
