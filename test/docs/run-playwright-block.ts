import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromiumLaunchOptions } from '../harness/chromium.js';
import { compileConsumerFile } from './compile-consumer-file.js';
import type { CodeBlock } from './readme-blocks.js';

const run = promisify(execFile);

/**
 * A block that imports `mfa-sandbox/playwright` is a spec file, as a `@playwright/test` user writes it: compiled with
 * `tsc --strict` where `mfa-sandbox/playwright` is this clone's source, then run by `playwright test` (the runner users
 * run, which reads the same tsconfig paths) with the bundled Chromium. It passes when the runner exits 0 and its JSON
 * report counts every test of the block as passed, none failed or skipped.
 */
export async function runPlaywrightBlock(block: CodeBlock, root: string, workDir: string): Promise<void> {
  const spec = `readme-line-${block.line}.spec.ts`;
  const report = join(workDir, `readme-line-${block.line}.report.json`);
  await writeFile(join(workDir, spec), block.code);
  await compileConsumerFile(root, workDir, join(workDir, spec), block.line);
  const browser = await chromiumLaunchOptions();
  const config = join(workDir, `readme-line-${block.line}.config.mjs`);
  await writeFile(
    config,
    `export default ${JSON.stringify({
      testDir: workDir,
      testMatch: spec,
      workers: 1,
      retries: 0,
      timeout: 60_000,
      reporter: [['json', { outputFile: report }]],
      outputDir: join(workDir, `readme-line-${block.line}-output`),
      use: { browserName: 'chromium', headless: true, launchOptions: browser },
    })};\n`,
  );
  const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', NO_COLOR: '1' };
  const output = await run(join(root, 'node_modules/.bin/playwright'), ['test', '--config', config], {
    cwd: workDir,
    env,
    timeout: 180_000,
    maxBuffer: 8 << 20,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, text: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, text: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  const stats = (JSON.parse(await readFile(report, 'utf8').catch(() => '{}')) as { stats?: { expected: number; unexpected: number; skipped: number } }).stats;
  const tests = [...block.code.matchAll(/^test\(/gm)].length;
  if (output.code !== 0 || !stats || stats.expected !== tests || stats.unexpected !== 0 || stats.skipped !== 0) {
    throw new Error(
      `README line ${block.line}: playwright test exited ${output.code} with ${JSON.stringify(stats)}; the block has ${tests} test(s)\n${output.text.slice(-3000)}`,
    );
  }
}
