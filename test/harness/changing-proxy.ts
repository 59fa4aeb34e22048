import { createServer, request as httpRequest, type Server } from 'node:http';

/** An answer on its way through the proxy: its status and body text, as the change may rewrite them. */
export interface ProxiedAnswer {
  status: number;
  text: string;
}

export interface ChangingProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A deliberately changed vendor: a loopback proxy (random port) that forwards every request to `target` unchanged and
 * lets `change` rewrite each answer's status and body on the way back (a renamed field, a changed status...).
 *
 * @example
 * const proxy = await startChangingProxy(oracle.url, (request, answer) => request.url === '/auth/mfa/toggle' ? { ...answer, status: 201 } : answer);
 */
export async function startChangingProxy(
  target: string,
  change: (request: { method: string; url: string }, answer: ProxiedAnswer) => ProxiedAnswer,
): Promise<ChangingProxy> {
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const forwarded = httpRequest(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          const changed = change(
            { method: incoming.method ?? 'GET', url: incoming.url ?? '/' },
            { status: answer.statusCode ?? 502, text: Buffer.concat(parts).toString() },
          );
          outgoing.writeHead(changed.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(changed.text)) }).end(changed.text);
        });
      });
      forwarded.on('error', () => outgoing.writeHead(502).end());
      forwarded.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
