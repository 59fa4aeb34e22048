import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUILD_SNAPSHOT_DIR, readBuildSnapshot, toValidatorsFile } from '../snapshots/build-snapshot.js';

import { toPointerAtJsonLine } from './json-line-pointer.js';
import { locateMissingRef } from './missing-ref.js';
import type { OpenApiDocument } from './openapi-types.js';
import type { PrecompiledRouteValidators, PrecompiledValidators } from './schema-validators.js';
import { isErrorOfClass, stampErrorClass } from '../errors.js';

const require = createRequire(import.meta.url);

/** A surface's spec as written (for serving and docs) and dereferenced (for routes and validation). */
export interface LoadedSpec<Id extends string = string> {
  surface: Id;
  file: string;
  /** The YAML text exactly as on disk, served at /specs/<surface>.openapi.yaml. */
  source: string;
  /** Parsed, with $refs intact. */
  document: OpenApiDocument;
  /** Parsed and fully dereferenced. */
  api: OpenApiDocument;
  /** Every schema its operations use was checked against the JSON Schema meta-schema at build time (build snapshot). */
  schemasChecked?: boolean;
  /** The validators the build compiled for its routes (build snapshot), each route's loaded when first asked for. */
  precompiledValidators?: PrecompiledValidators;
}

/** One problem at one place of a spec file (an edited copy given with --specs that the sandbox could not answer from). */
export interface SpecProblem {
  file: string;
  /** JSON pointer into the file; '' for the whole file. */
  pointer: string;
  /** What is wrong, without the place. */
  reason: string;
}

/**
 * The spec file could not be read, parsed or validated, or (with `problems`) was read but cannot be answered from:
 * every such problem of every spec, each with its file and JSON pointer, so one `check` lists them all.
 */
