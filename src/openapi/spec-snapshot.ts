import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from './openapi-types.js';

/**
 * Specs that `npm run build` already parsed, validated and dereferenced, one file per spec named by the SHA-256 of
 * its YAML text. Parsing and validating the four specs is most of the server's start-up (the parser compiles the
 * OpenAPI 3.1 meta-schema anew for each one), so a built server reuses the result for a spec whose bytes are exactly
 * those validated at build time, and validates anything else (an edited spec, `--specs` elsewhere) in full.
 */
export interface SpecSnapshot {
  /** The spec as parsed from YAML, `$ref`s intact. */
  document: OpenApiDocument;
  /** The same, fully dereferenced. */
  api: OpenApiDocument;
}

/** Next to the compiled sources (dist/src/spec-snapshots/); run from src/ there is none, so nothing is reused. */
export const SPEC_SNAPSHOT_DIR = fileURLToPath(new URL('../spec-snapshots/', import.meta.url));

export function toSourceHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

export function toSnapshotFile(dir: string, source: string): string {
  return join(dir, `${toSourceHash(source)}.json`);
}

/**
 * The snapshot of exactly this spec text, or undefined when the build did not validate these bytes. A fresh copy on
 * every call, so two apps in one process never share (or mutate) one spec object.
 */
export async function readSpecSnapshot(dir: string, source: string): Promise<SpecSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(toSnapshotFile(dir, source), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const snapshot = JSON.parse(text) as SpecSnapshot;
    return snapshot?.document && snapshot.api ? snapshot : undefined;
  } catch {
    return undefined; // a damaged snapshot is no snapshot: the spec is validated in full
  }
}
