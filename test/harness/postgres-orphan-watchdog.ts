import { spawn } from 'node:child_process';

/**
 * PostgreSQL has no "die with my parent": a test process killed outright (SIGKILL, an OOM kill, a CI timeout) would
 * leave its server running and its data on disk. This watchdog, a tiny `sh` loop started beside the server, waits for
 * the test process to disappear (or the data to be deleted by a normal close()), then shuts the server down by the
 * PID in its postmaster.pid (so it also covers a server restarted with a new PID) and deletes the data.
 * It ignores SIGINT, SIGTERM and SIGHUP, so a Ctrl-C to the whole process group cannot take it down before it did its
 * job; stop() ends it by its PID with SIGKILL.
 */
const WATCHDOG_SCRIPT = `
trap '' INT TERM HUP
owner=$1 data=$2 root=$3
# A zombie (dead, not yet reaped by whoever inherited it) answers kill -0: read its state where /proc exists.
alive() {
  if [ -d /proc/self ]; then [ -r "/proc/$1/stat" ] && ! grep -q ') Z ' "/proc/$1/stat" 2>/dev/null
  else kill -0 "$1" 2>/dev/null; fi
}
while alive "$owner" && [ -d "$root" ]; do sleep 1; done
[ -d "$root" ] || exit 0
pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
if [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; then
  i=0
  while alive "$pid" && [ $i -lt 40 ]; do sleep 0.25; i=$((i + 1)); done
  kill -KILL "$pid" 2>/dev/null
fi
rm -rf "$root"
`;

export interface OrphanWatchdog {
  /** The watchdog's PID (for tests that check it is gone). */
  pid: number | undefined;
  /** End the watchdog: the caller has stopped the server and deletes the data itself. */
  stop(): void;
}

/**
 * Watch this process; when it is gone, stop the server whose data directory is `dataDir` and delete `root`.
 *
 * @example
 * const watchdog = startOrphanWatchdog({ root, dataDir: join(root, 'data') });
 * // ... later, after stopping the server yourself:
 * watchdog.stop();
 */
export function startOrphanWatchdog(paths: { root: string; dataDir: string }): OrphanWatchdog {
  const child = spawn('sh', ['-c', WATCHDOG_SCRIPT, 'postgres-orphan-watchdog', String(process.pid), paths.dataDir, paths.root], {
    stdio: 'ignore',
  });
  // It must never keep the test process alive, nor fail it: a missing `sh` only loses the safety net.
  child.unref();
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
