import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHIPPED_SCENARIOS_DIR } from '../../../src/config.js';
import { SCENARIO_FILE_SCHEMA } from '../../../src/scenarios/scenario-file-schema.js';
import { createScenarioFileAjv, toScenarioFileValidatorFile } from '../../../src/scenarios/scenario-file-validator.js';
import { writeScenarioFileValidator } from '../../../src/snapshots/write-build-snapshots.js';
import { SURFACE_IDS } from '../../../src/surfaces/registry.js';
import { anyJson, toValidArbitrary } from '../../harness/schema-arbitrary.js';

/**
 * The build compiles the scenario file schema's check ahead of time (writeScenarioFileValidator), so a start that must
 * parse a user's file loads neither ajv nor compiles. It must judge every file exactly as the check compiled at run
 * time: the same verdict and the same errors, which become the problems a user reads.
 */
let dir: string;
let built: ValidateFunction;
const fresh = createScenarioFileAjv().compile(SCENARIO_FILE_SCHEMA);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-scenario-validator-'));
  // The generated module requires ajv's runtime helpers and ajv-formats by package name, as from dist/ in the package.
  await symlink(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'));
  await writeScenarioFileValidator(join(dir, 'build-snapshots'));
  built = createRequire(import.meta.url)(toScenarioFileValidatorFile(join(dir, 'build-snapshots'))) as ValidateFunction;
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function verdicts(value: unknown) {
  const judge = (validate: ValidateFunction) => ({ valid: validate(value), errors: validate.errors ?? null });
  return { built: judge(built), fresh: judge(fresh) };
}

/** Every subschema of `schema` with `uniqueItems`, by JSON pointer. */
function uniqueItemsLists(schema: unknown, pointer = ''): Array<[string, Record<string, unknown>]> {
  if (typeof schema !== 'object' || schema === null) return [];
  const own: Array<[string, Record<string, unknown>]> = (schema as { uniqueItems?: unknown }).uniqueItems === true ? [[pointer, schema as Record<string, unknown>]] : [];
  return [...own, ...Object.entries(schema).flatMap(([key, value]) => uniqueItemsLists(value, `${pointer}/${key}`))];
}

describe('the scenario file schema', () => {
  // ajv compares the items of a uniqueItems list by value only when they have a scalar type; otherwise it uses
  // fast-deep-equal, which calls an item's own `valueOf`/`toString` key and throws on `{ valueOf: false }` (two lists
  // missed it, found by random seeds months apart). A list added untyped fails here on every run.
  it('types the items of every uniqueItems list as a scalar', () => {
    const lists = uniqueItemsLists(SCENARIO_FILE_SCHEMA);
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const [pointer, list] of lists) expect((list.items as { type?: unknown } | undefined)?.type, pointer).toMatch(/^(string|number|integer|boolean)$/);
  });
});

describe('the scenario file check compiled at build time', () => {
  it('judges every shipped scenario as the check compiled at run time', async () => {
    let files = 0;
    for (const surface of SURFACE_IDS) {
      for (const name of (await readdir(join(SHIPPED_SCENARIOS_DIR, surface))).filter((file) => file.endsWith('.yaml'))) {
        const { built: b, fresh: f } = verdicts(parse(await readFile(join(SHIPPED_SCENARIOS_DIR, surface, name), 'utf8')));
        expect(b).toEqual(f);
        expect(b.valid).toBe(true);
        files++;
      }
    }
    expect(files).toBeGreaterThan(30);
  });

  it('reports the same errors for broken files (unknown fields, wrong types, a bad e-mail, a missing description)', () => {
    const broken: unknown[] = [
      { description: 'x', world: { colour: 'blue' } },
      { description: 'x', world: { users: [{ id: 'u', email: 'not an e-mail', token: 7 }] } },
      { world: {} },
      { description: '', overrides: [{ operationId: 1, status: 'x' }], lockout: { afterFailedAttempts: -1 } },
      'a string',
      // A unique-items list holding a key named like an Object.prototype member: untyped items made ajv's deep
      // equality call it (`a.valueOf is not a function`), and both checks threw instead of answering.
      { description: 'x', world: { policy: { applications: { web: { enabledFactors: [{}, { valueOf: false }] } } } } },
      { description: 'x', world: { generate: { users: 1, seed: 0, factors: [{}, { valueOf: false }] } } },
      { description: 'x', world: { policy: { methods: [{ toString: 1 }, {}] } } },
    ];
    for (const value of broken) {
      const { built: b, fresh: f } = verdicts(value);
      expect(b.valid).toBe(false);
      expect(b).toEqual(f);
    }
  });

  it('agrees on files the schema accepts and on any JSON', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(toValidArbitrary(SCENARIO_FILE_SCHEMA as never), anyJson), (value) => {
        const { built: b, fresh: f } = verdicts(structuredClone(value));
        expect(b).toEqual(f);
        if (b.valid) accepted++;
      }),
      { numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(5); // both sides of the verdict were exercised (about 1 in 13 here)
  });
});
