import { mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS_DIR } from '../../../src/config.js';
import { readScenarios, type ScenarioFileData } from '../../../src/scenarios/load-scenarios.js';
import { CACHE_FILES_KEPT, openScenarioParseCache, toScenarioCacheFile } from '../../../src/scenarios/scenario-parse-cache.js';

/**
 * A start keeps the user's scenario files parsed and shape-checked, keyed by the SHA-256 of their text, so the next
 * start parses only what changed (src/scenarios/scenario-parse-cache.ts). What loads must be the file's content as it
 * is now, problems must be reported on every start, and the cache must never stop a start.
 */
const temp = (name: string) => mkdtemp(join(tmpdir(), `mfa-parse-cache-${name}-`));

/** A user scenarios directory with lerian scenarios of these descriptions. */
async function userScenarios(descriptions: Record<string, string>): Promise<string> {
  const dir = await temp('scenarios');
  await mkdir(join(dir, 'lerian'));
  for (const [name, description] of Object.entries(descriptions)) await writeFile(join(dir, 'lerian', `${name}.yaml`), `description: ${description}\n`);
  return dir;
}

/** One start's reading of the scenarios with the cache, saved as the app saves it; `false`: no build snapshot. */
async function start(cacheDir: string, dirs: string[]) {
  const cache = openScenarioParseCache(cacheDir, dirs);
  const reading = await readScenarios(dirs, ['lerian'], false, cache);
  cache.save();
  return reading;
}

async function cachedEntries(cacheDir: string, dirs: string[]): Promise<Record<string, ScenarioFileData>> {
  return (JSON.parse(await readFile(toScenarioCacheFile(cacheDir, dirs), 'utf8')) as { entries: Record<string, ScenarioFileData> }).entries;
}

describe('scenario parse cache', () => {
  it('keeps what a start parsed and gives each start a fresh copy of it', async () => {
    const cacheDir = await temp('cache');
    const cache = openScenarioParseCache(cacheDir, ['x']);
    expect(cache.take('description: a\n')).toBeUndefined();
    cache.keep('description: a\n', { description: 'a' });
    cache.save();

    const next = openScenarioParseCache(cacheDir, ['x']);
    const first = next.take('description: a\n');
    expect(first).toEqual({ description: 'a' });
    expect(next.take('description: a\n')).not.toBe(first); // no two scenarios share an object
    expect(next.take('description: a \n')).toBeUndefined(); // other bytes, no entry
    expect(openScenarioParseCache(cacheDir, ['y']).take('description: a\n')).toBeUndefined(); // other directories, another file
  });

  it('is what a start loads for a file whose text it holds (a planted entry is what loads)', async () => {
    const cacheDir = await temp('cache');
    const dir = await userScenarios({ mine: 'as written' });
    const planted = openScenarioParseCache(cacheDir, [dir]);
    planted.keep('description: as written\n', { description: 'planted' });
    planted.save();
    const { catalogue } = await start(cacheDir, [dir]);
    expect(catalogue.get('lerian')!.get('mine')!.description).toBe('planted');
  });

  it('holds after a start exactly the files it read, and an edited file is parsed anew', async () => {
    const cacheDir = await temp('cache');
    const dir = await userScenarios({ one: 'first', two: 'second' });
    const dirs = [SHIPPED_SCENARIOS_DIR, dir];
    const shipped = (await readdir(join(SHIPPED_SCENARIOS_DIR, 'lerian'))).filter((file) => file.endsWith('.yaml')).length;

    const cold = await start(cacheDir, dirs);
    expect(cold.problems).toEqual([]);
    expect(Object.values(await cachedEntries(cacheDir, dirs))).toHaveLength(shipped + 2);

    await writeFile(join(dir, 'lerian', 'two.yaml'), 'description: edited\n');
    const warm = await start(cacheDir, dirs);
    expect(warm.catalogue.get('lerian')!.get('two')!.description).toBe('edited');
    expect(warm.catalogue.get('lerian')!.get('one')!.description).toBe('first');
    const entries = Object.values(await cachedEntries(cacheDir, dirs));
    expect(entries).toHaveLength(shipped + 2); // the old text of two.yaml is gone with it
    expect(entries).toContainEqual({ description: 'edited' });
    expect(entries).not.toContainEqual({ description: 'second' });
  });

  it('keeps no broken file: its problem is reported on every start', async () => {
    const cacheDir = await temp('cache');
    const dir = await userScenarios({ good: 'fine' });
    await writeFile(join(dir, 'lerian', 'broken.yaml'), 'description: x\nworld: { colour: blue }\n');
    for (let run = 0; run < 2; run++) {
      const { problems } = await start(cacheDir, [dir]);
      expect(problems.map((problem) => problem.message)).toEqual([`${join(dir, 'lerian', 'broken.yaml')}#/world/colour: unknown field "colour"`]);
    }
    expect(Object.values(await cachedEntries(cacheDir, [dir]))).toEqual([{ description: 'fine' }]);
  });

  it('a damaged cache file is no cache, and the start writes a good one', async () => {
    const cacheDir = await temp('cache');
    const dir = await userScenarios({ mine: 'as written' });
    await writeFile(toScenarioCacheFile(cacheDir, [dir]), '{"format":1,"entries":{"abc":');
    const { catalogue } = await start(cacheDir, [dir]);
    expect(catalogue.get('lerian')!.get('mine')!.description).toBe('as written');
    expect(Object.values(await cachedEntries(cacheDir, [dir]))).toEqual([{ description: 'as written' }]);
  });

  it('a cache that cannot be written costs the next start its parsing, never the start', async () => {
    const blocked = join(await temp('cache'), 'a-file');
    await writeFile(blocked, 'not a directory');
    const dir = await userScenarios({ mine: 'as written' });
    const { catalogue, problems } = await start(blocked, [dir]);
    expect(problems).toEqual([]);
    expect(catalogue.get('lerian')!.get('mine')!.description).toBe('as written');
  });

  it(`keeps the ${CACHE_FILES_KEPT} most recently used cache files, and a start that used its file keeps it`, async () => {
    const cacheDir = await temp('cache');
    const old = new Date(Date.now() - 3_600_000);
    const used = await userScenarios({ mine: 'in use' });
    await start(cacheDir, [used]);
    const usedFile = toScenarioCacheFile(cacheDir, [used]);
    await utimes(usedFile, old, old);
    // Many directories (a test run making its own each time), each with a file older than the one in use...
    for (let index = 0; index < CACHE_FILES_KEPT; index++) {
      await start(cacheDir, [await userScenarios({ [`s${index}`]: `number ${index}` })]);
      const made = (await readdir(cacheDir)).map((name) => join(cacheDir, name));
      for (const file of made) if (file !== usedFile) await utimes(file, new Date(old.getTime() - 60_000), new Date(old.getTime() - 60_000));
    }
    // ...then a start that uses its file unchanged, then one more new directory: the oldest goes, not the one in use.
    await start(cacheDir, [used]);
    expect((await stat(usedFile)).mtimeMs).toBeGreaterThan(old.getTime());
    await start(cacheDir, [await userScenarios({ last: 'last' })]);
    const files = await readdir(cacheDir);
    expect(files).toHaveLength(CACHE_FILES_KEPT);
    expect(files).toContain(usedFile.slice(cacheDir.length + 1));
  });
});
