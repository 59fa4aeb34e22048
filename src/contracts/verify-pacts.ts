import { basename, isAbsolute, join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../config.js';
import type { SessionRegistry } from '../engine/session-registry.js';
import type { LoadedSpec } from '../openapi/load-spec.js';
import type { SurfaceId } from '../surfaces/registry.js';
import { checkPactAgainstSpec, MalformedPactError, type SpecCheck } from './check-pact-against-spec.js';
import { checkProviderStateExpressions } from './provider-state-expressions.js';
import { checkSandboxControls } from './sandbox-controls-in-pact.js';
import { checkSurfacePrefixedPaths } from './surface-prefix-in-pact.js';
import { passesPact, toInteractionResults, type InteractionResult } from './interaction-results.js';
import { findPactFiles, loadPactFile, PactFileError, toPactSurface, type PactFile } from './pact-files.js';
import { verifyPactFile, type PactFileVerification } from './verify-pact-file.js';

/** A sandbox listening on a real port, as verification needs it. */
export interface ListeningSandbox {
  sessions: SessionRegistry;
  specs: ReadonlyMap<SurfaceId, LoadedSpec<SurfaceId>>;
  /** Base URL of a surface, e.g. `http://127.0.0.1:5123/flashback` (or the root when one surface is served at `/`). */
  surfaceUrl(surface: SurfaceId): string;
}

/** Everything known about one pact file: against the spec, and against the mock. */
export interface PactVerification {
  file: string;
  consumer?: string;
  provider?: string;
  surface?: SurfaceId;
  /**
   * The spec file it was checked against: `specs/<surface>.openapi.yaml` for the sandbox's own, else the file `--specs`
   * gave (relative to the working directory when under it).
   */
  specFile?: string;
  interactions: number;
  spec?: SpecCheck;
  mock?: PactFileVerification;
  /** The file could not be verified at all (unreadable, not a pact, unknown surface). */
  error?: string;
  /** Interaction by interaction: its spec and mock problems (empty when the file could not be verified). */
  results: InteractionResult[];
  /** Problems of the file as a whole (`error`, a spec problem naming no interaction, the verifier failing). */
  fileProblems: string[];
  ok: boolean;
  durationMs: number;
}

export interface VerificationReport {
  pacts: PactVerification[];
  ok: boolean;
  durationMs: number;
}

function toResults(pact: PactFile, spec: SpecCheck, mock: PactVerification['mock']): Pick<PactVerification, 'results' | 'fileProblems'> {
  const { interactions, fileProblems } = toInteractionResults(pact.interactions, spec, mock);
  return { results: interactions, fileProblems };
}

async function verifyOne(file: string, sandbox: ListeningSandbox, surface: SurfaceId | undefined): Promise<PactVerification> {
  const started = performance.now();
  const failed = (error: string) => ({ results: [], fileProblems: [error], ok: false, durationMs: performance.now() - started });
  let pact: PactFile;
  let resolved: SurfaceId;
  try {
    pact = await loadPactFile(file);
  } catch (error) {
    const parties = error instanceof PactFileError ? error.parties : undefined;
    return { file, ...parties, interactions: 0, error: (error as Error).message, ...failed((error as Error).message) };
  }
  try {
    resolved = toPactSurface(pact, sandbox.specs, surface);
  } catch (error) {
    const parties = { consumer: pact.consumer, provider: pact.provider };
    return { file, ...parties, interactions: pact.interactions.length, error: (error as Error).message, ...failed((error as Error).message) };
  }
  const spec = sandbox.specs.get(resolved);
  if (!spec) {
    const error = `the sandbox does not serve ${resolved}`;
    return { file, consumer: pact.consumer, provider: pact.provider, interactions: pact.interactions.length, error, ...failed(error) };
  }
  // Both checks always run: a pact can fail against the spec, the mock, or both, and the report says which.
  let comparedWithSpec: SpecCheck;
  try {
    comparedWithSpec = await checkPactAgainstSpec(pact.json, spec.document);
  } catch (error) {
    // One unreadable file fails on its own; the other pacts are still verified and reported.
    if (!(error instanceof MalformedPactError)) throw error;
    const message = `${file}: ${error.message}`;
    return { file, consumer: pact.consumer, provider: pact.provider, interactions: pact.interactions.length, error: message, ...failed(message) };
  }
  // A name no state of the interaction provides is a typo: the verifier sent the example value, so the interaction did
  // not test what it says (a stale TOTP code answered `verified: false`, and a pact expecting that passed). It fails.
  const unprovided = checkProviderStateExpressions(pact.json, resolved, sandbox.sessions.catalogue);
  // A request that scripts the sandbox's answer (`Prefer: code=500`) passes against the sandbox only: it fails too.
  const scripted = checkSandboxControls(pact.json);
  // A path with the sandbox's surface prefix in it: the spec check and the mock say it is no path, this says why.
  const prefixed = checkSurfacePrefixedPaths(pact.json, resolved);
  const ownProblems = [...unprovided, ...scripted, ...prefixed];
  const specCheck = { ...comparedWithSpec, ok: comparedWithSpec.ok && ownProblems.length === 0, errors: [...comparedWithSpec.errors, ...ownProblems] };
  const mock = await verifyPactFile({
    file,
    providerName: pact.provider,
    surface: resolved,
    surfaceUrl: sandbox.surfaceUrl(resolved),
    sessions: sandbox.sessions,
  });
  const results = toResults(pact, specCheck, mock);
  return {
    file,
    consumer: pact.consumer,
    provider: pact.provider,
    surface: resolved,
    specFile: toShownPath(spec.file),
    interactions: pact.interactions.length,
    spec: specCheck,
    mock,
    ...results,
    // Every interaction must have passed, not only the verifier's run: one it never replayed has no verdict. A pending
    // one may fail (its spec problems included): each failure of the spec check or the mock belongs to an interaction,
    // or is a file problem (toInteractionResults), so nothing else can fail the pact unseen.
    ok: mock.error === undefined && passesPact({ interactions: results.results, fileProblems: results.fileProblems }),
    durationMs: performance.now() - started,
  };
}

/**
 * A spec file as a report names it: the sandbox's own by its place in the package (`specs/flashback.openapi.yaml`, as
 * the server serves it), a user's relative to the working directory when under it, else as it is.
 */
function toShownPath(file: string): string {
  const own = relative(PACKAGE_ROOT, file);
  if (own === join('specs', basename(file))) return own;
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') || isAbsolute(shown) ? file : shown;
}

/**
 * Verify pact files (a file, or every `*.json` in a directory) against the sandbox's mock and against the spec of
 * their surface. One pact file after another: the Pact verifier runs one verification at a time.
 *
 * @example
 * const report = await verifyPacts('pacts', sandbox);
 * report.ok // every pact matches its spec and the mock honours every interaction
 */
export async function verifyPacts(path: string, sandbox: ListeningSandbox, surface?: SurfaceId): Promise<VerificationReport> {
  const started = performance.now();
  const files = await findPactFiles(path);
  const pacts: PactVerification[] = [];
  for (const file of files) pacts.push(await verifyOne(file, sandbox, surface));
  return { pacts, ok: pacts.every((pact) => pact.ok), durationMs: performance.now() - started };
}