export class SpecError extends Error {
  override name = 'SpecError';
  /** Also an error of this class that the package's other build threw (see stampErrorClass). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isErrorOfClass(this, SpecError, 'SpecError', value);
  }
  constructor(
    message: string,
    readonly problems: readonly SpecProblem[] = [],
  ) {
    super(message);
    stampErrorClass(this, 'SpecError');
  }
}

/**
 * One problem of one spec file as a SpecError whose `problems` name it too: a program reading `problems` (README's
 * programmatic API) found none for a file that did not parse or was no OpenAPI 3.1.
 */
function specProblem(file: string, pointer: string, reason: string): SpecError {
  return new SpecError(`${pointer === '' ? file : `${file}#${pointer}`}: ${reason}`, [{ file, pointer, reason }]);
}

/** Throw the problems found in the specs, if any, as one SpecError. */
export function throwIfSpecProblems(problems: readonly SpecProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map(({ file, pointer, reason }) => `${pointer === '' ? file : `${file}#${pointer}`}: ${reason}`);
  throw new SpecError(lines.length === 1 ? lines[0]! : `${lines.length} problems in the specs:\n${lines.map((line) => `  ${line}`).join('\n')}`, problems);
}

export function toSpecFile(specsDir: string, surface: string): string {
  return join(specsDir, `${surface}.openapi.yaml`);
}

/** What the build stores for a spec it validated (see snapshots/build-snapshot.ts). */
export interface SpecSnapshot {
  /** Parsed, with $refs intact. */
  document: OpenApiDocument;
  /** Parsed and fully dereferenced. */
  api: OpenApiDocument;
  /** The build checked every operation's schemas against the meta-schema (see checkRouteSchemas). */
  schemasChecked?: boolean;
  /** The build also compiled every route's validators, into modules beside the snapshot (toValidatorsFile). */
  precompiled?: boolean;
}

/**
 * The build's validators of this spec text, each route's module loaded when that route first needs it. A missing or
 * damaged module is no module (like a damaged snapshot): that route compiles its validators itself.
 */
function precompiledValidatorsOf(snapshotDir: string, source: string): PrecompiledValidators {
  return (operationId) => {
    try {
      return require(toValidatorsFile(snapshotDir, source, operationId)) as PrecompiledRouteValidators;
    } catch {
      return undefined;
    }
  };
}

/** Parse, validate and dereference a spec's text; this is what the build's snapshot saves a built server from doing. */
export async function parseAndValidateSpec(file: string, source: string): Promise<SpecSnapshot> {
  // Both loaded on demand: a built server whose specs are all in the build's snapshot never needs them. yaml through
  // require, not import(): bundled (the installed command), an import() of this CommonJS package gives only its
  // default export, and `parse` was undefined for every spec not in the snapshot (a user's own, MFA_SANDBOX_SPECS).
  const { parse } = require('yaml') as typeof import('yaml');
  let document: OpenApiDocument;
  try {
    document = parse(source) as OpenApiDocument;
  } catch (error) {
    throw specProblem(file, '', `not valid YAML: ${(error as Error).message.trimEnd()}`);
  }
  if (!document?.openapi?.startsWith('3.1')) throw specProblem(file, '', 'expected "openapi: 3.1.x"');
  const { compileErrors, dereference, validate } = await import('@readme/openapi-parser');
  // The parser mutates its input, so each step gets its own copy.
  const validated = structuredClone(document);
  const result = await validate(validated as never);
  if (!result.valid) {
    // A `$ref` to nothing: the validator names the target, not the place that refers to it.
    const missingRef = locateMissingRef(document, compileErrors(result));
    if (missingRef) throw specProblem(file, missingRef.pointer, missingRef.reason);
    // The first problem's code frame marks its line of the document as JSON (`> 52 |`), as the validator left it (it
    // changes its input): name it by JSON pointer too.
    const line = /^> *(\d+) \|/m.exec(result.errors[0]?.message ?? '')?.[1];
    const pointer = line === undefined ? undefined : toPointerAtJsonLine(validated, Number(line));
    throw specProblem(file, pointer ?? '', `invalid OpenAPI 3.1\n${compileErrors(result)}`);
  }
  const api = (await dereference(structuredClone(document) as never)) as OpenApiDocument;
  return { document, api };
}

/**
 * Why a spec file could not be read. A missing one is most often a copy of the specs directory that holds only some
 * surfaces' specs, or a `--specs` path with a typo: say which, and what a specs directory holds.
 */
function toUnreadableSpec(specsDir: string, surface: string, file: string, error: NodeJS.ErrnoException): { file: string; reason: string } {
  if (error.code !== 'ENOENT') return { file, reason: `cannot read spec (${error.message})` };
  if (!existsSync(specsDir)) return { file: specsDir, reason: 'not a specs directory: there is no such directory' };
  const present = readdirSync(specsDir).filter((name) => name.endsWith('.openapi.yaml'));
  return {
    file,
    reason:
      `no such file: a specs directory holds a <surface>.openapi.yaml for every surface served (${surface} is one), ` +
      `so copy the shipped specs directory whole, or serve only a surface whose spec it has with --surface <id>` +
      (present.length ? ` (it has ${present.join(', ')})` : ' (it has none)'),
  };
}

/**
 * Read, validate (OpenAPI 3.1 schema + semantic rules) and dereference one surface's spec. A spec whose exact text
 * the build already validated comes from the build's snapshot (`snapshotDir`; `false` always validates).
 *
 * @example
 * const spec = await loadSpec('specs', 'lerian');
 * spec.api.paths['/v1/users/{id}/mfa'].get.operationId // 'getMfaStatus'
 */
export async function loadSpec<Id extends string>(specsDir: string, surface: Id, snapshotDir: string | false = BUILD_SNAPSHOT_DIR): Promise<LoadedSpec<Id>> {
  const file = toSpecFile(specsDir, surface);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const unreadable = toUnreadableSpec(specsDir, surface, file, error as NodeJS.ErrnoException);
    throw specProblem(unreadable.file, '', unreadable.reason);
  }
  const built = snapshotDir ? readBuildSnapshot<SpecSnapshot>(snapshotDir, 'specs', source) : undefined;
  const { document, api, schemasChecked, precompiled } = built?.document && built.api ? built : await parseAndValidateSpec(file, source);
  const declared = document.info['x-sandbox-surface'];
  if (declared !== surface) throw specProblem(file, '', `info.x-sandbox-surface is "${String(declared)}", expected "${surface}"`);
  return {
    surface,
    file,
    source,
    document,
    api,
    ...(schemasChecked === true ? { schemasChecked } : {}),
    ...(precompiled === true && snapshotDir ? { precompiledValidators: precompiledValidatorsOf(snapshotDir, source) } : {}),
  };
}
