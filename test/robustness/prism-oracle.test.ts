import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxDefinition } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { SURFACE_IDS, type SurfaceId } from '../../src/surfaces/registry.js';
import { freeLoopbackPort, startPrism, startSandboxProcess, type ChildServer } from '../harness/child-server.js';
import { ENROLMENT_FLOWS } from '../harness/enrolment-flows.js';
import { toScenarioExchanges, type ScenarioExchange } from '../harness/scenario-exchanges.js';
import { fetchTransport, toHttpRequest, type HttpResponse, type Transport } from '../harness/vendor-request.js';

/**
 * Prism as an independent oracle: the mock runs as `mfa-sandbox serve` (its own response validation off, so nothing of
 * ours stands between it and Prism), and `prism proxy --errors` sits in front of each surface with that surface's spec.
 * Every scenario's requests (every scenario x every operation, from the spec's examples: the data behind the scenario
 * matrix) and every surface's enrolment flow go through the proxy. Prism checks each request and the mock's response
 * against the spec; anything it flags fails the build:
 *   - an `sl-violations` header, whatever the severity (an undeclared status code is only a "Warning" to Prism);
 *   - an answer of Prism's own (application/problem+json, which no vendor spec declares): it refused the request
 *     (422, 401), the response (500 VIOLATIONS), or could not read the mock's answer (FetchError).
 * The only exchanges excused are those the mock's own journal marks as broken on purpose by a fault scenario.
 */

interface Outcome {
  label: string;
  response: HttpResponse;
  violations: string[];
}

const PACING_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let mock: ChildServer;
const proxies = new Map<SurfaceId, ChildServer>();
let exchanges: ScenarioExchange[];
const tally = { scenario: 0, flow: 0, faultInjected: 0, surfaces: 0 };

