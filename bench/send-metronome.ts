import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * Runs in a worker thread: told a schedule, sleeps until each due time with `Atomics.wait` (a futex with a
 * sub-millisecond timeout) and then posts one message. Plain JS, evaluated as is, so it needs no TypeScript loader.
 */
const METRONOME_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const stopFlag = new Int32Array(workerData.control);
const now = () => performance.timeOrigin + performance.now();
parentPort.once('message', ({ firstDueAt, intervalMs, count, lagMs }) => {
  for (let index = 0; index < count && Atomics.load(stopFlag, 0) === 0; index++) {
    const wakeAt = firstDueAt + index * intervalMs + lagMs;
    for (let wait = wakeAt - now(); wait > 0 && Atomics.load(stopFlag, 0) === 0; wait = wakeAt - now()) {
      Atomics.wait(stopFlag, 0, 0, wait);
    }
    parentPort.postMessage(index);
  }
});
parentPort.postMessage('ready');
`;

/** A metronome whose thread is up; `start` begins the ticks, `stop` ends the thread. */
export interface SendMetronome {
  /** Tick once per due time `firstDueAt + index × intervalMs` (ms of this thread's `performance.now()`). */
  start(schedule: { firstDueAt: number; intervalMs: number; count: number }): void;
  stop(): Promise<void>;
}

/**
 * A worker thread that calls `onTick` on this thread once per due time, sleeping precisely in between. Node's own
 * timers have 1 ms granularity and fired over 1 ms late for ~38 % of sends at 5,000 req/s here; a worker's wake-up
 * reaches this thread's event loop as an I/O event within tens of µs, and this thread stays idle between due times
 * (no busy loop), leaving the CPU to the server under test. Resolves once the worker runs, because starting one takes
 * tens of ms (hundreds on a busy machine): a schedule started before would begin late. Ticks come `lagMs` after each
 * due time, so the due request is never found not quite due.
 *
 * @example
 * const metronome = await createSendMetronome(sendDue);
 * metronome.start({ firstDueAt: performance.now() + 2, intervalMs: 0.2, count: 5_000 });
 */
export async function createSendMetronome(onTick: () => void, lagMs = 0.02): Promise<SendMetronome> {
  const control = new SharedArrayBuffer(4);
  const worker = new Worker(METRONOME_SOURCE, { eval: true, workerData: { control } });
  await once(worker, 'message');
  worker.on('message', onTick);
  return {
    start({ firstDueAt, intervalMs, count }) {
      // The worker's performance.now() has another origin: hand it absolute times.
      worker.postMessage({ firstDueAt: performance.timeOrigin + firstDueAt, intervalMs, count, lagMs });
    },
    async stop() {
      const stopFlag = new Int32Array(control);
      Atomics.store(stopFlag, 0, 1);
      Atomics.notify(stopFlag, 0);
      worker.off('message', onTick);
      await worker.terminate();
    },
  };
}
