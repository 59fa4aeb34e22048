import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest globalSetup, listed first: every temporary file or directory a test (or a process it starts) makes with
 * `os.tmpdir()` lands in one directory of this run (TMPDIR, inherited by the test workers and what they spawn), which
 * goes at the very end (teardowns run in reverse). Tests made theirs with `mkdtemp` and left ~100 directories behind
 * per run; a test of its own clean-up still checks it inside this one.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-sandbox-test-run-'));
  // As /tmp itself: run as root, the tests start PostgreSQL as another account, which must reach its directory here.
  await chmod(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => rm(dir, { recursive: true, force: true });
}
