import { isErrorOfClass, stampErrorClass } from '../errors.js';
/**
 * One problem in one scenario file (or folder); the message names the file and the JSON pointer of the problem, and,
 * once found in a YAML file (scenarios/problem-positions.ts), its line and column: `broken.yaml:8:32: /overrides/0/status: ...`.
 */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  /** Also an error of this class that the package's other build threw (see stampErrorClass). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isErrorOfClass(this, ScenarioError, 'ScenarioError', value);
  }
  constructor(
    readonly file: string,
    readonly pointer: string,
    /** What is wrong, without the place (an Error's message is not enumerable: JSON.stringify of a problem keeps this). */
    readonly reason: string,
    /** Where the pointer's target starts in the file, counted from 1. */
    readonly position?: { line: number; column: number },
  ) {
    // A problem of the whole file (or directory) is named by its path alone; `x.yaml#` read as a typo. With a
    // position, `file:line:column:` first, as compilers write it, which terminals and editors open at that line.
    const place = position ? `${file}:${position.line}:${position.column}` : file;
    super(pointer === '' ? `${place}: ${reason}` : position ? `${place}: ${pointer}: ${reason}` : `${file}#${pointer}: ${reason}`);
    stampErrorClass(this, 'ScenarioError');
  }
}

/**
 * Every problem found in the scenarios at once, so one `check` run lists them all; with the warnings found beside them
 * (a file replacing a shipped scenario, a setting its surface never reads, a world no request can sign in to), which
 * the CLI prints too.
 */
export class ScenarioProblems extends Error {
  override name = 'ScenarioProblems';
  /** Also an error of this class that the package's other build threw (see stampErrorClass). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isErrorOfClass(this, ScenarioProblems, 'ScenarioProblems', value);
  }
  constructor(
    readonly problems: readonly ScenarioError[],
    readonly warnings: readonly string[] = [],
  ) {
    super(problems.length === 1 ? problems[0]!.message : `${problems.length} problems in the scenarios:\n${problems.map((problem) => `  ${problem.message}`).join('\n')}`);
    stampErrorClass(this, 'ScenarioProblems');
  }
}

/** Throw the problems found, if any, as one error. */
export function throwIfProblems(problems: readonly ScenarioError[], warnings: readonly string[] = []): void {
  if (problems.length > 0) throw new ScenarioProblems(problems, warnings);
}
