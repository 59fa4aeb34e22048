import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { FAULT_KINDS } from '../../../src/engine/injected-faults.js';

/**
 * The QA console's page is static HTML, so its list of faults is written by hand: a fault the engine gained was missing
 * from the console's override form until someone noticed (a contributor tour found nothing checked it).
 */
it("offers every fault the engine injects in the console's override form, and no other", () => {
  const page = readFileSync(new URL('../../../src/console/public/index.html', import.meta.url), 'utf8');
  const select = /<select id="override-fault">([\s\S]*?)<\/select/.exec(page)?.[1];
  expect(select, 'the override form has a fault list').toBeDefined();
  const offered = [...select!.matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]);
  expect(offered).toEqual(['', ...FAULT_KINDS]);
});
