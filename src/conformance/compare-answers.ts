import type { JsonSchema } from '../openapi/openapi-types.js';
import { ERROR_CODE, isIsoTime, isJwt, isUuid, toAnyValueShape, toValueShape, withoutVaryingParts } from './value-shape.js';

/**
 * Compare two answers to the same request (the real upstream's and the sandbox's) field by field, so that only
 * meaningful differences count: ids, times and secrets are compared by shape, values echoed from each side's own
 * request or user by what they echo, everything else (constants, enums) exactly.
 */

/** What a field is, which decides how it is compared and shown. */
export type FieldClass = 'constant' | 'enum' | 'echoed' | 'generated-id' | 'timestamp' | 'secret';
/** `missing`: the upstream has the field, the sandbox not; `extra`: the sandbox has it, the upstream not. */
export type FieldOutcome = 'agree' | 'differ' | 'missing' | 'extra';

/** One compared field. Values are as shown in reports: a secret, id or time only by its shape, never its value. */
export interface FieldComparison {
  /** `status`, `body`, or a path into the body such as `body.error` or `body.verifiedMethods[1]`. */
  path: string;
  class: FieldClass;
  outcome: FieldOutcome;
  /** Absent when the upstream lacks the field. */
  upstream?: unknown;
  /** Absent when the sandbox lacks the field. */
  sandbox?: unknown;
}

/** One side's answer, with the values that may come back from it (its user's e-mail, what it sent). */
export interface AnswerSide {
  status: number;
  body: unknown;
  /** Values of this side that an answer may echo, by name: shown and compared as `<name>` (e.g. `{ email }`). */
  known?: Readonly<Record<string, string>>;
  /** The request body this side sent: a string field of the answer equal to one of its strings is `echoed`. */
  requestBody?: unknown;
}

export interface CompareOptions {
  /** The response schema of the upstream's status (dereferenced): formats, enums and `x-conformance` classify fields. */
  schema?: JsonSchema | undefined;
}

export interface AnswerComparison {
  fields: FieldComparison[];
  agreeing: number;
  compared: number;
}

/** Keys whose string values are secrets, tokens or one-time codes: compared by shape only, never shown. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'secret',
  'code',
  'codes',
  'recoveryCode',
  'recoveryCodes',
  'otp',
  'password',
  'accessToken',
  'refreshToken',
  'idToken',
  'token',
  'trustToken',
  'trustedDeviceToken',
  'qrCode',
  'accessKeySecret',
]);

/** A key named like a secret: one of SECRET_KEYS, or ending in Token, Secret, Password or Codes (`mfaToken`, `backupCodes`). */
export const isSecretKey = (key: string) => SECRET_KEYS.has(key) || /(token|secret|password|codes)$/i.test(key);

/** The annotation a spec may put on a schema to classify its field explicitly: `x-conformance: secret`. */
export const CLASS_ANNOTATION = 'x-conformance';
const CLASSES: ReadonlySet<string> = new Set<FieldClass>(['constant', 'enum', 'echoed', 'generated-id', 'timestamp', 'secret']);

const ABSENT = Symbol('absent');
/** A value, or ABSENT where a side lacks the field. */
type Value = unknown;

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema of one property or item, looking through allOf/anyOf/oneOf (the first branch that has it). */
function childSchema(schema: JsonSchema | undefined, key: string | number): JsonSchema | undefined {
  if (!schema) return undefined;
  if (typeof key === 'number') {
    if (isObject(schema.items)) return schema.items;
  } else {
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    if (properties?.[key]) return properties[key];
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of (schema[combinator] as JsonSchema[] | undefined) ?? []) {
      const found = childSchema(branch, key);
      if (found) return found;
    }
  }
  return undefined;
}

function annotatedClass(schema: JsonSchema | undefined): FieldClass | undefined {
  const annotation = schema?.[CLASS_ANNOTATION];
  return typeof annotation === 'string' && CLASSES.has(annotation) ? (annotation as FieldClass) : undefined;
}

function hasEnum(schema: JsonSchema | undefined): boolean {
  if (!schema) return false;
  if (Array.isArray(schema.enum) || 'const' in schema) return true;
  return isObject(schema.items) && hasEnum(schema.items);
}

