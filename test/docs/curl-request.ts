import { toShellWords } from './shell-words.js';

/** What a README `curl` command asks for. */
export interface CurlRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | undefined;
  /** `-i`: the answer is shown with its status line and headers. */
  includeHeaders: boolean;
  /** `-o <file>`: the body goes to this file (relative to the reader's folder) instead of the terminal. */
  outputFile?: string;
  /** `-d @<file>`: the body is read from this file. */
  bodyFile?: string;
  /** `--retry <n>` with `--retry-connrefused`: tries again while nothing listens yet (a command just started in the background). */
  retriesWhileRefused?: number;
}

/**
 * Parse the curl options the README uses (-s, -i, -X, -H, -d, -d @file, -o file, --retry n with --retry-connrefused), on a URL
 * that may lack its scheme as curl allows.
 * Any other option is an error: the runner must not silently ignore what curl would do.
 *
 * @example
 * toCurlRequest(`curl -s -X POST localhost:4010/a -d '{}'`) // { method: 'POST', url: 'http://localhost:4010/a', ... }
 */
export function toCurlRequest(command: string): CurlRequest {
  const [program, ...words] = toShellWords(command);
  if (program !== 'curl') throw new Error(`not a curl command: ${command}`);
  const request: CurlRequest = { method: '', url: '', headers: [], body: undefined, includeHeaders: false };
  let retries: number | undefined;
  let retryRefused = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const value = () => {
      const next = words[++index];
      if (next === undefined) throw new Error(`${word} needs a value: ${command}`);
      return next;
    };
    if (/^-[si]+$/.test(word)) {
      if (word.includes('i')) request.includeHeaders = true;
    } else if (word === '-X') request.method = value();
    else if (word === '-H') {
      const header = value();
      const colon = header.indexOf(':');
      if (colon < 1) throw new Error(`bad header "${header}": ${command}`);
      request.headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (word === '-d') {
      request.body = value();
      if (request.body.startsWith('@')) request.bodyFile = request.body.slice(1);
    } else if (word === '-o') request.outputFile = value();
    else if (word === '--retry') retries = Number(value());
    else if (word === '--retry-connrefused') retryRefused = true;
    else if (word.startsWith('-')) throw new Error(`curl option ${word} is not supported by the README runner: ${command}`);
    else if (request.url) throw new Error(`two URLs: ${command}`);
    else request.url = /^https?:\/\//.test(word) ? word : `http://${word}`;
  }
  if (!request.url) throw new Error(`no URL: ${command}`);
  // curl's --retry-connrefused does nothing without --retry, nor --retry with it alone on a refused connection.
  if (retryRefused !== (retries !== undefined)) throw new Error(`--retry and --retry-connrefused go together here: ${command}`);
  if (retries !== undefined) {
    if (!Number.isInteger(retries) || retries < 1) throw new Error(`--retry needs a whole number of tries: ${command}`);
    request.retriesWhileRefused = retries;
  }
  // curl's defaults: -d makes a POST with a form content type unless a method or content type is given.
  request.method ||= request.body === undefined ? 'GET' : 'POST';
  if (request.body !== undefined && !request.headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    request.headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  return request;
}
