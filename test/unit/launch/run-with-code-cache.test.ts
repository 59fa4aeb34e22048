import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEPT_CACHE_FILES, type CodeCache } from '../../../src/launch/run-with-code-cache.js';

const RUNNER = fileURLToPath(new URL('../../../src/launch/run-with-code-cache.ts', import.meta.url));

/** A CommonJS file as the bundle is one: it reads its module wrapper's arguments and requires a file beside it. */
const SCRIPT = `
const { basename } = require('node:path');
module.exports.loaded = true;
const greet = (name) => 'hello ' + name;
process.stdout.write(JSON.stringify({ file: basename(__filename), dir: __dirname, exportsIsThis: this === module.exports, sibling: require('./sibling.cjs'), greeting: greet('ada') }));
`;

let dir: string;
let script: string;
let cache: CodeCache;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-code-cache-'));
  script = join(dir, 'server.bundle.cjs');
  await writeFile(script, SCRIPT);
  await writeFile(join(dir, 'sibling.cjs'), "module.exports = 'beside';");
  cache = { file: join(dir, 'cache', 'compiled', 'abc-serve.v8') };
});

afterEach(() => rm(dir, { recursive: true, force: true }));

/** A process that runs `script` through runWithCodeCache, as dist/src/main.bundle.js does; its debug lines and output. */
function run(codeCache: CodeCache | null = cache) {
  const code = `import { runWithCodeCache } from ${JSON.stringify(RUNNER)}; runWithCodeCache(${JSON.stringify(script)}, ${JSON.stringify(codeCache)} ?? undefined);`;
  const ran = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'mfa-sandbox' },
    timeout: 30_000,
  });
  const debug = ran.stderr.split('\n').flatMap((line) => /^MFA-SANDBOX \d+: code cache (?:\S+: )?(.*)$/.exec(line)?.[1] ?? []);
  return { status: ran.status, output: ran.stdout, debug };
}

const expectedOutput = (greeting = 'hello ada') => JSON.stringify({ file: 'server.bundle.cjs', dir, exportsIsThis: true, sibling: 'beside', greeting });

