import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { FAULT_KINDS } from '../../src/engine/injected-faults.js';
import { FACTOR_KINDS } from '../../src/engine/world.js';
import { loadSpec, type LoadedSpec } from '../../src/openapi/load-spec.js';
import { createOperationValidators } from '../../src/openapi/schema-validators.js';
import { toRouteDefinitions, type RouteDefinition } from '../../src/openapi/to-route-definitions.js';
import { SURFACE_IDS, type SurfaceId } from '../../src/surfaces/registry.js';

interface SeedExample {
  seed: string;
  surface: SurfaceId;
  operationId: string;
  status: number;
  body: unknown;
}

const seedExamples = JSON.parse(readFileSync(new URL('../fixtures/seed-examples.json', import.meta.url), 'utf8')) as SeedExample[];

/** Operations each surface must have, by the issue and the vendor docs. */
const REQUIRED_OPERATIONS: Record<SurfaceId, string[]> = {
  flashback: [
    'GET /mfa/status', 'GET /mfa/methods', 'POST /mfa/setup', 'POST /mfa/verify-setup', 'POST /mfa/enable', 'POST /mfa/disable',
    'POST /mfa/primary', 'POST /mfa/reset', 'POST /mfa/organization/enforce', 'POST /mfa/magic-link/send', 'POST /mfa/magic-link/activate',
    'POST /mfa/passkey/auth-options', 'POST /mfa/passkey/complete-registration', 'POST /mfa/passkey/complete-registration-1',
  ],
  'nest-auth': [
    'GET /auth/mfa/status', 'POST /auth/mfa/toggle', 'GET /auth/mfa/devices', 'DELETE /auth/mfa/devices/{deviceId}', 'POST /auth/mfa/challenge',
    'POST /auth/mfa/setup-totp', 'POST /auth/mfa/verify-totp-setup', 'POST /auth/mfa/generate-recovery-code', 'POST /auth/mfa/reset-totp', 'POST /auth/mfa/verify',
  ],
  lerian: ['GET /v1/users/{id}/mfa', 'POST /v1/users/{id}/mfa/setup', 'POST /v1/users/{id}/mfa/verify', 'POST /v1/users/{id}/mfa/enable', 'PATCH /v1/users/{id}/mfa/preferred'],
  genauth: [
    'GET /api/v3/get-mfa-status', 'POST /api/v3/set-mfa-status', 'GET /api/v3/get-user-mfa-info', 'GET /api/v3/get-mfa-trigger-data',
    'POST /api/v3/update-application-mfa-settings', 'GET /api/v3/get-global-mfa-settings', 'POST /api/v3/update-global-mfa-settings', 'POST /api/v3/disable-global-mfa-settings',
  ],
};

const specs = new Map<SurfaceId, LoadedSpec<SurfaceId>>();
const routes = new Map<SurfaceId, RouteDefinition[]>();

beforeAll(async () => {
  for (const surface of SURFACE_IDS) {
    const spec = await loadSpec(DEFAULT_CONFIG.specsDir, surface);
    specs.set(surface, spec);
    routes.set(surface, toRouteDefinitions(spec.api));
  }
});

function collectDecisions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectDecisions(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-sandbox-decision') found.push(String(value));
      else collectDecisions(value, found);
    }
  }
  return found;
}

