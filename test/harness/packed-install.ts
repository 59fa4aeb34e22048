import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { npmChildEnv } from './npm-env.js';

/**
 * The package as a consumer gets it: `npm pack` of this checkout (its `prepack` builds dist/), installed from the
 * tarball into a fresh project outside the checkout.
 */

const ROOT = process.cwd();

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: npmChildEnv(), timeout: 240_000 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** `npm pack` this checkout into `destination`; returns the tarball's path. */
export function packProject(destination: string): string {
  run('npm', ['pack', '--pack-destination', destination, '--loglevel=error'], ROOT);
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${destination}`);
  return join(destination, tarball);
}

/** Where the run's one tarball is made: in the run's temporary directory (TMPDIR, test/harness/temp-dir-global-setup.ts). */
const SHARED_PACK_DIR = () => join(tmpdir(), 'mfa-sandbox-packed');
const PACK_WAIT_MS = 300_000;

/**
 * This checkout packed once per test run, whichever test asks first; the others wait for its tarball. `npm pack`
 * builds dist/ in the checkout (prepack), removing the last build first, so two packs at once (two test files, on two
 * workers) clobbered each other, and a test reading dist/ meanwhile found it gone. The first caller takes the run's
 * pack directory (mkdir is atomic) and writes `done` (the tarball's path) or `failed` (why) beside the tarball.
 */
export async function packProjectOnce(): Promise<string> {
  const dir = SHARED_PACK_DIR();
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForPack(dir);
  }
  try {
    const tarball = packProject(mkdtempSync(join(dir, 'out-')));
    writeFileSync(join(dir, 'done'), tarball);
    return tarball;
  } catch (error) {
    writeFileSync(join(dir, 'failed'), String(error));
    throw error;
  }
}

async function waitForPack(dir: string): Promise<string> {
  const deadline = Date.now() + PACK_WAIT_MS;
  while (Date.now() < deadline) {
    if (existsSync(join(dir, 'done'))) return readFileSync(join(dir, 'done'), 'utf8');
    if (existsSync(join(dir, 'failed'))) throw new Error(`npm pack (by another test of this run) failed:\n${readFileSync(join(dir, 'failed'), 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm pack (by another test of this run) did not finish in ${PACK_WAIT_MS / 1000} s`);
}

/** The paths inside a tarball, without npm's leading `package/`. */
export function tarballFiles(tarball: string): string[] {
  return run('tar', ['-tzf', tarball], ROOT)
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''));
}

interface LockEntry {
  dev?: boolean;
  [key: string]: unknown;
}

/**
 * The lock file paths of `names` (this checkout's dev dependencies, e.g. `msw`) and everything they depend on, as npm
 * resolves a dependency from a package's folder: its own node_modules first, then each parent's, then the top level.
 */
function lockClosure(packages: Record<string, LockEntry>, names: readonly string[]): string[] {
  const found = new Set<string>();
  const queue = names.map((name) => `node_modules/${name}`);
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (found.has(path) || !packages[path]) continue;
    found.add(path);
    const entry = packages[path] as LockEntry & { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const candidates: string[] = [];
      for (let folder = path; folder.includes('node_modules/'); folder = folder.slice(0, folder.lastIndexOf('/node_modules/')))
        candidates.push(`${folder}/node_modules/${dependency}`);
      candidates.push(`node_modules/${dependency}`);
      const resolved = candidates.find((candidate) => packages[candidate]);
      if (resolved) queue.push(resolved);
    }
  }
  return [...found];
}

/**
 * Create an ES-module project (or a CommonJS one, `moduleType`) in `dir` that depends on the tarball, and install it with `npm ci --offline`.
 * `withDevPackages` (e.g. `['msw']`, an optional peer) are installed beside it, at this checkout's locked versions.
 *
 * Offline, so the test does not lean on the network: a plain `npm install <tarball>` must fetch every dependency's
 * metadata from the registry, which the npm cache does not hold after an `npm ci` (that reads the lock file only).
 * The project's lock file is this checkout's, less the dev-only entries: the same versions the checkout tests, and
 * a runtime import of a dev dependency fails here as it would for a user. Every tarball is in the npm cache since
 * this checkout's own `npm ci`.
 */
export function installTarballOffline(
  dir: string,
  tarball: string,
  withDevPackages: readonly string[] = [],
  options: { moduleType?: 'module' | 'commonjs' } = {},
): void {
  const spec = `file:${relative(dir, tarball)}`;
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const extra = Object.fromEntries(withDevPackages.map((name) => [name, String(lock.packages[`node_modules/${name}`]?.version)]));
  const project = {
    name: 'mfa-sandbox-consumer',
    version: '1.0.0',
    private: true,
    type: options.moduleType ?? 'module',
    dependencies: { [manifest.name as string]: spec, ...extra },
  };
  const packages: Record<string, unknown> = {
    '': { name: project.name, version: project.version, dependencies: project.dependencies },
    [`node_modules/${manifest.name as string}`]: {
      version: manifest.version,
      resolved: spec,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
      peerDependencies: manifest.peerDependencies,
      peerDependenciesMeta: manifest.peerDependenciesMeta,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  for (const path of lockClosure(lock.packages, withDevPackages)) {
    const { dev: _dev, devOptional: _devOptional, ...entry } = lock.packages[path] as LockEntry & { devOptional?: boolean };
    packages[path] ??= entry;
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: project.name, version: project.version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  try {
    run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  } catch (error) {
    throw new Error(
      `installing ${basename(tarball)} offline failed; the npm cache must hold this checkout's dependencies (run \`npm ci\` here first)\n${String(error)}`,
      { cause: error },
    );
  }
}
