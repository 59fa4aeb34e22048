import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacedLoad } from '../../../bench/paced-load.js';

/** A local server on port 0 that notes when each request arrives and answers a GenAuth-like envelope. */
const arrivals: number[] = [];
const server = createServer((request, response) => {
  arrivals.push(performance.now());
  response.setHeader('content-type', 'application/json');
  response.end(request.url === '/fails' ? '{"statusCode":400}' : '{"statusCode":200}');
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('runPacedLoad', () => {
  it('sends exactly rate × duration requests spread over the run, not in a burst, and times each answer', async () => {
    arrivals.length = 0;
    const result = await runPacedLoad(url, { requests: [{ method: 'GET', path: '/' }] }, { requestsPerSecond: 200, connections: 4, durationSeconds: 0.5 });
    expect(result.latenciesMs).toHaveLength(100);
    expect(result.failures).toBe(0);
    expect(result.latenciesMs.every((ms) => ms > 0 && ms < 1_000)).toBe(true);
    // Evenly spaced at 5 ms: the requests take the whole half second (a burst would arrive within a few ms).
    const spreadMs = arrivals[arrivals.length - 1]! - arrivals[0]!;
    expect(spreadMs).toBeGreaterThan(400);
    expect(result.elapsedSeconds).toBeGreaterThan(0.4);
  });

  it('counts answers whose envelope is not a success as failures, and gives each connection its own context', async () => {
    const sessions = new Set<unknown>();
    let counter = 0;
    const result = await runPacedLoad(
      url,
      {
        requests: [
          {
            method: 'GET',
            path: '/fails',
            setupRequest: (request, context) => {
              context.session ??= ++counter;
              sessions.add(context.session);
              return request;
            },
          },
        ],
        isSuccessBody: (body) => body.includes('"statusCode":200'),
      },
      { requestsPerSecond: 100, connections: 2, durationSeconds: 0.2 },
    );
    expect(result.failures).toBe(20);
    expect(result.latenciesMs).toHaveLength(0);
    expect(sessions.size).toBe(20); // a one-request list wraps after every request, and a wrap resets the context, as in autocannon
  });
});
