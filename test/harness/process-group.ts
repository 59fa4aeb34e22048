import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { npmChildEnv } from './npm-env.js';

/**
 * Commands whose server is a grandchild (`npm start`, `npx mfa-sandbox serve`), started as the leader of their own
 * process group so the whole tree can be watched and, as a terminal's Ctrl-C does, signalled at once. Linux only: the
 * tree is read from /proc.
 */
export interface ProcessGroup {
  /** The leader's PID, which is also the group's id. */
  pid: number;
  child: ChildProcess;
  /** Everything the tree wrote so far (stdout and stderr), for diagnostics. */
  output(): string;
  /** Live members of the group (zombies left unreaped by init do not count: they hold no port and run nothing). */
  members(): number[];
  /**
   * Resolves true once no member is left and what they wrote has been read into `output()`, false if some still run
   * after `timeoutMs`.
   */
  waitUntilGone(timeoutMs: number): Promise<boolean>;
  /** SIGKILL whatever member is left, by PID (cleanup after a failed test). */
  kill(): void;
}

/** The process group of `pid` and whether it is a zombie, from /proc/<pid>/stat; undefined once it is gone. */
function readStat(pid: number): { pgrp: number; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses: fields start after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pgrp: Number(pgrp), zombie: state === 'Z' };
  } catch {
    return undefined;
  }
}

export function processGroupMembers(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const stat = readStat(pid);
      return stat !== undefined && stat.pgrp === pgid && !stat.zombie;
    });
}

/**
 * Start `command args...` as a new process group.
 *
 * @example
 * const npm = startProcessGroup('npm', ['start'], { cwd: process.cwd(), env: { PORT: '0' } });
 * process.kill(npm.pid, 'SIGTERM');
 * expect(await npm.waitUntilGone(5_000)).toBe(true);
 */
export function startProcessGroup(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): ProcessGroup {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: npmChildEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close' comes once every member holding the pipes is gone and everything they wrote has been read: a line written
  // just before exiting (a cache written at exit says so) may still be in the pipe when /proc shows nobody left.
  const drained = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const pid = child.pid!;
  const members = () => processGroupMembers(pid);
  return {
    pid,
    child,
    output: () => output,
    members,
    async waitUntilGone(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (members().length > 0) {
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
      await Promise.race([drained, late]);
      clearTimeout(timer);
      return true;
    },
    kill() {
      for (const member of members()) {
        try {
          process.kill(member, 'SIGKILL');
        } catch {
          // gone in the meantime
        }
      }
    },
  };
}

/** Poll `url` until it answers 200 (any body), or reject with the tree's output after `timeoutMs`. */
export async function waitForOk(url: string, group: ProcessGroup, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline || group.child.exitCode !== null) throw new Error(`${url} never answered 200:\n${group.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolve with the first match of `pattern` in the tree's output, or reject with the output after `timeoutMs`. */
export async function waitForOutput(group: ProcessGroup, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = group.output().match(pattern);
    if (match) return match;
    if (Date.now() > deadline || group.child.exitCode !== null) throw new Error(`no output matching ${pattern}:\n${group.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
