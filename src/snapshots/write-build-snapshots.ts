import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadSpec, type SpecSnapshot } from '../openapi/load-spec.js';
import { checkRouteSchemas } from '../openapi/schema-validators.js';
import { toRouteDefinitions } from '../openapi/to-route-definitions.js';
import { parseScenarioFile } from '../scenarios/load-scenarios.js';
import { SCENARIO_FILE_SCHEMA } from '../scenarios/scenario-file-schema.js';
import { createScenarioFileAjv, toScenarioFileValidatorFile } from '../scenarios/scenario-file-validator.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { isJsonFaithful, toSnapshotFile, toValidatorsFile, type SnapshotKind } from './build-snapshot.js';
import { standaloneCode, toStandaloneValidatorsModule } from './write-standalone-validators.js';

/** What happened to one shipped file: snapshotted, or why not (it is then parsed and checked at every start). */
export interface SnapshotOutcome {
  kind: SnapshotKind;
  file: string;
  written: boolean;
  reason?: string;
}

/** Keywords whose meaning depends on which object a schema is, not only on its content. */
const IDENTITY_KEYWORDS = new Set(['$id', '$anchor', '$dynamicAnchor', '$dynamicRef']);

/** Why a spec's parsed form cannot stand in for its text, if so. */
function reasonNotToSnapshotSpec(node: unknown): string | undefined {
  if (Array.isArray(node)) return node.map(reasonNotToSnapshotSpec).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node)) {
    // Another file's changes would not change this spec's hash.
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) return 'it refers to other files';
    // The JSON copy of a schema shared by several operations would register one id twice.
    if (IDENTITY_KEYWORDS.has(key)) return `it uses ${key}`;
    const reason = reasonNotToSnapshotSpec(value);
    if (reason) return reason;
  }
  return undefined;
}

async function write(dir: string, kind: SnapshotKind, text: string, content: unknown): Promise<void> {
  const file = toSnapshotFile(dir, kind, text);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(content));
}

async function snapshotSpec(dir: string, specsDir: string, surface: SurfaceId): Promise<SnapshotOutcome> {
  const outcome = { kind: 'specs' as const, file: join(specsDir, `${surface}.openapi.yaml`) };
  try {
    const spec = await loadSpec(specsDir, surface, false);
    const reason = reasonNotToSnapshotSpec(spec.document) ?? (isJsonFaithful(spec.document) ? undefined : 'JSON cannot carry all of its values');
    if (reason) return { ...outcome, written: false, reason };
    // Vouch for the schemas only if every one passes the meta-schema; otherwise they are checked as they compile.
    const routes = toRouteDefinitions(spec.api);
    const schemasChecked = routes.every((route) => checkRouteSchemas(route) === undefined);
    // Checked schemas are compiled now too, so a server's first requests do not compile them (nor load ajv to do so).
    if (schemasChecked) {
      for (const route of routes) {
        const file = toValidatorsFile(dir, spec.source, route.operationId);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, toStandaloneValidatorsModule(route));
      }
    }
    const snapshot: SpecSnapshot = { document: spec.document, api: spec.api, schemasChecked, precompiled: schemasChecked };
    await write(dir, 'specs', spec.source, snapshot);
    return { ...outcome, written: true };
  } catch (error) {
    return { ...outcome, written: false, reason: (error as Error).message.split('\n')[0]! };
  }
}

async function snapshotScenario(dir: string, file: string): Promise<SnapshotOutcome> {
  try {
    const text = await readFile(file, 'utf8');
    const data = parseScenarioFile(file, text);
    if (!isJsonFaithful(data)) return { kind: 'scenarios', file, written: false, reason: 'JSON cannot carry all of its values' };
    await write(dir, 'scenarios', text, data);
    return { kind: 'scenarios', file, written: true };
  } catch (error) {
    return { kind: 'scenarios', file, written: false, reason: (error as Error).message.split('\n')[0]! };
  }
}

/**
 * The scenario file schema's check as ajv standalone code (scenario-file-validator.ts), for the user's scenario files:
 * a start that must parse one then needs neither ajv nor a compile.
 */
export async function writeScenarioFileValidator(dir: string): Promise<void> {
  const ajv = createScenarioFileAjv(true);
  const file = toScenarioFileValidatorFile(dir);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, standaloneCode(ajv, ajv.compile(SCENARIO_FILE_SCHEMA)));
}

/**
 * Parse and check each surface's spec and scenario files in full, and store the results under the SHA-256 of their
 * text (see build-snapshot.ts). Never fails the build: a file that is missing, invalid, or that a snapshot could not
 * stand in for exactly is left out, and is then parsed and checked at every start as before.
 *
 * @example
 * await writeBuildSnapshots({ specsDir: 'specs', scenariosDir: 'scenarios', surfaces: ['lerian'], dir: 'dist/src/build-snapshots' })
 */
export async function writeBuildSnapshots(options: {
  specsDir: string;
  scenariosDir: string;
  surfaces: readonly SurfaceId[];
  dir: string;
}): Promise<SnapshotOutcome[]> {
  await rm(options.dir, { recursive: true, force: true });
  const outcomes: SnapshotOutcome[] = [];
  for (const surface of options.surfaces) {
    outcomes.push(await snapshotSpec(options.dir, options.specsDir, surface));
    const surfaceDir = join(options.scenariosDir, surface);
    const files = (await readdir(surfaceDir).catch(() => [] as string[])).filter((file) => /\.ya?ml$/.test(file)).sort();
    for (const file of files) outcomes.push(await snapshotScenario(options.dir, join(surfaceDir, file)));
  }
  await writeScenarioFileValidator(options.dir);
  return outcomes;
}
