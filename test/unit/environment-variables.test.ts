import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_VARIABLES, toUnknownVariableWarnings } from '../../src/environment-variables.js';

describe('environment variables with the sandbox prefix', () => {
  it.each([
    ['MFA_SANDBOX_STATE', 'MFA_SANDBOX_STATE_URL'],
    ['MFA_SANDBOX_SESSION_TTL', 'MFA_SANDBOX_SESSION_TTL_SECONDS'],
    ['MFA_SANDBOX_LOG_LEVEL', 'LOG_LEVEL'],
    ['MFA_SANDBOX_HOST', 'HOST'],
    ['MFA_SANDBOX_ADMIN_TOKNE', 'MFA_SANDBOX_ADMIN_TOKEN'],
    ['MFA_SANDBOX_STATE_URL_SECRET', 'MFA_SANDBOX_STATE_URL'],
  ])('%s is not read, and names %s', (name, meant) => {
    expect(toUnknownVariableWarnings({ [name]: 'x' })).toEqual([`${name} is not a setting mfa-sandbox reads (did you mean ${meant}?); ignored`]);
  });

  it('a name like none is still told, without a guess; known names and other variables are not', () => {
    expect(toUnknownVariableWarnings({ MFA_SANDBOX_WATCH: 'on', MFA_SANDBOX_STATE_URL: 'memory', PORT: '1', HOME: '/root' })).toEqual([
      'MFA_SANDBOX_WATCH is not a setting mfa-sandbox reads; ignored',
    ]);
  });

  it('lists every MFA_SANDBOX_ variable src/ reads, and none it does not', async () => {
    // This list's own module names misspellings in its examples.
    const files = (await readdir('src', { recursive: true })).filter((name) => name.endsWith('.ts') && name !== 'environment-variables.ts');
    const named = new Set<string>();
    for (const file of files) {
      const text = await readFile(join('src', file), 'utf8');
      // A page's global of the same prefix (window.MFA_SANDBOX_...) is no environment variable.
      for (const match of text.matchAll(/(?<!window\.)\b(MFA_SANDBOX_[A-Z_]+[A-Z])\b/g)) named.add(match[1]!);
    }
    expect([...named].sort()).toEqual([...SANDBOX_VARIABLES].sort());
  });
});
