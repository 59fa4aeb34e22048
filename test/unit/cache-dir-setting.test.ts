import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCacheDir } from '../../src/cache-dir.js';
import { DEFAULT_CONFIG, loadConfig } from '../../src/config.js';

/** A home directory that exists (the defaults below are read only for one). */
const HOME = tmpdir();

describe('--cache-dir / MFA_SANDBOX_CACHE_DIR', () => {
  it("defaults to mfa-sandbox in the user's cache directory, as other command-line tools keep theirs", () => {
    expect(toCacheDir(undefined, { HOME })).toBe(join(HOME, '.cache', 'mfa-sandbox'));
    expect(toCacheDir(undefined, { HOME, XDG_CACHE_HOME: '/var/cache/ada' })).toBe('/var/cache/ada/mfa-sandbox');
    expect(toCacheDir('', { HOME })).toBe(join(HOME, '.cache', 'mfa-sandbox'));
    // A relative XDG_CACHE_HOME is ignored (the XDG spec): it put cache files in whatever folder the command ran in.
    expect(toCacheDir(undefined, { HOME, XDG_CACHE_HOME: 'xdg rel' })).toBe(join(HOME, '.cache', 'mfa-sandbox'));
  });

  it('has none by default when the home directory does not exist (HOME=/nonexistent): it is not made', () => {
    expect(toCacheDir(undefined, { HOME: '/nonexistent-home-of-a-service-user' })).toBeUndefined();
    expect(toCacheDir(undefined, { HOME: '/nonexistent-home-of-a-service-user', XDG_CACHE_HOME: '/var/cache/svc' })).toBe('/var/cache/svc/mfa-sandbox');
  });

  it('takes a directory (relative to where the command runs) or off', () => {
    expect(toCacheDir('.cache/sandbox', {})).toBe(resolve('.cache/sandbox'));
    expect(toCacheDir(' off ', { HOME: '/home/ada' })).toBeUndefined();
    expect(toCacheDir('OFF', { HOME: '/home/ada' })).toBeUndefined();
  });

  it('the command caches unless told not to; the programmatic default does not', () => {
    expect(loadConfig({ HOME }).cacheDir).toBe(join(HOME, '.cache', 'mfa-sandbox'));
    expect(loadConfig({ HOME, MFA_SANDBOX_CACHE_DIR: 'off' }).cacheDir).toBeUndefined();
    expect(loadConfig({ MFA_SANDBOX_CACHE_DIR: 'off' }, { 'cache-dir': '/tmp/c' }).cacheDir).toBe('/tmp/c'); // flags win
    expect(loadConfig({ MFA_SANDBOX_CACHE_DIR: 'off' }, { 'cache-dir': '' }).cacheDir).toBeUndefined(); // an empty flag is none
    expect(DEFAULT_CONFIG.cacheDir).toBeUndefined();
  });
});
