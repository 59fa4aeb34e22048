/** A fenced code block of a Markdown file, with where it stands. */
export interface CodeBlock {
  /** The info string's first word (`sh`, `ts`, `yaml`), or '' for a bare fence. */
  lang: string;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
  /** The nearest heading above the block. */
  heading: string;
}

/**
 * Every fenced code block of a Markdown text, in order.
 *
 * @example
 * toCodeBlocks('# A\n```sh\necho hi\n```\n') // [{ lang: 'sh', code: 'echo hi\n', line: 2, heading: 'A' }]
 */
export function toCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heads = /^#{1,6} (.*)$/.exec(line);
    if (heads) heading = heads[1]!.trim();
    const fence = /^```(\S*)/.exec(line);
    if (!fence) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++) body.push(lines[index]!);
    if (index === lines.length) throw new Error(`unclosed code block at line ${start + 1}`);
    blocks.push({ lang: fence[1]!, code: `${body.join('\n')}\n`, line: start + 1, heading });
  }
  return blocks;
}
