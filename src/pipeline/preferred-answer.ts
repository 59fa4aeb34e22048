import { SandboxError } from '../errors.js';
import type { RouteDefinition } from '../openapi/to-route-definitions.js';
import { toEnvelopedHint } from './enveloped-errors.js';
import { toExampleBody, toExampleHint } from './example-bodies.js';
import type { OperationResult } from './surface-behaviour.js';

/** Every declared status of an operation with its named examples, e.g. `{ "200": ["enabled"], "500": ["failed"] }`. */
function examplesByStatus(route: RouteDefinition): Record<string, string[]> {
  return Object.fromEntries([...route.responses].map(([status, response]) => [String(status), [...response.examples.keys()]]));
}

/**
 * The documented answer a request asked for with `Prefer: code=<status>` and/or `Prefer: example=<name>` (as Prism
 * reads them: the example is looked up in the status asked for, else in 200). Anything the operation does not
 * document is the client's mistake, so it is a 400 sandbox error that lists what the operation does document
 * (`declared` statuses; `requestedStatus` and its `examples`; `examplesByStatus` for every status), never a 500.
 *
 * @example
 * toPreferredAnswer(route, 500, undefined) // { status: 500, body: <the canonical 500 example> }
 */
export function toPreferredAnswer(route: RouteDefinition, code: number | undefined, example: string | undefined): OperationResult {
  const status = code ?? 200;
  const response = route.responses.get(status);
  if (!response) {
    const hint = toEnvelopedHint(route, status, (name) => `Prefer: example=${name}`);
    const declared = hint || `; it declares ${[...route.responses.keys()].join(', ')}`;
    throw new SandboxError('MOCK_ERR_BAD_PREFER_HEADER', `${route.operationId} declares no ${status} response${declared}`, {
      operationId: route.operationId,
      declared: [...route.responses.keys()],
      examplesByStatus: examplesByStatus(route),
    });
  }
  const examples = [...response.examples.keys()];
  if (example !== undefined && !response.examples.has(example)) {
    const hint = toExampleHint(route, example, status, (other, name) => `send Prefer: code=${other}, example=${name} (or ?__code=${other}&__example=${name})`);
    throw new SandboxError('MOCK_ERR_BAD_PREFER_HEADER', `${route.operationId} has no ${status} example "${example}"${hint}`, {
      operationId: route.operationId,
      requestedStatus: status,
      examples,
      examplesByStatus: examplesByStatus(route),
    });
  }
  if (example === undefined && response.canonicalExample === undefined) {
    // A response without a body (e.g. 204) is answered as it is; one with a schema but no example has nothing to send.
    if (response.schema === undefined) return { status };
    throw new SandboxError('MOCK_ERR_BAD_PREFER_HEADER', `${route.operationId} ${status} has no example to answer with; script a body in a scenario override`, {
      operationId: route.operationId,
      requestedStatus: status,
      examples,
      examplesByStatus: examplesByStatus(route),
    });
  }
  return { status, body: toExampleBody(route, status, example) };
}
