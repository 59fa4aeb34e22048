import { readFileSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * The nice value the fixed-rate phase runs its client and the server under test at, where allowed (root, or
 * CAP_SYS_NICE). On this shared 2-core machine, other work (builds, tests) preempted both for milliseconds at a time,
 * which showed as p99 latency of neither; at nice -15 the scheduler favours them (it still lets a waking thread wait
 * for a running one at times, so the phase reports the client's own lateness too).
 */
export const LOAD_NICE = -15;

/** Restores what `raisePriority` changed; `raised` says whether it could change anything. */
export interface RaisedPriority {
  raised: boolean;
  restore(): void;
}

/**
 * Raises the priority of this thread (and of threads it starts afterwards, such as the send metronome) and of the
 * main thread of each process in `pids`, to `nice`. Without the permission to, changes nothing and says so.
 *
 * @example
 * const priority = raisePriority([server.pid]);
 * try { await measure(); } finally { priority.restore(); }
 */
export function raisePriority(pids: readonly number[], nice = LOAD_NICE): RaisedPriority {
  const before = getPriority(0);
  const groupBefore = readAutogroupNice();
  try {
    setPriority(0, nice);
    for (const pid of pids) setPriority(pid, nice);
    if (groupBefore !== undefined) writeFileSync(AUTOGROUP, String(nice));
  } catch {
    setPriorityQuietly(0, before);
    if (groupBefore !== undefined) writeAutogroupQuietly(groupBefore);
    return { raised: false, restore: () => {} };
  }
  return {
    raised: true,
    restore: () => {
      setPriorityQuietly(0, before);
      if (groupBefore !== undefined) writeAutogroupQuietly(groupBefore);
    },
  };
}

/**
 * With the kernel's autogroup scheduling on (as here), a thread's nice value counts only against threads of its own
 * session; sessions share the CPU by their autogroup's nice. The bench's session holds just the client and the
 * servers it started, so that is raised too.
 */
const AUTOGROUP = '/proc/self/autogroup';

/** This session's autogroup nice ("/autogroup-5194 nice 0"), undefined without autogroup scheduling. */
function readAutogroupNice(): number | undefined {
  try {
    const match = / nice (-?\d+)/.exec(readFileSync(AUTOGROUP, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function writeAutogroupQuietly(nice: number): void {
  try {
    writeFileSync(AUTOGROUP, String(nice));
  } catch {
    // Raising an autogroup's nice back is always allowed; nothing else to undo.
  }
}

function setPriorityQuietly(pid: number, nice: number): void {
  try {
    setPriority(pid, nice);
  } catch {
    // Lowering one's own priority back is always allowed; a process that has exited needs nothing.
  }
}
