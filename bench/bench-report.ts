import { summaryTable } from './bench-summary.js';
import { toClassLimitRatios } from './class-limits.js';
import type { FixedRateClassRuns } from './fixed-rate-phase.js';
import { fixedRateChecks, fixedRateNotes, fixedRateTable } from './fixed-rate-report.js';
import type { ColdStartFigures } from './measure-cold-start.js';
import { median } from './measure-cold-start.js';
import { perSession, type SessionMemoryFigures } from './measure-session-memory.js';
import type { ThroughputFigures } from './measure-throughput.js';
import type { OperationClass } from './operation-classes.js';
import { cpuRatioTo, ratioTo, type ThroughputRounds } from './throughput-ratios.js';

export type { ThroughputRounds } from './throughput-ratios.js';
export { cpuRatioTo, ratioTo } from './throughput-ratios.js';

export interface BenchResults {
  settings: string;
  /** How mfa-sandbox was run: 'built JS' (what users run) or 'source via tsx' (smoke runs). */
  sandboxFrom: string;
  throughput: ThroughputRounds[];
  baselineId: string;
  prismId: string;
  sandboxStatusId: string;
  /** The PostgreSQL state store's targets, set against the memory store's GET status and toggle. */
  postgres: { statusId: string; toggleId: string; memoryToggleId: string };
  coldStart: {
    sandbox: ColdStartFigures;
    /** Plain Fastify as one bundled file (bench/bundled-baseline.ts): the cold start goal's yardstick. */
    limit: ColdStartFigures;
    prism: ColdStartFigures;
    compare?: ColdStartFigures;
    mockoon: ColdStartFigures;
    wiremock?: ColdStartFigures;
  };
  /** The other mocks on the same GET: their throughput target ids, and why WireMock did not run when it did not. */
  peers: { mockoonId: string; wiremockId: string; wiremockSkipped?: string };
  /** The other build's main.js when run with `--compare`. */
  compareMain?: string;
  memory: SessionMemoryFigures;
  /** The operation classes, each with its sandbox target and its own plain Fastify limit. */
  classes: readonly OperationClass[];
  /** The fixed-rate latency phase, per class (absent with `--fixed-rate 0`). */
  fixedRate?: readonly FixedRateClassRuns[];
}

/** A goal from the issue and whether this run met it. */
export interface TargetCheck {
  goal: string;
  measured: string;
  pass: boolean;
  /** The goal could not be measured on this machine (e.g. WireMock without Java); `measured` says why. */
  skipped?: boolean;
  /**
   * What the goal's own yardstick reached where it, too, missed the goal in the same run (plain Fastify against the
   * same peer, at the same rate, or doing only the part of the work no mock may skip): a goal no server could meet on
   * this machine, which a change to mfa-sandbox cannot turn into a PASS. Undefined when the yardstick met it.
   */
  outOfReach?: string;
}

export const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const kb = (bytes: number) => `${fixed(bytes / 1024, 1)} KB`;
export const mb = (bytes: number) => fixed(bytes / (1024 * 1024), 1);

export function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export const medianOf = (target: ThroughputRounds, figure: (round: ThroughputFigures) => number | undefined) =>
  median(target.rounds.map(figure).filter((value): value is number => value !== undefined && Number.isFinite(value)));

export function find(results: BenchResults, id: string): ThroughputRounds {
  const found = results.throughput.find((target) => target.id === id);
  if (!found) throw new Error(`no throughput target "${id}"`);
  return found;
}

