import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCodeCache, type Runtime } from '../../../src/launch/built-command.js';

const RUNTIME: Runtime = { version: 'v22.12.0', arch: 'x64', platform: 'linux', execArgv: [] };
// XDG_CACHE_HOME as ~/.cache names the usual place without needing /home/ada to exist (a missing home means no cache).
const HOME = { HOME: '/home/ada', XDG_CACHE_HOME: '/home/ada/.cache' };
const fileOf = (argv: string[], env: Record<string, string | undefined> = HOME, runtime = RUNTIME) => toCodeCache(argv, env, '3f2a9c0d1e7b6a55', runtime)?.file;

describe('where the built command keeps its compiled code', () => {
  it('in compiled/ of the cache directory, one file per build, Node version, platform and command', () => {
    expect(toCodeCache(['serve', '--port', '4010'], HOME, '3f2a9c0d1e7b6a55', RUNTIME)).toEqual({
      file: '/home/ada/.cache/mfa-sandbox/compiled/3f2a9c0d1e7b6a55-v22.12.0-linux-x64-serve.v8',
    });
    expect(toCodeCache(['check'], HOME, '0000000000000000', { version: 'v20.20.2', arch: 'arm64', platform: 'darwin', execArgv: [] })?.file).toBe(
      '/home/ada/.cache/mfa-sandbox/compiled/0000000000000000-v20.20.2-darwin-arm64-check.v8',
    );
  });

  it('names the command as the CLI reads it: the first positional argument, else serve (the default command)', () => {
    expect(fileOf([])).toMatch(/-serve\.v8$/);
    expect(fileOf(['--port', '4010'])).toMatch(/-serve\.v8$/);
    expect(fileOf(['--port', '4740', 'check'])).toMatch(/-check\.v8$/);
    expect(fileOf(['--scenarios', 'mine', 'proxy', '--upstream', 'http://localhost:1'])).toMatch(/-proxy\.v8$/);
    expect(fileOf(['--port', '-1', 'scenarios'])).toMatch(/-scenarios\.v8$/);
  });

  it('a file per set of Node options: V8 refuses code compiled under other flags', () => {
    const plain = fileOf(['serve']);
    const smallHeap = fileOf(['serve'], HOME, { ...RUNTIME, execArgv: ['--max-old-space-size=256'] });
    const fromEnv = fileOf(['serve'], { ...HOME, NODE_OPTIONS: '--max-old-space-size=256' });
    expect(smallHeap).toMatch(/-v22\.12\.0-linux-x64-[0-9a-f]{8}-serve\.v8$/);
    expect(smallHeap).not.toBe(plain);
    // The same options, given on the command line or in NODE_OPTIONS: the same flags, the same file.
    expect(fromEnv).toBe(smallHeap);
    expect(fileOf(['serve'], HOME, { ...RUNTIME, execArgv: ['--max-old-space-size=512'] })).not.toBe(smallHeap);
  });

  it('follows --cache-dir and MFA_SANDBOX_CACHE_DIR as the scenario cache does, the flag first; off keeps nothing', () => {
    expect(fileOf(['serve'], { ...HOME, MFA_SANDBOX_CACHE_DIR: '/var/cache/sandbox' })).toMatch(/^\/var\/cache\/sandbox\/compiled\//);
    expect(fileOf(['serve', '--cache-dir', 'here'], { ...HOME, MFA_SANDBOX_CACHE_DIR: '/var/cache/sandbox' })).toMatch(
      new RegExp(`^${resolve('here')}/compiled/`),
    );
    expect(fileOf(['serve', '--cache-dir=/tmp/x'])).toMatch(/^\/tmp\/x\/compiled\//);
    expect(fileOf(['serve', '--cache-dir', ''], { ...HOME, MFA_SANDBOX_CACHE_DIR: '/var/cache/sandbox' })).toMatch(/^\/var\/cache\/sandbox\//);
    expect(fileOf(['serve', '--cache-dir', 'off'])).toBeUndefined();
    expect(fileOf(['serve'], { ...HOME, MFA_SANDBOX_CACHE_DIR: 'OFF' })).toBeUndefined();
  });

  it('keeps nothing for a run that only prints (help, the version) or that the CLI refuses', () => {
    for (const argv of [['--help'], ['serve', '-h'], ['help'], ['--version'], ['-v'], ['verify', '--help']])
      expect(fileOf(argv), argv.join(' ')).toBeUndefined();
    // `--cache-dir` without its value: the CLI calls it ambiguous and exits 2; no directory named --log-level is made.
    expect(fileOf(['serve', '--cache-dir', '--log-level', 'warn'])).toBeUndefined();
    expect(fileOf(['serve', '--no-such-option'])).toBeUndefined();
    expect(fileOf(['../../etc'])).toBeUndefined();
  });
});
