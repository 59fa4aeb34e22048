import { expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { createMfaHandlers } from '../../src/msw/create-mfa-handlers.js';

/**
 * Closing a sandbox while an answer waits out an injected delay (a test that timed out left it in flight): the answer
 * goes out at once and `close()` returns, instead of holding the `afterAll` hook for the whole delay.
 */
const ADA = { authorization: 'Bearer flashback-token-ada' };

/** Send a request whose answer the sandbox holds for `prefer`'s latency; resolves once the sandbox has it (journalled). */
async function sendDelayed(sandbox: RunningSandbox, session: string, prefer: string): Promise<{ answer: Promise<Response> }> {
  const qa = sandbox.session(session);
  const answer = fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...ADA, ...qa.headers, prefer } });
  const deadline = performance.now() + 5_000;
  while (qa.journal().length === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(qa.journal()).toHaveLength(1);
  return { answer };
}

it('close() with a latency=20000 answer in flight sends that answer at once and returns a moment later', async () => {
  const sandbox = await createSandbox();
  const { answer } = await sendDelayed(sandbox, 'close-delayed', 'latency=20000');
  const started = performance.now();
  await sandbox.close();
  const response = await answer;
  // About 200 ms: the window the connection is kept for a next request after that answer (server/close-promptly.ts),
  // not Node's own 1 s past its last answer.
  expect(performance.now() - started).toBeLessThan(800);
  // The answer the request was scripted to get, not a network error.
  expect(response.status).toBe(200);
  expect(response.headers.get('x-mock-latency-ms')).toBe('20000');
  expect(await response.json()).toMatchObject({ success: true });
});

it("close() cuts a scenario override's latency short too, with every answer in flight", async () => {
  const sandbox = await createSandbox();
  const qa = sandbox.session('close-override');
  qa.addOverride({ surface: 'flashback', operationId: 'getMFAStatus', latencyMs: 30_000 });
  const answers = [0, 1, 2].map(() => fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...ADA, ...qa.headers } }));
  const deadline = performance.now() + 5_000;
  while (qa.journal().length < 3 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  const started = performance.now();
  await sandbox.close();
  expect((await Promise.all(answers)).map((response) => response.status)).toEqual([200, 200, 200]);
  expect(performance.now() - started).toBeLessThan(3_000);
});

it('mfa.close() of the MSW handlers cuts an injected delay short too: the answer comes at once, no timer holds the process', async () => {
  const mfa = createMfaHandlers();
  const interceptor = setupServer(...mfa.handlers);
  interceptor.listen({ onUnhandledRequest: 'error' });
  try {
    const qa = mfa.session('msw-close-delayed');
    const answer = fetch('http://localhost:4010/flashback/mfa/status', { headers: { ...ADA, ...qa.headers, prefer: 'latency=20000' } });
    const deadline = performance.now() + 5_000;
    while (qa.journal().length === 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(qa.journal()).toHaveLength(1);
    const started = performance.now();
    mfa.close();
    const response = await answer;
    expect(performance.now() - started).toBeLessThan(800);
    expect([response.status, response.headers.get('x-mock-latency-ms')]).toEqual([200, '20000']);
  } finally {
    interceptor.close();
  }
});
