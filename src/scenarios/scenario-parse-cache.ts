import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { removeQuietly, touchQuietly } from '../cache-file-ops.js';
import { makeDirectorySync } from '../make-directory.js';
import { toContentDigest } from '../snapshots/build-snapshot.js';
import type { ScenarioFileData } from './load-scenarios.js';
import { SCENARIO_FILE_SCHEMA } from './scenario-file-schema.js';

const require = createRequire(import.meta.url);

/**
 * Scenario files that an earlier start already parsed and shape-checked, kept on disk under the SHA-256 of their text:
 * the build's snapshot does this for the shipped scenarios, this does it for the user's own (`--scenarios`). YAML
 * parsing is most of a start with many files: 400 of them took a cold start from ~210 to ~490 ms, every time.
 *
 * One JSON file per set of scenario directories, holding only what the last start read (so it never grows past the
 * files there are). It is named after what decides a file's verdict besides its text: the package and YAML parser
 * versions and the scenario file schema; an upgrade starts a new file. A file is only ever taken for exactly the
 * bytes it was checked as, and the checks against the specs (`checkScenarios`) run on every start regardless. A cache
 * that cannot be read is no cache; one that cannot be written (a read-only home, a full disk) costs the next start
 * the parsing, nothing more.
 */
export interface ScenarioParseCache {
  /** What was stored for exactly this text, as a fresh object; undefined if nothing was. */
  take(text: string): ScenarioFileData | undefined;
  /** Keep the result of parsing and checking this text (only a file that passed: problems are reported every time). */
  keep(text: string, data: ScenarioFileData): void;
  /** Write what this start read, if it differs from what was on disk. Never throws. */
  save(): void;
}

/** Cache files kept per cache directory, the most recently used: one per set of scenario directories. */
export const CACHE_FILES_KEPT = 32;
const CACHE_FILE = /^scenarios-[0-9a-f]{24}\.json$/;

/** The file's layout; `format` changes when this layout does. */
interface CacheFile {
  format: 1;
  entries: Record<string, ScenarioFileData>;
}

function versionOf(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The cache file for these scenario directories, named after everything but a file's text that decides its verdict. */
export function toScenarioCacheFile(cacheDir: string, scenarioDirs: readonly string[]): string {
  const verdictInputs = [
    versionOf(join(PACKAGE_ROOT, 'package.json')),
    versionOf(require.resolve('yaml/package.json')),
    JSON.stringify(SCENARIO_FILE_SCHEMA),
    ...scenarioDirs.map((dir) => resolve(dir)),
  ];
  return join(cacheDir, `scenarios-${toContentDigest(verdictInputs.join('\n')).slice(0, 24)}.json`);
}

function readEntries(file: string): Map<string, string> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
    if (parsed.format !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null) return new Map();
    // Each entry kept as its JSON text: taking one parses it anew, so no two scenarios ever share an object.
    return new Map(Object.entries(parsed.entries).map(([digest, data]) => [digest, JSON.stringify(data)]));
  } catch {
    return new Map(); // none yet, or damaged: parse everything, as without a cache
  }
}

/**
 * Beyond CACHE_FILES_KEPT files (scenario directories made afresh by each test run each get one), the least recently
 * used go: a start that used its file unchanged touches it.
 */
function pruneCacheFiles(cacheDir: string): void {
  const files = readdirSync(cacheDir)
    .filter((name) => CACHE_FILE.test(name))
    .map((name) => ({ path: join(cacheDir, name), usedMs: statSync(join(cacheDir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.usedMs - a.usedMs);
  for (const stale of files.slice(CACHE_FILES_KEPT)) removeQuietly(stale.path);
}

/**
 * @example
 * const cache = openScenarioParseCache(join(homedir(), '.cache', 'mfa-sandbox'), ['scenarios', 'my-scenarios']);
 * const data = cache.take(text) ?? parseScenarioFile(file, text);
 * cache.save();
 */
export function openScenarioParseCache(cacheDir: string, scenarioDirs: readonly string[]): ScenarioParseCache {
  const file = toScenarioCacheFile(cacheDir, scenarioDirs);
  const stored = readEntries(file);
  const used = new Map<string, string>();
  let changed = false;
  return {
    take(text) {
      const digest = toContentDigest(text);
      const json = used.get(digest) ?? stored.get(digest);
      if (json === undefined) return undefined;
      used.set(digest, json);
      return JSON.parse(json) as ScenarioFileData;
    },
    keep(text, data) {
      used.set(toContentDigest(text), JSON.stringify(data));
      changed = true;
    },
    save() {
      if (!changed && used.size === stored.size) {
        if (stored.size > 0) touchQuietly(file);
        return;
      }
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        makeDirectorySync(cacheDir);
        const entries = [...used].map(([digest, json]) => `${JSON.stringify(digest)}:${json}`).join(',');
        writeFileSync(temporary, `{"format":1,"entries":{${entries}}}`);
        // A rename replaces the file whole: a start reading it meanwhile sees the old one or the new one.
        renameSync(temporary, file);
        pruneCacheFiles(cacheDir);
      } catch {
        removeQuietly(temporary);
      }
    },
  };
}
