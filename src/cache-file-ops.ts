import { rmSync, utimesSync } from 'node:fs';

/**
 * File operations on caches (parsed scenario files, compiled code), where a failure costs only the cache: nothing is
 * thrown.
 */

/** Removed if there; a file that is not there, or whose directory cannot be reached, is as good as removed. */
export function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // not there, or its directory cannot be reached either
  }
}

/** Marked as used now (its mtime), for pruning by last use; a read-only file is pruned sooner and made again then. */
export function touchQuietly(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // read-only: still a cache
  }
}
