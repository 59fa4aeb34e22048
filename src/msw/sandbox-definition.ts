import type { Scenario } from '../engine/scenario.js';
import type { ScenarioCatalogue } from '../engine/session-registry.js';
import type { OpenApiDocument } from '../openapi/openapi-types.js';
import type { EngineSpec } from '../pipeline/surface-engine.js';
import type { SurfaceId } from '../surfaces/registry.js';

/**
 * The sandbox's definition as data, for transports that cannot read files (a browser; MSW in Node, which should not
 * need to): every surface's dereferenced spec and every shipped scenario, parsed and checked by
 * `npm run generate:definition` (see scripts/definition-snapshot.ts) exactly as the server checks them at start.
 */
export interface SandboxDefinitionSnapshot {
  surfaces: Array<{ id: SurfaceId; file: string; api: OpenApiDocument; schemasChecked: boolean }>;
  /** Every scenario of every surface, `file` relative to the package root. */
  scenarios: Scenario[];
  /** The admin spec's component schemas (as served), for checking session files without reading the spec. */
  adminSchemas: Record<string, unknown>;
}

/** The snapshot as the engine takes it: a spec per surface and the scenario catalogue. */
export interface SandboxDefinition {
  specs: ReadonlyMap<SurfaceId, EngineSpec>;
  catalogue: ScenarioCatalogue;
}

/**
 * Turn the snapshot into engine inputs. The snapshot is shared by every caller, so nothing here or after mutates it
 * (sessions build their worlds from scenarios by copying, see engine/scenario.ts toWorld).
 *
 * @example
 * const { specs, catalogue } = toSandboxDefinition(SANDBOX_DEFINITION_SNAPSHOT);
 * catalogue.get('flashback')?.has('org-enforced') // true
 */
export function toSandboxDefinition(snapshot: SandboxDefinitionSnapshot): SandboxDefinition {
  // Named as the copy it is: a boot error of a stale snapshot (a handler for an operation it lacks) must not send a
  // contributor to a spec file that is right.
  const specs = new Map(
    snapshot.surfaces.map((surface) => [
      surface.id,
      {
        file: `${surface.file} as copied into the MSW snapshot (npm run generate:definition copies it again)`,
        api: surface.api,
        schemasChecked: surface.schemasChecked,
      },
    ]),
  );
  const catalogue = new Map<string, Map<string, Scenario>>(snapshot.surfaces.map((surface) => [surface.id, new Map()]));
  for (const scenario of snapshot.scenarios) catalogue.get(scenario.surface)?.set(scenario.name, scenario);
  return { specs, catalogue };
}
