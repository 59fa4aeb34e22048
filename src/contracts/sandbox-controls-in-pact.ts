import { toRequestContext, type RequestContext } from '../pipeline/request-context.js';
import type { SpecProblem } from './check-pact-against-spec.js';

/**
 * Interactions whose request scripts the sandbox's answer: `Prefer: code=`, `example=`, `scenario=`, `fault=` or
 * `dynamic=true`, a scenario named by `baggage`, or Prism's query forms (`?__code=500`, `__example=`, `__dynamic=true`). The mock obeys them, so such an interaction passes against the
 * sandbox whatever the provider does, while the vendor ignores them and answers as its state is: the contract would
 * prove nothing about the provider. Each fails its interaction, beside the spec check's errors, and says how to reach
 * the same case for real (a provider state). Controls that change no answer (`latency`, `explain`, the session, which
 * verification sets itself) pass.
 *
 * @example
 * checkSandboxControls(pact.json)
 * // [{ code: 'request.header.sandbox-control', message: 'Prefer: code=500 scripts the sandbox's answer ...', ... }]
 */
export function checkSandboxControls(pact: unknown): SpecProblem[] {
  const interactions = (pact as { interactions?: unknown }).interactions;
  if (!Array.isArray(interactions)) return [];
  return interactions.flatMap((interaction: unknown, index) => {
    const request = (interaction as { request?: { headers?: unknown; query?: unknown } }).request;
    const description = (interaction as { description?: unknown }).description;
    const problem = (controls: string[], part: 'header' | 'query'): SpecProblem[] =>
      controls.length === 0
        ? []
        : [
            {
              code: `request.${part}.sandbox-control`,
              message:
                `${controls.join(', ')} scripts the sandbox's answer, and the vendor ignores it: the interaction passes against the ` +
                'sandbox whatever the provider does. Reach the same case with a provider state (e.g. "the identity service is ' +
                'failing" for a 500, "the sandbox is in scenario <name>"), and record no sandbox control in the pact',
              interaction: typeof description === 'string' ? description : undefined,
              location: `[root].interactions[${index}].request.${part === 'header' ? 'headers' : 'query'}`,
            },
          ];
    return [...problem(toScriptingControls(toHeaders(request?.headers)), 'header'), ...problem(toQueryControls(toQueryString(request?.query)), 'query')];
  });
}

/** A pact's request headers (V2/V3: a string per name; V4: a list) as a server receives them: names in lower case. */
function toHeaders(headers: unknown): Record<string, string | string[]> {
  if (typeof headers !== 'object' || headers === null) return {};
  const received: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') received[name.toLowerCase()] = value;
    else if (Array.isArray(value)) received[name.toLowerCase()] = value.map(String);
  }
  return received;
}

/**
 * A pact's request query (V2: the query string; V3/V4: a list of values per name) as a query string, for Prism's query
 * forms of the preferences (`?__code=500`).
 */
function toQueryString(query: unknown): string {
  if (typeof query === 'string') return query;
  if (typeof query !== 'object' || query === null) return '';
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(query)) {
    for (const value of Array.isArray(values) ? values : [values]) params.append(name, String(value));
  }
  return params.toString();
}

/** The controls among the headers that change what the sandbox answers, as the request wrote them. */
function toScriptingControls(headers: Record<string, string | string[]>): string[] {
  let context: RequestContext;
  try {
    context = toRequestContext(headers);
  } catch (error) {
    // The mock refuses such a request with its own 400 fault, which no vendor would send.
    return [`an unreadable sandbox control (${(error as Error).message})`];
  }
  const controls: string[] = [];
  if (context.code !== undefined) controls.push(`Prefer: code=${context.code}`);
  if (context.example !== undefined) controls.push(`Prefer: example=${context.example}`);
  if (context.scenario !== undefined)
    controls.push(
      context.scenarioFrom === 'prefer' ? `Prefer: scenario=${context.scenario}` : `the ${context.scenarioFrom} naming scenario ${context.scenario}`,
    );
  if (context.fault !== undefined) controls.push(`Prefer: fault=${context.fault}`);
  if (context.dynamic === true) controls.push('Prefer: dynamic=true');
  return controls;
}

/** Prism's query forms among the query's parameters that change what the sandbox answers (`?__code=500`). */
function toQueryControls(query: string): string[] {
  if (!query.includes('__')) return [];
  let context: RequestContext;
  try {
    context = toRequestContext({}, `/?${query}`);
  } catch (error) {
    return [`an unreadable sandbox control (${(error as Error).message})`];
  }
  const controls: string[] = [];
  if (context.code !== undefined) controls.push(`?__code=${context.code}`);
  if (context.example !== undefined) controls.push(`?__example=${context.example}`);
  if (context.dynamic === true) controls.push('?__dynamic=true');
  return controls;
}
