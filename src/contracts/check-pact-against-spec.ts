import * as openapiPactComparator from '@pactflow/openapi-pact-comparator';
import type { OpenApiDocument } from '../openapi/openapi-types.js';

/**
 * Checks a pact against its surface's spec with PactFlow's openapi-pact-comparator (the successor of
 * swagger-mock-validator; test/contract/spec-check shows both reach the same verdicts here). A pact the mock honours
 * but the spec forbids would give false confidence, so every error-level finding fails the pact.
 */

export interface SpecProblem {
  /** Comparator code, e.g. `request.path-or-method.unknown`, `response.body.incompatible`. */
  code: string;
  message: string;
  interaction: string | undefined;
  /** Where in the pact, e.g. `[root].interactions[3].response.body.data.isEnabled`. */
  location: string | undefined;
}

export interface SpecCheck {
  ok: boolean;
  errors: SpecProblem[];
  warnings: SpecProblem[];
}

/** The comparator's result, as its (dist/src/results) types describe it. */
interface Result {
  code: string;
  message: string;
  type: 'error' | 'warning' | 'info';
  mockDetails?: { interactionDescription?: string | null; location: string };
}

interface Comparator {
  compare(pact: unknown): AsyncGenerator<Result>;
}

/**
 * The package's declarations re-export with extensionless paths, which NodeNext resolution cannot follow, so its
 * class is typed here from its documented API (`new Comparator({ oas })`, `compare(pact)`).
 */
const { Comparator } = openapiPactComparator as unknown as { Comparator: new (options: { oas: unknown }) => Comparator };

function toProblem(result: Result): SpecProblem {
  return {
    code: result.code,
    message: result.message,
    interaction: result.mockDetails?.interactionDescription ?? undefined,
    location: result.mockDetails?.location,
  };
}

/** One comparator per spec document: it compiles the spec's schemas once and is reused for every pact. */
const comparators = new WeakMap<OpenApiDocument, Comparator>();

/**
 * A pact the comparator cannot read (`"status": "200"`, a numeric method): it throws its parser's error, whose one
 * message ("Malformed Pact file") names neither the interaction nor the field; this one names both.
 */
export class MalformedPactError extends Error {
  override name = 'MalformedPactError';
}

/** A schema error of the comparator's parser (ajv's: `instancePath` under `interactions`). */
interface ParserError {
  instancePath: string;
  message: string;
}

/** The comparator parser's schema errors, if `error` is its parser's error. */
function toParserErrors(error: unknown): ParserError[] | undefined {
  const errors = (error as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.map((item: { instancePath?: unknown; message?: unknown } | undefined) => ({
    instancePath: typeof item?.instancePath === 'string' ? item.instancePath : '',
    message: typeof item?.message === 'string' ? item.message : 'is malformed',
  }));
}

/** `/0/response/status` of interaction "status" with "must be number": `interaction 0 ("status"): response.status must be number`. */
function toMalformedPactMessage(pact: unknown, errors: readonly ParserError[]): string {
  const interactions = (pact as { interactions?: Array<{ description?: unknown }> }).interactions ?? [];
  const lines = errors.slice(0, 5).map((error) => {
    const [index, ...field] = error.instancePath.split('/').slice(1);
    const description = interactions[Number(index)]?.description;
    const where = index === undefined ? 'the pact' : `interaction ${index} (${JSON.stringify(description)})`;
    return `${where}: ${field.length > 0 ? `${field.join('.')} ` : ''}${error.message}`;
  });
  return `the pact cannot be read (${lines.join('; ')}${errors.length > 5 ? `; ${errors.length - 5} more` : ''})`;
}

/**
 * @example
 * const check = await checkPactAgainstSpec(pactJson, spec.document);
 * check.errors // [{ code: 'response.body.incompatible', message: '... must be boolean', interaction: 'status', ... }]
 */
export async function checkPactAgainstSpec(pact: unknown, spec: OpenApiDocument): Promise<SpecCheck> {
  let comparator = comparators.get(spec);
  if (!comparator) {
    comparator = new Comparator({ oas: structuredClone(spec) });
    comparators.set(spec, comparator);
  }
  const errors: SpecProblem[] = [];
  const warnings: SpecProblem[] = [];
  try {
    for await (const result of comparator.compare(pact)) {
      if (result.type === 'error') errors.push(toProblem(result));
      else if (result.type === 'warning') warnings.push(toProblem(result));
    }
  } catch (error) {
    const parserErrors = toParserErrors(error);
    if (parserErrors) throw new MalformedPactError(toMalformedPactMessage(pact, parserErrors));
    throw error;
  }
  return { ok: errors.length === 0, errors, warnings };
}
