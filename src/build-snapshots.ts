import { DEFAULT_CONFIG, SHIPPED_SCENARIOS_DIR } from './config.js';
import { BUILD_SNAPSHOT_DIR } from './snapshots/build-snapshot.js';
import { writeBuildSnapshots } from './snapshots/write-build-snapshots.js';
import { SURFACE_IDS } from './surfaces/registry.js';

/**
 * `npm run build` step (run as dist/src/build-snapshots.js): parse and check the package's specs and scenarios once,
 * so a built server starts without doing it again. See snapshots/build-snapshot.ts.
 */
const outcomes = await writeBuildSnapshots({
  specsDir: DEFAULT_CONFIG.specsDir,
  scenariosDir: SHIPPED_SCENARIOS_DIR,
  surfaces: SURFACE_IDS,
  dir: BUILD_SNAPSHOT_DIR,
});
const written = outcomes.filter((outcome) => outcome.written);
process.stdout.write(
  `build snapshots: ${written.filter((o) => o.kind === 'specs').length} specs and ${written.filter((o) => o.kind === 'scenarios').length} scenarios checked at build time\n`,
);
for (const outcome of outcomes) {
  if (!outcome.written) process.stdout.write(`build snapshots: ${outcome.file} left out (${outcome.reason}); it is parsed and checked at start\n`);
}
