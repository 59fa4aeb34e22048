import { describe, expect, it } from 'vitest';
import { checkProviderStateExpressions } from '../../../src/contracts/provider-state-expressions.js';

/** A V4 interaction whose request body takes `code` from a provider state expression. */
function pactWith(states: Array<{ name: string; params?: Record<string, unknown> }>, expression: string) {
  return {
    interactions: [
      {
        type: 'Synchronous/HTTP',
        description: 'verify the setup',
        providerStates: states,
        request: {
          method: 'POST',
          path: '/mfa/verify-setup',
          body: { content: { code: '123456' }, contentType: 'application/json' },
          generators: { body: { '$.code': { type: 'ProviderState', expression, dataType: 'STRING' } } },
        },
        response: { status: 200 },
      },
    ],
  };
}

describe('checkProviderStateExpressions', () => {
  it('names an expression no provider state of its interaction provides, and what they do provide', () => {
    expect(checkProviderStateExpressions(pactWith([{ name: 'the user has MFA enabled' }], '${totpKode}'), 'flashback')).toEqual([
      {
        code: 'provider-state.expression.unknown',
        message:
          'fromProviderState ${totpKode}: its provider states provide userId, totpSecret, totpCode, recoveryCode, so the verifier sent the example value instead (the sandbox provides every value it knows: a name it lacks is a typo)',
        interaction: 'verify the setup',
        location: '[root].interactions[0]',
      },
    ]);
    expect(checkProviderStateExpressions(pactWith([{ name: 'the user has no MFA' }], '${totpCode}'), 'flashback')[0]!.message).toContain(
      'its provider states provide userId, so the verifier',
    );
    // A value other states provide is not a typo: the message names the states that have it.
    expect(checkProviderStateExpressions(pactWith([{ name: 'the user has no MFA' }], '${totpSecret}'), 'flashback')[0]!.message).toContain(
      'totpSecret comes with "{user} has MFA enabled", "MFA is enforced by the organisation", "{user} has started TOTP setup", "{user} has verified TOTP setup"',
    );
  });

  it('reads a bare key as Pact does (the expression "totpKode" without ${})', () => {
    expect(checkProviderStateExpressions(pactWith([{ name: 'the user has MFA enabled' }], 'totpKode'), 'flashback')[0]!.message).toContain(
      'fromProviderState ${totpKode}: its provider states provide userId, totpSecret, totpCode, recoveryCode',
    );
    expect(checkProviderStateExpressions(pactWith([{ name: 'the user has MFA enabled' }], 'totpCode'), 'flashback')).toEqual([]);
  });

  it('is quiet when a state provides the name, and leaves an unknown state to the verification', () => {
    expect(checkProviderStateExpressions(pactWith([{ name: 'the user has MFA enabled' }], '${totpCode}'), 'flashback')).toEqual([]);
    expect(checkProviderStateExpressions(pactWith([{ name: 'the user has started TOTP setup' }], 'code-${totpCode}'), 'lerian')).toEqual([]);
    expect(checkProviderStateExpressions(pactWith([{ name: 'the moon is full' }], '${totpCode}'), 'flashback')).toEqual([]);
  });
});
