import { existsSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toReport, type ThroughputRounds } from './bench-report.js';
import { startPostgres } from '../test/harness/embedded-postgres.js';
import {
  BASELINE_ID,
  BUILT_MAIN,
  PACKAGE_ROOT,
  MOCKOON_ID,
  POSTGRES_STATUS_ID,
  POSTGRES_TOGGLE_ID,
  PRISM_ID,
  prismServer,
  SANDBOX_STATUS_ID,
  SANDBOX_TOGGLE_ID,
  sandboxServer,
  throughputTargets,
  WIREMOCK_ID,
  WIREMOCK_WARMUP_SECONDS,
  BENCH_CACHE_DIR,
} from './bench-targets.js';
import { describeFixedRate, runFixedRatePhase, toFixedRate } from './fixed-rate-phase.js';
import { bundleBaselineServer } from './bundled-baseline.js';
import { measureColdStarts } from './measure-cold-start.js';
import { dynamicCostTable, measureDynamicCost } from './measure-dynamic-cost.js';
import { measureSessionMemory } from './measure-session-memory.js';
import { measureThroughput, type LoadSettings } from './measure-throughput.js';
import { OPERATION_CLASSES } from './operation-classes.js';
import { isSkipped, preparePeers } from './peer-servers.js';
import { toRunOrder } from './run-order.js';
import { startServer, type ServerCommand } from './server-process.js';
import { describeScalingPlan, runScalingPhase, toScalingPlan } from './scaling-phase.js';

/**
 * `npm run bench`: throughput against a plain Fastify route, Prism, Mockoon and WireMock (skipped, saying why, without
 * Java), the PostgreSQL state store against the memory store (on a PostgreSQL server from npm that the bench starts
 * and stops), cold start, and memory per session, printed as Markdown tables with PASS/FAIL against the project's
 * targets. Exits 0 whatever the figures (the machine is shared
 * and noisy); 2 for a usage problem (an unknown flag, a flag's value out of range), before anything starts; 1 only
 * when the benchmark itself could not run.
 *
 * The options are in USAGE (`npm run bench -- --help` prints them).
 */
const USAGE = `npm run bench -- [options]

  --quick          1 round, 1 s per target, no warm-up, 1 cold start each, 1,000 sessions (a smoke run, ~70-100 s
                   here: its verdicts say nothing about performance)
  (always)         the cost of a \`Prefer: dynamic=true\` answer as a ratio of the same request without it, in-process
  --rounds <n>     rounds of the throughput targets (default 3)
  --duration <s>   measured seconds per target and round (default 3, after a 1 s warm-up)
  --out <file>     also write the report to this file
  --from-source    run mfa-sandbox from src/ through tsx instead of dist/ (the smoke test; not a measurement of
                   what users run, so its figures are only a sign of life)
  --compare <main.bundle.js>  also measure another build's dist/src/main.bundle.js (GET status, the toggle, GenAuth
                   and cold start), e.g. the code before an optimisation, in the same rounds (given its main.js, the
                   bundle beside it is measured, as this build's is)
  --scaling-sessions <a,b,c>  live sessions per point of the scaling curve (default 10,1000,100000; quick 10,100)
  --scaling-scenarios <n>     extra scenario files per surface in the scaling comparison (default 100; quick 20)
  --scaling-chart <file>      where the scaling chart goes (default bench/results/scaling.svg; quick: the temp dir)
  --no-scaling     skip the scaling phase
  --fixed-rate <n> latency of each operation class (sandbox and its plain Fastify limit) at n req/s in total over 10
                   connections, open-loop, each latency from its due time (default 5000; 0 skips the phase)
  --dry-run        check the flags and print the plan, measure nothing (the README's commands are tested this way)
  -h, --help       print this text`;

/** Exit code of a usage problem, as the CLI's: an unknown flag or a flag's value it cannot use, said in one line. */
const USAGE_EXIT = 2;

/** The flags, or `--help`'s usage and exit 0, or one line and exit 2 for a flag it does not know (no stack trace). */
function readFlags() {
  try {
    return parseArgs({ options: FLAGS, strict: true }).values;
  } catch (error) {
    console.error(`bench: ${(error as Error).message} (npm run bench -- --help lists the options)`);
    process.exit(USAGE_EXIT);
  }
}

const FLAGS = {
  help: { type: 'boolean', short: 'h', default: false },
  quick: { type: 'boolean', default: false },
  rounds: { type: 'string' },
  duration: { type: 'string' },
  out: { type: 'string' },
  compare: { type: 'string' },
  'from-source': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  'scaling-sessions': { type: 'string' },
  'scaling-scenarios': { type: 'string' },
  'scaling-chart': { type: 'string' },
  'no-scaling': { type: 'boolean', default: false },
  'fixed-rate': { type: 'string' },
} as const;

