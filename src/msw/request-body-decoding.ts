import { SandboxError } from '../errors.js';
import type { UnreadBody } from '../pipeline/plain-exchange.js';
import { toUndecodedDetail } from '../pipeline/undecoded-encoding.js';

/**
 * A body the MSW handlers read as the server reads it (src/server/request-content-encoding.ts): inflated as its
 * `Content-Encoding` says, or refused as the server refuses it. Fetch API runtimes inflate with DecompressionStream,
 * which reads gzip and deflate in Node and in browsers, and brotli in neither: a br body, which the server inflates,
 * is a sandbox fault here that says so (the vendor would have read it, so no vendor answer fits).
 */
export type FetchedBody = { text: string } | { refused: SandboxError; unreadBody?: UnreadBody };

/** DecompressionStream's format for each Content-Encoding the sandbox reads, in the order the server names them. */
const FORMATS: ReadonlyArray<readonly [encoding: string, format: 'gzip' | 'deflate' | undefined]> = [
  ['gzip', 'gzip'],
  ['x-gzip', 'gzip'],
  ['deflate', 'deflate'],
  ['br', undefined],
];

/** As the server's 415 says which encodings it reads (RFC 7694): a client that compressed on a guess sends it again. */
const ACCEPTED_ENCODINGS = { 'accept-encoding': 'gzip, deflate' };

/**
 * The body's text, inflated when its Content-Encoding is one `encodings` names (a surface's vendor reads, every one the
 * sandbox reads when undefined), or why it is refused: an encoding the vendor does not read is the server's 415 with
 * the vendor's words for it, bytes that are not what the encoding says its 400.
 *
 * @example
 * await readFetchedBody(new Request(url, { method: 'POST', body: gzipped, headers: { 'content-encoding': 'gzip' } }), undefined) // { text: '{"enabled":true}' }
 * await readFetchedBody(zstdRequest, ['gzip', 'deflate', 'br']) // { refused: SandboxError 415, unreadBody: { status: 415, reason: 'unsupported content encoding "zstd"' } }
 */
export async function readFetchedBody(request: Request, encodings: readonly string[] | undefined): Promise<FetchedBody> {
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return { text: await request.text() };
  const read = encodings ?? FORMATS.map(([name]) => name);
  const known = FORMATS.find(([name]) => name === encoding && read.includes(name));
  if (known === undefined) {
    const refused = new SandboxError('MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING', toUndecodedDetail(encoding, read), {}, ACCEPTED_ENCODINGS);
    return { refused, unreadBody: { status: 415, reason: `unsupported content encoding "${encoding}"` } };
  }
  const format = known[1];
  if (format === undefined) {
    const detail = `Content-Encoding ${encoding} is one the sandbox's server decodes, but the MSW handlers cannot: DecompressionStream reads gzip and deflate only. Send it uncompressed, or as gzip`;
    return { refused: new SandboxError('MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING', detail, {}, ACCEPTED_ENCODINGS) };
  }
  // No body at all has nothing to inflate (a request made with an empty body has none in the Fetch API).
  if (request.body === null) return { text: '' };
  try {
    return { text: await new Response(request.body.pipeThrough(new DecompressionStream(format))).text() };
  } catch (error) {
    // Node's DecompressionStream is zlib with zlib's words ("incorrect header check"), as the server's; a browser's has its own.
    const reason = error instanceof Error ? error.message : String(error);
    const detail = `The body is not ${encoding} data, as its Content-Encoding says (${reason})`;
    return { refused: new SandboxError('MOCK_ERR_BAD_REQUEST', detail), unreadBody: { status: 400, reason } };
  }
}
