import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { PACKAGE_ROOT } from './bench-targets.js';

const SHIPPED_SCENARIOS = resolve(PACKAGE_ROOT, 'scenarios');

interface ScenarioFile {
  description?: string;
  world?: { users?: Array<Record<string, unknown>> };
  [key: string]: unknown;
}

/** A shipped scenario with a new description and each user's display name marked, so no two copies are the same. */
function toVariant(shipped: ScenarioFile, copy: number): ScenarioFile {
  const users = shipped.world?.users?.map((user) => (typeof user.name === 'string' ? { ...user, name: `${user.name} ${copy}` } : user));
  return {
    ...shipped,
    description: `Bench copy ${copy}: ${shipped.description ?? ''}`.trim(),
    ...(shipped.world ? { world: { ...shipped.world, ...(users ? { users } : {}) } } : {}),
  };
}

/**
 * Writes `perSurface` extra scenarios for every surface into `dir` (`<dir>/<surface>/bench-extra-<n>.yaml`), the
 * layout `serve --scenarios <dir>` reads. Each is a shipped scenario of that surface (taken in turn) with another
 * name and small variations, so the server checks all of them at boot as it would a user's own.
 *
 * @example
 * const count = await writeExtraScenarios(await mkdtemp(join(tmpdir(), 'scenarios-')), 100); // 400 files
 */
export async function writeExtraScenarios(dir: string, perSurface: number): Promise<number> {
  let written = 0;
  for (const surface of (await readdir(SHIPPED_SCENARIOS, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
    const files = (await readdir(join(SHIPPED_SCENARIOS, surface))).filter((file) => file.endsWith('.yaml')).sort();
    const shipped = await Promise.all(files.map(async (file) => parse(await readFile(join(SHIPPED_SCENARIOS, surface, file), 'utf8')) as ScenarioFile));
    await mkdir(join(dir, surface), { recursive: true });
    for (let copy = 1; copy <= perSurface; copy++) {
      const variant = toVariant(shipped[(copy - 1) % shipped.length]!, copy);
      await writeFile(join(dir, surface, `bench-extra-${String(copy).padStart(3, '0')}.yaml`), stringify(variant));
      written++;
    }
  }
  return written;
}
