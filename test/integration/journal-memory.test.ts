import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * What the journal's bounded copies hold on to, measured in a Node process of its own (with a garbage collector it can
 * call): the copy of a body must not keep the body alive. A soak found each truncated string holding its whole
 * original, so the journal grew by the body limit per request, not by the ~32 KiB it keeps.
 */
const MEASURE = `
import { toJournalBody } from './src/engine/journal-body.ts';
const kept = [];
for (let index = 0; index < 100; index++) {
  // A fresh 1 MB string per body, as each request's JSON.parse makes one.
  kept.push(toJournalBody({ mfaType: 'GOOGLE_AUTH', junk: String(index).padEnd(1_000_000, 'a') }));
}
globalThis.gc();
globalThis.gc();
const heldMb = process.memoryUsage().heapUsed / 1e6;
console.log(JSON.stringify({ heldMb, keptCharacters: JSON.stringify(kept).length }));
`;

describe("the journal's copy of a long body", () => {
  it('holds what it kept (16 KiB of each 1 MB string), not the string it was cut from', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', MEASURE], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const { heldMb, keptCharacters } = JSON.parse(run.stdout) as { heldMb: number; keptCharacters: number };
    expect(keptCharacters).toBeLessThan(100 * 17_000);
    // 100 bodies of 1 MB: held whole, ~100 MB; as kept, ~1.7 MB beside the process's own few MB.
    expect(heldMb).toBeLessThan(30);
  }, 90_000);
});
