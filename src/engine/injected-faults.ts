/**
 * Injected network faults: what a flaky network or a broken upstream does to an otherwise correct answer.
 * Transport-free: this module decides *what* happens (how long to wait, which fault, the corrupted bytes); the HTTP
 * edges (src/server/surface-plugin.ts, src/msw/create-mfa-handlers.ts) make it happen on the socket or the Response.
 */

/**
 * - `drop-connection`: the operation runs (its state change sticks), then the socket is closed without an answer,
 *   like a proxy or mobile network dropping the response (the client reads the end of the connection: "socket hang up").
 * - `connection-reset`: as `drop-connection`, but the connection is reset (a TCP RST), as by a peer that crashed or a
 *   firewall: the client gets ECONNRESET (WireMock's CONNECTION_RESET_BY_PEER). In a browser both are one network error.
 * - `malformed-body`: the answer is sent with a body that is not valid JSON (a trailing comma: a broken serializer).
 * - `truncated-body`: the answer is sent with only the first half of its JSON (a consistent Content-Length), as from
 *   an upstream that cut the stream: only the client's JSON parser notices.
 * - `closed-mid-body`: the answer's status and headers go out with the whole body's Content-Length, then the first
 *   half of the body, then the connection closes: a short read the client's HTTP stack reports (curl exit 18, fetch's
 *   "terminated", Python's `IncompleteRead`), as when a network fails during a download (WireMock's
 *   RANDOM_DATA_THEN_CLOSE and MALFORMED_RESPONSE_CHUNK are its nearest).
 * - `bad-gateway`, `service-unavailable`, `gateway-timeout`: a reverse proxy in front of the vendor answers instead,
 *   502, 503 or 504 with its own HTML page (nginx's), as a load balancer does when the vendor's server fails, is
 *   down or too slow. No vendor documents these, so only a fault sends them.
 * - `slow-body`: the status and headers go out at once, the body in pieces spread over the request's latency (3 s
 *   without one), as from a congested network or an upstream that streams slowly: a client's timeout for the whole
 *   answer (or between two reads) trips while a timeout for the headers does not (WireMock's chunkedDribbleDelay).
 *   The latency is the body's: the answer is not delayed before it, and a request the fault rate skips not at all.
 */
