import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioFile } from '../../../src/scenarios/load-scenarios.js';
import { withPositions } from '../../../src/scenarios/problem-positions.js';
import { ScenarioError } from '../../../src/scenarios/scenario-problems.js';

/** A scenario file with block and flow collections, a merge key, a quoted key and a field that needs escaping. */
const TEXT = [
  'description: positions', //                                     line 1
  'x-user: &user { role: MEMBER, email: team@example.com }', //   line 2
  'world:', //                                                     line 3
  '  users:', //                                                   line 4
  '    - id: usr_a', //                                            line 5
  '      email: a@example.com', //                                 line 6
  '    - { <<: *user, id: usr_b, token: t-b }', //                 line 7
  '    - id: usr_c', //                                            line 8
  '      factors:', //                                             line 9
  '        - { kind: smoke }', //                                  line 10
  '  tokens: { "a/b~c": usr_a }', //                               line 11
  'overrides:', //                                                 line 12
  '  - { operationId: getMFAStatus, status: 302 }', //             line 13
].join('\n');

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-positions-'));
  file = join(dir, 'positions.yaml');
  await writeFile(file, TEXT);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const positionOf = (pointer: string) => withPositions([new ScenarioError(file, pointer, 'why')])[0]!.position;

describe('where a scenario problem is in its YAML file', () => {
  it('is the key of a mapping entry, in block and flow style', () => {
    expect(positionOf('/world/users/0/email')).toEqual({ line: 6, column: 7 });
    expect(positionOf('/overrides/0/status')).toEqual({ line: 13, column: 34 });
    expect(positionOf('/world/users/2/factors/0/kind')).toEqual({ line: 10, column: 13 });
    expect(positionOf('/world/tokens/a~1b~0c')).toEqual({ line: 11, column: 13 });
  });

  it('is a list item at its start, and a field the file lacks at the entry that would hold it', () => {
    expect(positionOf('/world/users/1')).toEqual({ line: 7, column: 7 });
    // email came from the merged anchor: the user is where to look.
    expect(positionOf('/world/users/1/email')).toEqual({ line: 7, column: 7 });
    expect(positionOf('/world/users/0/token')).toEqual({ line: 5, column: 7 });
    expect(positionOf('/lockout')).toEqual({ line: 1, column: 1 });
    expect(positionOf('/world/users/9')).toEqual({ line: 4, column: 3 });
  });

  it('is written first in the message, as compilers write it; a problem of the whole file keeps its message', () => {
    const [whole, placed] = withPositions([new ScenarioError(file, '/overrides/0/status', 'no 302'), new ScenarioError(file, '', 'bad name')]);
    expect(placed!.message).toBe(`${file}:13:34: /overrides/0/status: no 302`);
    expect(whole!.message).toBe(`${file}: bad name`);
    expect(whole!.position).toBeUndefined();
  });

  it("orders a file's problems from its top down, whatever order the checks found them in, each file in its turn", () => {
    const other = join(dir, 'other.json');
    const found = [
      new ScenarioError(file, '/overrides/0/status', 'found first'),
      new ScenarioError(other, '/world', 'not YAML: no place'),
      new ScenarioError(file, '/world/users/2/factors/0/kind', 'found second'),
      new ScenarioError(file, '/world/users/0/email', 'found third'),
      new ScenarioError(file, '/world/users/0/email', 'found fourth, same place'),
    ];
    expect(withPositions(found).map((problem) => `${problem.position?.line ?? '-'} ${problem.reason}`)).toEqual([
      '6 found third',
      '6 found fourth, same place',
      '10 found second',
      '13 found first',
      '- not YAML: no place',
    ]);
  });

  it('is counted as an editor shows it after a byte order mark', async () => {
    const bom = join(dir, 'bom.yaml');
    await writeFile(bom, '\uFEFFdescriptio: x\nwrold: {}\n');
    const [first, second] = withPositions([new ScenarioError(bom, '/descriptio', 'why'), new ScenarioError(bom, '/wrold', 'why')]);
    expect([first!.position, second!.position]).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
    ]);
  });

  it("of a YAML syntax error is where the parser stopped, without the parser's snippet of the file", () => {
    const broken = join(dir, 'dup.yaml');
    const thrown = (() => {
      try {
        parseScenarioFile(broken, 'description: x\ndescription: y\n');
      } catch (error) {
        return error as ScenarioError;
      }
    })();
    expect(thrown?.position).toEqual({ line: 2, column: 1 });
    expect(thrown?.message).toBe(`${broken}:2:1: not valid YAML: Map keys must be unique`);
  });

  it('is not given for a file that cannot be read or parsed now, nor for a file that is not YAML', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'description: [unclosed\n');
    for (const where of [join(dir, 'gone.yaml'), broken, join(dir, 'scenarios.json')]) {
      const [problem] = withPositions([new ScenarioError(where, '/world', 'why')]);
      expect(problem!.message).toBe(`${where}#/world: why`);
    }
  });
});
