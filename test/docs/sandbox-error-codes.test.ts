import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_ERRORS } from '../../src/errors.js';

/**
 * The README's table of sandbox fault codes is the one place a user looks a code up, so it must list every code the
 * sandbox can send, with its status, and no code it cannot (as fastify's test of its error docs does): a code added to
 * src/errors.ts without a row, or a status changed on one side only, fails here.
 */
const TABLE_START = 'Every code a sandbox fault can carry';

/** The `| \`MOCK_ERR_...\` | status | when |` rows of the table that follows `TABLE_START`, as code -> status. */
function toDocumentedCodes(readme: string): Array<[string, number]> {
  const after = readme.slice(readme.indexOf(TABLE_START));
  const table = after.slice(0, after.indexOf('\n\n', after.indexOf('| code |')));
  return [...table.matchAll(/^\| `(MOCK_ERR_[A-Z_]+)` \| (\d{3}) \|/gm)].map(([, code, status]) => [code!, Number(status)]);
}

describe("the README's table of sandbox fault codes", () => {
  const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');

  it('reads the rows of the table after its lead-in only', () => {
    const text = `before | \`MOCK_ERR_X\` | 400 |\n\n${TABLE_START}:\n\n| code | status | when |\n|---|---|---|\n| \`MOCK_ERR_A\` | 404 | a |\n| \`MOCK_ERR_B\` | 503 | b |\n\n| \`MOCK_ERR_C\` | 500 | after |`;
    expect(toDocumentedCodes(text)).toEqual([
      ['MOCK_ERR_A', 404],
      ['MOCK_ERR_B', 503],
    ]);
  });

  it('lists every code of src/errors.ts once, with its status, and nothing else', () => {
    const documented = toDocumentedCodes(readme);
    expect(new Set(documented.map(([code]) => code)).size).toBe(documented.length);
    const sent = Object.entries(SANDBOX_ERRORS).map(([code, { status }]) => [code, status]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(sent));
  });
});
