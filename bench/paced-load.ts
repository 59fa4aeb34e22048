import { connect, type Socket } from 'node:net';
import type { AutocannonRequest } from 'autocannon';
import { createHttpResponseReader, type HttpAnswer } from './http-response-reader.js';
import type { LoadPlan } from './measure-throughput.js';
import { toRequestBytes } from './request-bytes.js';
import { createSendMetronome, type SendMetronome } from './send-metronome.js';

/** A paced run: this many requests per second in total, spread evenly, over at most `connections` sockets. */
export interface PacedLoadSettings {
  requestsPerSecond: number;
  connections: number;
  durationSeconds: number;
  /** A request unanswered this long counts as failed and its connection is replaced (default 10 s). */
  timeoutMs?: number;
}

export interface PacedLoadResult {
  /**
   * Every successful response's latency in ms (float) from its request's due time: free of coordinated omission, a
   * request that waited for a free connection (or for a late client) counts that wait.
   */
  fromDueMs: Float64Array;
  /** The same responses' latency from the moment the request was written to the socket (the server's share). */
  fromWriteMs: Float64Array;
  /**
   * For every request sent: how long after its due time it was written. This is the client's lateness plus any wait
   * for a free connection (every connection busy because the server is slow or paused).
   */
  sendLagMs: Float64Array;
  /**
   * Every successful response's latency in ms from the moment the client first ran after its request's due time: as
   * `fromDueMs`, without the client's own lateness (but with any wait for a free connection, which is the server's).
   */
  fromWakeMs: Float64Array;
  /** For every due time: how late the client first ran after it. The client's own lateness, whatever the server does. */
  wakeLagMs: Float64Array;
  /** Requests that got no answer (socket error, timeout), a non-2xx answer or a failed envelope. */
  failures: number;
  /** Seconds from the first due time to the last answer. */
  elapsedSeconds: number;
  /** Requests written more than 1 ms past their due time (the client waking late, or every connection busy). */
  queuedLate: number;
}

/** Let the connections open before the first due time, so no request's latency includes a TCP handshake. */
const CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** One connection: its socket, its turn through the plan's request list with its own context, its request in flight. */
interface Slot {
  socket: Socket | undefined;
  index: number;
  context: Record<string, unknown>;
  /** The next request's bytes, built while the connection waits for its answer. */
  nextBytes: Buffer;
  busy: boolean;
  dueAt: number;
  /** When the client first ran after the request's due time. */
  wokeAt: number;
  writtenAt: number;
}

/** The plan's next request for this connection, with autocannon's semantics (the context resets when the list wraps). */
function nextRequest(plan: LoadPlan, slot: Pick<Slot, 'index' | 'context'>): AutocannonRequest {
  const template = plan.requests[slot.index]!;
  const request = template.setupRequest ? template.setupRequest({ ...template }, slot.context) : template;
  slot.index++;
  if (slot.index === plan.requests.length) {
    slot.index = 0;
    slot.context = {}; // autocannon resets a connection's context when it wraps the list; the toggle relies on it
  }
  return request;
}

/** A request list entry without `setupRequest` is the same bytes every time: build them once per run. */
function toBytesOnce(cache: WeakMap<AutocannonRequest, Buffer>, request: AutocannonRequest, host: string): Buffer {
  if (request.setupRequest) return toRequestBytes(request, host);
  let bytes = cache.get(request);
  if (!bytes) cache.set(request, (bytes = toRequestBytes(request, host)));
  return bytes;
}

function openSocket(port: number, host: string): Socket {
  const socket = connect({ port, host, noDelay: true });
  socket.setKeepAlive(true);
  return socket;
}

/**
 * Sends `requestsPerSecond × durationSeconds` requests on an open-loop schedule (due times evenly spaced from a
 * high-resolution clock, woken by a worker-thread metronome) over `connections` keep-alive sockets, one request in
 * flight per connection, each request's bytes prebuilt and written raw, each response parsed minimally. A request whose
 * due time finds every connection busy goes out on the next free one, and its latency from the due time counts the
 * wait. autocannon's `overallRate` is not used for this: it lets each connection send its whole per-second quota back
 * to back at the start of every second and then idle, so its "fixed rate" is full load in bursts.
 */
