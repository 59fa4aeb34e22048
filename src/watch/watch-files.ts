import { watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { createChangeBatcher } from './change-batcher.js';

/**
 * Files editors write beside the one being edited, which are never a spec or a scenario: vim's swap files and its
 * `4913` write test, backups (`x.yaml~`, `.bak`), Emacs' `#x.yaml#` and `.#x.yaml` locks, JetBrains' safe-write
 * files, and temporary files renamed over the target (`.tmp`, `.crswap`). Hidden files are skipped too, as the
 * scenario loader skips them.
 *
 * @example
 * isEditorTempFile('.default.yaml.swp') // true
 * isEditorTempFile('default.yaml') // false
 */
export function isEditorTempFile(name: string): boolean {
  return /^\.|~$|^#.*#$|^4913$|\.(sw[a-p]|tmp|bak|crswap)$|___jb_(tmp|old)___$/i.test(name);
}

/** One directory to watch and which of its changes count. */
export interface WatchedDir {
  dir: string;
  /** Watch its subfolders too (a scenarios directory holds one folder per surface). */
  recursive: boolean;
  /** Whether a change of this path (relative to `dir`) matters; editor temp files never do. */
  accepts?: (relativePath: string) => boolean;
}

export interface FileWatchOptions {
  /** Quiet time after the last change of a burst (default 150 ms). */
  quietMs?: number;
  /** The changed paths of one burst, each once. */
  onChange: (paths: string[]) => void;
  /** A directory can no longer be watched (deleted, for instance); the others still are. */
  onError: (dir: string, error: Error) => void;
}

/**
 * Watch directories with `node:fs` (recursive watching works on Linux since Node 19.1, and on macOS and Windows) and
 * report each burst of relevant changes once. Returns a function that stops watching.
 *
 * @example
 * const stop = watchFiles([{ dir: 'scenarios', recursive: true }], { onChange: (paths) => reload(paths), onError: console.error });
 */
export function watchFiles(dirs: readonly WatchedDir[], options: FileWatchOptions): () => void {
  const quietMs = options.quietMs ?? 150;
  const batcher = createChangeBatcher(options.onChange, { quietMs, maxWaitMs: quietMs * 10 });
  const watchers: FSWatcher[] = [];
  const stop = () => {
    batcher.cancel();
    for (const watcher of watchers) watcher.close();
  };
  try {
    for (const { dir, recursive, accepts } of dirs) {
      const watcher = watch(dir, { recursive, persistent: false }, (_event, filename) => {
        // Without a name (some platforms) the change is somewhere in the directory: count it.
        const relative = filename === null ? '' : String(filename);
        if (relative !== '' && (isEditorTempFile(basename(relative)) || (accepts && !accepts(relative)))) return;
        batcher.add(join(dir, relative));
      });
      watcher.on('error', (error) => options.onError(dir, error));
      watchers.push(watcher);
    }
  } catch (error) {
    stop();
    throw error;
  }
  return stop;
}
