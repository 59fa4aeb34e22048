/**
 * Which Chromium the browser tests launch, decided from plain data (no file system, no environment): the harness
 * gathers the candidates, this picks one. Order: `CHROMIUM_PATH` (must exist), else the first system Chrome/Chromium
 * found, else the Chromium inside the npm package `@sparticuz/chromium`. Nothing at all is an error, never a skip.
 */

/** The npm package whose bundled Chromium is the last resort (a devDependency, so `npm ci` brings it). */
export const BUNDLED_CHROMIUM_PACKAGE = '@sparticuz/chromium';

/** Well-known install locations, tried before the names on PATH. */
export const SYSTEM_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
] as const;

/** Executable names looked up in every PATH directory. */
export const SYSTEM_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'] as const;

/** A candidate path and whether an executable file is there. */
export interface BrowserCandidate {
  path: string;
  executable: boolean;
}

/** Everything the choice depends on, gathered by the caller. */
export interface BrowserCandidates {
  /** The value of `CHROMIUM_PATH`; undefined or empty means unset. When set, it must be an executable. */
  chromiumPathEnv: { path: string | undefined; executable: boolean };
  /** System browsers in order of preference (see {@link systemBrowserPaths}). */
  system: readonly BrowserCandidate[];
  /** Whether `@sparticuz/chromium` is installed (resolvable from the tests). */
  bundledInstalled: boolean;
}

/** The browser to launch: a binary on disk, or the one to unpack from the npm package. */
export type BrowserChoice =
  { source: 'CHROMIUM_PATH' | 'system'; executablePath: string } | { source: 'bundled'; packageName: typeof BUNDLED_CHROMIUM_PACKAGE };

/** No browser could be had; the message names everything that was tried. */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

/**
 * The system browser paths to check, in order: the well-known locations, then each name in each PATH directory.
 *
 * @example
 * systemBrowserPaths('/usr/local/bin:/usr/bin') // ['/usr/bin/chromium', ..., '/usr/local/bin/chromium', ...]
 */
export function systemBrowserPaths(pathEnv: string | undefined): string[] {
  const onPath = (pathEnv ?? '')
    .split(':')
    .filter((dir) => dir.startsWith('/'))
    .flatMap((dir) => SYSTEM_BROWSER_NAMES.map((name) => `${dir.replace(/\/+$/, '')}/${name}`));
  return [...new Set<string>([...SYSTEM_BROWSER_PATHS, ...onPath])];
}

/**
 * Pick the browser: `CHROMIUM_PATH` if set (an error if it is not an executable: the user asked for that one), else
 * the first executable system candidate, else the bundled package.
 *
 * @throws BrowserNotFoundError naming every candidate tried and how to get a browser.
 * @example
 * chooseBrowser({ chromiumPathEnv: { path: undefined, executable: false }, system: [], bundledInstalled: true })
 * // { source: 'bundled', packageName: '@sparticuz/chromium' }
 */
export function chooseBrowser(candidates: BrowserCandidates): BrowserChoice {
  const { path: envPath, executable: envExecutable } = candidates.chromiumPathEnv;
  if (envPath !== undefined && envPath !== '') {
    if (envExecutable) return { source: 'CHROMIUM_PATH', executablePath: envPath };
    throw new BrowserNotFoundError(
      `CHROMIUM_PATH=${envPath} is not an executable file. Point it at a Chrome/Chromium binary, or unset it to use a system ` +
        `browser or the one in ${BUNDLED_CHROMIUM_PACKAGE}.`,
    );
  }
  const system = candidates.system.find((candidate) => candidate.executable);
  if (system) return { source: 'system', executablePath: system.path };
  if (candidates.bundledInstalled) return { source: 'bundled', packageName: BUNDLED_CHROMIUM_PACKAGE };
  throw new BrowserNotFoundError(
    'No browser for the browser tests. Tried: CHROMIUM_PATH (unset); system browsers ' +
      `${candidates.system.map((candidate) => candidate.path).join(', ') || '(none listed)'}; the npm package ` +
      `${BUNDLED_CHROMIUM_PACKAGE} (not installed). Run \`npm ci\` (it is a devDependency) or set CHROMIUM_PATH.`,
  );
}
