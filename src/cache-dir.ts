import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `--cache-dir` / MFA_SANDBOX_CACHE_DIR: a directory, or `off` for none. Unset: `mfa-sandbox` in the user's cache
 * directory (`$XDG_CACHE_HOME`, else `~/.cache`), as other command-line tools keep theirs. Its own module: the built
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
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'mfa-sandbox');
}
