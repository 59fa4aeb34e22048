import { describe, expect, it } from 'vitest';
import { processCpuTimes, processRssBytes, startServer, type ServerCommand } from '../../../bench/server-process.js';

/**
 * The bench's server processes: the probe may require the first 200 to carry a given JSON body (so a peer answering
 * another body cannot be measured as if it were the same request), and the RSS and CPU times of a running server are
 * read from /proc.
 */
const BODY = { success: true, data: { isEnabled: true } };

/** A one-route HTTP server in its own node process, answering `answer` as JSON on every path. */
function jsonServer(answer: unknown): ServerCommand {
  const script = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end(${JSON.stringify(JSON.stringify(answer))}); }).listen(Number(process.argv[1]), '127.0.0.1');`;
  return { name: 'json-server', command: process.execPath, args: ['-e', script, '{port}'], probe: { path: '/status', body: BODY } };
}

describe('startServer with a probe body', () => {
  it('is ready when the first 200 carries the expected JSON (key order and spacing aside), and reports its RSS and CPU', async () => {
    const server = await startServer(jsonServer({ data: { isEnabled: true }, success: true }));
    try {
      const rss = server.rssBytes();
      expect(rss).toBeGreaterThan(10 * 1024 * 1024); // a node process holds tens of MB resident
      expect(server.readyAfterMs).toBeGreaterThan(0);
      // Starting node took CPU time of its own (loading and compiling its modules), tens of ms; the kernel's part is
      // counted apart, in the same 10 ms ticks (so it may read 0 for so short a life).
      const cpu = server.cpuTimes()!;
      expect(cpu.userMs).toBeGreaterThan(0);
      expect(cpu.kernelMs).toBeGreaterThanOrEqual(0);
      expect(cpu.userMs + cpu.kernelMs).toBeLessThan(60_000);
    } finally {
      await server.stop();
    }
    expect(processRssBytes(server.pid)).toBeUndefined(); // stopped: /proc/<pid> is gone
    expect(processCpuTimes(server.pid)).toBeUndefined();
  }, 20_000);

  it('fails at once, showing the body, when the first 200 carries another body', async () => {
    await expect(startServer(jsonServer({ success: false, data: { isEnabled: true } }))).rejects.toThrow(
      /json-server answered \/status with another body than expected:\n\{"success":false/,
    );
  }, 20_000);
});
