import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packProjectOnce } from '../harness/packed-install.js';
import type { CodeBlock } from './readme-blocks.js';

const run = promisify(execFile);

/**
 * A `js` block that requires `mfa-sandbox` is a Jest test file as a team writes it: run by Jest (this checkout's
 * devDependency) in a CommonJS project of its own (no `"type": "module"`, Jest's default config), where
 * `node_modules/mfa-sandbox` is the package as published: this checkout packed (once per test run, shared with the
 * packed-package test), unpacked there. Its dependencies resolve from this checkout's node_modules, above the project.
 * Not a link to the checkout: its CommonJS entry is built (dist/), which a fresh clone has not, and which a pack in
 * another test removes and rebuilds. It passes when Jest exits 0, its JSON report counts every test of the block as
 * passed, and nothing is left open (`--detectOpenHandles` reports nothing).
 */
export async function runJestBlock(block: CodeBlock, root: string, workDir: string): Promise<void> {
  const project = join(workDir, `jest-line-${block.line}`);
  await rm(project, { recursive: true, force: true });
  await mkdir(join(project, 'node_modules', 'mfa-sandbox'), { recursive: true });
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'readme-jest-consumer', private: true }));
  await run('tar', ['-xzf', await packProjectOnce(), '--strip-components=1', '-C', join(project, 'node_modules', 'mfa-sandbox')]);
  await writeFile(join(project, 'mfa.test.js'), block.code);
  const report = join(project, 'report.json');
  const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const finished = await run(process.execPath, [jest, '--ci', '--rootDir', project, '--json', '--outputFile', report, '--detectOpenHandles'], {
    cwd: project,
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
    timeout: 120_000,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`README line ${block.line}: jest failed\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`, { cause: error });
  });
  const results = JSON.parse(await readFile(report, 'utf8')) as { numTotalTests: number; numPassedTests: number; success: boolean };
  const tests = (block.code.match(/^test\(/gm) ?? []).length;
  if (!results.success || results.numTotalTests !== tests || results.numPassedTests !== tests) {
    throw new Error(
      `README line ${block.line}: jest passed ${results.numPassedTests} of ${results.numTotalTests} tests, expected ${tests}\n${finished.stderr}`,
    );
  }
  if (/open handle/i.test(finished.stderr)) throw new Error(`README line ${block.line}: jest found open handles\n${finished.stderr}`);
}
