import { rename, writeFile } from 'node:fs/promises';

/**
 * Keeps a file up to date with a document that changes while the proxy runs (the HAR, the drift report): written at
 * most once per `intervalMs` when something changed, and once more on `flush()` (at exit). Each write goes to a
 * temporary file renamed over the target, so a reader, or a proxy killed mid-write, never leaves half a JSON file.
 *
 * @example
 * const writer = createPeriodicFileWriter('proxy.har', () => JSON.stringify(recorder.har('0.1.0')), recorder.changes, 1000);
 * await writer.flush(); // on exit
 */
export function createPeriodicFileWriter(file: string, render: () => string, changes: () => number, intervalMs: number) {
  let written = -1;
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => {
    // A failed write (reported to its caller) must not stop the later ones.
    writing = writing
      .catch(() => undefined)
      .then(async () => {
        const current = changes();
        if (current === written) return;
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, `${render()}\n`);
        await rename(temporary, file);
        written = current;
      });
    return writing;
  };
  const timer = setInterval(() => void write().catch(() => undefined), intervalMs);
  timer.unref();
  return {
    /** Write now (if anything changed since the last write) and stop the periodic writes. */
    async flush(): Promise<void> {
      clearInterval(timer);
      await write();
    },
    /** Write now if anything changed; a failure rejects (e.g. the directory does not exist). */
    write,
  };
}
