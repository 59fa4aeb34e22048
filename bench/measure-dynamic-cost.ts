import type { JournalRecord } from '../src/engine/journal.js';
import { SessionRegistry, type SessionState } from '../src/engine/session-registry.js';
import { toSandboxDefinition } from '../src/msw/sandbox-definition.js';
import { SANDBOX_DEFINITION_SNAPSHOT } from '../src/msw/sandbox-definition-snapshot.js';
import type { PlainRequest } from '../src/pipeline/plain-exchange.js';
import { createSurfaceEngine, type EngineRoute } from '../src/pipeline/surface-engine.js';
import { MemoryStateStore } from '../src/state/memory-state-store.js';
import { toSurface, type SurfaceId } from '../src/surfaces/registry.js';
import { median } from './measure-cold-start.js';

/** One request measured with and without `Prefer: dynamic=true`. */
interface DynamicCase {
  label: string;
  surface: SurfaceId;
  operationId: string;
  request: Omit<PlainRequest, 'headers'> & { headers: Record<string, string> };
}

const CASES: DynamicCase[] = [
  {
    label: 'Flashback GET /mfa/status',
    surface: 'flashback',
    operationId: 'getMFAStatus',
    request: { method: 'GET', url: '/flashback/mfa/status', headers: { authorization: 'Bearer flashback-token-ada' }, query: {}, params: {}, body: undefined },
  },
  {
    label: 'nest-auth GET /auth/mfa/devices',
    surface: 'nest-auth',
    operationId: 'listMfaDevices',
    request: {
      method: 'GET',
      url: '/nest-auth/auth/mfa/devices',
      headers: { authorization: 'Bearer nest-auth-token-ada' },
      query: {},
      params: {},
      body: undefined,
    },
  },
];

export interface DynamicCostFigures {
  label: string;
  /** Median µs per answer of the request as it is (the state's answer, a copy of the example's shape). */
  exampleMicros: number;
  /** Median µs per answer with `Prefer: dynamic=true, seed=<n>` (json-schema-faker already loaded). */
  dynamicMicros: number;
  ratio: number;
}

/** The engine's answerer of one operation, as the server and MSW run it: scenario mfa-enabled, validation on. */
function engineRoute(surface: SurfaceId, operationId: string): EngineRoute {
  const { specs, catalogue } = toSandboxDefinition(SANDBOX_DEFINITION_SNAPSHOT);
  const sessions = new SessionRegistry({
    store: new MemoryStateStore<SessionState, JournalRecord>({ ttlMs: 60_000, maxEntries: 1_000, logSize: 100, now: () => Date.now() }),
    catalogue,
    defaultScenario: 'mfa-enabled',
  });
  const routes = createSurfaceEngine({ spec: specs.get(surface)!, behaviour: toSurface(surface).behaviour, sessions, validateResponses: true });
  const route = routes.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`bench: no operation ${operationId} on ${surface}`);
  return route;
}

async function timeBatch(route: EngineRoute, request: PlainRequest, count: number, seedOf: (index: number) => number | undefined): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const seed = seedOf(index);
    const headers = seed === undefined ? request.headers : { ...request.headers, prefer: `dynamic=true, seed=${seed}` };
    const answer = route.answer({ ...request, headers });
    const settled = answer instanceof Promise ? await answer : answer;
    if (settled.status !== 200) throw new Error(`bench: ${request.url} answered ${settled.status}: ${settled.body}`);
  }
  return ((performance.now() - started) * 1000) / count;
}

/**
 * What a `Prefer: dynamic=true` answer costs against the same request without it, in-process on the engine (no HTTP, so
 * the ratio is the pipeline's own): batches of each, alternated, medians. Each dynamic request has its own seed, so
 * json-schema-faker generates anew every time (as for clients that vary the seed); it is loaded before timing.
 */
export async function measureDynamicCost(options: { batches: number; requestsPerBatch: number }): Promise<DynamicCostFigures[]> {
  const figures: DynamicCostFigures[] = [];
  for (const { label, surface, operationId, request } of CASES) {
    const route = engineRoute(surface, operationId);
    // Warm up both paths (and load json-schema-faker, which only the first dynamic request pays).
    await timeBatch(route, request, options.requestsPerBatch, () => undefined);
    await timeBatch(route, request, options.requestsPerBatch, (index) => index);
    const example: number[] = [];
    const dynamic: number[] = [];
    let seed = 0;
    for (let batch = 0; batch < options.batches; batch++) {
      example.push(await timeBatch(route, request, options.requestsPerBatch, () => undefined));
      dynamic.push(await timeBatch(route, request, options.requestsPerBatch, () => ++seed));
    }
    const exampleMicros = median(example);
    const dynamicMicros = median(dynamic);
    figures.push({ label, exampleMicros, dynamicMicros, ratio: dynamicMicros / exampleMicros });
  }
  return figures;
}

/** The report's section: one row per request. */
export function dynamicCostTable(figures: DynamicCostFigures[]): string {
  const rows = figures.map(
    (entry) => `| ${entry.label} | ${entry.exampleMicros.toFixed(1)} | ${entry.dynamicMicros.toFixed(1)} | ${entry.ratio.toFixed(2)}× |`,
  );
  return [
    '### Dynamic answers: `Prefer: dynamic=true` vs the same request',
    '',
    'In-process on the engine (scenario mfa-enabled, response validation on), a fresh seed per dynamic request, medians of alternated batches.',
    '',
    '| request | µs per answer, as it is | µs per answer, dynamic=true | dynamic ÷ as it is |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
