import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { debuglog } from 'node:util';
import { constants, Script } from 'node:vm';
import { makeDirectorySync } from '../make-directory.js';

/** `NODE_DEBUG=mfa-sandbox` prints whether a start used kept code, as Node's own modules report with NODE_DEBUG. */
const debug = debuglog('mfa-sandbox');

export interface CodeCache {
  /** The file this build's compiled code is kept in; its name starts with `buildPrefix`. */
  file: string;
  /** What every cache file of this build starts with: files in the same directory that do not are other builds'. */
  buildPrefix: string;
}

/** A CommonJS module's function, as `Module.wrap` makes it. */
type ModuleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * Run a CommonJS file (the bundled server) with V8's compiled code kept between runs. A start compiles the ~2.6 MB
 * bundle and then the functions it calls; reading them back from a code cache instead made a ~350 ms cold start
 * ~50 ms faster here. Node 22's `module.enableCompileCache()` keeps only what is compiled before a module runs, and
 * Node 20 has none: this keeps what the run compiled up to its exit (the functions a start and its requests used), so
 * the next run skips both.
 *
 * The cache is written at exit, once, when there was none or V8 refused it (another Node, other V8 flags): a
 * rename puts it in place whole, so concurrent starts read the old file or the new one. A cache that cannot be read
 * or written is no cache; the run goes on as without. Files of other builds in the directory are removed then.
 *
 * @example
 * runWithCodeCache('/app/dist/src/server.bundle.cjs', { file: '/home/ada/.cache/mfa-sandbox/compiled/3f2a9c0d1e7b6a55-v22.12.0-linux-x64-serve.v8', buildPrefix: '3f2a9c0d1e7b6a55-' })
 */
export function runWithCodeCache(file: string, cache: CodeCache | undefined): void {
  const cachedData = cache ? readQuietly(cache.file) : undefined;
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    // The bundle is built with import() turned into require() (scripts/bundle-server.mjs); should one remain, it
    // loads as in any module instead of failing.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const used = cachedData !== undefined && !script.cachedDataRejected;
  if (!cache) debug('code cache off');
  else debug('code cache %s: %s', cache.file, used ? 'used' : cachedData ? 'refused by V8, written anew at exit' : 'none yet, written at exit');
  if (cache && !used) process.once('exit', () => keepCompiledCode(script, cache));
  const moduleFunction = script.runInThisContext() as ModuleFunction;
  const module = { exports: {} };
  moduleFunction.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

function readQuietly(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function keepCompiledCode(script: Script, cache: CodeCache): void {
  const temporary = `${cache.file}.${process.pid}.tmp`;
  try {
    makeDirectorySync(dirname(cache.file));
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cache.file);
    removeOtherBuilds(dirname(cache.file), cache.buildPrefix);
    debug('code cache %s: written', cache.file);
  } catch (error) {
    removeQuietly(temporary);
    debug('code cache %s: not written (%s)', cache.file, (error as Error).message);
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // nothing was written there (its directory is missing or not one)
  }
}

/** An upgrade leaves the old build's files behind; only this build's are kept. Temporary files of running writers stay. */
function removeOtherBuilds(directory: string, buildPrefix: string): void {
  for (const name of readdirSync(directory)) {
    if (!name.startsWith(buildPrefix) && name.endsWith('.v8')) rmSync(join(directory, name), { force: true });
  }
}
