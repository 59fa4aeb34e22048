import { readFile } from 'node:fs/promises';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { parse } from 'yaml';

/** The generated types module of one spec, exactly as `npm run generate:types` writes it. */
export async function toGeneratedTypes(specFile: string, surface: string): Promise<string> {
  const document = parse(await readFile(specFile, 'utf8')) as OpenAPI3;
  const ast = await openapiTS(document, { alphabetize: false, immutable: false });
  return `/**\n * Types of the ${surface} surface, generated from specs/${surface}.openapi.yaml by openapi-typescript.\n * Do not edit: run \`npm run generate:types\`.\n */\n\n${astToString(ast)}${toExampleNames(document)}`;
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
