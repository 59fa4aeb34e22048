import { constants } from 'node:fs';
import { access, open, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
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
