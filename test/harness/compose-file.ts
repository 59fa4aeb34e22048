import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** compose.yaml as the tests read it: no container engine runs here, so its promises are checked against the code. */

export type Env = Record<string, string>;

export interface ComposeService {
  image?: string;
  build?: string | { context: string };
  environment?: Env | string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** compose.yaml of the repository at `root`, with its YAML anchors merged (`<<: *sandbox-replica`). */
export function readComposeFile(root = process.cwd()): ComposeFile {
  return parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as ComposeFile;
}

/** `${NAME:-default}` and `${NAME}` as compose interpolates them; with nothing set, the file's defaults. */
export function interpolate(value: string, env: Env = {}): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => env[name] ?? fallback ?? '');
}

/** A service's environment, interpolated with the file's defaults. */
export function composeEnv(service: ComposeService): Env {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((entry) => entry.split(/=(.*)/s, 2) as [string, string])
    : Object.entries(service.environment ?? {});
  return Object.fromEntries(entries.map(([name, value]) => [name, interpolate(String(value))]));
}

/** The sandbox replicas: the services built from the repository's Dockerfile. */
export function sandboxReplicas(compose: ComposeFile): Array<[string, ComposeService]> {
  return Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
}
