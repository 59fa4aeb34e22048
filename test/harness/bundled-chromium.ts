import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BUNDLED_CHROMIUM_PACKAGE } from './browser-choice.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** Waiting longer than this for another process's unpack means it died: take its lock over. */
const STALE_LOCK_MS = 3 * 60_000;
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
 * test files (vitest threads, other checkouts) wait for one unpack (~2 s here) instead of each doing it.
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
        await rmdir(lock).catch(() => undefined);
      }
    }
    if (await isStale(lock)) {
      await rmdir(lock).catch(() => undefined);
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
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // gone: the next round sees the binary or takes the lock
  }
}

async function unpackInto(entry: string, target: string): Promise<void> {
  const staging = await mkdtemp(`${target}.staging-`);
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
