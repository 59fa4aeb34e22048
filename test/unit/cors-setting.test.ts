import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig, toCorsSetting } from '../../src/config.js';

describe('the CORS setting (--cors, MFA_SANDBOX_CORS)', () => {
  it('defaults to any origin', () => {
    expect(DEFAULT_CONFIG.cors).toBe('any');
    expect(loadConfig({}).cors).toBe('any');
  });

  it('reads off, any and *', () => {
    expect(toCorsSetting('off')).toBe('off');
    expect(toCorsSetting('any')).toBe('any');
    expect(toCorsSetting(' * ')).toBe('any');
    // In any letter case, as the switches and log levels: OFF was refused as "not an origin".
    expect([toCorsSetting('OFF'), toCorsSetting('Any')]).toEqual(['off', 'any']);
    expect(loadConfig({ MFA_SANDBOX_ADMIN_ACCESS: 'ANY' }, { 'admin-token': 'a-long-enough-token' }).adminAccess).toBe('any');
  });

  it('reads a comma-separated origin list, written as a browser sends Origin', () => {
    expect(toCorsSetting('http://localhost:5173, https://App.Example.com/,http://localhost:5173,http://127.0.0.1:80')).toEqual([
      'http://localhost:5173',
      'https://app.example.com',
      'http://127.0.0.1',
    ]);
  });

  it.each([
    '',
    ' , ',
    'localhost:5173',
    'http://localhost:5173/app',
    'http://localhost:5173?x=1',
    'file:///tmp/page.html',
    'not a url',
    'http://user@localhost:5173',
  ])('refuses %j with a usage error', (raw) => {
    expect(() => toCorsSetting(raw)).toThrow(ConfigError);
  });

  it('takes the flag over the environment', () => {
    expect(loadConfig({ MFA_SANDBOX_CORS: 'off' }).cors).toBe('off');
    expect(loadConfig({ MFA_SANDBOX_CORS: 'off' }, { cors: 'http://localhost:3000' }).cors).toEqual(['http://localhost:3000']);
  });
});
