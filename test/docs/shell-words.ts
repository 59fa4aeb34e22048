/**
 * Split a command line into words as a POSIX shell would for the quoting the README uses: single quotes (literal),
 * double quotes (with `\"` and `\\`), and bare words. Anything a shell would expand ($, backticks, globs, pipes) is
 * refused, so a README command that needs a real shell fails loudly instead of being half-run.
 *
 * @example
 * toShellWords(`curl -H 'A: b c' "x"`) // ['curl', '-H', 'A: b c', 'x']
 */
export function toShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end < 0) throw new Error(`unclosed ' in: ${line}`);
      word += line.slice(index + 1, end);
      index = end;
      inWord = true;
    } else if (char === '"') {
      index++;
      for (; index < line.length && line[index] !== '"'; index++) {
        if (line[index] === '\\' && (line[index + 1] === '"' || line[index + 1] === '\\')) index++;
        else if (line[index] === '$' || line[index] === '`') throw new Error(`shell expansion is not supported: ${line}`);
        word += line[index];
      }
      if (index >= line.length) throw new Error(`unclosed " in: ${line}`);
      inWord = true;
    } else if (char === ' ' || char === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('$`|;<>*?'.includes(char)) {
      throw new Error(`"${char}" needs a real shell, which this runner does not emulate: ${line}`);
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
