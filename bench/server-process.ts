import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { isDeepStrictEqual } from 'node:util';

/** A server the benchmark started in its own process; `stop` ends exactly that process, by PID. */
export interface ServerProcess {
  readonly pid: number;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Milliseconds from spawn to the first 200 of the readiness probe. */
  readonly readyAfterMs: number;
  /** CPU time (all threads) the process has used so far, in user code and in the kernel; undefined where /proc is missing. */
  cpuTimes(): CpuTimes | undefined;
  /** Resident memory of the process right now, in bytes (VmRSS); undefined where /proc is missing. */
  rssBytes(): number | undefined;
  stop(): Promise<void>;
}

export interface ServerCommand {
  /** What the process is, for error messages. */
  name: string;
  /** Executable and arguments; `{port}` in an argument is replaced by the port chosen for this start. */
  command: string;
  args: string[];
  /**
   * A request that answers 200 once the server is fully up (auth headers included). With `body`, that first 200 must
   * carry this JSON body, or the start fails at once: a peer answering another body is not the same benchmark.
   */
  probe: { path: string; headers?: Record<string, string>; body?: unknown };
  env?: Record<string, string | undefined>;
}

const READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 5;

/** Every child still running, so an interrupted benchmark leaves nothing behind. */
const running = new Set<ChildProcess>();
function killAll(): void {
  for (const child of running) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** A port nobody listens on right now (the OS picks it); the server is then started on it. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** /proc reports CPU times in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
const PROC_TICKS_PER_SECOND = 100;

/** A process's CPU time so far, in ms: in its own code (utime) and in the kernel on its behalf (stime). */
export interface CpuTimes {
  userMs: number;
  kernelMs: number;
}

/**
 * A process's CPU time from /proc/<pid>/stat (utime and stime). On a shared, busy machine wall-clock throughput swings
 * with what else runs; the server's CPU time per request does not, so it is the steadier way to compare servers. The
 * kernel's share is mostly the socket writes and reads of the answers: on loopback a write also runs the client's
 * receive and wakes it, which costs more when the client sleeps between answers (a server slower than its load).
 */
export function processCpuTimes(pid: number): CpuTimes | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may itself contain spaces and parentheses): utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { userMs: (Number(fields[11]) * 1000) / PROC_TICKS_PER_SECOND, kernelMs: (Number(fields[12]) * 1000) / PROC_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/**
 * A process's resident set size from /proc/<pid>/status (VmRSS, reported in kB): what the server holds in memory,
 * heap, code and, for a JVM, its whole reserved-and-touched heap alike.
 */
export function processRssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probeOnce(url: string, headers: Record<string, string> | undefined): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined; // not listening yet
  }
}

function hasJsonBody(text: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(text), expected);
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    running.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

/**
 * Spawn a server on a free loopback port and poll its probe request until it answers 200. The time to that first
 * 200 is the cold start: process start, module loading, spec loading, listen, first request.
 *
 * @example
 * const server = await startServer({ name: 'baseline', command: process.execPath, args: ['server.js', '{port}'], probe: { path: '/' } });
 * await server.stop();
 */
export async function startServer(spec: ServerCommand): Promise<ServerProcess> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const args = spec.args.map((arg) => arg.replaceAll('{port}', String(port)));
  await probeOnce(`${url}/`, undefined); // loads fetch in this process first, so its start-up is not counted as the server's
  const spawnedAt = performance.now();
  const child = spawn(spec.command, args, { env: { ...process.env, NO_COLOR: '1', ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const deadline = spawnedAt + READY_TIMEOUT_MS;
  let lastStatus: number | undefined;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      throw new Error(`${spec.name} exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    const answer = await probeOnce(`${url}${spec.probe.path}`, spec.probe.headers);
    lastStatus = answer?.status;
    if (answer?.status === 200) {
      const readyAfterMs = performance.now() - spawnedAt;
      if (spec.probe.body !== undefined && !hasJsonBody(answer.text, spec.probe.body)) {
        await stopChild(child);
        throw new Error(`${spec.name} answered ${spec.probe.path} with another body than expected:\n${answer.text.slice(0, 1_000)}`);
      }
      const pid = child.pid!;
      return { pid, url, readyAfterMs, cpuTimes: () => processCpuTimes(pid), rssBytes: () => processRssBytes(pid), stop: () => stopChild(child) };
    }
    await sleep(POLL_INTERVAL_MS);
  }
  await stopChild(child);
  throw new Error(`${spec.name} did not answer 200 within ${READY_TIMEOUT_MS} ms (last status ${lastStatus ?? 'none'}):\n${output}`);
}
