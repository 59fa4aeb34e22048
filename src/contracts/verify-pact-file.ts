import { randomBytes } from 'node:crypto';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import type { SessionRegistry } from '../engine/session-registry.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { startProviderStateEndpoint } from './provider-state-endpoint.js';
import { createProviderStateHandler, type StateFailure } from './provider-state-handler.js';
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
}

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

function toVerdicts(json: VerifierJson): InteractionVerdict[] {
  return (json.interactionResults ?? []).map(({ description, result }) => {
    const problems = json.errors.filter((error) => error.interaction.endsWith(` - ${description}`)).flatMap((error) => toProblems(error.mismatch));
    return { description, ok: result === 'OK' && problems.length === 0, problems };
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
  const handler = createProviderStateHandler({
    sessions: options.sessions,
    surface: options.surface,
    surfaceUrl: options.surfaceUrl,
    sessionPrefix: `pact-${randomBytes(4).toString('hex')}`,
  });
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
  const json = parseVerifierJson(outcome);
  if (!json) return { ok: false, interactions: [], stateFailures: [...handler.failures], error: outcome || 'the Pact verifier failed without a report' };
  const interactions = toVerdicts(json);
  const ok = passed && json.result && handler.failures.length === 0 && interactions.every((interaction) => interaction.ok);
  return { ok, interactions, stateFailures: [...handler.failures] };
}
