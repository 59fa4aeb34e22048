import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BUNDLED_CHROMIUM_PACKAGE } from './browser-choice.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** An unpack takes ~2 s here; a lock older than this whose holder cannot be checked is taken over. */
const STALE_LOCK_MS = 2 * 60_000;
const POLL_MS = 200;

/** The bundled package's entry file, or undefined when it is not installed. */
export function bundledChromiumEntry(): string | undefined {
  try {
    return require.resolve(BUNDLED_CHROMIUM_PACKAGE);
  } catch {
    return undefined;
  }
}

/**
 * Unpack the Chromium inside `@sparticuz/chromium` once per machine and package version, and return its path.
 *
 * The package itself unpacks into `os.tmpdir()` (`/tmp/chromium`, `/tmp/fonts`, `/tmp/libGLESv2.so`, ...) and takes
 * any existing `/tmp/chromium` as done, so two test files unpacking at once could launch a half-written binary, and a
 * stale binary of another version would be reused. Instead it unpacks here into a fresh staging directory (the
 * package run in a child process with TMPDIR pointing there, so the test worker's own environment is untouched),
 * which is then renamed atomically to `<tmpdir>/mfa-sandbox-chromium-<version>`. A lock directory makes parallel
 * test files (vitest threads, other checkouts) wait for one unpack instead of each doing it; a lock whose process
 * is gone (a run stopped mid-unpack) is taken over at once.
 */
export async function unpackBundledChromium(entry: string): Promise<string> {
  const version = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')).version as string;
  const target = join(tmpdir(), `mfa-sandbox-chromium-${version}`);
  const executable = join(target, 'chromium');
  const lock = `${target}.lock`;
  const started = Date.now();
  for (;;) {
    if (existsSync(executable)) return executable;
    if (await tryLock(lock)) {
      try {
        if (!existsSync(executable)) await unpackInto(entry, target);
        return executable;
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
    const holder = await lockHolder(lock);
    if (holder !== undefined && (await isStale(lock, holder))) {
      // Take it over only if it is still the lock we judged (another waiter may have replaced it meanwhile).
      if ((await lockHolder(lock)) === holder) await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > STALE_LOCK_MS + 30_000) {
      throw new Error(`Timed out waiting for another process to unpack ${BUNDLED_CHROMIUM_PACKAGE} into ${target} (lock ${lock}).`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await writeFile(join(lock, 'pid'), String(process.pid));
  return true;
}

/** The lock holder's pid ('' while it is still writing it), or undefined when there is no lock any more. */
async function lockHolder(lock: string): Promise<string | undefined> {
  try {
    return await readFile(join(lock, 'pid'), 'utf8');
  } catch {
    return existsSync(lock) ? '' : undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

async function isStale(lock: string, holder: string): Promise<boolean> {
  const pid = Number(holder);
  if (holder !== '' && Number.isInteger(pid) && pid > 0) return !isRunning(pid);
  try {
    return Date.now() - (await stat(lock)).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // gone: the next round sees the binary or takes the lock
  }
}

/** Staging directories left by unpacks that were stopped half-way (their process is gone): ~200 MB each. */
async function removeAbandonedStaging(target: string): Promise<void> {
  const prefix = `${basename(target)}.staging-`;
  for (const name of await readdir(dirname(target))) {
    const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length).split('-')[0] : NaN);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) await rm(join(dirname(target), name), { recursive: true, force: true });
  }
}

async function unpackInto(entry: string, target: string): Promise<void> {
  await removeAbandonedStaging(target);
  const staging = await mkdtemp(`${target}.staging-${process.pid}-`);
  try {
    const script = `const { default: chromium } = await import(${JSON.stringify(pathToFileURL(entry).href)}); await chromium.executablePath();`;
    await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging }, timeout: STALE_LOCK_MS });
    if (!existsSync(join(staging, 'chromium'))) throw new Error(`${BUNDLED_CHROMIUM_PACKAGE} did not unpack a chromium binary into ${staging}`);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (existsSync(join(target, 'chromium'))) return; // someone unpacked it without our lock: theirs is as good
    throw new Error(`Could not unpack the Chromium of ${BUNDLED_CHROMIUM_PACKAGE} into ${target}: ${(error as Error).message}`, { cause: error });
  }
}
