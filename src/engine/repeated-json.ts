/** Where an object or array starts and ends in a remembered value's walk (values of their own, never data). */
const OBJECT_START = Symbol('object');
const ARRAY_START = Symbol('array');
const END = Symbol('end');
/** A value the text leaves open (a hole): any primitive matches it, and is written into the text there. */
const HOLE = Symbol('hole');

/** Misses in a row after which the route's answers are taken to differ every time (more than a fresh id in each). */
const MISSES_BEFORE_PAUSE = 4;
/** Answers serialised without comparing, after those misses, before comparing again (answers can settle later). */
const PAUSED_ANSWERS = 64;
/**
 * Values a text may leave open: an envelope has an id or two made per answer (GenAuth's requestId and mfaToken). A
 * route with more changing values is served by `JSON.stringify` whole, which writes many values faster than this
 * module writes them one by one.
 */
const MAX_HOLES = 4;

/** What JSON writes as a value of its own, whose text JSON.stringify makes on its own. */
type Primitive = string | number | boolean | null;

/**
 * The JSON text of a route's answers, reusing the last one while they repeat: most requests to one operation get the
 * same answer as the one before (a status poll, either half of a toggle), and `JSON.stringify` was the largest single
 * cost of answering one (~0.5-0.8 µs of a GET status's ~2.5 µs in the engine, --cpu-prof). Comparing the new body
 * with the last one, walked as JSON would walk it, costs a fraction of that and allocates nothing.
 *
 * Answers that repeat but for a value or two made fresh for each (GenAuth's `requestId` and the `mfaToken` of its
 * status) keep the text around those values: the texts between them are reused, and only the values are written
 * (after two answers that differ only there, the text is cut at them). That was ~13 % of a signed GenAuth answer.
 *
 * The text is reused only when `JSON.stringify` would write exactly it: the same keys in the same order, equal
 * strings, numbers, booleans and nulls (where a value is left open, any of these), and only plain objects and arrays
 * (anything else, e.g. a Date or a class, is always serialised anew). A text cut into pieces is checked once against
 * `JSON.stringify`'s before it is used. A route whose answers differ in more than that stops comparing after a few
 * misses and tries again later, so it pays almost nothing for the attempt.
 *
 * @example
 * const answers = new RepeatedJson();
 * answers.stringify({ ok: true }) === answers.stringify({ ok: true }) // true: the second is the first's text
 * answers.stringify({ id: 'a', ok: true }); answers.stringify({ id: 'b', ok: true }); // the text is cut at `id`
 * answers.stringify({ id: 'c', ok: true }) // '{"id":"c","ok":true}': the texts around "c" are the last ones'
 */
export class RepeatedJson {
  /** The last text, cut at the walk's holes: one more piece than holes. Undefined when there is none to reuse. */
  #pieces: string[] | undefined;
  /** The last value, flattened in JSON's order: markers, keys, primitive values and holes. */
  #walk: unknown[] = [];
  /** The values a matching answer has in the holes, in order; reused from answer to answer. */
  readonly #found: Primitive[] = [];
  #misses = 0;
  #paused = 0;

  stringify(value: unknown): string {
    if (this.#paused > 0) {
      this.#paused--;
      return JSON.stringify(value);
    }
    const pieces = this.#pieces;
    if (pieces !== undefined) {
      const found = this.#found;
      if (pieces.length > 1) found.length = 0;
      if (matches(value, this.#walk, found, 0) === this.#walk.length) {
        this.#misses = 0;
        return pieces.length === 1 ? pieces[0]! : fill(pieces, found);
      }
    }
    const text = JSON.stringify(value);
    this.#remember(value, text);
    if (++this.#misses >= MISSES_BEFORE_PAUSE) {
      this.#misses = 0;
      this.#paused = PAUSED_ANSWERS;
    }
    return text;
  }

  /** Keep `value` and its text for the next answers: whole, or cut where it differs from the last in a value or two. */
  #remember(value: unknown, text: string): void {
    const walk: unknown[] = [];
    const places: number[] = [];
    if (!flatten(value, walk, places)) {
      this.#pieces = undefined;
      this.#walk = [];
      return;
    }
    const template = this.#pieces === undefined ? undefined : withHoles(this.#walk, walk, places);
    if (template === undefined) {
      this.#walk = walk;
      this.#pieces = [text];
      return;
    }
    const pieces = cut(template);
    const found = walk.filter((_entry, at) => template[at] === HOLE) as Primitive[];
    // Written by this module, not by JSON.stringify: used only when it puts this answer back together exactly.
    if (pieces === undefined || fill(pieces, found) !== text) {
      this.#pieces = undefined;
      this.#walk = [];
      return;
    }
    this.#walk = template;
    this.#pieces = pieces;
  }
}

