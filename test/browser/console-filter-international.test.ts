import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { collectPageErrors, launchChromium } from '../harness/chromium.js';

/**
 * The QA console's list filter, in a real chromium, over names as teams abroad write them: a filter typed on an
 * ordinary keyboard finds İsmail (whose lower case is not "i"), an É stored decomposed (E + U+0301, as macOS file names
 * and some form inputs send it) and José typed without its accent. The filter shows once a list is longer than a page,
 * so the world has 60 generated users beside the three.
 */
const WORLD = 'flashback/abroad';
const SESSION = 'console-filter-abroad';

let dir: string;
let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-console-filter-'));
  await mkdir(join(dir, 'flashback'));
  await writeFile(
    join(dir, 'flashback', 'abroad.yaml'),
    [
      'description: members with names from abroad among generated ones',
      'world:',
      '  org: { id: org_acme, name: Acme }',
      '  users:',
      '    - { id: usr_tr1, email: owner@acme.example.tr, name: İsmail Yılmaz, token: t-tr1, role: OWNER }',
      `    - { id: usr_fr1, email: zola@acme.example.fr, name: "E\u0301mile Zola", token: t-fr1, role: MEMBER }`,
      '    - { id: usr_es1, email: jn@acme.example.es, name: José Núñez, token: t-es1, role: MEMBER }',
      '  generate: { users: 60, seed: 3 }',
    ].join('\n'),
  );
  sandbox = await createSandbox({ scenariosDir: dir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  pageErrors = collectPageErrors(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const world = () => page.locator(`[data-world="${WORLD}"]`);
const shownIds = () =>
  world()
    .locator('tbody tr[data-user]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-user')));

describe("the QA console's filter over names from abroad", () => {
  // Ids, addresses and tokens hold none of the words filtered for: only the names can match.
  it('finds İsmail by "ismail", a decomposed É by a composed one, and José by "jose"', async () => {
    sandbox.session(SESSION).useScenario('abroad', 'flashback');
    await page.goto(`${sandbox.url}/__console/?session=${SESSION}`);
    await page.locator('body[data-loaded="true"]').waitFor();
    const filter = page.getByRole('searchbox', { name: `Filter the users of ${WORLD}` });

    await filter.fill('ismail');
    await expect.poll(() => shownIds()).toEqual(['usr_tr1']);
    await filter.fill('\u00c9mile');
    await expect.poll(() => shownIds()).toEqual(['usr_fr1']);
    await filter.fill('jose nunez');
    await expect.poll(() => shownIds()).toEqual(['usr_es1']);
    // The name as stored still finds itself, and a filter nothing matches still says so.
    await filter.fill('İsmail Yılmaz');
    await expect.poll(() => shownIds()).toEqual(['usr_tr1']);
    await filter.fill('zzz-nobody');
    await expect.poll(() => world().locator('tbody td.empty').textContent()).toBe('No user matches the filter');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
