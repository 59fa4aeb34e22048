import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from './bench-targets.js';
import type { ServerCommand } from './server-process.js';

/**
 * The cold start's yardstick: the plain Fastify limit (bench/baseline-server.ts) as one bundled file that Node runs
 * alone, the way `npm run build` ships mfa-sandbox (dist/src/server.bundle.cjs), but with nothing kept between starts.
 * Run through tsx, as the throughput limits are, its start would be mostly tsx's. When this server takes longer than
 * the goal to its first 200, no Fastify server could meet the goal on the machine in that run, so the verdict says so.
 */
export interface BundledBaseline {
  server: ServerCommand;
  cleanup(): Promise<void>;
}

export async function bundleBaselineServer(): Promise<BundledBaseline> {
  const directory = await mkdtemp(join(tmpdir(), 'mfa-sandbox-bench-baseline-'));
  const file = join(directory, 'baseline-server.mjs');
  await build({
    entryPoints: [resolve(PACKAGE_ROOT, 'bench/baseline-server.ts')],
    outfile: file,
    bundle: true,
    format: 'esm', // the server awaits listen at its top level
    platform: 'node',
    target: 'node20',
    // Fastify's CommonJS modules require Node's own modules, which an ES module bundle has no require() for.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return {
    server: { name: 'baseline (one bundled file)', command: process.execPath, args: [file, '{port}'], probe: { path: '/flashback/mfa/status' } },
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
}