/** `pieces` with the found values written between them as JSON. */
function fill(pieces: readonly string[], found: readonly Primitive[]): string {
  let text = pieces[0]!;
  for (let i = 0; i < found.length; i++) text += JSON.stringify(found[i]) + pieces[i + 1]!;
  return text;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Append `value`'s walk to `walk`, and to `places` where in it each primitive value is (not a marker, not a key);
 * false when it holds something whose JSON text is not decided by its data alone.
 */
function flatten(value: unknown, walk: unknown[], places: number[]): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    places.push(walk.length);
    walk.push(value);
    return true;
  }
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    walk.push(ARRAY_START);
    for (const item of value) if (item === undefined || !flatten(item, walk, places)) return false;
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
    if (!flatten(property, walk, places)) return false;
  }
  walk.push(END);
  return true;
}

function isPrimitive(entry: unknown): entry is Primitive {
  return entry === null || typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean';
}

/**
 * A walk that both `last` (which may have holes) and `next` match: `next` with holes where `last` has them and at
 * every primitive value (at `places` of `next`) that differs between them. Undefined when they differ in more than
 * that (shape, keys, an object for a primitive), in nothing, or in more than MAX_HOLES values.
 */
function withHoles(last: readonly unknown[], next: readonly unknown[], places: readonly number[]): unknown[] | undefined {
  if (last.length !== next.length) return undefined;
  const template = [...next];
  let holes = 0;
  for (const at of places) {
    const before = last[at];
    const now = next[at];
    if (before === now) continue;
    if ((before !== HOLE && !isPrimitive(before)) || !isPrimitive(now)) return undefined;
    template[at] = HOLE;
    holes++;
  }
  // Outside the values (markers and keys), the walks must be the same.
  for (let at = 0; at < next.length; at++) if (template[at] !== HOLE && last[at] !== next[at]) return undefined;
  return holes === 0 || holes > MAX_HOLES ? undefined : template;
}

/** The JSON text of `walk`, cut at its holes: one more piece than holes. Undefined for a walk that is not one value. */
function cut(walk: readonly unknown[]): string[] | undefined {
  const pieces: string[] = [];
  let text = '';
  /** For each open object or array: whether it is an object, and whether anything was written in it yet. */
  const open: Array<{ object: boolean; written: boolean }> = [];
  let keyNext = false;
  for (let at = 0; at < walk.length; at++) {
    const entry = walk[at];
    const container = open.at(-1);
    if (entry === END) {
      if (!container) return undefined;
      text += container.object ? '}' : ']';
      open.pop();
      keyNext = open.at(-1)?.object === true;
      continue;
    }
    if (keyNext) {
      if (typeof entry !== 'string' || !container) return undefined;
      text += `${container.written ? ',' : ''}${JSON.stringify(entry)}:`;
      container.written = true;
      keyNext = false;
      continue;
    }
    if (container && !container.object) {
      if (container.written) text += ',';
      container.written = true;
    }
    if (entry === OBJECT_START || entry === ARRAY_START) {
      text += entry === OBJECT_START ? '{' : '[';
      open.push({ object: entry === OBJECT_START, written: false });
      keyNext = entry === OBJECT_START;
      continue;
    }
    if (entry === HOLE) {
      pieces.push(text);
      text = '';
    } else text += JSON.stringify(entry);
    keyNext = open.at(-1)?.object === true;
  }
  if (open.length > 0) return undefined;
  pieces.push(text);
  return pieces;
}

/**
 * Compare `value` with the walk from `at`: the index just past it when they match, else -1. Numbers are compared with
 * `===` (NaN never matches, -0 matches 0: JSON writes both as 0). A hole matches any primitive (JSON.stringify writes
 * each on its own exactly as within the whole), which is added to `found`.
 */
function matches(value: unknown, walk: readonly unknown[], found: Primitive[], at: number): number {
  // The walk holds no undefined and no function (flatten refused them), and its markers are this module's own symbols.
  if (value === null || typeof value !== 'object') {
    const expected = walk[at];
    if (expected === value && value !== undefined) return at + 1;
    if (expected !== HOLE || !isPrimitive(value)) return -1;
    found.push(value);
    return at + 1;
  }
  if (Array.isArray(value)) {
    if (walk[at] !== ARRAY_START) return -1;
    let next = at + 1;
    for (const item of value) {
      next = matches(item, walk, found, next);
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
    next = matches(property, walk, found, next + 1);
    if (next < 0) return -1;
  }
  return walk[next] === END ? next + 1 : -1;
}
