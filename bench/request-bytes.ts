import type { AutocannonRequest } from 'autocannon';

/**
 * The exact bytes of one HTTP/1.1 request for a keep-alive connection, built before its due time so that sending it
 * is a single socket write (no header objects, no serialisation on the timed path), as autocannon does.
 *
 * @example
 * toRequestBytes({ method: 'GET', path: '/status', headers: { authorization: 'Bearer x' } }, '127.0.0.1:4010');
 * // "GET /status HTTP/1.1\r\nhost: 127.0.0.1:4010\r\nauthorization: Bearer x\r\n\r\n" as a Buffer
 */
export function toRequestBytes(request: AutocannonRequest, host: string): Buffer {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  let head = `${request.method ?? 'GET'} ${request.path ?? '/'} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() !== 'host' && name.toLowerCase() !== 'content-length') head += `${name}: ${value}\r\n`;
  }
  if (body) head += `content-length: ${body.length}\r\n`;
  head += '\r\n';
  return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
}
