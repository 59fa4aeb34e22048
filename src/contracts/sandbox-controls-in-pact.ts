import { toRequestContext, type RequestContext } from '../pipeline/request-context.js';
import type { SpecProblem } from './check-pact-against-spec.js';

/**
 * Interactions whose request scripts the sandbox's answer: `Prefer: code=`, `example=`, `scenario=`, `fault=` or
 * `dynamic=true`, or a scenario named by `baggage`. The mock obeys them, so such an interaction passes against the
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
    const controls = toScriptingControls(toHeaders((interaction as { request?: { headers?: unknown } }).request?.headers));
    if (controls.length === 0) return [];
    const description = (interaction as { description?: unknown }).description;
    return [
      {
        code: 'request.header.sandbox-control',
        message:
          `${controls.join(', ')} scripts the sandbox's answer, and the vendor ignores it: the interaction passes against the ` +
          'sandbox whatever the provider does. Reach the same case with a provider state (e.g. "the identity service is ' +
          'failing" for a 500, "the sandbox is in scenario <name>"), and record no sandbox control in the pact',
        interaction: typeof description === 'string' ? description : undefined,
        location: `[root].interactions[${index}].request.headers`,
      },
    ];
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
