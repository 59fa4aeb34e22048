import { Agent, request as httpRequest } from 'node:http';
import type { AutocannonRequest } from 'autocannon';
import type { LoadPlan } from './measure-throughput.js';

/** A paced run: this many requests per second in total, spread evenly, over at most `connections` sockets. */
export interface PacedLoadSettings {
  requestsPerSecond: number;
  connections: number;
  durationSeconds: number;
}

export interface PacedLoadResult {
  /** Every response's latency in ms (float), from the moment its request was written. */
  latenciesMs: number[];
  /** Requests that got no answer, a non-2xx answer or a failed envelope. */
  failures: number;
  /** Seconds from the first request sent to the last answer. */
  elapsedSeconds: number;
  /** Requests written more than 1 ms past their due time (the 1 ms timer firing late, or every connection busy). */
  queuedLate: number;
}

/** One connection's turn through the plan's request list, with its own context (autocannon's semantics). */
interface Slot {
  index: number;
  context: Record<string, unknown>;
  busy: boolean;
}

function nextRequest(plan: LoadPlan, slot: Slot): AutocannonRequest {
  const template = plan.requests[slot.index]!;
  const request = template.setupRequest ? template.setupRequest({ ...template }, slot.context) : template;
  slot.index++;
  if (slot.index === plan.requests.length) {
    slot.index = 0;
    slot.context = {}; // autocannon resets a connection's context when it wraps the list; the toggle relies on it
  }
  return request;
}

/**
 * Sends `requestsPerSecond × durationSeconds` requests at evenly spaced due times (checked every millisecond) over a
 * keep-alive pool of `connections` sockets, one request in flight per connection. autocannon's `overallRate` is not
 * used for this: it lets each connection send its whole per-second quota back to back at the start of every second
 * and then idle, so its "fixed rate" is full load in bursts, and its latencies are those of full load.
 */
export async function runPacedLoad(url: string, plan: LoadPlan, settings: PacedLoadSettings): Promise<PacedLoadResult> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: settings.connections });
  const total = Math.round(settings.requestsPerSecond * settings.durationSeconds);
  const intervalMs = 1000 / settings.requestsPerSecond;
  const slots: Slot[] = Array.from({ length: settings.connections }, () => ({ index: 0, context: {}, busy: false }));
  const latenciesMs: number[] = [];
  const due: number[] = [];
  let scheduled = 0;
  let settled = 0;
  let failures = 0;
  let queuedLate = 0;
  let lastAnswerAt = 0;
  const startedAt = performance.now();

  return new Promise<PacedLoadResult>((resolve) => {
    const finishIfDone = () => {
      if (settled < total) return;
      clearInterval(ticker);
      agent.destroy();
      resolve({ latenciesMs, failures, elapsedSeconds: (lastAnswerAt - startedAt) / 1000, queuedLate });
    };
    const send = (slot: Slot, dueAt: number) => {
      slot.busy = true;
      const planned = nextRequest(plan, slot);
      const sentAt = performance.now();
      if (sentAt - dueAt > 1) queuedLate++;
      let done = false;
      /** Records the answer (latency of successes only) once, whatever mix of events the socket produces. */
      const settle = (success: boolean) => {
        if (done) return;
        done = true;
        lastAnswerAt = performance.now();
        if (success) latenciesMs.push(lastAnswerAt - sentAt);
        else failures++;
        settled++;
        slot.busy = false;
        dispatch();
        finishIfDone();
      };
      const outgoing = httpRequest(
        { agent, hostname, port, method: planned.method ?? 'GET', path: planned.path ?? '/', headers: planned.headers ?? {}, timeout: 10_000 },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            settle(status >= 200 && status < 300 && (plan.isSuccessBody?.(body) ?? true));
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => settle(false));
      outgoing.end(planned.body);
    };
    const dispatch = () => {
      for (const slot of slots) {
        if (due.length === 0) return;
        if (!slot.busy) send(slot, due.shift()!);
      }
    };
    const ticker = setInterval(() => {
      const now = performance.now();
      while (scheduled < total && startedAt + scheduled * intervalMs <= now) due.push(startedAt + scheduled++ * intervalMs);
      dispatch();
    }, 1);
  });
}
