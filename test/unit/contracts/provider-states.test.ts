import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PROVIDER_STATES, ProviderStateError, resolveProviderState } from '../../../src/contracts/provider-states.js';

describe('provider-state vocabulary', () => {
  it.each([
    ['the user has no MFA', 'default'],
    ['the user has MFA enabled', 'mfa-enabled'],
    ['MFA is enforced by the organisation', 'org-enforced'],
    ['the identity service is failing', 'server-error'],
    ['the user has started TOTP setup', 'default'],
    ['the user has verified TOTP setup', 'default'],
    ['the sandbox is in scenario totp-only', 'totp-only'],
  ])('"%s" activates scenario %s', (sentence, scenario) => {
    expect(resolveProviderState(sentence, {}, 'nest-auth').scenario).toBe(scenario);
  });

  it('reads the user from the sentence, from the userId parameter, or takes the surface user', () => {
    expect(resolveProviderState('user 019c96a0-0c21-71f9-a487-66a1258278a1 does not exist', {}, 'lerian')).toMatchObject({
      scenario: 'missing-user',
      userId: '019c96a0-0c21-71f9-a487-66a1258278a1',
    });
    expect(resolveProviderState('the user has MFA enabled', { userId: 'usr_bob' }, 'flashback').userId).toBe('usr_bob');
    expect(resolveProviderState('the user has no MFA', {}, 'genauth').userId).toBe('6229ffaxxxxxxxxcade3e3d9'); // GenAuth's documented example user;
  });

  it('refuses a sentence and a parameter that name different users', () => {
    expect(() => resolveProviderState('user usr_ada has MFA enabled', { userId: 'usr_bob' }, 'flashback')).toThrow(
      'provider state "user usr_ada has MFA enabled" names user usr_ada but its parameter userId is usr_bob',
    );
  });

  it('refuses a parameter it does not read (a misspelt userId) and a userId that is no string, instead of taking the surface user', () => {
    expect(() => resolveProviderState('the user has MFA enabled', { user: 'usr_bob' }, 'flashback')).toThrow(
      'provider state "the user has MFA enabled" has the parameter "user", which the sandbox does not read (did you mean "userId"?); its one parameter is userId',
    );
    expect(() => resolveProviderState('the user has MFA enabled', { userId: 42 }, 'flashback')).toThrow('its parameter userId must be a string, got 42');
  });

  it('accepts the American spelling, a full stop and extra spaces', () => {
    expect(resolveProviderState('  MFA is enforced by  the organization. ', {}, 'flashback').scenario).toBe('org-enforced');
    // Only the sentence's own word: a scenario name is taken as written.
    expect(resolveProviderState('the sandbox is in scenario no-organization', {}, 'flashback').scenario).toBe('no-organization');
  });

  it('rejects an unknown sentence, listing the ones it knows', () => {
    let error: unknown;
    try {
      resolveProviderState('the moon is full', {}, 'flashback');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProviderStateError);
    expect((error as Error).message).toMatch(/^unknown provider state "the moon is full"; the sandbox knows:\n {2}- \{user\} has no MFA\n/);
    for (const { sentence } of PROVIDER_STATES) expect((error as Error).message).toContain(`  - ${sentence}`);
  });

  it('is documented in the README, sentence by sentence', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const { sentence, scenario } of PROVIDER_STATES) expect(readme).toContain(`| \`${sentence}\` | ${scenario ? `\`${scenario}\`` : 'that scenario'}`);
  });
});
