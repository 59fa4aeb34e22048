#!/usr/bin/env node
// The `mfa-sandbox` command (package.json "bin", and `npm start`). One file serves both places the command runs from:
// - a clone (src/ is there): the TypeScript source, through tsx's loader registered in this very process, so
//   `npx mfa-sandbox` works right after `npm ci` without a build and never runs a stale dist/;
// - the installed package (only dist/ is shipped): the build, bundled into one file (scripts/bundle-server.mjs) and
//   run with its compiled code kept between starts.
// Either way the server is this process itself, with no wrapper process in between, so a signal sent to it reaches
// the server (src/main.ts closes it on SIGTERM/SIGINT/SIGHUP) and its exit code is the command's.
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  // The bundle's entry keeps the server's compiled code in the cache directory (src/launch/).
  await import('../dist/src/main.bundle.js');
}
