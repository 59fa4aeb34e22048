import { describe, expect, it } from 'vitest';
import { findUndefinedAlias } from '../../../src/scenarios/undefined-yaml-alias.js';
import { scenarioFileProblemOf as problemOf } from '../../harness/scenario-file-problem.js';

describe('an alias that names no anchor', () => {
  it('in a merge key: at the alias, named, with the anchor meant (the parser said "Merge sources must be maps or map aliases", no line)', () => {
    const problem = problemOf(
      ['description: t', 'x-user: &user { role: MEMBER }', 'world:', '  users:', '    - { <<: *usr, id: u1, email: a@example.com, token: t1 }'].join('\n'),
    );
    expect(problem.position).toEqual({ line: 5, column: 13 });
    expect(problem.message).toBe(
      '/me/flashback/t.yaml:5:13: not valid YAML: the alias *usr names no anchor set above it (did you mean *user?; anchors above it: &user)',
    );
  });

  it('as a list item: at the alias, named (the parser said "Unresolved alias ...: nouser", no line)', () => {
    const problem = problemOf(['description: t', 'x-user: &admin { role: ADMINISTRATOR }', 'world:', '  users:', '    - *nouser'].join('\n'));
    expect(problem.message).toBe('/me/flashback/t.yaml:5:7: not valid YAML: the alias *nouser names no anchor set above it (anchors above it: &admin)');
  });

  it('with no anchor in the file, or its anchor only below it', () => {
    expect(problemOf('description: t\nworld:\n  users:\n    - *ada\n').message).toBe(
      '/me/flashback/t.yaml:4:7: not valid YAML: the alias *ada names no anchor: none is set above it (mark the node to repeat with &ada, above the alias)',
    );
    expect(problemOf('description: t\nworld:\n  users:\n    - *ada\nx-ada: &ada { id: u1, email: a@example.com }\n').message).toBe(
      '/me/flashback/t.yaml:4:7: not valid YAML: the alias *ada comes before its anchor &ada (line 5); move the anchored node above the alias',
    );
  });

  it('is counted as an editor shows it after a byte order mark, and is not found where every alias has its anchor', () => {
    expect(findUndefinedAlias('\uFEFFx: [*a]\n')?.position).toEqual({ line: 1, column: 5 });
    expect(findUndefinedAlias('x: &a { id: 1 }\ny: [*a, { <<: *a }]\n')).toBeUndefined();
  });
});
