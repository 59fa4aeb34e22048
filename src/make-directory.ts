import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, one level at a time from the nearest directory that exists. Node 20's `mkdir(dir, { recursive: true })`
 * (and `mkdirSync`) never returns for a directory under `/proc` (it retries the ENOENT for ever), so a mistyped report
 * path hung the command where it should fail at once; made level by level, the kernel's ENOENT (or EACCES, ENOTDIR)
 * comes back. Synchronous, for writes that cannot wait (a process's `exit` handler) and because a few stat calls
 * block nothing worth the asynchronous version's code.
 *
 * @example
 * makeDirectorySync('reports/pacts') // reports/ and reports/pacts/ exist
 * makeDirectorySync('/proc/nope') // throws: ENOENT: no such file or directory, mkdir '/proc/nope'
 */
export function makeDirectorySync(directory: string): void {
  const missing: string[] = [];
  for (let current = resolve(directory); ; current = dirname(current)) {
    const found = statSync(current, { throwIfNoEntry: false });
    if (found) {
      if (!found.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${directory}'`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      // Made meanwhile by someone else: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** makeDirectorySync for callers that await (report files): a rejection carries the same error. */
export async function makeDirectory(directory: string): Promise<void> {
  makeDirectorySync(directory);
}
