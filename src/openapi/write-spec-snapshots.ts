import { mkdir, rm, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type { SurfaceId } from '../surfaces/surface-ids.js';
import { loadSpec } from './load-spec.js';
import { toSnapshotFile } from './spec-snapshot.js';

/** What happened to each spec: snapshotted, or why not (it will then be validated at every start). */
export type SnapshotOutcome = { surface: SurfaceId; file: string; written: true } | { surface: SurfaceId; written: false; reason: string };

/** Keywords whose meaning depends on where a schema sits or which object it is, not only on its content. */
const IDENTITY_KEYWORDS = new Set(['$id', '$anchor', '$dynamicAnchor', '$dynamicRef']);

/** Why a spec's parsed form cannot stand in for it, if so: a snapshot must behave exactly like the spec itself. */
function reasonNotToSnapshot(document: unknown, json: string): string | undefined {
  const visit = (node: unknown): string | undefined => {
    if (Array.isArray(node)) return node.map(visit).find(Boolean);
    if (!node || typeof node !== 'object') return undefined;
    for (const [key, value] of Object.entries(node)) {
      // Another file's changes would not change this spec's hash.
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return 'it refers to other files';
      // JSON copies of shared schemas would register one id twice.
      if (IDENTITY_KEYWORDS.has(key)) return `it uses ${key}`;
      const reason = visit(value);
      if (reason) return reason;
    }
    return undefined;
  };
  const reason = visit(document);
  if (reason) return reason;
  // NaN, Infinity and the like do not survive JSON.
  return isDeepStrictEqual(JSON.parse(json).document, document) ? undefined : 'JSON cannot represent all of its values';
}

/**
 * Validate each surface's spec in full and store the parsed and dereferenced result under the SHA-256 of its text
 * (see spec-snapshot.ts). Never fails the build: a spec that is missing, invalid, circular, refers to other files, or
 * that JSON cannot carry exactly is left out, and is then validated at every start as before.
 *
 * @example
 * await writeSpecSnapshots('specs', ['flashback'], 'dist/src/spec-snapshots') // [{ surface: 'flashback', written: true, ... }]
 */
export async function writeSpecSnapshots(specsDir: string, surfaces: readonly SurfaceId[], dir: string): Promise<SnapshotOutcome[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const outcomes: SnapshotOutcome[] = [];
  for (const surface of surfaces) {
    try {
      const spec = await loadSpec(specsDir, surface, false);
      const json = JSON.stringify({ document: spec.document, api: spec.api }); // throws on a circular spec
      const reason = reasonNotToSnapshot(spec.document, json);
      if (reason) {
        outcomes.push({ surface, written: false, reason });
        continue;
      }
      const file = toSnapshotFile(dir, spec.source);
      await writeFile(file, json);
      outcomes.push({ surface, file, written: true });
    } catch (error) {
      outcomes.push({ surface, written: false, reason: (error as Error).message.split('\n')[0]! });
    }
  }
  return outcomes;
}
