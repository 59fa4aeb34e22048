import { explained, type Explanation } from '../engine/explanation.js';
import { valueAtPointer } from '../engine/json-pointer.js';
import type { ScenarioOverride } from '../engine/scenario.js';
import type { User } from '../engine/world.js';
import type { RequestProblem } from '../openapi/schema-validators.js';
import { toRequestContext, type RequestContext } from './request-context.js';
import type { OperationResult } from './surface-behaviour.js';

/**
 * The explanations the pipeline itself can give, one per step that refuses (scripted answer, unreadable body,
 * request schema, missing or locked user), and the `X-Mock-Explain` header that carries one to a client that asked.
 * Surfaces give the more specific ones (which token, which code, our string-to-sign) on the answers they build.
 */

/** The response header with the explanation, sent only to a request with `Prefer: explain`. */
export const EXPLAIN_HEADER = 'x-mock-explain';

/**
 * The longest header value sent. Servers and proxies commonly refuse a header block over 8 KiB; a GenAuth
 * string-to-sign with a long body fits well inside this, and a longer explanation keeps only its rule and message
 * (the journal entry keeps it whole).
 */
export const MAX_EXPLAIN_HEADER_LENGTH = 4096;

/**
 * Whether an answer refuses the request: an HTTP error status, or a vendor envelope that says so in its body with an
 * HTTP 200 (GenAuth's `statusCode`).
 */
export function isRefusal(result: OperationResult): boolean {
  if (result.status >= 400) return true;
  const statusCode = (result.body as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400;
}

/**
 * The schema step: the first problem found, where it is, which keyword failed and what would have passed. `request`
 * (its parts by the pointers' names: `body`, `query`, `path`) lets a quoted literal be named as such.
 */
export function toSchemaExplanation(problems: readonly RequestProblem[], request?: Readonly<Record<string, unknown>>): Explanation {
  const [first] = problems;
  const more =
    problems.length > 1
      ? ` (and ${problems.length - 1} more: ${problems
          .slice(1, 4)
          .map((problem) => problem.message)
          .join('; ')})`
      : '';
  const explanation: Explanation = { rule: 'request-schema', message: `the request does not match the spec: ${first!.message}${more}` };
  if (first?.pointer !== undefined) explanation.pointer = first.pointer;
  if (first?.keyword !== undefined) explanation.keyword = first.keyword;
  if (first?.expected !== undefined) {
    explanation.expected = first.expected;
    explanation.wouldPass = first.kind === 'unexpected' ? `leave out ${first.pointer}` : `${first.pointer ?? 'the body'}: ${first.expected}`;
  }
  const received = first?.keyword === 'type' && first.pointer && request ? valueAtPointer(request, first.pointer) : undefined;
  const literal = toQuotedLiteral(first?.expected, received);
  if (literal !== undefined) {
    explanation.received = JSON.stringify(received);
    explanation.wouldPass = `${first!.pointer}: ${literal}, without quotes (${first!.expected!.replace('must be ', 'a JSON ')}, not a string)`;
  }
  return explanation;
}

/**
 * A vendor's answer to a request with several problems, chosen by `decider` rather than by the first one found
 * (Lerian answers an unknown field with IDE-0007 though a missing one came first): the explanation names `decider`
 * first, so `Prefer: explain` points at the problem that chose the code. A surface's own explanation wins the
 * pipeline's (see `explained`), so where the first problem decided, the result is left as it is for the pipeline's
 * (a malformed body's is its parser's words, not the schema's).
 */
export function explainedByProblem<Result extends { explanation?: Explanation }>(
  result: Result,
  problems: readonly RequestProblem[],
  decider: RequestProblem,
  call: { body: unknown; query: unknown; params: unknown },
): Result {
  if (problems[0] === decider) return result;
  const ordered = [decider, ...problems.filter((problem) => problem !== decider)];
  return explained(result, toSchemaExplanation(ordered, { body: call.body, query: call.query, path: call.params }));
}

/**
 * The value a string stands for where the schema wants a boolean or a number (`"true"`, `"6"`): text read from a form
 * field or a query string and sent as it was, the commonest type mistake, which "must be boolean" alone does not show.
 */
function toQuotedLiteral(expected: string | undefined, received: unknown): string | undefined {
  if (typeof received !== 'string') return undefined;
  const text = received.trim();
  if (expected === 'must be boolean') return text === 'true' || text === 'false' ? text : undefined;
  if (expected !== 'must be number' && expected !== 'must be integer') return undefined;
  const value = text === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) && (expected === 'must be number' || Number.isInteger(value)) ? String(value) : undefined;
}

/** The body parser's step: JSON that does not parse (or a content type the vendor does not read). */
export function toMalformedExplanation(reason: string): Explanation {
  return { rule: 'malformed-body', message: `the body could not be read: ${reason}`, wouldPass: 'a JSON body sent with content-type application/json' };
}

