import { readFileSync } from 'node:fs';
import type { Explanation } from '../engine/explanation.js';
import type { SessionRegistry } from '../engine/session-registry.js';
import type { InteractionVerdict } from './verify-pact-file.js';

/**
 * GenAuth refuses credentials inside an HTTP 200 (`{"statusCode":401,"apiCode":1300,...}`), and a pact that expects its
 * success with type matchers (`statusCode: integer(200)`) accepts that refusal too: a client that sent a bearer token,
 * or a signature without its date, verified green although GenAuth refuses every such request. An interaction the
 * verifier passed whose request the sandbox refused for its credentials (the journal's explanation) fails here,
 * unless the pact expected the refusal (its example `statusCode` is 400 or more). One the verifier failed on such a
 * refusal gets the refusal's reason beside the verifier's own problems, which say only `$.statusCode: Expected 401 ...`.
 */
const CREDENTIAL_RULES = new Set(['authentication', 'signature']);

/** The example body of each of the pact's interactions by description (V4's `{ content }` or a V2/V3 body). */
function expectedBodies(file: string): Map<string, unknown[]> {
  const bodies = new Map<string, unknown[]>();
  try {
    const pact = JSON.parse(readFileSync(file, 'utf8')) as { interactions?: Array<{ description?: unknown; response?: { body?: unknown } }> };
    for (const interaction of pact.interactions ?? []) {
      const body = interaction.response?.body;
      const content = body !== null && typeof body === 'object' && 'content' in body ? body.content : body;
      const description = String(interaction.description);
      bodies.set(description, [...(bodies.get(description) ?? []), content]);
    }
  } catch {
    // The verifier read the file; one it could not has no verdicts to check.
  }
  return bodies;
}

function expectsRefusal(body: unknown): boolean {
  const statusCode = (body as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400;
}

/** The refusal's reason as a verdict states it: the explanation's sentence and, when it has one, what would pass. */
function toReason(explanation: Explanation): string {
  return explanation.wouldPass === undefined ? explanation.message : `${explanation.message}; what would pass: ${explanation.wouldPass}`;
}

/**
 * Fail the verdicts (in place) of interactions that passed on a refusal of their credentials, each with a problem
 * saying so; a verdict that failed on such a refusal gets its reason. `sessionOf(replayed)` names the session the
 * verifier's replay `replayed` (0: the first) ran in.
 *
 * @example
 * checkCredentialRefusals(verdicts, file, sessions, (replayed) => `pact-1a2b-${replayed + 1}`)
 */
export function checkCredentialRefusals(
  verdicts: InteractionVerdict[],
  file: string,
  sessions: SessionRegistry,
  sessionOf: (replayed: number) => string,
): void {
  const bodies = expectedBodies(file);
  const seen = new Map<string, number>();
  for (const [replayed, verdict] of verdicts.entries()) {
    const nth = seen.get(verdict.description) ?? 0;
    seen.set(verdict.description, nth + 1);
    const entries = sessions.journal(sessionOf(replayed));
    // Pact verification runs on the embedded memory store, whose answer is immediate.
    if (entries instanceof Promise) continue;
    const refused = entries.find((entry) => entry.status < 300 && entry.explanation !== undefined && CREDENTIAL_RULES.has(entry.explanation.rule));
    if (refused === undefined || expectsRefusal(bodies.get(verdict.description)?.[nth])) continue;
    const reason = toReason(refused.explanation!);
    if (!verdict.ok) {
      verdict.problems.push(`the sandbox refused the request's credentials inside an HTTP ${refused.status}, as the vendor does: ${reason}`);
      continue;
    }
    verdict.ok = false;
    verdict.problems.push(
      `the sandbox refused the request's credentials inside an HTTP ${refused.status}, as the vendor does (${reason}), and the pact's matchers accepted that answer: ` +
        'record the request as the client signs it (README: Provider states), or expect the refusal itself (its statusCode)',
    );
  }
}
