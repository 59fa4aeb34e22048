import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, cp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The CLI as a user runs it: a separate process, through tsx, reading only argv and the environment. */
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const MAIN = join(process.cwd(), 'src/main.ts');

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(TSX, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 30_000 });
}

describe('mfa-sandbox CLI', () => {
  it('check validates every spec and scenario and exits 0', () => {
    const result = run(['check']);
    expect(result.status).toBe(0);
    for (const surface of ['flashback', 'nest-auth', 'lerian', 'genauth']) expect(result.stdout).toMatch(new RegExp(`ok  ${surface}: .*operations\\), \\d+ scenarios`));
  });

  it('check exits 1 naming the file and JSON pointer of a broken scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await cp(join(process.cwd(), 'scenarios'), dir, { recursive: true });
    await writeFile(join(dir, 'lerian', 'broken.yaml'), 'description: x\noverrides:\n  - { operationId: getMfaStatus, status: 302 }\n');
    const result = run(['check', '--scenarios', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(dir, 'lerian', 'broken.yaml')}#/overrides/0/status: getMfaStatus declares no 302 response`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('scenarios lists each surface with its scenarios', () => {
    const result = run(['scenarios']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^lerian$/m);
    expect(result.stdout).toMatch(/^ {2}missing-user +User 019c96a0/m);
  });

  it('rejects unknown commands, flags and surfaces with usage and exit 2 or 1', () => {
    expect(run(['launch']).status).toBe(2);
    expect(run(['serve', '--colour']).status).toBe(2);
    const badSurface = run(['serve', '--surface', 'okta']);
    expect(badSurface.status).toBe(1);
    expect(badSurface.stderr).toContain('unknown surface "okta"');
    expect(run(['serve'], { PORT: 'eighty' }).stderr).toContain('port must be an integer');
  });

  it('serve listens on the given port, answers, and stops on SIGTERM', async () => {
    const child = spawn(TSX, [MAIN, 'serve', '--port', '0', '--log-level', 'warn'], { env: { ...process.env, NO_COLOR: '1' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = out.match(/listening: .* at (http:\/\/[^/\s]+)/);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 20_000);
      });
      const health = await fetch(`${url}/__admin/health`);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const status = await fetch(`${url}/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa`, { headers: { authorization: 'Bearer lerian-token-johndoe' } });
      expect(status.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
    expect(code).toBe(0);
  });
});
