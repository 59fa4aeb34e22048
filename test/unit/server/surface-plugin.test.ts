import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/engine/scenario.js';
import { SessionRegistry, type SessionState } from '../../../src/engine/session-registry.js';
import type { OpenApiDocument } from '../../../src/openapi/openapi-types.js';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';
import type { OperationCall, OperationHandler, SurfaceBehaviour } from '../../../src/pipeline/surface-behaviour.js';
import { createSurfaceEngine } from '../../../src/pipeline/surface-engine.js';
import { surfacePlugin } from '../../../src/server/surface-plugin.js';
import { settledNow } from '../../harness/settled-now.js';
import type { JournalRecord } from '../../../src/engine/journal.js';

/**
 * The pipeline behind its Fastify adapter, with a tiny spec and a behaviour whose handlers answer synchronously, asynchronously,
 * throw, reject or break their spec: every path ends in one answer and one journal entry, never a crash or a hang.
 */

const ok = { type: 'object', required: ['ok'], additionalProperties: false, properties: { ok: { type: 'boolean' } } };
const answer = (value: unknown) => ({ description: 'answer', content: { 'application/json': { schema: ok, examples: { canonical: { value } } } } });

function operation(operationId: string) {
  return { operationId, responses: { '200': answer({ ok: true }) } };
}

const api = {
  openapi: '3.1.0',
  info: { title: 'plugin test', version: '1' },
  paths: {
    '/sync': { get: operation('sync') },
    '/async': { get: operation('async') },
    '/throws': { get: operation('throws') },
    '/rejects': { get: operation('rejects') },
    '/invalid': { get: operation('invalid') },
    '/echo': {
      post: {
        operationId: 'echo',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { note: { type: 'string' } } } } } },
        responses: { '200': answer({ ok: true }) },
      },
    },
  },
} as unknown as OpenApiDocument;

const handlers: Record<string, OperationHandler> = {
  sync: () => ({ status: 200, body: { ok: true } }),
  async: async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { status: 200, body: { ok: true } };
  },
  throws: () => {
    throw new Error('handler bug');
  },
  rejects: async () => {
    throw new Error('async handler bug');
  },
  invalid: () => ({ status: 200, body: { ok: 'yes', extra: 1 } }),
  echo: (call: OperationCall) => ({ status: 200, body: { ok: typeof call.body.note === 'string' } }),
};

const behaviour: SurfaceBehaviour = {
  id: 'flashback',
  handlers,
  authenticate: () => ({ ok: true, principalId: 'nobody' }),
  rejectRequest: () => ({ status: 200, body: { ok: false } }),
};

const scenario: Scenario = { name: 'default', surface: 'flashback', description: 'empty world', world: {}, overrides: [] };

let app: FastifyInstance | undefined;

/** `log`: where the app's log lines at error level go (none without it). */
async function start(log?: string[]): Promise<{ app: FastifyInstance; sessions: SessionRegistry }> {
  const sessions = new SessionRegistry({
    store: new MemoryStateStore<SessionState, JournalRecord>({ ttlMs: 60_000, maxEntries: 10, logSize: 10, now: () => Date.now() }),
    catalogue: new Map([['flashback', new Map([['default', scenario]])]]),
    defaultScenario: 'default',
  });
  const routes = createSurfaceEngine({ spec: { file: 'inline.yaml', api }, behaviour, sessions, validateResponses: true });
  app = Fastify({ logger: log ? { level: 'error', stream: { write: (line: string) => void log.push(line) } } : false });
  await app.register(surfacePlugin, { prefix: '/t', routes });
  return { app, sessions };
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('surfacePlugin', () => {
  it('answers synchronous and asynchronous operations alike, and journals each once', async () => {
    const { app, sessions } = await start();
    for (const url of ['/t/sync', '/t/async']) {
      const response = await app.inject({ url, headers: { 'x-mock-session': 's1' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.json()).toEqual({ ok: true });
    }
    const journal = settledNow(sessions.journal('s1'));
    expect(journal.map(({ operationId, status, responseBody }) => ({ operationId, status, responseBody }))).toEqual([
      { operationId: 'sync', status: 200, responseBody: { ok: true } },
      { operationId: 'async', status: 200, responseBody: { ok: true } },
    ]);
    expect(journal[1]!.durationMs).toBeGreaterThanOrEqual(4);
  });

  it('turns a handler that throws or rejects into a 500 sandbox error, journalled', async () => {
    const { app, sessions } = await start();
    for (const url of ['/t/throws', '/t/rejects']) {
      const response = await app.inject({ url, headers: { 'x-mock-session': 's2' } });
      expect(response.statusCode).toBe(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'MOCK_ERR_INTERNAL' });
      expect(response.body).not.toContain('handler bug'); // no internals or stack traces on the wire
    }
    expect(
      settledNow(sessions.journal('s2')).map(({ operationId, status, responseBody }) => [operationId, status, (responseBody as { code: string }).code]),
    ).toEqual([
      ['throws', 500, 'MOCK_ERR_INTERNAL'],
      ['rejects', 500, 'MOCK_ERR_INTERNAL'],
    ]);
  });

  it('refuses to send an answer its spec forbids, says what is wrong with it, and logs it as the defect it is', async () => {
    const log: string[] = [];
    const { app } = await start(log);
    const response = await app.inject({ url: '/t/invalid' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'MOCK_ERR_RESPONSE_INVALID' });
    expect(JSON.stringify(response.json())).toContain('/ok must be boolean');
    // At error level, with the violations: at `--log-level warn` (a CI log) it was not there at all.
    expect(log.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'handler failed',
        operationId: 'invalid',
        err: expect.objectContaining({
          message: 'invalid produced a 200 its spec forbids',
          extensions: { violations: expect.arrayContaining(['/ok must be boolean']) },
        }),
      }),
    ]);
  });

  it('journals a request body as the client sent it', async () => {
    const { app, sessions } = await start();
    const payload = '{"note":"hello","nested":{"list":[1,2,3]}}';
    const response = await app.inject({ method: 'POST', url: '/t/echo', headers: { 'content-type': 'application/json', 'x-mock-session': 's3' }, payload });
    expect(response.json()).toEqual({ ok: true });
    expect(settledNow(sessions.journal('s3'))[0]).toMatchObject({
      method: 'POST',
      url: '/t/echo',
      requestBody: JSON.parse(payload),
      responseBody: { ok: true },
    });
  });

  it('answers unusable sandbox headers with a fault and journals nothing', async () => {
    const { app, sessions } = await start();
    const response = await app.inject({ url: '/t/sync', headers: { 'x-mock-session': 'not a session id!' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'MOCK_ERR_BAD_SESSION_ID' });
    expect(sessions.ids()).toEqual([]);
  });
});
