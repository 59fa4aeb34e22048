import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest globalSetup: every sandbox a test starts (the command as a process, a server from source) keeps the scenario
 * files it parsed in a directory of this run (MFA_SANDBOX_CACHE_DIR, inherited by the test workers and what they
 * spawn), never in the user's ~/.cache; it is removed at the end. Tests of the cache itself pass their own directory.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-sandbox-test-cache-'));
  process.env.MFA_SANDBOX_CACHE_DIR = dir;
  return () => rm(dir, { recursive: true, force: true });
}
