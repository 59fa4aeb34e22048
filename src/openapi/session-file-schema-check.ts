import type { ErrorObject } from 'ajv';
import type { SessionFileProblem, SessionFileSchemaCheck } from '../engine/session-file.js';
import { MAX_GENERATED_USERS } from '../engine/generated-users.js';
import { toQuotedNumberHint } from '../engine/quoted-number.js';
import { valueAtPointer } from '../engine/json-pointer.js';
import { createAjv } from './schema-validators.js';

/** Enough to fix a file; a file broken everywhere would otherwise list the same mistake hundreds of times. */
const MAX_PROBLEMS = 20;

/**
 * More items than any session holds in one list (its overrides, an outbox) or one map (its users and tokens: a
 * scenario's 10,000 generated users beside its own): refused before the schema check, whose cost grew with the square
 * of the bad ones (a security tour's file of 100,000 overrides held the sandbox for a minute, one of 80,000 worlds
 * for 20 s; 20,000 take ~0.6 s).
 */
export const MAX_SESSION_FILE_LIST = 2 * MAX_GENERATED_USERS;

/** Each list or map of `file` larger than MAX_SESSION_FILE_LIST, and each number JSON read as infinite (`1e400`). */
function longArrayProblems(file: unknown): SessionFileProblem[] {
  const problems: SessionFileProblem[] = [];
  const pending: Array<[unknown, string]> = [[file, '']];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const [value, pointer] = pending.pop()!;
    // The schema's `integer` takes Infinity, which a session then wrote back as null (an override id `ov-Infinity`).
    if (typeof value === 'number' && !Number.isFinite(value)) problems.push({ pointer, message: 'must be a finite number' });
    if (value === null || typeof value !== 'object') continue;
    const entries = Object.entries(value);
    if (entries.length > MAX_SESSION_FILE_LIST) {
      const what = Array.isArray(value) ? 'items' : 'keys';
      problems.push({ pointer, message: `has ${entries.length} ${what}; a session file's lists and maps hold at most ${MAX_SESSION_FILE_LIST}` });
      continue;
    }
    for (const [key, inner] of entries) pending.push([inner, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`]);
  }
  return problems;
}

/** An ajv error as a problem a person can act on: where, and what (with the offending property's name). */
function toProblem(error: ErrorObject, file: unknown): SessionFileProblem {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[]; allowedValue?: unknown; type?: string };
  // ajv's "must be equal to constant" names no constant: a file of another version needs to know which one is read.
  if (error.keyword === 'const') return { pointer: error.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
  // As the admin API's override check says it: a file edited by hand quotes numbers by habit (`"status": "500"`).
  if (error.keyword === 'type' && (params.type === 'integer' || params.type === 'number')) {
    const wanted = params.type === 'integer' ? 'an integer' : 'a number';
    return { pointer: error.instancePath, message: `must be ${wanted}${toQuotedNumberHint(valueAtPointer(file, error.instancePath))}` };
  }
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
    const long = longArrayProblems(file);
    if (long.length > 0) return long;
    validate ??= createAjv(false, false).compile({ $ref: '#/components/schemas/SessionFile', components: { schemas } });
    if (validate(file)) return [];
    return (validate.errors ?? []).slice(0, MAX_PROBLEMS).map((error) => toProblem(error, file));
  };
}
