import { createRequire } from 'node:module';
import { namesAlike } from '../engine/edit-distance.js';
import { toSourcePosition, type SourcePosition } from './problem-positions.js';

const require = createRequire(import.meta.url);

/** More anchors than a one-line message lists. */
const LISTABLE_ANCHORS = 10;

/** An alias (`*usr`) that names no anchor set above it: where it is, and what is wrong with it. */
export interface UndefinedAlias {
  position: SourcePosition;
  reason: string;
}

/**
 * The first alias of a YAML text that names no anchor set above it, or undefined. The parser reads such a file without
 * an error and fails only when it builds the data, in words that name neither the alias nor a line: `Merge sources
 * must be maps or map aliases` for `<<: *usr`, `Unresolved alias ...: nouser` for `- *nouser`.
 *
 * @example
 * findUndefinedAlias('x-user: &user { role: MEMBER }\nworld: { users: [{ <<: *usr, id: u1 }] }\n')?.reason
 * // 'the alias *usr names no anchor set above it (did you mean *user?; anchors above it: &user)'
 */
export function findUndefinedAlias(text: string): UndefinedAlias | undefined {
  const { parseDocument, visit, isAlias, isNode, LineCounter } = require('yaml') as typeof import('yaml');
  const lines = new LineCounter();
  const document = parseDocument(text, { merge: true, lineCounter: lines });
  // An alias repeats the nearest node above it with that anchor; the visit goes in the file's order.
  const anchors: Array<{ name: string; offset: number }> = [];
  let found: { name: string; offset: number; anchorsAbove: string[] } | undefined;
  visit(document, (_key, node) => {
    if (isAlias(node)) {
      if (found === undefined && !anchors.some((anchor) => anchor.name === node.source))
        found = { name: node.source, offset: node.range?.[0] ?? 0, anchorsAbove: [...new Set(anchors.map((anchor) => anchor.name))] };
    } else if (isNode(node) && node.anchor) anchors.push({ name: node.anchor, offset: node.range?.[0] ?? 0 });
  });
  if (found === undefined) return undefined;
  const { line, col } = lines.linePos(found.offset);
  const below = anchors.find((anchor) => anchor.name === found!.name);
  return { position: toSourcePosition(text, line, col), reason: toReason(found.name, found.anchorsAbove, below && lines.linePos(below.offset).line) };
}

/** What is wrong with the alias, and what to write instead: the anchor it was meant as, or the ones it can name. */
function toReason(name: string, anchorsAbove: readonly string[], belowLine: number | undefined): string {
  // The anchor is there, only too late: YAML reads a file from the top, so an alias can repeat only what came before it.
  if (belowLine !== undefined) return `the alias *${name} comes before its anchor &${name} (line ${belowLine}); move the anchored node above the alias`;
  if (anchorsAbove.length === 0) return `the alias *${name} names no anchor: none is set above it (mark the node to repeat with &${name}, above the alias)`;
  const alike = namesAlike(name, anchorsAbove);
  const meant = alike.length > 0 && alike.length <= 3 ? `did you mean ${alike.map((anchor) => `*${anchor}`).join(' or ')}?; ` : '';
  const listed = anchorsAbove.slice(0, LISTABLE_ANCHORS).map((anchor) => `&${anchor}`);
  const more = anchorsAbove.length > LISTABLE_ANCHORS ? ` and ${anchorsAbove.length - LISTABLE_ANCHORS} more` : '';
  return `the alias *${name} names no anchor set above it (${meant}anchors above it: ${listed.join(', ')}${more})`;
}
