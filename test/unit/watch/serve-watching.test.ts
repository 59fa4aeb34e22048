import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS_DIR } from '../../../src/config.js';
import { toWatchedDirs } from '../../../src/watch/serve-watching.js';

describe('toWatchedDirs', () => {
  it('watches the specs directory (spec files only), the shipped scenarios and the user scenarios, recursively', () => {
    const watched = toWatchedDirs({ specsDir: '/p/specs', scenariosDir: '/home/me/scenarios' });
    expect(watched.map(({ dir, recursive }) => ({ dir, recursive }))).toEqual([
      { dir: '/p/specs', recursive: false },
      { dir: SHIPPED_SCENARIOS_DIR, recursive: true },
      { dir: '/home/me/scenarios', recursive: true },
    ]);
    expect(watched[0]!.accepts?.('lerian.openapi.yaml')).toBe(true);
    expect(watched[0]!.accepts?.('notes.md')).toBe(false);
  });

  it('watches a directory once when the user scenarios are the shipped ones', () => {
    expect(toWatchedDirs({ specsDir: '/p/specs', scenariosDir: SHIPPED_SCENARIOS_DIR }).map(({ dir }) => dir)).toEqual(['/p/specs', SHIPPED_SCENARIOS_DIR]);
  });
});
