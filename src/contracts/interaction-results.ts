import type { SpecCheck } from './check-pact-against-spec.js';
import type { PactRequestSummary } from './pact-files.js';
import type { StateFailure } from './provider-state-handler.js';
import type { PactFileVerification } from './verify-pact-file.js';

/** One interaction of a pact file, with every problem the spec check and the mock found for it. */
export interface InteractionResult {
  description: string;
  /** The names of its provider states, in order. */
  providerStates: string[];
  /** Marked pending in the pact: its problems are reported and do not fail the pact. */
  pending: boolean;
  /** No problem found: false for a pending interaction that failed too. */
  ok: boolean;
  /** Spec problems, one readable line each: `code: message (location)`. */
  specProblems: string[];
  /** Mock problems (mismatches, a provider state that could not be set up), one readable line each. */
  mockProblems: string[];
}

/** A pact file's verification, interaction by interaction, plus what belongs to no single interaction. */
export interface InteractionResults {
  interactions: InteractionResult[];
  /** Problems of the file as a whole (a spec problem naming no interaction, the Pact verifier failing). */
  fileProblems: string[];
}

/** The Pact verifier's problem for an interaction whose provider state change failed. */
const STATE_CHANGE_FAILED = /state change handlers? ha(s|ve) failed/i;

/** A failed provider state as its interaction's problem: `provider state "<name>": <why>`. */
export function toStateProblem(failure: StateFailure): string {
  return `provider state "${failure.state}": ${failure.message}`;
}

/** Why the verifier may have left an interaction out: its own filters, set in the environment. */
function toFilterNote(filteredBy: readonly string[] | undefined): string {
  return filteredBy?.length ? ` (${filteredBy.join(', ')} is set: the verifier replays only the interactions it matches; unset it to verify them all)` : '';
}

/**
 * Join a pact's interactions with the spec check's and the mock verification's findings. An interaction the verifier
 * gave no verdict for fails ("no result"); a pact that failed with no failing interaction gets a file problem, so a
 * failed pact always shows at least one failure.
 *
 * @example
 * toInteractionResults(pact.interactions, specCheck, mock).interactions[0]
 * // { description: 'status', providerStates: ['the user has no MFA'], pending: false, ok: false, specProblems: ['response.body.incompatible: ...'], mockProblems: [] }
 */
export function toInteractionResults(
  summaries: readonly PactRequestSummary[],
  spec: SpecCheck | undefined,
  mock: PactFileVerification | undefined,
): InteractionResults {
  const fileProblems: string[] = [];
  // Each verdict with its place among the replayed interactions, which is how a failed state names its interaction.
  const unusedVerdicts = (mock?.interactions ?? []).map((verdict, replayed) => ({ ...verdict, replayed }));
  const interactions = summaries.map(({ description, providerStates, pending }): InteractionResult => {
    const specProblems = (spec?.errors ?? [])
      .filter((problem) => problem.interaction === description)
      .map((problem) => `${problem.code}: ${problem.message}${problem.location ? ` (${problem.location})` : ''}`);
    const mockProblems: string[] = [];
    if (mock) {
      // Descriptions may repeat within a pact: each verdict is used once, in order.
      const at = unusedVerdicts.findIndex((verdict) => verdict.description === description);
      const verdict = at < 0 ? undefined : unusedVerdicts.splice(at, 1)[0];
      const stateProblems = mock.stateFailures.filter((failure) => failure.interaction === verdict?.replayed).map(toStateProblem);
      mockProblems.push(...stateProblems);
      // The verifier's own word for a failed state ("One or more of the setup state change handlers has failed") says
      // neither which state nor why, and the request was never sent: the state's problem above replaces it.
      const verdictProblems = (verdict?.problems ?? []).filter((problem) => stateProblems.length === 0 || !STATE_CHANGE_FAILED.test(problem));
      if (!verdict) mockProblems.push(`no result from the Pact verifier${mock.error ? `: ${mock.error}` : ''}${toFilterNote(mock.filteredBy)}`);
      else if (!verdict.ok) mockProblems.push(...(verdictProblems.length || stateProblems.length ? verdictProblems : ['failed']));
    }
    return { description, providerStates, pending, ok: specProblems.length === 0 && mockProblems.length === 0, specProblems, mockProblems };
  });
  for (const problem of spec?.errors ?? []) {
    if (!summaries.some((summary) => summary.description === problem.interaction)) fileProblems.push(`spec: ${problem.code}: ${problem.message}`);
  }
  if (mock?.error && summaries.length === 0) fileProblems.push(`mock: the Pact verifier failed: ${mock.error}`);
  const failed = (spec && !spec.ok) || (mock && !mock.ok);
  if (failed && fileProblems.length === 0 && interactions.every((interaction) => interaction.ok)) {
    fileProblems.push(mock?.error ? `mock: the Pact verifier failed: ${mock.error}` : 'the pact failed with no failing interaction');
  }
  return { interactions, fileProblems };
}

/** Whether a pact's results pass it: nothing wrong with the file, and every interaction passed or is pending. */
export function passesPact(results: InteractionResults): boolean {
  return results.fileProblems.length === 0 && results.interactions.every((interaction) => interaction.ok || interaction.pending);
}
