import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * `mkdir -p`, one level at a time from the nearest directory that exists. Node 20's `mkdir(dir, { recursive: true })`
 * never returns for a directory under `/proc` (it retries the ENOENT for ever), so a mistyped report path hung the
 * command where it should fail at once; made level by level, the kernel's ENOENT (or EACCES, ENOTDIR) comes back.
 *
 * @example
 * await makeDirectory('reports/pacts') // reports/ and reports/pacts/ exist
 * await makeDirectory('/proc/nope') // rejects: ENOENT: no such file or directory, mkdir '/proc/nope'
 */
export async function makeDirectory(directory: string): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(directory); ; current = dirname(current)) {
    const found = await stat(current).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (found) {
      if (!found.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${directory}'`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const level of missing) {
    await mkdir(level).catch((error: unknown) => {
      // Made meanwhile by someone else: as good as made here.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
  }
}
