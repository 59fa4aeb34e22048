import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import { SURFACE_IDS } from '../surfaces/registry.js';

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
