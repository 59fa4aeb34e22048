import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type AutocannonRequest } from 'autocannon';
import { sandboxServer, type SandboxSource } from './bench-targets.js';
import { writeExtraScenarios } from './extra-scenarios.js';
import { raisePriority } from './load-priority.js';
import { measureColdStarts, type ColdStartFigures } from './measure-cold-start.js';
import { measureFixedRate, type FixedRateFigures, type FixedRateSettings } from './measure-fixed-rate.js';
import { measureThroughput, type LoadPlan, type LoadSettings, type ThroughputFigures } from './measure-throughput.js';
import { toRunOrder } from './run-order.js';
import { startServer, type ServerCommand } from './server-process.js';
import { createServerMemoryReader, MEMORY_FILE_ENV, MEMORY_PRELOAD_FLAGS, type ServerMemorySample } from './server-memory.js';

export interface ScalingSettings {
  /** Live sessions per point of the curve, e.g. [10, 1000, 100000]. */
  sessionCounts: number[];
  /** Extra scenario files per surface for the scenarios comparison (at the smallest session count). */
  extraScenariosPerSurface: number;
  rounds: number;
  load: LoadSettings;
  /**
   * The fixed-rate phase's rate and timing, to measure each point's latency at that rate too (absent with
   * `--fixed-rate 0`). autocannon's full-load p99 comes in whole milliseconds, too coarse to compare 0 with 1 ms.
   */
  fixedRate?: FixedRateSettings;
  coldStartRuns: number;
  source: SandboxSource;
  log: (line: string) => void;
}

/** One server started fresh, given its sessions, then measured. */
export interface ScalingRun {
  throughput: ThroughputFigures;
  /** The same spread of requests at the fixed rate, latency exact to the microsecond (see `ScalingSettings.fixedRate`). */
  fixedRate?: FixedRateFigures;
  /** Warmed up (one session), before the live sessions were created. */
  beforeSessions: ServerMemorySample;
  afterSessions: ServerMemorySample;
  /** After the measured load. */
  atEnd: ServerMemorySample;
  /**
   * The same load on only the first `BUSY_SESSIONS` of them, the oldest: a few test runs busy on a shared sandbox
   * full of idle sessions. The spread run itself when there are no more sessions than that.
   */
  busyFew: ThroughputFigures;
  /** The sessions the server counted (GET /__admin/health) once they were created: the live ones, warm-up, probe. */
  sessionsCounted: number;
  createMs: number;
}

export interface ScalingFigures {
  sessions: Array<{ count: number; runs: ScalingRun[] }>;
  scenarios: {
    perSurface: number;
    files: number;
    /** Live sessions during both runs (the smallest session count); the shipped runs are that session point's. */
    sessions: number;
    extra: ScalingRun[];
    /** `extra`: with the files cached by an earlier start (as every start after the first); `extraUncached`: parsed anew. */
    coldStart: { shipped: ColdStartFigures; extra: ColdStartFigures; extraUncached: ColdStartFigures };
  };
}

const STATUS_PATH = '/flashback/mfa/status';
const ADA = { authorization: 'Bearer flashback-token-ada' };
const WARMUP_REQUESTS = 2_000;
/** Room above the live sessions for the warm-up and probe sessions, so the LRU bound never evicts a live one. */
const SESSION_HEADROOM = 1_000;

const sessionId = (index: number) => `scaling-${index}`;
/** How many sessions the "busy few" run sends its load to. */
export const BUSY_SESSIONS = 10;

function statusRequest(session: (request: AutocannonRequest) => string): AutocannonRequest {
  return {
    method: 'GET',
    path: STATUS_PATH,
    headers: ADA,
    setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'x-mock-session': session(request) } }),
  };
}

