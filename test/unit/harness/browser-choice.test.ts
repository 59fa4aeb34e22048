import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, chooseBrowser, systemBrowserPaths, type BrowserCandidates } from '../../harness/browser-choice.js';

const none = { path: undefined, executable: false };
const system = (...found: string[]) =>
  ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].map((path) => ({ path, executable: found.includes(path) }));
const candidates = (overrides: Partial<BrowserCandidates>): BrowserCandidates => ({
  chromiumPathEnv: none,
  system: system(),
  bundledInstalled: true,
  ...overrides,
});

describe('chooseBrowser', () => {
  it('takes CHROMIUM_PATH first, even when a system browser and the bundled one exist', () => {
    const choice = chooseBrowser(candidates({ chromiumPathEnv: { path: '/opt/chrome/chrome', executable: true }, system: system('/usr/bin/chromium') }));
    expect(choice).toEqual({ source: 'CHROMIUM_PATH', executablePath: '/opt/chrome/chrome' });
  });

  it('fails, naming the path, when CHROMIUM_PATH is set but not an executable (no silent fallback)', () => {
    const choose = () => chooseBrowser(candidates({ chromiumPathEnv: { path: '/nope/chromium', executable: false }, system: system('/usr/bin/chromium') }));
    expect(choose).toThrow(BrowserNotFoundError);
    expect(choose).toThrow('CHROMIUM_PATH=/nope/chromium is not an executable file');
  });

  it('treats an empty CHROMIUM_PATH as unset', () => {
    expect(chooseBrowser(candidates({ chromiumPathEnv: { path: '', executable: false }, system: system('/usr/bin/google-chrome') }))).toEqual({
      source: 'system',
      executablePath: '/usr/bin/google-chrome',
    });
  });

  it('takes the first system browser that exists, in the given order', () => {
    const choice = chooseBrowser(candidates({ system: system('/usr/bin/google-chrome', '/usr/bin/chromium-browser') }));
    expect(choice).toEqual({ source: 'system', executablePath: '/usr/bin/chromium-browser' });
  });

  it('falls back to @sparticuz/chromium when there is no system browser', () => {
    expect(chooseBrowser(candidates({}))).toEqual({ source: 'bundled', packageName: '@sparticuz/chromium' });
  });

  it('throws, naming every candidate tried, when no browser can be had', () => {
    const choose = () => chooseBrowser(candidates({ bundledInstalled: false }));
    expect(choose).toThrow(BrowserNotFoundError);
    expect(choose).toThrow(
      /CHROMIUM_PATH \(unset\); system browsers \/usr\/bin\/chromium, \/usr\/bin\/chromium-browser, \/usr\/bin\/google-chrome; the npm package @sparticuz\/chromium \(not installed\)/,
    );
  });
});

describe('systemBrowserPaths', () => {
  it('lists the well-known locations first, then every browser name in each absolute PATH directory, without duplicates', () => {
    const paths = systemBrowserPaths('/usr/local/bin:relative/bin:/usr/bin/');
    expect(paths.slice(0, 2)).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser']);
    expect(paths).toContain('/usr/local/bin/google-chrome');
    expect(paths).toContain('/usr/bin/chrome');
    expect(paths.some((path) => path.startsWith('relative'))).toBe(false);
    expect(paths.filter((path) => path === '/usr/bin/chromium')).toHaveLength(1);
  });

  it('copes with no PATH at all', () => {
    expect(systemBrowserPaths(undefined)).toContain('/usr/bin/google-chrome');
  });
});
