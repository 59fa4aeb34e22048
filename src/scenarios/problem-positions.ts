import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ScenarioError } from './scenario-problems.js';

const require = createRequire(import.meta.url);
const YAML_FILE = /\.ya?ml$/i;

/** Where in a file a problem is, counted from 1, as editors and `file:line:column` links count. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * The problems with the line and column their JSON pointer names in their YAML file, so a message reads
 * `broken.yaml:8:32: /overrides/0/status: ...`, which a terminal or editor opens at that line. A pointer in a
 * 40-override file (`/overrides/27/when/body/code`) or into 200 users (`/world/users/57/email`) is otherwise counted
 * by hand. Found only when there are problems, from the file as it is now (the cache keeps parsed data, not where each
 * value was); a file that cannot be read again, or a problem of the whole file, keeps its message as it was.
 *
 * @example
 * withPositions([new ScenarioError('/me/flashback/broken.yaml', '/overrides/0/status', 'getMFAStatus declares no 302 response')])[0].message;
 * // '/me/flashback/broken.yaml:8:32: /overrides/0/status: getMFAStatus declares no 302 response'
 */
export function withPositions(problems: readonly ScenarioError[]): ScenarioError[] {
  const finders = new Map<string, ((pointer: string) => SourcePosition | undefined) | undefined>();
  const positioned = problems.map((problem) => {
    if (problem.pointer === '' || problem.position !== undefined || !YAML_FILE.test(problem.file)) return problem;
    if (!finders.has(problem.file)) finders.set(problem.file, toPositionFinder(problem.file));
    const position = finders.get(problem.file)?.(problem.pointer);
    return position ? new ScenarioError(problem.file, problem.pointer, problem.reason, position) : problem;
  });
  return inFileOrder(positioned);
}

/**
 * Each file's problems from its top down, as a compiler lists them (the checks find them by kind: shapes, then the
 * spec, then warnings), the files in the order their first problem came; a problem of no place in its file first.
 */
function inFileOrder(problems: readonly ScenarioError[]): ScenarioError[] {
  const files = new Map<string, number>();
  for (const problem of problems) if (!files.has(problem.file)) files.set(problem.file, files.size);
  // Array.prototype.sort is stable: problems at one place keep the order they were found in.
  return [...problems].sort(
    (a, b) =>
      files.get(a.file)! - files.get(b.file)! ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
}

/** A finder of pointers in one file's text, or undefined when the file cannot be read or parsed now. */
function toPositionFinder(file: string): ((pointer: string) => SourcePosition | undefined) | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const { parseDocument, LineCounter } = require('yaml') as typeof import('yaml');
  const lines = new LineCounter();
  const document = parseDocument(text, { merge: true, lineCounter: lines });
  if (document.errors.length > 0) return undefined;
  return (pointer) => {
    const offset = toOffset(document.contents, toPointerTokens(pointer));
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return toSourcePosition(text, line, col);
  };
}

/**
 * The YAML parser's line and column as an editor shows them: the parser counts a UTF-8 byte order mark (which
 * Windows editors write) as the first line's first character; an editor does not show it.
 */
export function toSourcePosition(text: string, line: number, column: number): SourcePosition {
  return { line, column: line === 1 && text.charCodeAt(0) === 0xfeff ? Math.max(1, column - 1) : column };
}

/** RFC 6901: the tokens of `/a~1b/0`, unescaped (`a/b`, `0`). */
function toPointerTokens(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

interface YamlNode {
  range?: [number, number, number] | null;
  items?: unknown[];
}

interface YamlPair {
  key: unknown;
  value: unknown;
}

/**
 * Where the pointer's target starts: a mapping entry at its key (`status:` of `status: 302`), a list item at the item.
 * A token the file does not have (a required field missing, a field a `<<` merge brought in) stops at the deepest
 * node found, which is the place to add or look at it.
 */
function toOffset(root: unknown, tokens: readonly string[]): number | undefined {
  let node = root as YamlNode | null;
  let offset = node?.range?.[0];
  for (const token of tokens) {
    const items = node?.items;
    if (!Array.isArray(items)) break;
    const isList = !items.some(isPair);
    if (isList) {
      const item = /^(0|[1-9][0-9]*)$/.test(token) ? (items[Number(token)] as YamlNode | undefined) : undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
      continue;
    }
    const pair = (items as YamlPair[]).find((entry) => keyText(entry.key) === token);
    if (!pair) break;
    offset = (pair.key as YamlNode).range?.[0] ?? offset;
    node = pair.value as YamlNode | null;
  }
  return offset;
}

function isPair(item: unknown): item is YamlPair {
  return typeof item === 'object' && item !== null && 'key' in item && 'value' in item;
}

/** A mapping key as the data has it: a scalar's value as text (`200:` is the key "200"). */
function keyText(key: unknown): string | undefined {
  const value: unknown = typeof key === 'object' && key !== null && 'value' in key ? key.value : key;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
