import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { SurfaceId } from '../surfaces/surface-ids.js';
import { loadSpec } from './load-spec.js';
import { toSnapshotFile } from './spec-snapshot.js';

/** What happened to each spec: snapshotted, or why not (it will then be validated at every start). */
export type SnapshotOutcome = { surface: SurfaceId; file: string; written: true } | { surface: SurfaceId; written: false; reason: string };

function hasExternalRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasExternalRef);
  if (!node || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) || hasExternalRef(value));
}

/**
 * Validate each surface's spec in full and store the parsed and dereferenced result under the SHA-256 of its text
 * (see spec-snapshot.ts). Never fails the build: a spec that is missing, invalid, refers to other files (whose
 * changes its hash would not see) or is circular is left out, and is then validated at every start as before.
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
      if (hasExternalRef(spec.document)) {
        outcomes.push({ surface, written: false, reason: 'it refers to other files' });
        continue;
      }
      const file = toSnapshotFile(dir, spec.source);
      await writeFile(file, JSON.stringify({ document: spec.document, api: spec.api }));
      outcomes.push({ surface, file, written: true });
    } catch (error) {
      outcomes.push({ surface, written: false, reason: (error as Error).message.split('\n')[0]! });
    }
  }
  return outcomes;
}
