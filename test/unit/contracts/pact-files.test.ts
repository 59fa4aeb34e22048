import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { loadPactFile, PactFileError, toPactSurface, type PactFile } from '../../../src/contracts/pact-files.js';
import { loadSpec, type LoadedSpec } from '../../../src/openapi/load-spec.js';
import { SURFACE_IDS, type SurfaceId } from '../../../src/surfaces/registry.js';

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

describe('loadPactFile and a byte order mark', () => {
  it('refuses a pact saved with one, saying so: the Pact verifier, which reads the file itself, cannot read it', async () => {
    const file = join(dir, 'bom.json');
    const pact = {
      ...header,
      interactions: [{ type: 'Synchronous/HTTP', description: 'status', request: { method: 'GET', path: '/mfa/status' }, response: { status: 200 } }],
    };
    await writeFile(file, `\uFEFF${JSON.stringify(pact)}`);
    const refused = loadPactFile(file);
    await expect(refused).rejects.toBeInstanceOf(PactFileError);
    await expect(refused).rejects.toThrow(
      `${file}: starts with a UTF-8 byte order mark (as Windows editors write), which the Pact verifier cannot read; save it as UTF-8 without BOM`,
    );
  });
});

describe('toPactSurface', () => {
  const specs = new Map<SurfaceId, LoadedSpec<SurfaceId>>();
  beforeAll(async () => {
    for (const surface of SURFACE_IDS) specs.set(surface, await loadSpec(DEFAULT_CONFIG.specsDir, surface, false));
  }, 60_000);
  const pactOf = (provider: string, path: string): PactFile => ({
    file: `${provider}.json`,
    consumer: 'web',
    provider,
    interactions: [{ description: 'd', providerStates: [], method: 'get', path, pending: false }],
    json: {},
  });

  it('takes the surface the provider names, or the one spec that has every request', () => {
    expect(toPactSurface(pactOf('Nest Auth API', '/auth/mfa/devices'), specs)).toBe('nest-auth');
    expect(toPactSurface(pactOf('my-backend', '/auth/mfa/devices'), specs)).toBe('nest-auth');
  });

  it("refuses a pact named for one surface but made of another's requests, naming the one that fits", () => {
    // A consumer that copied another pact's provider name: verified as flashback, each request was a 404.
    expect(() => toPactSurface(pactOf('flashback-api', '/auth/mfa/devices'), specs)).toThrow(
      `flashback-api.json: provider "flashback-api" names flashback, but its requests are nest-auth's (flashback's spec lacks some of them): name the provider for nest-auth in the consumer, or pass --surface nest-auth`,
    );
    // Requests no spec has all of (a consumer testing a path it expects a 404 for) stay with the surface named.
    expect(toPactSurface(pactOf('flashback-api', '/no/such/path'), specs)).toBe('flashback');
  });

  it('with --surface, takes a pact named for another surface whose requests are all this one, as the refusal above advises', () => {
    expect(toPactSurface(pactOf('flashback-api', '/auth/mfa/devices'), specs, 'nest-auth')).toBe('nest-auth');
    // Another provider's pact in the same directory is still refused: its requests would fail one by one.
    expect(() => toPactSurface(pactOf('flashback-api', '/mfa/status'), specs, 'nest-auth')).toThrow(
      `flashback-api.json: provider "flashback-api" is flashback, not nest-auth (--surface, or MFA_SANDBOX_SURFACE): verify it without --surface, or keep each surface's pacts apart`,
    );
  });
});
