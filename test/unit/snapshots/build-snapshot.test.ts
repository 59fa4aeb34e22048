import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG, SHIPPED_SCENARIOS_DIR } from '../../../src/config.js';
import { loadSpec } from '../../../src/openapi/load-spec.js';
import { checkRouteSchemas, createOperationValidators } from '../../../src/openapi/schema-validators.js';
import { toRouteDefinitions } from '../../../src/openapi/to-route-definitions.js';
import { loadScenarios } from '../../../src/scenarios/load-scenarios.js';
import { toScenarioFileValidatorFile } from '../../../src/scenarios/scenario-file-validator.js';
import { toSnapshotFile } from '../../../src/snapshots/build-snapshot.js';
import { writeBuildSnapshots } from '../../../src/snapshots/write-build-snapshots.js';
import { SURFACE_IDS } from '../../../src/surfaces/registry.js';

/**
 * The build parses and checks the package's specs and scenarios once, and a built server reuses that for a file whose
 * bytes are unchanged (src/snapshots/build-snapshot.ts). What a server loads must be the same either way, and
 * anything else must still be parsed and checked in full.
 */
const temp = () => mkdtemp(join(tmpdir(), 'mfa-build-snapshot-'));
const { specsDir } = DEFAULT_CONFIG;
const scenariosDir = SHIPPED_SCENARIOS_DIR;

/** A copy of a package directory with one YAML file changed through its parsed form. */
async function copyWith(from: string, relativeFile: string, change: (document: any) => void): Promise<string> {
  const dir = await temp();
  await cp(from, dir, { recursive: true });
  const file = join(dir, relativeFile);
  const document = parse(await readFile(file, 'utf8'));
  change(document);
  await writeFile(file, stringify(document));
  return dir;
}

