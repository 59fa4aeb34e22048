import { describe, expect, it } from 'vitest';
import { meantPreference } from '../../../src/pipeline/misspelt-preference.js';

const OURS = ['scenario', 'code', 'example', 'latency', 'fault', 'dynamic', 'seed', 'explain'];

describe('meantPreference', () => {
  it.each([
    ['scenaro', 'scenario'],
    ['senario', 'scenario'],
    ['dynmaic', 'dynamic'],
    ['explian', 'explain'],
    ['fualt', 'fault'],
    ['status', 'code'],
    ['latencyms', 'latency'],
    ['faults', 'fault'],
  ])('%s was meant as %s', (name, meant) => {
    expect(meantPreference(name, OURS)).toBe(meant);
  });

  it.each(['return', 'respond-async', 'wait', 'handling', 'mode', 'odata.maxpagesize', 'lang'])('%s, a preference of others, is not ours', (name) => {
    expect(meantPreference(name, OURS)).toBeUndefined();
  });
});
