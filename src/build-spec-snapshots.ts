import { DEFAULT_CONFIG } from './config.js';
import { SPEC_SNAPSHOT_DIR } from './openapi/spec-snapshot.js';
import { writeSpecSnapshots } from './openapi/write-spec-snapshots.js';
import { SURFACE_IDS } from './surfaces/surface-ids.js';

/**
 * `npm run build` step (run as dist/src/build-spec-snapshots.js): validate the package's specs once, so a built server
 * starts without parsing and validating them again. See openapi/spec-snapshot.ts.
 */
for (const outcome of await writeSpecSnapshots(DEFAULT_CONFIG.specsDir, SURFACE_IDS, SPEC_SNAPSHOT_DIR)) {
  process.stdout.write(
    outcome.written ? `spec snapshot: ${outcome.surface} validated at build time\n` : `spec snapshot: ${outcome.surface} left out (${outcome.reason}); it is validated at start\n`,
  );
}
