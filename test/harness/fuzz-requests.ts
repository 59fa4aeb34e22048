import fc from 'fast-check';
import type { JsonSchema } from '../../src/openapi/openapi-types.js';
import type { RouteDefinition } from '../../src/openapi/to-route-definitions.js';
import { anyJson, toValidArbitrary } from './schema-arbitrary.js';
import type { SpecRequest } from './spec-requests.js';

/**
 * Requests for one operation, valid and hostile, generated from its spec: a base request (the spec's own example, or
 * one generated from the schemas) with up to two mutations of what a hurried frontend or a fuzzer sends.
 */

export const MUTATIONS = [
  'wrong-type',
  'missing-field',
  'extra-field',
  'huge-string',
  'unicode',
  'wrong-enum',
  'bad-path-id',
  'broken-json',
  'deep-nesting',
  'wrong-content-type',
  'oversized-body',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface FuzzRequest {
  base: 'spec-example' | 'generated';
  mutations: Mutation[];
  /** Path parameters, unencoded. */
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** A JSON body, or undefined for none. */
  body: unknown;
  /** Exact body bytes (wins over `body`). */
  rawBody?: string;
  contentType?: string;
  credentials: 'valid' | 'none' | 'garbage';
  scenario: string;
}

type Path = Array<string | number>;

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** Every location inside a JSON value (the root excluded), parents before children. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (!isContainer(value) || prefix.length > 6) return out;
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push(path);
    pathsOf(child, path, out);
  }
  return out;
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (isContainer(node) ? (node as Record<string, unknown>)[key as string] : undefined), value);
}

/** A copy of `value` with the location changed (`undefined` deletes it). */
function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path as [string | number, ...Path];
  if (rest.length === 0) {
    if (replacement === undefined && !Array.isArray(copy)) delete copy[head];
    else copy[head] = replacement;
  } else {
    copy[head] = setAt(copy[head], rest, replacement);
  }
  return copy;
}

/** The schema of a location, following properties, items and oneOf/anyOf branches. */
function schemaAt(schema: JsonSchema | undefined, path: Path): JsonSchema | undefined {
  let node = schema;
  for (const key of path) {
    if (!node) return undefined;
    const branches = [node, ...(((node.oneOf ?? node.anyOf) as JsonSchema[] | undefined) ?? [])];
    node =
      typeof key === 'number'
        ? (branches.find((b) => b.items)?.items as JsonSchema | undefined)
        : branches.map((b) => (b.properties as Record<string, JsonSchema> | undefined)?.[key]).find((schema) => schema !== undefined);
  }
  return node;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const isPlainObject = (value: unknown): value is object => typeOf(value) === 'object';

const otherTypedValue = (original: unknown) =>
  fc
    .oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 8 }),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.object({ maxDepth: 1, maxKeys: 2 }),
    )
    .filter((value) => typeOf(value) !== typeOf(original));

const hugeString = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.integer({ min: 5_000, max: 150_000 }))
  .map(([unit, times]) => unit.repeat(Math.ceil(times / unit.length)));

const unicodeString = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }), // any code point, lone surrogates included
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 32 }), // emoji, combining marks, RTL
  fc.constantFrom('\u0000', '\u202e\u202d', 'Ω≈ç√∫', '👩‍👩‍👧‍👦', 'ａｄｍｉｎ', '\ud800', '\r\n\t', 'ﬁ', 'İ', '\ufeff'),
);

/** Path ids a client should never send. '.' and '..' are left out: URL parsing turns them into another path. */
const badPathId = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.integer({ min: 101, max: 3_000 }).map((length) => 'a'.repeat(length)),
    fc.constantFrom('%', '%00', '-1', '0', 'null', 'undefined', '{id}', ' ', 'ü', "' OR 1=1 --", '<script>', '../../etc/passwd', 'x'.repeat(100)),
    fc.uuid(),
    fc.integer().map(String),
  )
  .filter((id) => id.length > 0 && !/^\.{1,2}$/.test(id));

