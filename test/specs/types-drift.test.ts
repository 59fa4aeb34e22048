import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toGeneratedTypes, TYPED_SPECS } from '../../scripts/generated-types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('generated types', () => {
  it.each(TYPED_SPECS)('the types of $name (src/types) match $spec (run `npm run generate:types` after editing a spec)', async (typed) => {
    const committed = await readFile(new URL(`../../src/types/${typed.name}.ts`, import.meta.url), 'utf8');
    const fresh = await toGeneratedTypes(ROOT, typed);
    expect(committed === fresh, `src/types/${typed.name}.ts is stale`).toBe(true);
  });
});
