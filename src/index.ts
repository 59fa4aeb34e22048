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
import { DEFAULT_CONFIG, type Config } from './config.js';
import type { Clock } from './engine/clock.js';
import type { JournalEntry } from './engine/journal.js';
import type { SessionRegistry, SessionState } from './engine/session-registry.js';
import { findTotpCode, listTotpCodes, type TotpCodeStatus } from './engine/current-totp-codes.js';
import type { OutboxMessage, World } from './engine/world.js';
import { SESSION_HEADER } from './pipeline/request-context.js';

export type { Config } from './config.js';
export type { SurfaceId } from './surfaces/registry.js';
export type { TotpCodeEntry, TotpCodeStatus } from './engine/current-totp-codes.js';
export { toSignedHeaders } from './surfaces/genauth/request-signature.js';
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

/** Config overrides, plus live objects that are no part of the (serialisable) Config. */
export interface SandboxOptions extends Partial<Config> {
  /**
   * Where the sandbox's sessions take their time from: TOTP steps, code and link expiries, session TTL, journal and
   * `createdAt` times. The wall clock by default; a `createControlledClock()` for tests that must not wait.
   */
  clock?: Clock;
}

/** One isolated session: its header, scenario, state, outbox and authenticator codes. */
export interface SandboxSession {
  readonly id: string;
  /** Headers that put a request in this session: spread them into fetch/axios headers. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Switch the session (all surfaces that have the scenario, or one) and start it fresh. The new worlds exist at once:
   * `state()`, `totpCode()` and the admin API show them before any vendor request.
   */
  useScenario(name: string, surface?: string): string[];
  /** Messages (magic links, one-time codes) the session's surfaces sent. */
  outbox(surface?: string): Array<OutboxMessage & { surface: string }>;
  /**
   * The code an authenticator shows now for a TOTP secret of this session. By factor id: that factor, verified or not.
   * By user id: the user's enrolled (verified) device; when the user has none, their TOTP setup in progress (Flashback
   * `POST /mfa/setup` `GOOGLE_AUTH`, nest-auth `setup/totp`, Lerian `totp`), i.e. the code that verifies the setup.
   * `options.status` asks for one kind only (`'pending'`: the setup's code even when a device is already enrolled).
   * The session's current worlds are searched first. Throws when nothing matches.
   *
   * @example
   * await fetch(`${sandbox.url}/flashback/mfa/setup`, { method: 'POST', headers, body: '{"mfaType":"GOOGLE_AUTH"}' });
   * const code = qa.totpCode('usr_ada'); // verifies the setup: POST /flashback/mfa/verify-setup {"mfaType":"GOOGLE_AUTH","code":code}
   */
  totpCode(factorOrUserId: string, options?: { status?: TotpCodeStatus }): string;
  journal(): JournalEntry[];
  /**
   * The session's worlds by `<surface>/<scenario>` (read-only view of the live state): the current world of every
   * surface (built now if the session has not used it yet, as its next request would) and any `Prefer` ones.
   */
  state(): Record<string, World>;
  reset(): void;
}

export interface RunningSandbox extends Omit<SandboxSession, 'id' | 'headers'> {
  /** Base URL, e.g. `http://127.0.0.1:53124`; surfaces are under `/<surface>` unless `surface` was set. */
  readonly url: string;
  session(id: string): SandboxSession;
  close(): Promise<void>;
}

function worlds(sessions: SessionRegistry, id: string): World[] {
  return Object.values(sessions.find(id)?.worlds ?? {});
}

function createSession(sessions: SessionRegistry, id: string): SandboxSession {
  const session = (): SessionState => sessions.session(id);
  return {
    id,
    headers: { [SESSION_HEADER]: id },
    useScenario: (name, surface) => sessions.useScenario(id, name, surface),
    outbox: (surface) =>
      worlds(sessions, id)
        .filter((world) => !surface || world.surface === surface)
        .flatMap((world) => world.outbox.map((message) => ({ ...message, surface: world.surface }))),
    totpCode(factorOrUserId, options = {}) {
      const entries = listTotpCodes(sessions.worldsForReading(session()), sessions.clock.now());
      const entry = findTotpCode(entries, factorOrUserId, options.status);
      if (!entry) throw new Error(`No TOTP factor or setup "${factorOrUserId}"${options.status ? ` (${options.status})` : ''} in session "${id}"`);
      return entry.code;
    },
    journal: () => session().journal.entries(),
    state: () => {
      const current = session();
      sessions.worldsForReading(current);
      return current.worlds;
    },
    reset: () => void sessions.reset(id),
  };
}

/** Start a sandbox on 127.0.0.1 and a random port (quiet logs unless asked), on `options.clock` if given. */
export async function createSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { clock, ...overrides } = options;
  const config: Config = { ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', logLevel: 'silent', ...overrides };
  const { app, sessions } = await buildApp(config, clock ? { clock } : {});
  const url = await app.listen({ port: config.port, host: config.host });
  const defaultSession = createSession(sessions, 'default');
  return {
    url,
    session: (id) => createSession(sessions, id),
    useScenario: defaultSession.useScenario,
    outbox: defaultSession.outbox,
    totpCode: defaultSession.totpCode,
    journal: defaultSession.journal,
    state: defaultSession.state,
    reset: () => {
      for (const id of sessions.ids()) sessions.reset(id);
    },
    close: () => app.close(),
  };
}
