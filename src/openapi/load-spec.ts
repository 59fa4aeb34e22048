import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { SurfaceId } from '../surfaces/surface-ids.js';
import type { OpenApiDocument } from './openapi-types.js';
import { readSpecSnapshot, SPEC_SNAPSHOT_DIR } from './spec-snapshot.js';

/** A surface's spec as written (for serving and docs) and dereferenced (for routes and validation). */
export interface LoadedSpec {
  surface: SurfaceId;
  file: string;
  /** The YAML text exactly as on disk, served at /specs/<surface>.openapi.yaml. */
  source: string;
  /** Parsed, with $refs intact. */
  document: OpenApiDocument;
  /** Parsed and fully dereferenced. */
  api: OpenApiDocument;
}

/** The spec file could not be read, parsed or validated. */
export class SpecError extends Error {
  override name = 'SpecError';
}

export function toSpecFile(specsDir: string, surface: SurfaceId): string {
  return join(specsDir, `${surface}.openapi.yaml`);
}

async function parseAndValidate(file: string, source: string): Promise<{ document: OpenApiDocument; api: OpenApiDocument }> {
  let document: OpenApiDocument;
  try {
    document = parse(source) as OpenApiDocument;
  } catch (error) {
    throw new SpecError(`${file}: not valid YAML (${(error as Error).message})`);
  }
  if (!document?.openapi?.startsWith('3.1')) throw new SpecError(`${file}: expected "openapi: 3.1.x"`);
  // Loaded on demand: a built server whose specs are all in the build's snapshot never needs the parser.
  const { compileErrors, dereference, validate } = await import('@readme/openapi-parser');
  // The parser mutates its input, so each step gets its own copy.
  const result = await validate(structuredClone(document) as never);
  if (!result.valid) throw new SpecError(`${file}: invalid OpenAPI 3.1\n${compileErrors(result)}`);
  const api = (await dereference(structuredClone(document) as never)) as OpenApiDocument;
  return { document, api };
}

/**
 * Read, validate (OpenAPI 3.1 schema + semantic rules) and dereference one surface's spec. A spec whose exact text
 * the build already validated comes from the build's snapshot (`snapshotDir`; `false` always validates).
 *
 * @example
 * const spec = await loadSpec('specs', 'lerian');
 * spec.api.paths['/v1/users/{id}/mfa'].get.operationId // 'getMfaStatus'
 */
export async function loadSpec(specsDir: string, surface: SurfaceId, snapshotDir: string | false = SPEC_SNAPSHOT_DIR): Promise<LoadedSpec> {
  const file = toSpecFile(specsDir, surface);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecError(`${file}: cannot read spec (${(error as Error).message})`);
  }
  const { document, api } = (snapshotDir && (await readSpecSnapshot(snapshotDir, source))) || (await parseAndValidate(file, source));
  const declared = document.info['x-sandbox-surface'];
  if (declared !== surface) throw new SpecError(`${file}: info.x-sandbox-surface is "${String(declared)}", expected "${surface}"`);
  return { surface, file, source, document, api };
}
