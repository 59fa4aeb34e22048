import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './config.js';

/**
 * The installed package's version, from its package.json (read when asked: only `--version` and the proxy's HAR
 * creator need it, so a start pays nothing); `unknown` if that file cannot be read.
 *
 * @example
 * readPackageVersion() // '0.1.0'
 */
export function readPackageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
