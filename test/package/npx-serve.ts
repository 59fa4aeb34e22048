import { expect } from 'vitest';
import { startProcessGroup, waitForOutput } from '../harness/process-group.js';

/**
 * `npx mfa-sandbox serve` in `cwd` on a random port: it must answer a vendor request, then stop with its whole tree
 * when its process group is signalled (npx, like npm, forwards a signal to its child only, so a terminal's Ctrl-C is
 * the way to stop it).
 */
export async function expectNpxServeAnswers(cwd: string, env: Record<string, string> = {}): Promise<void> {
  const npx = startProcessGroup('npx', ['mfa-sandbox', 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'], { cwd, env });
  try {
    const [, url] = await waitForOutput(npx, /listening: .* at (http:\/\/[^/\s]+)/);
    const response = await fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      success: true,
      data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [], sessionVerified: true },
    });
    process.kill(-npx.pid, 'SIGINT');
    expect(await npx.waitUntilGone(5_000), npx.output()).toBe(true);
  } finally {
    npx.kill();
  }
}
