/**
 * Why a Content-Encoding is refused, naming the encodings read: of a list (`gzip, gzip`, a body compressed twice), that
 * the sandbox undoes one encoding only, since each name in it may be one it reads.
 *
 * @example
 * toUndecodedDetail('zstd', ['gzip', 'br']) // 'Content-Encoding zstd is not one the sandbox decodes (gzip, br, identity)'
 */
export function toUndecodedDetail(encoding: string, decoded: readonly string[]): string {
  const known = `${decoded.join(', ')}, identity`;
  if (encoding.includes(',')) return `Content-Encoding ${encoding} names several encodings, and the sandbox undoes one only (${known}): compress the body once`;
  return `Content-Encoding ${encoding} is not one the sandbox decodes (${known})`;
}
