/**
 * What a server's output says, line by line: a JSON log record (pino's shape, as `serve` writes every line when its
 * output is not a terminal) as its `msg`, any other line as it is. For tests that look for a line's words.
 *
 * @example
 * logMessages('{"level":30,"msg":"mfa-sandbox listening: ..."}\nplain') // 'mfa-sandbox listening: ...\nplain'
 */
export function logMessages(output: string): string {
  return output.split('\n').map(logMessage).join('\n');
}

/** One line's words: a JSON log record's `msg`, else the line. */
export function logMessage(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const record = JSON.parse(line) as { msg?: unknown };
    return typeof record.msg === 'string' ? record.msg : line;
  } catch {
    return line;
  }
}
