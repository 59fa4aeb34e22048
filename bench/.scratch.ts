import { throughputTargets } from './bench-targets.js';
import { measureThroughput } from './measure-throughput.js';
import { startServer } from './server-process.js';
const only = process.argv[2];
for (const t of throughputTargets()) {
  if (only && !only.split(',').includes(t.id)) continue;
  const s = await startServer(t.server);
  const f = await measureThroughput(s.url, t.load, { connections: 10, warmupSeconds: 1, durationSeconds: 3 });
  console.log(t.id, Math.round(s.readyAfterMs), JSON.stringify(f));
  await s.stop();
}
