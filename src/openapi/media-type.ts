/**
 * The media type of a `Content-Type` value, lower case (media types are case-insensitive), without its parameters;
 * undefined when there is none.
 *
 * @example
 * mediaTypeOf('Application/JSON; charset=utf-8') // 'application/json'
 */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]!.trim().toLowerCase() || undefined;
}

/**
 * A `Content-Type` as an error message names it: its media type, `none` without a header, and a header that names no
 * media type (`;;;`) quoted as sent, rather than "none", which it was not.
 *
 * @example
 * describeContentType('text/plain; charset=utf-8') // 'text/plain'
 * describeContentType(';;;')                       // '";;;"'
 */
export function describeContentType(contentType: string | undefined): string {
  if (contentType === undefined) return 'none';
  return mediaTypeOf(contentType) ?? JSON.stringify(contentType);
}
