import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { toGeneratedTypes } from '../../scripts/generated-types.js';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';

describe('generated types', () => {
  it.each(SURFACE_IDS)('src/types/%s.ts matches its spec (run `npm run generate:types` after editing a spec)', async (surface) => {
    const committed = await readFile(new URL(`../../src/types/${surface}.ts`, import.meta.url), 'utf8');
    const fresh = await toGeneratedTypes(new URL(`../../specs/${surface}.openapi.yaml`, import.meta.url).pathname, surface);
    expect(committed === fresh, `src/types/${surface}.ts is stale`).toBe(true);
  });
});
