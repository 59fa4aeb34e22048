import fc from 'fast-check';
import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, SHIPPED_SCENARIOS_DIR } from '../../../src/config.js';
import { loadSpec, type LoadedSpec } from '../../../src/openapi/load-spec.js';
import type { JsonSchema } from '../../../src/openapi/openapi-types.js';
import { createOperationValidators, type OperationValidators } from '../../../src/openapi/schema-validators.js';
import { toRouteDefinitions, type RouteDefinition } from '../../../src/openapi/to-route-definitions.js';
import { toValidatorsFile } from '../../../src/snapshots/build-snapshot.js';
import { writeBuildSnapshots } from '../../../src/snapshots/write-build-snapshots.js';
import { SURFACE_IDS, type SurfaceId } from '../../../src/surfaces/registry.js';
import { anyJson, toValidArbitrary } from '../../harness/schema-arbitrary.js';

/**
 * The build compiles every route's validators ahead of time (src/snapshots/write-standalone-validators.ts), so a built
 * server's first requests neither load ajv nor compile. Those validators must judge every value exactly as the ones a
 * server compiles at run time: the same problems for requests (after the same coercion and defaults, which change the
 * value) and for responses, on values the schema accepts and on any JSON.
 */
let dir: string;
const specs = new Map<SurfaceId, LoadedSpec<SurfaceId>>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-standalone-'));
  // The generated modules require ajv's runtime helpers and ajv-formats by package name, as from dist/ in the package.
  await symlink(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  const snapshots = join(dir, 'build-snapshots');
  await writeBuildSnapshots({ specsDir: DEFAULT_CONFIG.specsDir, scenariosDir: SHIPPED_SCENARIOS_DIR, surfaces: SURFACE_IDS, dir: snapshots });
  for (const surface of SURFACE_IDS) specs.set(surface, await loadSpec(DEFAULT_CONFIG.specsDir, surface, snapshots));
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function both(spec: LoadedSpec<SurfaceId>, route: RouteDefinition): { built: OperationValidators; fresh: OperationValidators } {
  const precompiled = spec.precompiledValidators!;
  return {
    built: createOperationValidators(route, { schemasChecked: true, precompiled: () => precompiled(route.operationId) }),
    fresh: createOperationValidators(route),
  };
}

/** Values to judge: what the schema accepts, and anything at all (most of which it rejects). */
const valuesFor = (schema: JsonSchema | undefined) => fc.oneof(toValidArbitrary(schema), anyJson);

describe.each(SURFACE_IDS)('precompiled validators of %s', (surface) => {
  it('exist for every route, and only for the parts that have a schema', () => {
    const spec = specs.get(surface)!;
    for (const route of toRouteDefinitions(spec.api)) {
      const built = spec.precompiledValidators!(route.operationId)!;
      expect(typeof built.params, route.operationId).toBe(route.params ? 'function' : 'undefined');
      expect(typeof built.query, route.operationId).toBe(route.query ? 'function' : 'undefined');
      expect(typeof built.body, route.operationId).toBe(route.body?.schema ? 'function' : 'undefined');
      for (const [status, response] of route.responses) {
        expect(typeof built.responses[String(status)], `${route.operationId} ${status}`).toBe(response.schema ? 'function' : 'undefined');
      }
    }
  });

  it('judge responses as run-time compiled validators do', () => {
    const spec = specs.get(surface)!;
    for (const route of toRouteDefinitions(spec.api)) {
      const { built, fresh } = both(spec, route);
      for (const [status, response] of route.responses) {
        fc.assert(
          fc.property(valuesFor(response.schema), (value) => {
            expect(built.validateResponse(status, value)).toEqual(fresh.validateResponse(status, value));
          }),
          { numRuns: 25 },
        );
      }
    }
  });

  it('judge requests as run-time compiled validators do, coercing and filling in defaults alike', () => {
    const spec = specs.get(surface)!;
    for (const route of toRouteDefinitions(spec.api)) {
      const { built, fresh } = both(spec, route);
      const request = fc.record({ params: valuesFor(route.params), query: valuesFor(route.query), body: valuesFor(route.body?.schema), hasBody: fc.boolean() });
      fc.assert(
        fc.property(request, (sent) => {
          const [forBuilt, forFresh] = [structuredClone(sent), structuredClone(sent)];
          expect(built.validateRequest(forBuilt)).toEqual(fresh.validateRequest(forFresh));
          expect(forBuilt).toEqual(forFresh);
        }),
        { numRuns: 25 },
      );
    }
  });
});

it('one module per route, so a server loads only the validators of the routes it is asked', async () => {
  const spec = specs.get('flashback')!;
  const routes = toRouteDefinitions(spec.api);
  const folder = join(toValidatorsFile(join(dir, 'build-snapshots'), spec.source, 'x'), '..');
  expect((await readdir(folder)).sort()).toEqual(routes.map((route) => `${route.operationId}.cjs`).sort());
});

it('a route whose module is missing or damaged compiles its validators itself, with the same verdicts', async () => {
  // Snapshots of their own: a module once loaded stays in Node's module cache.
  const own = join(dir, 'damaged');
  await writeBuildSnapshots({ specsDir: DEFAULT_CONFIG.specsDir, scenariosDir: SHIPPED_SCENARIOS_DIR, surfaces: ['lerian'], dir: own });
  const spec = await loadSpec(DEFAULT_CONFIG.specsDir, 'lerian', own);
  const [damaged, missing] = toRouteDefinitions(spec.api).filter((candidate) => candidate.responses.get(200)?.schema);
  await writeFile(toValidatorsFile(own, spec.source, damaged!.operationId), 'this is not JavaScript {');
  await rm(toValidatorsFile(own, spec.source, missing!.operationId));
  for (const route of [damaged!, missing!]) {
    expect(spec.precompiledValidators!(route.operationId)).toBeUndefined();
    const built = createOperationValidators(route, { schemasChecked: true, precompiled: () => spec.precompiledValidators!(route.operationId) });
    const verdict = built.validateResponse(200, { unexpected: true });
    expect(verdict).not.toEqual([]);
    expect(verdict).toEqual(createOperationValidators(route).validateResponse(200, { unexpected: true }));
  }
});
