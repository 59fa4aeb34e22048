import { isAscii } from 'node:buffer';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { debuglog } from 'node:util';
import { constants, Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { removeQuietly, touchQuietly } from '../cache-file-ops.js';
import { makeDirectorySync } from '../make-directory.js';

/** `NODE_DEBUG=mfa-sandbox` prints whether a start used kept code, as Node's own modules report with NODE_DEBUG. */
const debug = debuglog('mfa-sandbox');

/** How many cache files a directory keeps (the most recently used): builds, Node versions and commands side by side. */
export const KEPT_CACHE_FILES = 12;

/** A writer's temporary file older than this was left by a process that died while writing. */
const ABANDONED_TEMPORARY_MS = 60 * 60 * 1000;

export interface CodeCache {
  /** The file the compiled code is kept in. */
  file: string;
}

/** A CommonJS module's function, as `Module.wrap` makes it. */
type ModuleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/**
 * Run a CommonJS file (the bundled server) with V8's compiled code kept between runs. A start compiles the ~2.4 MB
 * bundle and then the functions it calls; reading them back from a code cache instead made a ~350 ms cold start
 * ~50 ms faster here. Node 22's `module.enableCompileCache()` keeps only what is compiled before a module runs, and
 * Node 20 has none: this keeps what the run compiled up to its exit (the functions a start and its requests used), so
 * the next run skips both.
 *
 * The cache is written when the process exits, when there was none or it could not be used: V8 refused it (another
 * Node, other V8 flags), or its checksum or the file it was compiled from do not match (the header below: V8 checks
 * neither, and damaged code crashes the process). A rename puts it in place whole, so concurrent starts read the
 * old file or the new one; a used file is only marked as used, and the directory keeps the most recently used
 * KEPT_CACHE_FILES. A cache that cannot be read or written is no cache: the run goes on as without.
 *
 * @example
 * runWithCodeCache('/app/dist/src/server.bundle.cjs', { file: '/home/ada/.cache/mfa-sandbox/compiled/3f2a9c0d1e7b6a55-v22.12.0-linux-x64-serve.v8' })
 */
export function runWithCodeCache(file: string, cache: CodeCache | undefined): void {
  const source = statSync(file);
  const sourceIdentity = { size: source.size, mtimeMs: source.mtimeMs };
  const kept = cache ? readCodeCache(cache.file, sourceIdentity) : undefined;
  const script = new Script(Module.wrap(readSource(file)), {
    filename: file,
    cachedData: kept?.data,
    // The bundle is built with import() turned into require() (scripts/bundle-server.mjs); should one remain, it
    // loads as in any module instead of failing.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cache) debug('code cache off');
  else {
    const verdict = !kept ? 'none yet' : kept.problem ? kept.problem : script.cachedDataRejected ? 'refused by V8' : undefined;
    if (verdict) process.once('exit', () => keepCompiledCode(script, cache.file, sourceIdentity));
    else touchQuietly(cache.file); // pruning keeps the most recently used: two installed versions side by side keep theirs
    debug('code cache %s: %s', cache.file, verdict ? `${verdict}, written at exit` : 'used');
  }
  const moduleFunction = script.runInThisContext() as ModuleFunction;
  const module = { exports: {} };
  moduleFunction.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

/**
 * The bundle's text. Node 20 decodes a file read as UTF-8 markedly slower than it copies Latin-1 (~30 against ~20 ms
 * for the 2.4 MB bundle, reading included, here). The build writes the bundle as ASCII, where both read the same; a
 * bundle edited since into other bytes is read as UTF-8.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

interface SourceIdentity {
  size: number;
  mtimeMs: number;
}

/**
 * A cache file: a header, then V8's data. The header holds the data's CRC-32 and length (V8 checks only a few header
 * fields of its own, so damaged bytes further in were accepted and crashed the process, on every start) and the size
 * and modification time of the file it was compiled from (V8 compares only the source's length, so an edited bundle of
 * the same length, e.g. by patch-package, would run the old code).
 */
const MAGIC = 0x6d666131; // "mfa1"
const HEADER_BYTES = 24;

function readCodeCache(file: string, source: SourceIdentity): { data?: Buffer; problem?: string } | undefined {
  let bytes: Buffer;
  try {
    // A FIFO or a device would block the read (or never end): only a regular file is a cache.
    if (!statSync(file).isFile()) return { problem: 'not a file' };
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < HEADER_BYTES || bytes.readUInt32BE(0) !== MAGIC) return { problem: 'not a cache file of this format' };
  const data = bytes.subarray(HEADER_BYTES);
  if (bytes.readUInt32BE(8) !== data.length || bytes.readUInt32BE(4) !== crc32(data)) return { problem: 'damaged' };
  if (bytes.readUInt32BE(12) !== source.size % 2 ** 32 || bytes.readDoubleBE(16) !== source.mtimeMs) return { problem: 'compiled from another file' };
  return { data };
}

function toCacheFileBytes(data: Buffer, source: SourceIdentity): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(MAGIC, 0);
  header.writeUInt32BE(crc32(data), 4);
  header.writeUInt32BE(data.length, 8);
  header.writeUInt32BE(source.size % 2 ** 32, 12);
  header.writeDoubleBE(source.mtimeMs, 16);
  return Buffer.concat([header, data]);
}

function keepCompiledCode(script: Script, file: string, source: SourceIdentity): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    makeDirectorySync(dirname(file));
    writeFileSync(temporary, toCacheFileBytes(script.createCachedData(), source));
    renameSync(temporary, file);
    pruneDirectory(dirname(file));
    debug('code cache %s: written', file);
  } catch (error) {
    removeQuietly(temporary);
    debug('code cache %s: not written (%s)', file, (error as Error).message);
  }
}

/** The KEPT_CACHE_FILES most recently used cache files stay; temporary files of writers that died go. */
function pruneDirectory(directory: string): void {
  const now = Date.now();
  const caches: { path: string; mtimeMs: number }[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const mtimeMs = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined) continue;
    if (name.endsWith('.v8')) caches.push({ path, mtimeMs });
    else if (name.endsWith('.tmp') && now - mtimeMs > ABANDONED_TEMPORARY_MS) removeQuietly(path);
  }
  caches.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const stale of caches.slice(KEPT_CACHE_FILES)) removeQuietly(stale.path);
}
