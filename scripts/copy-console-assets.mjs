// `npm run build` step: tsc compiles only .ts, so the QA console's static files are copied next to its compiled module
// (dist/src/console/public), where console-routes.ts looks for them.
import { cpSync } from 'node:fs';

cpSync('src/console/public', 'dist/src/console/public', { recursive: true });
