import { connect } from 'node:net';

/**
 * Whether the server a `--state` URL names speaks PostgreSQL's protocol, asked as a client may start (an SSLRequest:
 * length 8, code 80877103), which a PostgreSQL server answers with one byte: `S` (TLS offered), `N` (not), or `E` (a
 * server older than the request). Asked once before postgres.js connects, because postgres.js takes a server that
 * answers something else and closes (an HTTP server's 400) for a dropped connection and opens the next one at once:
 * ~450 connections a second for the start's 10 s, each a line in that server's log, before the start gave up with
 * "no answer".
 */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);
const POSTGRES_FIRST_BYTES = new Set([0x53, 0x4e, 0x45]); // S, N, E

export type ProtocolProbe =
  /** It answered as PostgreSQL does. */
  | { speaks: 'postgres' }
  /** It answered, but not as PostgreSQL: `answered` is the start of what it sent, as text. */
  | { speaks: 'other'; answered: string }
  /** Nothing to go by (refused, closed without a word, no answer in time, a URL the probe does not read): postgres.js says why. */
  | { speaks: 'unknown' };

/** The TCP host and port of a `postgres://` URL, or undefined for what the probe leaves to postgres.js (a socket directory, several hosts). */
export function toProbeAddress(url: string): { host: string; port: number } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.searchParams.has('host') || parsed.hostname === '' || parsed.hostname.includes(',') || parsed.port.includes(',')) return undefined;
  const port = parsed.port === '' ? 5432 : Number(parsed.port);
  if (!Number.isInteger(port)) return undefined;
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}

/** At most this much of a foreign answer is shown. */
const SHOWN_BYTES = 60;

/** The start of a foreign answer as one line of text (`HTTP/1.1 400 Bad Request`), other bytes as `.`. */
function toShownAnswer(bytes: Buffer): string {
  const line = bytes.subarray(0, SHOWN_BYTES).toString('latin1').split(/\r?\n/, 1)[0]!;
  return line.replace(/[^\x20-\x7e]/g, '.');
}

/**
 * @example
 * await probePostgresProtocol('127.0.0.1', 5432, 2_000) // { speaks: 'postgres' }
 * await probePostgresProtocol('127.0.0.1', 8080, 2_000) // { speaks: 'other', answered: 'HTTP/1.1 400 Bad Request' }
 */
export function probePostgresProtocol(host: string, port: number, waitMs: number): Promise<ProtocolProbe> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (probe: ProtocolProbe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const timer = setTimeout(() => finish({ speaks: 'unknown' }), waitMs);
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (chunk: Buffer) =>
      finish(POSTGRES_FIRST_BYTES.has(chunk[0]!) ? { speaks: 'postgres' } : { speaks: 'other', answered: toShownAnswer(chunk) }),
    );
    socket.once('error', () => finish({ speaks: 'unknown' }));
    socket.once('close', () => finish({ speaks: 'unknown' }));
  });
}
