import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReportFileWritable, isSameFilePath } from '../../src/report-file.js';

describe('checkReportFileWritable', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mfa-report-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('makes a missing directory and leaves no file behind', async () => {
    await checkReportFileWritable(join(dir, 'reports', 'pacts.xml'));
    expect(await readdir(join(dir, 'reports'))).toEqual([]);
  });

  it('leaves an existing report as it was (a later run overwrites it, this check does not)', async () => {
    await writeFile(join(dir, 'old.json'), '{"kept":true}');
    await checkReportFileWritable(join(dir, 'old.json'));
    expect(await readFile(join(dir, 'old.json'), 'utf8')).toBe('{"kept":true}');
  });

  it('refuses a directory, a path below a file, and a name the file system will not create in a writable directory', async () => {
    await mkdir(join(dir, 'a-dir'));
    await expect(checkReportFileWritable(join(dir, 'a-dir'))).rejects.toThrow('it is a directory');
    await writeFile(join(dir, 'a-file'), '');
    await expect(checkReportFileWritable(join(dir, 'a-file', 'x.xml'))).rejects.toThrow(/^E[A-Z]+/);
    await expect(checkReportFileWritable(join(dir, `${'r'.repeat(300)}.xml`))).rejects.toThrow(/ENAMETOOLONG/);
  });

  it('makes several missing levels, and fails at once (no hang) for a directory the kernel will not make', async () => {
    await checkReportFileWritable(join(dir, 'deep', 'er', 'x.xml'));
    expect(await readdir(join(dir, 'deep'))).toEqual(['er']);
    // Node 20's recursive mkdir retried this for ever; the test's timeout is the proof it returns.
    if (process.platform === 'linux') await expect(checkReportFileWritable('/proc/mfa-sandbox-nope/deeper/x.xml')).rejects.toThrow(/ENOENT|EACCES/);
  }, 5_000);
});

describe('isSameFilePath', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mfa-same-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sees one file through `..`, a symbolic link to it, a link to a file not made yet, and a linked directory', async () => {
    await writeFile(join(dir, 'traffic.har'), '{}');
    await symlink(join(dir, 'traffic.har'), join(dir, 'link.json'));
    await symlink('later.json', join(dir, 'dangling.json')); // relative, to a file nobody has written yet
    await mkdir(join(dir, 'real'));
    await symlink(join(dir, 'real'), join(dir, 'linked-dir'));
    expect(isSameFilePath(join(dir, 'traffic.har'), join(dir, 'real', '..', 'traffic.har'))).toBe(true);
    expect(isSameFilePath(join(dir, 'link.json'), join(dir, 'traffic.har'))).toBe(true);
    expect(isSameFilePath(join(dir, 'dangling.json'), join(dir, 'later.json'))).toBe(true);
    expect(isSameFilePath(join(dir, 'linked-dir', 'new.json'), join(dir, 'real', 'new.json'))).toBe(true);
    expect(isSameFilePath(join(dir, 'traffic.har'), join(dir, 'report.json'))).toBe(false);
  });

  it('sees one file under two hard links, and tells two files of one content apart', async () => {
    await writeFile(join(dir, 'pact.json'), '{"interactions":[]}');
    await link(join(dir, 'pact.json'), join(dir, 'hard.json'));
    await writeFile(join(dir, 'copy.json'), '{"interactions":[]}');
    expect(isSameFilePath(join(dir, 'hard.json'), join(dir, 'pact.json'))).toBe(true);
    expect(isSameFilePath(join(dir, 'copy.json'), join(dir, 'pact.json'))).toBe(false);
  });
});
