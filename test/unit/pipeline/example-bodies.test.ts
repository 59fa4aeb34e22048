import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../../src/openapi/to-route-definitions.js';
import { toExampleBody } from '../../../src/pipeline/example-bodies.js';

/** A one-operation route whose 200 answer has the given example as its canonical one. */
function routeWith(example: unknown): RouteDefinition {
  const response = {
    status: 200,
    schema: undefined,
    examples: new Map([['only', example]]),
    exampleSummaries: new Map<string, string>(),
    canonicalExample: 'only',
  };
  return {
    operationId: 'op',
    method: 'get',
    path: '/p',
    routerPath: '/p',
    summary: undefined,
    secured: false,
    params: undefined,
    query: undefined,
    body: undefined,
    headers: [],
    responses: new Map([[200, response]]),
  };
}

/** The copy as it was made with node:util before the core had to run in a browser: the oracle for the new check. */
function copiedWithNodeUtil(example: unknown): unknown {
  const text = JSON.stringify(example);
  return isDeepStrictEqual(JSON.parse(text), example) ? JSON.parse(text) : structuredClone(example);
}

describe('example bodies: a fresh copy of the example', () => {
  it('is what the node:util check copied, for JSON-like and awkward values (NaN, -0, undefined, holes, dates, null prototypes)', () => {
    const awkward = fc.oneof(fc.constantFrom(NaN, -0, Infinity, undefined, new Date(0)), fc.jsonValue());
    const value = fc.oneof(fc.jsonValue(), fc.array(awkward), fc.dictionary(fc.string(), awkward), fc.sparseArray(fc.integer()));
    fc.assert(
      fc.property(fc.oneof(fc.array(value), fc.dictionary(fc.string(), value)), (example) => {
        const route = routeWith(example);
        const copy = toExampleBody(route, 200);
        expect(isDeepStrictEqual(copy, copiedWithNodeUtil(example))).toBe(true);
        expect(copy).not.toBe(example);
        expect(isDeepStrictEqual(toExampleBody(route, 200), copy)).toBe(true); // the cached form too
      }),
      { numRuns: 500 },
    );
  });

  it('keeps what JSON would lose (NaN, -0, undefined in arrays) by cloning instead', () => {
    const copy = toExampleBody(routeWith({ nan: NaN, zero: -0, list: [1, undefined] }), 200);
    expect(Object.is(copy.nan, NaN)).toBe(true);
    expect(Object.is(copy.zero, -0)).toBe(true);
    expect(copy.list).toEqual([1, undefined]);
  });
});
