import { spawn, type ChildProcess } from 'node:child_process';
import { freeLoopbackPort } from '../harness/child-server.js';

/**
 * `npm start` exactly as the README runs it, as its own process group on a free loopback port (PORT, which `npm start`
 * respects), so the README's `localhost:4010` commands can run against it. Started once, on first use.
 */
export interface ReadmeServer {
  /** host:port to put where the README says localhost:4010. */
  authority: string;
  stop(): Promise<void>;
}

export async function startNpmStart(cwd: string): Promise<ReadmeServer> {
  const port = await freeLoopbackPort();
  const child = spawn('npm', ['start', '--silent'], {
    cwd,
    detached: true,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`npm start printed no listening line within 30 s:\n${output}`)), 30_000);
    const poll = setInterval(() => {
      if (/listening: /.test(output)) finish();
    }, 50);
    child.once('exit', (code) => finish(new Error(`npm start exited (${code}):\n${output}`)));
    function finish(error?: Error) {
      clearTimeout(timer);
      clearInterval(poll);
      if (error) {
        killGroup(child, 'SIGKILL');
        reject(error);
      } else resolve();
    }
  });
  return {
    authority: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal); // npm runs tsx runs node: end the whole group
  } catch {
    // already gone
  }
}
