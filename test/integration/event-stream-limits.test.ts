import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';

/**
 * A session's event stream (`GET /__admin/sessions/{id}/events`) whose client stops reading: the server held every
 * later change of the session for it, without limit (a soak test measured ~4 MB a minute for a console tab left on a
 * stalled connection). Past 1 MiB waiting to be sent, the server drops the stream; a browser reconnects and resumes.
 */

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await createSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

describe('an event stream whose client stops reading', () => {
  it('is ended by the server once more than 1 MiB waits for it, instead of being buffered without limit', async () => {
    const { hostname, port } = new URL(sandbox.url);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    socket.write(`GET /__admin/sessions/stalled/events HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
    socket.pause(); // reads nothing more: the kernel's buffers fill, then the server's

    // Each refused request is journalled with the first ~32 KiB of its body (of 800 KB sent): ~32 KB of event apiece,
    // ~16 MB for the 500, far more than the kernel's socket buffers hold.
    const big = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`field${index}`, 'x'.repeat(16 * 1024)]));
    for (let request = 0; request < 500; request++) {
      const response = await fetch(`${sandbox.url}/flashback/mfa/verify-login`, {
        method: 'POST',
        headers: { 'x-mock-session': 'stalled', authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' },
        body: JSON.stringify(big),
      });
      expect(response.status).toBe(400);
    }
    // Reading again: a stream the server dropped ends after what the kernel held; one it kept would run on and on.
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('error', () => {}); // a reset, as a destroyed connection may end
    socket.resume();
    const ended = await Promise.race([once(socket, 'close').then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000))]);
    socket.destroy();
    expect(ended).toBe(true);
    expect(received).toBeLessThan(10 * 1024 * 1024);
  }, 60_000);
});

describe('a HEAD request for an event stream', () => {
  it("gets the stream's headers at once and no stream (Node sends a HEAD's headers only when its answer ends)", async () => {
    const response = await fetch(`${sandbox.url}/__admin/sessions/probed/events`, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await response.text()).toBe('');
    // A probe makes no session.
    const sessions = (await fetch(`${sandbox.url}/__admin/sessions`).then((answer) => answer.json())) as Array<{ id: string }>;
    expect(sessions.map(({ id }) => id)).not.toContain('probed');
  });
});
