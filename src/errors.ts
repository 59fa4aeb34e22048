/**
 * The sandbox's own errors: misuse of the sandbox itself (unknown scenario, bad admin call, unknown route), never a
 * vendor behaviour. One catalogue, built in one place (after fastify's lib/errors.js), so that an error can never be
 * mistaken for a vendor response: it is `application/problem+json` (RFC 9457) and carries `x-mock-error: true`.
 * Not to be confused with injected faults (engine/injected-faults.ts): a vendor answer broken on purpose.
 */

import { StateUnavailableError } from './state/state-store.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const SANDBOX_ERROR_HEADER = 'x-mock-error';

interface SandboxErrorDefinition {
  readonly status: number;
  readonly title: string;
}

export const SANDBOX_ERRORS = {
  MOCK_ERR_UNKNOWN_SCENARIO: { status: 422, title: 'Unknown scenario' },
  MOCK_ERR_BAD_PREFER_HEADER: { status: 400, title: 'Prefer header the sandbox cannot honour' },
  MOCK_ERR_BAD_SESSION_ID: { status: 400, title: 'Malformed session id' },
  MOCK_ERR_ROUTE_NOT_FOUND: { status: 404, title: 'No such route in the sandbox' },
  MOCK_ERR_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed on this admin path' },
  MOCK_ERR_UNKNOWN_SURFACE: { status: 404, title: 'Unknown surface' },
  MOCK_ERR_UNKNOWN_SESSION: { status: 404, title: 'Unknown session' },
  MOCK_ERR_BAD_ADMIN_REQUEST: { status: 400, title: 'Bad admin request' },
  MOCK_ERR_INVALID_SESSION_FILE: { status: 422, title: 'Session file this sandbox cannot import' },
  MOCK_ERR_BAD_REQUEST: { status: 400, title: 'Request the sandbox cannot read' },
  MOCK_ERR_BODY_TOO_LARGE: { status: 413, title: 'Request body exceeds the sandbox limit' },
  MOCK_ERR_UNSUPPORTED_CONTENT_ENCODING: { status: 415, title: 'Content-Encoding the sandbox does not decode' },
  MOCK_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'Request headers exceed the sandbox limit' },
  MOCK_ERR_REQUEST_TIMEOUT: { status: 408, title: 'Request not received in time' },
  MOCK_ERR_EXPECTATION_FAILED: { status: 417, title: 'Expectation the sandbox cannot meet' },
  MOCK_ERR_UNSUPPORTED_TRANSFER_ENCODING: { status: 501, title: 'Transfer-Encoding the sandbox does not decode' },
  MOCK_ERR_HTTP_VERSION_NOT_SUPPORTED: { status: 505, title: 'HTTP version the sandbox does not speak' },
  MOCK_ERR_ADMIN_UNAUTHORIZED: { status: 401, title: 'Admin token missing or wrong' },
  MOCK_ERR_ADMIN_FORBIDDEN: { status: 403, title: 'Admin API not reachable from this address' },
  MOCK_ERR_CORS_ORIGIN_NOT_ALLOWED: { status: 403, title: 'Origin not allowed by the sandbox CORS setting' },
  MOCK_ERR_RESPONSE_INVALID: { status: 500, title: 'The mock produced a response its spec forbids' },
  MOCK_ERR_INTERNAL: { status: 500, title: 'Internal sandbox error' },
  MOCK_ERR_STATE_UNAVAILABLE: { status: 503, title: 'Session state store unavailable' },
  MOCK_ERR_CLOSING: { status: 503, title: 'The sandbox is shutting down' },
  MOCK_ERR_INVALID_OVERRIDE: { status: 422, title: 'Invalid override' },
  MOCK_ERR_UNKNOWN_OVERRIDE: { status: 404, title: 'Unknown override' },
  MOCK_ERR_UNKNOWN_MAGIC_LINK: { status: 404, title: 'Unknown magic link' },
  MOCK_ERR_UNKNOWN_USER: { status: 404, title: 'Unknown user' },
  MOCK_ERR_VERIFICATION_FAILED: { status: 409, title: 'Journal verification failed' },
  MOCK_ERR_UPSTREAM_UNREACHABLE: { status: 502, title: 'The proxy could not reach the upstream' },
  MOCK_ERR_UPSTREAM_TIMEOUT: { status: 504, title: 'The upstream did not answer the proxy in time' },
  MOCK_ERR_INVALID_PASSKEY: { status: 422, title: 'Passkey the sandbox cannot use' },
  MOCK_ERR_PROVIDER_STATE: { status: 422, title: 'Provider state the sandbox cannot set up' },
} as const satisfies Record<string, SandboxErrorDefinition>;

export type SandboxErrorCode = keyof typeof SANDBOX_ERRORS;

/** A problem+json body (RFC 9457) with the sandbox's error code. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: SandboxErrorCode;
  [extension: string]: unknown;
}

/**
 * `instanceof` across the package's two builds. `import 'mfa-sandbox'` loads the ES module and `require('mfa-sandbox')`
 * the CommonJS bundle, so a process that does both (a CommonJS config or setup file beside ES module tests) has two
 * copies of each class, and an error one copy threw failed `instanceof` the other's class (the dual-package hazard).
 * So each public error class stamps its errors with its name under a key of the global symbol registry, which both
 * copies share, and its `instanceof` also takes an error stamped with its name.
 */
const STAMPS = Symbol.for('mfa-sandbox.error-classes');

type Stamped = { [STAMPS]?: string[] };
/** A class of errors (a subclass of one included), as `instanceof` is asked of it. */
type ErrorClass = abstract new (...args: never[]) => Error;

