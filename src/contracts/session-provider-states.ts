import type { SessionRegistry } from '../engine/session-registry.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { ConflictingStatesError, setUpProviderState } from './set-up-provider-state.js';
import type { SurfacePost } from './totp-enrolment.js';

/** Pact's state-change request, as its verifier POSTs it to `providerStatesSetupUrl`. */
export interface StateChange {
  state: string;
  params: Record<string, unknown>;
  action: 'setup' | 'teardown';
}

/** An interaction whose states are being set up: its surface, the scenario they chose, where the journal stood. */
interface OpenInteraction {
  surface: SurfaceId;
  scenario: string | undefined;
  journalSeq: number;
}

/** What a state change answers: the values for `fromProviderState`, and a word for the log when something is off. */
export interface StateChangeAnswer {
  values: Record<string, string>;
  warning?: string;
}

/**
 * Provider states for the Pact verifier of a team's own CI, against a running sandbox: every interaction runs in one
 * session the URL names, which starts afresh at the interaction's first state. The verifier POSTs `setup` for each
 * state (an empty one for an interaction without states), sends the request, then `teardown` for each. Nothing is reset
 * at teardown, so the last interaction's journal stays to be read after a failure.
 *
 * The first setup of an interaction is told from a further state of the same one by what came between: a teardown, or
 * a request journalled in the session (the verifier crashed before its teardown, or another run used the session).
 */
export function createSessionProviderStates(sessions: SessionRegistry, post: (surface: SurfaceId) => SurfacePost) {
  const open = new Map<string, OpenInteraction>();

  const journalSeqOf = async (sessionId: string) => (await sessions.numberedJournal(sessionId)).at(-1)?.seq ?? 0;

  /**
   * Where the interaction's requests went, checked at its teardown: to another surface than its states were set up on
   * (`?surface=` names one, the Verifier's `providerBaseUrl` another), or not into this session at all (a
   * `providerBaseUrl` without `/s/<session>/`): either way they met a world nobody prepared, and failed as plain
   * mismatches.
   */
  async function checkWhereRequestsWent(sessionId: string, interaction: OpenInteraction): Promise<string | undefined> {
    const requests = (await sessions.numberedJournal(sessionId)).filter(({ seq }) => seq > interaction.journalSeq);
    if (requests.length === 0) {
      // Either cause leaves the session's journal empty: a request outside the session, or one in it to no route (a
      // 404, which no operation journals), most often a pact path that repeats the surface providerBaseUrl names.
      return (
        `session ${sessionId}: no request of the interaction reached a ${interaction.surface} route in this session (each would be journalled): ` +
        `does providerBaseUrl carry /s/${sessionId}/, and are the pact's paths the vendor's own, without the /${interaction.surface} ` +
        `that providerBaseUrl carries? A 404's nearMisses name the routes its path missed`
      );
    }
    const elsewhere = [...new Set(requests.map(({ entry }) => entry.surface).filter((surface) => surface !== interaction.surface))];
    if (elsewhere.length === 0) return undefined;
    return `session ${sessionId}: the interaction's requests went to ${elsewhere.join(', ')}, its provider states were set up on ${interaction.surface}: give providerStatesSetupUrl the surface of providerBaseUrl (?surface=${elsewhere[0]})`;
  }

  return {
    /** Answers one state change: the values the state provides for `fromProviderState` (none at teardown). */
    async change(sessionId: string, surface: SurfaceId, change: StateChange): Promise<StateChangeAnswer> {
      if (change.action === 'teardown') {
        const closing = open.get(sessionId);
        open.delete(sessionId);
        const warning = closing && (await checkWhereRequestsWent(sessionId, closing));
        return warning ? { values: {}, warning } : { values: {} };
      }
      let interaction = open.get(sessionId);
      if (!interaction || interaction.journalSeq !== (await journalSeqOf(sessionId))) {
        await sessions.reset(sessionId);
        interaction = { surface, scenario: undefined, journalSeq: 0 };
        open.set(sessionId, interaction);
      }
      if (change.state.trim() === '') return { values: {} }; // no states: the server's default scenario
      try {
        const { scenario, values } = await setUpProviderState(
          { sessions, surface, sessionId, post: post(surface) },
          change.state,
          change.params,
          interaction.scenario,
        );
        interaction.scenario = scenario;
        // The enrolment states journal their own vendor requests: those belong to this interaction.
        interaction.journalSeq = await journalSeqOf(sessionId);
        return { values };
      } catch (error) {
        // The interaction fails; its next state or a later interaction starts afresh.
        open.delete(sessionId);
        if (error instanceof ConflictingStatesError) {
          throw new ConflictingStatesError(
            `${error.message}, or another verification run is setting up states in session ${sessionId}: give each run a session of its own`,
          );
        }
        throw error;
      }
    },
  };
}

export type SessionProviderStates = ReturnType<typeof createSessionProviderStates>;
