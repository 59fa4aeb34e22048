import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run bench` must not rot: run it in its quick mode (1 round, 1 s per target, a plain Fastify limit per operation
 * class, 1 s per target at the fixed rate of 5,000 req/s, 1 cold start each, 1,000 sessions; scaling at 10 and 100 live
 * sessions and with 20 extra scenarios per surface) with the sandbox from source, so no build is needed, and check that
 * every part ran (the cost of a dynamic answer included), every response was a success and no pre-signed GenAuth pool ran dry. The figures themselves are not
 * asserted: a 1-second run on a shared machine says nothing about speed. The scaling chart goes to a temp directory,
 * never over the committed bench/results/scaling.svg.
 */
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const chartDir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rm(chartDir, { recursive: true, force: true }));

/** The lines of one `### heading` section, up to the next heading. */
function section(stdout: string, heading: string): string {
  const after = stdout.split(`${heading}`)[1];
  expect(after, `section ${heading}`).toBeDefined();
  return after!.split('\n### ')[0]!;
}

/** WireMock runs when this machine has a working Java on PATH (asked here directly, not through the bench's lookup). */
const HAS_JAVA = spawnSync('java', ['-version']).status === 0;
/** A goal's verdict: PASS, FAIL, or FAIL naming the yardstick that missed it too in the same run. */
const VERDICT = '(?:PASS|FAIL|FAIL, out of reach here \\([^|]*\\))';
const VERDICT_AT_END = new RegExp(`\\| ${VERDICT} \\|$`);

