import { describe, expect, it } from 'vitest';
import { readSandboxBaggage } from '../../../src/pipeline/sandbox-baggage.js';

describe('readSandboxBaggage (W3C baggage list members)', () => {
  it.each([
    ['mock-session=qa-1', { session: 'qa-1', scenario: undefined }],
    ['userId=alice,mock-session=qa-1,mock-scenario=org-enforced', { session: 'qa-1', scenario: 'org-enforced' }],
    // Whitespace around members, keys and values, and properties after ';'.
    [' userId = alice ;p=1 , mock-session = qa-1 ;origin=e2e;flag ,\tmock-scenario=mfa-enabled\t', { session: 'qa-1', scenario: 'mfa-enabled' }],
    // Values stay percent-encoded here: they are decoded where they are checked.
    ['mock-session=qa%3A1', { session: 'qa%3A1', scenario: undefined }],
    // The first of a repeated key counts (a later value is kept to be named as ignored); other keys are left alone.
    ['mock-session=first,mock-session=second,broken member,=x', { session: 'first', scenario: undefined, repeated: ['mock-session=second'] }],
    ['mock-session=same,mock-session=same', { session: 'same', scenario: undefined }],
    // Keys are compared exactly, and a key that only contains ours is not ours; one that looks meant as ours is named.
    ['Mock-Session=qa-1,x-mock-session=qa-2,mock-sessions=qa-3', { session: undefined, scenario: undefined, misspelt: ['Mock-Session', 'mock-sessions'] }],
    ['mock-sesion=qa-x, mock_scenario=org-enforced, mocking=yes', { session: undefined, scenario: undefined, misspelt: ['mock-sesion', 'mock_scenario'] }],
    ['userId=alice', { session: undefined, scenario: undefined }],
    ['', { session: undefined, scenario: undefined }],
  ])('%j', (header, expected) => {
    expect(readSandboxBaggage(header)).toEqual(expected);
  });
});
