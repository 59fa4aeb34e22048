import type { RouteDefinition } from '../openapi/to-route-definitions.js';
import type { OperationResult } from './surface-behaviour.js';

/** Says on a dynamic answer whether its body was generated (`generated`) or is the state's answer (`fallback`). */
export const DYNAMIC_HEADER = 'x-mock-dynamic';
/** The seed a dynamic answer was made with: `Prefer: seed=<it>` gives the same body again. */
export const DYNAMIC_SEED_HEADER = 'x-mock-dynamic-seed';
/** How many derived seeds are tried before a dynamic answer falls back to the state's answer. */
export const DYNAMIC_ATTEMPTS = 8;
/** The most generated items a list is asked for; a longer list of the state's reuses them (a rare, large world). */
const MAX_LAID_OVER_ITEMS = 20;

type GenerateSync = (schema: never, options: { seed: number; maxDefaultItems: number; minItems: number }) => unknown;

/** json-schema-faker, loaded on the first dynamic request: a server that is never asked for one never loads it. */
let generateSync: GenerateSync | undefined;
let loading: Promise<GenerateSync> | undefined;

function loadGenerator(): Promise<GenerateSync> {
  loading ??= import('json-schema-faker').then((module) => (generateSync = module.generateSync as unknown as GenerateSync));
  return loading;
}

/** What a dynamic answer is derived from, besides its seed: the same inputs always give the same body. */
export interface DynamicInputs {
  surface: string;
  operationId: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
}

/** FNV-1a over the text, as an unsigned 32-bit integer: a stable, browser-safe seed derivation. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Object keys sorted, so `?a=1&b=2` and `?b=2&a=1` derive the same seed. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * The generator seed of one attempt: the seed asked for, the surface, operationId, status, the request's path
 * parameters and query, and the attempt number. Not the body or headers (nonces and signatures would make every
 * request differ).
 */
