import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { raisePriority } from '../../../bench/load-priority.js';

describe('raisePriority', () => {
  it('raises this thread to the given nice value where permitted (else changes nothing and says so), and restores it', () => {
    const before = getPriority(0);
    const priority = raisePriority([], before - 1);
    try {
      expect(getPriority(0)).toBe(priority.raised ? before - 1 : before);
    } finally {
      priority.restore();
    }
    expect(getPriority(0)).toBe(before);
  });
});