beforeAll(async () => {
  const { specs, catalogue } = await loadSandboxDefinition(DEFAULT_CONFIG);
  exchanges = toScenarioExchanges(specs, catalogue, 'oracle');
  // The proxies need the mock's URL before they start; choosing the port first lets all five start at once.
  const port = await freeLoopbackPort();
  const upstream = `http://127.0.0.1:${port}`;
  await Promise.all([
    startSandboxProcess(['--validate-responses', 'off'], {}, port).then((started) => (mock = started)),
    ...SURFACE_IDS.map(async (surface) => {
      proxies.set(surface, await startPrism(['proxy', '--errors', `specs/${surface}.openapi.yaml`, `${upstream}/${surface}`]));
    }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([...proxies.values()].map((proxy) => proxy.stop()));
  await mock?.stop();
  console.log(
    `prism oracle: ${tally.scenario + tally.flow} exchanges checked by prism proxy --errors across ${tally.surfaces} surfaces ` +
      `(${tally.scenario} scenario requests, ${tally.flow} enrolment-flow requests); ${tally.faultInjected} answers broken on purpose by fault scenarios were excused`,
  );
});

/** What Prism says about one exchange. */
function violationsIn(response: HttpResponse): string[] {
  const found: string[] = [];
  const header = response.headers['sl-violations'];
  if (header) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(header);
    } catch {
      parsed = header; // Prism cuts very long lists short ("Too many violations! ...")
    }
    for (const violation of Array.isArray(parsed) ? parsed : [parsed]) found.push(`sl-violations ${JSON.stringify(violation)}`);
  }
  if ((response.headers['content-type'] ?? '').startsWith('application/problem+json')) {
    found.push(`problem+json answer ${response.status} ${JSON.stringify(response.data ?? response.text).slice(0, 600)}`);
  }
  return found;
}

/** Send through the surface's proxy, handing every exchange, with what Prism said about it, to `keep`. */
function recordingTransport(surface: SurfaceId, label: string, keep: (outcome: Outcome) => void): Transport {
  const send = fetchTransport(proxies.get(surface)!.url);
  return async (request) => {
    const response = await send(request);
    keep({ label: `${label} ${request.method} ${request.url}`, response, violations: violationsIn(response) });
    return response;
  };
}

/** The mock's own record of a session: proves each exchange reached the mock, and says which answers it broke on purpose. */
async function journalOf(session: string): Promise<Array<{ operationId?: string; fault?: string }>> {
  const response = await fetch(`${mock.url}/__admin/sessions/${session}/journal`);
  return response.status === 200 ? ((await response.json()) as Array<{ operationId?: string; fault?: string }>) : [];
}

function describeViolations(outcomes: Outcome[]): string {
  return outcomes.map((outcome) => `${outcome.label} -> ${outcome.response.status}\n    ${outcome.violations.join('\n    ')}`).join('\n');
}

describe('the oracle itself', () => {
  it('flags a response the spec does not declare, and a request the spec forbids', async () => {
    const send = fetchTransport(proxies.get('flashback')!.url);
    const credentials = { kind: 'bearer', token: 'flashback-token-ada' } as const;
    // A malformed sandbox header makes the mock answer with its own 400 fault, which no Flashback operation declares.
    const undeclared = await send(
      toHttpRequest({
        surface: 'flashback',
        method: 'GET',
        path: '/mfa/status',
        credentials,
        session: 'oracle-canary',
        headers: { 'x-mock-session': 'not a session!' },
      }),
    );
    expect(violationsIn(undeclared).join('\n')).toMatch(/Unable to match the returned status code/);
    const forbidden = await send(
      toHttpRequest({ surface: 'flashback', method: 'POST', path: '/mfa/setup', body: { mfaType: 42 }, credentials, session: 'oracle-canary' }),
    );
    expect(forbidden.status).toBe(422);
    expect(violationsIn(forbidden).join('\n')).toMatch(/UNPROCESSABLE_ENTITY.*mfaType/);
  });
});

describe.each(SURFACE_IDS)('prism proxy --errors in front of %s', (surface) => {
  it('flags no request or response of any scenario, or of the enrolment flow', async () => {
    const ours = exchanges.filter((exchange) => exchange.surface === surface);
    const sessions = [...new Set(ours.map((exchange) => exchange.session))];
    const problems: Outcome[] = [];
    let faultInjected = 0;

    // Sessions are independent, so they run side by side; within a session the order is the spec's, as in the matrix.
    // (One session per scenario, and one exchange per operation in it.)
    await Promise.all(
      sessions.map(async (session) => {
        const inSession = ours.filter((exchange) => exchange.session === session);
        const outcomes: Outcome[] = new Array(inSession.length);
        const send = (exchange: ScenarioExchange, index: number) =>
          recordingTransport(surface, `${exchange.scenario}/${exchange.operationId}`, (outcome) => (outcomes[index] = outcome))(toHttpRequest(exchange));
        if (inSession.some((exchange) => exchange.delayed)) {
          // A slow scenario answers each request seconds late (after running it): send them in order, paced, without
          // waiting for each answer, so the replay takes one delay instead of one per operation.
          await Promise.all(
            inSession.map(async (exchange, index) => {
              await sleep(index * PACING_MS);
              await send(exchange, index);
            }),
          );
        } else {
          for (const [index, exchange] of inSession.entries()) await send(exchange, index);
        }
        const journal = await journalOf(session);
        expect(journal.length, `${session}: every exchange reached the mock through the proxy`).toBe(inSession.length);
        outcomes.forEach((outcome, index) => {
          const exchange = inSession[index]!;
          // A session holds one exchange per operation, so the operation finds its journal entry whatever the order.
          if (journal.find((entry) => entry.operationId === exchange.operationId)?.fault) {
            faultInjected++;
            return;
          }
          const sanity = [
            ...(outcome.response.headers['x-mock-error'] ? ['the mock answered with a sandbox error'] : []),
            ...(outcome.response.status >= 500 && !exchange.scripted ? ['a 5xx the scenario does not script'] : []),
          ];
          if (outcome.violations.length || sanity.length) problems.push({ ...outcome, violations: [...outcome.violations, ...sanity] });
        });
      }),
    );

    const flowSession = `oracle-flow-${surface}`;
    const flowOutcomes: Outcome[] = [];
    let flowError: unknown;
    try {
      await ENROLMENT_FLOWS[surface](
        recordingTransport(surface, 'enrolment flow', (outcome) => flowOutcomes.push(outcome)),
        flowSession,
      );
    } catch (error) {
      flowError = error;
    }
    problems.push(...flowOutcomes.filter((outcome) => outcome.violations.length > 0));

    tally.scenario += ours.length;
    tally.flow += flowOutcomes.length;
    tally.faultInjected += faultInjected;
    tally.surfaces++;

    expect(problems, describeViolations(problems)).toEqual([]);
    expect(flowError).toBeUndefined();
    expect(flowOutcomes.length).toBeGreaterThanOrEqual(4);
    expect((await journalOf(flowSession)).length, 'every flow request reached the mock').toBe(flowOutcomes.length);
    expect(mock.isRunning()).toBe(true);
  });
});
