/**
 * `npm run prism -- <surface> [--port 4011] [prism mock options...]`: serve one surface statelessly with Stoplight
 * Prism from the same hand-written spec, to compare with the sandbox (`npm start`). Prism answers every operation
 * with the spec's examples (or generated data with --dynamic), checks requests against the spec (--errors: invalid
 * ones get the spec's 4xx or Prism's 422) and enforces the declared security schemes; it keeps no state, has no
 * scenarios and verifies no codes. Runs node_modules/.bin/prism directly and passes signals on, so no child outlives it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isSurfaceId, SURFACE_IDS } from '../src/surfaces/registry.js';

const USAGE = `usage: npm run prism -- <surface> [--port <port>] [prism mock options, e.g. --dynamic]
surfaces: ${SURFACE_IDS.join(', ')}; default port 4011 (or PORT), so it can run beside \`npm start\` on 4010`;

const [surface, ...rest] = process.argv.slice(2);
if (!surface || !isSurfaceId(surface)) {
  process.stderr.write(`${surface ? `unknown surface "${surface}"\n` : ''}${USAGE}\n`);
  process.exit(2);
}

let port = process.env.PORT ?? '4011';
const passThrough: string[] = [];
for (let index = 0; index < rest.length; index++) {
  if (rest[index] === '--port' || rest[index] === '-p') port = rest[++index] ?? port;
  else passThrough.push(rest[index]!);
}

const root = join(import.meta.dirname, '..');
const prism = spawn(
  join(root, 'node_modules/.bin/prism'),
  ['mock', join(root, 'specs', `${surface}.openapi.yaml`), '-h', '127.0.0.1', '-p', port, '--errors', ...passThrough],
  {
    stdio: 'inherit',
  },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => prism.kill(signal));
prism.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
