import type { CodeAttempt } from '../engine/code-attempts.js';
import type { Explanation } from '../engine/explanation.js';
import type { World, User } from '../engine/world.js';
import type { RequestProblem } from '../openapi/schema-validators.js';

/** What a handler answers: a status and a body the spec allows for it. */
export interface OperationResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** `Set-Cookie` values the answer carries, each its own header (nest-auth's cookie token mode). */
  cookies?: string[];
  /** Why this answer refuses the request (`explained()`): journalled, and sent in `X-Mock-Explain` when asked for. */
  explanation?: Explanation;
  /** A body QA wrote out (an override's `body`): sent as written, never stamped (no fresh GenAuth requestId). */
  asWritten?: true;
}

/** One vendor operation call as the engine sees it: parsed, validated, with the session's world. */
export interface OperationCall {
  operationId: string;
  method: string;
  /** The request path as received (with the mount prefix and query). */
  path: string;
  /** The operation's path in the vendor's spec, e.g. `/api/v3/get-mfa-status` (what vendor SDKs sign). */
  vendorPath: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The parsed JSON body (already valid against the spec), or undefined when none was sent. */
  body: any;
  headers: Record<string, string | string[] | undefined>;
  world: World;
  /** The `X-Mock-Session` this call belongs to. */
  sessionId: string;
  /** Who the credentials belong to (secured operations only). */
  principalId: string | undefined;
  /** The principal's user record; undefined when the credentials name a user the world does not have. */
  user: User | undefined;
  /**
   * The user an operation without credentials found by what its body names (a sign-in's e-mail, a refresh token's or a
   * magic link's user), set by its handler: the journal's `user` for a request that has no principal.
   */
  namedUser: User | undefined;
  nowMs: number;
  /** The app's page a magic link opens (`--magic-link-url`, `{token}` where its token goes); undefined: the sandbox's own. */
  magicLinkUrl: string | undefined;
  /** The operation's request body schema from the spec (dereferenced), for vendors that word validation errors per field. */
  requestSchema: unknown;
  /** A spec example of this operation as the answer (a fresh copy). Without a name, the status's canonical example. */
  respond(status: number, exampleName?: string): OperationResult;
  /** Whether the spec declares this status (and, if named, this example) for the operation. */
  declares(status: number, exampleName?: string): boolean;
  /** The body of a spec example of this operation (a fresh copy). */
  example(status: number, exampleName?: string): any;
  /** `{ status, body }`: typed handlers (typed-handlers.ts) build answers with it, so the body is checked field by field. */
  reply(status: number, body: unknown): OperationResult;
}

/** The engine's view of a handler. Surfaces write theirs typed from their spec (see `defineHandlers` in typed-handlers.ts). */
export type OperationHandler = (call: OperationCall) => OperationResult | Promise<OperationResult>;

export type AuthOutcome = { ok: true; principalId: string } | { ok: false; result: OperationResult };

/**
 * What makes a surface that vendor: its handlers (one per operationId in its spec, checked at boot), how it
 * authenticates, and how it words a rejected request. Routes, validation and schemas come from the spec.
 */
