import { join } from 'node:path';
import { BIN, startChildServer, type ChildServer } from '../harness/child-server.js';
import { composeEnv, readComposeFile, sandboxReplicas } from '../harness/compose-file.js';
import { createTestDatabase, type TestDatabase } from '../harness/postgres-test-database.js';
import type { CodeBlock } from './readme-blocks.js';
import type { ReadmeRun } from './run-readme-block.js';
import { runCurlAt } from './run-curl.js';
import { toShellSteps } from './shell-steps.js';

/**
 * The compose block, without a container engine: `docker compose up --build -d` starts every replica compose.yaml
 * builds from the Dockerfile as its own `serve` process with that service's environment (the file's defaults), its
 * state URL pointed at a database of its own on the test run's PostgreSQL, and on a free loopback port; each `curl`
 * goes to the next replica in turn, as the load balancer's round robin sends it; `docker compose down` stops them.
 * (HAProxy itself and the images are checked by test/package/deployment-files.test.ts and the Docker block.)
 */
export async function runComposeBlock(block: CodeBlock, readme: ReadmeRun): Promise<void> {
  let replicas: ChildServer[] = [];
  let database: TestDatabase | undefined;
  let turn = 0;
  try {
    for (const step of toShellSteps(block.code)) {
      if (step.command === 'docker compose up --build -d') {
        database = await createTestDatabase();
        replicas = await startReplicas(readme.root, database.url);
      } else if (step.command.startsWith('curl ')) {
        if (replicas.length === 0) throw new Error(`README line ${block.line}: curl before "docker compose up"`);
        const replica = replicas[turn++ % replicas.length]!;
        await runCurlAt(step.command, step.expected, new URL(replica.url).host, readme.captured, readme.workDir);
      } else if (step.command === 'docker compose down') {
        await Promise.all(replicas.map((replica) => replica.stop()));
        replicas = [];
      } else {
        throw new Error(`README line ${block.line}: no executor for the compose block command: ${step.command}`);
      }
    }
    if (replicas.length > 0) throw new Error(`README line ${block.line}: the compose block must end with "docker compose down"`);
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await database?.drop();
  }
}

function startReplicas(root: string, stateUrl: string): Promise<ChildServer[]> {
  const replicas = sandboxReplicas(readComposeFile(root));
  if (replicas.length < 2) throw new Error(`compose.yaml builds ${replicas.length} sandbox replica(s); the README promises two`);
  return Promise.all(
    replicas.map(([, service]) =>
      startChildServer(BIN('tsx'), [join(root, 'src/main.ts'), 'serve'], {
        ready: /listening: .* at (http:\/\/[^/\s]+)/,
        env: { ...composeEnv(service), MFA_SANDBOX_STATE_URL: stateUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' },
      }),
    ),
  );
}
