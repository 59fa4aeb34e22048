/**
 * The sandbox's own faults: misuse of the sandbox itself (unknown scenario, bad admin call, unknown route),
 * never a vendor behaviour. One catalogue, built in one place (after fastify's lib/errors.js), so that a fault can
 * never be mistaken for a vendor response: it is `application/problem+json` (RFC 9457) and carries `x-mock-fault: true`.
 */

export const FAULT_CONTENT_TYPE = 'application/problem+json';
export const FAULT_HEADER = 'x-mock-fault';

interface FaultDefinition {
  readonly status: number;
  readonly title: string;
}

export const FAULTS = {
  MOCK_ERR_UNKNOWN_SCENARIO: { status: 422, title: 'Unknown scenario' },
  MOCK_ERR_BAD_PREFER_HEADER: { status: 400, title: 'Malformed Prefer header' },
  MOCK_ERR_BAD_SESSION_ID: { status: 400, title: 'Malformed X-Mock-Session header' },
  MOCK_ERR_ROUTE_NOT_FOUND: { status: 404, title: 'No such route in the sandbox' },
  MOCK_ERR_UNKNOWN_SURFACE: { status: 404, title: 'Unknown surface' },
  MOCK_ERR_UNKNOWN_SESSION: { status: 404, title: 'Unknown session' },
  MOCK_ERR_BAD_ADMIN_REQUEST: { status: 400, title: 'Bad admin request' },
  MOCK_ERR_BAD_REQUEST: { status: 400, title: 'Request the sandbox cannot read' },
  MOCK_ERR_BODY_TOO_LARGE: { status: 413, title: 'Request body exceeds the sandbox limit' },
  MOCK_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'Request headers exceed the sandbox limit' },
  MOCK_ERR_REQUEST_TIMEOUT: { status: 408, title: 'Request not received in time' },
  MOCK_ERR_ADMIN_UNAUTHORIZED: { status: 401, title: 'Admin token missing or wrong' },
  MOCK_ERR_ADMIN_FORBIDDEN: { status: 403, title: 'Admin API not reachable from this address' },
  MOCK_ERR_CORS_ORIGIN_NOT_ALLOWED: { status: 403, title: 'Origin not allowed by the sandbox CORS setting' },
  MOCK_ERR_RESPONSE_INVALID: { status: 500, title: 'The mock produced a response its spec forbids' },
  MOCK_ERR_INTERNAL: { status: 500, title: 'Internal sandbox error' },
} as const satisfies Record<string, FaultDefinition>;

export type FaultCode = keyof typeof FAULTS;

/** A problem+json body (RFC 9457) with the sandbox's fault code. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: FaultCode;
  [extension: string]: unknown;
}

/**
 * A sandbox fault, thrown anywhere and turned into problem+json at the edge.
 *
 * @example
 * throw new SandboxFault('MOCK_ERR_UNKNOWN_SCENARIO', 'No scenario "nope" for surface flashback', { known: ['default'] });
 */
export class SandboxFault extends Error {
  readonly code: FaultCode;
  readonly status: number;
  readonly extensions: Record<string, unknown>;

  constructor(code: FaultCode, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'SandboxFault';
    this.code = code;
    this.status = FAULTS[code].status;
    this.extensions = extensions;
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: `urn:mfa-sandbox:fault:${this.code}`,
      title: FAULTS[this.code].title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

/** A fault as an HTTP answer: problem+json text, marked `x-mock-fault: true`. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The answer for a fault, transport-free: every transport sends exactly this.
 *
 * @example
 * toFaultAnswer(new SandboxFault('MOCK_ERR_UNKNOWN_SCENARIO', 'No scenario "nope"'), '/flashback/mfa/status')
 * // { status: 422, headers: { 'content-type': 'application/problem+json', 'x-mock-fault': 'true' }, body: '{"type":...}' }
 */
export function toFaultAnswer(fault: SandboxFault, instance?: string): FaultAnswer {
  return { status: fault.status, headers: { 'content-type': FAULT_CONTENT_TYPE, [FAULT_HEADER]: 'true' }, body: JSON.stringify(fault.toProblem(instance)) };
}

/** The slice of a Fastify reply a fault needs (errors.ts stays free of Fastify imports). */
export interface FaultReply {
  code(status: number): FaultReply;
  header(name: string, value: string): FaultReply;
  send(payload?: unknown): unknown;
}

/** Answer with a fault: problem+json, marked `x-mock-fault: true`. Returns the problem sent (for the journal). */
export function sendFault(reply: FaultReply, fault: SandboxFault, instance?: string): ProblemDetails {
  const problem = fault.toProblem(instance);
  reply.code(fault.status).header('content-type', FAULT_CONTENT_TYPE).header(FAULT_HEADER, 'true').send(problem);
  return problem;
}

export function isSandboxFault(value: unknown): value is SandboxFault {
  return value instanceof SandboxFault;
}
