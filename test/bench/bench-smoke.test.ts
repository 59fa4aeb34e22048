import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * `npm run bench` must not rot: run it in its quick mode (1 round, 1 s per target, 1 cold start each, 1,000 sessions)
 * with the sandbox from source, so no build is needed, and check that every part ran and every response was a
 * success. The figures themselves are not asserted: a 1-second run on a shared machine says nothing about speed.
 */
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

describe('npm run bench --quick', () => {
  it('drives every target, measures cold start and memory, and prints the tables with a verdict per goal', async () => {
    const { stdout, stderr } = await promisify(execFile)(TSX, ['bench/run-bench.ts', '--quick', '--from-source'], {
      cwd: process.cwd(),
      timeout: 110_000,
      maxBuffer: 4 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    for (const target of ['baseline', 'prism', 'sandbox-status', 'sandbox-toggle', 'sandbox-genauth', 'postgres-status', 'postgres-toggle']) {
      expect(stderr).toMatch(new RegExp(`round 1/1 ${target} +\\d+ req/s .* failures 0`));
    }
    for (const heading of ['### Throughput', '### PostgreSQL state store vs memory store', '### Cold start', '### Memory', '### Targets'])
      expect(stdout).toContain(heading);
    // Every throughput row: requests were made and none failed (a fast error is not a win).
    const rows = stdout.split('\n').filter((line) => /^\| (plain Fastify|Prism mock|mfa-sandbox)/.test(line) && line.includes('200×'));
    expect(rows).toHaveLength(7);
    expect(stdout).toMatch(/\| GET status \| \d+ \| \d+ \| \d+\.\d\d \|/);
    expect(stdout).toMatch(/\| write: disable\/enable toggle \| \d+ \| \d+ \| \d+\.\d\d \|/);
    for (const row of rows) expect(row).toMatch(/\| 0 \(200×\d+\) \|/);
    expect(stdout).toMatch(/\| mfa-sandbox serve \(source via tsx, 4 surfaces\) \| \d+ \|/);
    expect(stdout).toMatch(/\| 1000 idle sessions \(mfa-enabled, TOTP enrolled\) \| 1000 \|/);
    expect(stdout).toMatch(/\| 1000 more sessions, after 1 s TTL expiry \| 0 \|/);
    const verdicts = stdout
      .split('### Targets')[1]!
      .split('\n')
      .filter((line) => /\| (PASS|FAIL) \|$/.test(line));
    expect(verdicts).toHaveLength(7);
    expect(stdout).toMatch(/\| every response a success .* \| none failed \| PASS \|/);
  }, 120_000);
});