/** Every string in a request body (to recognise echoed values). */
function requestStrings(body: unknown, into = new Set<string>()): Set<string> {
  if (typeof body === 'string' && body.length > 0) into.add(body);
  else if (Array.isArray(body)) for (const item of body) requestStrings(item, into);
  else if (isObject(body)) for (const item of Object.values(body)) requestStrings(item, into);
  return into;
}

interface SideView {
  known: Readonly<Record<string, string>>;
  echoes: Set<string>;
}

/** How a leaf value is classified and what of it is compared (its comparable form). */
function classify(value: unknown, key: string | undefined, schema: JsonSchema | undefined, side: SideView): { class: FieldClass; comparable: unknown } {
  const annotated = annotatedClass(schema);
  const format = schema?.format;
  if (typeof value !== 'string') {
    if (annotated === 'secret' || annotated === 'generated-id' || annotated === 'timestamp') return { class: annotated, comparable: toAnyValueShape(value) };
    return { class: annotated ?? (hasEnum(schema) ? 'enum' : 'constant'), comparable: value };
  }
  const secretKey = key !== undefined && isSecretKey(key) && !(key === 'code' && ERROR_CODE.test(value));
  if (annotated === 'secret' || (!annotated && (secretKey || format === 'password' || isJwt(value))))
    return { class: 'secret', comparable: toValueShape(value) };
  if (annotated === 'generated-id' || (!annotated && (format === 'uuid' || isUuid(value)))) return { class: 'generated-id', comparable: toValueShape(value) };
  if (annotated === 'timestamp' || (!annotated && (format === 'date-time' || isIsoTime(value)))) return { class: 'timestamp', comparable: toValueShape(value) };
  if (value.startsWith('data:')) return { class: 'secret', comparable: toValueShape(value) };
  // A value of the spec's vocabulary is compared as it is, even where the request holds the same word: nest-auth's
  // `mfaMethods: ["email"]` after a sign-in with `providerName: "email"` read `<echoed from the request>` on both
  // sides, which would hide a default method that differed.
  if (!annotated && hasEnum(schema)) return { class: 'enum', comparable: value };
  const { text, echoed } = withoutVaryingParts(value, side.known);
  if (annotated === 'echoed' || echoed || side.echoes.has(value))
    return { class: 'echoed', comparable: side.echoes.has(value) && !echoed ? '<echoed from the request>' : text };
  return { class: annotated ?? (hasEnum(schema) ? 'enum' : 'constant'), comparable: text };
}

/** The class of a field present on one side only, and how it is shown (a secret by its shape). */
function shown(value: unknown, key: string | undefined, schema: JsonSchema | undefined, side: SideView): { class: FieldClass; value: unknown } {
  if (isObject(value) || Array.isArray(value)) return { class: annotatedClass(schema) ?? 'constant', value: toShownTree(value, schema, side) };
  const classified = classify(value, key, schema, side);
  return { class: classified.class, value: classified.comparable };
}

/** A whole object or array as a report may show it: every leaf in its comparable form (secrets by shape). */
function toShownTree(value: unknown, schema: JsonSchema | undefined, side: SideView, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => toShownTree(item, childSchema(schema, index), side, key));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, toShownTree(item, childSchema(schema, name), side, name)]));
  return classify(value, key, schema, side).comparable;
}

