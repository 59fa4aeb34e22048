import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { toCodeBlocks } from './readme-blocks.js';
import { startNpmStart, type ReadmeServer } from './readme-server.js';
import { runReadmeBlock, type ReadmeRun } from './run-readme-block.js';

/**
 * The README is a contract: every code block in it is run, in order, and what it says it prints is checked. Shell
 * blocks run their commands (`npm start` for real, `curl` against it, `npx mfa-sandbox` as a process), scenario
 * blocks go through `mfa-sandbox check`, TypeScript blocks are compiled with `tsc --strict` and run. A README edit
 * that breaks a block fails `npm test`.
 */
const ROOT = process.cwd();
const BLOCKS = toCodeBlocks(await readFile(join(ROOT, 'README.md'), 'utf8'));
const WORK_DIR = join(ROOT, 'test-results', 'readme-consumer');

let server: Promise<ReadmeServer> | undefined;
const readme: ReadmeRun = {
  root: ROOT,
  workDir: WORK_DIR,
  server: () => (server ??= startNpmStart(ROOT)),
  captured: new Map(),
};

beforeAll(async () => {
  // A consumer's project inside the clone: `mfa-sandbox` is installed as a link to this checkout, as `npm install`
  // of the package would leave it, so `npx mfa-sandbox` runs this code, never a download.
  await rm(WORK_DIR, { recursive: true, force: true });
  await mkdir(join(WORK_DIR, 'node_modules'), { recursive: true });
  await writeFile(join(WORK_DIR, 'package.json'), JSON.stringify({ name: 'readme-consumer', private: true, type: 'module' }));
  await symlink(ROOT, join(WORK_DIR, 'node_modules', 'mfa-sandbox'));
  await mkdir(join(WORK_DIR, 'node_modules', '.bin'));
  await symlink('../mfa-sandbox/bin/mfa-sandbox.js', join(WORK_DIR, 'node_modules', '.bin', 'mfa-sandbox'));
});

afterAll(async () => {
  await (await server)?.stop();
});

describe('README.md', () => {
  for (const block of BLOCKS) {
    it(`line ${block.line} (${block.heading}): ${block.lang || 'text'} block`, () => runReadmeBlock(block, readme), 300_000);
  }
});
