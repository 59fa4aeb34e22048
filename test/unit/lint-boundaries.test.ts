import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries of ARCHITECTURE.md are ESLint config (eslint-import-boundaries.js). These snippets are linted
 * with the project's own config at made-up paths, so a rule that stops matching (a renamed folder, a broken regex)
 * fails here instead of letting every import through. Type information is switched off: the boundary rules do not
 * use it, and the snippets are in no tsconfig project.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }] });
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);

/** The boundary problems ESLint reports for `code` as if it were the file at `path`. */
async function boundaryProblems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: `${root}/${path}` });
  return (result?.messages ?? []).filter((message) => BOUNDARY_RULES.has(message.ruleId ?? '')).map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['src/engine/snippet.ts', "import { SURFACE_IDS } from '../surfaces/surface-ids.js';", 'src/engine is the core'],
    ['src/engine/snippet.ts', "import { buildApp } from '../app.js';", 'src/engine is the core'],
    ['src/engine/snippet.ts', "import type { AdminRoutesOptions } from '../admin/admin-routes.js';", 'src/engine is the core'],
    ['src/engine/snippet.ts', "import { loadSpec } from '../openapi/load-spec.js';", 'src/engine is the core'],
    ['src/engine/snippet.ts', "import { createHash } from 'node:crypto';", 'no Node built-ins'],
    ['src/engine/snippet.ts', "import { readFile } from 'fs/promises';", 'no Node built-ins'],
    ['src/engine/snippet.ts', "import Fastify from 'fastify';", 'Fastify is a transport'],
    ['src/engine/snippet.ts', "import { http } from 'msw';", 'MSW is a transport'],
    ['src/engine/snippet.ts', "const fs = await import('node:fs');", 'no Node built-ins'],
    ['src/engine/snippet.ts', "const bytes = Buffer.from('x');", 'Buffer is Node-only'],
    ['src/state/snippet.ts', "import type { World } from '../engine/world.js';", 'src/state is the core: it imports nothing else'],
    ['src/pipeline/snippet.ts', "import { flashbackSurface } from '../surfaces/flashback/flashback-surface.js';", 'src/pipeline is the core'],
    ['src/pipeline/snippet.ts', "import type { FastifyRequest } from 'fastify';", 'Fastify is a transport'],
    ['src/openapi/schema-validators.ts', "import { createRequire } from 'node:module';", 'no Node built-ins'],
    ['src/openapi/snippet.ts', "import { SURFACE_IDS } from '../surfaces/surface-ids.js';", 'Nothing imports upward'],
    ['src/surfaces/flashback/snippet.ts', "import { adminRoutes } from '../../admin/admin-routes.js';", 'Nothing imports upward'],
    ['src/surfaces/flashback/snippet.ts', "import { buildApp } from '../../app.js';", 'Nothing imports upward'],
    ['src/surfaces/flashback/snippet.ts', "import { sign } from '../genauth/request-signature.js';", 'never imports a sibling surface'],
    ['src/surfaces/flashback/snippet.ts', "import { genauthSurface } from '../genauth/genauth-surface.js';", 'never imports a sibling surface'],
    ['src/surfaces/flashback/snippet.ts', "import Fastify from 'fastify';", 'Fastify is a transport'],
    ['src/surfaces/surface-plugin.ts', "import type { FastifyRequest } from 'fastify';", 'Fastify is a transport'],
    ['src/pipeline/request-body.ts', "import type { FastifyRequest } from 'fastify';", 'Fastify is a transport'],
    ['src/surfaces/registry.ts', "import { adminRoutes } from '../admin/admin-routes.js';", 'Nothing imports upward'],
    ['src/server/snippet.ts', "import { adminRoutes } from '../admin/admin-routes.js';", 'Nothing imports upward'],
    ['src/msw/snippet.ts', "import Fastify from 'fastify';", 'Fastify is a transport'],
    ['src/contracts/snippet.ts', "import { buildApp } from '../app.js';", 'Only src/main.ts, src/cli.ts and src/index.ts'],
    ['src/admin/snippet.ts', "import { buildApp } from '../app.js';", 'Only src/main.ts, src/cli.ts and src/index.ts'],
    ['src/contracts/snippet.ts', "import { sign } from '../surfaces/genauth/request-signature.js';", 'entered through its entry file'],
    ['src/app.ts', "import { flashbackSurface } from './surfaces/flashback/flashback-surface.js';", 'entered through its entry file'],
    ['src/app.ts', "import { run } from './cli.js';", 'Nothing imports upward'],
  ])('%s: %s is refused', async (path, code, reason) => {
    const problems = await boundaryProblems(path, code);
    expect(problems.length, `problems: ${problems.join(' | ')}`).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(reason);
  });

  it.each([
    [
      'src/engine/snippet.ts',
      "import type { StateStore } from '../state/state-store.js';\nimport { SandboxFault } from '../errors.js';\nimport { newId } from './world.js';",
    ],
    ['src/engine/snippet.ts', "import { generate } from 'otplib';\nconst bytes = new TextEncoder().encode('x');"],
    ['src/state/snippet.ts', "import type { StateStore } from './state-store.js';"],
    ['src/openapi/load-spec.ts', "import { readFile } from 'node:fs/promises';\nimport { join } from 'node:path';"],
    [
      'src/surfaces/flashback/snippet.ts',
      "import { currentTotpCode } from '../../engine/totp.js';\nimport { createVocabulary } from '../vocabulary.js';\nimport { sign } from './helper.js';",
    ],
    ['src/server/surface-plugin.ts', "import Fastify from 'fastify';"],
    ['src/server/snippet.ts', "import Fastify from 'fastify';\nimport { flashback } from '../surfaces/flashback/flashback-descriptor.js';"],
    ['src/surfaces/registry.ts', "import { flashbackDescriptor } from './flashback/flashback-descriptor.js';"],
    ['src/contracts/snippet.ts', "import { genauth } from '../surfaces/genauth/genauth-descriptor.js';\nimport { readFile } from 'node:fs/promises';"],
    ['src/main.ts', "import { buildApp } from './app.js';"],
    ['src/cli.ts', "import { buildApp } from './app.js';"],
    ['test/unit/snippet.test.ts', "import { buildApp } from '../../src/app.js';\nimport { sign } from '../../src/surfaces/genauth/request-signature.js';"],
  ])('%s: allowed imports pass', async (path, code) => {
    expect(await boundaryProblems(path, code)).toEqual([]);
  });
});
