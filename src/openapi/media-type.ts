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
