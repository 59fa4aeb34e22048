import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { HeaderLines } from './forward-to-upstream.js';

/** The value of a header (the first line of that name), or undefined. */
export function headerValue(headers: HeaderLines, name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

/** Media types whose bodies are text: recorded and validated as such (anything else is bytes, never recorded). */
export function isTextual(contentType: string | undefined): boolean {
  if (contentType === undefined) return true; // vendors' bodyless answers and sloppy clients: treat as text
  return /json|^text\/|xml|x-www-form-urlencoded|javascript/i.test(contentType);
}

/**
 * A body as the application sees it: the proxy passes bytes on unchanged (a gzipped answer stays gzipped for the
 * client), but validation and the HAR need the decoded text. An encoding that cannot be decoded leaves the bytes.
 */
export function toDecodedBody(body: Buffer, headers: HeaderLines): Buffer {
  const encoding = headerValue(headers, 'content-encoding')?.trim().toLowerCase();
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body);
    if (encoding === 'deflate') return inflateSync(body);
    if (encoding === 'br') return brotliDecompressSync(body);
  } catch {
    // A body that does not decode is recorded as it came; its validation will say it is not JSON.
  }
  return body;
}
