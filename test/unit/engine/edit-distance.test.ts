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

  it('looks for nothing like a name longer than any known one could be (its distance costs the product of the lengths)', () => {
    const started = performance.now();
    expect(namesAlike(`default${'x'.repeat(900_000)}`, ['default', 'org-enforced'])).toEqual([]);
    expect(namesAlike(`defaultt`, ['default', 'org-enforced'])).toEqual(['default']);
    expect(performance.now() - started).toBeLessThan(1_000); // 900,000 characters took seconds per name
  });

  it('names a name known to several surfaces once', () => {
    expect(toDidYouMean('getMFAstatus', ['getMFAStatus', 'getMfaStatus', 'getMfaStatus'])).toBe(' (did you mean "getMFAStatus" or "getMfaStatus"?)');
  });

  it("names an operation a word apart: another vendor's name for it, a word left out or added", () => {
    const genauth = ['getUserMfaStatus', 'setUsersMfaStatus', 'getUserMfaInfo', 'getMfaTriggerData'];
    expect(toDidYouMean('getMfaStatus', genauth)).toBe(' (did you mean "getUserMfaStatus"?)');
    expect(toDidYouMean('verifyLogin', ['verifyMFALogin', 'setupMFA'])).toBe(' (did you mean "verifyMFALogin"?)');
    expect(toDidYouMean('getUserMfaStatusNow', genauth)).toBe(' (did you mean "getUserMfaStatus"?)');
    // Only when no name is a typo away: the nearer names alone.
    expect(toDidYouMean('verifyMfaLogin', ['verifyMFALogin', 'verifyMfa'])).toBe(' (did you mean "verifyMFALogin"?)');
    // Not a single word against two, nor two words apart.
    expect(namesAlike('status', ['getStatus'])).toEqual([]);
    expect(namesAlike('getStatus', ['getUserMfaStatus'])).toEqual([]);
  });

  it('takes a scenario named with its file extension for the scenario', () => {
    expect(toDidYouMean('bob-locked-out.yaml', ['default', 'bob-locked-out'])).toBe(' (did you mean "bob-locked-out"?)');
    expect(toDidYouMean('mfa-enabled.yml', ['mfa-enabled', 'mfa-disabled'])).toBe(' (did you mean "mfa-enabled"?)');
  });
});
