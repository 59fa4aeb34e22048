import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeCache } from '../../../src/launch/run-with-code-cache.js';

const RUNNER = fileURLToPath(new URL('../../../src/launch/run-with-code-cache.ts', import.meta.url));

/** A CommonJS file as the bundle is one: it reads its module wrapper's arguments and requires a file beside it. */
const SCRIPT = `
const { basename } = require('node:path');
module.exports.loaded = true;
process.stdout.write(JSON.stringify({ file: basename(__filename), dir: __dirname, exportsIsThis: this === module.exports, sibling: require('./sibling.cjs') }));
`;

let dir: string;
let script: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-code-cache-'));
  script = join(dir, 'server.bundle.cjs');
  await writeFile(script, SCRIPT);
  await writeFile(join(dir, 'sibling.cjs'), "module.exports = 'beside';");
});

afterEach(() => rm(dir, { recursive: true, force: true }));

/** A process that runs `script` through runWithCodeCache, as dist/src/main.bundle.js does; its debug lines and output. */
function run(cache: CodeCache | undefined) {
  const code = `import { runWithCodeCache } from ${JSON.stringify(RUNNER)}; runWithCodeCache(${JSON.stringify(script)}, ${JSON.stringify(cache ?? null)} ?? undefined);`;
  const ran = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'mfa-sandbox' },
    timeout: 30_000,
  });
  return { status: ran.status, output: ran.stdout, debug: ran.stderr.split('\n').filter((line) => line.startsWith('MFA-SANDBOX')) };
}

const EXPECTED_OUTPUT = () => JSON.stringify({ file: 'server.bundle.cjs', dir, exportsIsThis: true, sibling: 'beside' });

describe('running the bundle with its compiled code kept', () => {
  it('runs the file as a CommonJS module, keeps its compiled code at exit and uses it on the next run', async () => {
    const cache = { file: join(dir, 'cache', 'compiled', 'abc-serve.v8'), buildPrefix: 'abc-' };
    const first = run(cache);
    expect(first.status).toBe(0);
    expect(first.output).toBe(EXPECTED_OUTPUT());
    expect(first.debug).toEqual([expect.stringMatching(/abc-serve\.v8: none yet, written at exit$/), expect.stringMatching(/abc-serve\.v8: written$/)]);
    expect((await readFile(cache.file)).length).toBeGreaterThan(0);

    const second = run(cache);
    expect(second.output).toBe(EXPECTED_OUTPUT());
    expect(second.debug).toEqual([expect.stringMatching(/abc-serve\.v8: used$/)]);
  });

  it('a cache V8 refuses (damaged, another V8) is written anew, and the run goes on as without', async () => {
    const cache = { file: join(dir, 'abc-serve.v8'), buildPrefix: 'abc-' };
    await writeFile(cache.file, Buffer.alloc(4096, 7));
    const refused = run(cache);
    expect(refused.output).toBe(EXPECTED_OUTPUT());
    expect(refused.debug).toEqual([expect.stringMatching(/refused by V8, written anew at exit$/), expect.stringMatching(/written$/)]);
    expect(run(cache).debug).toEqual([expect.stringMatching(/abc-serve\.v8: used$/)]);
  });

  it("removes other builds' files when it writes, and leaves files that are not caches", async () => {
    await writeFile(join(dir, 'old-serve.v8'), 'an older build');
    await writeFile(join(dir, 'abc-check.v8'), 'this build, another command');
    run({ file: join(dir, 'abc-serve.v8'), buildPrefix: 'abc-' });
    expect((await readdir(dir)).sort()).toEqual(['abc-check.v8', 'abc-serve.v8', 'server.bundle.cjs', 'sibling.cjs']);
  });

  it('a cache that cannot be written is no cache: the run succeeds and says why in the debug lines', async () => {
    const blocked = join(dir, 'not-a-directory');
    await writeFile(blocked, '');
    const ran = run({ file: join(blocked, 'compiled', 'abc-serve.v8'), buildPrefix: 'abc-' });
    expect(ran.status).toBe(0);
    expect(ran.output).toBe(EXPECTED_OUTPUT());
    expect(ran.debug[1]).toMatch(/not written \(ENOTDIR/);
  });

  it('without a cache (off) it only runs the file', async () => {
    const ran = run(undefined);
    expect(ran.output).toBe(EXPECTED_OUTPUT());
    expect(ran.debug).toEqual([expect.stringMatching(/code cache off$/)]);
    expect((await readdir(dir)).sort()).toEqual(['server.bundle.cjs', 'sibling.cjs']);
  });
});
