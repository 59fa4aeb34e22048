import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The project's Markdown documents link to files of the repository by relative paths (a source file, the scaling
 * chart, the benchmark's history beside the README): each must name a file that exists, relative to the document,
 * so moving a file or a section between documents cannot leave a reader on a dead link. Web and in-page links are
 * not followed.
 */
const ROOT = process.cwd();
const DOCUMENTS = ['README.md', 'bench/HISTORY.md'];

/** The relative link targets of a Markdown text (`[text](target)`), without their `#anchor`. */
function toRelativeLinkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^([a-z]+:|#)/i.test(target!)) continue;
    targets.push(target!.split('#')[0]!);
  }
  return targets;
}

describe('relative links in the Markdown documents', () => {
  it('finds relative targets only, without their anchors', () => {
    const markdown = '[a](src/main.ts) [b](https://example.com/x) [c](#performance) [d](../README.md#cli) [e](mailto:a@b.c)';
    expect(toRelativeLinkTargets(markdown)).toEqual(['src/main.ts', '../README.md']);
  });

  for (const document of DOCUMENTS) {
    it(`${document}: every relative link names a file of the repository`, () => {
      const targets = toRelativeLinkTargets(readFileSync(join(ROOT, document), 'utf8'));
      expect(targets.length).toBeGreaterThan(0);
      const missing = targets.filter((target) => !existsSync(join(ROOT, dirname(document), target)));
      expect(missing).toEqual([]);
    });
  }
});
