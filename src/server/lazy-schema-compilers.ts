import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type SchemaControllerOptions = NonNullable<FastifyServerOptions['schemaController']>;
type Builder = (...args: unknown[]) => unknown;

/** A compiler builder of Fastify's, required from Fastify's own location (they are its dependencies, not ours). */
function fastifyDefault(packageName: string): Builder {
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  let builder: Builder | undefined;
  return (...args) => {
    builder ??= (fromFastify(packageName) as () => Builder)();
    return builder(...args);
  };
}

/**
 * Fastify's own schema compilers (ajv and fast-json-stringify), loaded only if a route declares a Fastify schema.
 * Fastify loads them when an app is created, a twentieth of a cold start; no route of ours declares one (the specs
 * are checked by the pipeline's own validators), so a server normally never loads them. These are Fastify's
 * defaults, unchanged, only loaded late.
 */
export function lazySchemaCompilers(): SchemaControllerOptions {
  return {
    compilersFactory: {
      buildValidator: fastifyDefault('@fastify/ajv-compiler') as never,
      buildSerializer: fastifyDefault('@fastify/fast-json-stringify-compiler') as never,
    },
  };
}
