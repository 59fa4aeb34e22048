/**
 * The directory of the server's own modules: `src/` run from source, `dist/src/` built. Files that ship beside the
 * modules (build snapshots, the console's and the docs' page files) are found from here, not from each module's own
 * URL, because the build also bundles the modules into one file in `dist/src/` (scripts/bundle-server.mjs), where
 * every bundled module shares that file's URL.
 */
export const SOURCE_ROOT = new URL('.', import.meta.url);
