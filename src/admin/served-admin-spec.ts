import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { SURFACE_IDS } from '../surfaces/registry.js';

const require = createRequire(import.meta.url);

/** The YAML line that lists the surfaces in the admin spec; served with the registry's list, so it cannot go stale. */
const SURFACE_ENUM_LINE = /^( *SurfaceId: \{ type: string, enum: \[)[^\]]*(\] \})/m;

/**
 * specs/sandbox/admin.openapi.yaml as served: the surface enum is the registry's (src/surfaces/registry.ts).
 *
 * @example
 * toServedAdminSpec('    SurfaceId: { type: string, enum: [flashback] }') // '    SurfaceId: { type: string, enum: [flashback, nest-auth, lerian, genauth] }'
 */
export function toServedAdminSpec(source: string): string {
  if (!SURFACE_ENUM_LINE.test(source))
    throw new Error('specs/sandbox/admin.openapi.yaml: no "SurfaceId: { type: string, enum: [...] }" line to fill from the registry');
  return source.replace(SURFACE_ENUM_LINE, `$1${SURFACE_IDS.join(', ')}$2`);
}

/** specs/sandbox/admin.openapi.yaml as `GET /__admin/openapi.yaml` serves it. */
export function readServedAdminSpec(): string {
  return toServedAdminSpec(readFileSync(join(PACKAGE_ROOT, 'specs/sandbox/admin.openapi.yaml'), 'utf8'));
}

/**
 * The served admin spec as JSON text (`GET /__admin/openapi.json`), as each vendor spec has its JSON twin: for a client
 * generator or a language without a YAML parser. Parsed on first use: a start does not load the YAML parser for it.
 */
export function toAdminSpecJson(servedYaml: string): string {
  const { parse } = require('yaml') as typeof import('yaml');
  return JSON.stringify(parse(servedYaml));
}
