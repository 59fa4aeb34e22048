import { throughputTargets } from './bench-targets.js';
import { measureThroughput } from './measure-throughput.js';
import { startServer } from './server-process.js';
const ids = (process.argv[2] ?? 'baseline,sandbox-status').split(',');
const targets = throughputTargets(process.argv[4]);
for (let i = 0; i < Number(process.argv[3] ?? 3); i++) {
  for (const id of ids) {
    const t = targets.find((x) => x.id === id)!;
    const s = await startServer(t.server);
    const f = await measureThroughput(s.url, t.load, { connections: 10, warmupSeconds: 1, durationSeconds: 3 }, s.cpuMs);
    console.log(id.padEnd(16), String(Math.round(f.requestsPerSecond)).padStart(6), 'p99', f.p99Ms, 'fail', f.failures, 'cpu µs/req', f.serverCpuMicrosPerRequest?.toFixed(1));
    await s.stop();
  }
}