export interface SurfaceBehaviour {
  id: string;
  handlers: Record<string, OperationHandler>;
  /** Check credentials of a secured operation. `call.user`/`principalId` are not set yet. */
  authenticate(call: OperationCall): AuthOutcome;
  /**
   * The token a request presents, where the surface's credentials are tokens a session's world issues (a bearer token,
   * nest-auth's `accessToken` cookie): a token refused in the request's world is looked up in the session's other
   * worlds of the surface (those of its other scenarios), so a script answers an app signed in before a scenario
   * switch, and a refusal says where the token came from. Absent where credentials are no such token (GenAuth's
   * signatures, checked against keys and a replay record of each world).
   */
  presentedToken?(call: OperationCall): string | undefined;
  /** The vendor's answer when the credentials are valid but name a user the world does not have. */
  onMissingUser?(call: OperationCall): OperationResult;
  /**
   * The user a valid request acts on, when that is not the caller: Lerian's path `{id}`, GenAuth's `userId`. Runs after
   * request validation. Without it, the caller (`call.user`) is the user acted on.
   */
  addressedUser?(call: OperationCall): User | undefined;
  /** The vendor's answer when the user acted on is locked (QA's `PUT /__admin/sessions/{id}/users/{userId}/lock`). */
  onLockedUser?(call: OperationCall): OperationResult;
  /**
   * Whether a handler's answer checked a code the client sent (TOTP, e-mailed or texted code, recovery code, passkey
   * assertion) and its verdict: what a scenario's `lockout` counts, for the user acted on. Without it, or for
   * `undefined`, the answer is no code attempt (the surface verifies no codes).
   */
  toCodeAttempt?(call: OperationCall, result: OperationResult): CodeAttempt;
  /**
   * The credentials are checked before the body is read: a request without a valid token is the 401 whatever its
   * body, as a stack whose auth middleware runs before the handler parses the body answers it (Lerian, a Go service).
   * Absent: the body parser first (Express's, before a NestJS guard or a route's auth check).
   */
  authenticatesBeforeReadingBody?: boolean;
  /**
   * A body of a content type other than JSON is read as no body at all (Express's JSON parser skips it, so a NestJS
   * route sees `{}`), instead of being refused before authentication.
   */
  ignoresUnsupportedBodies?: boolean;
  /**
   * A JSON body must be an object or an array at its top, as Express's JSON parser wants it by default (strict): any
   * other value (`null`, a number, a string, `true`) is malformed JSON, refused in the parser's words.
   */
  strictJsonBodies?: boolean;
  /**
   * A body over the sandbox's limit (`--body-limit`) is answered as the vendor documents its own refusal of a body too
   * large (GenAuth's 413 PayloadTooLargeError envelope, from `rejectRequest` with a `refused` problem of status 413),
   * on the operations that take a body, instead of the sandbox's 413 problem+json. A surface with `strictJsonBodies`
   * does so already (Express's parser's words).
   */
  answersOversizedBodies?: boolean;
  /**
   * An `application/x-www-form-urlencoded` body is read as Express's urlencoded parser (extended, `qs`) reads it, which
   * a NestJS app registers beside the JSON one: `credentials[email]=a` is `{ credentials: { email: 'a' } }`.
   */
  readsUrlEncodedForms?: boolean;
  /**
   * The request `Content-Encoding`s the vendor's body parser inflates, when it is not every one the sandbox reads
   * (`gzip`, `x-gzip`, `deflate`, `br`): any other is refused as that parser refuses it (see request-content-encoding.ts).
   */
  contentEncodings?: readonly string[];
  /**
   * A path with a trailing slash is the route without it, as Express routes by default (not strict): a NestJS app
   * answers `GET /auth/mfa/status/` as `GET /auth/mfa/status`. Without it, such a path matches no route.
   */
  trailingSlashRoutes?: boolean;
  /**
   * A path in any letter case is the route, as Express routes by default (`caseSensitive: false`): a NestJS app answers
   * `GET /auth/MFA/Status` as `GET /auth/mfa/status`. Without it, such a path matches no route (its 404 names the route).
   */
  anyCaseRoutes?: boolean;
  /** The vendor's answer to a request that fails validation (bad path parameter, malformed or invalid body). */
  rejectRequest(problems: RequestProblem[], call: OperationCall): OperationResult;
  /**
   * What the vendor stamps on every answer it sends (GenAuth: a fresh requestId), scripted answers included but a body
   * QA wrote out. Runs on the fresh body of each answer just before it is checked against the spec and sent.
   */
  stampAnswer?(body: unknown): void;
}

/** The last Authorization value read and its token: a request reads its header twice or more, a client sends the same one. */
let lastBearerHeader: string | undefined;
let lastBearerToken: string | undefined;

/** Extract a bearer token from an Authorization header; undefined when absent or not a bearer. */
export function toBearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (value === lastBearerHeader) return lastBearerToken;
  lastBearerHeader = value;
  lastBearerToken = /^Bearer\s+(\S+)\s*$/i.exec(value)?.[1];
  return lastBearerToken;
}
