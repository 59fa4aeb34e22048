import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { loadSpec } from '../../../src/openapi/load-spec.js';
import { toSnapshotFile } from '../../../src/openapi/spec-snapshot.js';
import { writeSpecSnapshots } from '../../../src/openapi/write-spec-snapshots.js';
import { SURFACE_IDS } from '../../../src/surfaces/surface-ids.js';

/**
 * The build validates the package's specs once and a built server reuses that for a spec whose bytes are unchanged
 * (src/openapi/spec-snapshot.ts). What a server loads must be the same either way, and anything else must still be
 * validated in full.
 */
const temp = () => mkdtemp(join(tmpdir(), 'mfa-spec-snapshot-'));

/** A copy of the specs directory with one spec changed through its parsed form. */
async function specsWith(surface: string, change: (document: any) => void): Promise<string> {
  const specs = await temp();
  await cp(DEFAULT_CONFIG.specsDir, specs, { recursive: true });
  const file = join(specs, `${surface}.openapi.yaml`);
  const document = parse(await readFile(file, 'utf8'));
  change(document);
  await writeFile(file, stringify(document));
  return specs;
}

describe('spec snapshots', () => {
  it('a snapshotted spec loads exactly as the validated spec does', async () => {
    const dir = await temp();
    const outcomes = await writeSpecSnapshots(DEFAULT_CONFIG.specsDir, SURFACE_IDS, dir);
    expect(outcomes.map((outcome) => [outcome.surface, outcome.written])).toEqual(SURFACE_IDS.map((surface) => [surface, true]));
    for (const surface of SURFACE_IDS) {
      const validated = await loadSpec(DEFAULT_CONFIG.specsDir, surface, false);
      const fromSnapshot = await loadSpec(DEFAULT_CONFIG.specsDir, surface, dir);
      expect(fromSnapshot).toEqual(validated);
    }
  });

  it('is read by the hash of the spec text (a planted snapshot is what loads)', async () => {
    const dir = await temp();
    const source = await readFile(join(DEFAULT_CONFIG.specsDir, 'lerian.openapi.yaml'), 'utf8');
    const real = await loadSpec(DEFAULT_CONFIG.specsDir, 'lerian', false);
    const planted = structuredClone({ document: real.document, api: real.api });
    planted.document.info.title = 'planted';
    await writeFile(toSnapshotFile(dir, source), JSON.stringify(planted));
    expect((await loadSpec(DEFAULT_CONFIG.specsDir, 'lerian', dir)).document.info.title).toBe('planted');
  });

  it('an edited spec is validated in full, whatever snapshots exist', async () => {
    const snapshots = await temp();
    await writeSpecSnapshots(DEFAULT_CONFIG.specsDir, ['lerian'], snapshots);
    // Still YAML, no longer OpenAPI: info needs a version.
    const specs = await specsWith('lerian', (document) => delete document.info.version);
    await expect(loadSpec(specs, 'lerian', snapshots)).rejects.toThrow(/invalid OpenAPI 3\.1/);
  });

  it('a damaged snapshot is ignored and the spec validated', async () => {
    const dir = await temp();
    const source = await readFile(join(DEFAULT_CONFIG.specsDir, 'genauth.openapi.yaml'), 'utf8');
    await writeFile(toSnapshotFile(dir, source), '{"document": {"trunc');
    expect(await loadSpec(DEFAULT_CONFIG.specsDir, 'genauth', dir)).toEqual(await loadSpec(DEFAULT_CONFIG.specsDir, 'genauth', false));
  });

  it('leaves out what a snapshot could not stand in for, and says why, without failing', async () => {
    const specs = await specsWith('lerian', (document) => (document.components.schemas.MfaType.$id = 'https://example.com/mfa-type'));
    const outcomes = await writeSpecSnapshots(specs, ['lerian', 'genauth'], await temp());
    expect(outcomes).toEqual([
      { surface: 'lerian', written: false, reason: 'it uses $id' },
      expect.objectContaining({ surface: 'genauth', written: true }),
    ]);
    const missing = await writeSpecSnapshots(join(specs, 'nowhere'), ['flashback'], await temp());
    expect(missing).toEqual([{ surface: 'flashback', written: false, reason: expect.stringContaining('cannot read spec') }]);
  });
});