export function deriveDynamicSeed(seed: number, inputs: DynamicInputs, status: number, attempt: number): number {
  return hash32(`${seed}|${inputs.surface}|${inputs.operationId}|${status}|${canonicalJson(inputs.params)}|${canonicalJson(inputs.query)}|${attempt}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

type SchemaNode = Record<string, unknown>;

/** The schema of a property (or, with `key` undefined, of a list item), looked for through allOf/anyOf/oneOf. */
function schemaOf(schema: unknown, key: string | undefined, depth = 0): SchemaNode | undefined {
  if (!isPlainObject(schema) || depth > 8) return undefined;
  const direct = key === undefined ? schema.items : (schema.properties as Record<string, unknown> | undefined)?.[key];
  if (isPlainObject(direct)) return direct;
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    for (const member of members) {
      const found = schemaOf(member, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Names of fields that identify, authenticate, address or time-limit something: the state's value is a fact a flow
 * relies on. Addresses and account names are facts too: a UI shows "we sent a link to <email>" or the signed-in
 * user's address, and an issuer and account name the authenticator shows from the otpauth URL beside them (a
 * frontend tour met `"email": "5e1fU"` on nest-auth's /auth/me, the login's token still saying ada@example.com).
 */
const FACT_NAME =
  /(^id$|Ids?$|_ids?$|token|secret|code|key|challenge|credential|nonce|otpauth|qr|url|uri|link|hash|signature|expir|mail|phone|mobile|issuer|account|username)/i;
/** String formats whose values a flow relies on (links, ids, addresses); other formats (date-time) are display text. */
const FACT_FORMATS = new Set(['uri', 'url', 'uuid', 'uri-reference', 'iri', 'email', 'idn-email']);

/**
 * Whether a string of the state's answer is free display text, which a dynamic answer may vary: its schema is known,
 * pins no value (enum, const, pattern) and no flow relies on it (ids, tokens, codes, links, expiries are facts).
 */
function isFreeText(key: string | undefined, schema: SchemaNode | undefined): boolean {
  if (!schema || (key !== undefined && FACT_NAME.test(key))) return false;
  if (schema.enum !== undefined || schema.const !== undefined || schema.pattern !== undefined) return false;
  if (typeof schema.format === 'string' && FACT_FORMATS.has(schema.format)) return false;
  const type = schema.type;
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}

export interface OverlayOptions {
  /**
   * Add none of the generated fields the state's answer lacks, only vary its free text: for a body whose schema is a
   * oneOf of shapes, where fields generated for another shape make the answer match none.
   */
  stateFieldsOnly?: boolean;
}

/**
 * The state's answer (or a scripted example) laid over a generated body. Its facts win: the envelope, every flag,
 * number, null, enumerated value (methods, statuses), id, token, code, address, link and expiry, every list with its
 * length, and every field it leaves out that is not free text. What varies is free display text (names, messages,
 * dates), also in optional fields the answer leaves out. List items are laid over generated items the same way.
 */
export function overlayStateAnswer(generated: unknown, state: unknown, schema: unknown, options: OverlayOptions = {}, key?: string): unknown {
  if (state === undefined) return generated;
  if (Array.isArray(state)) {
    const items = Array.isArray(generated) ? generated : [];
    const itemSchema = schemaOf(schema, undefined);
    return state.map((item, index) => overlayStateAnswer(items.length ? items[index % items.length] : undefined, item, itemSchema, options, key));
  }
  if (isPlainObject(state)) {
    if (!isPlainObject(generated)) return state;
    const merged: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(generated)) {
      // A field the state leaves out is added only as free text: an absent flag, enum or id is a fact too (no
      // primaryMethod while no method is enabled), which a generated one would contradict.
      if (!(name in state) && !options.stateFieldsOnly && typeof value === 'string' && isFreeText(name, schemaOf(schema, name))) merged[name] = value;
    }
    for (const [name, value] of Object.entries(state)) merged[name] = overlayStateAnswer(generated[name], value, schemaOf(schema, name), options, name);
    return merged;
  }
  if (typeof state === 'string' && typeof generated === 'string' && isFreeText(key, schema as SchemaNode | undefined)) return generated;
  return state;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back a generated date may fall: recent enough for a UI's "3 weeks ago". */
const GENERATED_DATE_SPAN_MS = 90 * DAY_MS;

/** The stretch of time before the session's day a value's generated dates fall in: its list item's share. */
interface DateWindow {
  /** How far before the day's start the stretch begins (its newest end). */
  offsetMs: number;
  spanMs: number;
}

/** A field that says when something was made: the earliest of its object's generated dates. */
const CREATED_NAME = /^created/i;

/**
 * The generated body with each `date-time` and `date` string moved to a seeded time within the 90 days before the
 * start (UTC) of the session clock's day: json-schema-faker picks any year (a device "added" in 2010, or in 2071,
 * beside a session frozen in 2026). Before, never after, since generated dates stand for what happened (created,
 * used, verified); expiries are facts the state's answer keeps. From the day, not the instant, so the same seed gives
 * the same body all day (and always, with a frozen clock). The items of a list share the 90 days newest first (item
 * 0's dates are the newest), as the vendors list devices, and an object's `created...` date is its earliest, so a
 * device is never used before it was made. A null where a date may be is dated as well (see below). `where` names
 * the value's place, so each date differs.
 */
export function anchorGeneratedDates(
  generated: unknown,
  schema: unknown,
  nowMs: number,
  seed: number,
  where = '',
  window: DateWindow = { offsetMs: 0, spanMs: GENERATED_DATE_SPAN_MS },
): unknown {
  if (Array.isArray(generated)) {
    const itemSchema = schemaOf(schema, undefined);
    const share = window.spanMs / Math.max(1, generated.length);
    return generated.map((item, index) =>
      anchorGeneratedDates(item, itemSchema, nowMs, seed, `${where}/${index}`, { offsetMs: window.offsetMs + index * share, spanMs: share }),
    );
  }
  if (isPlainObject(generated)) {
    const anchored: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(generated))
      anchored[name] = anchorGeneratedDates(value, schemaOf(schema, name), nowMs, seed, `${where}/${name}`, window);
    return withCreatedFirst(anchored, schema);
  }
  const format = isPlainObject(schema) ? schema.format : undefined;
  if (format !== 'date-time' && format !== 'date') return generated;
  // A nullable date the generator left null gets a date too: laid over a date of the state's answer (a scripted
  // example's 2024 `lastUsedAt`), it is what varies; a null of the state's own stays, a fact (a device never used).
  if (typeof generated !== 'string' && generated !== null) return generated;
  const dayStartMs = nowMs - (((nowMs % DAY_MS) + DAY_MS) % DAY_MS);
  const beforeMs = window.offsetMs + (hash32(`${seed}|${where}`) % Math.max(1, Math.floor(window.spanMs)));
  const iso = new Date(dayStartMs - 1 - beforeMs).toISOString();
  return format === 'date' ? iso.slice(0, 10) : iso;
}

/** The object with its `created...` date-time swapped with the earliest of its other date-times, if one is earlier. */
function withCreatedFirst(anchored: Record<string, unknown>, schema: unknown): Record<string, unknown> {
  const dated = Object.keys(anchored).filter((name) => typeof anchored[name] === 'string' && schemaOf(schema, name)?.format === 'date-time');
  const created = dated.find((name) => CREATED_NAME.test(name));
  if (created === undefined) return anchored;
  const earliest = dated.reduce((first, name) => ((anchored[name] as string) < (anchored[first] as string) ? name : first), created);
  if (earliest !== created) [anchored[created], anchored[earliest]] = [anchored[earliest], anchored[created]];
  return anchored;
}

/** The length of the longest list in the state's answer: a generated body gets at least that many items per list. */
function longestList(value: unknown, depth = 0): number {
  if (depth > 16 || value === null || typeof value !== 'object') return 0;
  const entries = Array.isArray(value) ? value : Object.values(value);
  let longest = Array.isArray(value) ? value.length : 0;
  for (const entry of entries) longest = Math.max(longest, longestList(entry, depth + 1));
  return longest;
}

/** Keywords whose value maps names to schemas: their keys are property names, never annotations. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * The schema without the spec's `x-` annotations (`x-sandbox-decision` ...), which json-schema-faker would otherwise
 * read as properties to generate. Property names that start with `x-` are kept.
 */
function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (!isPlainObject(schema)) return schema;
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) continue;
    clean[key] =
      SCHEMA_MAPS.has(key) && isPlainObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, withoutAnnotations(entry)]))
        : withoutAnnotations(value);
  }
  return clean;
}

/** Each response schema cleaned once, on its first dynamic answer. */
const generatorSchemas = new WeakMap<object, unknown>();

function generatorSchemaOf(schema: object): unknown {
  let clean = generatorSchemas.get(schema);
  if (clean === undefined) generatorSchemas.set(schema, (clean = withoutAnnotations(schema)));
  return clean;
}

/** What one dynamic answer needs: where it comes from, the answer it replaces, and how it is checked. */
export interface DynamicRequest {
  route: RouteDefinition;
  inputs: DynamicInputs;
  /** The answer the request gets without `dynamic=true`. */
  result: OperationResult;
  seed: number;
  /** The session clock's now (ms): generated dates fall before its day. */
  nowMs: number;
  /** The response validation the answer will meet (empty list: valid); lets an attempt that fails it be retried. */
  violations(status: number, body: unknown): unknown[];
}

/**
 * The answer of a `Prefer: dynamic=true` request: a body json-schema-faker generates from the response schema of the
 * status the request gets, with the state's answer (or the scripted example) laid over it. An
 * attempt that fails the spec is retried with the next derived seed; after DYNAMIC_ATTEMPTS the state's answer is sent
 * with `x-mock-dynamic: fallback`. Synchronous once json-schema-faker is loaded (the first dynamic request loads it).
 *
 * @example
 * await toDynamicResult({ route, inputs, result: { status: 200, body }, seed: 7, violations })
 * // { status: 200, body: <generated, state values kept>, headers: { 'x-mock-dynamic': 'generated', 'x-mock-dynamic-seed': '7' } }
 */
export function toDynamicResult(request: DynamicRequest): OperationResult | Promise<OperationResult> {
  if (generateSync) return generate(request, generateSync);
  return loadGenerator().then((loaded) => generate(request, loaded));
}

function generate(request: DynamicRequest, generateBody: GenerateSync): OperationResult {
  const { route, inputs, result, seed, nowMs } = request;
  const headers = { ...result.headers, [DYNAMIC_SEED_HEADER]: String(seed) };
  const schema = route.responses.get(result.status)?.schema;
  // A body-less answer (204) or one the spec gives no schema for has nothing to generate.
  if (schema === undefined || result.body === undefined) return { ...result, headers: { ...headers, [DYNAMIC_HEADER]: 'fallback' } };
  // As many generated items per list as the state's longest list (at least one), so each of its items is laid over
  // an item of its own: with fewer, items shared generated text (three devices all named "ioWBltds").
  const minItems = Math.min(Math.max(1, longestList(result.body)), MAX_LAID_OVER_ITEMS);
  for (let attempt = 0; attempt < DYNAMIC_ATTEMPTS; attempt++) {
    let body: unknown;
    try {
      const attemptSeed = deriveDynamicSeed(seed, inputs, result.status, attempt);
      const made = generateBody(generatorSchemaOf(schema) as never, { seed: attemptSeed, minItems, maxDefaultItems: Math.max(4, minItems) });
      const generated = anchorGeneratedDates(made, schema, nowMs, attemptSeed);
      body = overlayStateAnswer(generated, result.body, schema);
      if (request.violations(result.status, body).length === 0) return { status: result.status, body, headers: { ...headers, [DYNAMIC_HEADER]: 'generated' } };
      // The generated fields may belong to another shape of a oneOf: keep the answer's shape, vary its text only.
      body = overlayStateAnswer(generated, result.body, schema, { stateFieldsOnly: true });
    } catch {
      continue; // a schema the generator cannot satisfy at this seed: try the next one
    }
    if (request.violations(result.status, body).length === 0) return { status: result.status, body, headers: { ...headers, [DYNAMIC_HEADER]: 'generated' } };
  }
  return { ...result, headers: { ...headers, [DYNAMIC_HEADER]: 'fallback' } };
}
