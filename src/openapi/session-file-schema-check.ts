import type { ErrorObject } from 'ajv';
import type { SessionFileProblem, SessionFileSchemaCheck } from '../engine/session-file.js';
import { createAjv } from './schema-validators.js';

/** Enough to fix a file; a file broken everywhere would otherwise list the same mistake hundreds of times. */
const MAX_PROBLEMS = 20;

/** An ajv error as a problem a person can act on: where, and what (with the offending property's name). */
function toProblem(error: ErrorObject): SessionFileProblem {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[]; allowedValue?: unknown };
  // ajv's "must be equal to constant" names no constant: a file of another version needs to know which one is read.
  if (error.keyword === 'const') return { pointer: error.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
  let message = error.message ?? 'is invalid';
  if (params.additionalProperty !== undefined) message += `: "${params.additionalProperty}"`;
  if (params.allowedValues !== undefined) message += `: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  return { pointer: error.instancePath, message };
}

/**
 * The check of a session file against the admin spec's `SessionFile` schema, given that spec's `components.schemas`
 * (its `$ref`s point there). Compiled on first use: most sandboxes never import a session.
 *
 * @example
 * const check = createSessionFileSchemaCheck(adminSpec.components.schemas);
 * check({ format: 'mfa-sandbox-session' }) // [{ pointer: '', message: "must have required property 'version'" }, ...]
 */
export function createSessionFileSchemaCheck(schemas: Record<string, unknown>): SessionFileSchemaCheck {
  let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;
  return (file) => {
    validate ??= createAjv(false, false).compile({ $ref: '#/components/schemas/SessionFile', components: { schemas } });
    if (validate(file)) return [];
    return (validate.errors ?? []).slice(0, MAX_PROBLEMS).map(toProblem);
  };
}
