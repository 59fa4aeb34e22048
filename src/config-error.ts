import { isErrorOfClass, stampErrorClass } from './errors.js';

/**
 * A configuration problem found before anything starts: a flag, an environment value or an option of
 * `createSandbox()` / `createMfaHandlers()`. In a module of its own, importing only the error stamp, so that the MSW
 * handlers (which run in a browser) throw the same class as the server's configuration does.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** Also an error of this class that the package's other build threw (see stampErrorClass). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isErrorOfClass(this, ConfigError, 'ConfigError', value);
  }
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    stampErrorClass(this, 'ConfigError');
  }
}