describe('npm run bench --quick', () => {
  it('drives every target, measures cold start and memory, and prints the tables with a verdict per goal', async () => {
    const chart = join(chartDir, 'scaling.svg');
    const { stdout, stderr } = await promisify(execFile)(TSX, ['bench/run-bench.ts', '--quick', '--from-source', '--scaling-chart', chart], {
      cwd: process.cwd(),
      timeout: 170_000,
      maxBuffer: 4 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const targets = [
      'baseline',
      'baseline-toggle',
      'baseline-genauth',
      'checked-genauth', // the yardstick: plain Fastify that checks the signature (a wrong check would fail with 401s)
      'prism',
      'mockoon',
      'sandbox-status',
      'sandbox-toggle',
      'sandbox-genauth',
      'postgres-status',
      'postgres-toggle',
    ];
    if (HAS_JAVA) targets.push('wiremock');
    else expect(stderr).toMatch(/wiremock: skipped, no `java` on PATH/);
    for (const target of targets) {
      expect(stderr).toMatch(new RegExp(`round 1/1 ${target} +\\d+ req/s .* failures 0`));
    }
    const headings = [
      '### Summary',
      '### Throughput',
      '### Fixed rate: latency at 5,000 req/s',
      '### Peers: the same GET',
      '### PostgreSQL state store vs memory store',
      '### Cold start',
      '### Memory',
      '### Targets',
    ];
    for (const heading of headings) expect(stdout).toContain(heading);
    // Every throughput row: requests were made and none failed (a fast error is not a win).
    const rows = stdout.split('\n').filter((line) => /^\| (plain Fastify|Prism mock|Mockoon CLI|WireMock|mfa-sandbox)/.test(line) && line.includes('200×'));
    expect(rows).toHaveLength(targets.length);
    expect(stdout).toMatch(/\| GET status \| \d+ \| \d+ \| \d+\.\d\d \|/);
    expect(stdout).toMatch(/\| write: disable\/enable toggle \| \d+ \| \d+ \| \d+\.\d\d \|/);
    for (const row of rows) expect(row).toMatch(/\| 0 \(200×\d+\) \|.* \| \d+\.\d \|$/); // ends with the RSS under load
    // Before the failures: the server's CPU per request, then the kernel's part of it (never more than the whole).
    for (const row of rows) {
      const cpu = /\| (\d+\.\d) \| (\d+\.\d) \| 0 \(200×/.exec(row);
      expect(cpu, row).not.toBeNull();
      expect(Number(cpu![2])).toBeLessThanOrEqual(Number(cpu![1]));
    }
    // The peers table: req/s, ratios, p99, CPU, cold start and RSS for each peer, or WireMock's reason to be skipped.
    const peers = stdout.split('### Peers')[1]!.split('###')[0]!;
    const measuredPeer = (name: string) =>
      new RegExp(`\\| ${name}[^|]* \\| \\d+ \\| \\d+\\.\\d{3} \\| \\d+\\.\\d \\| \\d+\\.\\d \\| \\d+\\.\\d \\| \\d+ \\| \\d+\\.\\d \\|`);
    for (const name of ['mfa-sandbox', 'Prism', 'Mockoon CLI']) expect(peers).toMatch(measuredPeer(name));
    expect(peers).toMatch(HAS_JAVA ? measuredPeer('WireMock') : /\| WireMock[^|]* \| skipped: no `java` on PATH/);
    expect(stdout).toMatch(/\| mfa-sandbox serve \(source via tsx, 4 surfaces\) \| \d+ \|/);
    // The cold start's yardstick: plain Fastify bundled into one file answered (a bundle that failed would time out).
    expect(stdout).toMatch(/\| plain Fastify, one bundled file \(the yardstick\) \| \d+ \|/);
    expect(stdout).toMatch(/\| cold start to the first 200 ≤ 250 ms \(four surfaces\) \| \d+ ms \(plain Fastify: \d+ ms\) \| /);
    expect(stdout).toMatch(/\| 1000 idle sessions \(mfa-enabled, TOTP enrolled\) \| 1000 \|/);
    expect(stdout).toMatch(/\| 1000 more sessions, after 4 s TTL expiry \| 0 \|/);
    const verdicts = section(stdout, '### Targets')
      .split('\n')
      .filter((line) => VERDICT_AT_END.test(line));
    expect(verdicts).toHaveLength(HAS_JAVA ? 14 : 13);
    // Each operation class against its own plain Fastify limit, and at the fixed rate (figures present, verdict either way).
    for (const name of ['GET status', 'write: disable/enable toggle', 'GenAuth signed GET']) {
      expect(stdout).toContain(`| ${name} ≥ 0.85× plain Fastify (same request) |`);
      expect(stdout).toMatch(
        new RegExp(`\\| ${name} ≥ 0\\.85× plain Fastify \\(same request\\) \\| \\d+\\.\\d\\d× \\(per server CPU: \\d+\\.\\d\\d×\\) \\| ${VERDICT} \\|`),
      );
      expect(stdout).toMatch(
        new RegExp(
          `\\| ${name}: p99 ≤ 2 ms at 5,000 req/s \\| p99 \\d+\\.\\d\\d ms at \\d+ req/s achieved( \\(client late: wake p99 \\d+\\.\\d\\d ms; from its wake-up p99 \\d+\\.\\d\\d ms\\))? \\| ${VERDICT} \\|`,
        ),
      );
    }

    // Each round's line gives the server's CPU per request and the kernel's part of it.
    expect(stderr).toMatch(/round 1\/1 sandbox-status +\d+ req\/s {2}p99 \d+ ms {2}server CPU \d+\.\d \(kernel \d+\.\d\) µs\/req {2}failures 0/);
    // GenAuth requests came from pools signed ahead, and no pool ran dry (the load generator never signed mid-run).
    for (const target of ['baseline-genauth', 'sandbox-genauth']) {
      expect(stderr).toMatch(new RegExp(`round 1/1 ${target} .* failures 0  pool [1-9]\\d* signed ahead, 0 on the fly`));
      expect(stderr).toMatch(new RegExp(`fixed-rate round 1/1 ${target} .* failures 0  signed on the fly 0`));
    }
    expect(stdout).toMatch(
      /signed on the fly because a pool ran dry: baseline-genauth 0 \(pools of [1-9]\d*\), sandbox-genauth 0 \(pools of [1-9]\d*\), checked-genauth 0 \(pools of [1-9]\d*\)/,
    );

    // Fixed rate: per class, the limit and the sandbox with exact (two-decimal) latencies (from the due time, p99 from the
    // client's wake-up and from the write, the client's wake p99), at no more than the asked rate.
    const fixedRateRows = section(stdout, '### Fixed rate')
      .split('\n')
      .filter((line) => /^\| (GET status|write|GenAuth)/.test(line));
    expect(fixedRateRows).toHaveLength(6);
    for (const row of fixedRateRows) {
      const match =
        /\| (plain Fastify \(its limit\)|mfa-sandbox) \| 5000 \| (\d+) \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \| 0 \|$/.exec(
          row,
        );
      expect(match, row).not.toBeNull();
      const achieved = Number(match![2]);
      expect(achieved).toBeGreaterThan(0);
      expect(achieved).toBeLessThanOrEqual(5_500); // the rate cap held: this is a fixed-rate run, not a flat-out one
    }

    // Summary: every class's limit and sandbox rows carry req/s, ratio, both p99s, CPU and RSS.
    const summary = section(stdout, '### Summary');
    for (const name of ['GET status', 'write: disable/enable toggle', 'GenAuth signed GET']) {
      const figures = '\\| \\d+ \\| \\d+\\.\\d\\d \\| \\d+\\.\\d \\| \\d+\\.\\d\\d \\| \\d+\\.\\d \\|';
      expect(summary).toMatch(new RegExp(`\\| ${name} \\| plain Fastify \\(the limit\\) ${figures} – \\| \\d+\\.\\d \\|`));
      expect(summary).toMatch(new RegExp(`\\| ${name} \\| mfa-sandbox \\(source via tsx\\) ${figures} \\d+ \\| \\d+\\.\\d \\|`));
    }
    expect(summary).toMatch(/\| GET status \| Prism 5\.14\.2 mock -v warn \| \d+ \| \d+\.\d\d \| \d+\.\d \| – \|/);
    expect(stdout).toMatch(new RegExp(`\\| GET status ≥ 15× Prism \\| \\d+\\.\\d× .*\\| ${VERDICT} \\|`));
    expect(stdout).toMatch(new RegExp(`\\| GET status ≥ 50× Mockoon \\| \\d+\\.\\d× .*\\| ${VERDICT} \\|`));
    expect(stdout).toMatch(
      HAS_JAVA
        ? new RegExp(`\\| GET status ≥ 4× WireMock \\| \\d+\\.\\d× .*\\| ${VERDICT} \\|`)
        : /\| GET status ≥ 4× WireMock \| not measured: .*\| SKIPPED \|/,
    );
    expect(stdout).toMatch(/\| every response a success .* \| none failed \| PASS \|/);

    // Dynamic answers: each request's cost with and without Prefer: dynamic=true, and their ratio, in the same run.
    const dynamic = section(stdout, '### Dynamic answers');
    for (const label of ['Flashback GET /mfa/status', 'nest-auth GET /auth/mfa/devices'])
      expect(dynamic).toMatch(new RegExp(`\\| ${label} \\| \\d+\\.\\d \\| \\d+\\.\\d \\| \\d+\\.\\d\\d× \\|`));

    // Scaling: every configuration ran on a fresh server, with the sessions asked for, and nothing failed.
    for (const run of ['sessions-10', 'sessions-100', 'extra-scenarios']) {
      expect(stderr).toMatch(new RegExp(`scaling round 1/1 ${run} +\\d+ req/s .* failures 0  at 5000 req/s p99 \\d+\\.\\d\\d ms`));
    }
    const sessionRows = section(stdout, '### Scaling: live sessions')
      .split('\n')
      .filter((line) => /^\| \d/.test(line));
    expect(sessionRows.map((row) => row.split(' | ')[0])).toEqual(['| 10', '| 100']);
    // ... failures, then the load on 10 busy sessions among them: req/s, × fewest, server CPU µs/req
    // full-load p99 in whole ms, then the exact p99 at the fixed rate (from the write; the client's wake-up p99), then server CPU
    for (const row of sessionRows) expect(row).toMatch(/^\| [\d,]+ \| \d+ \| \d+\.\d\d \| \d+\.\d \| \d+\.\d\d \(\d+\.\d\d; \d+\.\d\d\) \| \d+\.\d \|/);
    for (const row of sessionRows) expect(row).toMatch(/\| \d+\.\d → \d+\.\d → \d+\.\d \|.*\| 0 of [1-9][\d,]* \| [1-9]\d* \| \d+\.\d\d \| \d+\.\d \|$/);
    const scenarioRows = section(stdout, '### Scaling: extra scenarios (10 live sessions)').split('\n');
    expect(scenarioRows.find((line) => line.startsWith('| shipped only |'))).toMatch(/\| \d+ \(\d+\) \| 0 of [1-9][\d,]* \|$/);
    expect(scenarioRows.find((line) => line.startsWith('| shipped + 20 per surface (80 files) |'))).toMatch(
      /\| \d+ \(\d+\); nothing cached: \d+ \(\d+\) \| 0 of [1-9][\d,]* \|$/,
    );
    const scalingVerdicts = section(stdout, '### Scaling targets')
      .split('\n')
      .filter((line) => /\| (PASS|FAIL) \|$/.test(line));
    expect(scalingVerdicts).toHaveLength(5);
    expect(stdout).toMatch(/\| every scaling response a success \| none failed \| PASS \|/);
    expect(stdout).toContain(`Chart: ${chart}`);
    const svg = await readFile(chart, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/<polyline /g)).toHaveLength(7); // req/s spread and on 10 busy sessions, p99 at full load and at the fixed rate, three memory lines
    expect(svg).toContain('With 20 extra scenarios per surface (80 files), 10 sessions');
  }, 180_000);
});

describe('npm run bench flags', () => {
  const dryRun = (flags: string[]) => spawnSync(TSX, ['bench/run-bench.ts', ...flags, '--dry-run'], { encoding: 'utf8', timeout: 30_000 });

  it('refuses a flag or value it could not use with exit 2, before anything starts (--rounds 0 ran every server)', () => {
    for (const [flag, value, says] of [
      ['--rounds', '0', '--rounds must be an integer above 0 and at most 100, got "0"'],
      ['--rounds', '1.5', '--rounds must be an integer above 0 and at most 100, got "1.5"'],
      ['--duration', 'abc', '--duration must be a number above 0 and at most 600, got "abc"'],
    ]) {
      const refused = dryRun([flag!, value!]);
      expect([refused.status, refused.stderr.trim()], `${flag} ${value}`).toEqual([2, `bench: ${says}`]);
    }
    for (const flags of [['--fixed-rate', 'fast'], ['--scaling-sessions', 'many'], ['--bogus']]) {
      const refused = dryRun(flags);
      expect([refused.status, refused.stderr.trim().split('\n')], flags.join(' ')).toEqual([2, [expect.stringMatching(/^bench: /)]]);
    }
  });

  it('names a missing --compare build in a dry run, and a run stops on it before starting any server', () => {
    const missing = join(chartDir, 'no-checkout', 'dist', 'src', 'main.js');
    const planned = dryRun(['--compare', missing]);
    expect(planned.status).toBe(0);
    expect(planned.stderr).toContain(`--compare ${missing}: no such file`);
    const run = spawnSync(TSX, ['bench/run-bench.ts', '--compare', missing, '--no-scaling'], { encoding: 'utf8', timeout: 30_000 });
    expect([run.status, run.stderr.trim()]).toEqual([
      1,
      `bench: --compare ${missing}: no such file; give another checkout's dist/src/main.bundle.js (run npm run build there first)`,
    ]);
  });
});
