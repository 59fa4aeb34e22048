import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { BIN, startChildServer } from '../harness/child-server.js';
import { isPortOpen } from '../harness/process-group.js';

describe('npm run postgres', () => {
  it('starts a PostgreSQL server from npm, prints a --state URL that connects, and stops it by the process id it prints', async () => {
    const server = await startChildServer(BIN('tsx'), ['scripts/postgres.ts'], { ready: /serve --state '(postgres:\/\/[^']+)'/, timeoutMs: 90_000 });
    try {
      const sql = postgres(server.url, { max: 1, onnotice: () => undefined });
      try {
        expect(await sql<Array<{ answer: number }>>`SELECT 6 * 7 AS answer`).toEqual([{ answer: 42 }]);
      } finally {
        await sql.end({ timeout: 1 });
      }
      // The script's own process, as printed (npm, and tsx here, stand between a shell and it; npm passes no signal on).
      const printed = /kill (\d+)\n/.exec(server.output());
      expect(printed, server.output()).not.toBeNull();
      process.kill(Number(printed![1]), 'SIGTERM');
      const deadline = performance.now() + 20_000;
      while (server.isRunning() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.exitCode()).toBe(0);
      expect(await isPortOpen(Number(new URL(server.url).port))).toBe(false);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
