import { describe, expect, it } from 'vitest';
import { editDistance, namesAlike, toDidYouMean } from '../../../src/engine/edit-distance.js';

describe('namesAlike and toDidYouMean', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('overides', 'overrides')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('names the known names two edits or a case away, and nothing for a name far from all', () => {
    expect(namesAlike('overides', ['description', 'world', 'overrides'])).toEqual(['overrides']);
    expect(namesAlike('GETMFASTATUS', ['getMFAStatus', 'setupMFA'])).toEqual(['getMFAStatus']);
    expect(toDidYouMean('zzz', ['default', 'mfa-enabled'])).toBe('');
  });

  it('names a name known to several surfaces once', () => {
    expect(toDidYouMean('getMFAstatus', ['getMFAStatus', 'getMfaStatus', 'getMfaStatus'])).toBe(' (did you mean "getMFAStatus" or "getMfaStatus"?)');
  });

  it('takes a scenario named with its file extension for the scenario', () => {
    expect(toDidYouMean('bob-locked-out.yaml', ['default', 'bob-locked-out'])).toBe(' (did you mean "bob-locked-out"?)');
    expect(toDidYouMean('mfa-enabled.yml', ['mfa-enabled', 'mfa-disabled'])).toBe(' (did you mean "mfa-enabled"?)');
  });
});
