import { readdir, readFile, stat } from 'node:fs/promises';
import { hasByteOrderMark } from '../json-file-text.js';
import { join } from 'node:path';
import type { LoadedSpec } from '../openapi/load-spec.js';
import { toRouteDefinitions } from '../openapi/to-route-definitions.js';
import { SURFACE_IDS, type SurfaceId } from '../surfaces/registry.js';

/** A pact file that cannot be verified (missing, not JSON, not a pact, or for no surface we can tell). */
export class PactFileError extends Error {
  override name = 'PactFileError';
  /** Who the pact is between, when the file said so before it was refused (reports name them). */
  constructor(
    message: string,
    readonly parties?: { consumer: string; provider: string },
  ) {
    super(message);
  }
}

export interface PactRequestSummary {
  description: string;
  /** The names of its provider states (V3/V4 `providerStates`, V2 `providerState`), in order. */
  providerStates: string[];
  method: string;
  path: string;
  /**
   * A V4 interaction marked `pending`: a new expectation the provider need not meet yet. Its failures are reported and
   * do not fail the pact, as the Pact verifier treats them (docs.pact.io/pending).
   */
  pending: boolean;
}

export interface PactFile {
  file: string;
  consumer: string;
  provider: string;
  interactions: PactRequestSummary[];
  /** The parsed file, as the spec comparator reads it. */
  json: unknown;
}

/** The pact files at a path: the file itself, or every `*.json` in a directory (sorted), named as the user wrote it. */
export async function findPactFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  // A team with a Pact Broker tries its URL first: say what reads one.
  if (!info && /^https?:\/\//i.test(path)) {
    throw new PactFileError(
      `${path}: verify reads pact files, not URLs: download the pact, or run Pact's own Verifier against a running sandbox for pacts from a Pact Broker (README: "Pact's own Verifier against a running sandbox")`,
    );
  }
  if (!info) throw new PactFileError(`${path}: no such file or directory`);
  if (info.isFile()) return [path];
  const files = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) {
    const nested = await findNestedPactDirs(path);
    const holders = `${nested.slice(0, 5).join(', ')}${nested.length > 5 ? ' and more' : ''} ${nested.length === 1 ? 'holds' : 'hold'}`;
    const hint = nested.length > 0 ? `; ${holders} some: give one as --pact` : '';
    throw new PactFileError(`${path}: no pact files (*.json) in this directory${hint}`);
  }
  return files.map((name) => join(path, name));
}

/** How deep below a `--pact` directory nested pact files are looked for (a broker's `<consumer>/<provider>` layout is 2). */
const NESTED_DEPTH = 3;

/**
 * The folders under the directory `path` (to `NESTED_DEPTH` levels) that hold `*.json` files, which `findPactFiles` does
 * not read: a layout of one folder per consumer left pacts unverified without a word. None for a file.
 *
 * @example
 * await findNestedPactDirs('pacts') // ['pacts/web', 'pacts/web/v2']
 */
export async function findNestedPactDirs(path: string, depth = NESTED_DEPTH): Promise<string[]> {
  if (depth === 0) return [];
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  const nested: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const dir = join(path, entry.name);
    const inside = await readdir(dir).catch(() => []);
    if (inside.some((name) => name.endsWith('.json'))) nested.push(dir);
    nested.push(...(await findNestedPactDirs(dir, depth - 1)));
  }
  return nested.sort();
}

/** A parsed pact file before it is checked: any member may be missing or of another type. */
interface RawPact {
  consumer?: { name?: unknown };
  provider?: { name?: unknown };
  interactions?: unknown;
}

interface RawInteraction {
  type?: unknown;
  description?: unknown;
  providerStates?: unknown;
  providerState?: unknown;
  pending?: unknown;
  request?: { path?: unknown; method?: unknown };
}

function toProviderStates(interaction: RawInteraction | undefined): string[] {
  if (typeof interaction?.providerState === 'string') return [interaction.providerState];
  if (!Array.isArray(interaction?.providerStates)) return [];
  return interaction.providerStates.flatMap((state: { name?: unknown } | undefined) => (typeof state?.name === 'string' ? [state.name] : []));
}

