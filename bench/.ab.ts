import { sandboxServer, throughputTargets } from './bench-targets.js';
import { measureThroughput } from './measure-throughput.js';
import { startServer } from './server-process.js';
const ids = (process.argv[2] ?? 'sandbox-status').split(',');
for (let i = 0; i < Number(process.argv[3] ?? 2); i++) {
  for (const id of ids) for (const [name, main] of [['after', undefined], ['before', '/tmp/before-tree/dist/src/main.js']] as const) {
    const t = throughputTargets().find((x) => x.id === id)!;
    const s = await startServer(sandboxServer({ scenario: 'mfa-enabled', ...(main ? { main } : {}) }));
    const f = await measureThroughput(s.url, t.load, { connections: 10, warmupSeconds: 1, durationSeconds: 3 }, s.cpuMs);
    console.log(id, name, Math.round(f.requestsPerSecond), 'p99', f.p99Ms, 'fail', f.failures, 'cpu µs/req', f.serverCpuMicrosPerRequest?.toFixed(1));
    await s.stop();
  }
}
