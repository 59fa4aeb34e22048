/**
 * Programmatic API for in-process tests: start a sandbox on a random port and drive its sessions directly.
 * This is an entry point like main.ts, so it may compose the app.
 *
 * @example
 * import { createSandbox } from 'mfa-sandbox';
 * const sandbox = await createSandbox();
 * const qa = sandbox.session('checkout-test');
 * qa.useScenario('org-enforced');
 * await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...qa.headers, authorization: 'Bearer flashback-token-ada' } });
 * await sandbox.close();
 */
import { buildApp } from './app.js';
import { toSandboxConfig, type SandboxConfigOptions } from './sandbox-config.js';
import type { Clock } from './engine/clock.js';
import { ConfigError } from './config.js';
import { isSessionMoment } from './engine/session-clock.js';
import { createSandboxSessions, type SandboxSession as SessionOf, type SandboxSessions } from './pipeline/sandbox-session.js';
import { checkSessionFileSchema } from './admin/session-file-check.js';
import { toRoutesBySurface } from './pipeline/check-override.js';
import { toPasskeySurfaces, type OperationName, type ScenarioName, type SurfaceId } from './surfaces/registry.js';
import { toListenProblem } from './server/listen-problem.js';
import type { FastifyInstance } from 'fastify';

/**
 * `setImmediate` as it was when the package was loaded (before any test framework's fake timers): a test that calls
 * `vi.useFakeTimers()` around a sandbox got a `close()` that never settled, its one turn of the loop waiting on a
 * clock only the test advances.
 */
const realSetImmediate = globalThis.setImmediate;

export type { Config } from './config.js';
export { ConfigError } from './config.js';
export { SandboxError, type SandboxErrorCode } from './errors.js';
export { SpecError } from './openapi/load-spec.js';
export { ScenarioError, ScenarioProblems } from './scenarios/scenario-problems.js';
export type { JournalEntry } from './engine/journal.js';
export type { OutboxMessage, World } from './engine/world.js';
export type { OperationId, OperationName, ScenarioId, ScenarioName, SurfaceId } from './surfaces/registry.js';
export type { TotpCodeEntry, TotpCodeStatus } from './engine/current-totp-codes.js';
export type { SandboxSessionClock } from './pipeline/sandbox-session.js';
/** One session's controls (`sandbox.session(id)`); a surface they take is a `SurfaceId`, so a misspelt one does not compile. */
export type SandboxSession = SessionOf<SurfaceId, OperationName, ScenarioName>;
export type { SessionFile, SessionFileProblem } from './engine/session-file.js';
export type { ImportedSession } from './pipeline/session-files.js';
export { JournalVerificationError } from './pipeline/sandbox-session.js';
export { OutboxWaitTimeoutError } from './pipeline/outbox-wait.js';
export type { ListedOutboxMessage, OutboxCriteria } from './engine/outbox-query.js';
export type { JournalFilter, JournalExpectation, JournalVerification } from './engine/journal-query.js';
export type { SessionOverride, SessionOverrideInput } from './engine/session-overrides.js';
export type { LockedWorld } from './engine/set-user-locked.js';
export type { ImportedPasskey, PasskeySelection, PlaywrightPasskey } from './engine/passkey-sharing.js';
export { toSignedHeaders } from './surfaces/genauth/genauth-descriptor.js';
export type { Clock, ControlledClock } from './engine/clock.js';

/**
 * A clock that moves only when told to: pass it to `createSandbox({ clock })` and move it instead of sleeping, e.g. to
 * the next 30-second TOTP step, past a magic link's or a one-time code's expiry, or past the session TTL.
 *
 * @example
 * import { createControlledClock, createSandbox } from 'mfa-sandbox';
 * const clock = createControlledClock(Date.UTC(2026, 0, 1));
 * const sandbox = await createSandbox({ clock });
 * sandbox.useScenario('mfa-enabled'); // Ada has an enrolled authenticator
 * const before = sandbox.totpCode('usr_ada');
 * clock.advance(30_000); // the next TOTP step, at once
 * sandbox.totpCode('usr_ada') !== before; // true: the code of the next step
 */
export { createControlledClock } from './engine/clock.js';

/**
 * Config overrides, plus live objects that are no part of the (serialisable) Config. Sessions live in memory: the
 * in-process controls (`totpCode()`, `outbox()` ...) read them synchronously; PostgreSQL state is for served replicas
 * (`mfa-sandbox serve --state postgres://...`), whose sessions the admin API reads.
 */
