import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, startChildServer } from '../harness/child-server.js';

/** `npm run prism -- <surface>`: Prism serving one surface statelessly from the same spec, for comparison. */

const SCRIPT = join(process.cwd(), 'scripts/prism.ts');
const JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';

describe('npm run prism', () => {
  it('serves a surface from its spec with Prism: documented examples, security enforced, no state kept', async () => {
    // As long a wait as startPrism's: Prism reads and resolves the spec before it listens (19 s at a load of 5 here).
    const prism = await startChildServer(BIN('tsx'), [SCRIPT, 'lerian', '--port', '0'], { ready: /Prism is listening on (http:\/\/\S+)/, timeoutMs: 90_000 });
    try {
      const auth = { authorization: 'Bearer any-token-prism-does-not-check-tokens' };
      const status = await fetch(`${prism.url}/v1/users/${JOHN}/mfa`, { headers: auth });
      expect(status.status).toBe(200);
      const before = await status.json();
      expect(before).toHaveProperty('enabled');
      // Enrolling changes nothing: Prism answers from examples, where the sandbox would keep the session's state.
      const setup = await fetch(`${prism.url}/v1/users/${JOHN}/mfa/setup`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ mfaType: 'app' }),
      });
      expect(setup.status).toBe(200);
      expect(await (await fetch(`${prism.url}/v1/users/${JOHN}/mfa`, { headers: auth })).json()).toEqual(before);
      // The spec's bearer scheme is enforced, and requests the spec forbids are refused (--errors).
      expect((await fetch(`${prism.url}/v1/users/${JOHN}/mfa`)).status).toBe(401);
      const invalid = await fetch(`${prism.url}/v1/users/${JOHN}/mfa/setup`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ mfaType: 42 }),
      });
      expect(invalid.status).toBeGreaterThanOrEqual(400);
      expect(invalid.status).toBeLessThan(500);
    } finally {
      await prism.stop();
    }
    // Stopping the script stopped Prism with it: nothing listens any more.
    await expect(fetch(`${prism.url}/v1/users/${JOHN}/mfa`)).rejects.toThrow();
  });

  it('names the surfaces when given an unknown one, and exits 2', () => {
    const result = spawnSync(BIN('tsx'), [SCRIPT, 'okta'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown surface "okta"');
    expect(result.stderr).toContain('flashback, nest-auth, lerian, genauth');
  });
});
