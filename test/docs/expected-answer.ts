/** What a curl command got: an HTTP answer, or no answer at all (a dropped connection). */
export type CurlAnswer =
  { kind: 'answer'; status: number; headers: Headers; body: string; elapsedMs: number } | { kind: 'no-answer'; error: string; elapsedMs: number };

const MORE = '\u2026more';

/**
 * Check an answer against a README `# -> ...` line. The forms the README uses:
 *   `403 {"success":false,"error":"..."}`       status, then the JSON body exactly
 *   `404 {"code":"IDE-1003",...}`                 `...` as the last member: more members may follow
 *   `200 [{"code":"<code>",...}]`                 `"<name>"`: any string, remembered as <name> for later commands
 *   `after 2 s: 200, x-h: v, body {"succ`         elapsed time, headers, and the body's first characters
 *   `no answer ...`                               the connection was dropped
 * Returns the problems found (none when it matches) and fills `captured`.
 */
export function toAnswerProblems(expected: string, answer: CurlAnswer, captured: Map<string, string>): string[] {
  if (expected.startsWith('no answer')) return answer.kind === 'no-answer' ? [] : [`expected no answer, got HTTP ${answer.status}`];
  if (answer.kind === 'no-answer') return [`expected "${expected}", got no answer (${answer.error})`];
  const problems: string[] = [];
  let rest = expected;
  const after = /^after (\d+(?:\.\d+)?) s: /.exec(rest);
  if (after) {
    if (answer.elapsedMs < Number(after[1]) * 1000) problems.push(`answered after ${answer.elapsedMs} ms, expected at least ${after[1]} s`);
    rest = rest.slice(after[0].length);
  }
  const status = /^(\d{3})(?:, | |$)/.exec(rest);
  if (!status) return [`cannot read a status in "${expected}"`];
  if (answer.status !== Number(status[1])) problems.push(`status ${answer.status}, expected ${status[1]}`);
  rest = rest.slice(status[0].length);
  if (rest.startsWith('{') || rest.startsWith('[')) {
    let actual: unknown;
    try {
      actual = JSON.parse(answer.body);
    } catch {
      return [...problems, `body is not JSON: ${answer.body.slice(0, 200)}`];
    }
    problems.push(...toPatternProblems(toPattern(rest), actual, '$', captured));
    return problems;
  }
  while (rest) {
    const body = /^body (.*)$/.exec(rest);
    if (body) {
      if (!answer.body.startsWith(body[1]!))
        problems.push(`body starts ${JSON.stringify(answer.body.slice(0, body[1]!.length + 20))}, expected ${JSON.stringify(body[1])}`);
      break;
    }
    // A value runs to the next ", name: " or ", body ", so values may hold commas of their own (a,b,c).
    const header = /^([\w-]+): (.*?)(?:, (?=[\w-]+: |body )|$)/.exec(rest);
    if (!header) return [...problems, `cannot read "${rest}" (expected "name: value" or "body ...")`];
    const actual = answer.headers.get(header[1]!);
    if (actual !== header[2]) problems.push(`header ${header[1]} is ${JSON.stringify(actual)}, expected ${JSON.stringify(header[2])}`);
    rest = rest.slice(header[0].length);
  }
  return problems;
}

/** The README's JSON with `...` members turned into a marker JSON can carry. */
export function toPattern(text: string): unknown {
  const json = text
    .replace(/\{\s*\.\.\.\s*\}/g, `{"${MORE}":true}`)
    .replace(/,\s*\.\.\.\s*\}/g, `,"${MORE}":true}`)
    .replace(/,\s*\.\.\.\s*\]/g, `,"${MORE}"]`);
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new Error(`the README's expected body is not JSON (with ... for more members): ${text} (${(error as Error).message})`, { cause: error });
  }
}

function toPatternProblems(pattern: unknown, actual: unknown, path: string, captured: Map<string, string>): string[] {
  if (typeof pattern === 'string') {
    const capture = /^<([\w-]+)>$/.exec(pattern);
    if (capture) {
      if (typeof actual !== 'string') return [`${path}: expected a string (${pattern}), got ${JSON.stringify(actual)}`];
      captured.set(capture[1]!, actual);
      return [];
    }
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const open = pattern.at(-1) === MORE;
    const items = open ? pattern.slice(0, -1) : pattern;
    if (open ? actual.length < items.length : actual.length !== items.length) {
      return [`${path}: ${actual.length} items, expected ${open ? 'at least ' : ''}${items.length}: ${JSON.stringify(actual).slice(0, 300)}`];
    }
    return items.flatMap((item, index) => toPatternProblems(item, actual[index], `${path}[${index}]`, captured));
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const entries = Object.entries(pattern).filter(([key]) => key !== MORE);
    const problems = entries.flatMap(([key, value]) =>
      key in actual ? toPatternProblems(value, (actual as Record<string, unknown>)[key], `${path}.${key}`, captured) : [`${path}.${key} is missing`],
    );
    if (!(MORE in pattern)) {
      const extra = Object.keys(actual).filter((key) => !(key in pattern));
      if (extra.length) problems.push(`${path} has members the README does not show: ${extra.join(', ')} (end the object with ,... if they may vary)`);
    }
    return problems;
  }
  return Object.is(pattern, actual) ? [] : [`${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(pattern)}`];
}
