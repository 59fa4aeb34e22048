import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCodeCache } from '../../../src/launch/built-command.js';

const RUNTIME = { version: 'v22.12.0', arch: 'x64', platform: 'linux' };
const HOME = { HOME: '/home/ada' };
const fileOf = (argv: string[], env: Record<string, string | undefined> = HOME) => toCodeCache(argv, env, '3f2a9c0d1e7b6a55', RUNTIME)?.file;

describe('where the built command keeps its compiled code', () => {
  it('in compiled/ of the cache directory, one file per build, Node version, platform and command', () => {
    expect(toCodeCache(['serve', '--port', '4010'], HOME, '3f2a9c0d1e7b6a55', RUNTIME)).toEqual({
      file: '/home/ada/.cache/mfa-sandbox/compiled/3f2a9c0d1e7b6a55-v22.12.0-linux-x64-serve.v8',
      buildPrefix: '3f2a9c0d1e7b6a55-',
    });
    expect(toCodeCache(['check'], HOME, '0000000000000000', { version: 'v20.20.2', arch: 'arm64', platform: 'darwin' })?.file).toBe(
      '/home/ada/.cache/mfa-sandbox/compiled/0000000000000000-v20.20.2-darwin-arm64-check.v8',
    );
  });

  it('names the command as the CLI reads it: the first word, else serve (the default command)', () => {
    expect(fileOf([])).toMatch(/-serve\.v8$/);
    expect(fileOf(['--port', '4010'])).toMatch(/-serve\.v8$/);
    expect(fileOf(['proxy', '--upstream', 'http://localhost:1'])).toMatch(/-proxy\.v8$/);
    // Not a command: the CLI refuses it, and whatever ran is kept as serve's (no file named by user input).
    expect(fileOf(['../../etc'])).toMatch(/\/compiled\/[^/]+-serve\.v8$/);
  });

  it('follows --cache-dir and MFA_SANDBOX_CACHE_DIR as the scenario cache does, the flag first; off keeps nothing', () => {
    expect(fileOf(['serve'], { ...HOME, MFA_SANDBOX_CACHE_DIR: '/var/cache/sandbox' })).toMatch(/^\/var\/cache\/sandbox\/compiled\//);
    expect(fileOf(['serve', '--cache-dir', 'here'], { ...HOME, MFA_SANDBOX_CACHE_DIR: '/var/cache/sandbox' })).toMatch(
      new RegExp(`^${resolve('here')}/compiled/`),
    );
    expect(fileOf(['serve', '--cache-dir=/tmp/x'])).toMatch(/^\/tmp\/x\/compiled\//);
    expect(fileOf(['serve', '--cache-dir', ''], { ...HOME, MFA_SANDBOX_CACHE_DIR: '/var/cache/sandbox' })).toMatch(/^\/var\/cache\/sandbox\//);
    expect(fileOf(['serve', '--', '--cache-dir', '/tmp/x'])).toMatch(/^\/home\/ada\/\.cache\/mfa-sandbox\//);
    expect(fileOf(['serve', '--cache-dir', 'off'])).toBeUndefined();
    expect(fileOf(['serve'], { ...HOME, MFA_SANDBOX_CACHE_DIR: 'OFF' })).toBeUndefined();
  });

  it('keeps nothing for a run that only prints (help, the version)', () => {
    for (const argv of [['--help'], ['serve', '-h'], ['help'], ['--version'], ['-v']]) expect(fileOf(argv), argv.join(' ')).toBeUndefined();
  });
});
