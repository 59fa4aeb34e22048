import Fastify from 'fastify';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toFastifyLogging } from '../../../src/server/lazy-child-logger.js';

/** A Fastify app as app.ts builds it (pino at `level`, toFastifyLogging), logging into an array. */
async function appLoggingAt(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ ...toFastifyLogging(pino({ level }, stream)), disableRequestLogging: true });
  app.get('/error', async (request) => {
    request.log.error({ operationId: 'getThing' }, 'handler failed');
    return { ok: true };
  });
  app.get('/info', async (request) => {
    request.log.info('details nobody asked for');
    request.log.debug('even fewer');
    return { level: request.log.level };
  });
  app.get('/reply-watched', async (_request, reply) => ({ finishListeners: reply.raw.listenerCount('finish') }));
  app.get('/child', async (request) => {
    request.log.child({ step: 'inner' }).warn('from a grandchild');
    return { ok: true };
  });
  await app.ready();
  return { app, lines };
}

describe('toFastifyLogging', () => {
  it('below info, a request that logs still writes with its request id', async () => {
    const { app, lines } = await appLoggingAt('warn');
    const response = await app.inject({ url: '/error' });
    expect(response.statusCode).toBe(200);
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'handler failed', operationId: 'getThing', reqId: expect.any(String) })]);
    await app.close();
  });

  it('below info, calls under the level write nothing and the level reads as the server level', async () => {
    const { app, lines } = await appLoggingAt('warn');
    const response = await app.inject({ url: '/info' });
    expect(response.json()).toEqual({ level: 'warn' });
    expect(lines).toEqual([]);
    await app.close();
  });

  it('children of a request logger keep both bindings', async () => {
    const { app, lines } = await appLoggingAt('warn');
    await app.inject({ url: '/child' });
    expect(lines).toEqual([expect.objectContaining({ msg: 'from a grandchild', step: 'inner', reqId: expect.any(String) })]);
    await app.close();
  });

  it('below info, Fastify watches no response for a request line (one finish listener fewer than at info)', async () => {
    const quiet = await appLoggingAt('warn');
    const chatty = await appLoggingAt('info');
    const quietCount = (await quiet.app.inject({ url: '/reply-watched' })).json<{ finishListeners: number }>().finishListeners;
    const chattyCount = (await chatty.app.inject({ url: '/reply-watched' })).json<{ finishListeners: number }>().finishListeners;
    expect(chattyCount - quietCount).toBe(1);
    await quiet.app.close();
    await chatty.app.close();
  });

  it('at info, every level from info up writes as before', async () => {
    const { app, lines } = await appLoggingAt('info');
    await app.inject({ url: '/info' });
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'details nobody asked for', reqId: expect.any(String) })]);
    await app.close();
  });
});
