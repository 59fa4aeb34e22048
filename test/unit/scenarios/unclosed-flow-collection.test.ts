import { describe, expect, it } from 'vitest';
import { scenarioFileProblemOf as problemOf } from '../../harness/scenario-file-problem.js';
import { findUnclosedFlowCollection } from '../../../src/scenarios/unclosed-flow-collection.js';

describe('a flow collection left open in a scenario file', () => {
  it('is placed at its { (the parser placed it at the start of the next line, where it gave up)', () => {
    const problem = problemOf(['description: t', 'world:', '  users:', '    - { id: usr_x, email: x@example.com', '  org: { id: o }'].join('\n'));
    expect(problem.position).toEqual({ line: 4, column: 7 });
    expect(problem.message).toBe(
      '/me/flashback/t.yaml:4:7: not valid YAML: Flow map in block collection must be sufficiently indented and end with a }: the { here is not closed before line 5',
    );
  });

  it('and at its [ for a flow sequence', () => {
    expect(problemOf('description: t\nx-codes: [a, b\nworld: {}\n').position).toEqual({ line: 2, column: 10 });
  });
});

describe('findUnclosedFlowCollection', () => {
  it('finds the innermost bracket of the kind left open, skipping quoted text and comments', () => {
    const text = [
      'overrides:',
      '  - { operationId: x, body: { note: "a } inside", say: \'it\'\'s }\' }, status: 500', // the outer { stays open
      '# a { in a comment',
      'next: 1',
    ].join('\n');
    expect(findUnclosedFlowCollection(text, text.indexOf('next'), '{')).toEqual({ opener: '{', position: { line: 2, column: 5 } });
  });

  it("reads a quote inside a plain scalar (it's) as text, and finds nothing when every bracket is closed", () => {
    const text = "a: { note: it's fine }\nb: [x, {y: 1}]\nc: 1\n";
    expect(findUnclosedFlowCollection(text, text.length, '{')).toBeUndefined();
    expect(findUnclosedFlowCollection(`${text}d: { it's open\n`, text.length + 20, '{')?.position).toEqual({ line: 4, column: 4 });
  });
});
