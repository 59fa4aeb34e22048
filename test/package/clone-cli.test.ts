import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { npmChildEnv } from '../harness/npm-env.js';
import { expectNpxServeAnswers } from './npx-serve.js';

/**
 * `npx mfa-sandbox ...` in a clone right after `npm ci`, as the README uses it: no build, so the bin must run the
 * TypeScript source (bin/mfa-sandbox.js), and npx must find the package's own bin.
 *
 * npx runs a project's own bin through a link it keeps in its cache, one per checkout path, made on first use and
 * never refreshed. A fresh npm cache per run makes every run a first use, as in a fresh clone, whatever an earlier
 * npx run on this machine left behind.
 */
let npmCache: string;
const env = () => ({ npm_config_cache: npmCache, npm_config_update_notifier: 'false' });

/**
 * Each npx call runs npm, then the TypeScript source through tsx: ~3 s alone, 9.5 s on a busy 2-core machine (a run
 * under load took 31 s), so a test gets the call's own limit, not vitest's 20 s.
 */
const NPX_TIMEOUT_MS = 60_000;

function npx(args: string[]) {
  return spawnSync('npx', ['mfa-sandbox', ...args], { encoding: 'utf8', env: npmChildEnv(env()), timeout: NPX_TIMEOUT_MS });
}

describe('npx mfa-sandbox in a clone', () => {
  beforeAll(async () => {
    npmCache = await mkdtemp(join(tmpdir(), 'mfa-npx-cache-'));
  });
  afterAll(async () => {
    await rm(npmCache, { recursive: true, force: true });
  });

  it(
    '--help prints the usage',
    () => {
      const result = npx(['--help']);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('mfa-sandbox serve [--port 4010]');
    },
    NPX_TIMEOUT_MS,
  );

  it(
    'scenarios lists every surface',
    () => {
      const result = npx(['scenarios']);
      expect(result.status, result.stderr).toBe(0);
      for (const surface of [...SURFACE_IDS]) expect(result.stdout).toMatch(new RegExp(`^${surface}$`, 'm'));
    },
    NPX_TIMEOUT_MS,
  );

  it(
    'serve answers on a random port and stops on Ctrl-C',
    async () => {
      await expectNpxServeAnswers(process.cwd(), env());
    },
    NPX_TIMEOUT_MS,
  );
});
