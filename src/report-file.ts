import { constants, readlinkSync, realpathSync, statSync } from 'node:fs';
import { access, open, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { makeDirectory } from './make-directory.js';

/**
 * Make sure a report can be written at `path` before the work it reports on starts (a CI run should not verify every
 * pact, or run a conformance catalogue, and only then learn that its `--junit` path is wrong). Makes the directory
 * if missing, then opens the very file for writing: an existing file without truncating it, a new one by creating it
 * and removing it again. Permission bits alone do not tell (root passes every `access` check, and `/proc` or a
 * read-only mount refuse what they allow). Throws an error whose message says why not.
 *
 * @example
 * await checkReportFileWritable('reports/pacts.xml') // resolves, and reports/ exists
 * await checkReportFileWritable('/proc/nope/x.xml') // rejects: ENOENT: no such file or directory, mkdir '/proc/nope'
 */
export async function checkReportFileWritable(path: string): Promise<void> {
  // The usual word for standard output, which carries the text report here: a file named "-" would surprise.
  if (path === '-') throw new Error('"-" is no file; standard output carries the text report, so give the report a file path');
  await makeDirectory(dirname(path));
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error('it is a directory');
  if (existing) {
    await access(path, constants.W_OK);
    await (await open(path, 'r+')).close();
    return;
  }
  await (await open(path, 'wx')).close();
  await unlink(path);
}

/**
 * Whether two paths name one file, `..`, symbolic links and hard links followed: two report flags on one file would
 * each replace the other.
 *
 * @example
 * isSameFilePath('out/report.json', './out/../out/report.json') // true
 * isSameFilePath('link-to-har.json', 'traffic.har') // true when link-to-har.json is a symbolic link to traffic.har
 */
export function isSameFilePath(a: string, b: string): boolean {
  return toFileIdentity(a) === toFileIdentity(b);
}

/**
 * What tells one file from another: for a file that exists, its device and inode (two hard links to a pact have
 * different real paths, and a report written through one replaced the pact: found by a tester's `ln`); for one that
 * does not exist yet, its real path.
 */
export function toFileIdentity(path: string): string {
  try {
    const { dev, ino } = statSync(path);
    return `inode ${dev}:${ino}`;
  } catch {
    return `path ${toRealFilePath(path)}`;
  }
}

/**
 * The absolute path of the file `path` names, `..` and symbolic links followed; a path that does not exist yet is
 * read through its nearest existing directory, and a link to a file not made yet through the link.
 */
export function toRealFilePath(path: string, linksLeft = 40): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    // A dangling symbolic link: writing to it makes the file it points at.
    const target = linksLeft > 0 ? readLink(absolute) : undefined;
    if (target !== undefined) return toRealFilePath(resolve(dirname(absolute), target), linksLeft - 1);
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(toRealFilePath(parent, linksLeft), basename(absolute));
  }
}

function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
