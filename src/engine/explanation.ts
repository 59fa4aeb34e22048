/**
 * Why the sandbox refused a request: the rule that answered with the vendor's error and what would have passed. Kept
 * in the journal entry of the request and, when the client asks with `Prefer: explain`, sent in `X-Mock-Explain`.
 * Plain JSON (the journal may live in PostgreSQL). The vendor's own body is never changed by it.
 */

/** Which step of the pipeline (or which check of a handler) refused the request. */
export const EXPLANATION_RULES = [
  'authentication',
  'signature',
  'malformed-body',
  'request-schema',
  'missing-user',
  'locked',
  'wrong-code',
  'passkey',
  'magic-link',
  'precondition',
  'scripted',
  'unknown-route',
] as const;

export type ExplanationRule = (typeof EXPLANATION_RULES)[number];

/** An operation close to what an unknown route asked for (WireMock's "near miss"). */
export interface NearMiss {
  method: string;
  /** The path template as mounted (with the surface's prefix), e.g. `/flashback/mfa/status`. */
  path: string;
  surface: string;
  operationId: string;
  /** `method`: the path is right, the method is not; `prefix`: the surface's prefix is missing; `path`: a near spelling. */
  why: 'method' | 'prefix' | 'path';
}

export interface Explanation {
  rule: ExplanationRule;
  /** One sentence, for a person. */
  message: string;
  /** What the rule wanted (a token, a schema value, our string-to-sign, the current code...). */
  expected?: string;
  /** What the request had instead, as the rule saw it. */
  received?: string;
  /** A JSON pointer into the request (`/body/mfaType`, `/query/userId`) for schema refusals. */
  pointer?: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `type`...). */
  keyword?: string;
  /** What to send (or do) instead for the request to pass this rule. */
  wouldPass?: string;
  /** Unknown routes: the closest operations. */
  nearMisses?: NearMiss[];
}

/**
 * Attach an explanation to a refusal (a handler's or a behaviour's answer) and hand the same answer back. An answer
 * that already carries one keeps it: the most specific rule (the one closest to the refusal) wins.
 *
 * @example
 * return explained(call.respond(400, 'mfaVerificationFailed'), { rule: 'wrong-code', message: 'code 123456 is not current' });
 */
export function explained<Result extends { explanation?: Explanation }>(result: Result, explanation: Explanation): Result {
  result.explanation ??= explanation;
  return result;
}
