import { join } from 'node:path';
import { toCacheDir } from '../cache-dir.js';
import { runWithCodeCache, type CodeCache } from './run-with-code-cache.js';

/** The command's words that only print (help, the version): nothing of the server runs, so nothing is worth keeping. */
const PRINT_ONLY = new Set(['help', '--help', '-h', '--version', '-v']);

/** The commands a run can be (src/cli.ts); anything else is left to the CLI to refuse. */
const COMMANDS = new Set(['serve', 'check', 'scenarios', 'verify', 'conformance', 'proxy']);

/**
 * Where a run of the built command keeps its compiled code: `compiled/` in the cache directory (`--cache-dir`,
 * MFA_SANDBOX_CACHE_DIR, as for parsed scenario files; `off` keeps nothing), one file per build, Node version,
 * platform and command. Per command, because each calls other code: a `check` run's cache would leave `serve` to
 * compile its own functions on every start. Read here from the raw arguments, before the CLI (inside the bundle) runs.
 *
 * @example
 * toCodeCache(['serve', '--port', '4010'], { HOME: '/home/ada' }, '3f2a9c0d1e7b6a55', { version: 'v22.12.0', arch: 'x64', platform: 'linux' })
 * // { file: '/home/ada/.cache/mfa-sandbox/compiled/3f2a9c0d1e7b6a55-v22.12.0-linux-x64-serve.v8', buildPrefix: '3f2a9c0d1e7b6a55-' }
 */
export function toCodeCache(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  buildDigest: string,
  runtime: { version: string; arch: string; platform: string },
): CodeCache | undefined {
  if (argv.some((arg) => PRINT_ONLY.has(arg))) return undefined;
  const dir = toCacheDir(readCacheDirFlag(argv)?.trim() || env.MFA_SANDBOX_CACHE_DIR, env);
  if (!dir) return undefined;
  // `mfa-sandbox` alone, or with options first, is serve (the CLI's default command).
  const command = COMMANDS.has(argv[0] ?? '') ? argv[0] : 'serve';
  const buildPrefix = `${buildDigest}-`;
  return { file: join(dir, 'compiled', `${buildPrefix}${runtime.version}-${runtime.platform}-${runtime.arch}-${command}.v8`), buildPrefix };
}

/** `--cache-dir <dir>` or `--cache-dir=<dir>`, as the CLI reads it (options end at `--`). */
function readCacheDirFlag(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length && argv[index] !== '--'; index++) {
    const arg = argv[index]!;
    if (arg === '--cache-dir') return argv[index + 1];
    if (arg.startsWith('--cache-dir=')) return arg.slice('--cache-dir='.length);
  }
  return undefined;
}

/**
 * The built command's entry (dist/src/main.bundle.js, made by scripts/bundle-server.mjs): run the bundled server, a
 * CommonJS file, with its compiled code kept between runs.
 */
export function runBuiltCommand(serverBundle: string, buildDigest: string): void {
  runWithCodeCache(serverBundle, toCodeCache(process.argv.slice(2), process.env, buildDigest, process));
}
