import { toSourcePosition, type SourcePosition } from './problem-positions.js';

/** A `{` or `[` the YAML parser found no closing bracket for, and where it is. */
export interface UnclosedFlowCollection {
  opener: '{' | '[';
  position: SourcePosition;
}

/** Characters after which a quote starts a quoted scalar (elsewhere it is part of a plain one: `it's`). */
const BEFORE_QUOTED = new Set([undefined, ' ', '\t', '\n', '{', '[', ',', ':', '-']);

/**
 * The innermost `opener` left open before `offset`, where the parser said a flow collection must "end with a }" (or
 * `]`). The parser names the line after the one missing its bracket, where it gave up; the author wants the bracket
 * that was opened. A light scan: quoted scalars and comments are skipped, so a `}` inside `"..."` does not close.
 *
 * @example
 * findUnclosedFlowCollection('users:\n  - { id: u1\norg: x\n', 19, '{') // { opener: '{', position: { line: 2, column: 5 } }
 */
export function findUnclosedFlowCollection(text: string, offset: number, opener: '{' | '['): UnclosedFlowCollection | undefined {
  const open: number[] = [];
  for (let at = 0; at < Math.min(offset, text.length); at++) {
    const char = text[at]!;
    if ((char === '"' || char === "'") && BEFORE_QUOTED.has(text[at - 1])) at = endOfQuoted(text, at);
    else if (char === '#' && (at === 0 || /\s/.test(text[at - 1]!))) at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    else if (char === '{' || char === '[') open.push(at);
    else if (char === '}' || char === ']') open.pop();
  }
  // The innermost: the last one still open (a loop, not findLast: the package's types target ES2022).
  let unclosed: number | undefined;
  for (const at of open) if (text[at] === opener) unclosed = at;
  if (unclosed === undefined) return undefined;
  const before = text.slice(0, unclosed);
  const line = before.split('\n').length;
  return { opener, position: toSourcePosition(text, line, unclosed - before.lastIndexOf('\n')) };
}

/** The offset of the quote that ends the quoted scalar starting at `start` (`''` and `\"` do not end it). */
function endOfQuoted(text: string, start: number): number {
  const quote = text[start];
  for (let at = start + 1; at < text.length; at++) {
    if (quote === '"' && text[at] === '\\') at++;
    else if (text[at] === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else return at;
    }
  }
  return text.length;
}