/** Exactly `count` requests, each with the next session id: every one creates a session, as a first request does. */
async function createSessions(url: string, count: number, connections: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const result = await autocannon({ url, connections, amount: count, timeout: 30, requests: [statusRequest(() => sessionId(next++))] });
  if (result.non2xx + result.errors + result.timeouts > 0) {
    throw new Error(`creating ${count} sessions: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return performance.now() - started;
}

async function countSessions(url: string): Promise<number> {
  const response = await fetch(`${url}/__admin/health`);
  return ((await response.json()) as { sessions: number }).sessions;
}

function scalingServer(source: SandboxSource, liveSessions: number, memoryFile: string, scenariosDir?: string): ServerCommand {
  const base = sandboxServer({ scenario: 'mfa-enabled', source });
  return {
    ...base,
    name: `mfa-sandbox (${liveSessions} sessions${scenariosDir ? ', extra scenarios' : ''})`,
    args: [
      ...MEMORY_PRELOAD_FLAGS,
      ...base.args,
      '--max-sessions',
      String(liveSessions + SESSION_HEADROOM),
      ...(scenariosDir ? ['--scenarios', scenariosDir] : []),
    ],
    env: { ...base.env, [MEMORY_FILE_ENV]: memoryFile },
  };
}

/** The spread load at a fixed rate, at raised priority as in the fixed-rate phase. */
async function measureFixedRateSpread(server: { url: string; pid: number }, plan: LoadPlan, settings: FixedRateSettings): Promise<FixedRateFigures> {
  const priority = raisePriority([server.pid]);
  try {
    return { ...(await measureFixedRate(server.url, plan, settings)), atRaisedPriority: priority.raised };
  } finally {
    priority.restore();
  }
}

/**
 * Start a server, warm it up on one session, create `liveSessions` sessions (each made one GET status), then drive
 * GET status with every request on a session picked at random among them (at full load, then at the fixed rate),
 * and then on one of the first `BUSY_SESSIONS` only. Memory is read after forced GCs.
 */
async function measureRun(
  command: ServerCommand,
  memoryFile: string,
  liveSessions: number,
  load: LoadSettings,
  fixedRate: FixedRateSettings | undefined,
): Promise<ScalingRun> {
  await rm(memoryFile, { force: true }); // a previous server's last report must not pass for this one's
  const server = await startServer(command);
  try {
    const readMemory = createServerMemoryReader(server.pid, memoryFile);
    await autocannon({ url: server.url, connections: load.connections, amount: WARMUP_REQUESTS, requests: [statusRequest(() => 'scaling-warmup')] });
    const beforeSessions = await readMemory();
    const createMs = await createSessions(server.url, liveSessions, load.connections);
    const sessionsCounted = await countSessions(server.url);
    if (sessionsCounted < liveSessions) throw new Error(`${command.name}: ${sessionsCounted} sessions live, expected at least ${liveSessions}`);
    const afterSessions = await readMemory();
    const spread = { requests: [statusRequest(() => sessionId(Math.floor(Math.random() * liveSessions)))] };
    const throughput = await measureThroughput(server.url, spread, load, () => server.cpuTimes());
    const paced = fixedRate ? await measureFixedRateSpread(server, spread, fixedRate) : undefined;
    const atEnd = await readMemory();
    const busy = { requests: [statusRequest(() => sessionId(Math.floor(Math.random() * BUSY_SESSIONS)))] };
    const busyFew = liveSessions > BUSY_SESSIONS ? await measureThroughput(server.url, busy, load, () => server.cpuTimes()) : throughput;
    return { throughput, ...(paced ? { fixedRate: paced } : {}), beforeSessions, afterSessions, atEnd, busyFew, sessionsCounted, createMs };
  } finally {
    await server.stop();
  }
}

/**
 * How cost grows: GET status throughput, p99 and memory with each number of live sessions, and with 100 (or
 * `extraScenariosPerSurface`) extra scenarios per surface beside the shipped ones, plus the cold start with and
 * without them. The runs alternate over `rounds` (each beside the fewest sessions' run, see run-order.ts), each a
 * fresh server.
 */
export async function measureScaling(settings: ScalingSettings): Promise<ScalingFigures> {
  const { sessionCounts, rounds, load, source, log } = settings;
  const work = await mkdtemp(join(tmpdir(), 'mfa-sandbox-scaling-'));
  try {
    const scenariosDir = join(work, 'scenarios');
    const files = await writeExtraScenarios(scenariosDir, settings.extraScenariosPerSurface);
    const memoryFile = join(work, 'memory.json');
    const scenarioSessions = Math.min(...sessionCounts);
    const configs = [
      ...sessionCounts.map((count) => ({ key: `sessions-${count}`, count, command: scalingServer(source, count, memoryFile) })),
      { key: 'extra-scenarios', count: scenarioSessions, command: scalingServer(source, scenarioSessions, memoryFile, scenariosDir) },
    ];
    const runs = new Map<string, ScalingRun[]>(configs.map(({ key }) => [key, []]));
    // Every point's ratio is taken against the fewest sessions': that run leads in even rounds and closes odd ones (A B C,
    // then C B A), so a drift of the machine over a round falls on both sides of each ratio alike.
    const reference = `sessions-${scenarioSessions}`;
    const ordered = configs.map((config) => ({ ...config, id: config.key, limitId: reference }));
    for (let round = 0; round < rounds; round++) {
      for (const config of toRunOrder(ordered, round, reference)) {
        const run = await measureRun(config.command, memoryFile, config.count, load, settings.fixedRate);
        runs.get(config.key)!.push(run);
        const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
        log(
          `scaling round ${round + 1}/${rounds} ${config.key.padEnd(16)} ${run.throughput.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${run.throughput.p99Ms} ms  RSS ${mb(run.beforeSessions.rssBytes)} -> ${mb(run.afterSessions.rssBytes)} -> ${mb(run.atEnd.rssBytes)} MB  sessions created in ${(run.createMs / 1000).toFixed(1)} s  failures ${run.throughput.failures}${run.fixedRate ? `  at ${run.fixedRate.askedRate} req/s p99 ${run.fixedRate.p99Ms.toFixed(2)} ms (client wake p99 ${run.fixedRate.wakeLagP99Ms?.toFixed(2)} ms)` : ''}  ${BUSY_SESSIONS} busy: ${run.busyFew.requestsPerSecond.toFixed(0)} req/s`,
        );
      }
    }
    log(`scaling cold start: ${settings.coldStartRuns} run(s) without and with ${files} extra scenarios (cached, and parsed anew)`);
    const base = sandboxServer({ source });
    const extra = { ...base, args: [...base.args, '--scenarios', scenariosDir] };
    // The runs above used the same scenario directories and cache, so `extra` starts find every file parsed already.
    const coldStart = await measureColdStarts(
      { shipped: base, extra, extraUncached: { ...extra, env: { ...extra.env, MFA_SANDBOX_CACHE_DIR: 'off' } } },
      settings.coldStartRuns,
    );
    return {
      sessions: sessionCounts.map((count) => ({ count, runs: runs.get(`sessions-${count}`)! })),
      scenarios: { perSurface: settings.extraScenariosPerSurface, files, sessions: scenarioSessions, extra: runs.get('extra-scenarios')!, coldStart },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