const values = readFlags();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const quick = values.quick ?? false;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A flag's number, checked before anything starts (a --rounds 0 ran every server and measured nothing). */
function readNumber(name: string, text: string | undefined, fallback: number, { integer, max }: { integer: boolean; max: number }): number {
  if (text === undefined) return fallback;
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(value) || value <= 0 || value > max || (integer && !Number.isInteger(value))) {
    log(`bench: --${name} must be ${integer ? 'an integer' : 'a number'} above 0 and at most ${max}, got ${JSON.stringify(text)}`);
    process.exit(USAGE_EXIT);
  }
  return value;
}

/**
 * The other build to measure: the bundle users run (given a dist/src/main.js, the main.bundle.js beside it). A run
 * stops here, before any server starts, when it is missing; a dry run only says so (its plan may name a checkout
 * not built yet).
 */
function readCompareMain(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const given = resolve(path);
  const bundle = given.endsWith('/main.js') ? given.replace(/main\.js$/, 'main.bundle.js') : given;
  const main = existsSync(bundle) ? bundle : given;
  if (existsSync(main) && statSync(main).isFile()) return main;
  const problem = `--compare ${path}: no such file; give another checkout's dist/src/main.bundle.js (run npm run build there first)`;
  if (!values['dry-run']) {
    log(`bench: ${problem}`);
    process.exit(1);
  }
  log(`bench (dry run): ${problem}`);
  return main;
}

const rounds = readNumber('rounds', values.rounds, quick ? 1 : 3, { integer: true, max: 100 });
const load: LoadSettings = {
  connections: 10,
  warmupSeconds: quick ? 0 : 1,
  durationSeconds: readNumber('duration', values.duration, quick ? 1 : 3, { integer: false, max: 600 }),
};
const compareMain = readCompareMain(values.compare);
const coldStartRuns = quick ? 1 : 5;
// The TTL must outlast creating the sessions, or the first ones expire before the sample: on a loaded 2-core machine
// (npm test beside other work) creating 1,000 took 1.2 s, and a 1 s TTL then counted 744.
const memory = quick
  ? { idleSessions: 1_000, enrolledSessions: 20, busySessions: 10, ttlSeconds: 4 }
  : { idleSessions: 10_000, enrolledSessions: 300, busySessions: 200, ttlSeconds: 10 };

function readScalingPlan() {
  if (values['no-scaling']) return undefined;
  try {
    return toScalingPlan({ sessions: values['scaling-sessions'], scenarios: values['scaling-scenarios'], chart: values['scaling-chart'] }, quick);
  } catch (error) {
    log(`bench: ${(error as Error).message}`);
    process.exit(USAGE_EXIT);
  }
}
const scaling = readScalingPlan();
function readFixedRate(): number {
  try {
    return toFixedRate(values['fixed-rate']);
  } catch (error) {
    log(`bench: ${(error as Error).message}`);
    process.exit(USAGE_EXIT);
  }
}
const fixedRate = readFixedRate();

if (values['dry-run']) {
  const plan = [
    `${rounds} round(s) of ${load.durationSeconds} s per target (PostgreSQL state store, Mockoon and WireMock included)`,
    `${coldStartRuns} cold start(s) each`,
    `${memory.idleSessions} idle sessions`,
  ];
  plan.push(describeFixedRate(fixedRate, load.durationSeconds));
  if (compareMain) plan.push(`also ${compareMain}`);
  plan.push(scaling ? describeScalingPlan(scaling, fixedRate) : 'no scaling phase');
  log(`bench (dry run): ${plan.join(', ')}`);
  process.exit(0);
}

const source = values['from-source'] ? 'source' : 'built';
if (source === 'built' && !existsSync(BUILT_MAIN)) {
  log(`bench: ${relative(PACKAGE_ROOT, BUILT_MAIN)} is missing; run \`npm run build\` first (\`npm run bench\` does)`);
  process.exit(1);
}

log('postgres: starting a PostgreSQL server for the --state postgres targets');
const postgres = await startPostgres();
const peers = await preparePeers();
if (isSkipped(peers.wiremock)) log(`wiremock: skipped, ${peers.wiremock.skipped}`);
const targets = throughputTargets({ ...(compareMain ? { compareMain } : {}), source, postgresUrl: postgres.url, peers });
const throughput: ThroughputRounds[] = targets.map(({ id, label, limitId }) => ({ id, label, rounds: [], ...(limitId ? { limitId } : {}) }));
for (let round = 0; round < rounds; round++) {
  const order = toRunOrder(targets, round, BASELINE_ID);
  for (const target of order) {
    const server = await startServer(target.server);
    try {
      const warmupSeconds = load.warmupSeconds > 0 ? Math.max(load.warmupSeconds, target.minWarmupSeconds ?? 0) : 0;
      const figures = await measureThroughput(
        server.url,
        target.load,
        { ...load, warmupSeconds },
        () => server.cpuTimes(),
        () => server.rssBytes(),
      );
      throughput.find((entry) => entry.id === target.id)!.rounds[round] = figures;
      const kernel = figures.serverKernelMicrosPerRequest === undefined ? '' : ` (kernel ${figures.serverKernelMicrosPerRequest.toFixed(1)})`;
      const cpu = figures.serverCpuMicrosPerRequest === undefined ? 'n/a' : `${figures.serverCpuMicrosPerRequest.toFixed(1)}${kernel}`;
      const pool = figures.pool ? `  pool ${figures.pool.size} signed ahead, ${figures.pool.signedOnTheFly} on the fly` : '';
      log(
        `round ${round + 1}/${rounds} ${target.id.padEnd(16)} ${figures.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${figures.p99Ms} ms  server CPU ${cpu} µs/req  failures ${figures.failures}${pool}`,
      );
    } finally {
      await server.stop();
    }
  }
}

