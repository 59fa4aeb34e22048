import { randomBytes } from 'node:crypto';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import type { SessionRegistry } from '../engine/session-registry.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { startProviderStateEndpoint } from './provider-state-endpoint.js';
import { createProviderStateHandler, type StateFailure } from './provider-state-handler.js';
import { checkCredentialRefusals } from './credential-refusals.js';
import { createVerificationRequestFilter } from './verification-request-filter.js';

/** One interaction as the Pact verifier judged it. */
export interface InteractionVerdict {
  description: string;
  ok: boolean;
  /** Mismatches and errors, one readable line each. */
  problems: string[];
}

export interface PactFileVerification {
  ok: boolean;
  interactions: InteractionVerdict[];
  /** Provider states that could not be set up (each also fails its interaction). */
  stateFailures: StateFailure[];
  /** A failure of the verifier itself (no per-interaction results). */
  error?: string;
  /**
   * The Pact verifier's own filters set in the environment (`PACT_DESCRIPTION=...`): it replays only the interactions
   * they match, and the others get no verdict (a failure: a run that proved nothing must not pass).
   */
  filteredBy?: string[];
}

/** The environment variables with which the Pact verifier replays only some interactions. */
const VERIFIER_FILTERS = ['PACT_DESCRIPTION', 'PACT_PROVIDER_STATE', 'PACT_PROVIDER_NO_STATE'];

export interface VerifyPactFileOptions {
  file: string;
  providerName: string;
  surface: SurfaceId;
  /** Base URL of the surface on a listening sandbox, e.g. `http://127.0.0.1:5123/flashback`. */
  surfaceUrl: string;
  sessions: SessionRegistry;
}

/** The JSON the Pact verifier returns (pact_ffi `pactffi_verifier_json`). */
interface VerifierJson {
  result: boolean;
  errors: Array<{ interaction: string; mismatch: { type: string; message?: string; mismatches?: Array<{ mismatch: string; path?: string }> } }>;
  /** The failures of pending interactions, which do not fail the run (`result` stays true). */
  pendingErrors?: VerifierJson['errors'];
  interactionResults?: Array<{ description: string; result: string }>;
}

/** Quoted values longer than this are cut in the report (a QR-code data URL is thousands of characters). */
const QUOTE_LIMIT = 80;

function shorten(text: string): string {
  return text.replace(/'([^']{80,})'/g, (_whole, value: string) => `'${value.slice(0, QUOTE_LIMIT)}...'`);
}

function toProblems(mismatch: VerifierJson['errors'][number]['mismatch']): string[] {
  if (mismatch.mismatches?.length) return mismatch.mismatches.map((item) => shorten(item.path ? `${item.path}: ${item.mismatch}` : item.mismatch));
  return [mismatch.message ?? mismatch.type];
}

/**
 * The verifier's results in pact order, each with its own problems. Errors name their interaction only by its
 * description (and states, in a form not worth parsing), and a pact may give two interactions one description with
 * different states: an interaction that passed has no problems whatever shares its description, and the failing ones
 * of a description take its errors in order (the last takes any left over). An error is named `... - <description>`,
 * so it belongs to the longest description it ends with: `admin view - status` ends with ` - status` too.
 */
function toVerdicts(json: VerifierJson): InteractionVerdict[] {
  const results = json.interactionResults ?? [];
  const failing = new Map<string, number>();
  for (const { description, result } of results) if (result !== 'OK') failing.set(description, (failing.get(description) ?? 0) + 1);
  const longestFirst = [...new Set(results.map((result) => result.description))].sort((a, b) => b.length - a.length);
  const ownerOf = (error: VerifierJson['errors'][number]) => longestFirst.find((description) => error.interaction.endsWith(` - ${description}`));
  const taken = new Map<string, number>();
  return results.map(({ description, result }) => {
    if (result === 'OK') return { description, ok: true, problems: [] };
    const errors = [...json.errors, ...(json.pendingErrors ?? [])].filter((error) => ownerOf(error) === description);
    const index = taken.get(description) ?? 0;
    taken.set(description, index + 1);
    const own = index === failing.get(description)! - 1 ? errors.slice(index) : errors.slice(index, index + 1);
    return { description, ok: false, problems: own.flatMap((error) => toProblems(error.mismatch)) };
  });
}

function parseVerifierJson(text: string): VerifierJson | undefined {
  try {
    const json = JSON.parse(text) as VerifierJson;
    return typeof json === 'object' && json !== null && Array.isArray(json.errors) ? json : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replay one pact file against a listening sandbox with the real Pact verifier: each interaction in its own session,
 * its provider states set up from the vocabulary (src/contracts/provider-states.ts), an unknown state a failure.
 *
 * @example
 * const result = await verifyPactFile({ file: 'pacts/web-flashback.json', providerName: 'flashback', surface: 'flashback', surfaceUrl, sessions });
 * result.ok // true when every interaction matched and every state was set up
 */
export async function verifyPactFile(options: VerifyPactFileOptions): Promise<PactFileVerification> {
  const sessionPrefix = `pact-${randomBytes(4).toString('hex')}`;
  const handler = createProviderStateHandler({ sessions: options.sessions, surface: options.surface, surfaceUrl: options.surfaceUrl, sessionPrefix });
  const endpoint = await startProviderStateEndpoint(handler);
  const verifierOptions: VerifierOptions = {
    provider: options.providerName,
    providerBaseUrl: options.surfaceUrl,
    pactUrls: [options.file],
    // Our own state endpoint (see provider-state-endpoint.ts); pact-js logs once that this option is deprecated.
    providerStatesSetupUrl: endpoint.url,
    requestFilter: createVerificationRequestFilter({ handler, sessions: options.sessions, surface: options.surface }),
    logLevel: 'warn',
  };
  let outcome: string;
  let passed: boolean;
  try {
    outcome = await new Verifier(verifierOptions).verifyProvider();
    passed = true;
  } catch (error) {
    outcome = error instanceof Error ? error.message : String(error);
    passed = false;
  } finally {
    await endpoint.close();
  }
  const filters = VERIFIER_FILTERS.filter((name) => process.env[name] !== undefined && process.env[name] !== '').map((name) => `${name}=${process.env[name]}`);
  const filteredBy = filters.length > 0 ? { filteredBy: filters } : {};
  const json = parseVerifierJson(outcome);
  if (!json)
    return { ok: false, interactions: [], stateFailures: [...handler.failures], error: outcome || 'the Pact verifier failed without a report', ...filteredBy };
  const interactions = toVerdicts(json);
  checkCredentialRefusals(interactions, options.file, options.sessions, (replayed) => `${sessionPrefix}-${replayed + 1}`);
  const ok = passed && json.result && handler.failures.length === 0 && interactions.every((interaction) => interaction.ok);
  return { ok, interactions, stateFailures: [...handler.failures], ...filteredBy };
}
