import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toCurlRequest } from './curl-request.js';
import { toAnswerProblems, type CurlAnswer } from './expected-answer.js';

/** The address the README's commands use; the test puts the address of the server it started in its place. */
export const README_PORT = 'localhost:4010';

/**
 * Send a README `curl` command to the server at `authority` and check the answer against the `# ->` lines under it;
 * values the lines name (`"<code>"`) are read into `captured` for later commands.
 */
export async function runCurlAt(command: string, expected: string[], authority: string, captured: Map<string, string>, workDir: string): Promise<void> {
  const request = toCurlRequest(command.replaceAll(README_PORT, authority));
  if (request.bodyFile !== undefined) request.body = await readFile(join(workDir, request.bodyFile), 'utf8');
  const started = Date.now();
  let answer: CurlAnswer;
  for (let tries = 0; ; tries++) {
    try {
      const res = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
      answer = { kind: 'answer', status: res.status, headers: res.headers, body: await res.text(), elapsedMs: Date.now() - started };
      if (request.outputFile !== undefined && res.ok) await writeFile(join(workDir, request.outputFile), answer.body);
    } catch (error) {
      const cause = (error as Error).cause as { code?: string } | undefined;
      if (cause?.code === 'ECONNREFUSED' && tries < (request.retriesWhileRefused ?? 0)) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      answer = { kind: 'no-answer', error: String(cause ?? error), elapsedMs: Date.now() - started };
    }
    break;
  }
  if (expected.length === 0 && answer.kind === 'answer' && answer.status >= 400) {
    throw new Error(`${command}\n  answered ${answer.status} ${answer.body.slice(0, 300)}; the README shows no error here`);
  }
  const problems = expected.flatMap((line) => toAnswerProblems(line, answer, captured));
  if (problems.length) {
    const got = answer.kind === 'answer' ? `${answer.status} ${answer.body.slice(0, 500)}` : `no answer (${answer.error})`;
    throw new Error(`${command}\n  got ${got}\n  ${problems.join('\n  ')}`);
  }
}
