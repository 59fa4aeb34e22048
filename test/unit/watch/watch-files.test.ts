import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isEditorTempFile, watchFiles } from '../../../src/watch/watch-files.js';

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('isEditorTempFile', () => {
  it.each([
    '.default.yaml.swp',
    '.default.yaml.swx',
    'default.yaml~',
    '#default.yaml#',
    '.#default.yaml',
    '4913',
    'default.yaml.tmp',
    'x.yaml.crswap',
    'x.yaml___jb_tmp___',
    'sed09WDWm',
  ])('%s is an editor temp file', (name) => expect(isEditorTempFile(name)).toBe(true));
  it.each(['default.yaml', 'org-enforced.yml', 'lerian.openapi.yaml', 'lerian'])('%s is not', (name) => expect(isEditorTempFile(name)).toBe(false));
});

describe('watchFiles', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('reports one burst of changes once, in subfolders too, ignoring editor temp files and paths not accepted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-watch-'));
    await mkdir(join(dir, 'lerian'));
    const batches: string[][] = [];
    stop = watchFiles([{ dir, recursive: true, accepts: (path) => !path.endsWith('.txt') }], {
      quietMs: 50,
      onChange: (paths) => batches.push(paths),
      onError: (_dir, error) => {
        throw error;
      },
    });
    await writeFile(join(dir, 'lerian', '.x.yaml.swp'), 'swap');
    await writeFile(join(dir, 'notes.txt'), 'not a scenario');
    await writeFile(join(dir, 'lerian', 'x.yaml'), 'description: one');
    await writeFile(join(dir, 'lerian', 'x.yaml'), 'description: two');
    await until(() => batches.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 150)); // no second batch follows for the same burst
    expect(batches).toEqual([[join(dir, 'lerian', 'x.yaml')]]);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps seeing a file after it was replaced by rename (sed -i, safe-write editors), and files in a folder made after the start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-watch-'));
    await mkdir(join(dir, 'lerian'));
    const file = join(dir, 'lerian', 'x.yaml');
    await writeFile(file, 'description: one');
    const seen: string[] = [];
    stop = watchFiles([{ dir, recursive: true }], {
      quietMs: 30,
      onChange: (paths) => seen.push(...paths),
      onError: (_dir, error) => {
        throw error;
      },
    });
    const seenAfter = async (change: () => Promise<void>, path: string) => {
      seen.length = 0;
      await change();
      await until(() => seen.includes(path));
    };
    await seenAfter(async () => {
      await writeFile(join(dir, 'lerian', 'sedAb12Cd'), 'description: two');
      await rename(join(dir, 'lerian', 'sedAb12Cd'), file);
    }, file);
    expect(seen).toEqual([file]);
    // The save after a rename is the one Node's own recursive watch on Linux missed.
    await seenAfter(() => writeFile(file, 'description: three'), file);
    await seenAfter(() => writeFile(file, 'description: four'), file);
    await seenAfter(() => mkdir(join(dir, 'genauth')), join(dir, 'genauth'));
    await seenAfter(() => writeFile(join(dir, 'genauth', 'y.yaml'), 'description: new'), join(dir, 'genauth', 'y.yaml'));
    // A removed folder is reported as itself: its own watch once reported it as an entry of itself (genauth/genauth).
    await mkdir(join(dir, 'extra'));
    await until(() => seen.includes(join(dir, 'extra')));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await seenAfter(() => rm(join(dir, 'extra'), { recursive: true }), join(dir, 'extra'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([join(dir, 'extra')]);
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['moved away and replaced by a copy', (dir: string) => rename(dir, `${dir}.old`).then(() => cp(`${dir}.old`, dir, { recursive: true }))],
    ['removed and made again', (dir: string) => rm(dir, { recursive: true }).then(() => mkdir(join(dir, 'lerian'), { recursive: true }))],
  ])('follows the watched directory when it is %s, and no longer reports the old one', async (_how, replace) => {
    const parent = await mkdtemp(join(tmpdir(), 'mfa-watch-'));
    const dir = join(parent, 'my');
    await mkdir(join(dir, 'lerian'), { recursive: true });
    const seen: string[] = [];
    const errors: string[] = [];
    stop = watchFiles([{ dir, recursive: true }], {
      quietMs: 30,
      onChange: (paths) => seen.push(...paths),
      onError: (_dir, error) => errors.push(error.message),
    });
    await replace(dir);
    await until(() => seen.includes(dir));
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen.length = 0;
    // A file in the new directory's subfolder is seen under the watched name; anything left of the old one is not.
    await writeFile(join(dir, 'lerian', 'new.yaml'), 'description: new');
    await until(() => seen.includes(join(dir, 'lerian', 'new.yaml')));
    await rm(`${dir}.old`, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([join(dir, 'lerian', 'new.yaml')]);
    expect(errors).toEqual([]);
    await rm(parent, { recursive: true, force: true });
  });

  it('follows a flat directory (the specs) removed and copied back', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mfa-watch-'));
    const dir = join(parent, 'specs');
    await mkdir(dir);
    await writeFile(join(dir, 'lerian.openapi.yaml'), 'openapi: 3.1.0');
    await cp(dir, `${dir}.bak`, { recursive: true });
    const seen: string[] = [];
    stop = watchFiles([{ dir, recursive: false, accepts: (path) => path.endsWith('.openapi.yaml') }], {
      quietMs: 30,
      onChange: (paths) => seen.push(...paths),
      onError: (_dir, error) => {
        throw error;
      },
    });
    await rm(dir, { recursive: true });
    await until(() => seen.includes(dir));
    await cp(`${dir}.bak`, dir, { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen.length = 0;
    await writeFile(join(dir, 'lerian.openapi.yaml'), 'openapi: 3.1.1');
    await until(() => seen.includes(join(dir, 'lerian.openapi.yaml')));
    expect(seen).toEqual([join(dir, 'lerian.openapi.yaml')]);
    await rm(parent, { recursive: true, force: true });
  });
});
