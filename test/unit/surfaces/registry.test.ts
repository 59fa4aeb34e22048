import { access, readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toServedAdminSpec } from '../../../src/admin/served-admin-spec.js';
import { buildApp } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { SURFACES, SURFACE_IDS } from '../../../src/surfaces/registry.js';

/**
 * The registry is the one list of surfaces: everything else that names them (files by convention, the CLI, the admin
 * spec, the package exports) follows from it. These checks fail when a surface is added in one place and not another.
 */
const root = new URL('../../../', import.meta.url);
const exists = (path: string) =>
  access(new URL(path, root)).then(
    () => true,
    () => false,
  );

describe('surface registry', () => {
  it.each(SURFACES.map((surface) => [surface.id, surface] as const))('%s has its spec, default scenario, types and matching behaviour', async (id, surface) => {
    expect(surface.behaviour.id).toBe(id);
    expect(await exists(`specs/${id}.openapi.yaml`)).toBe(true);
    expect(await exists(`scenarios/${id}/default.yaml`)).toBe(true);
    expect(await exists(`src/types/${id}.ts`)).toBe(true);
    const spec = parse(await readFile(new URL(`specs/${id}.openapi.yaml`, root), 'utf8')) as { info: Record<string, unknown> };
    expect(spec.info['x-sandbox-surface']).toBe(id);
    expect(await readFile(new URL(`src/surfaces/${id}/${id}-descriptor.ts`, root), 'utf8')).toContain(`id: '${id}'`);
  });

  it('is what the CLI, the health check and the served admin spec list', async () => {
    const { app } = await buildApp({ ...DEFAULT_CONFIG, logLevel: 'silent' });
    try {
      const health = (await app.inject({ url: '/__admin/health' })).json<{ surfaces: string[] }>();
      expect(health.surfaces).toEqual([...SURFACE_IDS]);
      const adminSpec = parse((await app.inject({ url: '/__admin/openapi.yaml' })).body) as { components: { schemas: { SurfaceId: { enum: string[] } } } };
      expect(adminSpec.components.schemas.SurfaceId.enum).toEqual([...SURFACE_IDS]);
    } finally {
      await app.close();
    }
  });

  it('fills the admin spec enum from the registry even when the file lists other surfaces', () => {
    const served = parse(toServedAdminSpec('components:\n  schemas:\n    SurfaceId: { type: string, enum: [flashback] }\n')) as {
      components: { schemas: { SurfaceId: { enum: string[] } } };
    };
    expect(served.components.schemas.SurfaceId.enum).toEqual([...SURFACE_IDS]);
    expect(() => toServedAdminSpec('components: {}\n')).toThrow(/SurfaceId/);
  });

  it('exports the generated types of every surface from the package', async () => {
    type Conditions = Record<'import' | 'require' | 'default', { types: string }>;
    const manifest = JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { exports: Record<string, Conditions> };
    const types = manifest.exports['./types/*']!;
    for (const id of SURFACE_IDS) {
      for (const condition of ['import', 'default'] as const) {
        const target = types[condition].types.replace('*', id).replace('./dist/src/', 'src/').replace('.d.ts', '.ts');
        expect(await exists(target), `${condition}: ${target}`).toBe(true);
      }
      // CommonJS declarations, copied by the build into a CommonJS folder (scripts/commonjs-declarations.mjs).
      expect(types.require.types.replace('*', id)).toBe(`./dist/src/commonjs/types/${id}.d.ts`);
    }
  });
});
