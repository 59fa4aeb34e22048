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
import { createSandboxSessions, type SandboxSession, type SandboxSessions } from './pipeline/sandbox-session.js';

export type { Config } from './config.js';
export type { SurfaceId } from './surfaces/registry.js';
export type { TotpCodeEntry, TotpCodeStatus } from './engine/current-totp-codes.js';
export type { SandboxSession } from './pipeline/sandbox-session.js';
export { toSignedHeaders } from './surfaces/genauth/genauth-descriptor.js';

export type SandboxOptions = Partial<Config>;

export interface RunningSandbox extends SandboxSessions {
  /** Base URL, e.g. `http://127.0.0.1:53124`; surfaces are under `/<surface>` unless `surface` was set. */
  readonly url: string;
  session(id: string): SandboxSession;
  close(): Promise<void>;
}

/** Start a sandbox on 127.0.0.1 and a random port (quiet logs unless asked). */
export async function createSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const config: Config = { ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', logLevel: 'silent', ...options };
  const { app, sessions } = await buildApp(config);
  const url = await app.listen({ port: config.port, host: config.host });
  return { url, ...createSandboxSessions(sessions), close: () => app.close() };
}
