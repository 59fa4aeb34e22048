import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderStateHandler } from './provider-state-handler.js';

/**
 * The verifier's state-change URL (`providerStatesSetupUrl`), served on 127.0.0.1 and a random port.
 *
 * Why not pact-js `stateHandlers`: pact-js answers 200 even when a handler throws and only warns about a state it has
 * no handler for (pact-js issue #631), so an unknown state would pass silently. Here a state that cannot be set up
 * answers 400 with the reason, and the verifier fails that interaction ("state change handlers has failed").
 */

export interface ProviderStateEndpoint {
  url: string;
  close(): Promise<void>;
}

interface StateChange {
  state?: unknown;
  params?: unknown;
  action?: unknown;
}

async function readJson(request: IncomingMessage): Promise<StateChange> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text ? (JSON.parse(text) as StateChange) : {};
}

/** Answers one state change; every error becomes a 400 with the reason, so the returned promise never rejects. */
async function answerStateChange(handler: ProviderStateHandler, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const answer = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  try {
    const change = await readJson(request);
    if (change.action === 'teardown') {
      handler.teardown();
      return answer(200, {});
    }
    const params = typeof change.params === 'object' && change.params !== null ? (change.params as Record<string, unknown>) : {};
    return answer(200, await handler.setup(typeof change.state === 'string' ? change.state : '', params));
  } catch (error) {
    return answer(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

export async function startProviderStateEndpoint(handler: ProviderStateHandler): Promise<ProviderStateEndpoint> {
  const server = createServer((request, response) => void answerStateChange(handler, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/provider-states`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the verifier keeps its connection alive; do not wait for it to idle out
      }),
  };
}
