import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { createHotSwapServer, type HotSwapServer } from '../../../src/server/hot-swap-server.js';

/** A tiny app that says which version it is, with a route that answers only when the test lets it. */
function version(name: string) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let closed = false;
  const app = Fastify();
  app.get('/which', async () => ({ version: name }));
  app.get('/slow', async () => {
    await released;
    return { version: name };
  });
  app.addHook('onClose', async () => {
    closed = true;
  });
  return { app, release, isClosed: () => closed };
}

function get(url: string, agent?: Agent): Promise<{ status: number; body: any; socketPort: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), socketPort: req.socket!.localPort! }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('createHotSwapServer', () => {
  let hot: HotSwapServer | undefined;
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    await hot?.close();
    await Promise.all(apps.map((app) => app.close()));
    apps.length = 0;
  });

  it('Expect: 100-continue gets its 100 only for a body within the body limit, as the server of one version does', async () => {
    // The app's body limit is the config's, as buildApp sets it: the 413 is the app's own answer.
    const app = Fastify({ bodyLimit: 1024 });
    app.post('/echo', async (request) => request.body);
    apps.push(app);
    await app.ready();
    hot = createHotSwapServer(app, { ...DEFAULT_CONFIG, bodyLimitBytes: 1024 });
    const { port } = new URL(await hot.listen(0, '127.0.0.1'));
    const firstLine = (contentLength: number, body = '') =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${contentLength}\r\n\r\n${body}`,
          ),
        );
        socket.once('data', (data) => {
          resolve(data.toString().split('\r\n')[0]!);
          socket.destroy();
        });
        socket.on('error', reject);
      });
    expect(await firstLine(1024 * 1024)).toBe('HTTP/1.1 413 Payload Too Large');
    expect(await firstLine(2, '{}')).toBe('HTTP/1.1 100 Continue');
  });

  it('answers with the current app; after a swap new requests, on the same keep-alive connection too, reach the new one', async () => {
    const one = version('one');
    const two = version('two');
    apps.push(one.app, two.app);
    await Promise.all([one.app.ready(), two.app.ready()]);
    hot = createHotSwapServer(one.app, DEFAULT_CONFIG);
    const url = await hot.listen(0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const before = await get(`${url}/which`, agent);
    expect(before).toMatchObject({ status: 200, body: { version: 'one' } });
    hot.swap(two.app);
    const after = await get(`${url}/which`, agent);
    expect(after).toMatchObject({ status: 200, body: { version: 'two' } });
    expect(after.socketPort).toBe(before.socketPort); // the same connection
    expect(hot.current).toBe(two.app);
    await until(one.isClosed); // nothing in flight: the old version closes at once
    agent.destroy();
  });

  it('lets the old app finish a request in flight, then closes it; the new app answers meanwhile', async () => {
    const one = version('one');
    const two = version('two');
    apps.push(one.app, two.app);
    await Promise.all([one.app.ready(), two.app.ready()]);
    hot = createHotSwapServer(one.app, DEFAULT_CONFIG);
    const url = await hot.listen(0, '127.0.0.1');
    const slow = get(`${url}/slow`);
    await until(() => hot!.inFlight(one.app) === 1);
    hot.swap(two.app);
    expect((await get(`${url}/which`)).body).toEqual({ version: 'two' });
    expect(one.isClosed()).toBe(false); // still answering its request
    one.release();
    expect(await slow).toMatchObject({ status: 200, body: { version: 'one' } });
    await until(one.isClosed);
    expect(two.isClosed()).toBe(false);
  });

  it('answers a request that is not HTTP with the sandbox fault, as the plain server does', async () => {
    const one = version('one');
    apps.push(one.app);
    await one.app.ready();
    hot = createHotSwapServer(one.app, { ...DEFAULT_CONFIG, maxHeaderBytes: 1024 });
    const url = await hot.listen(0, '127.0.0.1');
    const response = await fetch(`${url}/which`, { headers: { 'x-big': 'x'.repeat(4096) } });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('close ends a kept-alive connection soon after the answer it was giving (not after the 72 s keep-alive timeout)', async () => {
    const one = version('one');
    await one.app.ready();
    hot = createHotSwapServer(one.app, DEFAULT_CONFIG);
    const url = await hot.listen(0, '127.0.0.1');
    const agent = new Agent({ keepAlive: true });
    const slow = get(`${url}/slow`, agent);
    await until(() => hot!.inFlight(one.app) === 1);
    const started = Date.now();
    const closed = hot.close();
    hot = undefined;
    one.release();
    expect(await slow).toMatchObject({ status: 200, body: { version: 'one' } });
    await closed;
    expect(Date.now() - started).toBeLessThan(10_000);
    agent.destroy();
  });

  it('close ends at once a connection that never sent a request (Node waits for its headers, with no timer, once closing)', async () => {
    const one = version('one');
    await one.app.ready();
    hot = createHotSwapServer(one.app, DEFAULT_CONFIG);
    const url = new URL(await hot.listen(0, '127.0.0.1'));
    const silent = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => silent.once('connect', resolve));
    const ended = new Promise((resolve) => silent.once('close', resolve));
    const started = Date.now();
    await hot.close();
    hot = undefined;
    await ended;
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('close stops listening and closes the current app', async () => {
    const one = version('one');
    await one.app.ready();
    hot = createHotSwapServer(one.app, DEFAULT_CONFIG);
    const url = await hot.listen(0, '127.0.0.1');
    await hot.close();
    hot = undefined;
    expect(one.isClosed()).toBe(true);
    await expect(fetch(`${url}/which`)).rejects.toThrow();
  });
});
