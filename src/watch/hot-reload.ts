import { lstatSync } from 'node:fs';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';

/** A version of the app built from the specs and scenarios as they are on disk now. */
export interface AppVersion {
  app: FastifyInstance;
  /** Where it logs (undefined when silent): later versions log through the first one's. */
  logger?: FastifyBaseLogger | undefined;
  /** Worth saying, as at start (the surfaces that lack the server's scenario). */
  warnings: string[];
}

export interface HotReloaderOptions {
  /** Read, check and build the next version; throws (spec, scenario or configuration problems) when it is not good. */
  build: () => Promise<AppVersion>;
  /** Put a good version in service (HotSwapServer.swap). */
  swap: (app: FastifyInstance) => void;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether a changed path is still there (a deleted file is said to be removed). Default: isStillThere. */
  exists?: (path: string) => boolean;
  /** The warnings printed already (at start): a reload prints only those it does not repeat. */
  shownWarnings?: readonly string[];
}

/** Reloads on request, one at a time: changes that arrive during a reload are taken by one more reload after it. */
export interface HotReloader {
  /** Reload for these changed paths; resolves when the reload (and any it queued) is over. Never rejects. */
  reload: (changed: readonly string[]) => Promise<void>;
}

function listPaths(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).join(', ');
  return paths.length > 3 ? `${shown} and ${paths.length - 3} more` : shown;
}

/**
 * Whether a changed path still names something, followed or not: a symbolic link to nothing (or a loop of links) just
 * made is there, as a new file is, though it cannot be read (the reload says why); `existsSync` follows the link and
 * said such a new name was removed.
 */
export function isStillThere(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    // Its folder cannot be read: nothing says it went.
    return true;
  }
}

/** `a.yaml changed`, `b.yaml removed`, or both: a deleted scenario file read as "changed" sent QA looking for an edit. */
function describeChanges(paths: readonly string[], exists: (path: string) => boolean): string {
  const removed = paths.filter((path) => !exists(path));
  const changed = paths.filter((path) => !removed.includes(path));
  return [...(changed.length ? [`${listPaths(changed)} changed`] : []), ...(removed.length ? [`${listPaths(removed)} removed`] : [])].join(', ');
}

/**
 * What `serve --watch` does with a burst of changes: build the next version with the boot-time checks; if it is good,
 * swap it in (sessions live in the shared store, so none is dropped); if not, keep the last good version serving and
 * print the problems, each with its file and JSON pointer. One line per reload says which.
 *
 * @example
 * const reloader = createHotReloader({ build, swap: (app) => hot.swap(app), out: console.log, err: console.error });
 * await reloader.reload(['/srv/scenarios/lerian/locked.yaml']);
 * // mfa-sandbox: watch: /srv/scenarios/lerian/locked.yaml changed: reloaded
 */
export function createHotReloader(options: HotReloaderOptions): HotReloader {
  let running: Promise<void> | undefined;
  let queued: Set<string> | undefined;
  // What the last good version warned of: a reload that printed every warning of every file again buried the one of
  // the file just saved (a scenario author's tour); those still true are counted instead.
  let shown = new Set(options.shownWarnings ?? []);
  // Said once, at the first reload: a session went on refusing the token a saved file had just given its user, and
  // neither this line nor `Prefer: explain` said why (a scenario author's tour; the README says it).
  let toldOfBuiltWorlds = false;

  const reloadOnce = async (changed: readonly string[]) => {
    const what = `mfa-sandbox: watch: ${describeChanges(changed, options.exists ?? isStillThere)}`;
    let next: AppVersion | undefined;
    try {
      next = await options.build();
      await next.app.ready();
    } catch (error) {
      // A version built but not ready (a plugin failed) is dropped; the one serving is not touched.
      if (next) await next.app.close().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      options.err(`${what}: not reloaded, the last good version keeps serving: ${message}`);
      return;
    }
    options.swap(next.app);
    const fresh = next.warnings.filter((warning) => !shown.has(warning));
    for (const warning of fresh) options.err(`mfa-sandbox: warning: ${warning}`);
    const still = next.warnings.length - fresh.length;
    shown = new Set(next.warnings);
    const builtWorlds = toldOfBuiltWorlds ? '' : '; a session keeps the world it built from a changed scenario until it is reset or switched to it again';
    toldOfBuiltWorlds = true;
    options.out(
      `${what}: reloaded${still === 0 ? '' : ` (${still} earlier warning${still === 1 ? '' : 's'} still appl${still === 1 ? 'ies' : 'y'})`}${builtWorlds}`,
    );
  };

  const drain = async (changed: readonly string[]) => {
    let batch: readonly string[] | undefined = changed;
    while (batch) {
      await reloadOnce(batch);
      batch = queued && [...queued];
      queued = undefined;
    }
    running = undefined;
  };

  return {
    reload(changed) {
      if (running) {
        queued ??= new Set();
        for (const path of changed) queued.add(path);
        return running;
      }
      running = drain(changed);
      return running;
    },
  };
}
