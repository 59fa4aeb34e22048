import type { SessionRegistry } from '../engine/session-registry.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { ProviderStateError } from './provider-states.js';
import { setUpProviderState } from './set-up-provider-state.js';
import { postOverHttp } from './totp-enrolment.js';

/**
 * Sets up provider states during Pact verification: every interaction runs in its own X-Mock-Session, whose scenario
 * is the one its states name. The verifier calls setup (once per state, or once with an empty name for an interaction
 * without states), then sends the interaction's request, then teardown; a setup after the request starts the next
 * interaction.
 */

export interface ProviderStateHandlerOptions {
  sessions: SessionRegistry;
  surface: SurfaceId;
  /** Base URL of the surface under verification, e.g. `http://127.0.0.1:5123/flashback`. */
  surfaceUrl: string;
  /** Prefix of the session ids it creates (one run's sessions never meet another's). */
  sessionPrefix: string;
}

/** A state that could not be set up, and why (shown in the verification report). */
export interface StateFailure {
  state: string;
  message: string;
  /**
   * Which interaction it failed, by its place among those the verifier replayed (0: the first), in the order of its
   * results: two interactions may give the same state, and only one of them failed it.
   */
  interaction: number;
}

export interface ProviderStateHandler {
  /** Set up one state of the next interaction; resolves to the values it provides for `fromProviderState`. */
  setup(state: string, params: Record<string, unknown>): Promise<Record<string, string>>;
  teardown(): void;
  /** The session the interaction's request runs in (a fresh one when no setup came first). */
  sessionForRequest(): string;
  readonly failures: readonly StateFailure[];
}

interface Interaction {
  sessionId: string;
  /** Its place among the interactions replayed so far (0: the first). */
  replayed: number;
  scenario: string | undefined;
  requested: boolean;
}

export function createProviderStateHandler(options: ProviderStateHandlerOptions): ProviderStateHandler {
  const { sessions, surface } = options;
  const post = postOverHttp(options.surfaceUrl);
  const failures: StateFailure[] = [];
  let count = 0;
  let current: Interaction | undefined;
  // Every interaction the verifier replays starts exactly one: at its first setup, or at its request when none came.
  const startInteraction = (): Interaction => ({
    sessionId: `${options.sessionPrefix}-${++count}`,
    replayed: count - 1,
    scenario: undefined,
    requested: false,
  });

  function interaction(): Interaction {
    if (!current || current.requested) current = startInteraction();
    return current;
  }

  async function apply(open: Interaction, name: string, params: Record<string, unknown>): Promise<Record<string, string>> {
    const { scenario, values } = await setUpProviderState({ sessions, surface, sessionId: open.sessionId, post }, name, params, open.scenario);
    open.scenario = scenario;
    return values;
  }

  return {
    async setup(name, params) {
      const open = interaction();
      if (name.trim() === '') return {}; // an interaction without states runs in the server's default scenario
      try {
        return await apply(open, name, params);
      } catch (error) {
        // The interaction fails; its half-prepared session must not leak into the next one.
        current = undefined;
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ state: name, message, interaction: open.replayed });
        throw error instanceof ProviderStateError ? error : new ProviderStateError(message);
      }
    },
    teardown() {
      current = undefined;
    },
    sessionForRequest() {
      const open = current && !current.requested ? current : startInteraction();
      open.requested = true;
      return open.sessionId;
    },
    get failures() {
      return failures;
    },
  };
}
