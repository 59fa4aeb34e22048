import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { createChangeBatcher } from './change-batcher.js';

/**
 * Files editors write beside the one being edited, which are never a spec or a scenario: vim's swap files and its
 * `4913` write test, backups (`x.yaml~`, `.bak`), Emacs' `#x.yaml#` and `.#x.yaml` locks, JetBrains' safe-write
 * files, and temporary files renamed over the target (`.tmp`, `.crswap`, and `sed -i`'s `sedXXXXXX`). Hidden files
 * are skipped too, as the scenario loader skips them.
 *
 * @example
 * isEditorTempFile('.default.yaml.swp') // true
 * isEditorTempFile('default.yaml') // false
 */
export function isEditorTempFile(name: string): boolean {
  return /^\.|~$|^#.*#$|^4913$|^sed[a-z0-9]{6}$|\.(sw[a-p]|tmp|bak|crswap)$|___jb_(tmp|old)___$/i.test(name);
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
 * Watch directories with `node:fs` and report each burst of relevant changes once. Returns a function that stops
 * watching.
 *
 * @example
 * const stop = watchFiles([{ dir: 'scenarios', recursive: true }], { onChange: (paths) => reload(paths), onError: console.error });
 */
export function watchFiles(dirs: readonly WatchedDir[], options: FileWatchOptions): () => void {
  const quietMs = options.quietMs ?? 150;
  const batcher = createChangeBatcher(options.onChange, { quietMs, maxWaitMs: quietMs * 10 });
  const stops: Array<() => void> = [];
  const stop = () => {
    batcher.cancel();
    for (const stopOne of stops) stopOne();
  };
  try {
    for (const { dir, recursive, accepts } of dirs) {
      const report = (relativePath: string) => {
        // Without a name (some platforms) the change is somewhere in the directory: count it.
        if (relativePath !== '' && (isEditorTempFile(basename(relativePath)) || (accepts && !accepts(relativePath)))) return;
        batcher.add(join(dir, relativePath));
      };
      // A directory that is gone is not an error to report: its parent's watch sees it come back (followReplacement).
      const onError = (error: Error) => {
        if (isDirectory(dir)) options.onError(dir, error);
      };
      const watchContents = () => (recursive ? watchTree(dir, report, onError) : watchDirectory(dir, report, onError));
      stops.push(followReplacement(dir, watchContents, () => batcher.add(dir)));
    }
  } catch (error) {
    stop();
    throw error;
  }
  return stop;
}

/**
 * Watch `dir` with `watchContents`, and watch its parent for `dir` itself. Every watch follows a directory's inode,
 * not its path: a folder removed and made again, or moved away and replaced by a copy (`mv my my.old && cp -r my.old
 * my`), is a new directory the old watches never see (they went on reporting the moved folder's changes under the old
 * name, and nothing of the new one). So whenever the name points at another directory, or at none, the old watches
 * are closed, the new directory (if any) is watched afresh, and `onReplaced` reports the change.
 */
function followReplacement(dir: string, watchContents: () => () => void, onReplaced: () => void): () => void {
  let stopContents: (() => void) | undefined = watchContents(); // the directory must be watchable at the start
  let inode = inodeOf(dir);
  let parentWatcher: FSWatcher | undefined;
  try {
    parentWatcher = watch(dirname(dir), { persistent: false }, (_event, filename) => {
      if (filename !== null && String(filename) !== basename(dir)) return;
      const now = inodeOf(dir);
      if (now === inode) return; // the same directory: its own watches see what changed inside it
      inode = now;
      stopContents?.();
      stopContents = undefined;
      try {
        if (now !== undefined) stopContents = watchContents();
      } catch {
        // Gone again before it could be watched: the next change of the name comes here too.
      }
      onReplaced();
    });
    parentWatcher.on('error', () => parentWatcher?.close()); // the parent went too: the directory's own watches remain
  } catch {
    // A parent that cannot be watched (no permission): the directory is still watched, only not followed.
  }
  return () => {
    parentWatcher?.close();
    stopContents?.();
  };
}

/** The inode of the directory at `path`, or undefined when there is none. */
function inodeOf(path: string): number | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isDirectory() ? stats.ino : undefined;
  } catch {
    return undefined;
  }
}

/** Watch one directory's entries by name; `report` gets the changed entry's name ('' when the platform gave none). */
function watchDirectory(dir: string, report: (name: string) => void, onError: (error: Error) => void): () => void {
  const watcher = watch(dir, { persistent: false }, (_event, filename) => {
    // The directory itself removed or moved: its own watch names it as one of its entries; followReplacement reports it.
    if (!isDirectory(dir)) return;
    report(filename === null ? '' : String(filename));
  });
  watcher.on('error', onError);
  return () => watcher.close();
}

/**
 * Watch a directory and every directory below it, one watch per directory, adding one for each new subdirectory.
 * Not `fs.watch(dir, { recursive: true })`: on Linux, Node 20 and 22 emulate that with one inotify watch per file, and
 * a file replaced by rename (`sed -i`, editors that save through a temporary file) keeps its watch on the old inode,
 * so every later save of it went unseen. A directory's watch reports its entries by name, whatever file a name points
 * at. `report` gets paths relative to `root`.
 */
function watchTree(root: string, report: (relativePath: string) => void, onError: (error: Error) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  const unwatchBelow = (dir: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched === dir || watched.startsWith(`${dir}/`)) {
        watcher.close();
        watchers.delete(watched);
      }
    }
  };
  const watchBelow = (dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }, (_event, filename) => {
        // A removed folder's own watch reports the folder by its name, as if it held an entry of that name
        // (`extra/extra`): its parent's watch reports the removal (the root's, followReplacement), so this one only lets go.
        if (!isDirectory(dir)) return dir === root ? undefined : unwatchBelow(dir);
        if (filename === null) return report(relative(root, dir));
        const path = join(dir, String(filename));
        // A new folder (a new surface's scenarios) is watched from now on; a removed one is let go.
        if (isDirectory(path)) watchBelow(path);
        else if (watchers.has(path)) unwatchBelow(path);
        report(relative(root, path));
      });
    } catch (error) {
      // A subfolder removed between listing it and watching it: nothing to watch. One that cannot be read (chmod 000)
      // crashed the server from inside the parent's watch: the reload names it, and making it readable changes its
      // entry in the parent, whose watch then watches it. The root must be watchable.
      const code = (error as NodeJS.ErrnoException).code;
      if (dir !== root && (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM')) return;
      throw error;
    }
    watcher.on('error', (error) => {
      if (dir === root) onError(error);
      else unwatchBelow(dir);
    });
    watchers.set(dir, watcher);
    for (const sub of subdirectories(dir)) watchBelow(sub);
  };
  watchBelow(root);
  return () => unwatchBelow(root);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !isEditorTempFile(entry.name))
      .map((entry) => join(dir, entry.name));
  } catch {
    return [];
  }
}
