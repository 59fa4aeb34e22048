/**
 * A configuration problem found before anything starts: a flag, an environment value or an option of
 * `createSandbox()` / `createMfaHandlers()`. In a module of its own, with no imports, so that the MSW handlers (which
 * run in a browser) throw the same class as the server's configuration does.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
