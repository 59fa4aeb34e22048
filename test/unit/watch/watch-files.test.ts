import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
});