describe('build snapshots', () => {
  it('every shipped spec and scenario is snapshotted, and loads exactly as when parsed and checked', async () => {
    const dir = await temp();
    const outcomes = await writeBuildSnapshots({ specsDir, scenariosDir, surfaces: SURFACE_IDS, dir });
    expect(outcomes.filter((outcome) => !outcome.written)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.kind === 'specs')).toHaveLength(SURFACE_IDS.length);
    for (const surface of SURFACE_IDS) {
      // The same spec; the snapshot also vouches that the build checked every schema against the meta-schema, and
      // brings the validators it compiled (standalone-validators.test.ts checks they judge as freshly compiled ones do).
      const { precompiledValidators, ...built } = await loadSpec(specsDir, surface, dir);
      expect(built).toEqual({ ...(await loadSpec(specsDir, surface, false)), schemasChecked: true });
      expect(precompiledValidators).toBeTypeOf('function');
    }
    expect(await loadScenarios(scenariosDir, SURFACE_IDS, dir)).toEqual(await loadScenarios(scenariosDir, SURFACE_IDS, false));
    // And the scenario file schema's check, for the user's files (scenario-file-validator.test.ts compares it).
    expect((await readdir(dir)).filter((name) => name.startsWith('scenario-file-validator-'))).toEqual([basename(toScenarioFileValidatorFile(dir))]);
  });

  it('is looked up by the hash of the text (a planted snapshot is what loads)', async () => {
    const dir = await temp();
    const source = await readFile(join(specsDir, 'lerian.openapi.yaml'), 'utf8');
    const real = await loadSpec(specsDir, 'lerian', false);
    const planted = structuredClone({ document: real.document, api: real.api });
    planted.document.info.title = 'planted';
    await mkdir(join(dir, 'specs'));
    await writeFile(toSnapshotFile(dir, 'specs', source), JSON.stringify(planted));
    expect((await loadSpec(specsDir, 'lerian', dir)).document.info.title).toBe('planted');
  });

  it('an edited spec is validated in full, whatever snapshots exist', async () => {
    const dir = await temp();
    await writeBuildSnapshots({ specsDir, scenariosDir, surfaces: ['lerian'], dir });
    // Still YAML, no longer OpenAPI: info needs a version.
    const edited = await copyWith(specsDir, 'lerian.openapi.yaml', (document) => delete document.info.version);
    await expect(loadSpec(edited, 'lerian', dir)).rejects.toThrow(/invalid OpenAPI 3\.1/);
  });

  it('an edited scenario is parsed and checked in full, whatever snapshots exist', async () => {
    const dir = await temp();
    await writeBuildSnapshots({ specsDir, scenariosDir, surfaces: ['flashback'], dir });
    const edited = await copyWith(scenariosDir, 'flashback/mfa-enabled.yaml', (document) => (document.world.users[0].colour = 'blue'));
    await expect(loadScenarios(edited, ['flashback'], dir)).rejects.toThrow(/mfa-enabled\.yaml:\d+:\d+: \/world\/users\/0\/colour: unknown field "colour"/);
  });

  it('a damaged snapshot is ignored and the file parsed and checked', async () => {
    const dir = await temp();
    await writeBuildSnapshots({ specsDir, scenariosDir, surfaces: ['genauth'], dir });
    const source = await readFile(join(specsDir, 'genauth.openapi.yaml'), 'utf8');
    await writeFile(toSnapshotFile(dir, 'specs', source), '{"document": {"trunc');
    const loaded = await loadSpec(specsDir, 'genauth', dir);
    expect(loaded).toEqual(await loadSpec(specsDir, 'genauth', false));
    expect(loaded.schemasChecked).toBeUndefined();
  });

  it('leaves out what a snapshot could not stand in for, and says why, without failing', async () => {
    const withId = await copyWith(specsDir, 'lerian.openapi.yaml', (document) => (document.components.schemas.MfaType.$id = 'https://example.com/mfa-type'));
    const broken = await copyWith(scenariosDir, 'lerian/default.yaml', (document) => (document.colour = 'blue'));
    const outcomes = await writeBuildSnapshots({ specsDir: withId, scenariosDir: broken, surfaces: ['lerian'], dir: await temp() });
    expect(outcomes).toContainEqual({ kind: 'specs', file: join(withId, 'lerian.openapi.yaml'), written: false, reason: 'it uses $id' });
    expect(outcomes).toContainEqual({
      kind: 'scenarios',
      file: join(broken, 'lerian/default.yaml'),
      written: false,
      reason: expect.stringContaining('unknown field "colour"'),
    });
    expect(outcomes.filter((outcome) => outcome.written).map((outcome) => outcome.file)).toContain(join(broken, 'lerian/mfa-enabled.yaml'));
    const missing = await writeBuildSnapshots({ specsDir: join(withId, 'nowhere'), scenariosDir, surfaces: ['flashback'], dir: await temp() });
    expect(missing[0]).toEqual({
      kind: 'specs',
      file: join(withId, 'nowhere', 'flashback.openapi.yaml'),
      written: false,
      reason: expect.stringContaining('not a specs directory: there is no such directory'),
    });
  });

  it('vouches for schemas only when all pass the meta-schema; otherwise they are still checked as they compile', async () => {
    const broken = await copyWith(specsDir, 'lerian.openapi.yaml', (document) => (document.components.schemas.MfaType.minLength = -1));
    const dir = await temp();
    await writeBuildSnapshots({ specsDir: broken, scenariosDir, surfaces: ['lerian'], dir });
    const spec = await loadSpec(broken, 'lerian', dir);
    expect(spec.schemasChecked).toBeUndefined();
    const [route, problem] = toRouteDefinitions(spec.api)
      .map((candidate) => [candidate, checkRouteSchemas(candidate)] as const)
      .find(([, found]) => found)!;
    expect(problem).toMatch(/schema is invalid: .*minLength must be >= 0/);
    const status = [...route.responses.keys()].find((code) =>
      checkRouteSchemas({ ...route, params: undefined, query: undefined, body: undefined, responses: new Map([[code, route.responses.get(code)!]]) }),
    )!;
    expect(() => createOperationValidators(route).validateResponse(status, {})).toThrow(/schema is invalid/);
  });
});
