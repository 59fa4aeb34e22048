import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { makeDirectorySync } from './make-directory.js';

/**
 * `--cache-dir` / MFA_SANDBOX_CACHE_DIR: a directory, or `off` for none. Unset: `mfa-sandbox` in the user's cache
 * directory (`$XDG_CACHE_HOME`, else `~/.cache`, none when the home directory does not exist), as other command-line
 * tools keep theirs. Its own module: the built
 * command's launcher (src/launch/) reads it before the server's code is loaded.
 *
 * @example
 * toCacheDir(undefined, { HOME: '/home/ada' }) // '/home/ada/.cache/mfa-sandbox'
 * toCacheDir('off', {}) // undefined
 */
export function toCacheDir(raw: string | undefined, env: Record<string, string | undefined>): string | undefined {
  const value = raw?.trim();
  if (value?.toLowerCase() === 'off') return undefined;
  if (value) return resolve(value);
  // A relative XDG_CACHE_HOME is invalid and ignored, as the XDG Base Directory spec says: it filled whatever folder
  // the command ran in with cache files (a tour).
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'mfa-sandbox');
  // A home that does not exist (HOME=/nonexistent, as service users and some containers have it) means no cache:
  // making one there would create the home itself, and as root it could.
  const home = env.HOME || homedir();
  return existsSync(home) ? join(home, '.cache', 'mfa-sandbox') : undefined;
}

/**
 * Why a start cannot keep anything in `dir` (the error's code), or undefined when it can: the directory is made if
 * missing, then must be writable. Both caches fail quietly by design (a cache that cannot be written is no cache), so
 * a mistyped `--cache-dir` or a read-only mount cost every start its parsing and compiling again without a word (an
 * operator's tour); `serve` says so once at start.
 *
 * @example
 * toUnusableCacheDirReason('/home/ada/.cache/mfa-sandbox') // undefined
 * toUnusableCacheDirReason('/etc/hostname/cache') // 'ENOTDIR'
 */
export function toUnusableCacheDirReason(dir: string): string | undefined {
  try {
    makeDirectorySync(dir);
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}