export interface SandboxOptions extends Omit<SandboxConfigOptions, 'scenario'> {
  /** The scenario every new session starts in, unless it picks one (`default` when unset). */
  scenario?: ScenarioName;
  /**
   * Where the sandbox's sessions take their time from: TOTP steps, code and link expiries, session TTL, journal and
   * `createdAt` times. The wall clock by default; a `createControlledClock()` for tests that must not wait.
   */
  clock?: Clock;
}

export interface RunningSandbox extends SandboxSessions<SurfaceId, OperationName, ScenarioName> {
  /** Base URL, e.g. `http://127.0.0.1:53124`; surfaces are under `/<surface>` unless `surface` was set. */
  readonly url: string;
  /**
   * What `mfa-sandbox check` and a start would warn of in the scenarios loaded: a user's file that replaces a shipped
   * scenario, a setting its surface never reads. Also logged at `warn` level; a test may assert there are none.
   */
  readonly warnings: readonly string[];
  session(id: string): SandboxSession;
  /**
   * Stop the server. Requests in flight are answered; one waiting out an injected delay (a scenario's latency,
   * `Prefer: latency`) is answered at once, so a request a timed-out test left behind does not hold the close up.
   * The sessions go with it: every session control called afterwards throws a `SandboxError` (`MOCK_ERR_CLOSING`).
   */
  close(): Promise<void>;
}

/** A clock whose `now()` gives whole ms from 1970 to 9999, or a ConfigError: a bad one failed every later request. */
function checkClock(clock: unknown): void {
  const now = typeof (clock as Partial<Clock> | null)?.now === 'function' ? (clock as Clock).now() : undefined;
  if (now === undefined || !isSessionMoment(now)) {
    throw new ConfigError(
      `clock must be an object whose now() gives ms since the epoch, e.g. createControlledClock(Date.UTC(2026, 0, 1)); its now() gave ${String(now)}`,
    );
  }
}

/**
 * Listen where the options say, or a ConfigError saying which option to change (another process on the port): the raw
 * `listen EADDRINUSE` said what, not what to do. The app is closed first, so nothing of it is left running.
 */
async function listenOrSay(app: FastifyInstance, port: number, host: string): Promise<string> {
  try {
    return await app.listen({ port, host });
  } catch (error) {
    const problem = toListenProblem(error, port, host, { port: 'port', host: 'host', anyPort: 'port: 0' });
    if (problem === undefined) throw error;
    await app.close();
    throw new ConfigError(`createSandbox: ${problem}`);
  }
}

/**
 * Start a sandbox on 127.0.0.1 and a random port (quiet logs unless asked), on `options.clock` if given. Options are
 * checked as the command checks its flags (a ConfigError names a bad one); one set to `undefined` keeps its default.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  if (typeof options !== 'object' || options === null) throw new ConfigError(`createSandbox takes an object of options, got ${JSON.stringify(options)}`);
  const { clock, ...overrides } = options;
  const config = toSandboxConfig(overrides);
  if (clock !== undefined) checkClock(clock);
  const { app, sessions, specs, warnings, logger, prefixes } = await buildApp(config, clock ? { clock } : {});
  // The sandbox's own logger; with no log level given (logs off), the console, as the MSW handlers warn: a scenario
  // that replaced a shipped one by chance went unsaid. `logLevel: 'silent'` asks for none (`app.log`, below `info`, is
  // a silent stand-in).
  for (const warning of warnings) {
    if (logger) logger.warn(warning);
    else if (options.logLevel === undefined) console.warn(`mfa-sandbox: warning: ${warning}`);
  }
  const url = await listenOrSay(app, config.port, config.host);
  const closing = new AbortController();
  const tools = {
    routes: toRoutesBySurface(specs),
    prefixes,
    checkSessionFile: checkSessionFileSchema,
    passkeySurfaces: toPasskeySurfaces(specs.keys()),
    closed: closing.signal,
  };
  const close = async () => {
    await app.close();
    // The connections are ended, but a client in this very process (a test's fetch) learns so only when the event
    // loop next polls its sockets: resolved before that, a sandbox started at once on the same port got the client's
    // next request on a connection the old one had ended ("other side closed"). Two turns of the loop: in the first
    // the client reads the end of its socket and closes it, in the second it has let that socket go (one turn was
    // enough on a quiet machine, and failed once in a CI run on a loaded one).
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => realSetImmediate(resolve));
    // Last, with no turn of the loop before close() resolves: a pending waitForMessage's rejection then meets the
    // caller's handler (`await close(); await expect(wait).rejects...`) before Node counts it unhandled.
    closing.abort();
  };
  return { url, warnings, ...createSandboxSessions<SurfaceId, OperationName, ScenarioName>(sessions, tools), close };
}
