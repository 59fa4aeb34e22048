import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A server running as its own process (the sandbox's CLI, Prism), started from node_modules/.bin (never npx, whose
 * child outlives it) and stopped by its PID, SIGTERM then SIGKILL.
 */
export interface ChildServer {
  /** The base URL the server printed, e.g. `http://127.0.0.1:41849`. */
  url: string;
  pid: number;
  /** Everything the process wrote so far (stdout and stderr, interleaved), for diagnostics. */
  output(): string;
  /** Whether the process is still running. */
  isRunning(): boolean;
  /** The exit code once the process has exited (null while it runs, or when a signal ended it). */
  exitCode(): number | null;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Matches the line that announces readiness; group 1 is the base URL. */
  ready: RegExp;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export const BIN = (tool: string) => join(process.cwd(), 'node_modules/.bin', tool);

const MAX_OUTPUT = 200_000;

/** Every child started here that may still run: a test run that ends early still stops their process groups. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

/**
 * Signal the child's whole process group (it leads one: spawned `detached`), so what it started goes too: `tsx` runs
 * a script in a node process of its own, which may run a server of its own (scripts/prism.ts runs Prism), and a
 * SIGKILL of the first alone left the others holding the output pipes, so 'close' never came (a test hung under load).
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
    // 'close', not 'exit': the process may exit before everything it wrote has been read from its pipes.
    child.once('close', () => {
      clearTimeout(killer);
      running.delete(child);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/**
 * Start `command args...` and resolve once it prints its ready line; a process that exits or stays silent rejects
 * (and is stopped), with its output in the message.
 *
 * @example
 * const prism = await startChildServer(BIN('prism'), ['mock', '-p', '0', 'specs/lerian.openapi.yaml'], { ready: /Prism is listening on (http:\S+)/ });
 * await prism.stop();
 */
export async function startChildServer(command: string, args: string[], options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(command, args, {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, which stopChild ends whole
  });
  running.add(child);
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > MAX_OUTPUT) output = output.slice(-MAX_OUTPUT / 2);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${command} printed no ready line within ${options.timeoutMs ?? 30_000} ms:\n${output}`)),
      options.timeoutMs ?? 30_000,
    );
    const onData = () => {
      const match = output.match(options.ready);
      if (match) {
        cleanup();
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`${command} exited (${code}) before it was ready:\n${output}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(error: Error) {
      cleanup();
      void stopChild(child).then(() => reject(error));
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    url,
    pid: child.pid!,
    output: () => output,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    exitCode: () => child.exitCode,
    stop: () => stopChild(child),
  };
}

/**
 * A loopback port that was free a moment ago, for a server whose URL another process must know before it starts
 * (Prism's upstream). Port 0 is better wherever the URL can be read back afterwards.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The sandbox's CLI (`mfa-sandbox serve`) on loopback (a random port by default), through tsx as `npm start` runs it;
 * at `--log-level warn` unless `extraArgs` gives one (info shows the lines serve writes at start, a session file loaded).
 */
export function startSandboxProcess(extraArgs: string[] = [], env: Record<string, string> = {}, port = 0): Promise<ChildServer> {
  const logLevel = extraArgs.includes('--log-level') ? [] : ['--log-level', 'warn'];
  return startChildServer(BIN('tsx'), [join(process.cwd(), 'src/main.ts'), 'serve', '--port', String(port), '--host', '127.0.0.1', ...logLevel, ...extraArgs], {
    ready: /listening: .* at (http:\/\/[^/\s]+)/,
    env,
  });
}

/**
 * Prism (`prism mock` or `prism proxy`) on a random loopback port; info logging, because that is where it prints its
 * URL. It reads and resolves the whole spec before it listens: four of them starting at once on a busy 2-core machine
 * took over 30 s (a CI run failed so), hence the longer wait.
 */
export function startPrism(args: string[]): Promise<ChildServer> {
  return startChildServer(BIN('prism'), [...args, '-h', '127.0.0.1', '-p', '0'], { ready: /Prism is listening on (http:\/\/\S+)/, timeoutMs: 90_000 });
}
