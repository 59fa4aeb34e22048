/** Where an object or array starts and ends in a remembered value's walk (values of their own, never data). */
const OBJECT_START = Symbol('object');
const ARRAY_START = Symbol('array');
const END = Symbol('end');

/** Misses in a row after which the route's answers are taken to differ every time (a fresh id in each). */
const MISSES_BEFORE_PAUSE = 4;
/** Answers serialised without comparing, after those misses, before comparing again (answers can settle later). */
const PAUSED_ANSWERS = 64;

/**
 * The JSON text of a route's answers, reusing the last one while they repeat: most requests to one operation get the
 * same answer as the one before (a status poll, either half of a toggle), and `JSON.stringify` was the largest single
 * cost of answering one (~0.5-0.8 µs of a GET status's ~2.5 µs in the engine, --cpu-prof). Comparing the new body
 * with the last one, walked as JSON would walk it, costs a fraction of that and allocates nothing.
 *
 * The text is reused only when `JSON.stringify` would write exactly it: the same keys in the same order, equal
 * strings, numbers, booleans and nulls, and only plain objects and arrays (anything else, e.g. a Date or a class, is
 * always serialised anew). A route whose answers differ every time (GenAuth's fresh `requestId`) stops comparing
 * after a few misses and tries again later, so it pays almost nothing for the attempt.
 *
 * @example
 * const answers = new RepeatedJson();
 * answers.stringify({ ok: true }) === answers.stringify({ ok: true }) // true: the second is the first's text
 */
export class RepeatedJson {
  #text: string | undefined;
  /** The last value, flattened in JSON's order: markers, keys and primitive values. */
  readonly #walk: unknown[] = [];
  #misses = 0;
  #paused = 0;

  stringify(value: unknown): string {
    if (this.#paused > 0) {
      this.#paused--;
      return JSON.stringify(value);
    }
    if (this.#text !== undefined && matches(value, this.#walk, 0) === this.#walk.length) {
      this.#misses = 0;
      return this.#text;
    }
    const text = JSON.stringify(value);
    this.#walk.length = 0;
    this.#text = flatten(value, this.#walk) ? text : undefined;
    if (++this.#misses >= MISSES_BEFORE_PAUSE) {
      this.#misses = 0;
      this.#paused = PAUSED_ANSWERS;
    }
    return text;
  }
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Append `value`'s walk to `walk`; false when it holds something whose JSON text is not decided by its data alone. */
function flatten(value: unknown, walk: unknown[]): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    walk.push(value);
    return true;
  }
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    walk.push(ARRAY_START);
    for (const item of value) if (item === undefined || !flatten(item, walk)) return false;
    walk.push(END);
    return true;
  }
  if (!isPlainObject(value)) return false;
  walk.push(OBJECT_START);
  for (const key in value) {
    const property = (value as Record<string, unknown>)[key];
    // JSON leaves out a property whose value is undefined, and so does the walk.
    if (property === undefined) continue;
    walk.push(key);
    if (!flatten(property, walk)) return false;
  }
  walk.push(END);
  return true;
}

/**
 * Compare `value` with the walk from `at`: the index just past it when they match, else -1. Numbers are compared with
 * `===` (NaN never matches, -0 matches 0: JSON writes both as 0).
 */
function matches(value: unknown, walk: readonly unknown[], at: number): number {
  // The walk holds no undefined and no function (flatten refused them), and its markers are this module's own symbols.
  if (value === null || typeof value !== 'object') return value !== undefined && walk[at] === value ? at + 1 : -1;
  if (Array.isArray(value)) {
    if (walk[at] !== ARRAY_START) return -1;
    let next = at + 1;
    for (const item of value) {
      next = matches(item, walk, next);
      if (next < 0) return -1;
    }
    return walk[next] === END ? next + 1 : -1;
  }
  if (walk[at] !== OBJECT_START || !isPlainObject(value)) return -1;
  let next = at + 1;
  for (const key in value) {
    const property = (value as Record<string, unknown>)[key];
    if (property === undefined) continue;
    if (walk[next] !== key) return -1;
    next = matches(property, walk, next + 1);
    if (next < 0) return -1;
  }
  return walk[next] === END ? next + 1 : -1;
}