export const FAULT_KINDS = [
  'drop-connection',
  'connection-reset',
  'malformed-body',
  'truncated-body',
  'closed-mid-body',
  'bad-gateway',
  'service-unavailable',
  'gateway-timeout',
  'slow-body',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults a gateway in front of the vendor answers instead of it, with the status it sends. */
const GATEWAY_STATUSES = {
  'bad-gateway': [502, 'Bad Gateway'],
  'service-unavailable': [503, 'Service Temporarily Unavailable'],
  'gateway-timeout': [504, 'Gateway Time-out'],
} as const;
export type GatewayFault = keyof typeof GATEWAY_STATUSES;

export function isGatewayFault(fault: FaultKind | undefined): fault is GatewayFault {
  return fault !== undefined && fault in GATEWAY_STATUSES;
}

/** The status a gateway fault sends in place of the operation's. */
export function toGatewayStatus(fault: GatewayFault): number {
  return GATEWAY_STATUSES[fault][0];
}

/**
 * What the gateway sends instead of the vendor's answer: nginx's own error page, byte for byte as nginx writes it
 * (its reason phrases, CRLF lines), so a client that shows "unexpected response" or parses JSON blindly meets what it
 * would meet in production.
 *
 * @example
 * toGatewayAnswer('bad-gateway') // { status: 502, contentType: 'text/html', body: '<html>\r\n<head><title>502 Bad Gateway</title>...' }
 */
export function toGatewayAnswer(fault: GatewayFault): { status: number; contentType: string; body: string } {
  const [status, reason] = GATEWAY_STATUSES[fault];
  const title = `${status} ${reason}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, contentType: 'text/html', body };
}

/** Header that marks a response the sandbox deliberately broke, so no client or test mistakes it for the vendor's. */
export const FAULT_INJECTED_HEADER = 'x-mock-fault-injected';
/** Header that reports an injected delay, in milliseconds. */
export const LATENCY_HEADER = 'x-mock-latency-ms';

export const MAX_LATENCY_MS = 60_000;

/** How long a `slow-body` answer takes when neither the request nor its scenario gave a latency. */
export const DEFAULT_SLOW_BODY_MS = 3_000;
/** A `slow-body` answer's body goes out in this many pieces (fewer for a shorter body), evenly spaced. */
const SLOW_BODY_PIECES = 10;

/** A delay: fixed (`min === max`) or drawn uniformly from `[min, max]` for every request. */
export interface LatencyRange {
  min: number;
  max: number;
}

/** Faults as a scenario override or a `Prefer` header declares them. */
export interface FaultSettings {
  latencyMs?: number;
  latency?: LatencyRange;
  fault?: FaultKind;
  /** Share of requests (0..1) that get `fault`; 1 when omitted. */
  faultRate?: number;
}

/** What to do to one response, decided once per request. */
export interface FaultPlan {
  /** Before the answer; for `slow-body`, the time its body takes instead. */
  delayMs: number;
  fault: FaultKind | undefined;
}

export const NO_FAULTS: FaultPlan = { delayMs: 0, fault: undefined };

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

function toLatencyRange(settings: FaultSettings | undefined): LatencyRange | undefined {
  if (settings?.latency) return settings.latency;
  // 0 is a latency too: "no delay here", over a scenario's delay.
  if (settings?.latencyMs !== undefined) return { min: settings.latencyMs, max: settings.latencyMs };
  return undefined;
}

/**
 * Decide the faults of one request. A request's own `Prefer` settings win over its scenario's, one kind at a time
 * (a request can ask for latency and still get its scenario's dropped connection).
 *
 * @example
 * toFaultPlan({ latency: { min: 100, max: 300 } }, { fault: 'truncated-body' }) // { delayMs: 100..300, fault: 'truncated-body' }
 */
export function toFaultPlan(scenario: FaultSettings | undefined, request: FaultSettings | undefined, random: () => number = Math.random): FaultPlan {
  const requestLatency = toLatencyRange(request);
  const latency = requestLatency ?? toLatencyRange(scenario);
  const delayMs = latency ? Math.round(latency.min + random() * (latency.max - latency.min)) : 0;
  const source = request?.fault ? request : scenario;
  const rate = source?.faultRate ?? 1;
  const fault = source?.fault && (rate >= 1 || random() < rate) ? source.fault : undefined;
  if (source?.fault !== 'slow-body') return { delayMs, fault };
  // A slow body takes its latency while it goes out (3 s when none was given; `latency=0`: at once). The latency of a
  // slow-body setting is that time only: a request its fault rate skipped is not delayed by it.
  if (fault === undefined) return { delayMs: (requestLatency ? request : scenario) === source ? 0 : delayMs, fault };
  return { delayMs: latency ? delayMs : DEFAULT_SLOW_BODY_MS, fault };
}

/**
 * A `slow-body` answer's body cut into the pieces that go out one by one (at most ten, none empty unless the body is),
 * and the wait before each: evenly spaced, the last piece at `durationMs`.
 *
 * @example
 * toSlowBodyPieces(new TextEncoder().encode('{"ok":true}'), 2000) // 10 pieces ('{', '"', ..., 'e}'), waitMs: 200
 */
export function toSlowBodyPieces<Bytes extends Uint8Array>(bytes: Bytes, durationMs: number): { pieces: Bytes[]; waitMs: number } {
  const count = Math.max(1, Math.min(SLOW_BODY_PIECES, bytes.length));
  const pieces: Bytes[] = [];
  for (let index = 0; index < count; index++) {
    pieces.push(bytes.subarray(Math.floor((bytes.length * index) / count), Math.floor((bytes.length * (index + 1)) / count)) as Bytes);
  }
  return { pieces, waitMs: durationMs / count };
}

/**
 * The faults that send the answer whole, with the bytes of its body broken (`toCorruptedBody`): the pipeline reads
 * this list, so a fault added here and there needs nothing more to be sent.
 */
const BODY_FAULTS = ['malformed-body', 'truncated-body'] as const satisfies readonly FaultKind[];
export type BodyFault = (typeof BODY_FAULTS)[number];

export function isBodyFault(fault: FaultKind | undefined): fault is BodyFault {
  return (BODY_FAULTS as readonly (FaultKind | undefined)[]).includes(fault);
}

/**
 * The bytes of a deliberately broken JSON body. Deterministic, so a client's error path can be asserted exactly.
 *
 * @example
 * toCorruptedBody('{"ok":true}', 'malformed-body') // '{"ok":true,}'
 * toCorruptedBody('{"ok":true}', 'truncated-body') // '{"ok"'
 */
export function toCorruptedBody(json: string | undefined, fault: BodyFault): string {
  const text = json ?? '';
  switch (fault) {
    case 'truncated-body':
      return text.length > 1 ? text.slice(0, Math.floor(text.length / 2)) : '{';
    case 'malformed-body':
      return text.endsWith('}') || text.endsWith(']') ? `${text.slice(0, -1)},${text.slice(-1)}` : `${text}{`;
    default: {
      // A fault added to BODY_FAULTS without its bytes here fails tsc.
      const unhandled: never = fault;
      throw new Error(`no corrupted body for ${String(unhandled)}`);
    }
  }
}