function failures(target: ThroughputRounds): { count: number; statuses: string } {
  const statuses: Record<string, number> = {};
  for (const round of target.rounds) for (const [status, count] of Object.entries(round.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const count = target.rounds.reduce((sum, round) => sum + round.failures, 0);
  return {
    count,
    statuses: Object.entries(statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' '),
  };
}

export function throughputTable(results: BenchResults): string {
  const prism = find(results, results.prismId);
  const rows = results.throughput.map((target) => {
    const { count, statuses } = failures(target);
    const baseline = find(results, target.limitId ?? results.baselineId); // the plain Fastify route serving the same request
    const kernelMicros = medianOf(target, (round) => round.serverKernelMicrosPerRequest);
    return [
      target.label,
      fixed(median(target.rounds.map((round) => round.requestsPerSecond))),
      fixed(median(target.rounds.map((round) => round.p50Ms)), 1),
      fixed(median(target.rounds.map((round) => round.p99Ms)), 1),
      fixed(median(target.rounds.map((round) => round.serverCpuMicrosPerRequest ?? Number.NaN).filter(Number.isFinite)), 1),
      fixed(kernelMicros, 1),
      `${count} (${statuses || 'none'})`,
      fixed(ratioTo(target, baseline), 2),
      fixed(ratioTo(target, prism), 1),
      fixed(cpuRatioTo(target, baseline), 2),
      mb(medianOf(target, (round) => round.serverRssBytes)),
    ];
  });
  return table(
    [
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'server CPU µs/req',
      'of it in the kernel µs/req',
      'failures (statuses)',
      '× plain Fastify (same request)',
      '× Prism',
      '× plain Fastify per CPU',
      'RSS MB under load',
    ],
    rows,
  );
}

export function coldStartTable(results: BenchResults): string {
  const prism = results.coldStart.prism.medianMs;
  const labelled: Array<[string, ColdStartFigures]> = [
    [`mfa-sandbox serve (${results.sandboxFrom}, 4 surfaces)`, results.coldStart.sandbox],
    ['plain Fastify, one bundled file (the yardstick)', results.coldStart.limit],
    ['Prism mock (flashback spec)', results.coldStart.prism],
  ];
  if (results.coldStart.compare) labelled.push([`compare build (${results.compareMain})`, results.coldStart.compare]);
  labelled.push([MOCKOON_LABEL, results.coldStart.mockoon]);
  if (results.coldStart.wiremock) labelled.push([WIREMOCK_LABEL, results.coldStart.wiremock]);
  const rows = labelled.map(([label, figures]) => [
    label,
    fixed(figures.medianMs),
    figures.runsMs.map((ms) => fixed(ms)).join(', '),
    fixed(figures.medianMs / prism, 2),
  ]);
  return table(['server', 'median ms to first 200', 'runs (ms)', '× Prism'], rows);
}

export function memoryTable(results: BenchResults): string {
  const m = results.memory;
  const row = (stage: string, sample: SessionMemoryFigures['baseline']) => [stage, String(sample.sessions), mb(sample.rssBytes), mb(sample.heapUsedBytes)];
  return table(
    ['stage', 'sessions', 'RSS MB', 'heap used MB'],
    [
      row('baseline (warmed up, no sessions)', m.baseline),
      row(`${m.idleCount} idle sessions (mfa-enabled, TOTP enrolled)`, m.idle),
      row('after POST /__admin/reset', m.afterReset),
      row(`${m.enrolledCount} sessions enrolled over HTTP (setup + verify)`, m.enrolled),
      row('after POST /__admin/reset', m.afterEnrolledReset),
      row(`${m.busyCount} sessions with a full journal (disable/enable toggles over HTTP)`, m.busy),
      row('after POST /__admin/reset', m.afterBusyReset),
      row(`${m.idleCount} more sessions, after ${m.ttlSeconds} s TTL expiry`, m.afterExpiry),
    ],
  );
}

export function perSessionLines(results: BenchResults): string {
  const m = results.memory;
  return [
    `- idle session: ${kb(perSession(m.baseline, m.idle, 'rssBytes', m.idleCount))} RSS, ${kb(perSession(m.baseline, m.idle, 'heapUsedBytes', m.idleCount))} heap`,
    `- session enrolled over HTTP (journal holds the setup response with its QR code): ${kb(perSession(m.afterReset, m.enrolled, 'heapUsedBytes', m.enrolledCount))} heap`,
    `- session with a full journal (toggled over HTTP as the write flow does): ${kb(perSession(m.afterEnrolledReset, m.busy, 'heapUsedBytes', m.busyCount))} heap`,
    `- creating ${m.idleCount} sessions took ${fixed(m.createMs)} ms; expiry emptied the store ${fixed(m.expiryWaitMs / 1000, 1)} s after creation`,
  ].join('\n');
}

/** The PostgreSQL state store against the memory store, per operation class, from the same rounds. */
export function postgresTable(results: BenchResults): string {
  const pairs: Array<[string, ThroughputRounds, ThroughputRounds]> = [
    ['GET status', find(results, results.postgres.statusId), find(results, results.sandboxStatusId)],
    ['write: disable/enable toggle', find(results, results.postgres.toggleId), find(results, results.postgres.memoryToggleId)],
  ];
  const p99 = (target: ThroughputRounds) => fixed(median(target.rounds.map((round) => round.p99Ms)), 1);
  const rps = (target: ThroughputRounds) => fixed(median(target.rounds.map((round) => round.requestsPerSecond)));
  return table(
    ['operation', 'memory req/s', 'PostgreSQL req/s', 'PostgreSQL × memory', 'memory p99 ms', 'PostgreSQL p99 ms'],
    pairs.map(([label, pg, memory]) => [label, rps(memory), rps(pg), fixed(ratioTo(pg, memory), 2), p99(memory), p99(pg)]),
  );
}

export const MOCKOON_LABEL = 'Mockoon CLI 9.9.0 (flashback spec, imported)';
export const WIREMOCK_LABEL = 'WireMock standalone 3.13.2 (one stub)';

/**
 * The tools users would pick instead, on the same GET with the same body: req/s and p99 under the same load, cold
 * start to the first 200 and the resident memory each server held under that load.
 */
export function peersTable(results: BenchResults): string {
  const baseline = find(results, results.baselineId);
  const sandbox = find(results, results.sandboxStatusId);
  const row = (label: string, target: ThroughputRounds, coldStart: ColdStartFigures | undefined) => [
    label,
    fixed(medianOf(target, (round) => round.requestsPerSecond)),
    fixed(ratioTo(target, baseline), 3),
    fixed(ratioTo(sandbox, target), 1),
    fixed(
      medianOf(target, (round) => round.p99Ms),
      1,
    ),
    fixed(
      medianOf(target, (round) => round.serverCpuMicrosPerRequest),
      1,
    ),
    coldStart ? fixed(coldStart.medianMs) : '– (not measured)',
    mb(medianOf(target, (round) => round.serverRssBytes)),
  ];
  const rows = [
    row('plain Fastify, static JSON (the limit)', baseline, undefined),
    row(`mfa-sandbox (${results.sandboxFrom}, 4 surfaces, validation on)`, sandbox, results.coldStart.sandbox),
    row('Prism 5.14.2 mock -v warn', find(results, results.prismId), results.coldStart.prism),
    row(MOCKOON_LABEL, find(results, results.peers.mockoonId), results.coldStart.mockoon),
  ];
  const { wiremockSkipped } = results.peers;
  rows.push(
    wiremockSkipped
      ? [WIREMOCK_LABEL, `skipped: ${wiremockSkipped}`, '', '', '', '', '', '']
      : row(WIREMOCK_LABEL, find(results, results.peers.wiremockId), results.coldStart.wiremock),
  );
  return table(
    [
      'server (GET status, same body)',
      'req/s',
      '× plain Fastify',
      'mfa-sandbox × it',
      'p99 ms',
      'server CPU µs/req',
      'cold start ms to first 200',
      'RSS MB under load',
    ],
    rows,
  );
}

/** mfa-sandbox's GET status against each peer's, as the issue's goals state them (≥ n× its req/s). */
function peerChecks(results: BenchResults, status: ThroughputRounds): TargetCheck[] {
  const versus = (goal: string, id: string, times: number): TargetCheck => {
    const ratio = ratioTo(status, find(results, id));
    // What the plain Fastify route reaches against the same peer on this machine: no mock can go beyond it.
    const limit = ratioTo(find(results, results.baselineId), find(results, id));
    return {
      goal,
      measured: `${fixed(ratio, 1)}× (per server CPU: ${fixed(cpuRatioTo(status, find(results, id)), 1)}×; plain Fastify: ${fixed(limit, 1)}×)`,
      pass: ratio >= times,
      ...(limit < times ? { outOfReach: `plain Fastify itself ${fixed(limit, 1)}×` } : {}),
    };
  };
  const { wiremockSkipped } = results.peers;
  return [
    versus('GET status ≥ 15× Prism', results.prismId, 15),
    wiremockSkipped
      ? { goal: 'GET status ≥ 4× WireMock', measured: `not measured: ${wiremockSkipped}`, pass: false, skipped: true }
      : versus('GET status ≥ 4× WireMock', results.peers.wiremockId, 4),
    versus('GET status ≥ 50× Mockoon', results.peers.mockoonId, 50),
  ];
}

const COLD_START_GOAL_MS = 250;

/** Out of reach when plain Fastify, one bundled file with nothing else, does not answer within the goal either. */
function coldStartCheck(sandboxMs: number, plainFastifyMs: number): TargetCheck {
  return {
    goal: `cold start to the first 200 ≤ ${COLD_START_GOAL_MS} ms (four surfaces)`,
    measured: `${fixed(sandboxMs)} ms (plain Fastify: ${fixed(plainFastifyMs)} ms)`,
    pass: sandboxMs <= COLD_START_GOAL_MS,
    ...(plainFastifyMs > COLD_START_GOAL_MS ? { outOfReach: `plain Fastify itself ${fixed(plainFastifyMs)} ms` } : {}),
  };
}

export function targetChecks(results: BenchResults): TargetCheck[] {
  const status = find(results, results.sandboxStatusId);
  const postgresVsMemory = ratioTo(find(results, results.postgres.statusId), status);
  const sandboxStart = results.coldStart.sandbox.medianMs;
  const startVsPrism = sandboxStart / results.coldStart.prism.medianMs;
  const perIdle = perSession(results.memory.baseline, results.memory.idle, 'rssBytes', results.memory.idleCount);
  const failing = results.throughput.filter((target) => failures(target).count > 0).map((target) => target.id);
  return [
    ...toClassLimitRatios(results.throughput, results.classes).map((row) => ({
      goal: `${row.name} ≥ 0.85× plain Fastify (same request)`,
      measured: `${fixed(row.ratio, 2)}× (${row.rounds ? `rounds ${fixed(row.rounds.low, 2)}–${fixed(row.rounds.high, 2)}; ` : ''}per server CPU: ${fixed(row.cpuRatio, 2)}×)`,
      pass: row.pass,
      ...(row.yardstick && !row.yardstick.pass ? { outOfReach: `${row.yardstick.does} ${fixed(row.yardstick.ratio, 2)}×` } : {}),
    })),
    ...(results.fixedRate ? fixedRateChecks(results.fixedRate) : []),
    ...peerChecks(results, status),
    coldStartCheck(sandboxStart, results.coldStart.limit.medianMs),
    { goal: "cold start ≤ 0.4× Prism's", measured: `${fixed(startVsPrism, 2)}×`, pass: startVsPrism <= 0.4 },
    {
      goal: `≤ 3 KB RSS per idle session (${results.memory.idleCount.toLocaleString('en-US')} idle sessions)`,
      measured: kb(perIdle),
      pass: perIdle <= 3 * 1024,
    },
    { goal: 'PostgreSQL state store GET status ≥ 0.3× memory store', measured: `${fixed(postgresVsMemory, 2)}×`, pass: postgresVsMemory >= 0.3 },
    {
      goal: 'every response a success (no non-2xx, errors or failed envelopes)',
      measured: failing.length ? `failures in ${failing.join(', ')}` : 'none failed',
      pass: failing.length === 0,
    },
  ];
}

export function targetsTable(checks: TargetCheck[]): string {
  return table(
    ['goal', 'measured', 'result'],
    checks.map((check) => [check.goal, check.measured, verdictOf(check)]),
  );
}

function verdictOf(check: TargetCheck): string {
  if (check.skipped) return 'SKIPPED';
  if (check.pass) return 'PASS';
  return check.outOfReach === undefined ? 'FAIL' : `FAIL, out of reach here (${check.outOfReach})`;
}

/** How many GenAuth requests were signed during measured runs because a pre-signed pool ran dry (0 is the aim). */
export function poolLine(results: BenchResults): string {
  const pooled = results.throughput.filter((target) => target.rounds.some((round) => round.pool));
  const counts = pooled.map((target) => {
    const dry = target.rounds.reduce((sum, round) => sum + (round.pool?.signedOnTheFly ?? 0), 0);
    const sizes = target.rounds.map((round) => round.pool?.size ?? 0).join('/');
    return `${target.id} ${dry} (pools of ${sizes})`;
  });
  return `Signed requests taken from a pool signed before each run; signed on the fly because a pool ran dry: ${counts.join(', ') || 'no pooled target'}`;
}

/** The whole report as Markdown (readable in a terminal, pasteable into the README). */
export function toReport(results: BenchResults): string {
  const fixedRate = results.fixedRate
    ? [
        '',
        `### Fixed rate: latency at ${results.fixedRate[0]?.sandbox[0]?.askedRate.toLocaleString('en-US') ?? '?'} req/s (10 connections, medians; max of all rounds)`,
        '',
        fixedRateTable(results.fixedRate),
        '',
        ...fixedRateNotes(results.fixedRate),
      ]
    : [];
  return [
    '### Summary',
    '',
    summaryTable(results),
    '',
    `### Throughput (${results.settings})`,
    '',
    throughputTable(results),
    '',
    poolLine(results),
    ...fixedRate,
    '',
    '### Peers: the same GET on the mocks users pick instead',
    '',
    peersTable(results),
    '',
    '### PostgreSQL state store vs memory store',
    '',
    postgresTable(results),
    '',
    '### Cold start',
    '',
    coldStartTable(results),
    '',
    '### Memory',
    '',
    memoryTable(results),
    '',
    perSessionLines(results),
    '',
    '### Targets',
    '',
    targetsTable(targetChecks(results)),
  ].join('\n');
}
