import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../src/config.js';
import { toAppMagicLink } from '../../src/engine/magic-links.js';
import { toMagicLinkUrl } from '../../src/magic-link-url.js';
import { toSandboxConfig } from '../../src/sandbox-config.js';

const APP_PAGE = 'http://localhost:5173/mfa/magic-link?token={token}';

describe('the magic link URL setting (--magic-link-url, MFA_SANDBOX_MAGIC_LINK_URL, magicLinkUrl)', () => {
  it("defaults to none: links open the sandbox's own page", () => {
    expect(DEFAULT_CONFIG.magicLinkUrl).toBeUndefined();
    expect(loadConfig({}).magicLinkUrl).toBeUndefined();
  });

  it('takes an http(s) URL with {token} anywhere in it, trimmed', () => {
    expect(toMagicLinkUrl(` ${APP_PAGE} `)).toBe(APP_PAGE);
    expect(toMagicLinkUrl('https://app.example.com/magic/{token}/open')).toBe('https://app.example.com/magic/{token}/open');
  });

  it("takes an app's deep link (a mobile team's tour: myapp://, Expo's exp://, Android's intent:// were refused)", () => {
    for (const link of [
      'myapp://mfa/magic-link?token={token}',
      'exp://192.168.1.20:8081/--/magic?token={token}',
      'intent://magic/{token}#Intent;scheme=myapp;end',
    ])
      expect(toMagicLinkUrl(link)).toBe(link);
  });

  it.each([
    'http://localhost:5173/mfa/magic-link',
    'localhost:5173/?token={token}',
    'ftp://files.example.com/{token}',
    'javascript:alert({token})',
    'data:text/html,{token}',
    '',
  ])('refuses %j, naming what it takes', (raw) => {
    expect(() => toMagicLinkUrl(raw)).toThrow(ConfigError);
    expect(() => toMagicLinkUrl(raw)).toThrow(
      /an http\(s\) URL or an app's deep link \(myapp:\/\/\.\.\.\) with \{token\} where the link's token goes, such as http:\/\/localhost:5173/,
    );
  });

  it('takes the flag over the environment, and a refusal names the one it read', () => {
    expect(loadConfig({ MFA_SANDBOX_MAGIC_LINK_URL: APP_PAGE }).magicLinkUrl).toBe(APP_PAGE);
    expect(loadConfig({ MFA_SANDBOX_MAGIC_LINK_URL: APP_PAGE }, { 'magic-link-url': 'http://127.0.0.1:3000/#/magic?t={token}' }).magicLinkUrl).toBe(
      'http://127.0.0.1:3000/#/magic?t={token}',
    );
    expect(() => loadConfig({ MFA_SANDBOX_MAGIC_LINK_URL: 'http://localhost:5173/' })).toThrow(/^MFA_SANDBOX_MAGIC_LINK_URL: magic link URL must be/);
    expect(() => loadConfig({}, { 'magic-link-url': 'http://localhost:5173/' })).toThrow(/^--magic-link-url: magic link URL must be/);
  });

  it('createSandbox takes it as magicLinkUrl, checked the same', () => {
    expect(toSandboxConfig({ magicLinkUrl: APP_PAGE }).magicLinkUrl).toBe(APP_PAGE);
    expect(() => toSandboxConfig({ magicLinkUrl: 'http://localhost:5173/' })).toThrow(/^magicLinkUrl: magic link URL must be/);
    expect(() => toSandboxConfig({ magicLinkUrl: 5173 })).toThrow(
      /^magicLinkUrl: must be a string such as "http:\/\/localhost:5173\/mfa\/magic-link\?token=\{token\}", got 5173$/,
    );
  });

  it('puts the token in place of every {token} and the session in place of {session}, encoded for a URL', () => {
    expect(toAppMagicLink(APP_PAGE, 'a+b/c', 'qa-1')).toBe('http://localhost:5173/mfa/magic-link?token=a%2Bb%2Fc');
    expect(toAppMagicLink('http://app/{token}?again={token}', 'x', 'qa-1')).toBe('http://app/x?again=x');
    // The sandbox's own page at an address a phone reaches, whoever sent the mail (a mobile team's tour).
    expect(toAppMagicLink('http://192.168.1.20:4010/__admin/sessions/{session}/magic-links/{token}', 'x', 'qa 1')).toBe(
      'http://192.168.1.20:4010/__admin/sessions/qa%201/magic-links/x',
    );
  });
});
