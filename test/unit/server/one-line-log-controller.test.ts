import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OneLineLogController } from '../../../src/server/one-line-log-controller.js';

/** A Fastify app with the sandbox's log controller at info, logging into an array of messages. */
async function loggingApp() {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) messages.push(String(JSON.parse(line).msg));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream }, logController: new OneLineLogController() });
  app.get('/*', async () => ({ ok: true }));
  await app.ready();
  return { app, messages };
}

describe('OneLineLogController', () => {
  it('names the session an admin call is about from its path, none for other admin calls, and a vendor call from its headers', async () => {
    const { app, messages } = await loggingApp();
    await app.inject({ url: '/__admin/sessions/bug%20123/journal' });
    await app.inject({ url: '/__admin/health' });
    await app.inject({ url: '/flashback/mfa/status', headers: { 'x-mock-session': 'qa-7' } });
    await app.inject({ url: '/flashback/mfa/status' });
    await app.inject({ url: '/flashback/mfa/status', headers: { 'x-mock-session': 'has space' } });
    // A refused control after the session was read: journalled in that session, so the line names it.
    await app.inject({ url: '/flashback/mfa/status', headers: { prefer: 'code=999' } });
    await app.inject({ url: '/s/qa-8/flashback/mfa/status', headers: { prefer: 'latency=abc' } });
    expect(messages.map((message) => message.replace(/\(\d+\.\d ms/, '(N ms'))).toEqual([
      'GET /__admin/sessions/bug%20123/journal -> 200 (N ms, session bug 123)',
      'GET /__admin/health -> 200 (N ms)',
      'GET /flashback/mfa/status -> 200 (N ms, session qa-7)',
      'GET /flashback/mfa/status -> 200 (N ms, session default)',
      'GET /flashback/mfa/status -> 200 (N ms, session ?)',
      'GET /flashback/mfa/status -> 200 (N ms, session default)',
      'GET /s/qa-8/flashback/mfa/status -> 200 (N ms, session qa-8)',
    ]);
    await app.close();
  });

  it('masks the values of credential-named query parameters (an admin token tried as ?token=), and keeps the others', async () => {
    const { app, messages } = await loggingApp();
    await app.inject({ url: '/__admin/sessions?token=s3cr3t-Admin-Token&limit=5&access_token=abc&apiKey=k&password=p' });
    await app.inject({ url: '/genauth/api/v3/get-mfa-status?userId=u1&userIdType=user_id' });
    expect(messages.map((message) => message.replace(/ -> .*/, ''))).toEqual([
      'GET /__admin/sessions?token=***&limit=5&access_token=***&apiKey=***&password=***',
      'GET /genauth/api/v3/get-mfa-status?userId=u1&userIdType=user_id',
    ]);
    await app.close();
  });

  it('shows control characters of a decoded session id escaped, so a client cannot start a log line of its own', async () => {
    const { app, messages } = await loggingApp();
    await app.inject({ url: '/__admin/sessions/x%0d%0a12:00:00%20INFO:%20admin%20token%20rotated/clock' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('session x\\u000d\\u000a12:00:00 INFO: admin token rotated)');
    expect(messages[0]).not.toMatch(/[\r\n]/);
    await app.close();
  });
});
