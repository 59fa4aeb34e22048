import { readFile, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { SwaggerMockValidatorFactory } from '@pactflow/swagger-mock-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkPactAgainstSpec } from '../../../src/contracts/check-pact-against-spec.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { toSpecFile } from '../../../src/openapi/load-spec.js';
import type { OpenApiDocument } from '../../../src/openapi/openapi-types.js';
import { SURFACE_IDS, type SurfaceId } from '../../../src/surfaces/registry.js';
import { consumerPactFiles, createFixtureDir, writePactFile, wrongFlashbackInteractions } from '../pact-fixtures.js';

/**
 * Every pact the consumers wrote is checked against its surface's spec: a pact that the mock honours but the spec
 * forbids would prove nothing about the real vendor. The check is PactFlow's openapi-pact-comparator (opc); it is
 * cross-checked here against its predecessor swagger-mock-validator, which must reach the same verdict on every pact.
 */

/** Each spec as written ($refs intact), which is what the comparators read. */
const specs = new Map<SurfaceId, OpenApiDocument>();
const pactFiles = await consumerPactFiles();
let fixtures: string;
let wrongPact: string;
const named = pactFiles.map((file) => [basename(file), file] as const);
let checkedInteractions = 0;
let comparatorMs = 0;

async function readPact(file: string): Promise<{ provider: { name: string }; interactions: unknown[] }> {
  return JSON.parse(await readFile(file, 'utf8'));
}

beforeAll(async () => {
  for (const surface of SURFACE_IDS) specs.set(surface, parse(await readFile(toSpecFile(DEFAULT_CONFIG.specsDir, surface), 'utf8')) as OpenApiDocument);
  fixtures = await createFixtureDir();
  wrongPact = await writePactFile(fixtures, 'careless-web', 'flashback', wrongFlashbackInteractions());
});

afterAll(async () => {
  if (fixtures) await rm(fixtures, { recursive: true, force: true });
  console.log(
    `spec check: ${pactFiles.length} pact files, ${checkedInteractions} interactions checked against their specs by openapi-pact-comparator in ${Math.round(comparatorMs)} ms`,
  );
});

describe('pacts against specs (openapi-pact-comparator)', () => {
  it.each(named)('%s is allowed by its surface spec', async (_name, file) => {
    const pact = await readPact(file);
    const spec = specs.get(pact.provider.name as SurfaceId);
    expect(spec, `provider "${pact.provider.name}" is not a surface`).toBeDefined();
    const started = performance.now();
    const check = await checkPactAgainstSpec(pact, spec!);
    comparatorMs += performance.now() - started;
    expect(check.errors, JSON.stringify(check.errors, null, 2)).toEqual([]);
    checkedInteractions += pact.interactions.length;
  });

  it('fails a pact with an unknown path and a field of the wrong type, naming both', async () => {
    const check = await checkPactAgainstSpec(await readPact(wrongPact), specs.get('flashback')!);
    expect(check.ok).toBe(false);
    expect(check.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'request.path-or-method.unknown',
          interaction: 'a request to a path Flashback does not have',
          message: expect.stringContaining('GET /mfa/state'),
        }),
        expect.objectContaining({
          code: 'response.body.incompatible',
          interaction: 'a status whose isEnabled is a string',
          message: expect.stringContaining('must be boolean'),
        }),
      ]),
    );
  });
});

describe('GenAuth pacts of either signing flavour', () => {
  it("draw no unknown-header warning for authing-node-sdk's x-authing-* headers, which the mock checks", async () => {
    const authing = await writePactFile(fixtures, 'authing-sdk', 'genauth', [
      {
        description: 'the MFA status, signed as authing-node-sdk signs it',
        states: [{ name: 'the user has no MFA' }],
        request: {
          method: 'GET',
          path: '/api/v3/get-mfa-status',
          query: { userId: ['6229ffaxxxxxxxxcade3e3d9'] },
          headers: {
            authorization: 'authing genauth-sandbox-key:c2lnbmF0dXJl',
            'x-authing-date': 'Sun, 23 Nov 2025 16:21:00 GMT',
            'x-authing-signature-nonce': '3f1c2a9b8e7d6c5b4a39281706f5e4d3',
            'x-authing-signature-method': 'HMAC-SHA1',
            'x-authing-signature-version': '1.0',
            'x-authing-app-id': '62b2ae2e0a6f3b3e1c7e4d9a',
            'x-authing-lang': 'zh-CN',
          },
        },
        response: { status: 200, body: { statusCode: 200 } },
      },
    ]);
    const check = await checkPactAgainstSpec(await readPact(authing), specs.get('genauth')!);
    expect(check.errors).toEqual([]);
    expect(check.warnings.filter((warning) => warning.code === 'request.header.unknown')).toEqual([]);
  });
});

describe('openapi-pact-comparator agrees with swagger-mock-validator', () => {
  const validator = SwaggerMockValidatorFactory.create();

  it.each([...named, ['the deliberately wrong pact', '']] as const)('same verdict and error codes for %s', async (_name, given) => {
    const file = given || wrongPact;
    const pact = await readPact(file);
    const surface = pact.provider.name as SurfaceId;
    const opc = await checkPactAgainstSpec(pact, specs.get(surface)!);
    const smv = await validator.validate({ specPathOrUrl: toSpecFile(DEFAULT_CONFIG.specsDir, surface), mockPathOrUrl: file });
    const codes = (findings: Array<{ code: string }>) => [...new Set(findings.map((finding) => finding.code))].sort();
    expect(opc.ok).toBe(smv.success);
    expect(codes(opc.errors)).toEqual(codes(smv.errors));
  });
});