describe('running the bundle with its compiled code kept', () => {
  it('runs the file as a CommonJS module, keeps its compiled code at exit and uses it on the next run', async () => {
    const first = run();
    expect(first.status).toBe(0);
    expect(first.output).toBe(expectedOutput());
    expect(first.debug).toEqual(['none yet, written at exit', 'written']);
    expect((await readFile(cache.file)).length).toBeGreaterThan(24);

    const second = run();
    expect(second.output).toBe(expectedOutput());
    expect(second.debug).toEqual(['used']);
  });

  it('a file damaged past its header is not handed to V8 (it accepted such bytes and crashed), and is written anew', async () => {
    run();
    const bytes = await readFile(cache.file);
    bytes.writeUInt32BE(0xdeadbeef, 100);
    await writeFile(cache.file, bytes);
    const damaged = run();
    expect(damaged.status).toBe(0);
    expect(damaged.output).toBe(expectedOutput());
    expect(damaged.debug).toEqual(['damaged, written at exit', 'written']);
    expect(run().debug).toEqual(['used']);
  });

  it('other files at its place are no cache: random bytes, an empty file, a truncated one', async () => {
    run(); // a good one, in a directory made for it
    const good = await readFile(cache.file);
    for (const [bytes, problem] of [
      [Buffer.alloc(4096, 7), 'not a cache file of this format'],
      [Buffer.alloc(0), 'not a cache file of this format'],
      [good.subarray(0, good.length - 10), 'damaged'],
    ] as const) {
      await writeFile(cache.file, bytes);
      expect(run().debug).toEqual([`${problem}, written at exit`, 'written']);
    }
  });

  it('a cache V8 refuses (compiled by another V8, or under other flags) is written anew', async () => {
    // The same file under a flag that changes what V8 compiles: V8's own check refuses the data.
    run();
    const code = `import { runWithCodeCache } from ${JSON.stringify(RUNNER)}; runWithCodeCache(${JSON.stringify(script)}, ${JSON.stringify(cache)});`;
    const ran = spawnSync(process.execPath, ['--no-lazy', '--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'mfa-sandbox' },
      timeout: 30_000,
    });
    expect(ran.stdout).toBe(expectedOutput());
    expect(ran.stderr).toMatch(/abc-serve\.v8: refused by V8, written at exit/);
  });

  it('an edited bundle of the same length runs its new code: the cache names the file it was compiled from', async () => {
    run();
    await writeFile(script, SCRIPT.replace("'hello '", "'howdy '"));
    const edited = run();
    expect(edited.output).toBe(expectedOutput('howdy ada'));
    expect(edited.debug).toEqual(['compiled from another file, written at exit', 'written']);
  });

  it('a bundle edited into bytes outside ASCII (the build writes ASCII) is read as UTF-8, with or without its kept code', async () => {
    await writeFile(script, SCRIPT.replace("'hello '", "'grüß 👋 '"));
    expect(run().output).toBe(expectedOutput('grüß 👋 ada'));
    const second = run();
    expect(second.output).toBe(expectedOutput('grüß 👋 ada'));
    expect(second.debug).toEqual(['used']);
  });

  it('a FIFO at its place is not read (the read would wait for a writer for ever)', async () => {
    run();
    await rm(cache.file);
    expect(spawnSync('mkfifo', [cache.file]).status).toBe(0);
    const ran = run();
    expect(ran.status).toBe(0);
    expect(ran.debug).toEqual(['not a file, written at exit', 'written']);
  });

  it(`keeps the ${KEPT_CACHE_FILES} most recently used files of the directory, and a used one counts as used`, async () => {
    run();
    const compiled = join(dir, 'cache', 'compiled');
    const old = new Date(Date.now() - 3600_000 * 24);
    for (let index = 0; index < KEPT_CACHE_FILES + 2; index++) {
      const file = join(compiled, `other${index}-serve.v8`);
      await writeFile(file, 'another build');
      await utimes(file, old, new Date(old.getTime() + index * 1000));
    }
    await utimes(cache.file, old, old); // the oldest of all
    expect(run().debug).toEqual(['used']);
    expect((await stat(cache.file)).mtimeMs).toBeGreaterThan(Date.now() - 60_000);

    const leftover = join(compiled, 'abc-check.v8.123.tmp');
    const fresh = join(compiled, 'abc-check.v8.456.tmp');
    await writeFile(leftover, 'a writer that died');
    await utimes(leftover, old, old);
    await writeFile(fresh, 'a writer at work');
    run({ file: join(compiled, 'abc-check.v8') });
    const names = (await readdir(compiled)).sort();
    expect(names.filter((name) => name.endsWith('.v8'))).toEqual(
      ['abc-check.v8', 'abc-serve.v8', ...Array.from({ length: KEPT_CACHE_FILES - 2 }, (_, index) => `other${index + 4}-serve.v8`)].sort(),
    );
    expect(names).toContain('abc-check.v8.456.tmp');
    expect(names).not.toContain('abc-check.v8.123.tmp');
  });

  it('a cache that cannot be written is no cache: the run succeeds and says why in the debug lines', async () => {
    const blocked = join(dir, 'not-a-directory');
    await writeFile(blocked, '');
    const ran = run({ file: join(blocked, 'compiled', 'abc-serve.v8') });
    expect(ran.status).toBe(0);
    expect(ran.output).toBe(expectedOutput());
    expect(ran.debug[1]).toMatch(/^not written \(ENOTDIR/);
  });

  it('without a cache (off) it only runs the file', async () => {
    const ran = run(null);
    expect(ran.output).toBe(expectedOutput());
    expect(ran.debug).toEqual(['off']);
    expect((await readdir(dir)).sort()).toEqual(['server.bundle.cjs', 'sibling.cjs']);
  });
});
