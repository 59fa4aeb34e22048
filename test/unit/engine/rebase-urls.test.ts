import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebaseUrlsBefore } from '../../../src/engine/magic-links.js';

const MARKER = '/__admin/sessions/b/magic-links/';
const BASE = 'https://new.example:8443/sandbox';

describe('rebaseUrlsBefore', () => {
  it("replaces each link's scheme, host and prefix before the marker, and nothing else", () => {
    const text = `Follow this link: http://old:4010/team-a${MARKER}t1 (valid until 2026-01-01). Or https://other${MARKER}t2, see http://docs.example/x.`;
    expect(rebaseUrlsBefore(text, MARKER, BASE)).toBe(
      `Follow this link: ${BASE}${MARKER}t1 (valid until 2026-01-01). Or ${BASE}${MARKER}t2, see http://docs.example/x.`,
    );
  });

  it('leaves a marker no URL leads up to (another word before it, a scheme without a host)', () => {
    for (const text of [`see ${MARKER}t1`, `http:// ${MARKER}t1`, `http://${MARKER}t1`, `ftp://host${MARKER}t1`]) {
      expect(rebaseUrlsBefore(text, MARKER, BASE)).toBe(text);
    }
  });

  it('takes the first URL of a run, as a reader would see one link', () => {
    expect(rebaseUrlsBefore(`x:http://a/http://b${MARKER}t1`, MARKER, BASE)).toBe(`x:${BASE}${MARKER}t1`);
    expect(rebaseUrlsBefore(`http://a${MARKER}t1http://b${MARKER}t2`, MARKER, BASE)).toBe(`${BASE}${MARKER}t1${BASE}${MARKER}t2`);
  });

  it('rebases as the regular expression it replaces did, on short texts of links, words and spaces', () => {
    const asTheExpressionDid = (text: string) =>
      text.replaceAll(new RegExp(`https?://[^/\\s]+[^\\s]*?(?=${MARKER.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'g'), BASE);
    const piece = fc.constantFrom('http://', 'https://', 'http:/', 'a', 'b.c', '/', ' ', '\n', MARKER, 't1', ':');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(rebaseUrlsBefore(text, MARKER, BASE)).toBe(asTheExpressionDid(text));
      }),
      { numRuns: 2000 },
    );
  });

  // The adversarial tour's file: a message of many `http://a` before the link. A regular expression took 19 s on
  // 16,000 of them (quadratic); 200,000 here would take it hours, so this test fails by its timeout if it comes back.
  it('reads a message of 200,000 URL starts before its link in one pass', () => {
    const text = `${'http://a'.repeat(200_000)} http://old${MARKER}t1`;
    expect(rebaseUrlsBefore(text, MARKER, BASE)).toBe(`${'http://a'.repeat(200_000)} ${BASE}${MARKER}t1`);
    // One run of text holding three links: each URL starts at the first `http://a` after the link before it.
    const oneRun = `${'http://a'.repeat(100_000)}${MARKER}t1`.repeat(3);
    expect(rebaseUrlsBefore(oneRun, MARKER, BASE)).toBe(`${BASE}${MARKER}t1`.repeat(3));
  });
});
