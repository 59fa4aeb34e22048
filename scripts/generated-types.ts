import { readFile } from 'node:fs/promises';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { parse } from 'yaml';

/** The generated types module of one spec, exactly as `npm run generate:types` writes it. */
export async function toGeneratedTypes(specFile: string, surface: string): Promise<string> {
  const document = parse(await readFile(specFile, 'utf8')) as OpenAPI3;
  const ast = await openapiTS(document, { alphabetize: false, immutable: false });
  return `/**\n * Types of the ${surface} surface, generated from specs/${surface}.openapi.yaml by openapi-typescript.\n * Do not edit: run \`npm run generate:types\`.\n */\n\n${astToString(ast)}`;
}