const hostileJson = (serialised: string) =>
  fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, serialised.length - 1) }).map((cut) => serialised.slice(0, cut)),
    fc.constant(`${serialised}}`),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '{',
      '[',
      '{"a":',
      'nul',
      'undefined',
      "{'single':'quotes'}",
      '{"a":1,}',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"a":1,"a":2}',
      '\ufeff{}',
    ),
  );

/** Valid JSON nested deeper than JSON.stringify (or any recursive walk) can follow, as text: it cannot be built as a value here. */
const deeplyNested = fc
  .tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

function targetPaths(value: unknown, predicate: (path: Path) => boolean = () => true): Path[] {
  return pathsOf(value).filter(predicate);
}

/** Pick one of the paths (or none when there are none). */
const pickPath = (paths: Path[]) => (paths.length === 0 ? fc.constant(undefined) : fc.constantFrom(...paths));

function mutate(request: FuzzRequest, mutation: Mutation, route: RouteDefinition): fc.Arbitrary<FuzzRequest> {
  const withBody = route.body !== undefined;
  // Field mutations go to the body when the operation has one, else to the query string.
  const part: 'body' | 'query' = withBody ? 'body' : 'query';
  const partSchema = withBody ? route.body!.schema : route.query;
  const current = part === 'body' ? request.body : request.query;
  const replacePart = (value: unknown): FuzzRequest => ({ ...request, [part]: value, mutations: [...request.mutations, mutation] });
  const noted = (changes: Partial<FuzzRequest>): FuzzRequest => ({ ...request, ...changes, mutations: [...request.mutations, mutation] });

  switch (mutation) {
    case 'wrong-type':
      return pickPath(targetPaths(current)).chain((path) =>
        path ? otherTypedValue(getAt(current, path)).map((value) => replacePart(setAt(current, path, value))) : otherTypedValue(current).map(replacePart),
      );
    case 'missing-field':
      return pickPath(targetPaths(current)).map((path) =>
        path ? replacePart(setAt(current, path, undefined)) : replacePart(part === 'body' ? undefined : {}),
      );
    case 'extra-field': {
      const objects = [[], ...targetPaths(current, (path) => typeOf(getAt(current, path)) === 'object')];
      return fc.tuple(fc.constantFrom(...objects), fc.string({ minLength: 1, maxLength: 20 }), anyJson).map(([path, key, value]) => {
        const target = path.length ? getAt(current, path) : current;
        return replacePart(setAt(current, path, { ...(isPlainObject(target) ? target : {}), [key]: value }));
      });
    }
    case 'huge-string':
    case 'unicode': {
      const strings = targetPaths(current, (path) => typeof getAt(current, path) === 'string');
      const value = mutation === 'huge-string' ? hugeString : unicodeString;
      return fc
        .tuple(pickPath(strings.length ? strings : targetPaths(current)), value)
        .map(([path, text]) => replacePart(path ? setAt(current, path, text) : setAt(current ?? {}, ['fuzz'], text)));
    }
    case 'wrong-enum': {
      const enums = targetPaths(current, (path) => Array.isArray(schemaAt(partSchema, path)?.enum));
      const strings = targetPaths(current, (path) => typeof getAt(current, path) === 'string');
      return fc.tuple(pickPath(enums.length ? enums : strings), fc.oneof(fc.string({ maxLength: 12 }), fc.constant('__nope__'))).map(([path, other]) => {
        if (!path) return noted({});
        const original = getAt(current, path);
        const wrong =
          typeof original === 'string' && other === '' ? (original.toLowerCase() === original ? original.toUpperCase() : original.toLowerCase()) : other;
        return replacePart(setAt(current, path, wrong === original ? `${wrong}x` : wrong));
      });
    }
    case 'bad-path-id': {
      const names = Object.keys(request.params);
      if (names.length === 0) return fc.constant(noted({}));
      return fc.tuple(fc.constantFrom(...names), badPathId).map(([name, id]) => noted({ params: { ...request.params, [name]: id } }));
    }
    case 'broken-json':
      if (route.method === 'get') return fc.constant(noted({}));
      return hostileJson(JSON.stringify(request.body ?? {})).map((rawBody) => noted({ rawBody, contentType: 'application/json' }));
    case 'deep-nesting': {
      if (route.method === 'get') return fc.constant(noted({}));
      const base = typeOf(request.body) === 'object' ? (request.body as object) : {};
      return fc.tuple(pickPath([[], ...targetPaths(base)]), deeplyNested).map(([path, nested]) => {
        const marker = '__fuzz_deep_value__';
        const shaped = path && path.length ? setAt(base, path, marker) : { ...base, deep: marker };
        return noted({ rawBody: JSON.stringify(shaped).replace(`"${marker}"`, nested), contentType: 'application/json' });
      });
    }
    case 'wrong-content-type':
      if (route.method === 'get') return fc.constant(noted({}));
      return fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          'APPLICATION/JSON',
          'application/vnd.api+json',
        )
        .map((contentType) => noted({ contentType, rawBody: JSON.stringify(request.body ?? {}) }));
    case 'oversized-body':
      if (route.method === 'get') return fc.constant(noted({}));
      return fc
        .integer({ min: 1_100_000, max: 1_500_000 })
        .map((size) => noted({ body: { ...(typeOf(request.body) === 'object' ? (request.body as object) : {}), padding: 'x'.repeat(size) } }));
  }
}