/** Read a pact file and summarise its HTTP interactions; message pacts are not something a mock server can verify. */
export async function loadPactFile(file: string): Promise<PactFile> {
  let json: RawPact | undefined;
  try {
    const text = await readFile(file, 'utf8');
    // Not skipped, as the CLI's other JSON files' is: the Pact verifier reads the file itself, and refuses the mark
    // (every interaction then failed with "no result from the Pact verifier").
    if (hasByteOrderMark(text))
      throw new PactFileError(
        `${file}: starts with a UTF-8 byte order mark (as Windows editors write), which the Pact verifier cannot read; save it as UTF-8 without BOM`,
      );
    json = JSON.parse(text) as RawPact | undefined;
  } catch (error) {
    if (error instanceof PactFileError) throw error;
    throw new PactFileError(`${file}: not a JSON file (${(error as Error).message})`);
  }
  if (typeof json?.consumer?.name !== 'string' || typeof json?.provider?.name !== 'string' || !Array.isArray(json?.interactions)) {
    throw new PactFileError(`${file}: not a pact file (needs consumer.name, provider.name and interactions)`);
  }
  // A consumer test run that recorded nothing writes such a file: passing it would keep CI green with no contract.
  if (json.interactions.length === 0)
    throw new PactFileError(`${file}: the pact has no interactions, so there is nothing to verify (did its consumer tests run?)`, {
      consumer: json.consumer.name,
      provider: json.provider.name,
    });
  const interactions = json.interactions.map((interaction: RawInteraction | undefined, index): PactRequestSummary => {
    const type = interaction?.type ?? 'Synchronous/HTTP';
    const path = interaction?.request?.path;
    const method = interaction?.request?.method ?? 'GET';
    if (type !== 'Synchronous/HTTP' || typeof path !== 'string') {
      throw new PactFileError(`${file}: interaction ${index} (${JSON.stringify(interaction?.description)}) is not an HTTP request/response interaction`);
    }
    return {
      description: String(interaction?.description),
      providerStates: toProviderStates(interaction),
      method: (typeof method === 'string' ? method : 'GET').toLowerCase(),
      path,
      pending: interaction?.pending === true,
    };
  });
  return { file, consumer: json.consumer.name, provider: json.provider.name, interactions, json };
}

function matchesEverywhere(pact: PactFile, spec: LoadedSpec): boolean {
  const routes = toRouteDefinitions(spec.api).map((route) => ({
    method: route.method,
    pattern: new RegExp(`^${route.routerPath.replace(/:[^/]+/g, '[^/]+')}$`),
  }));
  return pact.interactions.every((interaction) => routes.some((route) => route.method === interaction.method && route.pattern.test(interaction.path)));
}

/**
 * Which surface a pact is for: the one named with `--surface`, else the one the provider name names
 * ("flashback", "Nest Auth API", "lerian-identity"), else the only spec that has every request the pact makes.
 */
export function toPactSurface(pact: PactFile, specs: ReadonlyMap<SurfaceId, LoadedSpec<SurfaceId>>, explicit?: SurfaceId): SurfaceId {
  const provider = pact.provider.toLowerCase().replace(/[^a-z0-9]/g, '');
  const named = SURFACE_IDS.filter((surface) => provider.includes(surface.replace(/-/g, '')));
  if (explicit) {
    // A directory of every provider's pacts verified with --surface: the others' would fail request by request. A pact
    // named for another surface but made of this one's requests (a copied provider name) is this one's, as asked.
    const spec = specs.get(explicit);
    if (named.length === 1 && named[0] !== explicit && !(spec && matchesEverywhere(pact, spec))) {
      throw new PactFileError(
        `${pact.file}: provider "${pact.provider}" is ${named[0]}, not ${explicit} (--surface, or MFA_SANDBOX_SURFACE): verify it without --surface, or keep each surface's pacts apart`,
      );
    }
    return explicit;
  }
  const served = named.filter((surface) => specs.has(surface));
  const fitting = [...specs.values()].filter((spec) => matchesEverywhere(pact, spec)).map((spec) => spec.surface);
  if (served.length === 1) {
    // Named for one surface, made of another's requests (a consumer that copied a pact's provider name): verified
    // against the named one, every interaction failed with a 404 and nothing said why.
    const [surface] = served as [SurfaceId];
    if (!fitting.includes(surface) && fitting.length === 1) {
      throw new PactFileError(
        `${pact.file}: provider "${pact.provider}" names ${surface}, but its requests are ${fitting[0]}'s (${surface}'s spec lacks some of them): name the provider for ${fitting[0]} in the consumer, or pass --surface ${fitting[0]}`,
      );
    }
    return surface;
  }
  if (fitting.length === 1) return fitting[0]!;
  throw new PactFileError(
    `${pact.file}: cannot tell which surface provider "${pact.provider}" is (${fitting.length === 0 ? 'no spec has all its requests' : `fits ${fitting.join(', ')}`}); pass --surface <${[...specs.keys()].join('|')}>`,
  );
}
