import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { probePostgresProtocol, toProbeAddress } from '../../src/postgres/protocol-probe.js';

describe('the PostgreSQL protocol probe', () => {
  it('reads the TCP address of a state URL, and leaves socket directories and several hosts to postgres.js', () => {
    expect(toProbeAddress('postgres://u:p@db.internal:6543/mfa')).toEqual({ host: 'db.internal', port: 6543 });
    expect(toProbeAddress('postgresql://u@127.0.0.1/mfa')).toEqual({ host: '127.0.0.1', port: 5432 });
    expect(toProbeAddress('postgres://u@[::1]:5433/mfa')).toEqual({ host: '::1', port: 5433 });
    expect(toProbeAddress('postgres://u@/mfa?host=/var/run/postgresql')).toBeUndefined();
    expect(toProbeAddress('postgres://u@a:5432,b:5432/mfa')).toBeUndefined();
    expect(toProbeAddress('not a url')).toBeUndefined();
  });

  it("tells PostgreSQL's answer to an SSLRequest from another protocol's, and says nothing of a server that is silent", async () => {
    const answers = ['N', 'S', 'HTTP/1.1 400 Bad Request\r\n\r\n', '\u0000\u0001binary\r\n', undefined];
    const seen = [];
    for (const answer of answers) {
      const server = createServer((socket) => socket.once('data', () => (answer === undefined ? undefined : socket.end(answer))));
      await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
      seen.push(await probePostgresProtocol('127.0.0.1', (server.address() as AddressInfo).port, 200));
      server.close();
    }
    expect(seen).toEqual([
      { speaks: 'postgres' },
      { speaks: 'postgres' },
      { speaks: 'other', answered: 'HTTP/1.1 400 Bad Request' },
      { speaks: 'other', answered: '..binary' },
      { speaks: 'unknown' },
    ]);
  });
});
