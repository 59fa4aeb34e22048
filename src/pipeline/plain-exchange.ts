/**
 * The pipeline's input and output as plain values, so any transport (a Fastify server, MSW in a browser or in Node
 * tests) can hand a request in and send the answer out without the core knowing which one it is.
 */

/** One HTTP request, as every transport can describe it. */
export interface PlainRequest {
  method: string;
  /** The path (with any mount prefix) and query as received: journalled and named in sandbox errors. */
  url: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The query string, parsed. */
  query: Readonly<Record<string, unknown>>;
  /** The path parameters of the matched operation, e.g. `{ id: 'usr_ada' }`. */
  params: Readonly<Record<string, string>>;
  /** The body text; undefined when the request had none. */
  body: string | undefined;
  /** Set by a transport that read none of the body it was sent (see EngineRoute.refuse): why. */
  unreadBody?: UnreadBody;
}

/**
 * Why a transport could not read a request's body, in the words of Express's body parser, which vendors behind Express
 * answer with: `unsupported content encoding "zstd"` (415), zlib's own words for bytes that are not what their
 * Content-Encoding says (`incorrect header check`, 400), `request entity too large` (413).
 */
export interface UnreadBody {
  status: 400 | 413 | 415;
  reason: string;
}

/** What to send back. The transport only copies it out; it decides nothing. */
export interface PlainAnswer {
  status: number;
  /** Shared between answers: copy it before changing it. */
  headers: Readonly<Record<string, string>>;
  /**
   * `Set-Cookie` values the vendor's answer carries (nest-auth's cookie token mode), each its own header; the session
   * cookie of a prefixed URL stays in `headers`.
   */
  cookies?: readonly string[];
  /** The body text; undefined for an answer without a body. */
  body: string | undefined;
  /**
   * An injected fault that ends the connection without answering (a network error for the client): `close` for
   * `drop-connection`, `reset` (a TCP RST) for `connection-reset`; `mid-body` for `closed-mid-body`: the status,
   * the headers with the whole body's Content-Length and the first half of the body go out, then the connection
   * closes; false for an answer.
   */
  dropConnection: false | 'close' | 'reset' | 'mid-body';
  /** An injected delay: wait this long before sending. */
  delayMs: number;
  /**
   * The `slow-body` fault: send the status and headers at once, then the body in pieces over this many ms
   * (`toSlowBodyPieces`).
   */
  slowBodyMs?: number;
  /**
   * Set on a delayed or slow answer only: call it when the client closed the connection during the delay or before the
   * whole body went out, so the answer was never received; its journal entry then says so (`clientGone`).
   */
  noteClientGone?: () => void;
  /**
   * Headers an override added (`Retry-After`), for a transport that serves pages of other origins: a browser lets a page
   * read only the response headers CORS exposes, and these are not among the safelisted ones.
   */
  addedHeaderNames?: readonly string[];
  /**
   * An unexpected failure behind a `MOCK_ERR_INTERNAL` answer, or the violations behind a `MOCK_ERR_RESPONSE_INVALID`
   * one, for the transport's log at error level.
   */
  internalError?: unknown;
  /** The code of the sandbox fault this answer is, for the transport's log line. */
  sandboxError?: string;
  /** How the answer was made, when not plainly by the session's state: for the transport's log line. */
  making?: AnswerMaking;
}

/**
 * What made an answer other than the session's state alone, as its journal entry says it: a script (the request's
 * `Prefer`, or which override), an injected delay or fault, or the rule a refusal broke. A request log that named
 * only `-> 500` read the same for the vendor's state, an override and `Prefer: code=500` (an operator's tour).
 */
export interface AnswerMaking {
  scripted?: 'prefer' | 'override';
  override?: string;
  latencyMs?: number;
  fault?: string;
  rule?: string;
  /** A `Prefer: dynamic=true` answer: generated, or the state's answer when no generated body met the spec. */
  dynamic?: 'generated' | 'fallback';
  dynamicSeed?: number;
}
