import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * Issue 18, item 3: generation costs nothing until it is asked for. json-schema-faker is loaded by the first
 * `Prefer: dynamic=true` request, never at start-up or by an ordinary request (a static import anywhere in the
 * server's graph would load it when the app is built, and fail this test).
 */
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('json-schema-faker', async (importOriginal) => {
  loads.count++;
  return importOriginal();
});

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ validateResponses: true });
});
afterAll(async () => {
  await sandbox.close();
});

it('loads json-schema-faker on the first dynamic request only', async () => {
  const headers = { authorization: 'Bearer flashback-token-ada' };
  expect((await sandbox.request({ url: '/flashback/mfa/status', headers })).statusCode).toBe(200);
  expect((await sandbox.request({ url: '/flashback/mfa/status', headers: { ...headers, prefer: 'code=500' } })).statusCode).toBe(500);
  expect(loads.count).toBe(0);
  const dynamic = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...headers, prefer: 'dynamic=true, seed=1' } });
  expect([dynamic.statusCode, dynamic.headers['x-mock-dynamic']]).toEqual([200, 'generated']);
  expect(loads.count).toBe(1);
});
