import fc from 'fast-check';
import type { JsonSchema } from '../../src/openapi/openapi-types.js';

/**
 * fast-check arbitraries for values a JSON Schema (OpenAPI 3.1, dereferenced) accepts, written for the fuzzer so that
 * every generated value comes from fast-check's seeded random source and shrinks. Covers the keywords our specs use:
 * type (also as a list), const, enum, string length/pattern/format, numeric bounds, arrays, objects (required,
 * additionalProperties), oneOf/anyOf. `if`/`then` and `not` are not solved: a value they reject is simply one more
 * invalid request, which the fuzzer classifies with the spec's own validator anyway.
 */

const MAX_DEPTH = 5;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(minLength, 40);
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  switch (schema.format) {
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
    case 'uri':
      return fc.webUrl().filter(fits);
  }
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({ minLength, maxLength });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) record[name] = toValidArbitrary(property, depth + 1);
  const declared = fc.record(record, { requiredKeys: [...required].filter((name) => name in properties) });
  if (schema.additionalProperties === undefined || schema.additionalProperties === false || schema.additionalProperties === true) return declared;
  // A map schema (additionalProperties: {schema}): some extra keys of that shape.
  const extra = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(key in properties)),
    toValidArbitrary(schema.additionalProperties as JsonSchema, depth + 1),
    { maxKeys: 3 },
  );
  return fc.tuple(declared, extra).map(([known, more]) => ({ ...more, ...known }));
}

function arrayArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<unknown[]> {
  const items = toValidArbitrary((schema.items ?? {}) as JsonSchema, depth + 1);
  const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const maxLength = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(minLength, 4);
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
    : fc.array(items, { minLength, maxLength });
}

/** Any JSON value: what an unconstrained schema (`{}`) accepts. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

function typedArbitrary(type: string, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(schema, depth);
    case 'object':
      return objectArbitrary(schema, depth);
    default:
      return anyJson;
  }
}

/**
 * Values the schema accepts (as far as the keywords above decide).
 *
 * @example
 * fc.sample(toValidArbitrary({ type: 'object', required: ['mfaType'], properties: { mfaType: { enum: ['GOOGLE_AUTH', 'PASSKEY'] } } }), 1)
 * // [{ mfaType: 'PASSKEY' }]
 */
export function toValidArbitrary(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > MAX_DEPTH) return anyJson;
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    // Branches usually add to shared properties of the parent ({type: object, properties, oneOf: [{required: [...]}]}).
    const { oneOf: _oneOf, anyOf: _anyOf, ...parent } = schema;
    return fc.oneof(...branches.map((branch) => toValidArbitrary(mergeSchemas(parent, branch), depth + 1)));
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : schema.properties ? ['object'] : [];
  if (types.length === 0) return anyJson;
  return fc.oneof(...types.map((type) => typedArbitrary(type, schema, depth)));
}

function mergeSchemas(parent: JsonSchema, branch: JsonSchema): JsonSchema {
  return {
    ...parent,
    ...branch,
    properties: { ...(parent.properties ?? {}), ...(branch.properties ?? {}) },
    required: [...new Set([...((parent.required ?? []) as string[]), ...((branch.required ?? []) as string[])])],
  };
}
