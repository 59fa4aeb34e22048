import Module from 'node:module';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { toCacheDir } from '../cache-dir.js';
import { COMMANDS, readCliArguments } from '../cli-arguments.js';
import { runWithCodeCache, type CodeCache } from './run-with-code-cache.js';

/** What of the running Node a cache file is only good for. */
export interface Runtime {
  version: string;
  platform: string;
  arch: string;
  /** Node's own options (`node --max-old-space-size=256 ...`): some set V8 flags, and V8 refuses code of other flags. */
  execArgv: readonly string[];
}

/**
 * Where a run of the built command keeps its compiled code: `compiled/` in the cache directory (`--cache-dir`,
 * MFA_SANDBOX_CACHE_DIR, as for parsed scenario files; `off` keeps nothing), one file per build, Node version,
 * platform, Node options and command. Per command, because each calls other code: a `check` run's cache would leave
 * `serve` to compile its own functions on every start. Per Node options, because V8 refuses code compiled under other
 * flags: two ways of running would otherwise replace each other's file on every start. The arguments are read as the
 * CLI reads them (src/cli-arguments.ts), before the CLI is loaded; arguments it refuses, help and the version keep
 * nothing (nothing of the server runs).
 *
 * @example
 * toCodeCache(['serve', '--port', '4010'], { HOME: '/home/ada' }, '3f2a9c0d1e7b6a55', { version: 'v22.12.0', platform: 'linux', arch: 'x64', execArgv: [] })
 * // { file: '/home/ada/.cache/mfa-sandbox/compiled/3f2a9c0d1e7b6a55-v22.12.0-linux-x64-serve.v8' }
 */
export function toCodeCache(argv: readonly string[], env: Record<string, string | undefined>, buildDigest: string, runtime: Runtime): CodeCache | undefined {
  let parsed;
  try {
    parsed = readCliArguments(argv);
  } catch {
    return undefined; // the CLI refuses these arguments before anything runs
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'serve';
  if (values.help || values.version || !COMMANDS.includes(command)) return undefined;
  const dir = toCacheDir(values['cache-dir']?.trim() || env.MFA_SANDBOX_CACHE_DIR, env);
  if (!dir) return undefined;
  const options = [...runtime.execArgv, env.NODE_OPTIONS ?? ''].join(' ').trim();
  const optionsTag = options ? `-${crc32(options).toString(16).padStart(8, '0')}` : '';
  return { file: join(dir, 'compiled', `${buildDigest}-${runtime.version}-${runtime.platform}-${runtime.arch}${optionsTag}-${command}.v8`) };
}

/**
 * The built command's entry (dist/src/main.bundle.js, made by scripts/bundle-server.mjs): run the bundled server, a
 * CommonJS file, with its compiled code kept between runs. On Node 22.1+, Node's own compile cache also keeps the
 * code of the packages the server loads from node_modules later (passkeys, QR codes, ...), in the same directory.
 */
export function runBuiltCommand(serverBundle: string, buildDigest: string): void {
  const cache = toCodeCache(process.argv.slice(2), process.env, buildDigest, process);
  if (cache) (Module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache?.(join(dirname(cache.file), 'node'));
  runWithCodeCache(serverBundle, cache);
}
