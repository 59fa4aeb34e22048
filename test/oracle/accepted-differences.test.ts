import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEST_AUTH_ACCEPTED as ACCEPTED_DIFFERENCES } from '../../src/conformance/catalogues/nest-auth-accepted.js';

/**
 * The accepted differences between the real nest-auth 2.11.1 and the mock are listed twice: as data for the
 * differential test, and as a table for readers of specs/README.md. They must not drift apart.
 */

const README = new URL('../../specs/README.md', import.meta.url);

function readmeRows(): Array<{ flow: string; step: string; path: string; reason: string }> {
  const text = readFileSync(README, 'utf8');
  const table = text.match(/<!-- accepted-differences:nest-auth -->\n([\s\S]*?)<!-- \/accepted-differences:nest-auth -->/)?.[1];
  if (!table) throw new Error('specs/README.md has no accepted-differences:nest-auth table');
  return table
    .trim()
    .split('\n')
    .slice(2) // header and separator
    .map((line) => {
      const [flow, step, path, reason] = line.replace(/^\|\s*|\s*\|$/g, '').split(/\s*\|\s*/);
      return { flow: flow!, step: step!, path: path!.replace(/^`|`$/g, ''), reason: reason! };
    });
}

describe('accepted differences (nest-auth)', () => {
  it('the table in specs/README.md lists exactly the accepted differences, with the same reasons', () => {
    const listed = ACCEPTED_DIFFERENCES.map(({ flow, step, path, reason }) => ({ flow, step, path, reason }));
    expect(readmeRows()).toEqual(listed);
  });

  it('every accepted difference gives a reason', () => {
    for (const accepted of ACCEPTED_DIFFERENCES) expect(accepted.reason.length).toBeGreaterThan(20);
  });
});
