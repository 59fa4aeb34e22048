import { describe, expect, it } from 'vitest';
import { toBearerToken } from '../../../src/pipeline/surface-behaviour.js';

describe('toBearerToken', () => {
  it('reads the token of a bearer Authorization header, and nothing else', () => {
    expect(toBearerToken('Bearer flashback-token-ada')).toBe('flashback-token-ada');
    expect(toBearerToken('bearer   flashback-token-ada  ')).toBe('flashback-token-ada');
    expect(toBearerToken(['Bearer first', 'Bearer second'])).toBe('first');
    expect(toBearerToken('Bearer two words')).toBeUndefined();
    expect(toBearerToken('Basic YWRhOnNlY3JldA==')).toBeUndefined();
    expect(toBearerToken('Bearer ')).toBeUndefined();
    expect(toBearerToken(undefined)).toBeUndefined();
  });

  it('answers each header for itself when the same ones come again, in any order', () => {
    // It remembers the last header read (a request reads its own twice): a different one must never get that answer.
    const headers = ['Bearer a', 'Bearer a', 'Basic a', 'Bearer a', 'Bearer b', undefined, 'Bearer b', 'Bearer a'];
    expect(headers.map((header) => toBearerToken(header))).toEqual(['a', 'a', undefined, 'a', 'b', undefined, 'b', 'a']);
  });
});