await postgres.close();

const fixedRateSettings =
  fixedRate > 0
    ? { requestsPerSecond: fixedRate, connections: load.connections, warmupSeconds: load.warmupSeconds, durationSeconds: load.durationSeconds }
    : undefined;
const fixedRateRuns = fixedRateSettings ? await runFixedRatePhase(targets, OPERATION_CLASSES, { rounds, settings: fixedRateSettings, log }) : undefined;

log(`cold start: ${coldStartRuns} run(s) each`);
const bundledBaseline = await bundleBaselineServer();
const coldStartServers: Record<string, ServerCommand> = { sandbox: sandboxServer({ source }), limit: bundledBaseline.server, prism: prismServer() };
if (compareMain) coldStartServers.compare = sandboxServer({ main: compareMain });
coldStartServers.mockoon = peers.mockoon;
if (!isSkipped(peers.wiremock)) coldStartServers.wiremock = peers.wiremock;
const coldStart = await measureColdStarts(coldStartServers, coldStartRuns);
await peers.cleanup();
await bundledBaseline.cleanup();

log(`memory: ${memory.idleSessions} idle sessions, ${memory.enrolledSessions} enrolled and ${memory.busySessions} with a full journal over HTTP`);
const memoryFigures = await measureSessionMemory(memory);

const dynamicBatches = quick ? { batches: 3, requestsPerBatch: 200 } : { batches: 9, requestsPerBatch: 2_000 };
log(`dynamic answers: ${dynamicBatches.batches} batches of ${dynamicBatches.requestsPerBatch} requests each, in-process`);
const dynamicCost = await measureDynamicCost(dynamicBatches);

const settings = `${source === 'source' ? 'SANDBOX FROM SOURCE (tsx), smoke run only; ' : ''}${quick ? 'QUICK RUN, no warm-up: a smoke run, its verdicts say nothing about performance; ' : ''}${rounds} round(s) × ${load.durationSeconds} s per target after ${load.warmupSeconds} s warm-up${load.warmupSeconds > 0 ? ` (WireMock's JVM: ${WIREMOCK_WARMUP_SECONDS} s)` : ''}, ${load.connections} connections, medians; node ${process.version}`;
const report = toReport({
  settings,
  sandboxFrom: source === 'source' ? 'source via tsx' : 'built JS',
  throughput,
  baselineId: BASELINE_ID,
  prismId: PRISM_ID,
  sandboxStatusId: SANDBOX_STATUS_ID,
  postgres: { statusId: POSTGRES_STATUS_ID, toggleId: POSTGRES_TOGGLE_ID, memoryToggleId: SANDBOX_TOGGLE_ID },
  coldStart: {
    sandbox: coldStart.sandbox!,
    limit: coldStart.limit!,
    prism: coldStart.prism!,
    mockoon: coldStart.mockoon!,
    ...(coldStart.compare ? { compare: coldStart.compare } : {}),
    ...(coldStart.wiremock ? { wiremock: coldStart.wiremock } : {}),
  },
  peers: { mockoonId: MOCKOON_ID, wiremockId: WIREMOCK_ID, ...(isSkipped(peers.wiremock) ? { wiremockSkipped: peers.wiremock.skipped } : {}) },
  ...(compareMain ? { compareMain } : {}),
  memory: memoryFigures,
  classes: OPERATION_CLASSES,
  ...(fixedRateRuns ? { fixedRate: fixedRateRuns } : {}),
});
const scalingReport = scaling
  ? await runScalingPhase(scaling, {
      rounds,
      load,
      ...(fixedRateSettings ? { fixedRate: fixedRateSettings } : {}),
      coldStartRuns,
      source,
      settings,
      log,
    })
  : undefined;
const fullReport = [report, dynamicCostTable(dynamicCost), ...(scalingReport ? [scalingReport] : [])].join('\n\n');
process.stdout.write(`${fullReport}\n`);
if (values.out) await writeFile(values.out, `${fullReport}\n`);
await rm(BENCH_CACHE_DIR, { recursive: true, force: true });
