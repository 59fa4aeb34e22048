/** One command of a README shell block, with the answers the README says it gives. */
export interface ShellStep {
  command: string;
  /** The text of each `# -> ...` line that follows the command, in order. */
  expected: string[];
}

/**
 * Split a shell block into commands: `\` continuations joined, comments dropped, except `# -> ...` lines, which are
 * the documented answer of the command before them. A trailing comment on a command line is dropped too.
 *
 * @example
 * toShellSteps("curl -s a \\\n  -H 'X: 1'\n# -> 200 {}\n") // [{ command: "curl -s a -H 'X: 1'", expected: ['200 {}'] }]
 */
export function toShellSteps(code: string): ShellStep[] {
  const steps: ShellStep[] = [];
  let pending = '';
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    const answer = /^# -> (.*)$/.exec(line);
    if (answer) {
      const last = steps.at(-1);
      if (!last) throw new Error(`"# -> ${answer[1]}" follows no command`);
      last.expected.push(answer[1]!);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const continued = line.endsWith('\\');
    pending += `${pending ? ' ' : ''}${withoutComment(continued ? line.slice(0, -1).trim() : line)}`;
    if (continued) continue;
    steps.push({ command: pending, expected: [] });
    pending = '';
  }
  if (pending) throw new Error(`a command ends in a line continuation: ${pending}`);
  return steps;
}

/** `cmd 'a # b' # note` -> `cmd 'a # b'`: a `#` outside quotes after a space starts a comment. */
function withoutComment(line: string): string {
  let quote = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (index === 0 || line[index - 1] === ' ')) {
      return line.slice(0, index).trim();
    }
  }
  return line;
}
