import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { parse } from 'yaml';
import { SURFACE_IDS } from '../src/surfaces/registry.js';

/** The specs that get a types module: each surface's, and the admin API's (`mfa-sandbox/types/admin`). */
export const TYPED_SPECS = [
  ...SURFACE_IDS.map((surface) => ({ name: surface, spec: `specs/${surface}.openapi.yaml`, about: `the ${surface} surface` })),
  { name: 'admin', spec: 'specs/sandbox/admin.openapi.yaml', about: 'the admin API (/__admin)' },
];

/** Where the names of the shipped scenarios go (`mfa-sandbox/types/scenario-names`), beside the specs' types. */
export const SCENARIO_NAMES_MODULE = 'src/types/scenario-names.ts';

/**
 * The names of the shipped scenarios (`scenarios/<surface>/<name>.yaml`) by surface, as a types module, exactly as
 * `npm run generate:types` writes it: the session controls offer them as a scenario is typed.
 */
export async function toScenarioNamesModule(root: string): Promise<string> {
  const lines = [
    '/**',
    ' * Names of the scenarios the package ships, by surface, generated from scenarios/<surface>/<name>.yaml.',
    ' * Do not edit: run `npm run generate:types`.',
    ' */',
    '',
    'export interface shippedScenarios {',
  ];
  for (const surface of SURFACE_IDS) {
    const files = await readdir(join(root, 'scenarios', surface));
    const names = files.flatMap((file) => /^(.+)\.ya?ml$/.exec(file)?.[1] ?? []).sort();
    lines.push(`  ${JSON.stringify(surface)}: ${names.map((name) => JSON.stringify(name)).join(' | ')};`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** The generated types module of one spec (`spec`, relative to the repository), exactly as `npm run generate:types` writes it. */
export async function toGeneratedTypes(root: string, typed: (typeof TYPED_SPECS)[number]): Promise<string> {
  const document = parse(await readFile(join(root, typed.spec), 'utf8')) as OpenAPI3;
  const ast = await openapiTS(document, { alphabetize: false, immutable: false });
  return `/**\n * Types of ${typed.about}, generated from ${typed.spec} by openapi-typescript.\n * Do not edit: run \`npm run generate:types\`.\n */\n\n${astToString(ast)}${toExampleNames(document)}`;
}

/**
 * Every types module `npm run generate:types` writes (`file` relative to `root`), or, when a spec cannot be read
 * (a `$ref` to nothing), the specs that failed with the generator's words: then nothing is to be written.
 */
export async function toTypeModules(root: string): Promise<{ modules: Array<{ file: string; text: string }>; failures: string[] }> {
  const modules: Array<{ file: string; text: string }> = [];
  const failures: string[] = [];
  for (const typed of TYPED_SPECS) {
    try {
      modules.push({ file: `src/types/${typed.name}.ts`, text: await toGeneratedTypes(root, typed) });
    } catch (error) {
      failures.push(`${typed.spec}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) return { modules: [], failures };
  modules.push({ file: SCENARIO_NAMES_MODULE, text: await toScenarioNamesModule(root) });
  return { modules, failures };
}

/** A local `$ref` (`#/components/responses/X`), followed until it ends in an object. */
function resolve<T>(document: OpenAPI3, value: T): T {
  let current: unknown = value;
  for (let hops = 0; hops < 10 && typeof (current as { $ref?: unknown })?.$ref === 'string'; hops++) {
    const path = (current as { $ref: string }).$ref.replace(/^#\//, '').split('/');
    current = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
  }
  return current as T;
}

/**
 * The names of each operation's response examples, by status, which openapi-typescript does not emit: typed handlers
 * use them so that `call.respond(400, 'Error1O12')` (a misspelt example name) fails `tsc`, not a request at run time.
 */
function toExampleNames(document: OpenAPI3): string {
  const lines = ['', '/** Response example names of each operation, by status (for typed handlers). */', 'export interface exampleNames {'];
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, unknown>)) {
      const { operationId, responses } = (operation ?? {}) as {
        operationId?: string;
        responses?: Record<string, { content?: Record<string, { examples?: object }> }>;
      };
      if (!operationId || !responses) continue;
      const statuses = Object.entries(responses)
        .filter(([status]) => /^\d{3}$/.test(status))
        .map(([status, declared]) => {
          const response = resolve(document, declared);
          const names = Object.keys(response.content?.['application/json']?.examples ?? {});
          return `    ${status}: ${names.length ? names.map((name) => JSON.stringify(name)).join(' | ') : 'never'};`;
        });
      lines.push(`  ${JSON.stringify(operationId)}: {`, ...statuses, '  };');
    }
  }
  lines.push('}', '');
  return lines.join('\n');
}