/** Stamp `error` as an error of the public class named `className` (its constructor calls this). */
export function stampErrorClass(error: Error, className: string): void {
  const stamped = error as Error & Stamped;
  if (stamped[STAMPS]) stamped[STAMPS].push(className);
  // Not enumerable: an error's own fields (what JSON.stringify and a test's toEqual see) stay as they were.
  else Object.defineProperty(stamped, STAMPS, { value: [className], enumerable: false, configurable: true });
}

/**
 * `value instanceof asked` for a class whose `Symbol.hasInstance` is this: the prototype chain, else, when `asked` is
 * the stamping class `owner` itself (not a subclass, which stamps nothing of its own), the stamp of `owner`'s name.
 */
export function isErrorOfClass(asked: ErrorClass, owner: ErrorClass, className: string, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(asked, value)) return true;
  if (asked !== owner || typeof value !== 'object' || value === null) return false;
  const stamps = (value as Stamped)[STAMPS];
  return Array.isArray(stamps) && stamps.includes(className);
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A sandbox error, thrown anywhere and turned into problem+json at the edge.
 *
 * @example
 * throw new SandboxError('MOCK_ERR_UNKNOWN_SCENARIO', 'No scenario "nope" for surface flashback', { known: ['default'] });
 */
export class SandboxError extends Error {
  /** Also an error of this class that the package's other build threw (see stampErrorClass). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isErrorOfClass(this, SandboxError, 'SandboxError', value);
  }
  readonly code: SandboxErrorCode;
  readonly status: number;
  readonly extensions: Record<string, unknown>;
  /** Headers the answer carries besides the problem+json ones (a 415's Accept-Encoding), names in lower case. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: SandboxErrorCode, detail: string, extensions: Record<string, unknown> = {}, headers: Readonly<Record<string, string>> = NO_HEADERS) {
    super(detail);
    this.name = 'SandboxError';
    stampErrorClass(this, 'SandboxError');
    this.code = code;
    this.status = SANDBOX_ERRORS[code].status;
    this.extensions = extensions;
    this.headers = headers;
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: `urn:mfa-sandbox:error:${this.code}`,
      title: SANDBOX_ERRORS[this.code].title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

/** A sandbox error as an HTTP answer: problem+json text, marked `x-mock-error: true`. */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The fault's code, for the transport's log line (the body says it to the client). */
  sandboxError: SandboxErrorCode;
}

/**
 * The answer for a sandbox error, transport-free: every transport sends exactly this.
 *
 * @example
 * toErrorAnswer(new SandboxError('MOCK_ERR_UNKNOWN_SCENARIO', 'No scenario "nope"'), '/flashback/mfa/status')
 * // { status: 422, headers: { 'content-type': 'application/problem+json', 'x-mock-error': 'true' }, body: '{"type":...}' }
 */
export function toErrorAnswer(error: SandboxError, instance?: string): ErrorAnswer {
  return {
    status: error.status,
    headers: { ...error.headers, 'content-type': PROBLEM_CONTENT_TYPE, [SANDBOX_ERROR_HEADER]: 'true' },
    body: JSON.stringify(error.toProblem(instance)),
    sandboxError: error.code,
  };
}

/** The slice of a Fastify reply an error needs (errors.ts stays free of Fastify imports). */
export interface ErrorReply {
  code(status: number): ErrorReply;
  header(name: string, value: string): ErrorReply;
  send(payload?: unknown): unknown;
}

/**
 * The code of the fault each reply was answered with, for the request's log line: a sandbox fault logged only as
 * `-> 400` read like the vendor's own 400. Weak: a reply's entry goes with it.
 */
const SENT_FAULTS = new WeakMap<object, string>();

/** Note that `reply` answers with the fault `code` (a transport sending an ErrorAnswer's text itself). */
export function noteSentFault(reply: object, code: string): void {
  SENT_FAULTS.set(reply, code);
}

/** The code of the fault `reply` was answered with, if it was. */
export function sentFaultOf(reply: object): string | undefined {
  return SENT_FAULTS.get(reply);
}

/** Answer with a sandbox error: problem+json, marked `x-mock-error: true`. Returns the problem sent (for the journal). */
export function sendError(reply: ErrorReply, error: SandboxError, instance?: string): ProblemDetails {
  const problem = error.toProblem(instance);
  SENT_FAULTS.set(reply, error.code);
  for (const name in error.headers) reply.header(name, error.headers[name]!);
  reply.code(error.status).header('content-type', PROBLEM_CONTENT_TYPE).header(SANDBOX_ERROR_HEADER, 'true').send(problem);
  return problem;
}

export function isSandboxError(value: unknown): value is SandboxError {
  return value instanceof SandboxError;
}

/** When a store that could not be reached is worth asking again: a replica tries the database on every request. */
const RETRY_SOON: Readonly<Record<string, string>> = Object.freeze({ 'retry-after': '1' });

/**
 * Any error as the sandbox fault to answer with: a SandboxError as it is, an unreachable (or endlessly contended) state
 * store a 503 the client may retry, anything else an internal error (whose cause belongs in the log, not the answer).
 *
 * @example
 * toSandboxFault(new StateUnavailableError('PostgreSQL at postgres://db/mfa is unreachable')).status // 503
 */
export function toSandboxFault(error: unknown): SandboxError {
  if (error instanceof SandboxError) return error;
  // Retry-After: a client's retry helper (or a proxy) reads the header, not the body's `retryable`.
  if (error instanceof StateUnavailableError) return new SandboxError('MOCK_ERR_STATE_UNAVAILABLE', error.message, { retryable: true }, RETRY_SOON);
  return new SandboxError('MOCK_ERR_INTERNAL', 'The sandbox failed while answering this request; see its log');
}
