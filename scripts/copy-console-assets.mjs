// `npm run build` step: tsc compiles only .ts, so the page files are copied next to their compiled modules, where
// they are looked for: the QA console's (dist/src/console/public) and the docs' GenAuth signer (dist/src/docs/public).
import { cpSync } from 'node:fs';

cpSync('src/console/public', 'dist/src/console/public', { recursive: true });
cpSync('src/docs/public', 'dist/src/docs/public', { recursive: true });
