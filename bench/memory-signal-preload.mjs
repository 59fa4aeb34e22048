/**
 * Preloaded into a benchmarked server (`node --expose-gc --import <this file> dist/src/main.js serve ...`) so the
 * scaling bench can read the server's heap from outside without an admin route for it: on SIGUSR2 the process forces
 * full collections and writes `{ sequence, heapUsedBytes, rssBytes }` as one JSON line to the file named by
 * MFA_BENCH_MEMORY_FILE. The bench sends the signal, waits for the next sequence number, then reads VmRSS itself.
 *
 * Plain JavaScript on purpose: it must load into the built server without tsx. It adds nothing to the request path.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.MFA_BENCH_MEMORY_FILE;
const gc = globalThis.gc;
let sequence = 0;

if (file) {
  process.on('SIGUSR2', () => {
    // Several passes: the first frees young objects, later ones what weak references and finalizers released.
    if (gc) for (let pass = 0; pass < 4; pass++) gc();
    const { heapUsed, rss } = process.memoryUsage();
    sequence += 1;
    writeFileSync(file, `${JSON.stringify({ sequence, heapUsedBytes: heapUsed, rssBytes: rss, collected: Boolean(gc) })}\n`);
  });
}