function generatedBase(route: RouteDefinition): fc.Arbitrary<Pick<FuzzRequest, 'params' | 'query' | 'body'>> {
  const params = (route.params ? toValidArbitrary(route.params) : fc.constant({})) as fc.Arbitrary<Record<string, unknown>>;
  const query = (route.query ? toValidArbitrary(route.query) : fc.constant({})) as fc.Arbitrary<Record<string, unknown>>;
  const body = route.body
    ? route.body.required
      ? toValidArbitrary(route.body.schema)
      : fc.option(toValidArbitrary(route.body.schema), { nil: undefined })
    : fc.constant(undefined);
  return fc.record({ params, query, body }).map(({ params: values, query: q, body: b }) => ({
    // Generated ids must stay one path segment and non-empty (an empty or dot id addresses another route).
    params: Object.fromEntries(
      Object.entries(values ?? {}).map(([name, value]) => [name, String(value) === '' || /^\.{1,2}$/.test(String(value)) ? 'x' : String(value)]),
    ),
    query: q ?? {},
    body: b,
  }));
}

function exampleParams(route: RouteDefinition, example: SpecRequest): Record<string, string> {
  // Recover each path parameter's example value from the filled-in path.
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const pattern = new RegExp(`^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]*)')}$`);
  const values = example.path.match(pattern)?.slice(1) ?? [];
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(values[index] ?? 'x')]));
}

/**
 * Requests for one operation: the spec example or a generated one, up to two mutations, a scenario and credentials.
 *
 * @example
 * fc.sample(toFuzzRequestArbitrary(route, toSpecRequest(api, route), ['default']), 3)
 */
export function toFuzzRequestArbitrary(route: RouteDefinition, example: SpecRequest, scenarios: string[]): fc.Arbitrary<FuzzRequest> {
  const fromExample: Pick<FuzzRequest, 'params' | 'query' | 'body'> = { params: exampleParams(route, example), query: example.query, body: example.body };
  const base = fc.oneof(
    fc.constant({ ...fromExample, base: 'spec-example' as const }),
    generatedBase(route).map((generated) => ({ ...generated, base: 'generated' as const })),
  );
  const settings = fc.record({
    mutations: fc.array(fc.constantFrom(...MUTATIONS), { maxLength: 2 }),
    scenario: fc.constantFrom(...scenarios),
    // Mostly valid credentials, so requests get past authentication to validation and the operation.
    credentials: fc.constantFrom<FuzzRequest['credentials']>('valid', 'valid', 'valid', 'valid', 'none', 'garbage'),
  });
  return fc.tuple(base, settings).chain(([start, { mutations, scenario, credentials }]) => {
    const initial: FuzzRequest = { ...start, mutations: [], scenario, credentials };
    return mutations.reduce<fc.Arbitrary<FuzzRequest>>(
      (arbitrary, mutation) => arbitrary.chain((request) => mutate(request, mutation, route)),
      fc.constant(initial),
    );
  });
}
