import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { SOURCE_ROOT } from '../source-root.js';

/**
 * Files the package ships (specs, scenarios) that `npm run build` already parsed and checked, stored as JSON under
 * the SHA-256 of their text. Parsing and checking them is most of the server's start-up (YAML parsing, and for specs
 * compiling the OpenAPI 3.1 meta-schema anew for each one), so a built server reuses the result for a file whose bytes
 * are exactly those checked at build time, and parses and checks anything else (an edited file, `--specs` or
 * `--scenarios` elsewhere) in full, as before.
 */
export type SnapshotKind = 'specs' | 'scenarios';

/** Next to the compiled sources (dist/src/build-snapshots/); run from src/ there is none, so nothing is reused. */
export const BUILD_SNAPSHOT_DIR = fileURLToPath(new URL('build-snapshots/', SOURCE_ROOT));

/** The SHA-256 of a text, in hex: what a snapshot (and the user's scenario cache) is keyed by. */
export function toContentDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function toSnapshotFile(dir: string, kind: SnapshotKind, text: string): string {
  return join(dir, kind, `${toContentDigest(text)}.json`);
}

/**
 * Beside a spec's snapshot: the module of one route's validators, compiled at build time (write-standalone-validators.ts).
 */
export function toValidatorsFile(dir: string, text: string, operationId: string): string {
  return join(toSnapshotFile(dir, 'specs', text).replace(/\.json$/, '.validators'), `${encodeURIComponent(operationId)}.cjs`);
}

/** Whether JSON carries `value` exactly (no NaN, Infinity, undefined, class instances...), so a snapshot can stand in. */
export function isJsonFaithful(value: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value);
  } catch {
    return false; // circular
  }
}

/**
 * What the build stored for exactly this text, or undefined when it stored nothing for these bytes (or the file is
 * unreadable: then the caller parses and checks as if there were no snapshot). A fresh object on every call.
 * Read synchronously, like the specs and scenarios: they are read at start-up, when nothing else is waiting, and each
 * asynchronous read made four trips through libuv's thread pool (open, stat, read, close), which left a cold start
 * idle for about 40 ms of its ~300.
 *
 * @example
 * const built = readBuildSnapshot<SpecSnapshot>(BUILD_SNAPSHOT_DIR, 'specs', yamlText);
 */
export function readBuildSnapshot<T>(dir: string, kind: SnapshotKind, text: string): T | undefined {
  let json: string;
  try {
    json = readFileSync(toSnapshotFile(dir, kind, text), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined; // a damaged snapshot is no snapshot
  }
}
