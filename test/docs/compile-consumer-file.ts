import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Write the consumer folder's tsconfig.json, where every `mfa-sandbox` entry point is this clone's source, and compile
 * `file` with `tsc --strict`, as a user's project would; throws with tsc's output, naming the README line.
 */
export async function compileConsumerFile(root: string, workDir: string, file: string, line: number): Promise<void> {
  await writeFile(
    join(workDir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        skipLibCheck: true,
        types: ['node'],
        paths: {
          'mfa-sandbox': [join(root, 'src/index.ts')],
          'mfa-sandbox/msw': [join(root, 'src/msw/create-mfa-handlers.ts')],
          'mfa-sandbox/playwright': [join(root, 'src/playwright/sandbox-fixture.ts')],
          'mfa-sandbox/types/*': [join(root, 'src/types/*.ts')],
        },
      },
      files: [file],
    }),
  );
  await run(join(root, 'node_modules/.bin/tsc'), ['-p', join(workDir, 'tsconfig.json')], { cwd: workDir }).catch((error: { stdout?: string }) => {
    throw new Error(`README line ${line}: the block does not compile with tsc --strict:\n${error.stdout}`);
  });
}