function compareValues(
  upstream: Value,
  sandbox: Value,
  path: string,
  key: string | undefined,
  schema: JsonSchema | undefined,
  sides: { upstream: SideView; sandbox: SideView },
  out: FieldComparison[],
): void {
  if (upstream === ABSENT || sandbox === ABSENT) {
    const present = upstream === ABSENT ? sandbox : upstream;
    const view = shown(present, key, schema, upstream === ABSENT ? sides.sandbox : sides.upstream);
    out.push(
      upstream === ABSENT
        ? { path, class: view.class, outcome: 'extra', sandbox: view.value }
        : { path, class: view.class, outcome: 'missing', upstream: view.value },
    );
    return;
  }
  if (Array.isArray(upstream) && Array.isArray(sandbox)) {
    for (let index = 0; index < Math.max(upstream.length, sandbox.length); index++) {
      const child = childSchema(schema, index);
      compareValues(
        index < upstream.length ? upstream[index] : ABSENT,
        index < sandbox.length ? sandbox[index] : ABSENT,
        `${path}[${index}]`,
        key,
        child,
        sides,
        out,
      );
    }
    return;
  }
  if (isObject(upstream) && isObject(sandbox)) {
    const upstreamKeys = Object.keys(upstream);
    const sandboxKeys = Object.keys(sandbox);
    // Two unrelated objects (e.g. the vendor's 404 and the sandbox's route-not-found problem): one difference, not one per key.
    if (upstreamKeys.length > 0 && sandboxKeys.length > 0 && !upstreamKeys.some((name) => name in sandbox)) {
      out.push({
        path,
        class: 'constant',
        outcome: 'differ',
        upstream: toShownTree(upstream, schema, sides.upstream),
        sandbox: toShownTree(sandbox, schema, sides.sandbox),
      });
      return;
    }
    for (const name of new Set([...upstreamKeys, ...sandboxKeys])) {
      compareValues(
        name in upstream ? upstream[name] : ABSENT,
        name in sandbox ? sandbox[name] : ABSENT,
        `${path}.${name}`,
        name,
        childSchema(schema, name),
        sides,
        out,
      );
    }
    return;
  }
  if (typeName(upstream) !== typeName(sandbox) || isObject(upstream) || Array.isArray(upstream) || isObject(sandbox) || Array.isArray(sandbox)) {
    const left = shown(upstream, key, schema, sides.upstream);
    out.push({ path, class: left.class, outcome: 'differ', upstream: left.value, sandbox: shown(sandbox, key, schema, sides.sandbox).value });
    return;
  }
  const left = classify(upstream, key, schema, sides.upstream);
  const right = classify(sandbox, key, schema, sides.sandbox);
  const agree = JSON.stringify(left.comparable) === JSON.stringify(right.comparable);
  out.push({ path, class: left.class, outcome: agree ? 'agree' : 'differ', upstream: left.comparable, sandbox: right.comparable });
}

const toSideView = (side: AnswerSide): SideView => ({ known: side.known ?? {}, echoes: requestStrings(side.requestBody) });

/**
 * A body as a report may show it: secrets, ids and times by their shape, `known` values as `<name>`.
 *
 * @example
 * toShownBody({ otp: '123456', deviceName: 'Pixel' }) // { otp: '<digits 6>', deviceName: 'Pixel' }
 */
export function toShownBody(body: unknown, known: Readonly<Record<string, string>> = {}, schema?: JsonSchema): unknown {
  return toShownTree(body, schema, { known, echoes: new Set() });
}

/**
 * Compare the upstream's and the sandbox's answer to the same request: the status, then every field of the body.
 * `agreeing / compared` is the answer's share of fields that agree.
 *
 * @example
 * compareAnswers({ status: 200, body: { id: 'a1b2…uuid', isEnabled: true } }, { status: 200, body: { id: 'other…uuid', isEnabled: false } })
 * // fields: status agree, body.id agree (both <uuid>), body.isEnabled differ (true vs false); 2 of 3 agree
 */
export function compareAnswers(upstream: AnswerSide, sandbox: AnswerSide, options: CompareOptions = {}): AnswerComparison {
  const sides = { upstream: toSideView(upstream), sandbox: toSideView(sandbox) };
  const fields: FieldComparison[] = [
    { path: 'status', class: 'constant', outcome: upstream.status === sandbox.status ? 'agree' : 'differ', upstream: upstream.status, sandbox: sandbox.status },
  ];
  if (upstream.body !== undefined || sandbox.body !== undefined) {
    compareValues(
      upstream.body === undefined ? ABSENT : upstream.body,
      sandbox.body === undefined ? ABSENT : sandbox.body,
      'body',
      undefined,
      options.schema,
      sides,
      fields,
    );
  }
  const agreeing = fields.filter((field) => field.outcome === 'agree').length;
  return { fields, agreeing, compared: fields.length };
}
