import { createRequire } from 'node:module';
import type { SessionFileSchemaCheck } from '../engine/session-file.js';
import { createSessionFileSchemaCheck } from '../openapi/session-file-schema-check.js';
import { readServedAdminSpec } from './served-admin-spec.js';

const require = createRequire(import.meta.url);

/** The admin spec's component schemas as served (the registry's surfaces), read on first use. */
export function readAdminSchemas(): Record<string, unknown> {
  // yaml loaded here, on first use, not with the server: a start that imports no session file never needs it (nor
  // does the bundle carry it; see openapi/load-spec.ts for why require and not import()).
  const { parse } = require('yaml') as typeof import('yaml');
  return (parse(readServedAdminSpec()) as { components: { schemas: Record<string, unknown> } }).components.schemas;
}

let check: SessionFileSchemaCheck | undefined;

/**
 * A session file checked against the admin spec's `SessionFile` schema (specs/sandbox/admin.openapi.yaml), the
 * contract of `GET /__admin/sessions/{id}/export`. The spec is read and compiled on the first import.
 */
export const checkSessionFileSchema: SessionFileSchemaCheck = (file) => (check ??= createSessionFileSchemaCheck(readAdminSchemas()))(file);
