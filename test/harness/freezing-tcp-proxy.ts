import { connect, createServer, type Socket } from 'node:net';

export interface FreezingTcpProxy {
  /** The proxy's loopback port: point a client at it instead of the target's. */
  port: number;
  /** From now on no byte passes either way, and nothing is closed: the target seems to hang. */
  freeze(): void;
  /** Pass on what was held back, in order, and whatever comes next. */
  thaw(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to `target` that can stop passing bytes without closing a connection: a server that hangs (a
 * stopped process, a network partition) rather than one that refuses, which a client can only tell by waiting.
 *
 * @example
 * const proxy = await startFreezingTcpProxy({ host: '127.0.0.1', port: 5432 });
 * proxy.freeze(); // queries on connections through proxy.port now get no answer
 */
export async function startFreezingTcpProxy(target: { host: string; port: number }): Promise<FreezingTcpProxy> {
  let frozen = false;
  const sockets = new Set<Socket>();
  /** What arrived while frozen, per direction, in order. */
  const held: Array<{ to: Socket; chunk: Buffer }> = [];
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => (frozen ? held.push({ to, chunk }) : to.write(chunk)));
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      for (const { to, chunk } of held.splice(0)) if (!to.destroyed) to.write(chunk);
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
