import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPactFile, PactFileError } from '../../../src/contracts/pact-files.js';

/** Reading a pact file before verification: what counts as a pact `mfa-sandbox verify` can verify. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-pact-files-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function pactFile(name: string, pact: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(pact));
  return file;
}

const header = { consumer: { name: 'web' }, provider: { name: 'flashback' }, metadata: { pactSpecification: { version: '4.0' } } };

describe('loadPactFile', () => {
  it('summarises the HTTP interactions of a pact', async () => {
    const file = await pactFile('one.json', {
      ...header,
      interactions: [{ type: 'Synchronous/HTTP', description: 'status', request: { method: 'GET', path: '/mfa/status' }, response: { status: 200 } }],
    });
    expect(await loadPactFile(file)).toMatchObject({
      consumer: 'web',
      provider: 'flashback',
      interactions: [{ description: 'status', method: 'get', path: '/mfa/status' }],
    });
  });

  it('refuses a pact without interactions (consumer tests that recorded nothing must not verify green)', async () => {
    const file = await pactFile('empty.json', { ...header, interactions: [] });
    const refused = loadPactFile(file);
    await expect(refused).rejects.toBeInstanceOf(PactFileError);
    await expect(refused).rejects.toThrow(`${file}: the pact has no interactions, so there is nothing to verify`);
  });
});
