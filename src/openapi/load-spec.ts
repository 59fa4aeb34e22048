import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import { parse } from 'yaml';
import type { SurfaceId } from '../surfaces/surface-ids.js';
import type { OpenApiDocument } from './openapi-types.js';

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

/**
 * Read, validate (OpenAPI 3.1 schema + semantic rules) and dereference one surface's spec.
 *
 * @example
 * const spec = await loadSpec('specs', 'lerian');
 * spec.api.paths['/v1/users/{id}/mfa'].get.operationId // 'getMfaStatus'
 */
export async function loadSpec(specsDir: string, surface: SurfaceId): Promise<LoadedSpec> {
  const file = toSpecFile(specsDir, surface);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new SpecError(`${file}: cannot read spec (${(error as Error).message})`);
  }
  let document: OpenApiDocument;
  try {
    document = parse(source) as OpenApiDocument;
  } catch (error) {
    throw new SpecError(`${file}: not valid YAML (${(error as Error).message})`);
  }
  if (!document?.openapi?.startsWith('3.1')) throw new SpecError(`${file}: expected "openapi: 3.1.x"`);
  // The parser mutates its input, so each step gets its own copy.
  const result = await validate(structuredClone(document) as never);
  if (!result.valid) throw new SpecError(`${file}: invalid OpenAPI 3.1\n${compileErrors(result)}`);
  const api = (await dereference(structuredClone(document) as never)) as OpenApiDocument;
  const declared = document.info['x-sandbox-surface'];
  if (declared !== surface) throw new SpecError(`${file}: info.x-sandbox-surface is "${String(declared)}", expected "${surface}"`);
  return { surface, file, source, document, api };
}
