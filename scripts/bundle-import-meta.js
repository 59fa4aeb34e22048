// Injected into the CommonJS server bundle by scripts/bundle-server.mjs, where `import.meta.url` is defined as this:
// the bundle's own file URL, which every bundled module shares (as it did in an ES module bundle).
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