/** A refusal QA scripted: `Prefer: code=/example=`, a session override or the scenario's. */
export function toScriptedExplanation(context: RequestContext, override: ScenarioOverride | undefined, scenario: string, sessionId: string): Explanation {
  if (context.code !== undefined || context.example !== undefined) {
    const asked = [context.code === undefined ? '' : `code=${context.code}`, context.example === undefined ? '' : `example=${context.example}`].filter(Boolean);
    return {
      rule: 'scripted',
      message: `the request asked for this answer with Prefer: ${asked.join(', ')}`,
      wouldPass: 'the same request without those preferences',
    };
  }
  const id = (override as { id?: unknown } | undefined)?.id;
  const source = typeof id === 'string' ? `the session's override ${id}` : `an override of the scenario ${scenario}`;
  // With a `when`, the request itself is what picked it: another user, parameter or body would pass.
  const when = override?.when === undefined ? '' : ` to the requests that fit its when ${JSON.stringify(override.when)}`;
  const otherRequest = override?.when === undefined ? '' : 'a request that does not fit its when, or ';
  return {
    rule: 'scripted',
    message: `${source} answers ${toOperationWords(override?.operationId)} with this refusal${when}`,
    wouldPass: `${otherRequest}${typeof id === 'string' ? `remove it: DELETE /__admin/sessions/${sessionId}/overrides/${id}` : 'a scenario without that override'}`,
  };
}

/** Valid credentials of a user the session's world does not have (the scenario removed it, or a token names nobody). */
export function toMissingUserExplanation(principalId: string | undefined, sessionId: string): Explanation {
  return {
    rule: 'missing-user',
    message: `the credentials are valid but name user ${principalId ?? '(none)'}, whom this session's world does not have`,
    wouldPass: `a token of a user the scenario has (GET /__admin/sessions/${sessionId} lists the world's users and tokens)`,
  };
}

/** The user acted on is locked: QA's lock, or a scenario's lockout after wrong codes. */
export function toLockedExplanation(user: Pick<User, 'id' | 'failedCodeAttempts' | 'lockedUntil'>, sessionId: string): Explanation {
  const why =
    user.failedCodeAttempts === undefined
      ? "locked (QA lock or the scenario's lockout)"
      : `locked after ${user.failedCodeAttempts} wrong codes (the scenario's lockout)`;
  const until = user.lockedUntil === undefined ? '' : ` until ${user.lockedUntil}`;
  const wait = user.lockedUntil === undefined ? '' : `wait until ${user.lockedUntil} on the session's clock (PUT /__admin/sessions/${sessionId}/clock), or `;
  return {
    rule: 'locked',
    message: `user ${user.id} is ${why}${until}`,
    wouldPass: `${wait}${toUnlockHint(user.id, sessionId)}`,
  };
}

function toUnlockHint(userId: string, sessionId: string): string {
  return `unlock it: PUT /__admin/sessions/${sessionId}/users/${userId}/lock with {"locked":false}`;
}

/**
 * The explanation of a wrong code that was the user's last before the scenario's lockout: what was wrong with it,
 * then that the user is now locked, and the unlock as what would pass (the code it would have named is refused now).
 */
export function toLockingExplanation(refused: Explanation, user: Pick<User, 'id' | 'failedCodeAttempts' | 'lockedUntil'>, sessionId: string): Explanation {
  const attempts = user.failedCodeAttempts === undefined ? '' : ` after ${user.failedCodeAttempts} wrong codes`;
  const until = user.lockedUntil === undefined ? '' : ` until ${user.lockedUntil}`;
  return {
    ...refused,
    message: `${refused.message}; user ${user.id} is now locked${attempts}${until} (the scenario's lockout), so this session refuses every code of theirs`,
    wouldPass: toUnlockHint(user.id, sessionId),
  };
}

/** A handler's refusal that says no more than its vendor body: the state of the session did not allow the operation. */
export function toPreconditionExplanation(operationId: string, result: OperationResult, sessionId: string): Explanation {
  const body = result.body as Record<string, unknown> | undefined;
  const words = [body?.code, body?.apiCode, body?.error, body?.message].find((value) => typeof value === 'string' || typeof value === 'number');
  return {
    rule: 'precondition',
    message: `${operationId} refused the request in the session's current state${words === undefined ? '' : ` (${String(words)})`}`,
    wouldPass: `the steps the flow needs first (GET /__admin/sessions/${sessionId} shows the session's state)`,
  };
}

/** Escape everything outside printable ASCII: a header value may carry neither newlines nor (safely) other bytes. */
function toAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The `X-Mock-Explain` value: the explanation as compact JSON in printable ASCII (non-ASCII escaped as `\uXXXX`),
 * at most MAX_EXPLAIN_HEADER_LENGTH characters; a longer one keeps its rule and (cut) message, with `truncated: true`
 * and where the whole one is: the session's journal.
 *
 * @example
 * toExplainHeader({ rule: 'authentication', message: 'no bearer token' }) // '{"rule":"authentication","message":"no bearer token"}'
 */
export function toExplainHeader(explanation: Explanation, sessionId?: string): string {
  const whole = toAsciiJson(explanation);
  if (whole.length <= MAX_EXPLAIN_HEADER_LENGTH) return whole;
  const short = {
    rule: explanation.rule,
    message: explanation.message.slice(0, 600),
    truncated: true,
    ...(sessionId === undefined ? {} : { journal: `/__admin/sessions/${encodeURIComponent(sessionId)}/journal` }),
  };
  return toAsciiJson(short);
}

/**
 * Whether a request asks for `X-Mock-Explain`, for answers outside the pipeline (an unknown route): sandbox headers
 * that cannot be read ask for nothing there, since the route's own 404 is the answer either way.
 */
export function prefersExplanation(headers: Record<string, string | string[] | undefined>): boolean {
  try {
    return toRequestContext(headers).explain === true;
  } catch {
    return false;
  }
}

function toOperationWords(operationId: string | undefined): string {
  if (operationId === undefined) return 'this operation';
  return operationId === '*' ? 'every operation (*)' : operationId;
}
