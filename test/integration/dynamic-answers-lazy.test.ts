import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * Issue 18, item 3: generation costs nothing until it is asked for. json-schema-faker generates a body only for a
 * `Prefer: dynamic=true` request, never for an ordinary or a scripted one. (The module itself is imported with the
 * engine, since a scenario's generated users need it synchronously; what that costs at start is the bench's cold-start
 * target.)
 */
const calls = vi.hoisted(() => ({ count: 0 }));
vi.mock('json-schema-faker', async (importOriginal) => {
  const original = await importOriginal<typeof import('json-schema-faker')>();
  return {
    ...original,
    generateSync: (...args: Parameters<typeof original.generateSync>) => {
      calls.count++;
      return original.generateSync(...args);
    },
  };
});

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await createTestSandbox({ validateResponses: true });
});
afterAll(async () => {
  await sandbox.close();
});

it('generates with json-schema-faker for a dynamic request only', async () => {
  const headers = { authorization: 'Bearer flashback-token-ada' };
  expect((await sandbox.request({ url: '/flashback/mfa/status', headers })).statusCode).toBe(200);
  expect((await sandbox.request({ url: '/flashback/mfa/status', headers: { ...headers, prefer: 'code=500' } })).statusCode).toBe(500);
  expect(calls.count).toBe(0);
  const dynamic = await sandbox.request({ url: '/flashback/mfa/status', headers: { ...headers, prefer: 'dynamic=true, seed=1' } });
  expect([dynamic.statusCode, dynamic.headers['x-mock-dynamic']]).toEqual([200, 'generated']);
  expect(calls.count).toBeGreaterThan(0);
});
