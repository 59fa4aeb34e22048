import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { README_PORT } from './run-curl.js';
import { toShellWords } from './shell-words.js';

/**
 * The README's proxy commands: `node_modules/.bin/mfa-sandbox proxy ... & PROXY=$!` starts the installed command in the
 * background (as a shell's `&` would), its `localhost:4010` upstream being the README's server and its `--port 4020` a
 * free port; later `curl`s to `localhost:4020` reach it; `kill -INT $PROXY; wait $PROXY` stops it as Ctrl-C would, and
 * the `# ->` lines under that command must each be a line of what it printed (`...` stands for any text).
 */

/** Where the README's proxy listens. */
export const README_PROXY_PORT = 'localhost:4020';

export interface BackgroundProxy {
  /** host:port to put where the README says localhost:4020. */
  authority: string;
  child: ChildProcess;
  output(): string;
}

/** `node_modules/.bin/mfa-sandbox proxy ... & PROXY=$!`: start it in the consumer's folder and wait for its listening line. */
export async function startBackgroundProxy(command: string, upstreamAuthority: string, cwd: string): Promise<BackgroundProxy> {
  const words = toShellWords(command.replace(/\s*& PROXY=\$!$/, '').replaceAll(README_PORT, upstreamAuthority));
  const args = words.slice(1).map((word, index, all) => (all[index - 1] === '--port' ? '0' : word));
  const child = spawn(join(cwd, words[0]!), args, { cwd, detached: true, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const authority = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${command}: no listening line in 30 s\n${output}`)), 30_000);
    const poll = setInterval(() => {
      const match = /proxy listening: http:\/\/([\d.:]+)/.exec(output);
      if (match) finish(undefined, match[1]);
    }, 50);
    child.once('exit', (code) => finish(new Error(`${command} exited (${code})\n${output}`)));
    function finish(error?: Error, found?: string) {
      clearTimeout(timer);
      clearInterval(poll);
      if (error) {
        signalGroup(child, 'SIGKILL');
        reject(error);
      } else resolve(found!);
    }
  });
  return { authority, child, output: () => output.replaceAll(authority, '127.0.0.1:4020').replaceAll(upstreamAuthority, README_PORT) };
}

/** `kill -INT $PROXY; wait $PROXY`: stop the proxy as Ctrl-C would and check each `# ->` line against what it printed. */
export async function stopBackgroundProxy(proxy: BackgroundProxy, expected: string[]): Promise<void> {
  const closed = new Promise((resolve) => proxy.child.once('close', resolve));
  signalGroup(proxy.child, 'SIGINT');
  const timer = setTimeout(() => signalGroup(proxy.child, 'SIGKILL'), 15_000);
  await closed;
  clearTimeout(timer);
  const lines = proxy.output().split('\n');
  const missing = expected.filter((line) => !lines.some((printed) => toLinePattern(line).test(printed)));
  if (missing.length > 0) throw new Error(`kill -INT $PROXY: the proxy did not print\n  ${missing.join('\n  ')}\nit printed:\n${proxy.output()}`);
}

/** Start a proxy's line as the README writes it, `...` matching any text. */
function toLinePattern(line: string): RegExp {
  const parts = line.split('...').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal); // npx runs the command as its child: signal both, as a terminal's Ctrl-C does
  } catch {
    // already gone
  }
}