export async function runPacedLoad(url: string, plan: LoadPlan, settings: PacedLoadSettings): Promise<PacedLoadResult> {
  const { hostname, port: portText, host } = new URL(url);
  const port = Number(portText);
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const total = Math.round(settings.requestsPerSecond * settings.durationSeconds);
  const intervalMs = 1000 / settings.requestsPerSecond;
  const fromDueMs = new Float64Array(total);
  const fromWriteMs = new Float64Array(total);
  const sendLagMs = new Float64Array(total);
  const fromWakeMs = new Float64Array(total);
  const wakeLagMs = new Float64Array(total);
  /** When the client first ran after each due time. */
  const wokeAt = new Float64Array(total);
  let woken = 0;
  let answered = 0;
  let sent = 0;
  let settled = 0;
  let failures = 0;
  let queuedLate = 0;
  let lastAnswerAt = 0;

  const builtBytes = new WeakMap<AutocannonRequest, Buffer>();
  const slots: Slot[] = Array.from({ length: settings.connections }, () => {
    const slot: Slot = { socket: undefined, index: 0, context: {}, nextBytes: Buffer.alloc(0), busy: false, dueAt: 0, wokeAt: 0, writtenAt: 0 };
    slot.nextBytes = toBytesOnce(builtBytes, nextRequest(plan, slot), host);
    return slot;
  });
  const idle: Slot[] = [...slots];

  return new Promise<PacedLoadResult>((resolve, reject) => {
    let firstDueAt = 0;
    let finished = false;
    const watchdog = setInterval(() => {
      const now = performance.now();
      for (const slot of slots) if (slot.busy && now - slot.writtenAt > timeoutMs) slot.socket?.destroy(); // settled by 'close'
    }, 100);
    let metronome: SendMetronome | undefined;

    const finishIfDone = () => {
      if (settled < total || finished) return;
      finished = true;
      clearInterval(watchdog);
      for (const slot of slots) slot.socket?.destroy();
      void Promise.resolve(metronome?.stop()).then(() =>
        resolve({
          fromDueMs: fromDueMs.subarray(0, answered),
          fromWriteMs: fromWriteMs.subarray(0, answered),
          fromWakeMs: fromWakeMs.subarray(0, answered),
          sendLagMs: sendLagMs.subarray(0, sent),
          wakeLagMs: wakeLagMs.subarray(0, woken),
          failures,
          elapsedSeconds: (lastAnswerAt - firstDueAt) / 1000,
          queuedLate,
        }),
      );
    };

    /** Records the answer to the slot's request in flight (once), frees the slot and sends whatever is due. */
    const settle = (slot: Slot, success: boolean) => {
      if (!slot.busy) return;
      lastAnswerAt = performance.now();
      if (success) {
        fromDueMs[answered] = lastAnswerAt - slot.dueAt;
        fromWriteMs[answered] = lastAnswerAt - slot.writtenAt;
        fromWakeMs[answered++] = lastAnswerAt - slot.wokeAt;
      } else failures++;
      settled++;
      slot.busy = false;
      idle.push(slot);
      sendDue();
      finishIfDone();
    };

    const attach = (slot: Slot): Socket => {
      const socket = openSocket(port, hostname);
      const reader = createHttpResponseReader(plan.isSuccessBody !== undefined, (answer: HttpAnswer) => {
        if (answer.closes) {
          slot.socket = undefined; // the next request opens a new connection
          socket.end();
        }
        const success = answer.status >= 200 && answer.status < 300 && (answer.body === undefined || (plan.isSuccessBody?.(answer.body) ?? true));
        settle(slot, success);
      });
      socket.on('data', (chunk: Buffer) => {
        try {
          reader.push(chunk);
        } catch {
          socket.destroy(); // an answer this client cannot read is a failure, settled by 'close'
        }
      });
      socket.on('error', () => {}); // 'close' follows and settles the request in flight
      socket.on('close', () => {
        // A socket the server closed after a complete answer was already let go of: its slot may be busy on a new one.
        if (slot.socket !== socket) return;
        slot.socket = undefined;
        if (!finished) settle(slot, false);
      });
      slot.socket = socket;
      return socket;
    };

    const send = (slot: Slot, dueAt: number) => {
      const socket = slot.socket ?? attach(slot);
      slot.busy = true;
      slot.dueAt = dueAt;
      slot.wokeAt = wokeAt[sent]!;
      slot.writtenAt = performance.now();
      const lag = slot.writtenAt - dueAt;
      sendLagMs[sent++] = lag;
      if (lag > 1) queuedLate++;
      socket.write(slot.nextBytes);
      // Built now, while the answer is on its way, so the next send is one write.
      slot.nextBytes = toBytesOnce(builtBytes, nextRequest(plan, slot), host);
    };

    /** Every request whose due time has come, each on a free connection, in due order. */
    const sendDue = () => {
      const now = performance.now();
      for (let dueAt = firstDueAt + woken * intervalMs; woken < total && dueAt <= now; dueAt = firstDueAt + woken * intervalMs) {
        wokeAt[woken] = now;
        wakeLagMs[woken++] = now - dueAt;
      }
      while (sent < total && idle.length > 0) {
        const dueAt = firstDueAt + sent * intervalMs;
        if (dueAt > now) return;
        send(idle.pop()!, dueAt);
      }
    };

    const connected = slots.map(
      (slot) =>
        new Promise<void>((ready, failed) => {
          const socket = attach(slot);
          const timer = setTimeout(() => failed(new Error(`paced load: no connection to ${url} within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
          socket.once('connect', () => {
            clearTimeout(timer);
            ready();
          });
          socket.once('error', (error) => {
            clearTimeout(timer);
            failed(error);
          });
        }),
    );
    const metronomeReady = createSendMetronome(() => sendDue());
    Promise.all([metronomeReady, ...connected]).then(
      ([ready]) => {
        metronome = ready;
        // The schedule starts once every connection is open and the metronome's thread runs, never before.
        firstDueAt = performance.now() + 1;
        metronome.start({ firstDueAt, intervalMs, count: total });
      },
      (error: unknown) => {
        finished = true;
        clearInterval(watchdog);
        for (const slot of slots) slot.socket?.destroy();
        void metronomeReady.then((unused) => unused.stop());
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
