import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, toRedactedStateUrl, toStateUrl } from '../../src/config.js';

describe('the state URL setting (--state, MFA_SANDBOX_STATE_URL)', () => {
  it('keeps a PostgreSQL URL, and memory is none', () => {
    expect(toStateUrl(' postgres://sandbox:s%2Fcret@db:5432/mfa ')).toBe('postgres://sandbox:s%2Fcret@db:5432/mfa');
    expect(toStateUrl('memory')).toBeUndefined();
    expect(toStateUrl('MEMORY')).toBeUndefined();
  });

  it('refuses an empty --state (the variable it was given was unset): replicas would not share sessions, and not know it', () => {
    for (const raw of ['', '  '])
      expect(() => loadConfig({}, { state: raw }), JSON.stringify(raw)).toThrow('--state: state must be memory or a PostgreSQL URL');
    // An empty variable is an unset one, as for every other variable.
    expect(loadConfig({ MFA_SANDBOX_STATE_URL: '' }).stateUrl).toBeUndefined();
  });

  it.each([
    ['postgres://sandbox:secret@db:5432/mfa', 'postgres://sandbox:***@db:5432/mfa'],
    ['postgres://u:abc+def/ghi==@127.0.0.1:5432/d', 'postgres://u:***@127.0.0.1:5432/d'],
    ['postgres://u:PA@SSWORD@127.0.0.1:5432/d', 'postgres://u:***@127.0.0.1:5432/d'],
    ['postgres://u:a#b?c@db/d', 'postgres://u:***@db/d'],
    ['u:SECRETPW@h/d', 'u:***@h/d'],
    ['postgres://sandbox@db/mfa?password=secret&sslmode=require', 'postgres://sandbox@db/mfa?password=***&sslmode=require'],
    ['postgres://sandbox@db/mfa?sslmode=verify-full&sslpassword=key-secret', 'postgres://sandbox@db/mfa?sslmode=verify-full&sslpassword=***'],
    ['postgres://db:5432/mfa', 'postgres://db:5432/mfa'],
  ])('shows %s as %s', (url, shown) => {
    expect(toRedactedStateUrl(url)).toBe(shown);
  });

  it.each([
    ['postgres://u:abc+def/ghi==@127.0.0.1:5432/d', 'abc+def/ghi=='],
    ['postgres://u:SECRET%zzPW@db/d', 'SECRET'],
    // Parsed as valid URLs, but the driver would have tried the host "SSWORD@127.0.0.1:5432" and "ss".
    ['postgres://u:PA@SSWORD@127.0.0.1:5432/d', 'SSWORD'],
    ['postgres://sandbox:p@ss/w#rd@127.0.0.1:5290/mfa', 'w#rd'],
  ])('refuses %s without showing its password, saying how to encode one', (url, secret) => {
    let error: unknown;
    try {
      toStateUrl(url);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(secret);
    expect((error as Error).message).toMatch(/^state.*percent-encode these characters of a user or password: \/ as %2F/);
  });

  it.each([
    ['postgres://sandbox:s3cret@127.0.0.1:99999/mfa', 'postgres://sandbox:***@127.0.0.1:99999/mfa'],
    ['postgres://sandbox:s3cret@[::1/mfa', 'postgres://sandbox:***@[::1/mfa'],
    ['u:s3cret@h/d', 'u:***@h/d'],
  ])('refuses %s for what it is (a port, a host, no scheme), without blaming or showing the password', (url, shown) => {
    expect(() => toStateUrl(url)).toThrow(
      new ConfigError(`state must be memory or a PostgreSQL URL such as postgres://user:password@host:5432/database, got "${shown}"`),
    );
  });
});
