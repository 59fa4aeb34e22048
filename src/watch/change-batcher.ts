/** The timer functions a batcher uses; tests pass fake ones (or use fake timers) instead of waiting. */
export interface BatchTimers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface ChangeBatcherOptions {
  /** Quiet time after the last change before the batch is handed over: editors save in several writes. */
  quietMs: number;
  /** A batch is handed over at the latest this long after its first change, even if changes keep coming. */
  maxWaitMs: number;
  timers?: BatchTimers;
}

/** Collects changed paths and hands them over once, as one batch, when the burst is over. */
export interface ChangeBatcher {
  add: (path: string) => void;
  /** Drop what is pending (the watcher is stopping). */
  cancel: () => void;
}

const globalTimers: BatchTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Debounce file changes: a save that writes a file three times, or a `git checkout` that touches ten, becomes one
 * reload with each path named once (in the order first seen).
 *
 * @example
 * const batcher = createChangeBatcher((paths) => reload(paths), { quietMs: 100, maxWaitMs: 1000 });
 * batcher.add('scenarios/lerian/x.yaml'); batcher.add('scenarios/lerian/x.yaml'); // one call, ['scenarios/lerian/x.yaml']
 */
export function createChangeBatcher(onBatch: (paths: string[]) => void, options: ChangeBatcherOptions): ChangeBatcher {
  const timers = options.timers ?? globalTimers;
  let pending = new Set<string>();
  let quietTimer: unknown;
  let maxWaitTimer: unknown;

  const clear = () => {
    if (quietTimer !== undefined) timers.clearTimeout(quietTimer);
    if (maxWaitTimer !== undefined) timers.clearTimeout(maxWaitTimer);
    quietTimer = maxWaitTimer = undefined;
  };
  const flush = () => {
    clear();
    const batch = [...pending];
    pending = new Set();
    if (batch.length > 0) onBatch(batch);
  };

  return {
    add(path) {
      pending.add(path);
      if (quietTimer !== undefined) timers.clearTimeout(quietTimer);
      quietTimer = timers.setTimeout(flush, options.quietMs);
      maxWaitTimer ??= timers.setTimeout(flush, options.maxWaitMs);
    },
    cancel() {
      clear();
      pending = new Set();
    },
  };
}
