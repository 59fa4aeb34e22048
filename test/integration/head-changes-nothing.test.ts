import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSandbox, type TestSandbox } from '../harness/test-sandbox.js';

/**
 * HEAD is safe (RFC 9110 §9.2.1): a link checker or an e-mail scanner sends it before, or instead of, a person's GET.
 * Fastify answers HEAD with the GET route's handler, so a HEAD of a magic link used it up (the person who then opened
 * it was told it had been used already), and a HEAD of `outbox/next` claimed the message a later GET came for.
 */

const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await createTestSandbox();
});
afterAll(() => sandbox?.close());

const sendMagicLink = (session: string) => sandbox.request({ method: 'POST', url: '/flashback/mfa/magic-link/send', session, headers: ADA, payload: {} });
const enabledMethods = async (session: string) =>
  (await sandbox.request({ url: '/flashback/mfa/status', session, headers: ADA })).data.data.enabledMethods as string[];

describe('HEAD changes nothing', () => {
  it('of a magic link: the status the link would get, no cookie, and the link stays usable for the GET', async () => {
    const session = 'head-link';
    expect((await sendMagicLink(session)).statusCode).toBe(200);
    const [message] = (await sandbox.app.inject({ url: `/__admin/sessions/${session}/outbox` })).json<Array<{ token: string }>>();
    const url = `/__admin/sessions/${session}/magic-links/${message!.token}`;
    const peeked = await sandbox.app.inject({ method: 'HEAD', url });
    expect([peeked.statusCode, peeked.headers['content-type'], peeked.headers['set-cookie'], peeked.body]).toEqual([
      200,
      'text/html; charset=utf-8',
      undefined,
      '',
    ]);
    expect(await enabledMethods(session)).not.toContain('MAGIC_LINK');
    const followed = await sandbox.app.inject({ url });
    expect([followed.statusCode, followed.body]).toEqual([200, expect.stringContaining('Magic link activated')]);
    expect(await enabledMethods(session)).toContain('MAGIC_LINK');
    // Used now: HEAD says so too, as do an unknown token and a session never seen.
    expect((await sandbox.app.inject({ method: 'HEAD', url })).statusCode).toBe(400);
    expect((await sandbox.app.inject({ method: 'HEAD', url: `/__admin/sessions/${session}/magic-links/nope` })).statusCode).toBe(400);
    expect((await sandbox.app.inject({ method: 'HEAD', url: `/__admin/sessions/never-seen/magic-links/${message!.token}` })).statusCode).toBe(400);
    expect((await sandbox.app.inject({ url: '/__admin/sessions' })).json<Array<{ id: string }>>().map((held) => held.id)).not.toContain('never-seen');
  });

  it('of outbox/next: 200 when a GET would get a message at once, 204 when it would wait, and the message stays for the GET', async () => {
    const session = 'head-next';
    const next = (method: 'GET' | 'HEAD') => sandbox.app.inject({ method, url: `/__admin/sessions/${session}/outbox/next?timeoutMs=0` });
    expect([(await next('HEAD')).statusCode, (await next('HEAD')).headers['x-mock-outbox-cursor']]).toEqual([204, '0']);
    await sendMagicLink(session);
    const peeked = await next('HEAD');
    expect([peeked.statusCode, peeked.headers['x-mock-outbox-cursor'], peeked.body]).toEqual([200, '1', '']);
    expect((await next('HEAD')).statusCode).toBe(200);
    const taken = await next('GET');
    expect([taken.statusCode, taken.json<{ seq: number }>().seq]).toEqual([200, 1]);
    expect([(await next('HEAD')).statusCode, (await next('GET')).statusCode]).toEqual([204, 204]);
  });
});