describe.each(SURFACE_IDS)('spec %s', (surface) => {
  it('is valid OpenAPI 3.1 (validated and dereferenced by @readme/openapi-parser)', () => {
    const spec = specs.get(surface)!;
    expect(spec.document.openapi).toMatch(/^3\.1\./);
    expect(spec.document.info['x-sandbox-surface']).toBe(surface);
  });

  it('has every documented operation, each with a unique operationId and a summary', () => {
    const defined = routes.get(surface)!;
    const signatures = defined.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(signatures).toEqual(expect.arrayContaining(REQUIRED_OPERATIONS[surface]));
    const ids = defined.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of defined) expect(route.summary, route.operationId).toBeTruthy();
  });

  it('gives every response a schema and named examples, and every example validates against its schema', () => {
    let checked = 0;
    for (const route of routes.get(surface)!) {
      const validators = createOperationValidators(route);
      for (const [status, response] of route.responses) {
        expect(response.schema, `${route.operationId} ${status} schema`).toBeDefined();
        expect(response.examples.size, `${route.operationId} ${status} examples`).toBeGreaterThan(0);
        for (const [name, value] of response.examples) {
          expect(validators.validateResponse(status, value), `${route.operationId} ${status} example ${name}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(routes.get(surface)!.length);
  });

  it('validates request examples against the request schema', () => {
    const api = specs.get(surface)!.api;
    for (const route of routes.get(surface)!) {
      const media = api.paths[route.path]?.[route.method]?.requestBody?.content?.['application/json'];
      for (const [name, example] of Object.entries(media?.examples ?? {})) {
        const problems = createOperationValidators(route).validateRequest({ params: {}, query: {}, body: example.value, hasBody: true }).filter((p) => p.location === 'body');
        expect(problems, `${route.operationId} request example ${name}`).toEqual([]);
      }
    }
  });

  it('records its own choices in x-sandbox-decision', () => {
    const decisions = collectDecisions(specs.get(surface)!.document);
    // At least one, so the loop below checks something; how many a vendor's docs leave open is theirs.
    expect(decisions.length).toBeGreaterThan(0);
    for (const decision of decisions) expect(decision.length).toBeGreaterThan(20);
  });

  it('says why it serves each operation the vendor does not document (x-sandbox-undocumented with its decision)', () => {
    const api = specs.get(surface)!.document as unknown as { paths: Record<string, Record<string, unknown>> };
    const undocumented: string[] = [];
    for (const [path, operations] of Object.entries(api.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const marked = operation as { 'x-sandbox-undocumented'?: unknown; 'x-sandbox-decision'?: string; operationId?: string };
        if (marked['x-sandbox-undocumented'] === undefined) continue;
        undocumented.push(`${method} ${path}`);
        expect(marked['x-sandbox-undocumented'], `${method} ${path}`).toBe(true);
        expect(marked['x-sandbox-decision'] ?? '', `${method} ${path}: x-sandbox-decision`).toMatch(/.{20}/);
      }
    }
    if (surface === 'flashback') expect(undocumented.length).toBeGreaterThan(0); // the check reads the marker where it is
  });

  it('rejects a response that drifts from the vendor shape (the schemas are tight)', () => {
    for (const route of routes.get(surface)!) {
      for (const [status, response] of route.responses) {
        const example = response.examples.get(response.canonicalExample!);
        if (!example || typeof example !== 'object' || Array.isArray(example)) continue;
        const drifted = { ...(example), sandboxOnlyField: true };
        expect(createOperationValidators(route).validateResponse(status, drifted), `${route.operationId} ${status}`).not.toEqual([]);
      }
    }
  });
});

describe('vendor seed examples', () => {
  it.each(seedExamples.map((example) => [`seed ${example.seed} ${example.surface} ${example.operationId} ${example.status}`, example] as const))(
    '%s validates against the spec',
    (_name, example) => {
      const route = routes.get(example.surface)!.find((candidate) => candidate.operationId === example.operationId);
      expect(route).toBeDefined();
      expect(createOperationValidators(route!).validateResponse(example.status, example.body)).toEqual([]);
    },
  );

  it('keeps the Lerian IDE errors exactly as seed 002 gives them', () => {
    const examples = specs.get('lerian')!.api.components!.examples as Record<string, { value: unknown }>;
    for (const seed of seedExamples.filter((example) => example.seed === '002' && example.status !== 200)) {
      const code = (seed.body as { code: string }).code;
      expect(examples[`Error${code.slice(4)}`]?.value).toEqual(seed.body);
    }
  });

  it('uses the seed 001 MfaStatusResponseDto example as nest-auth canonical status', () => {
    const route = routes.get('nest-auth')!.find((candidate) => candidate.operationId === 'getMfaStatus')!;
    const seed = seedExamples.find((example) => example.seed === '001')!;
    expect(route.responses.get(200)!.examples.get(route.responses.get(200)!.canonicalExample!)).toEqual(seed.body);
  });
});

describe('the YAML of every spec', () => {
  /** A key with no value that reads like prose: a comma in an unquoted flow-mapping description (`{ description: a, b }`) splits it. */
  function proseKeys(value: unknown, pointer = ''): string[] {
    if (Array.isArray(value)) return value.flatMap((item, index) => proseKeys(item, `${pointer}/${index}`));
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, item]) => [
      ...(item === null && (/\s/.test(key) || /[.)]$/.test(key)) ? [`${pointer}/${key}`] : []),
      ...proseKeys(item, `${pointer}/${key}`),
    ]);
  }

  it.each([...SURFACE_IDS.map((surface) => `specs/${surface}.openapi.yaml`), 'specs/sandbox/admin.openapi.yaml'])('%s has no description split into a key by a comma', (file) => {
    const document: unknown = parseYaml(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
    expect(proseKeys(document)).toEqual([]);
  });
});

describe('the sandbox admin spec', () => {
  const admin = () =>
    parseYaml(readFileSync(new URL('../../specs/sandbox/admin.openapi.yaml', import.meta.url), 'utf8')) as {
      components: { schemas: Record<'InjectedFault' | 'FactorKind', { enum: string[] }> };
    };
  /** What one list lacks of the other, by name: a list of nine beside one of eight was shown as `…(8)` and `…(9)`. */
  const differences = (declared: readonly string[], engine: readonly string[]) => ({
    missingFromSpec: engine.filter((name) => !declared.includes(name)),
    notInEngine: declared.filter((name) => !engine.includes(name)),
  });

  it.each([
    ['InjectedFault', 'fault the engine injects (FAULT_KINDS)', FAULT_KINDS],
    ['FactorKind', 'factor kind of a world (FACTOR_KINDS)', FACTOR_KINDS],
  ] as const)('names as %s every %s, and no other', (schema, _, engine) => {
    const declared = admin().components.schemas[schema].enum;
    expect(differences(declared, engine)).toEqual({ missingFromSpec: [], notInEngine: [] });
    expect(declared).toEqual([...engine]);
  });
});
